import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { SpanKind } from '@opentelemetry/api';
import { inSpan, traceCarrier } from '../platform/telemetry/spans.ts';

/** What a data source's `process` answers (`GatewayGraphQLResponse`). */
type ProcessResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
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
  /** Called when a fetch settles (answered or failed), with its duration in seconds (for metrics). */
  readonly onFetched?: (durationSeconds: number) => void;
}

/**
 * The gateway's fetcher of one subgraph. Each fetch carries the caller's principal in a short-lived internal token
 * (`Authorization: Bearer`, audience `orchestra:subgraph`) — subgraphs trust nothing else — signed for that principal
 * and reused until half of its lifetime has passed (so a token a subgraph receives always has at least half of
 * `internalTokenTtlSeconds` left), and the request id (`x-request-id`). Fetches go through {@link createSubgraphFetcher}
 * and time out after `timeoutMs`; with `deduplicate`, identical concurrent query fetches of one principal share one.
 *
 * Each fetch is a CLIENT span `POST <subgraph>` (attributes `orchestra.subgraph.name`, `server.address`, `url.full`
 * and `graphql.operation.name`; never a header) whose context goes out as W3C `traceparent`, so the subgraph's server
 * span is its child.
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

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<ProcessResponse> {
    const started = performance.now();
    const url = new URL(this.options.url);
    const attributes = {
      'orchestra.subgraph.name': this.options.name,
      'http.request.method': 'POST',
      'server.address': url.hostname,
      'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
      'url.full': `${url.origin}${url.pathname}`,
      ...(options.request.operationName ? { 'graphql.operation.name': options.request.operationName } : {}),
    };
    try {
      return await inSpan(`POST ${this.options.name}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        const response = await super.process(options);
        if (response.errors?.length) span.setAttribute('orchestra.subgraph.error_count', response.errors.length);
        return response;
      });
    } finally {
      this.options.onFetched?.((performance.now() - started) / 1000);
    }
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // The fetch span's context (see `process`), as W3C `traceparent`/`tracestate`; nothing when tracing is off.
    for (const [name, value] of Object.entries(traceCarrier())) request.http?.headers.set(name, value);
    if (!('principal' in context) || !context.principal) return;
    const token = await this.options.internalTokens.tokenFor(context.principal);
    request.http?.headers.set('authorization', `Bearer ${token}`);
    if ('requestId' in context && context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }
}
