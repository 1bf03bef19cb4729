import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { CostDirectives, ListSize } from './cost-directives.ts';

/** The size assumed of a list without `@listSize` (or whose `@listSize` gives none): `QUERY_COST_LIST_SIZE`'s default. */
export const DEFAULT_LIST_SIZE = 10;

/** The base cost of a mutation operation, before its fields (Apollo Router's demand control: a mutation costs 10 more). */
export const MUTATION_BASE_COST = 10;

/** What {@link estimateOperationCost} costs. */
export interface CostedOperation {
  readonly document: DocumentNode;
  /** The operation to cost; may be absent when the document holds one. */
  readonly operationName?: string | null | undefined;
  /** The request's variables (raw JSON), used for slicing arguments, argument weights and `@skip`/`@include`. */
  readonly variables?: Readonly<Record<string, unknown>> | null | undefined;
}

/** The schema and directives costs are computed against. */
export interface OperationCostOptions {
  /** The API schema (types and fields). */
  readonly schema: GraphQLSchema;
  /** The supergraph's `@cost`/`@listSize` (see cost-directives.ts). */
  readonly directives: CostDirectives;
  /** The size of a list nothing sizes (`QUERY_COST_LIST_SIZE`). @defaultValue {@link DEFAULT_LIST_SIZE} */
  readonly defaultListSize?: number;
}

/** How a selection set's fields are sized by the field it belongs to: its `@listSize(sizedFields:)` and their size. */
interface Sizing {
  readonly fields: readonly string[];
  readonly size: number | undefined;
}

/**
 * The estimated (static) cost of an operation, per the IBM GraphQL Cost Directives specification
 * (https://ibm.github.io/graphql-specs/cost-spec.html) as Apollo Router's demand control computes it:
 * - a field costs its weight — `@cost` on the field, else `@cost` on its type, else 1 for an object, interface or
 *   union and 0 for a scalar or enum (the spec's `@cost` on fields and types) — plus the cost of its
 *   selections, times its list size when it returns a list, plus the cost of its arguments;
 * - a list's size (the spec's `@listSize`: `slicingArguments`, dotted paths into input objects too, `assumedSize`,
 *   `sizedFields`) is, in order: the size its parent's `@listSize(sizedFields:)` gives it
 *   (a connection's `edges`), the largest value given to one of its own `slicingArguments` (variables resolved,
 *   then the argument's schema default), its `assumedSize`, else `defaultListSize`;
 * - an argument costs its `@cost`, 0 without one; an input object value costs its `@cost`, else 1, plus its fields'
 *   costs; a list value its `@cost` (else 0) plus each item's (Apollo's rule for arguments);
 * - fragments and inline fragments count their selections (the cost is an upper bound: every type condition is
 *   counted); `__typename` is free; selections `@skip`ped or not `@include`d cost nothing;
 * - a mutation costs {@link MUTATION_BASE_COST} more.
 * `requireOneSlicingArgument` is not enforced (the schema's connections set it false). Fields the schema does not have
 * cost 0 (validation refuses them anyway); an operation the document does not hold costs 0.
 * @returns the cost, a non-negative number (an integer when every weight is).
 */
export function estimateOperationCost(operation: CostedOperation, options: OperationCostOptions): number {
  const definition = operationOf(operation.document, operation.operationName);
  if (!definition) return 0;
  const root = options.schema.getRootType(definition.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const node of operation.document.definitions) if (node.kind === Kind.FRAGMENT_DEFINITION) fragments.set(node.name.value, node);
  const variables: Record<string, unknown> = {};
  for (const declared of definition.variableDefinitions ?? []) {
    if (declared.defaultValue) variables[declared.variable.name.value] = valueFromASTUntyped(declared.defaultValue);
  }
  Object.assign(variables, operation.variables ?? {});
  const scorer = new CostScorer(options, fragments, variables);
  const base = definition.operation === 'mutation' ? MUTATION_BASE_COST : 0;
  return base + scorer.selectionSet(definition.selectionSet, root, undefined);
}

/** The operation named `operationName`, or the only one when no name is given. */
function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((node) => node.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** Costs the selections of one operation (fragment spreads memoised, so a fragment spread many times costs one walk). */
class CostScorer {
  private readonly spreads = new Map<string, number>();
  private readonly expanding = new Set<string>();
  private readonly defaultListSize: number;

  constructor(
    private readonly options: OperationCostOptions,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Readonly<Record<string, unknown>>,
  ) {
    this.defaultListSize = options.defaultListSize ?? DEFAULT_LIST_SIZE;
  }

  selectionSet(selectionSet: SelectionSetNode, parent: GraphQLNamedType, sizing: Sizing | undefined): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (!this.included(selection.directives)) continue;
      switch (selection.kind) {
        case Kind.FIELD:
          cost += this.field(selection, parent, sizing);
          break;
        case Kind.INLINE_FRAGMENT: {
          const type = selection.typeCondition ? this.options.schema.getType(selection.typeCondition.name.value) : parent;
          if (type) cost += this.selectionSet(selection.selectionSet, type, sizing);
          break;
        }
        case Kind.FRAGMENT_SPREAD:
          cost += this.spread(selection.name.value, sizing);
          break;
      }
    }
    return cost;
  }

  private spread(name: string, sizing: Sizing | undefined): number {
    const fragment = this.fragments.get(name);
    const type = fragment && this.options.schema.getType(fragment.typeCondition.name.value);
    // A cycle is a validation error; it costs nothing here rather than recursing forever.
    if (!fragment || !type || this.expanding.has(name)) return 0;
    const key = JSON.stringify([name, sizing?.fields ?? null, sizing?.size ?? null]);
    const known = this.spreads.get(key);
    if (known !== undefined) return known;
    this.expanding.add(name);
    const cost = this.selectionSet(fragment.selectionSet, type, sizing);
    this.expanding.delete(name);
    this.spreads.set(key, cost);
    return cost;
  }

  private field(node: FieldNode, parent: GraphQLNamedType, sizing: Sizing | undefined): number {
    const name = node.name.value;
    if (name === '__typename' || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
    const definition = parent.getFields()[name];
    if (!definition) return 0;
    const { directives } = this.options;
    const type = getNamedType(definition.type);
    const listSize = directives.listSize(parent.name, name);
    const ownSize = listSize && this.expectedSize(listSize, node, definition);
    const fromParent = sizing?.fields.includes(name) ? sizing.size : undefined;
    const count = isListType(getNullableType(definition.type)) ? (fromParent ?? ownSize ?? this.defaultListSize) : 1;
    const weight = directives.fieldWeight(parent.name, name) ?? directives.typeWeight(type.name) ?? (isCompositeType(type) ? 1 : 0);
    const childSizing = listSize && listSize.sizedFields.length > 0 ? { fields: listSize.sizedFields, size: ownSize } : undefined;
    const selections = node.selectionSet ? this.selectionSet(node.selectionSet, type, childSizing) : 0;
    let argumentsCost = 0;
    for (const argument of node.arguments ?? []) {
      const argumentDefinition = definition.args.find((arg) => arg.name === argument.name.value);
      if (!argumentDefinition) continue;
      const value = valueFromASTUntyped(argument.value, this.variables);
      argumentsCost += this.inputValue(value, argumentDefinition.type, directives.argumentWeight(parent.name, name, argumentDefinition.name));
    }
    return count * (weight + selections) + argumentsCost;
  }

  /** The size `@listSize` gives the field: the largest slicing argument given (or defaulted), else `assumedSize`. */
  private expectedSize(listSize: ListSize, node: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined {
    let largest: number | undefined;
    for (const path of listSize.slicingArguments) {
      const [argumentName = '', ...rest] = path.split('.');
      const given = node.arguments?.find((argument) => argument.name.value === argumentName);
      let value: unknown = given ? valueFromASTUntyped(given.value, this.variables) : definition.args.find((arg) => arg.name === argumentName)?.defaultValue;
      for (const key of rest) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) largest = Math.max(largest ?? 0, value);
    }
    return largest ?? listSize.assumedSize;
  }

  /** The cost of an argument or input field value of `type` whose definition has `@cost` `weight`. */
  private inputValue(value: unknown, type: GraphQLInputType, weight: number | undefined): number {
    if (value === null || value === undefined) return 0;
    if (Array.isArray(value)) {
      const item = getNullableType(type);
      const itemType = isListType(item) ? (item.ofType as GraphQLInputType) : type;
      return value.reduce<number>((sum, element) => sum + this.inputValue(element, itemType, weight), weight ?? 0);
    }
    const named = getNamedType(type);
    if (isInputObjectType(named) && typeof value === 'object') {
      const fields = named.getFields();
      let cost = weight ?? 1;
      for (const [key, fieldValue] of Object.entries(value as Record<string, unknown>)) {
        const field = fields[key];
        if (field) cost += this.inputValue(fieldValue, field.type, this.options.directives.inputFieldWeight(named.name, key));
      }
      return cost;
    }
    return weight ?? 0;
  }

  /** Whether `@skip(if:)`/`@include(if:)` keep a selection (variables resolved). */
  private included(directives: readonly DirectiveNode[] | undefined): boolean {
    for (const directive of directives ?? []) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
      const value = condition ? valueFromASTUntyped(condition.value, this.variables) === true : false;
      if (name === 'skip' ? value : !value) return false;
    }
    return true;
  }
}
