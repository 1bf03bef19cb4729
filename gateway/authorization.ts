import {
  Kind,
  getNamedType,
  getNullableType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isListType,
  isUnionType,
  GraphQLError,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
  visit,
} from 'graphql';
import { hasScope, type Principal, type Scope } from '../platform/auth/principal.ts';
import { ForbiddenError, toGraphQLError } from '../platform/errors.ts';

/**
 * The spec our composed authorization directives are linked from (`@composeDirective`), beside Apollo's names and
 * semantics. Apollo's own `https://specs.apollo.dev/authenticated/v0.1` and `.../requiresScopes/v0.1` are linked
 * `for: SECURITY`, which @apollo/gateway 2.14.4 refuses ("feature ... is for: SECURITY but is unsupported": its
 * `Supergraph.build` checks DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, where only the Router's set lists them).
 */
export const AUTHORIZATION_SPEC_URL = 'https://orchestra.dev/authorization/v1.0';

/**
 * What reading one field needs, as Apollo Router's authorization directives say it: `authenticated` (`@authenticated`:
 * a non-anonymous principal) and `scopes` (`@requiresScopes(scopes: [[...]])`: an OR of ANDs — the principal holds
 * every scope of at least one inner list). Each requirement of the field itself and of its named return type applies.
 */
export interface FieldRequirement {
  readonly authenticated: boolean;
  /** Every `@requiresScopes` that applies (field's, return type's): each must be met. */
  readonly scopes: readonly (readonly string[])[][];
}

/** Who asks: the principal, and whether it is the anonymous one (AUTH_ALLOW_ANONYMOUS), "unauthenticated" here. */
export interface AuthorizationSubject {
  readonly principal: Principal;
  readonly anonymous: boolean;
}

/** A field removed from an operation: its response path (response names, no list indexes) and why. */
export interface RemovedField {
  readonly path: readonly string[];
  readonly requirement: FieldRequirement;
  /** Whether the field's type is non-null (its null then nulls out its parent, as GraphQL's null propagation). */
  readonly nonNull: boolean;
  /** The declared type of each field along `path` (the last is the removed field's), for null propagation. */
  readonly types: readonly GraphQLOutputType[];
  /**
   * The type the field was removed from when it is narrower than its parent field's type (a fragment on an object
   * type inside an abstract one): the answer's objects of other types keep no null for it. Those objects are told
   * apart by the hidden {@link AUTHORIZATION_TYPENAME} the filter adds beside it.
   */
  readonly parentType?: string | undefined;
}

/** The response name of the `__typename` the filter adds where a removed field sits in a type-narrowing fragment. */
export const AUTHORIZATION_TYPENAME = '__authorizationTypename';

/** The requirement of `field` (on its parent type) in `schema` (built from SDL: directives read from AST nodes). */
export function fieldRequirement(field: GraphQLField<unknown, unknown>): FieldRequirement {
  const named: GraphQLNamedType = getNamedType(field.type);
  const directives = [
    ...(field.astNode?.directives ?? []),
    ...(named.astNode?.directives ?? []),
    ...(named.extensionASTNodes ?? []).flatMap((n) => n.directives ?? []),
  ];
  return requirementOf(directives);
}

function requirementOf(directives: readonly DirectiveNode[]): FieldRequirement {
  let authenticated = false;
  const scopes: (readonly string[])[][] = [];
  for (const directive of directives) {
    if (directive.name.value === 'authenticated') authenticated = true;
    if (directive.name.value === 'requiresScopes') {
      const argument = directive.arguments?.find((a) => a.name.value === 'scopes');
      if (argument) scopes.push(valueFromASTUntyped(argument.value) as string[][]);
    }
  }
  return { authenticated, scopes };
}

/**
 * Whether `subject` meets `requirement`: authenticated when asked, and for each `@requiresScopes`, every scope of at
 * least one of its lists (`admin` implies every scope, {@link hasScope}). Apollo Router's semantics.
 */
export function isAuthorized(subject: AuthorizationSubject, requirement: FieldRequirement): boolean {
  if (requirement.authenticated && subject.anonymous) return false;
  return requirement.scopes.every((anyOf) => anyOf.some((allOf) => allOf.every((scope) => hasScope(subject.principal, scope as Scope))));
}

/**
 * Removes from `document`'s operation every field `subject` may not read (Apollo Router's authorization filtering),
 * fragments inlined; a selection set left empty gets a hidden `__typename` ({@link AUTHORIZATION_TYPENAME}) so the
 * document stays valid. Returns the filtered
 * document and the removed fields (for null + FORBIDDEN errors at their paths).
 */
export function filterOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  subject: AuthorizationSubject,
): { readonly document: DocumentNode; readonly removed: readonly RemovedField[] } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (operationName == null || d.name?.value === operationName),
  );
  if (!operation) return { document, removed: [] };
  const root = schema.getRootType(operation.operation);
  if (!root) return { document, removed: [] };
  const removed: RemovedField[] = [];

  const filterSet = (
    set: SelectionSetNode,
    type: GraphQLNamedType,
    path: readonly string[],
    types: readonly GraphQLOutputType[],
    fieldType: GraphQLNamedType,
  ): SelectionSetNode => {
    const selections: SelectionNode[] = [];
    const before = removed.length;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const kept = filterField(selection, type, path, types, type === fieldType ? undefined : type.name);
        if (kept) selections.push(kept);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        const conditionName = fragment.typeCondition?.name.value;
        const condition = conditionName ? schema.getType(conditionName) : type;
        if (!condition) continue;
        const inner = filterSet(fragment.selectionSet, condition, path, types, fieldType);
        selections.push({
          kind: Kind.INLINE_FRAGMENT,
          ...(fragment.typeCondition ? { typeCondition: fragment.typeCondition } : {}),
          ...(selection.directives ? { directives: selection.directives } : {}),
          selectionSet: inner,
        });
      }
    }
    if (type !== fieldType && removed.length > before && removed.slice(before).some((r) => r.parentType === type.name)) {
      selections.push(hiddenTypename());
    }
    // Hidden (an alias {@link nullRemovedFields} deletes), so the answer has only what was asked.
    if (selections.length === 0) selections.push(hiddenTypename());
    return { ...set, selections };
  };

  const filterField = (
    node: FieldNode,
    parent: GraphQLNamedType,
    path: readonly string[],
    parentTypes: readonly GraphQLOutputType[],
    narrowedFrom: string | undefined,
  ): FieldNode | undefined => {
    if (node.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return node;
    const field = parent.getFields()[node.name.value];
    if (!field) return node;
    const fieldPath = [...path, node.alias?.value ?? node.name.value];
    const fieldTypes = [...parentTypes, field.type];
    const requirement = fieldRequirement(field);
    if (!isAuthorized(subject, requirement)) {
      removed.push({ path: fieldPath, requirement, nonNull: isNonNullType(field.type), types: fieldTypes, parentType: narrowedFrom });
      return undefined;
    }
    if (!node.selectionSet) return node;
    const named = getNamedType(getNullableType(field.type));
    return { ...node, selectionSet: filterSet(node.selectionSet, named, fieldPath, fieldTypes, named) };
  };

  const filtered: OperationDefinitionNode = { ...operation, selectionSet: filterSet(operation.selectionSet, root, [], [], root) };
  if (removed.length === 0) return { document, removed };
  return { document: { kind: Kind.DOCUMENT, definitions: [withoutUnusedVariables(filtered)] }, removed };
}

function hiddenTypename(): FieldNode {
  return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: AUTHORIZATION_TYPENAME }, name: { kind: Kind.NAME, value: '__typename' } };
}

/** `operation` without the variable definitions its (filtered) selections no longer use, so it stays valid. */
function withoutUnusedVariables(operation: OperationDefinitionNode): OperationDefinitionNode {
  if (!operation.variableDefinitions?.length) return operation;
  const used = new Set<string>();
  visit(operation.selectionSet, {
    Variable: (node) => {
      used.add(node.name.value);
    },
  });
  // Directives on the operation itself may use variables too.
  for (const directive of operation.directives ?? []) visit(directive, { Variable: (node) => void used.add(node.name.value) });
  return { ...operation, variableDefinitions: operation.variableDefinitions.filter((d) => used.has(d.variable.name.value)) };
}

/** The message of the FORBIDDEN error of a removed field: the scopes (OR of ANDs) or authentication it needs. */
export function forbiddenMessage(field: RemovedField): string {
  const needs = field.requirement.scopes.map((anyOf) => anyOf.map((allOf) => allOf.map((s) => `"${s}"`).join(' and ')).join(' or '));
  if (field.requirement.authenticated) needs.unshift('an authenticated caller');
  return `Field "${field.path.join('.')}" needs ${needs.join(', and ')}`;
}

type ResponseObject = Record<string, unknown>;

/**
 * Writes `null` into `data` (an execution result's data, changed in place) at every path of `removed`, through lists,
 * with GraphQL's null propagation (a null in a non-null position nulls its nearest nullable parent; June 2018 spec,
 * 6.4.4 "Errors and Non-Nullability"); objects of another type than a removed field's `parentType` are left alone.
 * Then deletes the hidden {@link AUTHORIZATION_TYPENAME} fields.
 * @returns the data, or `null` when the propagation reached a non-null root field.
 */
export function nullRemovedFields(schema: GraphQLSchema, data: ResponseObject | null | undefined, removed: readonly RemovedField[]): ResponseObject | null {
  if (data == null) return null;
  const appliesTo = (object: ResponseObject, field: RemovedField): boolean => {
    if (field.parentType === undefined) return true;
    const typename = object[AUTHORIZATION_TYPENAME];
    if (typeof typename !== 'string') return false;
    if (typename === field.parentType) return true;
    const parent = schema.getType(field.parentType);
    const actual = schema.getType(typename);
    return (isInterfaceType(parent) || isUnionType(parent)) && isObjectType(actual) && schema.isSubType(parent, actual);
  };
  // Each visitor returns whether its value must become null (and so propagates the null upward).
  const visitObject = (object: ResponseObject, field: RemovedField, depth: number): boolean => {
    const key = field.path[depth]!;
    if (depth === field.path.length - 1) {
      if (!appliesTo(object, field)) return false;
      object[key] = null;
      return field.nonNull;
    }
    if (!(key in object) || !visitValue(object[key], field.types[depth]!, field, depth + 1)) return false;
    object[key] = null;
    return isNonNullType(field.types[depth]);
  };
  const visitValue = (value: unknown, type: GraphQLOutputType, field: RemovedField, depth: number): boolean => {
    if (value == null) return false;
    const nullable = getNullableType(type);
    if (isListType(nullable) && Array.isArray(value)) {
      const itemType = nullable.ofType as GraphQLOutputType;
      for (let index = 0; index < value.length; index++) {
        if (!visitValue(value[index], itemType, field, depth)) continue;
        value[index] = null;
        if (isNonNullType(itemType)) return true;
      }
      return false;
    }
    return typeof value === 'object' && visitObject(value as ResponseObject, field, depth);
  };
  let result: ResponseObject | null = data;
  for (const field of removed) if (result && visitObject(result, field, 0)) result = null;
  if (result) deleteHiddenTypenames(result);
  return result;
}

function deleteHiddenTypenames(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) deleteHiddenTypenames(item);
  } else if (value !== null && typeof value === 'object') {
    const object = value as ResponseObject;
    delete object[AUTHORIZATION_TYPENAME];
    for (const key of Object.keys(object)) deleteHiddenTypenames(object[key]);
  }
}

/**
 * The scopes `requirement` needs as one OR of ANDs (the AND of its `@requiresScopes`, distributed: `[[a], [b]]` and
 * `[[c]]` give `[[a, c], [b, c]]`); `[]` when it needs none (only authentication).
 */
export function requiredScopes(requirement: FieldRequirement): string[][] {
  let anyOf: string[][] = [[]];
  for (const next of requirement.scopes) anyOf = anyOf.flatMap((allOf) => next.map((more) => [...new Set([...allOf, ...more])]));
  return requirement.scopes.length === 0 ? [] : anyOf;
}

/**
 * The FORBIDDEN errors of the removed fields, one per field: {@link forbiddenMessage}, the field's `path` (response
 * names; list indexes are not known before execution, as Apollo Router reports them) and `extensions.requiredScopes`
 * (the OR of ANDs; `extensions.authenticated` when the field needs a non-anonymous caller).
 */
export function forbiddenErrors(removed: readonly RemovedField[]): GraphQLError[] {
  return removed.map((field) => toGraphQLError(new GraphQLError(forbiddenMessage(field), { path: field.path, originalError: forbiddenErrorOf(field) })));
}

/**
 * The {@link ForbiddenError} of a removed field: {@link forbiddenMessage}, `requiredScopes`, `authenticated`, and
 * `scope` when exactly one scope is needed (the shape of the subgraphs' own FORBIDDEN errors, `requireScope`).
 */
export function forbiddenErrorOf(field: RemovedField): ForbiddenError {
  const scopes = requiredScopes(field.requirement);
  const single = scopes.length === 1 && scopes[0]!.length === 1 ? scopes[0]![0] : undefined;
  return new ForbiddenError(forbiddenMessage(field), {
    ...(single === undefined ? {} : { scope: single }),
    requiredScopes: scopes,
    ...(field.requirement.authenticated ? { authenticated: true } : {}),
  });
}
