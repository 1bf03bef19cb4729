import type { Redis } from '../redis/redis-client.ts';

/**
 * The contract between the subgraphs' entity-change relays (writers, entity-change-relay.ts) and the gateway's
 * response cache (reader): one version number per (tenant, subgraph), raised after every committed write of that
 * tenant's rows in that subgraph's Postgres schema. A cached response records the versions of the subgraphs it read,
 * as they were before it was computed; it is served only while they are unchanged. Nothing else couples the two: the
 * gateway never reads a subgraph's database.
 *
 * A version that was never raised reads as 0. Versions only grow (Redis `INCR`); a Redis that lost them (restart
 * without persistence) reads 0 again, which can make an entry stored before the loss look current: the cache's Redis
 * tier is lost with it, and the in-process tier's entries live at most their max-age (documented in the README).
 */
export interface EntityVersions {
  /**
   * The current versions of `subgraphs` for `tenantId`, in the same order.
   * @throws when the store cannot be read (the caller treats it as a cache miss).
   */
  read(tenantId: string, subgraphs: readonly string[]): Promise<number[]>;
  /**
   * Raises the version of `subgraph` for each of `tenantIds` by one.
   * @throws when the store cannot be written (the relay then keeps the changes and retries).
   */
  raise(subgraph: string, tenantIds: readonly string[]): Promise<void>;
}

/**
 * The Redis key of one version: `orchestra:entity-version:<subgraph>:<tenantId>` — not under the deployment's
 * `REDIS_KEY_PREFIX`: a version describes rows of the database, and any relay may drain a change (the log is shared
 * by every process on the database), while deployments with different prefixes may read one database (as the tests
 * do). Two deployments that share a Redis but not a database only raise each other's versions: extra misses, never a
 * stale answer.
 */
export function entityVersionKey(subgraph: string, tenantId: string): string {
  return `orchestra:entity-version:${subgraph}:${tenantId}`;
}

/** Versions in Redis, shared by every gateway and subgraph instance: `MGET` to read, pipelined `INCR`s to raise. */
export class RedisEntityVersions implements EntityVersions {
  readonly #redis: Redis;

  /** @param redis the client (not closed here). */
  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async read(tenantId: string, subgraphs: readonly string[]): Promise<number[]> {
    if (subgraphs.length === 0) return [];
    const values = await this.#redis.mget(...subgraphs.map((s) => entityVersionKey(s, tenantId)));
    return values.map((v) => (v === null ? 0 : Number(v)));
  }

  async raise(subgraph: string, tenantIds: readonly string[]): Promise<void> {
    if (tenantIds.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const tenantId of tenantIds) pipeline.incr(entityVersionKey(subgraph, tenantId));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }
}

/**
 * Versions in this process's memory, for embedded mode (no Redis), where the gateway and the subgraphs share one
 * process and so one instance. Never shared between processes: a gateway in another process must not use it.
 */
export class InProcessEntityVersions implements EntityVersions {
  readonly #versions = new Map<string, number>();

  read(tenantId: string, subgraphs: readonly string[]): Promise<number[]> {
    return Promise.resolve(subgraphs.map((s) => this.#versions.get(`${s}\u0000${tenantId}`) ?? 0));
  }

  raise(subgraph: string, tenantIds: readonly string[]): Promise<void> {
    for (const tenantId of tenantIds) {
      const key = `${subgraph}\u0000${tenantId}`;
      this.#versions.set(key, (this.#versions.get(key) ?? 0) + 1);
    }
    return Promise.resolve();
  }
}
