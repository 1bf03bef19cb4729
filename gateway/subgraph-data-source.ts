import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { LRUCache } from 'lru-cache';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';
import { principalKey } from '../platform/auth/principal.ts';
import { INTERNAL_AUDIENCE, INTERNAL_ISSUER, signToken } from '../platform/auth/tokens.ts';
import type { GatewayContext } from './gateway-context.ts';

/** Options of {@link SubgraphDataSource}. */
export interface SubgraphDataSourceOptions {
  readonly name: string;
  readonly url: string;
  /** HS256 secret shared with the subgraphs. */
  readonly internalTokenSecret: string;
  /** Lifetime of a minted internal token, in seconds. */
  readonly internalTokenTtlSeconds: number;
  /** Timeout of one subgraph fetch, in ms. */
  readonly timeoutMs: number;
}

/** Principals whose internal token is kept for reuse, at most (least recently used ones go first). */
const MAX_CACHED_TOKENS = 10_000;

/**
 * The gateway's fetcher of one subgraph. Each fetch carries the caller's principal in a short-lived internal token
 * (`Authorization: Bearer`, audience `orchestra:subgraph`) — subgraphs trust nothing else — signed for that principal
 * and reused until half of its lifetime has passed (so a token a subgraph receives always has at least half of
 * `internalTokenTtlSeconds` left), and the request id (`x-request-id`). Fetches go through {@link createSubgraphFetcher}
 * and time out after `timeoutMs`.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;
  /**
   * Internal tokens by principal, shared by every subgraph (they verify one secret) and reused while more than half
   * of their lifetime is left: a token costs an HMAC signature, and subscriptions fetch runs for each event.
   */
  private static readonly tokens = new LRUCache<string, { readonly token: Promise<string>; readonly renewAtMs: number }>({ max: MAX_CACHED_TOKENS });

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: createSubgraphFetcher({ timeoutMs: options.timeoutMs }) });
    this.options = options;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('principal' in context) || !context.principal) return;
    const { principal } = context;
    const key = principalKey(principal);
    let cached = SubgraphDataSource.tokens.get(key);
    if (!cached || Date.now() >= cached.renewAtMs) {
      const token = signToken(principal, {
        secret: this.options.internalTokenSecret,
        ttlSeconds: this.options.internalTokenTtlSeconds,
        audience: INTERNAL_AUDIENCE,
        issuer: INTERNAL_ISSUER,
      });
      cached = { token, renewAtMs: Date.now() + (this.options.internalTokenTtlSeconds * 1000) / 2 };
      SubgraphDataSource.tokens.set(key, cached);
      // A failed signature is not kept (unless another has replaced it meanwhile).
      const signing = cached;
      token.catch(() => {
        if (SubgraphDataSource.tokens.get(key) === signing) SubgraphDataSource.tokens.delete(key);
      });
    }
    request.http?.headers.set('authorization', `Bearer ${await cached.token}`);
    if ('requestId' in context && context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }
}
