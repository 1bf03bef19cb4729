import type { Redis } from '../../../platform/redis/redis-client.ts';

/**
 * The runtime state of deployments that every routing instance shares (through Redis; in-process without it):
 * failures per minute, cooldowns and calls in flight.
 *
 * Cooldown rule (LiteLLM's router, `allowed_fails` and `cooldown_time`): a deployment whose failures of a cooling
 * class (provider-failure.ts) within the current minute exceed `allowedFails` is skipped for `cooldownMs`; a 429 with
 * `Retry-After` longer than that cools it for the `Retry-After` instead.
 */
export interface DeploymentHealth {
  /** Counts a failure of `deploymentId`; returns the end of a cooldown it started (epoch ms), if any. */
  recordFailure(deploymentId: string, retryAfterMs?: number): Promise<number | undefined>;
  /** The deployments among `deploymentIds` in cooldown now, with when it ends (epoch ms). */
  cooldowns(deploymentIds: readonly string[]): Promise<Map<string, number>>;
  /** Marks a call to `deploymentId` as started; the returned function marks it finished (idempotent). */
  begin(deploymentId: string): Promise<() => Promise<void>>;
  /** Calls in flight per deployment among `deploymentIds` (0 for absent). */
  inFlight(deploymentIds: readonly string[]): Promise<Map<string, number>>;
  /** Called with the deployment and the cooldown's end whenever a cooldown starts (metrics). */
  onCooldown?: ((deploymentId: string, untilMs: number) => void) | undefined;
}

/** Options of {@link createDeploymentHealth}. */
export interface DeploymentHealthOptions {
  /** Redis, shared by every instance; absent = state of this process only. */
  readonly redis: Redis | undefined;
  readonly keyPrefix: string;
  /** Failures tolerated per deployment and minute (`ROUTER_ALLOWED_FAILS`). @defaultValue 3 */
  readonly allowedFails: number;
  /** Length of a cooldown, in ms (`ROUTER_COOLDOWN_SECONDS` × 1000). @defaultValue 5000 */
  readonly cooldownMs: number;
  /** Clock, for tests. @defaultValue Date.now */
  readonly now?: () => number;
}

/** A window of failure counting, in ms (LiteLLM counts failures per minute). */
export const FAILURE_WINDOW_MS = 60_000;
/** Longest a call counts as in flight when its end is never recorded (a crashed instance), in ms. */
const IN_FLIGHT_TTL_MS = 10 * 60_000;

/** Creates the Redis-backed {@link DeploymentHealth}, or the in-process one without Redis. */
export function createDeploymentHealth(options: DeploymentHealthOptions): DeploymentHealth {
  return options.redis ? redisHealth(options.redis, options) : memoryHealth(options);
}

function cooldownEnd(options: DeploymentHealthOptions, now: number, retryAfterMs: number | undefined): number {
  return now + Math.max(options.cooldownMs, retryAfterMs ?? 0);
}

function redisHealth(redis: Redis, options: DeploymentHealthOptions): DeploymentHealth {
  const now = options.now ?? Date.now;
  const key = (kind: string, id: string): string => `${options.keyPrefix}routing:${kind}:${id}`;
  const health: DeploymentHealth = {
    async recordFailure(deploymentId, retryAfterMs) {
      const t = now();
      const window = Math.floor(t / FAILURE_WINDOW_MS);
      const failures = key(`fails:${window}`, deploymentId);
      const [[, count]] = (await redis
        .multi()
        .incr(failures)
        .pexpire(failures, FAILURE_WINDOW_MS * 2)
        .exec()) as [[null, number]];
      if (count <= options.allowedFails) return undefined;
      const until = cooldownEnd(options, t, retryAfterMs);
      await redis.set(key('cooldown', deploymentId), String(until), 'PX', until - t);
      health.onCooldown?.(deploymentId, until);
      return until;
    },
    async cooldowns(deploymentIds) {
      const result = new Map<string, number>();
      if (deploymentIds.length === 0) return result;
      const values = await redis.mget(...deploymentIds.map((id) => key('cooldown', id)));
      const t = now();
      deploymentIds.forEach((id, i) => {
        const until = Number(values[i] ?? 0);
        if (until > t) result.set(id, until);
      });
      return result;
    },
    async begin(deploymentId) {
      const k = key('inflight', deploymentId);
      await redis.multi().incr(k).pexpire(k, IN_FLIGHT_TTL_MS).exec();
      let ended = false;
      return async () => {
        if (ended) return;
        ended = true;
        await redis.decr(k);
      };
    },
    async inFlight(deploymentIds) {
      const result = new Map<string, number>();
      if (deploymentIds.length === 0) return result;
      const values = await redis.mget(...deploymentIds.map((id) => key('inflight', id)));
      deploymentIds.forEach((id, i) => result.set(id, Math.max(0, Number(values[i] ?? 0))));
      return result;
    },
  };
  return health;
}

function memoryHealth(options: DeploymentHealthOptions): DeploymentHealth {
  const now = options.now ?? Date.now;
  const failures = new Map<string, { window: number; count: number }>();
  const until = new Map<string, number>();
  const busy = new Map<string, number>();
  const health: DeploymentHealth = {
    async recordFailure(deploymentId, retryAfterMs) {
      const t = now();
      const window = Math.floor(t / FAILURE_WINDOW_MS);
      const entry = failures.get(deploymentId);
      const count = entry && entry.window === window ? entry.count + 1 : 1;
      failures.set(deploymentId, { window, count });
      if (count <= options.allowedFails) return undefined;
      const end = cooldownEnd(options, t, retryAfterMs);
      until.set(deploymentId, end);
      health.onCooldown?.(deploymentId, end);
      return end;
    },
    async cooldowns(deploymentIds) {
      const t = now();
      const result = new Map<string, number>();
      for (const id of deploymentIds) {
        const end = until.get(id);
        if (end !== undefined && end > t) result.set(id, end);
      }
      return result;
    },
    async begin(deploymentId) {
      busy.set(deploymentId, (busy.get(deploymentId) ?? 0) + 1);
      let ended = false;
      return async () => {
        if (ended) return;
        ended = true;
        busy.set(deploymentId, Math.max(0, (busy.get(deploymentId) ?? 1) - 1));
      };
    },
    async inFlight(deploymentIds) {
      return new Map(deploymentIds.map((id) => [id, busy.get(id) ?? 0]));
    },
  };
  return health;
}
