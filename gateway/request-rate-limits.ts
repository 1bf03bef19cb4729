import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Principal } from '../platform/auth/principal.ts';
import { RateLimitedError } from '../platform/errors.ts';
import { sendError } from '../platform/http/http-server.ts';
import type { Logger } from '../platform/logger.ts';
import type { Redis } from '../platform/redis/redis-client.ts';

/** Options of {@link RequestRateLimits}. */
export interface RequestRateLimitsOptions {
  /** Shared counters for every gateway instance; absent = counters of this process only (embedded mode). */
  readonly redis?: Redis | undefined;
  /** Prefix of the counters' Redis keys (`config.redis.keyPrefix`). */
  readonly keyPrefix: string;
  /** Length of a fixed window, in seconds. @defaultValue 60 */
  readonly windowSeconds?: number;
  /** Requests per window of one subject of one tenant (a user or service); null = no limit. */
  readonly perSubject: number | null;
  /** Requests per window of one API key (instead of the subject limit, for requests made with a key); null = no limit. */
  readonly perApiKey: number | null;
  /** Requests per window of a whole tenant, all subjects and keys together; null = no limit. */
  readonly perTenant: number | null;
  /** Called for each limit that refuses a request (metrics). @defaultValue none */
  readonly onRefused?: (policy: RateLimitState['policy']) => void;
  readonly logger: Logger;
}

/** One limit a request counted against, as it stands after the request. */
export interface RateLimitState {
  /** What is counted: `subject`, `api_key` or `tenant` (the policy's name in `RateLimit-Policy`). */
  readonly policy: 'subject' | 'api_key' | 'tenant';
  /** Requests allowed per window. */
  readonly limit: number;
  /** Requests left in the current window (0 once refused). */
  readonly remaining: number;
  /** Seconds until the window resets (≥ 1). */
  readonly resetSeconds: number;
  /** Whether this limit refused the request (it was already exhausted). */
  readonly refused: boolean;
}

/** The answer for one request: allowed or not, with the limits it counted against (empty when none applies). */
export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly states: readonly RateLimitState[];
  /** Window length, in seconds. */
  readonly windowSeconds: number;
}

/** Default of {@link RequestRateLimitsOptions.windowSeconds}. */
export const DEFAULT_RATE_LIMIT_WINDOW_SECONDS = 60;

/**
 * Request rate limits of the gateway, per API key (or per subject, for tokens), and per tenant: fixed windows of
 * `windowSeconds` counted in Redis by rate-limiter-flexible, so that every gateway instance shares them (per process
 * without Redis). Should Redis fail, each instance counts on its own meanwhile (rate-limiter-flexible's insurance
 * limiter) rather than refusing or admitting everything.
 *
 * A request is counted once however many entry points see it: the decision is kept per HTTP request (the response
 * cache's hit path and the `/graphql` route share it).
 */
export class RequestRateLimits {
  readonly windowSeconds: number;
  private readonly limiters = new Map<RateLimitState['policy'], { limiter: RateLimiterAbstract; limit: number }>();
  private readonly decided = new WeakMap<IncomingMessage, Promise<RateLimitDecision>>();

  constructor(private readonly options: RequestRateLimitsOptions) {
    this.windowSeconds = options.windowSeconds ?? DEFAULT_RATE_LIMIT_WINDOW_SECONDS;
    const make = (policy: RateLimitState['policy'], limit: number | null): void => {
      if (limit === null) return;
      const base = { points: limit, duration: this.windowSeconds, keyPrefix: `${options.keyPrefix}gateway:rate:${policy}` };
      const limiter = options.redis
        ? new RateLimiterRedis({ ...base, storeClient: options.redis, insuranceLimiter: new RateLimiterMemory(base) })
        : new RateLimiterMemory(base);
      this.limiters.set(policy, { limiter, limit });
    };
    make('subject', options.perSubject);
    make('api_key', options.perApiKey);
    make('tenant', options.perTenant);
  }

  /** Whether any limit is configured. */
  get enabled(): boolean {
    return this.limiters.size > 0;
  }

  /**
   * Counts one request of `principal`: against its API key's limit (a key's request) or its subject's, and its
   * tenant's. A refused request still counts (it was made).
   */
  async consume(principal: Principal): Promise<RateLimitDecision> {
    const counted: [RateLimitState['policy'], string][] = [
      principal.apiKeyId !== undefined ? ['api_key', principal.apiKeyId] : ['subject', `${principal.tenantId}\u0000${principal.subject}`],
      ['tenant', principal.tenantId],
    ];
    const states = await Promise.all(
      counted.flatMap(([policy, key]) => {
        const entry = this.limiters.get(policy);
        return entry ? [this.count(policy, entry.limiter, entry.limit, key)] : [];
      }),
    );
    for (const state of states) if (state.refused) this.options.onRefused?.(state.policy);
    return { allowed: states.every((s) => !s.refused), states, windowSeconds: this.windowSeconds };
  }

  /** {@link consume} once per HTTP request: later calls for the same `req` get the first decision. */
  consumeFor(req: IncomingMessage, principal: Principal): Promise<RateLimitDecision> {
    let decision = this.decided.get(req);
    if (!decision) {
      decision = this.consume(principal);
      this.decided.set(req, decision);
    }
    return decision;
  }

  /** State of one limit after consuming a request from it. */
  private async count(policy: RateLimitState['policy'], limiter: RateLimiterAbstract, limit: number, key: string): Promise<RateLimitState> {
    let res: RateLimiterRes;
    try {
      res = await limiter.consume(key, 1);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) {
        this.options.logger.warn({ err: error, policy }, 'rate limit counter failed; request admitted');
        return { policy, limit, remaining: limit, resetSeconds: this.windowSeconds, refused: false };
      }
      return { policy, limit, remaining: 0, resetSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)), refused: true };
    }
    return { policy, limit, remaining: res.remainingPoints, resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), refused: false };
  }
}

/**
 * The rate-limit response headers of `decision` (draft-ietf-httpapi-ratelimit-headers-06, §§ 3–5, as
 * express-rate-limit's `draft-6` sends them): `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds)
 * of the limit closest to exhaustion, `RateLimit-Policy` listing every limit counted (`<limit>;w=<window seconds>`),
 * and, when refused, `Retry-After` (RFC 9110 §10.2.3, seconds) — the longest wait among the exhausted limits.
 * @returns no headers when no limit applied.
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  if (decision.states.length === 0) return {};
  const closest = decision.states.reduce((a, b) => (b.remaining < a.remaining || (b.remaining === a.remaining && b.resetSeconds > a.resetSeconds) ? b : a));
  const headers: Record<string, string> = {
    'ratelimit-policy': decision.states.map((s) => `${s.limit};w=${decision.windowSeconds};comment="${s.policy}"`).join(', '),
    'ratelimit-limit': String(closest.limit),
    'ratelimit-remaining': String(closest.remaining),
    'ratelimit-reset': String(closest.resetSeconds),
  };
  if (!decision.allowed) headers['retry-after'] = String(retryAfterSeconds(decision));
  return headers;
}

/** Seconds until every exhausted limit of a refused `decision` has reset. */
export function retryAfterSeconds(decision: RateLimitDecision): number {
  return Math.max(1, ...decision.states.filter((s) => s.refused).map((s) => s.resetSeconds));
}

/** The refusal of a request over `decision`'s limits (RATE_LIMITED, HTTP 429), naming the limit and when to retry. */
export function rateLimitedError(decision: RateLimitDecision): RateLimitedError {
  const exhausted = decision.states.filter((s) => s.refused).map((s) => s.policy);
  const retryAfter = retryAfterSeconds(decision);
  return new RateLimitedError(`Rate limit reached (${exhausted.join(', ')}): retry in ${retryAfter} s`, { retryAfterSeconds: retryAfter, limits: exhausted });
}

/** Sets `decision`'s rate-limit headers on `res` (before its head is written). */
export function setRateLimitHeaders(res: ServerResponse, decision: RateLimitDecision): void {
  for (const [name, value] of Object.entries(rateLimitHeaders(decision))) res.setHeader(name, value);
}

/**
 * Express middleware counting each request of the route against `limits` (after authentication: the principal is
 * in `res.locals.principal`); sets the rate-limit headers and refuses a request over a limit with HTTP 429
 * RATE_LIMITED (`extensions.retryAfterSeconds`, `extensions.limits`) and `Retry-After`.
 */
export function createRateLimit(limits: RequestRateLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    limits.consumeFor(req, res.locals['principal'] as Principal).then((decision) => {
      setRateLimitHeaders(res, decision);
      if (decision.allowed) next();
      else sendError(res, rateLimitedError(decision));
    }, next);
  };
}

/**
 * The admission of the response cache's hit path: counts the request (once: the route reuses the decision) and
 * sets its headers. @returns false for a request over a limit, which the hit path then hands to the route to refuse.
 */
export function admitCacheHit(limits: RequestRateLimits): (req: IncomingMessage, res: ServerResponse, principal: Principal) => Promise<boolean> {
  return async (req, res, principal) => {
    const decision = await limits.consumeFor(req, principal);
    if (decision.allowed) setRateLimitHeaders(res, decision);
    return decision.allowed;
  };
}
