import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisClient, type Redis } from '../redis/redis-client.ts';
import { InProcessCacheStore } from './in-process-cache-store.ts';
import { RedisCacheStore } from './redis-cache-store.ts';
import { TieredCache } from './tiered-cache.ts';

/**
 * The same contract runs against the LRU-only cache, the LRU over the in-process store (embedded mode: two caches of
 * one process over one store) and the LRU + Redis cache. The Redis variant runs when REDIS_URL is set (CI sets it),
 * against the real server; without it, it runs as the LRU-only one.
 */
const redisUrl = process.env['REDIS_URL'];
const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

type Tier = 'lru' | 'in-process' | 'redis';

async function makeCaches(tier: Tier): Promise<[TieredCache<{ v: number }>, TieredCache<{ v: number }>]> {
  const name = `test-${randomUUID()}`;
  if (tier === 'in-process') {
    const store = new InProcessCacheStore();
    const [first, second] = [new TieredCache<{ v: number }>({ name, store }), new TieredCache<{ v: number }>({ name, store })];
    await first.start();
    await second.start();
    return [first, second];
  }
  if (tier === 'lru' || !redisUrl) {
    const cache = new TieredCache<{ v: number }>({ name });
    return [cache, cache];
  }
  const make = async () => {
    const redis = await createRedisClient({ url: redisUrl, connectionName: 'cache-test' });
    const subscriber = await createRedisClient({ url: redisUrl, connectionName: 'cache-test-sub' });
    clients.push(redis, subscriber);
    const store = new RedisCacheStore({ name, redis, subscriber, keyPrefix: 'orchestra-test:' });
    const cache = new TieredCache<{ v: number }>({ name, store });
    await cache.start();
    return cache;
  };
  return [await make(), await make()];
}

describe.each<[string, Tier]>([
  ['LRU only', 'lru'],
  ['LRU + in-process store', 'in-process'],
  ['LRU + Redis', 'redis'],
])('TieredCache (%s)', (_label, tier) => {
  it('loads misses once, then serves hits without the loader (absent keys included)', async () => {
    const [cache] = await makeCaches(tier);
    const loads: string[][] = [];
    const load = async (keys: readonly string[]) => {
      loads.push([...keys]);
      return new Map(keys.filter((k) => k !== 'absent').map((k) => [k, { v: k.length }]));
    };
    expect(await cache.getMany(['a', 'bb', 'absent'], load)).toEqual([{ v: 1 }, { v: 2 }, null]);
    expect(await cache.getMany(['bb', 'absent', 'a'], load)).toEqual([{ v: 2 }, null, { v: 1 }]);
    expect(loads).toEqual([['a', 'bb', 'absent']]);
  });

  it.runIf(tier === 'in-process' || (tier === 'redis' && redisUrl))(
    'serves a value one instance loaded to another from the shared tier, dates as strings',
    async () => {
      const [first, second] = await makeCaches(tier);
      const at = new Date(0);
      expect(await first.getMany(['k'], async (keys) => new Map(keys.map((k) => [k, { v: 1, at }])))).toEqual([{ v: 1, at }]);
      const loads: string[] = [];
      const seen = await second.getMany(['k'], async (keys) => {
        loads.push(...keys);
        return new Map();
      });
      expect(seen).toEqual([{ v: 1, at: at.toISOString() }]);
      expect(loads).toEqual([]);
    },
  );

  it('does not re-cache a value loaded before a concurrent invalidation', async () => {
    const [first, second] = await makeCaches(tier);
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
    const [first, second] = await makeCaches(tier);
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
