import {
  Kind,
  getNamedType,
  getNullableType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { hasScope, type Principal, type Scope } from '../platform/auth/principal.ts';

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
}

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
 * fragments inlined; a selection set left empty gets `__typename` so the document stays valid. Returns the filtered
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

  const filterSet = (set: SelectionSetNode, type: GraphQLNamedType, path: readonly string[]): SelectionSetNode => {
    const selections: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const kept = filterField(selection, type, path);
        if (kept) selections.push(kept);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        const conditionName = fragment.typeCondition?.name.value;
        const condition = conditionName ? schema.getType(conditionName) : type;
        if (!condition) continue;
        const inner = filterSet(fragment.selectionSet, condition, path);
        selections.push({
          kind: Kind.INLINE_FRAGMENT,
          ...(fragment.typeCondition ? { typeCondition: fragment.typeCondition } : {}),
          ...(selection.directives ? { directives: selection.directives } : {}),
          selectionSet: inner,
        });
      }
    }
    if (selections.length === 0) selections.push({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } });
    return { ...set, selections };
  };

  const filterField = (node: FieldNode, parent: GraphQLNamedType, path: readonly string[]): FieldNode | undefined => {
    if (node.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) return node;
    const field = parent.getFields()[node.name.value];
    if (!field) return node;
    const fieldPath = [...path, node.alias?.value ?? node.name.value];
    const requirement = fieldRequirement(field);
    if (!isAuthorized(subject, requirement)) {
      removed.push({ path: fieldPath, requirement, nonNull: isNonNullType(field.type) });
      return undefined;
    }
    if (!node.selectionSet) return node;
    return { ...node, selectionSet: filterSet(node.selectionSet, getNamedType(getNullableType(field.type)), fieldPath) };
  };

  const filtered: OperationDefinitionNode = { ...operation, selectionSet: filterSet(operation.selectionSet, root, []) };
  if (removed.length === 0) return { document, removed };
  return { document: { kind: Kind.DOCUMENT, definitions: [filtered] }, removed };
}

/** The message of the FORBIDDEN error of a removed field: the scopes (OR of ANDs) or authentication it needs. */
export function forbiddenMessage(field: RemovedField): string {
  const needs = field.requirement.scopes.map((anyOf) => anyOf.map((allOf) => allOf.map((s) => `"${s}"`).join(' and ')).join(' or '));
  if (field.requirement.authenticated) needs.unshift('an authenticated caller');
  return `Field "${field.path.join('.')}" needs ${needs.join(', and ')}`;
}
