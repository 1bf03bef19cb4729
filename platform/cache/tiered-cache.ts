import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Redis } from '../redis/redis-client.ts';
import type { Logger } from '../logger.ts';

/** Options of {@link TieredCache}. */
export interface TieredCacheOptions {
  /** Name of the cache; part of every Redis key and of the invalidation channel. */
  readonly name: string;
  /** Entries held by the in-process LRU tier. @defaultValue 10000 */
  readonly maxItems?: number;
  /** Lifetime of an entry in the LRU and Redis tiers, in seconds. @defaultValue 300 */
  readonly ttlSeconds?: number;
  /** Redis client of the shared tier; absent = LRU tier only (embedded mode). */
  readonly redis?: Redis | undefined;
  /** Second client, in subscriber mode, that receives other instances' invalidations; needed with `redis`. */
  readonly subscriber?: Redis | undefined;
  /** Prefix of Redis keys. @defaultValue `orchestra:` */
  readonly keyPrefix?: string;
  /** Lifetime of a fill lease in Redis, in ms: a load slower than this cannot fill the Redis tier. @defaultValue 10000 */
  readonly leaseMs?: number;
  readonly logger?: Logger | undefined;
}

const NULL_MARKER = '\u0000null';
/** Default of {@link TieredCacheOptions.leaseMs}. */
export const DEFAULT_LEASE_MS = 10_000;

/** Fills KEYS[1] with ARGV[2] (for ARGV[3] seconds) only if the lease KEYS[2] still holds token ARGV[1]. */
const FILL_IF_LEASED = `if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  redis.call('DEL', KEYS[2])
  return 1
end
return 0`;

/** One in-flight load of a key; marked stale when the key is invalidated before the load finishes. */
interface LoadTicket {
  stale: boolean;
}

/**
 * A read-through cache in three tiers: in-process LRU → Redis → the loader (Postgres). Values are JSON.
 * Writes go to the source first, then call {@link TieredCache.invalidate}, which drops the key from Redis and from
 * every instance's LRU (a Redis pub/sub message on `<prefix>cache:<name>:invalidate`). Misses are cached too
 * (as null) so that repeated lookups of an absent key do not reach Postgres.
 *
 * A read racing a write cannot re-cache the old value: an invalidation marks the key's in-flight loads of this
 * instance stale (they return their value but do not cache it), and in Redis a reader takes a lease on a missing key
 * before it loads, fills only while the lease is still its own, and an invalidation deletes the lease with the entry
 * — the leases of Nishtala et al., "Scaling Memcache at Facebook" (NSDI 2013, §3.2.1).
 *
 * Keys must contain the tenant id; the cache itself knows nothing of tenants.
 */
export class TieredCache<V extends object> {
  private readonly lru: LRUCache<string, V | typeof NULL_MARKER>;
  private readonly ttlSeconds: number;
  private readonly redisPrefix: string;
  private readonly channel: string;
  private readonly leaseMs: number;
  private readonly loads = new Map<string, Set<LoadTicket>>();
  private readonly onMessage = (channel: string, key: string): void => {
    if (channel === this.channel) this.forget(key);
  };

  constructor(private readonly options: TieredCacheOptions) {
    this.ttlSeconds = options.ttlSeconds ?? 300;
    this.lru = new LRUCache({ max: options.maxItems ?? 10_000, ttl: this.ttlSeconds * 1000 });
    const prefix = options.keyPrefix ?? 'orchestra:';
    this.redisPrefix = `${prefix}cache:${options.name}:`;
    this.channel = `${prefix}cache:${options.name}:invalidate`;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Subscribes to other instances' invalidations. Call once before use when Redis is configured. */
  async start(): Promise<void> {
    if (!this.options.subscriber) return;
    this.options.subscriber.on('message', this.onMessage);
    await this.options.subscriber.subscribe(this.channel);
  }

  /**
   * Returns the cached value of each key, loading the misses of both tiers in one call to `load`
   * (which returns a map of the keys it found). Redis failures degrade to the loader, never to an error.
   */
  async getMany(keys: readonly string[], load: (missing: readonly string[]) => Promise<Map<string, V>>): Promise<(V | null)[]> {
    const result = new Map<string, V | null>();
    let missing: string[] = [];
    for (const key of keys) {
      const hit = this.lru.get(key);
      if (hit === undefined) missing.push(key);
      else result.set(key, hit === NULL_MARKER ? null : hit);
    }
    if (missing.length > 0 && this.options.redis) {
      try {
        const values = await this.options.redis.mget(missing.map((k) => this.redisPrefix + k));
        const stillMissing: string[] = [];
        missing.forEach((key, i) => {
          const raw = values[i];
          if (raw === null || raw === undefined) {
            stillMissing.push(key);
            return;
          }
          const value = raw === NULL_MARKER ? null : (JSON.parse(raw) as V);
          this.lru.set(key, value ?? NULL_MARKER);
          result.set(key, value);
        });
        missing = stillMissing;
      } catch (error) {
        this.options.logger?.warn({ err: error, cache: this.options.name }, 'redis tier unavailable; reading through');
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
      const pipeline = this.options.redis?.pipeline();
      missing.forEach((key, i) => {
        const value = loaded.get(key) ?? null;
        result.set(key, value);
        if (tickets[i]?.stale) return;
        this.lru.set(key, value ?? NULL_MARKER);
        const lease = leases?.[i];
        if (lease) {
          const raw = value === null ? NULL_MARKER : JSON.stringify(value);
          pipeline?.eval(FILL_IF_LEASED, 2, this.redisPrefix + key, this.leaseKey(key), lease, raw, this.ttlSeconds);
        }
      });
      await pipeline?.exec().catch((error: unknown) => {
        this.options.logger?.warn({ err: error, cache: this.options.name }, 'redis tier write failed');
      });
    }
    return keys.map((key) => result.get(key) ?? null);
  }

  /** Drops keys from every tier on every instance. Call after the source of truth committed a change. */
  async invalidate(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.forget(key);
    const redis = this.options.redis;
    if (!redis || keys.length === 0) return;
    const pipeline = redis.pipeline();
    pipeline.del(...keys.flatMap((k) => [this.redisPrefix + k, this.leaseKey(k)]));
    for (const key of keys) pipeline.publish(this.channel, key);
    await pipeline.exec();
  }

  /** Takes a fill lease on each key (a fresh token, overwriting older leases); undefined without Redis. */
  private async takeLeases(keys: readonly string[]): Promise<(string | undefined)[] | undefined> {
    const redis = this.options.redis;
    if (!redis) return undefined;
    const tokens = keys.map(() => randomUUID());
    const pipeline = redis.pipeline();
    keys.forEach((key, i) => pipeline.set(this.leaseKey(key), tokens[i] ?? '', 'PX', this.leaseMs));
    try {
      await pipeline.exec();
      return tokens;
    } catch (error) {
      this.options.logger?.warn({ err: error, cache: this.options.name }, 'redis tier lease failed; not filling');
      return undefined;
    }
  }

  private leaseKey(key: string): string {
    return `${this.redisPrefix}lease:${key}`;
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

  /** Stops listening for invalidations (idempotent). Does not close the Redis clients it was given. */
  async close(): Promise<void> {
    if (!this.options.subscriber) return;
    this.options.subscriber.off('message', this.onMessage);
    await this.options.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }
}
