import { randomUUID } from 'node:crypto';
import type { Principal } from '../../platform/auth/principal.ts';
import { RateLimitedError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Redis } from '../../platform/redis/redis-client.ts';

/** Options of {@link SubscriptionQuota}. */
export interface SubscriptionQuotaOptions {
  /** Open subscriptions allowed at once per API key (or per subject, for tokens), over every gateway instance. */
  readonly maxPerPrincipal: number;
  /** Shared leases for every gateway instance; absent = this process's subscriptions only (embedded mode). */
  readonly redis?: Redis | undefined;
  /** Prefix of the leases' Redis keys (`config.redis.keyPrefix`). */
  readonly keyPrefix: string;
  /**
   * How long a lease lives unless renewed, in ms: the subscriptions of an instance that dies without releasing them
   * stop counting after this. Leases are renewed every third of it. @defaultValue 60000
   */
  readonly leaseMs?: number;
  /** Called for each subscription refused (metrics). @defaultValue none */
  readonly onRefused?: () => void;
  readonly logger: Logger;
}

/** Default of {@link SubscriptionQuotaOptions.leaseMs}. */
export const DEFAULT_SUBSCRIPTION_LEASE_MS = 60_000;

/**
 * Takes a lease if fewer than ARGV[3] unexpired ones exist. KEYS[1]: the principal's sorted set (member = lease id,
 * score = expiry in epoch ms). ARGV: now, expiry, max, lease id, key ttl ms. Returns 1 when taken, 0 when full.
 */
const ACQUIRE_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;

/**
 * Counts open subscriptions per API key (per subject for tokens): a subscription takes a lease when it starts and
 * gives it back when it ends; one over `maxPerPrincipal` is refused with RATE_LIMITED (`extensions.limit`
 * `subscriptions`). With Redis the leases live in one sorted set per principal, shared by every instance, each with
 * an expiry that its instance renews (one timer for all of them) so that a crashed instance's leases lapse.
 */
export class SubscriptionQuota {
  private readonly leaseMs: number;
  /** This instance's open leases: lease id → the principal's key. */
  private readonly open = new Map<string, string>();
  /** Open leases per principal key (the count without Redis). */
  private readonly counts = new Map<string, number>();
  private readonly renewal: NodeJS.Timeout | undefined;

  constructor(private readonly options: SubscriptionQuotaOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_SUBSCRIPTION_LEASE_MS;
    if (options.redis) {
      this.renewal = setInterval(() => void this.renew(), Math.max(1, Math.floor(this.leaseMs / 3)));
      this.renewal.unref();
    }
  }

  /**
   * Takes a lease for one subscription of `principal`.
   * @returns `release()`, idempotent: call it when the subscription ends.
   * @throws {@link RateLimitedError} when the principal already has `maxPerPrincipal` open subscriptions.
   */
  async acquire(principal: Principal): Promise<() => void> {
    const key = principal.apiKeyId !== undefined ? `key:${principal.apiKeyId}` : `subject:${principal.tenantId}\u0000${principal.subject}`;
    const id = randomUUID();
    const { redis, maxPerPrincipal } = this.options;
    const count = this.counts.get(key) ?? 0;
    let taken: boolean;
    if (redis) {
      const now = Date.now();
      taken = (await redis.eval(ACQUIRE_SCRIPT, 1, this.redisKey(key), now, now + this.leaseMs, maxPerPrincipal, id, this.leaseMs * 2)) === 1;
    } else {
      taken = count < maxPerPrincipal;
    }
    if (!taken) {
      this.options.onRefused?.();
      throw new RateLimitedError(`Too many open subscriptions: at most ${maxPerPrincipal} per API key or subject; end one first`, {
        limit: 'subscriptions',
        maxSubscriptions: maxPerPrincipal,
      });
    }
    this.open.set(id, key);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return () => void this.release(id);
  }

  /** Stops renewing; the leases still open are given back. */
  async close(): Promise<void> {
    if (this.renewal) clearInterval(this.renewal);
    await Promise.all([...this.open.keys()].map((id) => this.release(id)));
  }

  private async release(id: string): Promise<void> {
    const key = this.open.get(id);
    if (key === undefined) return;
    this.open.delete(id);
    const left = (this.counts.get(key) ?? 1) - 1;
    if (left > 0) this.counts.set(key, left);
    else this.counts.delete(key);
    try {
      await this.options.redis?.zrem(this.redisKey(key), id);
    } catch (error) {
      // The lease lapses by itself after leaseMs.
      this.options.logger.warn({ err: error }, 'subscription lease not released');
    }
  }

  private async renew(): Promise<void> {
    const redis = this.options.redis;
    if (!redis || this.open.size === 0) return;
    const expiry = Date.now() + this.leaseMs;
    const pipeline = redis.pipeline();
    for (const [id, key] of this.open) {
      pipeline.zadd(this.redisKey(key), 'XX', expiry, id);
      pipeline.pexpire(this.redisKey(key), this.leaseMs * 2);
    }
    try {
      await pipeline.exec();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'subscription leases not renewed');
    }
  }

  private redisKey(principalKey: string): string {
    return `${this.options.keyPrefix}gateway:subscriptions:${principalKey}`;
  }
}
