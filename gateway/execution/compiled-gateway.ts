import { Supergraph, type Schema } from '@apollo/federation-internals';
import { ApolloGateway, RemoteGraphQLDataSource, type GatewayConfig, type GraphQLDataSource } from '@apollo/gateway';
import { QueryPlanner } from '@apollo/query-planner';
import { GraphQLError, getVariableValues, validate, type GraphQLSchema } from 'graphql';
import type { Logger } from '../../platform/logger.ts';
import { compileOperation, type CompiledOperation } from './compiled-operation.ts';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayInterface,
  GatewayLoadResult,
  GatewayRequestContext,
  GatewaySchemaListener,
} from './gateway-interface.ts';
import type { OperationManifest } from './operation-manifest.ts';
import { executePlan } from './plan-executor.ts';
import { QueryPlanCache, type OperationCompiler, type WarmReport } from './query-plan-cache.ts';

/** Which executor answered an operation: the compiled path, or Apollo's (see {@link CompiledGateway}). */
export type ExecutionPath = 'compiled' | 'fallback';

/** Options of {@link CompiledGateway}. */
export interface CompiledGatewayOptions {
  /**
   * Configuration of the wrapped `ApolloGateway` (supergraph source, `buildService`, logger, query planner config). Its
   * `buildService` data sources are the ones both executors fetch with. @defaultValue `buildService`: Apollo's
   * `RemoteGraphQLDataSource`
   */
  readonly gateway: GatewayConfig;
  /** Most bytes the plan cache holds (see {@link QueryPlanCache}), `config.gateway.planCacheBytes`. */
  readonly planCacheBytes: number;
  /**
   * Operations to plan and compile at `load()` and again after each supergraph change
   * (`config.gateway.operationManifestPath`, read by readOperationManifest). @defaultValue none
   */
  readonly manifest?: OperationManifest | undefined;
  readonly logger: Logger;
  /** Called for each plan cache lookup (a metrics counter). */
  readonly onPlanCacheLookup?: (result: 'hit' | 'miss') => void;
  /** Called for each operation executed, with the executor that answered it (a metrics counter). */
  readonly onExecution?: (path: ExecutionPath) => void;
}

/** The lifecycle of a {@link CompiledGateway}, as `GatewayState` in Apollo's gateway-js. */
type CompiledGatewayState =
  | { readonly phase: 'initialized' }
  | { readonly phase: 'loaded'; readonly fallback: GatewayExecutor }
  /** Stopped: an operation still in flight when the server stopped goes to Apollo's executor (when it was loaded). */
  | { readonly phase: 'stopped'; readonly fallback: GatewayExecutor | undefined };

/** What the compiled path needs of the current supergraph. */
interface CompiledSupergraph {
  readonly apiSchema: Schema;
  readonly planner: QueryPlanner;
  /** The supergraph's graphql-js schema (with `@inaccessible` types), for representations and rewrites. */
  readonly supergraphSchema: GraphQLSchema;
}

/**
 * A gateway for `new ApolloServer({ gateway })` with a compiled execution path (issue 15, item 3): it wraps an
 * `ApolloGateway` — which still loads, hot-reloads and validates the supergraph, and owns the subgraph data sources —
 * and keeps its own `Supergraph` and `QueryPlanner` (@apollo/federation-internals, @apollo/query-planner, the versions
 * Apollo's gateway uses) built from each supergraph SDL the wrapped gateway announces. Its executor looks the operation
 * up in a {@link QueryPlanCache} (compiled once per document and operation name: the plan, and a response shaper
 * generated as JavaScript, see response-shaper.ts), executes the plan with {@link executePlan} over the same data
 * sources, and shapes the answer — where Apollo's executor rebuilds the operation for every request and shapes it
 * interpretively. Whatever the compiled path does not execute goes to Apollo's executor unchanged: subscriptions,
 * `@defer`/`@stream`, introspection (`__schema`, `__type`), requests whose traces are captured (usage reporting) or
 * that ask for their query plan (`Apollo-Query-Plan-Experimental`), and any operation the planner refuses. A supergraph
 * change empties the plan cache before the new schema is announced, then warms the manifest again.
 */
export class CompiledGateway implements GatewayInterface {
  private readonly inner: ApolloGateway;
  private readonly cache: QueryPlanCache;
  private readonly dataSources: Record<string, GraphQLDataSource> = Object.create(null) as Record<string, GraphQLDataSource>;
  private readonly listeners = new Set<GatewaySchemaListener>();
  private state: CompiledGatewayState = { phase: 'initialized' };
  private supergraph: CompiledSupergraph | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: CompiledGatewayOptions) {
    const buildService = options.gateway.buildService;
    this.inner = new ApolloGateway({
      ...options.gateway,
      buildService: (definition) => {
        const dataSource = buildService ? buildService(definition) : new RemoteGraphQLDataSource(definition.url === undefined ? {} : { url: definition.url });
        this.dataSources[definition.name] = dataSource;
        return dataSource;
      },
    } as GatewayConfig);
    this.cache = new QueryPlanCache({
      maxBytes: options.planCacheBytes,
      onHit: () => options.onPlanCacheLookup?.('hit'),
      onMiss: () => options.onPlanCacheLookup?.('miss'),
    });
  }

  /** Entries and approximate bytes of the plan cache. */
  get planCacheStats(): { readonly entries: number; readonly bytes: number } {
    return this.cache.stats;
  }

  /**
   * Registers `callback` for each supergraph the wrapped gateway loads: it is called after this gateway's plan cache
   * is emptied and its planner replaced, with the wrapped gateway's API schema and supergraph SDL.
   * @returns a function that unregisters it.
   */
  onSchemaLoadOrUpdate(callback: GatewaySchemaListener): () => void {
    this.listeners.add(callback);
    return () => {
      this.listeners.delete(callback);
    };
  }

  /**
   * Loads the wrapped gateway (the supergraph), then compiles the manifest's operations.
   * @throws what `ApolloGateway.load` throws (no supergraph), or when called twice.
   */
  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    if (this.state.phase !== 'initialized') throw new Error(`CompiledGateway.load called in state ${this.state.phase}`);
    this.unsubscribe = this.inner.onSchemaLoadOrUpdate((schema) => this.useSupergraph(schema));
    const loaded = await this.inner.load(options);
    if (!loaded.executor) throw new Error('the Apollo gateway loaded without an executor');
    this.state = { phase: 'loaded', fallback: loaded.executor as GatewayExecutor };
    if (this.options.manifest) this.logWarming(await this.cache.warm(this.options.manifest));
    return { executor: this.execute };
  }

  /** Stops the wrapped gateway (its supergraph polling) and empties the plan cache. Idempotent. */
  async stop(): Promise<void> {
    if (this.state.phase === 'stopped') return;
    this.state = { phase: 'stopped', fallback: this.state.phase === 'loaded' ? this.state.fallback : undefined };
    this.unsubscribe?.();
    this.cache.reset(undefined);
    this.supergraph = undefined;
    await this.inner.stop();
  }

  private readonly execute: GatewayExecutor = async (requestContext) => {
    const state = this.state;
    if (state.phase !== 'loaded') {
      if (state.phase === 'stopped' && state.fallback) return this.fallback(state.fallback, requestContext);
      throw new Error(`the gateway is ${state.phase}`);
    }
    const supergraph = this.supergraph;
    const { request, operation } = requestContext;
    if (!supergraph || operation.operation === 'subscription' || requestContext.metrics.captureTraces || wantsQueryPlan(requestContext)) {
      return this.fallback(state.fallback, requestContext);
    }
    // Apollo's gateway coerces the variables once to validate them (validateIncomingRequest), then sends them as given.
    if (operation.variableDefinitions && operation.variableDefinitions.length > 0) {
      const { errors } = getVariableValues(requestContext.schema, operation.variableDefinitions, request.variables ?? {});
      if (errors) return { errors };
    }
    const key = QueryPlanCache.key(requestContext.queryHash, request.operationName);
    const compiled = this.cache.resolve(key, requestContext.document, request.operationName, requestContext.source.length);
    if (!compiled || compiled.kind === 'fallback') return this.fallback(state.fallback, requestContext);
    this.options.onExecution?.('compiled');
    return await this.executeCompiled(compiled, supergraph, requestContext);
  };

  private fallback(executor: GatewayExecutor, requestContext: GatewayRequestContext): Promise<GatewayExecutionResult> {
    this.options.onExecution?.('fallback');
    return executor(requestContext);
  }

  /**
   * Executes the plan, then shapes the merged data, with Apollo's rules for the result (executeQueryPlan.ts): the
   * fetch errors, if any, and the data; without fetch errors, value-completion errors go to `extensions.valueCompletion`
   * instead of `errors`; a shaping failure (a subgraph answer of the wrong shape) is the only error, without data.
   */
  private async executeCompiled(
    compiled: Extract<CompiledOperation, { kind: 'compiled' }>,
    supergraph: CompiledSupergraph,
    requestContext: GatewayRequestContext,
  ): Promise<GatewayExecutionResult> {
    const { data: merged, errors } = await executePlan(compiled.plan, {
      dataSources: this.dataSources,
      requestContext,
      supergraphSchema: supergraph.supergraphSchema,
      variableDefinitions: compiled.variableDefinitions,
    });
    let shaped;
    try {
      shaped = compiled.shape(merged, requestContext.request.variables);
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      if (error instanceof Error) return { errors: [new GraphQLError(error.message, { originalError: error })] };
      this.options.logger.error({ err: error }, 'unexpected error while shaping a response');
      return { errors: [new GraphQLError('Unexpected error during query plan execution')] };
    }
    if (errors.length === 0 && shaped.errors.length > 0) return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
    return errors.length === 0 ? { data: shaped.data } : { errors, data: shaped.data };
  }

  /**
   * The wrapped gateway loaded or reloaded a supergraph: build its planner, empty the plan cache (before anyone sees
   * the new schema), tell our listeners, and warm the manifest again (in the background after the first load). A
   * supergraph that fails to build leaves the compiled path off (every operation to Apollo's executor) until the next.
   */
  private useSupergraph(schemaContext: Parameters<GatewaySchemaListener>[0]): void {
    try {
      const supergraph = Supergraph.build(schemaContext.coreSupergraphSdl, { validateSupergraph: false });
      const compiled: CompiledSupergraph = {
        apiSchema: supergraph.apiSchema(),
        planner: new QueryPlanner(supergraph, this.options.gateway.queryPlannerConfig),
        supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
      };
      const graphqlApiSchema = schemaContext.apiSchema;
      const compiler: OperationCompiler = {
        validate: (document) => validate(graphqlApiSchema, document),
        compile: (document, operationName, sourceLength) => compileOperation(compiled, document, operationName, sourceLength),
      };
      this.supergraph = compiled;
      this.cache.reset(compiler);
    } catch (error) {
      this.supergraph = undefined;
      this.cache.reset(undefined);
      this.options.logger.error(
        { err: error },
        "the compiled execution path is off for this supergraph: it failed to build; Apollo's executor serves every operation",
      );
    }
    for (const listener of this.listeners) {
      try {
        listener(schemaContext);
      } catch (error) {
        this.options.logger.error({ err: error }, 'an onSchemaLoadOrUpdate listener failed; the schema still updates');
      }
    }
    if (this.state.phase === 'loaded' && this.options.manifest && this.supergraph) {
      this.cache.warm(this.options.manifest).then(
        (report) => this.logWarming(report),
        (error: unknown) => this.options.logger.error({ err: error }, 'warming the plan cache failed'),
      );
    }
  }

  private logWarming(report: WarmReport): void {
    const { compiled, fallback, invalid, interrupted, durationMs } = report;
    if (invalid.length > 0) this.options.logger.warn({ invalid }, 'operation manifest: documents skipped (not valid against the supergraph)');
    this.options.logger.info({ compiled, fallback, invalid: invalid.length, interrupted, durationMs: Math.round(durationMs) }, 'plan cache warmed');
  }
}

/** Whether the request asks Apollo's gateway for its query plan (the `Apollo-Query-Plan-Experimental` header). */
function wantsQueryPlan(requestContext: GatewayRequestContext): boolean {
  return !!requestContext.request.http?.headers.get('apollo-query-plan-experimental');
}
