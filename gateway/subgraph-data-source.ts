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
  /** One internal token per client request, shared by the fetches of its query plan. */
  private static readonly tokens = new WeakMap<object, Promise<string>>();

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.options = options;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!('principal' in context) || !context.principal) return;
    let token = SubgraphDataSource.tokens.get(context);
    if (!token) {
      token = signToken(context.principal, {
        secret: this.options.internalTokenSecret,
        ttlSeconds: this.options.internalTokenTtlSeconds,
        audience: INTERNAL_AUDIENCE,
        issuer: INTERNAL_ISSUER,
      });
      SubgraphDataSource.tokens.set(context, token);
    }
    request.http?.headers.set('authorization', `Bearer ${await token}`);
    if ('requestId' in context && context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  override fetcher = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    fetch(input, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
}
