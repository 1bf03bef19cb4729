import { randomUUID } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { ApolloGateway, type GatewayConfig } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { expressMiddleware } from '@as-integrations/express5';
import type { OrchestraConfig } from '../platform/config.ts';
import { createApiKeyVerifier, type ApiKeyVerifier } from '../platform/auth/api-key-verifier.ts';
import { subscribeApiKeyRevocations } from '../platform/auth/api-key-revocations.ts';
import { createAuthenticate, createAuthenticator, type Authenticator } from '../platform/auth/authenticate.ts';
import type { Principal } from '../platform/auth/principal.ts';
import { formatGraphQLError } from '../platform/errors.ts';
import { requestIdOf, sendError, serveGraphQL, type GraphQLHttpService } from '../platform/http/http-server.ts';
import type { Logger } from '../platform/logger.ts';
import { createRedisClient, type Redis } from '../platform/redis/redis-client.ts';
import { SESSION_EVENT_STREAM, WORKFLOW_EVENT_STREAM } from '../platform/events/event-stream.ts';
import type { SessionEventStreamReader, StreamedSessionEvent } from '../platform/events/session-event-stream.ts';
import type { StreamedWorkflowEvent, WorkflowEventStreamReader } from '../platform/events/workflow-event-stream.ts';
import { RedisEntityVersions, type EntityVersions } from '../platform/events/entity-versions.ts';
import { ResponseCache } from './response-cache.ts';
import { createOperationLimits, type OperationLimits } from './operation-limits.ts';
import { createBatchRequests } from './batch-requests.ts';
import { createCacheHitPath, createJsonBody } from './cache-hit-path.ts';
import { createBrowserPolicy } from './browser-policy.ts';
import { CSRF_PREVENTION_HEADERS, createCsrfPrevention } from './csrf-prevention.ts';
import type { GatewayContext } from './gateway-context.ts';
import { gatewayMetricsText } from './cluster-metrics.ts';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.ts';
import { createOperationCostLimit } from './operation-cost-limit.ts';
import { graphqlSpanPlugin, traceHttpRequests } from '../platform/telemetry/http-spans.ts';
import { InternalTokenCache } from './internal-token-cache.ts';
import { createOpenAiProxy } from './openai-proxy.ts';
import { admitCacheHit, createRateLimit, rateLimitedError, RequestRateLimits } from './request-rate-limits.ts';
import { SubscriptionQuota } from './subscriptions/subscription-quota.ts';
import { createSubscriptionTransportCheck } from './subscription-transport.ts';
import { createGraphiqlIde } from './ide/graphiql-ide.ts';
import { createWebConsole } from './console/console-page.ts';
import { createHttpDeduplication } from './http-deduplication.ts';
import { createOperationDeduplication } from './operation-deduplication.ts';
import { checkReadiness } from './readiness.ts';
import { SubgraphDataSource } from './subgraph-data-source.ts';
import { SupergraphFile } from './supergraph-file.ts';
import { AuthorizingGateway } from './authorizing-gateway.ts';
import { CompiledGateway } from './execution/compiled-gateway.ts';
import { createExecutionMetrics } from './execution/execution-metrics.ts';
import { readOperationManifest } from './execution/operation-manifest.ts';
import { createTrustedDocuments, type TrustedDocuments } from './trusted-documents.ts';
import { EventDelivery, type EventDeliveryOptions } from './subscriptions/event-delivery.ts';
import type { DeliveryObserver } from './subscriptions/delivery-stream.ts';
import type { SupergraphQuery } from './subscriptions/supergraph-query.ts';
import { EventFanout } from './subscriptions/event-fanout.ts';
import { SessionEventFeed } from './subscriptions/session-event-feed.ts';
import { WorkflowEventFeed } from './subscriptions/workflow-event-feed.ts';
import { createSseSubscriptions, type SseSubscriptions } from './subscriptions/sse-subscriptions.ts';
import { attachWebSocketSubscriptions } from './subscriptions/websocket-subscriptions.ts';
import { withQuerySpans } from './subscriptions/subscription-spans.ts';
import { ApiKeyRevocationWatch } from './subscriptions/api-key-revocation-watch.ts';

/** Options of {@link startGateway}. */
export interface GatewayOptions {
  readonly config: OrchestraConfig;
  readonly logger: Logger;
  /**
   * Entity versions of subgraphs running in this process, for the response cache without Redis (embedded mode).
   * With `config.redis.url`, Redis's are used instead. Neither: the response cache is off. @defaultValue none
   */
  readonly entityVersions?: EntityVersions | undefined;
  /**
   * Without `config.redis.url`: the in-process event streams this process's orchestration and session subgraphs
   * publish to (embedded mode), from which subscriptions are served. With Redis, the Redis streams are read instead.
   * Neither: subscriptions are off. @defaultValue none
   */
  readonly eventStreams?: EventStreamReaders | undefined;
}

/** A running gateway: its GraphQL URL and an idempotent `close()`. */
export type GatewayServer = GraphQLHttpService;

/**
 * Starts the Apollo gateway over the supergraph file at `config.supergraphPath` (hot-reloaded every
 * `config.supergraphPollIntervalMs` when set, without dropping subscribers), with subgraph URLs taken from
 * `config.endpoints.subgraphUrls` (so the same supergraph serves any deployment). Serves `POST /graphql`
 * (client JWT auth, body size and operation limits, batches when `config.gateway.batching.enabled`), `GET /healthz` (liveness), `GET /readyz` (every subgraph healthy),
 * `GET /metrics` (Prometheus) and the OpenAI-compatible `/v1/chat/completions` and `/v1/models` (same client tokens;
 * proxied to the routing subgraph, see openai-proxy.ts). With Redis, also event subscriptions (workflow and session events) on `/graphql`
 * over WebSocket (graphql-ws) and SSE (graphql-sse), fed by the relays' Redis streams (see `subscriptions/`).
 * With `config.gateway.compiledExecution`, operations take the compiled execution path (see `execution/`).
 * @throws when the supergraph file is missing or invalid, the operation manifest unreadable, or the port is taken.
 */
export async function startGateway(options: GatewayOptions): Promise<GatewayServer> {
  const { config, logger } = options;
  const subgraphUrls: Readonly<Record<string, string>> = config.endpoints.subgraphUrls;
  const internalTokens = new InternalTokenCache({ secret: config.auth.internalTokenSecret, ttlSeconds: config.auth.internalTokenTtlSeconds });
  const metrics = createGatewayMetrics();
  const gatewayConfig: GatewayConfig = {
    supergraphSdl: new SupergraphFile({ path: config.supergraphPath, pollIntervalMs: config.supergraphPollIntervalMs, logger }),
    logger,
    buildService: ({ name, url }) =>
      new SubgraphDataSource({
        name,
        url: subgraphUrls[name] ?? url ?? '',
        internalTokens,
        timeoutMs: config.limits.subgraphTimeoutMs,
        deduplicate: config.gateway.deduplicateFetches,
        onShared: () => metrics.deduplicated('fetch'),
        onFetched: (seconds) => metrics.subgraphFetched(name, seconds),
      }),
  };
  // Who may call without a token (AUTH_ALLOW_ANONYMOUS): this one object, so the schema's @authenticated can tell it apart.
  const anonymous: Principal = {
    subject: 'anonymous',
    tenantId: config.auth.anonymousTenant,
    scopes: config.auth.anonymousScopes,
  };
  // The compiled execution path (gateway/execution/) wraps Apollo's gateway, which still serves what it does not execute.
  const executing = config.gateway.compiledExecution
    ? new CompiledGateway({
        gateway: gatewayConfig,
        planCacheBytes: config.gateway.planCacheBytes,
        manifest: config.gateway.operationManifestPath === undefined ? undefined : await readOperationManifest(config.gateway.operationManifestPath),
        logger,
        ...createExecutionMetrics(metrics.registry),
      })
    : new ApolloGateway(gatewayConfig);
  // The schema's @authenticated/@requiresScopes, enforced before either executor calls a subgraph (authorization.ts).
  const gateway = new AuthorizingGateway(executing, { anonymous: config.auth.allowAnonymous ? anonymous : undefined });

  // Trusted documents and APQ (trusted-documents.ts); Apollo Server's own APQ is off so that one module decides.
  const trustedRedis = config.redis.url ? await createRedisClient({ url: config.redis.url, connectionName: 'orchestra-gateway-trusted-documents' }) : undefined;
  const trustedDocuments = await createTrustedDocuments({ ...config.trustedDocuments, redis: trustedRedis, keyPrefix: config.redis.keyPrefix, logger });
  const app = express();
  app.disable('x-powered-by');
  // The response cache's hit path answers before express (see cache-hit-path.ts); it needs the cache, made below.
  let listener: RequestListener = app;
  // Security headers and CORS go on every answer, the hit path's included (see browser-policy.ts).
  const policy = createBrowserPolicy({ ...config.browser, next: (req, res) => listener(req, res) });
  // With tracing on, each request is a SERVER span (platform/telemetry/http-spans.ts), the cache hit path's included.
  const httpServer = createServer(config.tracing ? traceHttpRequests(policy) : policy);
  // Demand control (operation-cost-limit.ts): estimated costs over MAX_QUERY_COST refused before any subgraph call.
  const costLimit = createOperationCostLimit({
    maxCost: config.limits.maxQueryCost,
    defaultListSize: config.limits.queryCostListSize,
    onRefused: () => metrics.operationLimitRefused('cost'),
  });
  const deduplication = config.gateway.deduplicateOperations ? createOperationDeduplication({ onShared: () => metrics.deduplicated('operation') }) : undefined;
  // Tokens, depth, aliases, root fields, directives, introspection: the same check for HTTP and subscriptions.
  const operationLimits = createOperationLimits({
    limits: config.limits,
    introspection: config.gateway.introspection,
    onRefused: metrics.operationLimitRefused,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: (formatted, error) => formatGraphQLError(formatted, operationLimits.refusalOf(error) ?? error),
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (bin/orchestra.ts closes services in order); Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    persistedQueries: false,
    // On by default in Apollo Server 4+, for POST and GET alike; explicit here with the same headers as the
    // csrf-prevention.ts middleware, which also covers graphql-sse and /v1 (Apollo's check never sees them).
    csrfPrevention: { requestHeaders: [...CSRF_PREVENTION_HEADERS] },
    validationRules: [...operationLimits.rules],
    parseOptions: operationLimits.parseOptions,
    // The operation limits' rule decides (INTROSPECTION_DISABLED); Apollo's own would refuse in production by default.
    introspection: true,
    // Batches are checked (off, or over MAX_BATCH_OPERATIONS) before Apollo, by batch-requests.ts.
    allowBatchedHttpRequests: config.gateway.batching.enabled,
    plugins: [
      operationLimits.plugin,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // The response cache sets cache-control itself (private: tenant data); Apollo's would say public.
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
      metrics.plugin,
      createSubscriptionTransportCheck(),
      costLimit.plugin,
      ...(config.tracing ? [graphqlSpanPlugin] : []),
      ...(deduplication ? [deduplication.plugin] : []),
    ],
  });
  const responseCache = await createResponseCache(
    config,
    logger,
    options.entityVersions,
    metrics.responseCacheLookup,
    config.auth.allowAnonymous ? anonymous : undefined,
  );
  const limits = await createLimits(config, logger, metrics);
  const rateLimits = limits.requests.enabled ? limits.requests : undefined;
  let apiSchema: GraphQLSchema | undefined;
  // Keeps the newest API schema: a supergraph reload changes what new subscriptions validate against, not the old.
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    apiSchema = schema;
    costLimit.useSupergraph(coreSupergraphSdl, schema);
    responseCache?.cache.useSupergraph(coreSupergraphSdl, schema);
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res, next) => {
    checkReadiness(subgraphUrls).then((report) => res.status(report.ready ? 200 : 503).json(report), next);
  });
  app.get('/metrics', (_req, res, next) => {
    gatewayMetricsText(metrics.registry).then((body) => res.type(metrics.registry.contentType).send(body), next);
  });
  const apiKeys = await createGatewayApiKeys(config, internalTokens, logger);
  const authenticate = createAuthenticator({
    apiKeys: apiKeys.verify,
    secret: config.auth.jwtSecret,
    issuer: config.auth.jwtIssuer,
    audience: config.auth.jwtAudience,
    clockToleranceSeconds: config.auth.clockSkewSeconds,
    jwksUrl: config.auth.jwksUrl,
    jwksCooldownMs: config.auth.jwksCooldownMs,
    anonymous: config.auth.allowAnonymous ? anonymous : undefined,
  });
  const openai = createOpenAiProxy({
    routingUrl: config.endpoints.subgraphUrls.routing,
    authenticate,
    anonymous: config.auth.allowAnonymous ? anonymous : undefined,
    internalTokens,
    rateLimits,
    logger,
  });
  const csrfPrevention = createCsrfPrevention();
  app.use('/v1', csrfPrevention, openai.handle);
  if (responseCache) {
    listener = createCacheHitPath({
      cache: responseCache.cache,
      authenticate,
      admit: rateLimits && admitCacheHit(rateLimits),
      maxRequestBytes: config.limits.maxRequestBytes,
      resolveBody: (body) => resolveBody(trustedDocuments, body),
      next: app,
      logger,
    });
  }
  if (config.gateway.ide) {
    // Before CSRF prevention and authentication: a browser's navigation is no operation, and the page is static.
    const ide = createGraphiqlIde();
    app.get('/graphql/ide/:file', ide.asset);
    app.get('/graphql', ide.page);
  }
  if (config.gateway.console) {
    // A static page like the IDE's: its requests go to /graphql with the user's token.
    const webConsole = createWebConsole();
    app.get('/console/assets/:file', webConsole.asset);
    app.get('/console', webConsole.page);
  }
  app.use(
    '/graphql',
    csrfPrevention,
    createAuthenticate(authenticate),
    ...(rateLimits ? [createRateLimit(rateLimits)] : []),
    createJsonBody(config.limits.maxRequestBytes),
    createBatchRequests({ ...config.gateway.batching, onRefused: () => metrics.operationLimitRefused('batch') }),
    trustedDocuments.middleware,
    ...(responseCache ? [responseCache.cache.middleware] : []),
    ...(config.gateway.deduplicateOperations
      ? [createHttpDeduplication({ onShared: () => metrics.deduplicated('operation'), maxTokens: config.limits.maxQueryTokens })]
      : []),
    (req: Request, res: Response, next: NextFunction) => (subscriptions?.sse.accepts(req) ? subscriptions.sse.handle(req, res, next) : next()),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        principal: res.locals['principal'] as Principal,
        requestId: requestIdOf(req),
      }),
    }),
  );
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => sendError(res, error, logger));

  // Each query in a span of its own (subscription-spans.ts): it runs for a subscribe or a delivery, not a request.
  const query: SupergraphQuery = withQuerySpans(async (text, variables, principal) => {
    const response = await apollo.executeOperation(
      { query: text, variables: { ...variables } },
      { contextValue: { principal, requestId: randomUUID(), internal: true } },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    return {
      data: data ?? null,
      ...(errors ? { errors: errors.map((e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions ?? {} })) } : {}),
    };
  });
  const subscriptions =
    config.redis.url || options.eventStreams
      ? await startSubscriptions(
          options.eventStreams,
          config,
          logger,
          httpServer,
          query,
          () => apiSchema,
          authenticate,
          config.auth.allowAnonymous ? anonymous : undefined,
          metrics.subscriptions,
          limits,
          (payload) => trustedDocuments.resolve(payload),
          (document, operationName, principal) => gateway.refuseForbiddenRootFields(document, operationName, principal),
          apiKeys.revocations,
          (operation) => costLimit.check(operation),
          operationLimits,
        )
      : undefined;

  const service = await serveGraphQL(httpServer, config.endpoints.ports.gateway, config.bindHost, async () => {
    await subscriptions?.close();
    await apollo.stop();
    await openai.close();
    await responseCache?.close();
    await limits.close();
    await apiKeys.close();
    await trustedRedis?.quit();
  });
  logger.info({ url: service.url, supergraph: config.supergraphPath }, 'gateway listening');
  return service;
}

/**
 * The response cache, when `config.responseCache.enabled` and versions can be read: from Redis (its own connection,
 * also the cache's shared tier) with `config.redis.url`, else `localVersions` (in-process only); undefined otherwise.
 * @returns the cache and `close()` (quits its Redis connection).
 */
async function createResponseCache(
  config: OrchestraConfig,
  logger: Logger,
  localVersions: EntityVersions | undefined,
  onLookup: (result: 'hit' | 'miss' | 'invalidated') => void,
  anonymous: Principal | undefined,
): Promise<{ cache: ResponseCache; close(): Promise<void> } | undefined> {
  if (!config.responseCache.enabled) return undefined;
  let redis: Redis | undefined;
  if (config.redis.url) redis = await createRedisClient({ url: config.redis.url, connectionName: 'orchestra-gateway-response-cache' });
  const versions = redis ? new RedisEntityVersions(redis) : localVersions;
  if (!versions) {
    logger.info("response cache off: without Redis it needs every subgraph in the gateway's process (npm start, GATEWAY_WORKERS=1)");
    return undefined;
  }
  const { maxBytes, maxEntryBytes } = config.responseCache;
  const maxTokens = config.limits.maxQueryTokens;
  const cache = new ResponseCache({ versions, redis, keyPrefix: config.redis.keyPrefix, maxBytes, maxEntryBytes, onLookup, anonymous, maxTokens, logger });
  return {
    cache,
    async close() {
      await redis?.quit();
    },
  };
}

/** The gateway's request rate limits and subscription quota, and `close()` (their Redis connection). */
interface Limits {
  readonly requests: RequestRateLimits;
  readonly subscriptions: SubscriptionQuota | undefined;
  close(): Promise<void>;
}

/**
 * The request rate limits (`config.rateLimits`) and the open-subscription quota (`config.subscriptions.maxPerPrincipal`),
 * counted in Redis (one connection of their own) with `config.redis.url`, per process otherwise.
 */
async function createLimits(config: OrchestraConfig, logger: Logger, metrics: GatewayMetrics): Promise<Limits> {
  const { perSubject, perApiKey, perTenant, windowSeconds } = config.rateLimits;
  const maxPerPrincipal = config.subscriptions.maxPerPrincipal;
  const needed = perSubject !== null || perApiKey !== null || perTenant !== null || maxPerPrincipal !== null;
  const redis = config.redis.url && needed ? await createRedisClient({ url: config.redis.url, connectionName: 'orchestra-gateway-limits' }) : undefined;
  const keyPrefix = config.redis.keyPrefix;
  const onRefused = (policy: 'subject' | 'api_key' | 'tenant'): void => metrics.rateLimitRefused(policy);
  const requests = new RequestRateLimits({ redis, keyPrefix, windowSeconds, perSubject, perApiKey, perTenant, onRefused, logger });
  const subscriptions =
    maxPerPrincipal === null
      ? undefined
      : new SubscriptionQuota({ maxPerPrincipal, redis, keyPrefix, onRefused: () => metrics.rateLimitRefused('subscriptions'), logger });
  return {
    requests,
    subscriptions,
    async close() {
      await subscriptions?.close();
      await redis?.quit();
    },
  };
}

/**
 * Starts event subscriptions (workflow and session events): the Redis fan-outs of the relays' streams (two connections: reads and
 * `SUBSCRIBE`, shared) with `config.redis.url`, else `localStreams` (embedded mode), the delivery, the graphql-ws server on
 * `/graphql` and the graphql-sse route (mounted by the caller).
 * @returns the SSE route, and `close()`: closes the sockets (code 1012, reconnect) and event streams, the fan-out and
 *   the Redis connections.
 */
async function startSubscriptions(
  localStreams: EventStreamReaders | undefined,
  config: OrchestraConfig,
  logger: Logger,
  httpServer: ReturnType<typeof createServer>,
  query: SupergraphQuery,
  schema: () => GraphQLSchema | undefined,
  authenticate: Authenticator,
  anonymous: Principal | undefined,
  observer: DeliveryObserver,
  limits: Limits,
  resolveDocument: (payload: Record<string, unknown>) => Promise<{ query?: unknown }>,
  authorize: NonNullable<EventDeliveryOptions['authorize']>,
  revocations: ApiKeyRevocationWatch,
  checkCost: NonNullable<EventDeliveryOptions['checkCost']>,
  operationLimits: OperationLimits,
): Promise<{ sse: SseSubscriptions; close(): Promise<void> }> {
  // The in-process stream belongs to the process (its relay writes to it): the gateway only stops reading it.
  const stream = config.redis.url
    ? await startEventFanouts(config.redis.url, config.redis.keyPrefix, logger)
    : localStreams && { readers: localStreams, close: () => Promise.resolve() };
  if (!stream) throw new Error('subscriptions need Redis or in-process event streams');
  const delivery = new EventDelivery({
    feeds: [new WorkflowEventFeed(stream.readers.workflow, query), new SessionEventFeed(stream.readers.session, query)],
    limits: operationLimits,
    maxBufferedEvents: config.subscriptions.maxBufferedEvents,
    observer,
    quota: limits.subscriptions,
    logger,
    authorize,
    checkCost,
    schema: () => {
      const current = schema();
      if (!current) throw new Error('the supergraph is not loaded yet');
      return current;
    },
  });
  const websocket = attachWebSocketSubscriptions({
    httpServer,
    path: '/graphql',
    delivery,
    authenticate,
    anonymous,
    admit: limits.requests.enabled
      ? async (principal) => {
          const decision = await limits.requests.consume(principal);
          if (!decision.allowed) throw rateLimitedError(decision);
        }
      : undefined,
    keepAliveMs: config.subscriptions.keepAliveMs,
    resolveDocument,
    revocations,
  });
  const sse = createSseSubscriptions({ delivery, secret: config.auth.jwtSecret, logger, revocations });
  return {
    sse,
    async close() {
      sse.close();
      await websocket.close();
      await stream.close();
    },
  };
}

/** The readers of the gateway's two event streams: workflow events and session events. */
export interface EventStreamReaders {
  readonly workflow: WorkflowEventStreamReader;
  readonly session: SessionEventStreamReader;
}

/**
 * The Redis fan-outs of the relays' streams, workflow and session events, over two connections they share (reads, and
 * `SUBSCRIBE` to both notification channels); `close()` also quits them.
 */
async function startEventFanouts(url: string, keyPrefix: string, logger: Logger): Promise<{ readers: EventStreamReaders; close(): Promise<void> }> {
  const redis = await createRedisClient({ url, connectionName: 'orchestra-gateway-events' });
  const subscriber = await createRedisClient({ url, connectionName: 'orchestra-gateway-events-subscriber' });
  const workflow = new EventFanout<StreamedWorkflowEvent>({ redis, subscriber, keyPrefix, stream: WORKFLOW_EVENT_STREAM, logger });
  const session = new EventFanout<StreamedSessionEvent>({ redis, subscriber, keyPrefix, stream: SESSION_EVENT_STREAM, logger });
  await workflow.start();
  await session.start();
  return {
    readers: { workflow, session },
    async close() {
      await workflow.close();
      await session.close();
      await subscriber.quit();
      await redis.quit();
    },
  };
}

/** The principal the gateway presents to the session subgraph's API-key verification route. */
const API_KEY_VERIFIER_PRINCIPAL: Principal = { subject: 'orchestra:gateway', tenantId: 'orchestra-internal', scopes: [] };

/**
 * The gateway's API-key verifier (platform/auth/api-key-verifier.ts: 30 s positive cache) over the session subgraph's
 * `/internal/api-keys/verify`, and the watch of streams opened with a key: as soon as a key's revocation arrives
 * (in-process, and over Redis pub/sub with `config.redis.url`: a dedicated subscriber connection), the verifier
 * forgets it and the streams opened with it end (their WebSocket closed with 4401, their SSE subscriptions ended
 * with UNAUTHENTICATED).
 * @returns the verifier, the watch, and `close()` (stops listening, quits the connection).
 */
async function createGatewayApiKeys(
  config: OrchestraConfig,
  internalTokens: InternalTokenCache,
  logger: Logger,
): Promise<{ verify: ApiKeyVerifier; revocations: ApiKeyRevocationWatch; close(): Promise<void> }> {
  const verify = createApiKeyVerifier({
    verifyUrl: new URL('/internal/api-keys/verify', config.endpoints.subgraphUrls.session).toString(),
    revokedUrl: new URL('/internal/api-keys/revoked', config.endpoints.subgraphUrls.session).toString(),
    internalToken: () => internalTokens.tokenFor(API_KEY_VERIFIER_PRINCIPAL),
  });
  const revocations = new ApiKeyRevocationWatch({ onWatcherError: (err: unknown) => logger.warn({ err }, 'ending a revoked API key stream failed') });
  const subscriber = config.redis.url ? await createRedisClient({ url: config.redis.url, connectionName: 'orchestra-gateway-api-key-revocations' }) : undefined;
  const stop = await subscribeApiKeyRevocations(
    (keyId) => {
      verify.forget(keyId);
      revocations.revoke(keyId);
    },
    subscriber ? { subscriber, keyPrefix: config.redis.keyPrefix, onGap: () => void resync() } : undefined,
  );
  // Revocations published while the subscriber was away are lost: forget every cached key, and end the streams whose
  // key was revoked meanwhile (asked of the session subgraph; retried at the next gap if it cannot answer).
  async function resync(): Promise<void> {
    verify.forgetAll();
    try {
      for (const keyId of await verify.revokedAmong(revocations.keyIds())) revocations.revoke(keyId);
      logger.info('API key revocations re-read after the Redis subscriber reconnected');
    } catch (err) {
      logger.warn({ err }, 'API key revocations could not be re-read after the Redis subscriber reconnected');
    }
  }
  return {
    verify,
    revocations,
    async close() {
      await stop();
      await subscriber?.quit();
    },
  };
}

/** A hit-path body resolved by the trusted documents (objects only; batches and other values go on as they are). */
function resolveBody(trustedDocuments: TrustedDocuments, body: unknown): Promise<unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return Promise.resolve(body);
  return trustedDocuments.resolve(body as Record<string, unknown>);
}
