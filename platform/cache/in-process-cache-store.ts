import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { CacheFill, CacheInvalidationListener, CacheStore } from './cache-store.ts';

/** Options of {@link InProcessCacheStore}. */
export interface InProcessCacheStoreOptions {
  /**
   * Entries held, and separately leases held (least recently used out first: an entry pushed out is a miss, a lease
   * pushed out makes its fill fail). @defaultValue 10000
   */
  readonly maxEntries?: number;
}

/**
 * The {@link CacheStore} of embedded mode (`npm start` without Redis), where every subgraph shares one process: the
 * same contract as `RedisCacheStore` — string values with lifetimes, fill leases, invalidations told to every
 * subscriber, synchronously, before {@link InProcessCacheStore.delete} resolves — held in memory, bounded by
 * `maxEntries`, not shared across processes, and empty after a restart. Every cache of the process built over one
 * instance sees the others' invalidations.
 */
export class InProcessCacheStore implements CacheStore {
  private readonly entries: LRUCache<string, string>;
  private readonly leases: LRUCache<string, string>;
  private readonly listeners = new Set<CacheInvalidationListener>();
  private closed = false;

  constructor(options: InProcessCacheStoreOptions = {}) {
    const max = options.maxEntries ?? 10_000;
    if (!Number.isInteger(max) || max < 1) throw new Error(`InProcessCacheStore maxEntries must be a positive integer, got ${max}`);
    this.entries = new LRUCache({ max, ttl: 1, ttlAutopurge: false });
    this.leases = new LRUCache({ max, ttl: 1, ttlAutopurge: false });
  }

  get(keys: readonly string[]): Promise<(string | undefined)[]> {
    return Promise.resolve(keys.map((key) => this.entries.get(key)));
  }

  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, value, { ttl: ttlSeconds * 1000 });
    return Promise.resolve();
  }

  lease(keys: readonly string[], leaseMs: number): Promise<string[]> {
    return Promise.resolve(
      keys.map((key) => {
        const token = randomUUID();
        this.leases.set(key, token, { ttl: leaseMs });
        return token;
      }),
    );
  }

  fill(entries: readonly CacheFill[], ttlSeconds: number): Promise<boolean[]> {
    return Promise.resolve(
      entries.map(({ key, value, lease }) => {
        if (this.leases.get(key) !== lease) return false;
        this.leases.delete(key);
        this.entries.set(key, value, { ttl: ttlSeconds * 1000 });
        return true;
      }),
    );
  }

  delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      this.entries.delete(key);
      this.leases.delete(key);
    }
    for (const key of keys) for (const listener of [...this.listeners]) listener(key);
    return Promise.resolve();
  }

  subscribe(listener: CacheInvalidationListener): Promise<() => void> {
    if (this.closed) return Promise.reject(new Error('InProcessCacheStore is closed'));
    this.listeners.add(listener);
    return Promise.resolve(() => void this.listeners.delete(listener));
  }

  close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    return Promise.resolve();
  }
}
