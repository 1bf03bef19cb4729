import { ERRORS, errorCodeDef } from '@apollo/federation-internals';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { FetchNode, ResponsePath } from '@apollo/query-planner';

/** Where a fetch ran: its path in the response (`@` for every list element) and the whole response data so far. */
export interface FetchPosition {
  readonly path: ResponsePath;
  readonly fullResult: Record<string, unknown>;
}

/**
 * Turns one error of a subgraph's answer into the gateway's, as Apollo's gateway does (`downstreamServiceError` in
 * executeQueryPlan.ts): the subgraph's message (or "Error while fetching subquery from service …"), its extensions
 * plus `serviceName`, its `extensions.code` kept when it has one (else `DOWNSTREAM_SERVICE_ERROR`), and its path
 * re-rooted into the client's response — for an `_entities` fetch, `_entities[i]` becomes the path of the i-th entity
 * the fetch was made for (see {@link entityErrorPath}).
 */
export function subgraphError(error: GraphQLFormattedError, serviceName: string, path: ReturnType<typeof errorPathMapper>): GraphQLError {
  const message = error.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = {
    originalError: error as Error,
    path: path(error.path),
    extensions: { ...error.extensions, serviceName },
  };
  const code = errorCodeDef(error as GraphQLError);
  if (!code && error.extensions?.['code']) return new GraphQLError(message, options);
  return (code ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

/**
 * The mapper of a fetch's error paths into the client's response (Apollo's `makeLazyErrorPathGenerator`): a root
 * fetch's paths are prefixed by the fetch's path; an entity fetch's `["_entities", i, …rest]` becomes the i-th
 * entity's concrete path (the fetch path with each `@` replaced by list indices, computed once, on the first error)
 * followed by `rest`. A path absent stays absent.
 */
export function errorPathMapper(
  fetch: FetchNode,
  position: FetchPosition,
): (path: readonly (string | number)[] | undefined) => (string | number)[] | undefined {
  let entityPaths: (string | number)[][] | undefined;
  return (path) => {
    const index = path?.[1];
    if (fetch.requires && typeof index === 'number') {
      if (!entityPaths) {
        entityPaths = [];
        entityErrorPath([], position.path, position.fullResult, entityPaths);
      }
      return [...(entityPaths[index] ?? []), ...(path ?? []).slice(2)];
    }
    return path ? [...position.path, ...path] : undefined;
  };
}

/**
 * Collects into `result` every concrete path that `path` (with `@` for "each element") reaches in `data`, in document
 * order, skipping nulls: Apollo's `generateHydratedPaths`. `parent` is the prefix walked so far.
 */
export function entityErrorPath(parent: (string | number)[], path: ResponsePath, data: unknown, result: (string | number)[][]): void {
  if (data === null || data === undefined) return;
  const [head, ...rest] = path;
  if (head === undefined) {
    result.push(parent.slice());
  } else if (head === '@') {
    if (!Array.isArray(data)) throw new Error('expected array when encountering `@`');
    data.forEach((value: unknown, i) => {
      parent.push(i);
      entityErrorPath(parent, rest, value, result);
      parent.pop();
    });
  } else if (typeof head === 'string') {
    if (Array.isArray(data)) {
      data.forEach((value: unknown, i) => {
        parent.push(i);
        entityErrorPath(parent, path, value, result);
        parent.pop();
      });
    } else if (Object.prototype.hasOwnProperty.call(data, head)) {
      parent.push(head);
      entityErrorPath(parent, rest, (data as Record<string, unknown>)[head], result);
      parent.pop();
    }
  } else {
    throw new Error(`unknown path part "${String(head)}"`);
  }
}
