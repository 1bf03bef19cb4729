import type { VariableDefinitions } from '@apollo/federation-internals';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { evaluateCondition, type FetchNode, type PlanNode, type ResponsePath } from '@apollo/query-planner';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { applyRewrites } from './data-rewrites.ts';
import { deepMerge, getOwn } from './deep-merge.ts';
import { entityRepresentation } from './entity-representations.ts';
import type { GatewayRequestContext } from './gateway-interface.ts';
import { errorPathMapper, subgraphError } from './subgraph-errors.ts';

/** What {@link executePlan} needs besides the plan. */
export interface PlanExecutionOptions {
  /** The data source of each subgraph, by the plan's service name (the gateway's `SubgraphDataSource`s). */
  readonly dataSources: Readonly<Record<string, GraphQLDataSource>>;
  /** The client's request: its variables, context (principal, request id) and metrics. */
  readonly requestContext: GatewayRequestContext;
  /** The supergraph's GraphQL schema (with `@inaccessible` types), for type conditions of representations and rewrites. */
  readonly supergraphSchema: GraphQLSchema;
  /** The operation's variable definitions, whose defaults `Condition` nodes fall back to. */
  readonly variableDefinitions: VariableDefinitions;
}

/** The merged data of every fetch (before shaping) and the errors met: subgraph errors re-rooted, failed fetches. */
export interface PlanExecutionResult {
  readonly data: Record<string, unknown>;
  /**
   * Subgraph errors (see subgraph-errors.ts) and what a failed fetch threw (a `GraphQLError` from the data source, or
   * an `Error`), as Apollo's gateway collects them: Apollo Server formats each (`formatError`) before it is sent.
   */
  readonly errors: GraphQLError[];
}

/** The data under one plan node: its response path, the value(s) there, and the whole data. */
interface Cursor {
  readonly path: ResponsePath;
  readonly data: unknown;
  readonly fullResult: Record<string, unknown>;
}

/**
 * Executes a query plan of `@apollo/query-planner` against the subgraphs, as Apollo's gateway does
 * (`executeQueryPlan.ts`, whose semantics this follows node by node): `Sequence` in order, `Parallel` at once,
 * `Flatten` into the data at its path (`@` = each list element), `Condition` on a `@skip`/`@include` variable, and
 * `Fetch` — a root fetch merged into the data at its path, or one batched `_entities` fetch for every entity there
 * (representations picked by the fetch's `requires`, input and output rewrites applied, `__typename` kept). A failed
 * fetch records its error and leaves its part of the data missing; the rest of the plan still runs. No telemetry
 * spans and no trace capture: the compiled gateway sends traced requests to Apollo's executor.
 * @throws Error on a `Defer` node (plans with one never reach here) or a subgraph answer of the wrong shape at a
 *   flatten path, as Apollo does.
 */
export async function executePlan(node: PlanNode | undefined, options: PlanExecutionOptions): Promise<PlanExecutionResult> {
  const data: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const errors: unknown[] = [];
  if (node) await executeNode(node, { path: [], data, fullResult: data }, options, errors);
  // Apollo's gateway returns what fetches threw among the errors as they are; Apollo Server formats each of them.
  return { data, errors: errors as GraphQLError[] };
}

async function executeNode(node: PlanNode, cursor: Cursor | undefined, options: PlanExecutionOptions, errors: unknown[]): Promise<void> {
  if (!cursor) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(child, cursor, options, errors);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(child, cursor, options, errors)));
      return;
    case 'Flatten':
      return executeNode(node.node, moveIntoCursor(cursor, node.path), options, errors);
    case 'Fetch':
      try {
        await executeFetch(node, cursor, options, errors);
      } catch (error) {
        errors.push(error);
      }
      return;
    case 'Condition': {
      const branch = evaluateCondition(node, options.variableDefinitions, options.requestContext.request.variables) ? node.ifClause : node.elseClause;
      if (branch) await executeNode(branch, cursor, options, errors);
      return;
    }
    case 'Defer':
      throw new Error('@defer support is not available in the gateway');
    default: {
      const unknown: never = node;
      throw new Error(`unknown plan node ${JSON.stringify(unknown)}`);
    }
  }
}

function moveIntoCursor(cursor: Cursor, path: ResponsePath): Cursor | undefined {
  const data = valuesAtPath(cursor.data, path, 0);
  return data ? { path: cursor.path.concat(path), data, fullResult: cursor.fullResult } : undefined;
}

/** Apollo's `flattenResultsAtPath`: the value at `path` from `start`, `@` flattening one list level. */
function valuesAtPath(value: unknown, path: ResponsePath, start: number): unknown {
  if (start === path.length || value === undefined || value === null) return value;
  const current = path[start];
  if (current === '@') return (value as unknown[]).flatMap((element) => valuesAtPath(element, path, start + 1));
  if (typeof current !== 'string') throw new Error(`Unexpected ${typeof current} found in path`);
  if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${current}`);
  return valuesAtPath(getOwn(value as object, current), path, start + 1);
}

async function executeFetch(fetch: FetchNode, cursor: Cursor, options: PlanExecutionOptions, errors: unknown[]): Promise<void> {
  const service = options.dataSources[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities = (Array.isArray(cursor.data) ? cursor.data.filter((value) => value !== null && value !== undefined) : [cursor.data]) as Record<
    string,
    unknown
  >[];
  if (entities.length < 1) return;
  const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const provided = options.requestContext.request.variables;
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.prototype.hasOwnProperty.call(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
  }
  const schema = options.supergraphSchema;
  if (!fetch.requires) {
    const received = await sendFetch(fetch, cursor, variables, service, options.requestContext, errors);
    if (received) applyRewrites(schema, fetch.outputRewrites, received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }
  const representations: Record<string, unknown>[] = [];
  const owners: Record<string, unknown>[] = [];
  for (const entity of entities) {
    const representation = entityRepresentation(schema, entity, fetch.requires);
    if (representation && representation['__typename']) {
      applyRewrites(schema, fetch.inputRewrites, representation);
      representations.push(representation);
      owners.push(entity);
    }
  }
  if (representations.length < 1) return;
  if ('representations' in variables) throw new Error(`Variables cannot contain key "representations"`);
  const received = await sendFetch(fetch, cursor, { ...variables, representations }, service, options.requestContext, errors);
  if (!received) return;
  const answers = received['_entities'];
  if (!(answers && Array.isArray(answers))) throw new Error(`Expected "data._entities" in response to be an array`);
  if (answers.length !== representations.length) throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  for (let i = 0; i < representations.length; i++) {
    const answer = answers[i] as Record<string, unknown> | null;
    const owner = owners[i] as Record<string, unknown>;
    if (answer && !answer['__typename']) answer['__typename'] = owner['__typename'];
    applyRewrites(schema, fetch.outputRewrites, answer);
    deepMerge(owner, answer);
  }
}

/**
 * Sends one fetch through the subgraph's data source (`process`, as Apollo's gateway calls it: the client's context,
 * the fetch's path), records its errors re-rooted into the client's response, and the paths of those errors in
 * `metrics.nonFtv1ErrorPaths` (as Apollo does for usage reporting). @returns the answer's `data`.
 */
async function sendFetch(
  fetch: FetchNode,
  cursor: Cursor,
  variables: Record<string, unknown>,
  service: GraphQLDataSource,
  requestContext: GatewayRequestContext,
  errors: unknown[],
): Promise<Record<string, unknown> | null | undefined> {
  const process: GraphQLDataSourceProcessOptions = {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: fetch.operation, variables, ...(fetch.operationName === undefined ? {} : { operationName: fetch.operationName }) },
    incomingRequestContext: requestContext as GraphQLDataSourceProcessOptions['context'],
    context: requestContext.context,
    ...(fetch.operationDocumentNode ? { document: fetch.operationDocumentNode } : {}),
    pathInIncomingRequest: cursor.path,
  } as GraphQLDataSourceProcessOptions;
  const response = await service.process(process);
  if (response.errors) {
    const path = errorPathMapper(fetch, cursor);
    errors.push(...response.errors.map((error) => subgraphError(error, fetch.serviceName, path)));
    if (!response.extensions?.['ftv1']) {
      const paths = response.errors.map((error) => ({ subgraph: fetch.serviceName, path: error.path as GraphQLError['path'] }));
      const metrics = requestContext.metrics;
      if (metrics.nonFtv1ErrorPaths) metrics.nonFtv1ErrorPaths.push(...paths);
      else metrics.nonFtv1ErrorPaths = paths;
    }
  }
  return response.data;
}
