import { isAbstractType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { FetchDataRewrite } from '@apollo/query-planner';
import { defineOwn, getOwn } from './deep-merge.ts';

const FRAGMENT_PREFIX = '... on ';

/**
 * Applies a fetch's input rewrites (to each entity representation before it is sent) or output rewrites (to each
 * answer before it is merged) in place, as Apollo's gateway does (`@apollo/gateway` dataRewrites.ts): a path of
 * field names and `... on Type` conditions through objects and lists, ending in a field that a `ValueSetter` sets to a
 * constant or a `KeyRenamer` moves to another key (the query planner emits them for `@interfaceObject` and aliased
 * key fields). `schema` is the supergraph's GraphQL schema (type conditions may name `@inaccessible` types).
 */
export function applyRewrites(schema: GraphQLSchema, rewrites: readonly FetchDataRewrite[] | undefined, value: unknown): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    const last = rewrite.path[rewrite.path.length - 1];
    if (last === undefined) continue;
    if (last.startsWith(FRAGMENT_PREFIX)) throw new Error(`Unexpected fragment as last element of ${rewrite.path.join(',')}`);
    const apply =
      rewrite.kind === 'ValueSetter'
        ? (target: Record<string, unknown>) => {
            defineOwn(target, last);
            target[last] = rewrite.setValueTo;
          }
        : (target: Record<string, unknown>) => {
            const moved = getOwn(target, last);
            if (moved) {
              defineOwn(target, rewrite.renameKeyTo);
              target[rewrite.renameKeyTo] = moved;
              target[last] = undefined;
            }
          };
    applyAtPath(schema, rewrite.path.slice(0, -1), value, apply);
  }
}

function applyAtPath(schema: GraphQLSchema, path: readonly string[], value: unknown, apply: (target: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (const element of value) applyAtPath(schema, path, element, apply);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const [first, ...rest] = path;
  if (first === undefined) {
    apply(value as Record<string, unknown>);
  } else if (first.startsWith(FRAGMENT_PREFIX)) {
    if (isObjectOfType(schema, value, first.slice(FRAGMENT_PREFIX.length), true)) applyAtPath(schema, rest, value, apply);
  } else {
    applyAtPath(schema, rest, getOwn(value, first), apply);
  }
}

const RELATIONS = new WeakMap<GraphQLSchema, Map<string, boolean>>();

/**
 * Whether `value` (by its `__typename`) is of `typeCondition`: the same type, or an object or interface type that is
 * a subtype of the abstract `typeCondition`. Without a `__typename`, `unknownTypename`. As Apollo's `isObjectOfType`,
 * with each (condition, typename) answer remembered per schema.
 */
export function isObjectOfType(schema: GraphQLSchema, value: object, typeCondition: string, unknownTypename = false): boolean {
  const typename = (value as { __typename?: unknown }).__typename;
  if (!typename) return unknownTypename;
  if (typename === typeCondition) return true;
  const name = String(typename);
  let relations = RELATIONS.get(schema);
  if (!relations) {
    relations = new Map();
    RELATIONS.set(schema, relations);
  }
  const key = `${typeCondition}\u0000${name}`;
  let related = relations.get(key);
  if (related === undefined) {
    const type = schema.getType(name);
    const condition = schema.getType(typeCondition);
    related = !!type && !!condition && isAbstractType(condition) && (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(condition, type);
    relations.set(key, related);
  }
  return related;
}
