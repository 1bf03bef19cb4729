import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisClient, type Redis } from '../redis/redis-client.ts';
import { TieredCache } from './tiered-cache.ts';

/**
 * The same contract runs against the LRU-only cache (embedded mode) and the LRU + Redis cache. The Redis variant
 * runs when REDIS_URL is set (CI sets it), against the real server.
 */
const redisUrl = process.env['REDIS_URL'];
const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

async function makeCaches(withRedis: boolean): Promise<[TieredCache<{ v: number }>, TieredCache<{ v: number }>]> {
  const name = `test-${randomUUID()}`;
  if (!withRedis || !redisUrl) {
    const cache = new TieredCache<{ v: number }>({ name });
    return [cache, cache];
  }
  const make = async () => {
    const redis = await createRedisClient({ url: redisUrl, connectionName: 'cache-test' });
    const subscriber = await createRedisClient({ url: redisUrl, connectionName: 'cache-test-sub' });
    clients.push(redis, subscriber);
    const cache = new TieredCache<{ v: number }>({ name, redis, subscriber, keyPrefix: 'orchestra-test:' });
    await cache.start();
    return cache;
  };
  return [await make(), await make()];
}

describe.each([
  ['LRU only', false],
  ['LRU + Redis', true],
])('TieredCache (%s)', (_label, withRedis) => {
  it('loads misses once, then serves hits without the loader (absent keys included)', async () => {
    const [cache] = await makeCaches(withRedis);
    const loads: string[][] = [];
    const load = async (keys: readonly string[]) => {
      loads.push([...keys]);
      return new Map(keys.filter((k) => k !== 'absent').map((k) => [k, { v: k.length }]));
    };
    expect(await cache.getMany(['a', 'bb', 'absent'], load)).toEqual([{ v: 1 }, { v: 2 }, null]);
    expect(await cache.getMany(['bb', 'absent', 'a'], load)).toEqual([{ v: 2 }, null, { v: 1 }]);
    expect(loads).toEqual([['a', 'bb', 'absent']]);
  });

  it('does not re-cache a value loaded before a concurrent invalidation', async () => {
    const [first, second] = await makeCaches(withRedis);
    let source = 1;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let loading: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      loading = resolve;
    });
    // A read loads the old value, a write commits and invalidates, then the read finishes.
    const slowRead = first.getMany(['k'], async (keys) => {
      const value = source;
      loading();
      await gate;
      return new Map(keys.map((k) => [k, { v: value }]));
    });
    await started;
    source = 2;
    await first.invalidate(['k']);
    release();
    expect(await slowRead).toEqual([{ v: 1 }]);
    const load = async (keys: readonly string[]) => new Map(keys.map((k) => [k, { v: source }]));
    expect(await first.getMany(['k'], load)).toEqual([{ v: 2 }]);
    expect(await second.getMany(['k'], load)).toEqual([{ v: 2 }]);
  });

  it('invalidation reaches every instance', async () => {
    const [first, second] = await makeCaches(withRedis);
    let version = 1;
    const load = async (keys: readonly string[]) => new Map(keys.map((k) => [k, { v: version }]));
    expect(await first.getMany(['k'], load)).toEqual([{ v: 1 }]);
    expect(await second.getMany(['k'], load)).toEqual([{ v: 1 }]);
    version = 2;
    await first.invalidate(['k']);
    expect(await first.getMany(['k'], load)).toEqual([{ v: 2 }]);
    // The other instance drops its LRU entry when the pub/sub message arrives.
    const deadline = Date.now() + 5_000;
    let seen = await second.getMany(['k'], load);
    while (seen[0]?.v !== 2 && Date.now() < deadline) {
      await new Promise((resolve) => setImmediate(resolve));
      seen = await second.getMany(['k'], load);
    }
    expect(seen).toEqual([{ v: 2 }]);
  });
});
