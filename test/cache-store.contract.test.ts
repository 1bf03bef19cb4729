import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { CacheStore } from '../platform/cache/cache-store.ts';
import { InProcessCacheStore } from '../platform/cache/in-process-cache-store.ts';
import { RedisCacheStore } from '../platform/cache/redis-cache-store.ts';
import { createRedisClient, type Redis } from '../platform/redis/redis-client.ts';
import { waitFor } from './kit/client.ts';

/**
 * One contract for both shared tiers of the tiered cache (platform/cache/cache-store.ts): the Redis store and the
 * in-process one of embedded mode. Each case gets two instances of one fresh store — in Redis, two stores on their own
 * connections under a fresh cache name; in process, one store (what every cache of the process shares) seen twice.
 * The Redis implementation runs when REDIS_URL is set; the in-process one always.
 */
const redisUrl = process.env['REDIS_URL'];
const keyPrefix = 'orchestra-test:';

const connections: Redis[] = [];
const names: string[] = [];
afterAll(async () => {
  const [redis] = connections;
  for (const name of names) {
    const keys = (await redis?.keys(`${keyPrefix}cache:${name}:*`)) ?? [];
    if (keys.length > 0) await redis?.del(...keys);
  }
  for (const connection of connections) await connection.quit();
});

const implementations: { name: string; enabled: boolean; create(): Promise<[CacheStore, CacheStore]> }[] = [
  {
    name: 'in-process',
    enabled: true,
    create() {
      const store = new InProcessCacheStore({ maxEntries: 100 });
      return Promise.resolve([store, store]);
    },
  },
  {
    name: 'Redis',
    enabled: Boolean(redisUrl),
    async create() {
      const name = `contract-${randomUUID()}`;
      names.push(name);
      const instance = async (): Promise<CacheStore> => {
        const redis = await createRedisClient({ url: redisUrl ?? '', connectionName: 'cache-contract' });
        const subscriber = await createRedisClient({ url: redisUrl ?? '', connectionName: 'cache-contract-subscriber' });
        connections.push(redis, subscriber);
        return new RedisCacheStore({ name, redis, subscriber, keyPrefix });
      };
      return [await instance(), await instance()];
    },
  },
];

describe.each(implementations)('cache store contract: $name', ({ enabled, create }) => {
  it.runIf(enabled)('gets what was set, on every instance, exactly; absent keys are undefined', async () => {
    const [first, second] = await create();
    const values = ['{"v":1,"at":"1970-01-01T00:00:00.000Z"}', '\u0000null', 'ünïcödé ✓ \n', ''];
    for (const [i, value] of values.entries()) await first.set(`k${i}`, value, 60);
    expect(await second.get(['k0', 'absent', 'k1', 'k2', 'k3'])).toEqual([values[0], undefined, values[1], values[2], values[3]]);
    expect(await first.get([])).toEqual([]);
    await first.set('k0', 'replaced', 60);
    expect(await second.get(['k0'])).toEqual(['replaced']);
    await first.close();
    await second.close();
  });

  it.runIf(enabled)('forgets an entry once its ttl passed', async () => {
    const [first, second] = await create();
    await first.set('short', 'x', 1);
    await first.set('long', 'y', 60);
    expect(await second.get(['short'])).toEqual(['x']);
    await waitFor('the entry to expire', async () => ((await second.get(['short']))[0] === undefined ? true : undefined), 5_000);
    expect(await second.get(['long'])).toEqual(['y']);
  });

  it.runIf(enabled)('deletes entries on every instance, and tells every subscriber of every instance (its own included)', async () => {
    const [first, second] = await create();
    const heardFirst: string[] = [];
    const heardSecond: string[] = [];
    const stopFirst = await first.subscribe((key) => heardFirst.push(key));
    const stopSecond = await second.subscribe((key) => heardSecond.push(key));
    await first.set('a', '1', 60);
    await first.set('b', '2', 60);
    await first.delete(['a', 'never-set']);
    expect(await second.get(['a', 'b'])).toEqual([undefined, '2']);
    await waitFor('the invalidations', () => Promise.resolve(heardFirst.length >= 2 && heardSecond.length >= 2 ? true : undefined));
    expect(heardSecond.sort()).toEqual(['a', 'never-set']);
    expect(heardFirst.sort()).toEqual(['a', 'never-set']);
    // A subscriber that left hears nothing more; the other still does.
    stopSecond();
    await second.delete(['b']);
    await waitFor('the invalidation', () => Promise.resolve(heardFirst.includes('b') || undefined));
    expect(heardSecond).not.toContain('b');
    stopFirst();
    await first.close();
    await second.close();
  });

  it.runIf(enabled)('fills only under the lease still held: not after a newer lease, nor after a delete', async () => {
    const [first, second] = await create();
    const [old] = await first.lease(['k'], 10_000);
    const [newer] = await second.lease(['k'], 10_000);
    expect(old).not.toEqual(newer);
    expect(await first.fill([{ key: 'k', value: 'old', lease: old ?? '' }], 60)).toEqual([false]);
    expect(await second.fill([{ key: 'k', value: 'new', lease: newer ?? '' }], 60)).toEqual([true]);
    expect(await first.get(['k'])).toEqual(['new']);
    // The lease is released by its fill: it fills once.
    expect(await second.fill([{ key: 'k', value: 'again', lease: newer ?? '' }], 60)).toEqual([false]);
    // A reader that leased, then a write that deleted: the reader's (old) value is not cached.
    const [before] = await first.lease(['w'], 10_000);
    await second.delete(['w']);
    expect(await first.fill([{ key: 'w', value: 'stale', lease: before ?? '' }], 60)).toEqual([false]);
    expect(await second.get(['w'])).toEqual([undefined]);
    // Several fills at once answer in order.
    const tokens = await first.lease(['x', 'y'], 10_000);
    expect(
      await second.fill(
        [
          { key: 'x', value: '1', lease: tokens[0] ?? '' },
          { key: 'y', value: '2', lease: 'not-the-lease' },
        ],
        60,
      ),
    ).toEqual([true, false]);
    expect(await first.get(['x', 'y'])).toEqual(['1', undefined]);
  });

  it.runIf(enabled)('refuses to subscribe after close', async () => {
    const [first] = await create();
    await first.close();
    await expect(first.subscribe(() => undefined)).rejects.toThrow();
  });
});
