import { LRUCache } from 'lru-cache';
import type { Logger } from '../logger.ts';
import type { CacheFill, CacheStore } from './cache-store.ts';

/** Options of {@link TieredCache}. */
export interface TieredCacheOptions {
  /** Name of the cache, in its log lines (the store's own options carry the name of its keys). */
  readonly name: string;
  /** Entries held by the in-process LRU tier. @defaultValue 10000 */
  readonly maxItems?: number;
  /** Lifetime of an entry in the LRU and shared tiers, in seconds. @defaultValue 300 */
  readonly ttlSeconds?: number;
  /**
   * The shared tier (`RedisCacheStore`, or `InProcessCacheStore` in embedded mode), which also carries the
   * invalidations between instances; absent = LRU tier only, invalidating only this instance.
   */
  readonly store?: CacheStore | undefined;
  /** Lifetime of a fill lease in the shared tier, in ms: a load slower than this cannot fill it. @defaultValue 10000 */
  readonly leaseMs?: number;
  readonly logger?: Logger | undefined;
}

const NULL_MARKER = '\u0000null';
/** Default of {@link TieredCacheOptions.leaseMs}. */
export const DEFAULT_LEASE_MS = 10_000;

/** One in-flight load of a key; marked stale when the key is invalidated before the load finishes. */
interface LoadTicket {
  stale: boolean;
}

/**
 * A read-through cache in three tiers: in-process LRU → a shared {@link CacheStore} (Redis, or in process in embedded
 * mode) → the loader (Postgres). Values are JSON in the shared tier.
 * Writes go to the source first, then call {@link TieredCache.invalidate}, which deletes the key from the shared tier
 * and from every instance's LRU (the store tells every instance's subscription, e.g. Redis pub/sub). Misses are cached
 * too (as null) so that repeated lookups of an absent key do not reach Postgres.
 *
 * A read racing a write cannot re-cache the old value: an invalidation marks the key's in-flight loads of this
 * instance stale (they return their value but do not cache it), and in the shared tier a reader takes a lease on a
 * missing key before it loads, fills only while the lease is still its own, and an invalidation deletes the lease with
 * the entry — the leases of Nishtala et al., "Scaling Memcache at Facebook" (NSDI 2013, §3.2.1).
 *
 * Keys must contain the tenant id; the cache itself knows nothing of tenants.
 */
export class TieredCache<V extends object> {
  private readonly lru: LRUCache<string, V | typeof NULL_MARKER>;
  private readonly ttlSeconds: number;
  private readonly leaseMs: number;
  private readonly loads = new Map<string, Set<LoadTicket>>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: TieredCacheOptions) {
    this.ttlSeconds = options.ttlSeconds ?? 300;
    this.lru = new LRUCache({ max: options.maxItems ?? 10_000, ttl: this.ttlSeconds * 1000 });
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Subscribes to other instances' invalidations. Call once before use when a store is configured. */
  async start(): Promise<void> {
    if (!this.options.store || this.unsubscribe) return;
    this.unsubscribe = await this.options.store.subscribe((key) => this.forget(key));
  }

  /**
   * Returns the cached value of each key, loading the misses of both tiers in one call to `load`
   * (which returns a map of the keys it found). Failures of the shared tier degrade to the loader, never to an error.
   */
  async getMany(keys: readonly string[], load: (missing: readonly string[]) => Promise<Map<string, V>>): Promise<(V | null)[]> {
    const result = new Map<string, V | null>();
    let missing: string[] = [];
    for (const key of keys) {
      const hit = this.lru.get(key);
      if (hit === undefined) missing.push(key);
      else result.set(key, hit === NULL_MARKER ? null : hit);
    }
    const store = this.options.store;
    if (missing.length > 0 && store) {
      try {
        const values = await store.get(missing);
        const stillMissing: string[] = [];
        missing.forEach((key, i) => {
          const raw = values[i];
          if (raw === undefined) {
            stillMissing.push(key);
            return;
          }
          const value = raw === NULL_MARKER ? null : (JSON.parse(raw) as V);
          this.lru.set(key, value ?? NULL_MARKER);
          result.set(key, value);
        });
        missing = stillMissing;
      } catch (error) {
        this.options.logger?.warn({ err: error, cache: this.options.name }, 'shared cache tier unavailable; reading through');
      }
    }
    if (missing.length > 0) {
      const tickets = missing.map((key) => this.openTicket(key));
      const leases = await this.takeLeases(missing);
      let loaded: Map<string, V>;
      try {
        loaded = await load(missing);
      } finally {
        missing.forEach((key, i) => this.closeTicket(key, tickets[i]));
      }
      const fills: CacheFill[] = [];
      missing.forEach((key, i) => {
        const value = loaded.get(key) ?? null;
        result.set(key, value);
        if (tickets[i]?.stale) return;
        this.lru.set(key, value ?? NULL_MARKER);
        const lease = leases?.[i];
        if (lease) fills.push({ key, value: value === null ? NULL_MARKER : JSON.stringify(value), lease });
      });
      if (store && fills.length > 0) {
        await store.fill(fills, this.ttlSeconds).catch((error: unknown) => {
          this.options.logger?.warn({ err: error, cache: this.options.name }, 'shared cache tier write failed');
        });
      }
    }
    return keys.map((key) => result.get(key) ?? null);
  }

  /**
   * Drops keys from every tier on every instance. Call after the source of truth committed a change.
   * @throws when the shared tier fails (this instance's LRU is cleared all the same).
   */
  async invalidate(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.forget(key);
    if (!this.options.store || keys.length === 0) return;
    await this.options.store.delete(keys);
  }

  /** Takes a fill lease on each key (a fresh token, replacing older leases); undefined without a store. */
  private async takeLeases(keys: readonly string[]): Promise<string[] | undefined> {
    const store = this.options.store;
    if (!store) return undefined;
    try {
      return await store.lease(keys, this.leaseMs);
    } catch (error) {
      this.options.logger?.warn({ err: error, cache: this.options.name }, 'shared cache tier lease failed; not filling');
      return undefined;
    }
  }

  /** Drops a key from the LRU and marks its in-flight loads stale. */
  private forget(key: string): void {
    this.lru.delete(key);
    for (const ticket of this.loads.get(key) ?? []) ticket.stale = true;
  }

  private openTicket(key: string): LoadTicket {
    const ticket: LoadTicket = { stale: false };
    const tickets = this.loads.get(key);
    if (tickets) tickets.add(ticket);
    else this.loads.set(key, new Set([ticket]));
    return ticket;
  }

  private closeTicket(key: string, ticket: LoadTicket | undefined): void {
    const tickets = this.loads.get(key);
    if (!tickets || !ticket) return;
    tickets.delete(ticket);
    if (tickets.size === 0) this.loads.delete(key);
  }

  /** Stops listening for invalidations (idempotent). Does not close the store it was given. */
  close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    return Promise.resolve();
  }
}
