import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './gateway-context.ts';
import type { InternalTokenCache } from './internal-token-cache.ts';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';

/** Options of {@link SubgraphDataSource}. */
export interface SubgraphDataSourceOptions {
  readonly name: string;
  readonly url: string;
  /**
   * Internal tokens by principal, shared by every subgraph's data source and the `/v1` proxy (the subgraphs verify
   * one secret): a token costs an HMAC signature, and subscriptions fetch runs for each event.
   */
  readonly internalTokens: InternalTokenCache;
  /** Timeout of one subgraph fetch, in ms. */
  readonly timeoutMs: number;
  /** Whether identical concurrent query fetches of one principal share one request (`config.gateway.deduplicateFetches`). @defaultValue false */
  readonly deduplicate?: boolean;
  /** Called for each fetch answered by another one's request. */
  readonly onShared?: () => void;
}

/**
 * The gateway's fetcher of one subgraph. Each fetch carries the caller's principal in a short-lived internal token
 * (`Authorization: Bearer`, audience `orchestra:subgraph`) — subgraphs trust nothing else — signed for that principal
 * and reused until half of its lifetime has passed (so a token a subgraph receives always has at least half of
 * `internalTokenTtlSeconds` left), and the request id (`x-request-id`). Fetches go through {@link createSubgraphFetcher}
 * and time out after `timeoutMs`; with `deduplicate`, identical concurrent query fetches of one principal share one.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    super({
      url: options.url,
      fetcher: createSubgraphFetcher({
        timeoutMs: options.timeoutMs,
        deduplicate: options.deduplicate ?? false,
        ...(options.onShared ? { onShared: options.onShared } : {}),
      }),
    });
    this.options = options;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('principal' in context) || !context.principal) return;
    const token = await this.options.internalTokens.tokenFor(context.principal);
    request.http?.headers.set('authorization', `Bearer ${token}`);
    if ('requestId' in context && context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }
}
