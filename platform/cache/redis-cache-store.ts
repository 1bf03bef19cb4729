import { randomUUID } from 'node:crypto';
import type { Redis } from '../redis/redis-client.ts';
import type { CacheFill, CacheInvalidationListener, CacheStore } from './cache-store.ts';

/** Fills KEYS[1] with ARGV[2] (for ARGV[3] seconds) only if the lease KEYS[2] still holds token ARGV[1]. */
const FILL_IF_LEASED = `if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  redis.call('DEL', KEYS[2])
  return 1
end
return 0`;

/** Options of {@link RedisCacheStore}. */
export interface RedisCacheStoreOptions {
  /** Name of the cache: part of every key (`<keyPrefix>cache:<name>:<key>`) and of the invalidation channel. */
  readonly name: string;
  /** Client of the entries and leases; not closed by the store. */
  readonly redis: Redis;
  /** A client in subscriber mode that receives the invalidations (`<keyPrefix>cache:<name>:invalidate`); not closed by the store. */
  readonly subscriber: Redis;
  /** Prefix of every key and channel (`config.redis.keyPrefix`). @defaultValue `orchestra:` */
  readonly keyPrefix?: string;
}

/**
 * The {@link CacheStore} in Redis, shared by every process on it: entries `<keyPrefix>cache:<name>:<key>` (`SET EX`),
 * leases `<keyPrefix>cache:<name>:lease:<key>` (`SET PX`, filled by a Lua script that checks the token), and a
 * pub/sub channel `<keyPrefix>cache:<name>:invalidate` on which {@link RedisCacheStore.delete} publishes each key.
 */
export class RedisCacheStore implements CacheStore {
  private readonly entryPrefix: string;
  private readonly channel: string;
  private readonly listeners = new Set<CacheInvalidationListener>();
  private subscribed: Promise<unknown> | undefined;
  private closed = false;
  private readonly onMessage = (channel: string, key: string): void => {
    if (channel !== this.channel) return;
    for (const listener of [...this.listeners]) listener(key);
  };

  constructor(private readonly o: RedisCacheStoreOptions) {
    const prefix = o.keyPrefix ?? 'orchestra:';
    this.entryPrefix = `${prefix}cache:${o.name}:`;
    this.channel = `${prefix}cache:${o.name}:invalidate`;
  }

  async get(keys: readonly string[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.o.redis.mget(keys.map((key) => this.entryPrefix + key));
    return values.map((value) => value ?? undefined);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.o.redis.set(this.entryPrefix + key, value, 'EX', ttlSeconds);
  }

  async lease(keys: readonly string[], leaseMs: number): Promise<string[]> {
    const tokens = keys.map(() => randomUUID());
    if (keys.length === 0) return tokens;
    const pipeline = this.o.redis.pipeline();
    keys.forEach((key, i) => pipeline.set(this.leaseKey(key), tokens[i] ?? '', 'PX', leaseMs));
    throwFirstError(await pipeline.exec());
    return tokens;
  }

  async fill(entries: readonly CacheFill[], ttlSeconds: number): Promise<boolean[]> {
    if (entries.length === 0) return [];
    const pipeline = this.o.redis.pipeline();
    for (const { key, value, lease } of entries) {
      pipeline.eval(FILL_IF_LEASED, 2, this.entryPrefix + key, this.leaseKey(key), lease, value, ttlSeconds);
    }
    return throwFirstError(await pipeline.exec()).map((filled) => Number(filled) === 1);
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const pipeline = this.o.redis.pipeline();
    pipeline.del(...keys.flatMap((key) => [this.entryPrefix + key, this.leaseKey(key)]));
    for (const key of keys) pipeline.publish(this.channel, key);
    throwFirstError(await pipeline.exec());
  }

  async subscribe(listener: CacheInvalidationListener): Promise<() => void> {
    if (this.closed) throw new Error('RedisCacheStore is closed');
    this.listeners.add(listener);
    if (!this.subscribed) {
      this.o.subscriber.on('message', this.onMessage);
      this.subscribed = this.o.subscriber.subscribe(this.channel);
    }
    const subscribed = this.subscribed;
    try {
      await subscribed;
    } catch (error) {
      this.listeners.delete(listener);
      // The next subscribe tries again.
      if (this.subscribed === subscribed) {
        this.subscribed = undefined;
        this.o.subscriber.off('message', this.onMessage);
      }
      throw error;
    }
    return () => void this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    if (!this.subscribed) return;
    this.o.subscriber.off('message', this.onMessage);
    await this.o.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }

  private leaseKey(key: string): string {
    return `${this.entryPrefix}lease:${key}`;
  }
}

/** The replies of a pipeline, throwing the first command's error (ioredis reports them per command). */
function throwFirstError(replies: [Error | null, unknown][] | null): unknown[] {
  return (replies ?? []).map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}
