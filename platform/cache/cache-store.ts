/**
 * The shared tier of a {@link TieredCache} (platform/cache/tiered-cache.ts): a key → string store with per-entry
 * lifetimes, fill leases and invalidation heard by every instance. Implementations: `RedisCacheStore` (shared by every
 * process on the Redis) and `InProcessCacheStore` (embedded mode: one process only). One store holds one cache (its
 * name is part of the Redis keys and channel); the contract suite is test/cache-store.contract.test.ts.
 *
 * - Values are opaque strings (the cache stores JSON), returned exactly as set.
 * - An entry lives `ttlSeconds` from its last set or fill; a lease `leaseMs` from when it was taken.
 * - A fill lease (Nishtala et al., "Scaling Memcache at Facebook", NSDI 2013, §3.2.1) is a fresh token per key; a
 *   later lease on the same key replaces it, and {@link CacheStore.delete} removes it with the entry, so a reader that
 *   loaded before a write cannot fill its (old) value after the write's invalidation.
 * - {@link CacheStore.delete} tells every subscriber of every instance of the store — its own included — which keys
 *   changed, so that each drops them from the tier above it. Delivery is at most once and unordered across keys
 *   (Redis pub/sub): an instance that was disconnected misses invalidations, which the entries' lifetime bounds.
 */
export interface CacheStore {
  /**
   * The value of each key, `undefined` for an absent or expired one, in `keys` order.
   * @throws when the backing store fails.
   */
  get(keys: readonly string[]): Promise<(string | undefined)[]>;
  /** Sets `key` to `value` for `ttlSeconds` (a positive integer), unconditionally. @throws when the store fails. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /**
   * Takes a fill lease on each key for `leaseMs` (replacing any older lease). @returns the tokens, in `keys` order.
   * @throws when the store fails.
   */
  lease(keys: readonly string[], leaseMs: number): Promise<string[]>;
  /**
   * Sets each entry's key to its value for `ttlSeconds`, only where the key's lease still holds the entry's token
   * (not replaced, not deleted, not expired), and releases that lease. @returns whether each entry was filled.
   * @throws when the store fails.
   */
  fill(entries: readonly CacheFill[], ttlSeconds: number): Promise<boolean[]>;
  /**
   * Removes the keys and their leases, then tells every subscriber of every instance. Call after the source of truth
   * committed a change. @throws when the store fails (the subscribers may then not have been told).
   */
  delete(keys: readonly string[]): Promise<void>;
  /**
   * Calls `listener` with each key deleted from now on by any instance, until the returned function is called.
   * @throws when the store fails, or after `close()`.
   */
  subscribe(listener: CacheInvalidationListener): Promise<() => void>;
  /** Stops delivering invalidations and forgets every listener (idempotent). Does not close clients it was given. */
  close(): Promise<void>;
}

/** One conditional write of {@link CacheStore.fill}. */
export interface CacheFill {
  readonly key: string;
  readonly value: string;
  /** The token {@link CacheStore.lease} returned for `key`. */
  readonly lease: string;
}

/** Receives the key of an invalidated entry. Must not throw, nor block. */
export type CacheInvalidationListener = (key: string) => void;
