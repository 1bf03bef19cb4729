import { LRUCache } from 'lru-cache';
import { principalKey, type Principal } from '../platform/auth/principal.ts';
import { INTERNAL_AUDIENCE, INTERNAL_ISSUER, signToken } from '../platform/auth/tokens.ts';

/** Options of {@link InternalTokenCache}. */
export interface InternalTokenCacheOptions {
  /** HS256 secret shared with the subgraphs. */
  readonly secret: string;
  /** Lifetime of a minted token, in seconds. */
  readonly ttlSeconds: number;
  /** Principals whose token is kept, at most (least recently used ones go first). @defaultValue {@link DEFAULT_MAX_CACHED_TOKENS} */
  readonly maxTokens?: number;
}

/** Default of {@link InternalTokenCacheOptions.maxTokens}. */
export const DEFAULT_MAX_CACHED_TOKENS = 10_000;

/**
 * The internal tokens (audience `orchestra:subgraph`, issuer `orchestra:gateway`) the gateway presents to subgraphs,
 * one per principal, reused until half of its lifetime has passed — so a token a subgraph receives always has at
 * least half of `ttlSeconds` left — since each costs an HMAC signature. A failed signature is not kept.
 * (The same rule as `SubgraphDataSource`'s cache; that one could move onto this class.)
 */
export class InternalTokenCache {
  private readonly tokens: LRUCache<string, { readonly token: Promise<string>; readonly renewAtMs: number }>;

  constructor(private readonly options: InternalTokenCacheOptions) {
    this.tokens = new LRUCache({ max: options.maxTokens ?? DEFAULT_MAX_CACHED_TOKENS });
  }

  /** The token for `principal` (a cached one while it has more than half of its lifetime left). */
  tokenFor(principal: Principal): Promise<string> {
    const key = principalKey(principal);
    const cached = this.tokens.get(key);
    if (cached && Date.now() < cached.renewAtMs) return cached.token;
    const token = signToken(principal, {
      secret: this.options.secret,
      ttlSeconds: this.options.ttlSeconds,
      audience: INTERNAL_AUDIENCE,
      issuer: INTERNAL_ISSUER,
    });
    const entry = { token, renewAtMs: Date.now() + (this.options.ttlSeconds * 1000) / 2 };
    this.tokens.set(key, entry);
    token.catch(() => {
      if (this.tokens.get(key) === entry) this.tokens.delete(key);
    });
    return token;
  }
}
