import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
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

/**
 * The gateway's fetcher of one subgraph. Each fetch carries the caller's principal in a freshly signed, short-lived
 * internal token (`Authorization: Bearer`, audience `orchestra:subgraph`) — subgraphs trust nothing else — and the
 * request id (`x-request-id`). Fetches time out after `timeoutMs`.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphDataSourceOptions;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.options = options;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const principal = 'principal' in context ? context.principal : undefined;
    if (!principal) return;
    const token = await signToken(principal, {
      secret: this.options.internalTokenSecret,
      ttlSeconds: this.options.internalTokenTtlSeconds,
      audience: INTERNAL_AUDIENCE,
      issuer: INTERNAL_ISSUER,
    });
    request.http?.headers.set('authorization', `Bearer ${token}`);
    if ('requestId' in context && context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  override fetcher = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    fetch(input, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
}
