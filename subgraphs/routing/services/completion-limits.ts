import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from '../../../platform/redis/redis-client.ts';

/** The window of every requests- and tokens-per-minute limit, in seconds. */
export const LIMIT_WINDOW_SECONDS = 60;

/** What a limit check consumes: one request and its estimated tokens (input + expected output). */
export interface LimitCharge {
  /** Requests per minute allowed; null = no limit. */
  readonly requestsPerMinute: number | null;
  /** Tokens per minute allowed; null = no limit. */
  readonly tokensPerMinute: number | null;
  /** Estimated tokens of the call (input + `maxTokens` or the default output), charged before the call. */
  readonly tokens: number;
}

/** The answer of a limit check: allowed, or refused with when to retry. */
export type LimitVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number; readonly limit: 'requests' | 'tokens' };

/**
 * Requests- and tokens-per-minute limits of tenants and deployments, shared by every instance through Redis (one
 * counter per subject and minute, rate-limiter-flexible's fixed window), or per process without Redis.
 *
 * A call is charged before it is sent, with its estimated tokens: a limit is a ceiling on what may be asked, as
 * LiteLLM's `rpm`/`tpm` limits are. Limits may differ per tenant and change at run time, so one limiter exists per
 * (kind, allowance); a changed allowance starts a fresh window.
 */
export class CompletionLimits {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly redis: Redis | undefined,
    private readonly keyPrefix: string,
  ) {}

  /**
   * Charges one request and `charge.tokens` to `subject` (e.g. `tenant:<id>` or `deployment:<id>`). The request is
   * charged first; a call refused for its tokens keeps its request charge (it was asked).
   * @returns whether the call may go ahead; when not, `retryAfterMs` until the window frees enough.
   */
  async charge(subject: string, charge: LimitCharge): Promise<LimitVerdict> {
    if (charge.requestsPerMinute !== null) {
      const refused = await this.consume('rpm', charge.requestsPerMinute, subject, 1);
      if (refused !== undefined) return { allowed: false, retryAfterMs: refused, limit: 'requests' };
    }
    if (charge.tokensPerMinute !== null && charge.tokens > 0) {
      // A call larger than the whole allowance could never pass: it waits a full window and is refused again, so
      // the caller sees the limit rather than a promise it cannot keep.
      const refused = await this.consume('tpm', charge.tokensPerMinute, subject, Math.min(charge.tokens, charge.tokensPerMinute + 1));
      if (refused !== undefined) return { allowed: false, retryAfterMs: refused, limit: 'tokens' };
    }
    return { allowed: true };
  }

  /** Consumes `points`; undefined when allowed, else the ms until the window frees them. */
  private async consume(kind: 'rpm' | 'tpm', allowance: number, subject: string, points: number): Promise<number | undefined> {
    try {
      await this.limiter(kind, allowance).consume(subject, points);
      return undefined;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(1, error.msBeforeNext);
      throw error;
    }
  }

  private limiter(kind: 'rpm' | 'tpm', allowance: number): RateLimiterAbstract {
    const id = `${kind}:${allowance}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const options = { points: allowance, duration: LIMIT_WINDOW_SECONDS, keyPrefix: `${this.keyPrefix}routing:limit:${id}` };
      limiter = this.redis ? new RateLimiterRedis({ ...options, storeClient: this.redis }) : new RateLimiterMemory(options);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}
