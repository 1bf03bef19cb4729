import { operationFromDocument, type Schema, type VariableDefinitions } from '@apollo/federation-internals';
import type { PlanNode, QueryPlan, QueryPlanner } from '@apollo/query-planner';
import { BREAK, visit, type DocumentNode } from 'graphql';
import { compileResponseShaper, type ResponseShaper } from './response-shaper.ts';
import { UnsupportedOperationError, type UnsupportedReason } from './unsupported-operation.ts';

/**
 * One operation ready for the compiled path — its query plan, its compiled response shaper and its variable
 * definitions — or, for what that path does not execute, the reason it goes to Apollo's executor. `sizeBytes`
 * approximates what it holds: the JSON length of the plan plus the document's length.
 */
export type CompiledOperation =
  | {
      readonly kind: 'compiled';
      /** The plan's root node (undefined for an operation that fetches nothing, e.g. `{ __typename }`). */
      readonly plan: PlanNode | undefined;
      readonly shape: ResponseShaper;
      readonly variableDefinitions: VariableDefinitions;
      readonly sizeBytes: number;
    }
  | { readonly kind: 'fallback'; readonly reason: UnsupportedReason; readonly message: string; readonly sizeBytes: number };

/** The supergraph an operation is compiled against. */
export interface CompilationTarget {
  /** The API schema (federation-internals) of the supergraph. */
  readonly apiSchema: Schema;
  /** The query planner of the same supergraph. */
  readonly planner: QueryPlanner;
}

/**
 * Plans and compiles the operation named `operationName` (or the only one) of `document`: builds its
 * federation-internals `Operation` against the API schema once (Apollo's executor rebuilds it for every request),
 * plans it with the query planner as Apollo's gateway does, and compiles its response shaper. What the compiled path
 * does not execute — subscriptions, `@defer`/`@stream`, introspection fields, a plan with `Defer`/`Subscription`
 * nodes or `@fromContext` rewrites, and any document the planner refuses — becomes a `fallback` entry instead, so that
 * Apollo's executor answers it exactly as before (its own errors included). Never throws.
 * @param sourceLength - the document's text length, counted in `sizeBytes`.
 */
export function compileOperation(
  target: CompilationTarget,
  document: DocumentNode,
  operationName: string | undefined,
  sourceLength: number,
): CompiledOperation {
  const fallback = (reason: UnsupportedReason, message: string): CompiledOperation => ({
    kind: 'fallback',
    reason,
    message,
    sizeBytes: sourceLength + message.length + 64,
  });
  if (usesIncrementalDelivery(document)) return fallback('defer-or-stream', '@defer and @stream are executed by Apollo');
  try {
    const operation = operationFromDocument(target.apiSchema, document, operationName === undefined ? {} : { operationName });
    if (operation.rootKind === 'subscription') return fallback('subscription', 'subscriptions are executed by Apollo');
    const plan: QueryPlan = target.planner.buildQueryPlan(operation);
    const node = plan.node;
    if (node?.kind === 'Subscription') return fallback('subscription', 'subscriptions are executed by Apollo');
    const unsupported = node ? unsupportedNode(node) : undefined;
    if (unsupported) return fallback(unsupported, `a plan with ${unsupported} is executed by Apollo`);
    const shape = compileResponseShaper(operation);
    return { kind: 'compiled', plan: node, shape, variableDefinitions: operation.variableDefinitions, sizeBytes: JSON.stringify(plan).length + sourceLength };
  } catch (error) {
    if (error instanceof UnsupportedOperationError) return fallback(error.reason, error.message);
    return fallback('planning-failed', error instanceof Error ? error.message : String(error));
  }
}

function usesIncrementalDelivery(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'defer' || node.name.value === 'stream') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function unsupportedNode(node: PlanNode): UnsupportedReason | undefined {
  switch (node.kind) {
    case 'Defer':
      return 'defer-in-plan';
    case 'Fetch':
      return node.contextRewrites && node.contextRewrites.length > 0 ? 'context-rewrites' : undefined;
    case 'Flatten':
      return unsupportedNode(node.node);
    case 'Sequence':
    case 'Parallel':
      for (const child of node.nodes) {
        const reason = unsupportedNode(child);
        if (reason) return reason;
      }
      return undefined;
    case 'Condition':
      return (node.ifClause && unsupportedNode(node.ifClause)) ?? (node.elseClause && unsupportedNode(node.elseClause)) ?? undefined;
    default: {
      const unknown: never = node;
      throw new Error(`unknown plan node ${JSON.stringify(unknown)}`);
    }
  }
}
