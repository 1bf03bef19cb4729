import express, { type NextFunction, type Request, type Response } from 'express';
import type { DocumentNode } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { createServer, type Server } from 'node:http';
import { register as processMetrics } from 'prom-client';
import { createAuthenticate } from '../auth/authenticate.ts';
import { INTERNAL_AUDIENCE, INTERNAL_ISSUER } from '../auth/tokens.ts';
import type { Principal } from '../auth/principal.ts';
import { OrchestraError, formatGraphQLError } from '../errors.ts';
import { LoaderRegistry } from '../loaders.ts';
import type { Logger } from '../logger.ts';
import { requestIdOf, sendError, serveGraphQL, type GraphQLHttpService } from '../http/http-server.ts';
import type { SubgraphContext } from './subgraph-context.ts';
import type { SubgraphRoutes } from './subgraph-definition.ts';
import { graphqlSpanPlugin, traceHttpRequests } from '../telemetry/http-spans.ts';

/** Options of {@link startSubgraphServer}. */
export interface SubgraphServerOptions {
  /** Subgraph name, for logs. */
  readonly name: string;
  readonly typeDefs: DocumentNode;
  /** The subgraph's resolvers (typed by codegen's `Resolvers`), including `__resolveReference`s. */
  readonly resolvers: object;
  /** Port to listen on; 0 = any free port. */
  readonly port: number;
  /** Interface to bind. @defaultValue `127.0.0.1` */
  readonly host?: string;
  /** HS256 secret of internal tokens minted by the gateway. */
  readonly internalTokenSecret: string;
  /** Largest accepted request body, in bytes. */
  readonly maxRequestBytes: number;
  readonly logger: Logger;
  /** Checks the subgraph's dependencies (Postgres, Redis); throws when not ready. Backs `/healthz`. */
  readonly healthCheck: () => Promise<void>;
  /** The subgraph's own HTTP routes, mounted behind the internal-token authentication. @defaultValue none */
  readonly routes?: SubgraphRoutes | undefined;
  /**
   * Awaited before a mutation's response is sent (after its writes committed): the entity-change relay's flush, so
   * that no gateway serves a cached response the mutation made stale once its client has the answer. A failure is
   * logged and the response still sent (the relay's next pass publishes the changes). @defaultValue none
   */
  readonly beforeMutationResponse?: (() => Promise<void>) | undefined;
  /**
   * Whether each request is a SERVER span, the child of the gateway's fetch span by its `traceparent` (see
   * platform/telemetry/http-spans.ts); on when tracing is (`config.tracing`). @defaultValue false
   */
  readonly traced?: boolean;
}

/** `res.locals` key of the {@link SubgraphContext} of a request to a subgraph's own routes. */
const ROUTE_CONTEXT = 'subgraphContext';

/**
 * The context of a request to a subgraph's own routes ({@link SubgraphServerOptions.routes}): the principal of its
 * verified internal token, a fresh loader registry, the request id (`x-request-id`) and a request logger.
 * @throws Error when `res` did not go through the routes' authentication (a programming error).
 */
export function routeContextOf(res: Response): SubgraphContext {
  const context = res.locals[ROUTE_CONTEXT] as SubgraphContext | undefined;
  if (!context) throw new Error('routeContextOf: the request did not pass the subgraph route authentication');
  return context;
}

/** A running subgraph: its GraphQL URL and an idempotent `close()`. */
export type SubgraphServer = GraphQLHttpService;

/**
 * Starts one subgraph: Express 5 + Apollo Server over `buildSubgraphSchema`, serving `POST /graphql`,
 * `GET /healthz` and `GET /metrics` (the process's Prometheus metrics: prom-client's global registry, where e.g. the
 * routing subgraph counts model calls; unauthenticated, like the gateway's), and the subgraph's own `options.routes`.
 * Every GraphQL or route request must carry the gateway's internal token (`Authorization: Bearer`, audience `orchestra:subgraph`); without a valid one the answer
 * is HTTP 401 with an `UNAUTHENTICATED` GraphQL error.
 */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<SubgraphServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(options.traced ? traceHttpRequests(app) : app);
  const apollo = new ApolloServer<SubgraphContext>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    formatError: formatGraphQLError,
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (bin/orchestra.ts closes services in order); Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTrace({ includeErrors: { masked: true } }),
      ApolloServerPluginLandingPageDisabled(),
      ...(options.traced ? [graphqlSpanPlugin] : []),
      {
        // Unexpected errors are masked for the client (formatGraphQLError); the logs keep them, with the request id.
        async requestDidStart() {
          return {
            async willSendResponse({ operation, contextValue }) {
              if (operation?.operation !== 'mutation' || !options.beforeMutationResponse) return;
              await options.beforeMutationResponse().catch((error: unknown) => {
                contextValue.logger.warn({ err: error }, 'could not publish the entity changes of a mutation before answering it');
              });
            },
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) {
                if (!(error.originalError instanceof OrchestraError) && error.originalError !== undefined) {
                  contextValue.logger.error({ err: error.originalError, path: error.path }, 'resolver failed');
                }
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    options.healthCheck().then(
      () => res.json({ status: 'ok', subgraph: options.name }),
      (error: unknown) => {
        options.logger.warn({ err: error }, 'health check failed');
        res.status(503).json({ status: 'unavailable', subgraph: options.name });
      },
    );
  });

  app.get('/metrics', (_req, res, next) => {
    processMetrics.metrics().then((body) => res.type(processMetrics.contentType).send(body), next);
  });

  const authenticate = createAuthenticate({
    secret: options.internalTokenSecret,
    audience: INTERNAL_AUDIENCE,
    issuer: INTERNAL_ISSUER,
    missingTokenMessage: 'Missing internal token: subgraphs only serve the gateway',
  });

  app.use(
    '/graphql',
    authenticate,
    express.json({ limit: options.maxRequestBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdOf(req);
        return {
          principal: res.locals['principal'] as Principal,
          loaders: new LoaderRegistry(),
          requestId,
          logger: options.logger.child({ requestId }),
        };
      },
    }),
  );
  if (options.routes) {
    const router = express.Router();
    options.routes(router);
    app.use(
      authenticate,
      (req: Request, res: Response, next: NextFunction) => {
        const requestId = requestIdOf(req);
        const context: SubgraphContext = {
          principal: res.locals['principal'] as Principal,
          loaders: new LoaderRegistry(),
          requestId,
          logger: options.logger.child({ requestId }),
        };
        res.locals[ROUTE_CONTEXT] = context;
        next();
      },
      router,
    );
  }
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => sendError(res, error, options.logger));

  const service = await serveGraphQL(httpServer, options.port, options.host ?? '127.0.0.1', () => apollo.stop());
  options.logger.info({ subgraph: options.name, url: service.url }, 'subgraph listening');
  return service;
}
