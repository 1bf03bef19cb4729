import type { Redis } from '../../../platform/redis/redis-client.ts';

/**
 * A version per tenant of what the router reads on every call — its router settings, enabled models, group
 * strategies and learned quality evidence — so that every instance can keep that state in memory (routing-state.ts)
 * and still see a committed change on its next request.
 *
 * With Redis, the version is the key `<REDIS_KEY_PREFIX>routing:state-version:<tenant>` (`INCR` after each change,
 * `GET` before each use: one round trip, shared by every instance); without Redis (one process), a counter in memory.
 */
export interface RoutingStateVersions {
  /** The tenant's current version (an opaque string; `'0'` before any change). */
  current(tenantId: string): Promise<string>;
  /**
   * Marks a committed change of the tenant's routing state: every instance reloads on its next read. Call it after
   * the change committed, never inside its transaction.
   */
  changed(tenantId: string): Promise<void>;
}

/** Builds {@link RoutingStateVersions} on Redis when `redis` is given, else in memory. */
export function createRoutingStateVersions(redis: Redis | undefined, keyPrefix: string): RoutingStateVersions {
  if (redis) {
    const key = (tenantId: string): string => `${keyPrefix}routing:state-version:${tenantId}`;
    return {
      current: async (tenantId) => (await redis.get(key(tenantId))) ?? '0',
      changed: async (tenantId) => {
        await redis.incr(key(tenantId));
      },
    };
  }
  const versions = new Map<string, number>();
  return {
    current: async (tenantId) => String(versions.get(tenantId) ?? 0),
    changed: async (tenantId) => {
      versions.set(tenantId, (versions.get(tenantId) ?? 0) + 1);
    },
  };
}
