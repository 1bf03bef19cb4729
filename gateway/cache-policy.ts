import {
  Kind,
  getNamedType,
  isAbstractType,
  isCompositeType,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Who may share a cached response (GraphQL enum `CacheControlScope`). */
export type CacheScope = 'PUBLIC' | 'PRIVATE';

/** One `@cacheControl(maxAge, scope, inheritMaxAge)` application, `maxAge` in seconds. */
export interface CacheHint {
  readonly maxAge?: number;
  readonly scope?: CacheScope;
  readonly inheritMaxAge?: boolean;
}

/**
 * How long a query's response may be cached and what it depends on: `maxAgeS` seconds (> 0), shared by the same
 * tenant and scopes (`PUBLIC`) or only the same subject (`PRIVATE`), and the subgraphs whose data it holds (sorted):
 * a committed write to any of them, for the tenant, makes it stale (platform/events/entity-versions.ts).
 */
export interface CachePolicy {
  readonly maxAgeS: number;
  readonly scope: CacheScope;
  readonly subgraphs: readonly string[];
}

/**
 * What the supergraph says about caching, read once per supergraph from its SDL: the `@cacheControl` hints composed
 * from the subgraphs (`@composeDirective`), and which subgraphs resolve each field (`@join__type`, `@join__field`).
 */
export class SupergraphCacheModel {
  readonly #typeHints = new Map<string, CacheHint>();
  readonly #fieldHints = new Map<string, CacheHint>();
  /** Subgraphs defining each type, and the key fields of each type. */
  readonly #typeGraphs = new Map<string, Set<string>>();
  readonly #keyFields = new Map<string, Set<string>>();
  /** Subgraphs resolving each `Type.field` that names them (`@join__field(graph:)`, not `external`). */
  readonly #fieldGraphs = new Map<string, Set<string>>();

  /**
   * @param supergraph the parsed supergraph SDL (as `npm run compose` writes it).
   * @throws Error when a `@join__graph` enum value has no `name` (not a Federation 2 supergraph).
   */
  constructor(supergraph: DocumentNode) {
    const graphNames = new Map<string, string>();
    for (const definition of supergraph.definitions) {
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
        for (const value of definition.values ?? []) {
          const name = stringArgument(
            value.directives?.find((d) => d.name.value === 'join__graph'),
            'name',
          );
          if (name === undefined) throw new Error(`supergraph: join__Graph.${value.name.value} has no @join__graph(name:)`);
          graphNames.set(value.name.value, name);
        }
      }
    }
    const graphOf = (directive: ConstDirectiveNode): string | undefined => {
      const argument = directive.arguments?.find((a) => a.name.value === 'graph');
      return argument?.value.kind === Kind.ENUM ? graphNames.get(argument.value.value) : undefined;
    };
    for (const definition of supergraph.definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
        definition.kind !== Kind.UNION_TYPE_DEFINITION
      ) {
        continue;
      }
      const typeName = definition.name.value;
      const hint = hintOf(definition.directives);
      if (hint) this.#typeHints.set(typeName, hint);
      const graphs = new Set<string>();
      const keys = new Set<string>();
      for (const directive of definition.directives ?? []) {
        if (directive.name.value !== 'join__type') continue;
        const graph = graphOf(directive);
        if (graph) graphs.add(graph);
        for (const field of (stringArgument(directive, 'key') ?? '').split(/[\s{}]+/)) if (field) keys.add(field);
      }
      this.#typeGraphs.set(typeName, graphs);
      this.#keyFields.set(typeName, keys);
      if (definition.kind === Kind.UNION_TYPE_DEFINITION) continue;
      for (const field of definition.fields ?? []) {
        const coordinate = `${typeName}.${field.name.value}`;
        const fieldHint = hintOf(field.directives);
        if (fieldHint) this.#fieldHints.set(coordinate, fieldHint);
        const joins = field.directives?.filter((d) => d.name.value === 'join__field') ?? [];
        const resolving = new Set<string>();
        for (const join of joins) {
          const external = join.arguments?.find((a) => a.name.value === 'external');
          if (external?.value.kind === Kind.BOOLEAN && external.value.value) continue;
          const graph = graphOf(join);
          if (graph) resolving.add(graph);
        }
        if (resolving.size > 0) this.#fieldGraphs.set(coordinate, resolving);
      }
    }
  }

  /** The hint on type `typeName`, if any. */
  typeHint(typeName: string): CacheHint | undefined {
    return this.#typeHints.get(typeName);
  }

  /** The hint on field `typeName.fieldName`, if any. */
  fieldHint(typeName: string, fieldName: string): CacheHint | undefined {
    return this.#fieldHints.get(`${typeName}.${fieldName}`);
  }

  /** Whether `fieldName` is (part of) a `@key` of `typeName` in some subgraph: its value is the entity's identity. */
  isKeyField(typeName: string, fieldName: string): boolean {
    return this.#keyFields.get(typeName)?.has(fieldName) ?? false;
  }

  /** The subgraphs that can resolve `typeName.fieldName` (its `@join__field`s, else every subgraph defining the type). */
  graphsOf(typeName: string, fieldName: string): ReadonlySet<string> {
    return this.#fieldGraphs.get(`${typeName}.${fieldName}`) ?? this.#typeGraphs.get(typeName) ?? new Set();
  }
}

/**
 * The cache policy of operation `operationName` (or the only one) of `document` over `schema` (the API schema), by
 * Apollo Server's cache-control rules (https://www.apollographql.com/docs/apollo-server/performance/caching), applied
 * statically to the selection rather than during execution: a field's max-age is its own hint's, else — for a field
 * returning an object, interface or union — its type's, else 0 for root fields and fields returning composite types
 * (`inheritMaxAge` takes the parent's instead; at the root that is 0), while other fields inherit their parent's;
 * the response's max-age is the least of its fields', its scope `PRIVATE` when any hint says so. Abstract types take
 * the least over their possible types. `@skip`/`@include` are ignored (every field counts: a bound, never too long).
 *
 * The subgraphs a response depends on: for each selected field that is not a key field, those of
 * {@link SupergraphCacheModel.graphsOf} — narrowed to the subgraph that resolved its parent when that one can resolve
 * it too (the query planner keeps a selection in one subgraph when it can).
 * @returns undefined when the response may not be cached: not a query, max-age 0, or a field the schema lacks (the
 *   request will fail validation).
 */
export function cachePolicyOf(
  model: SupergraphCacheModel,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): CachePolicy | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation =
    operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name?.value === operationName);
  if (operation?.operation !== 'query') return undefined;
  const queryType = schema.getQueryType();
  if (!queryType) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  let maxAgeS = Number.POSITIVE_INFINITY;
  let scope: CacheScope = 'PUBLIC';
  const subgraphs = new Set<string>();
  const restrict = (hint: CacheHint | undefined): void => {
    if (hint?.scope === 'PRIVATE') scope = 'PRIVATE';
  };

  /** @returns false when the selection cannot be cached (max-age 0 or an unknown field). */
  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    parentMaxAge: number | undefined,
    parentGraphs: ReadonlySet<string> | undefined,
    visited: Set<string>,
  ): boolean => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visited.has(fragment.name.value)) return false;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (!type || !isCompositeType(type)) return false;
        if (!walk(fragment.selectionSet, type, parentMaxAge, parentGraphs, new Set([...visited, fragment.name.value]))) return false;
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (!type || !isCompositeType(type)) return false;
        if (!walk(selection.selectionSet, type, parentMaxAge, parentGraphs, visited)) return false;
        continue;
      }
      const fieldName = selection.name.value;
      if (fieldName === '__typename') continue;
      // Introspection (__schema, __type) has no hints: a root field without one, never cached.
      if (fieldName.startsWith('__')) return false;
      const owners: readonly GraphQLCompositeType[] = isAbstractType(parent) ? [parent, ...schema.getPossibleTypes(parent)] : [parent];
      const field = 'getFields' in parent ? parent.getFields()[fieldName] : undefined;
      if (!field) return false;
      const returned = getNamedType(field.type);
      const isRoot = parentMaxAge === undefined;

      // The field's max-age: its hint (least over the types it may be on), else its type's, else the defaults.
      let fieldMaxAge: number | undefined;
      let inherits = false;
      for (const owner of owners) {
        const hint = model.fieldHint(owner.name, fieldName);
        restrict(hint);
        if (hint?.maxAge !== undefined) fieldMaxAge = Math.min(fieldMaxAge ?? Number.POSITIVE_INFINITY, hint.maxAge);
        else if (hint?.inheritMaxAge) inherits = true;
      }
      if (fieldMaxAge === undefined && !inherits && isCompositeType(returned)) {
        const returnedTypes = isAbstractType(returned) ? [returned, ...schema.getPossibleTypes(returned)] : [returned];
        const own = model.typeHint(returned.name);
        restrict(own);
        if (own?.maxAge !== undefined) fieldMaxAge = own.maxAge;
        else if (own?.inheritMaxAge) inherits = true;
        else if (isAbstractType(returned)) {
          // No hint on the abstract type: the least of its possible types' (one without a hint makes it 0).
          for (const possible of returnedTypes.slice(1)) {
            const hint = model.typeHint(possible.name);
            restrict(hint);
            fieldMaxAge = Math.min(fieldMaxAge ?? Number.POSITIVE_INFINITY, hint?.maxAge ?? 0);
          }
          if (fieldMaxAge === undefined) fieldMaxAge = 0;
        } else fieldMaxAge = 0;
      }
      if (fieldMaxAge === undefined) fieldMaxAge = inherits || !isRoot ? (parentMaxAge ?? 0) : 0;
      if (!(fieldMaxAge > 0)) return false;
      maxAgeS = Math.min(maxAgeS, fieldMaxAge);

      // The subgraphs whose data the field holds.
      let graphs: ReadonlySet<string> = parentGraphs ?? new Set();
      if (!owners.some((owner) => model.isKeyField(owner.name, fieldName))) {
        const resolving = new Set<string>();
        for (const owner of owners) for (const graph of model.graphsOf(owner.name, fieldName)) resolving.add(graph);
        const stay = parentGraphs ? [...resolving].filter((g) => parentGraphs.has(g)) : [];
        graphs = stay.length > 0 ? new Set(stay) : resolving;
        for (const graph of graphs) subgraphs.add(graph);
      }
      if (selection.selectionSet) {
        if (!isCompositeType(returned)) return false;
        if (!walk(selection.selectionSet, returned, fieldMaxAge, graphs, visited)) return false;
      }
    }
    return true;
  };

  if (!walk(operation.selectionSet, queryType, undefined, undefined, new Set())) return undefined;
  if (!Number.isFinite(maxAgeS) || subgraphs.size === 0) return undefined;
  return { maxAgeS, scope, subgraphs: [...subgraphs].sort() };
}

/** The `@cacheControl` hint among `directives`, if any. */
function hintOf(directives: readonly ConstDirectiveNode[] | undefined): CacheHint | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive) return undefined;
  let maxAge: number | undefined;
  let scope: CacheScope | undefined;
  let inheritMaxAge: boolean | undefined;
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    if (argument.name.value === 'maxAge' && value.kind === Kind.INT) maxAge = Number(value.value);
    if (argument.name.value === 'scope' && value.kind === Kind.ENUM && (value.value === 'PUBLIC' || value.value === 'PRIVATE')) scope = value.value;
    if (argument.name.value === 'inheritMaxAge' && value.kind === Kind.BOOLEAN) inheritMaxAge = value.value;
  }
  return { ...(maxAge !== undefined ? { maxAge } : {}), ...(scope ? { scope } : {}), ...(inheritMaxAge !== undefined ? { inheritMaxAge } : {}) };
}

/** The string value of argument `name` of `directive`, if it has one. */
function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const argument = directive?.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}
