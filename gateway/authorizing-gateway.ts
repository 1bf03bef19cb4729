import { createHash } from 'node:crypto';
import { Kind, buildASTSchema, parse, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../platform/auth/principal.ts';
import { filterOperation, forbiddenErrorOf, forbiddenErrors, nullRemovedFields, type AuthorizationSubject, type RemovedField } from './authorization.ts';
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayInterface,
  GatewayLoadResult,
  GatewayRequestContext,
  GatewaySchemaListener,
} from './execution/gateway-interface.ts';

/** Options of {@link AuthorizingGateway}. */
export interface AuthorizingGatewayOptions {
  /**
   * The anonymous principal (`config.auth.allowAnonymous`), compared by identity: it fails `@authenticated`.
   * A request without a principal counts as anonymous too. @defaultValue none (anonymous requests are refused earlier)
   */
  readonly anonymous?: Principal | undefined;
  /** Most filtered operations remembered (per document, operation name and scope set). @defaultValue 1000 */
  readonly maxRememberedOperations?: number;
}

/** An operation filtered for one scope set: what the wrapped executor runs instead, and what was removed. */
interface FilteredOperation {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** Differs from the original's by what was removed: plan caches never share plans across scope sets. */
  readonly queryHash: string;
  readonly removed: readonly RemovedField[];
}

/**
 * A gateway for `new ApolloServer({ gateway })` that enforces the supergraph's `@authenticated` / `@requiresScopes`
 * (composed from https://orchestra.dev/authorization/v1.0, see authorization.ts) before any subgraph is called, as
 * Apollo Router's authorization plugin does: it wraps another gateway (Apollo's, or the compiled one) and, for each
 * operation, removes the fields the request's principal (the context's `principal`) may not read, runs the wrapped
 * executor on what is left — under a `queryHash` derived from the original and the removed paths, since both
 * executors cache plans by it — then writes `null` at the removed fields' paths (with null propagation) and adds one
 * FORBIDDEN error per removed field naming the scopes it needs. An operation with nothing removed runs unchanged.
 * Everything the server runs goes through it: HTTP operations, both execution paths, and the subscriptions' per-event
 * supergraph queries. The subgraphs still check scopes themselves (`requireScope`).
 */
export class AuthorizingGateway implements GatewayInterface {
  #schema: GraphQLSchema | undefined;
  readonly #filtered: LRUCache<string, FilteredOperation | 'unchanged'>;

  constructor(
    private readonly inner: GatewayInterface,
    private readonly options: AuthorizingGatewayOptions = {},
  ) {
    this.#filtered = new LRUCache({ max: options.maxRememberedOperations ?? 1000 });
    // Registered first, so the filter's schema is the new one before the server (a later listener) sees it.
    inner.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
      this.#schema = buildASTSchema(parse(coreSupergraphSdl), { assumeValidSDL: true });
      this.#filtered.clear();
    });
  }

  /** Registers `callback` with the wrapped gateway. @returns a function that unregisters it. */
  onSchemaLoadOrUpdate(callback: GatewaySchemaListener): () => void {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  /** Loads the wrapped gateway. @returns its executor, wrapped. @throws what the wrapped `load` throws. */
  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    const loaded = await this.inner.load(options);
    const executor = loaded.executor as GatewayExecutor | null;
    return { executor: executor ? (requestContext) => this.execute(executor, requestContext) : null };
  }

  /** Stops the wrapped gateway. */
  async stop(): Promise<void> {
    await this.inner.stop();
  }

  /**
   * Refuses a subscription whose root field `principal` may not read (the transports call it at subscribe time; the
   * fields below the root are filtered per event, when its selection is executed through this gateway).
   * @throws {@link ForbiddenError} naming the scopes the first forbidden root field needs.
   */
  refuseForbiddenRootFields(document: DocumentNode, operationName: string | null | undefined, principal: Principal): void {
    if (!this.#schema) return;
    const { removed } = filterOperation(this.#schema, document, operationName, this.subjectOf(principal));
    const root = removed.find((field) => field.path.length === 1);
    if (root) throw forbiddenErrorOf(root);
  }

  private subjectOf(principal: Principal | undefined): AuthorizationSubject {
    return {
      principal: principal ?? { subject: 'anonymous', tenantId: '', scopes: [] },
      anonymous: !principal || principal === this.options.anonymous,
    };
  }

  private async execute(executor: GatewayExecutor, requestContext: GatewayRequestContext): Promise<GatewayExecutionResult> {
    const filtered = this.filter(requestContext);
    if (!filtered) return executor(requestContext);
    const result = await executor({ ...requestContext, document: filtered.document, operation: filtered.operation, queryHash: filtered.queryHash });
    // A request error (e.g. bad variables): no data to null, answered as without the filter.
    if (result.data === undefined) return result;
    // A copy: the wrapped executor's answer may be shared (deduplication), the nulls are this request's.
    const data = this.#schema ? nullRemovedFields(this.#schema, structuredClone(result.data), filtered.removed) : null;
    return { ...result, data, errors: [...forbiddenErrors(filtered.removed), ...(result.errors ?? [])] };
  }

  /** The operation filtered for the request's principal, remembered per scope set; undefined when nothing is removed. */
  private filter(requestContext: GatewayRequestContext): FilteredOperation | undefined {
    const schema = this.#schema;
    if (!schema) return undefined;
    const subject = this.subjectOf((requestContext.context as { principal?: Principal }).principal);
    const operationName = requestContext.request.operationName ?? null;
    const key = [requestContext.queryHash, operationName ?? '', subject.anonymous ? 'anonymous' : '', [...subject.principal.scopes].sort().join(' ')].join(
      '\u0000',
    );
    let filtered = this.#filtered.get(key);
    if (filtered === undefined) {
      const { document, removed } = filterOperation(schema, requestContext.document, operationName, subject);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (removed.length === 0 || !operation) {
        filtered = 'unchanged';
      } else {
        const hash = createHash('sha256').update(requestContext.queryHash).update('\u0000authorization');
        for (const field of removed) hash.update('\u0000').update(field.path.join('.'));
        filtered = { document, operation, queryHash: hash.digest('hex'), removed };
      }
      this.#filtered.set(key, filtered);
    }
    return filtered === 'unchanged' ? undefined : filtered;
  }
}
