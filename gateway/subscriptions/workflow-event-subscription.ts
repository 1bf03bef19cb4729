import {
  getDirectiveValues,
  getOperationAST,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  print,
  validate,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';
import { BadUserInputError } from '../../platform/errors.ts';

/** The subscription fields the gateway delivers (the orchestration subgraph's `Subscription` type). */
export type WorkflowEventField = 'workflowRunEvents' | 'workflowEvents';

const FIELDS: ReadonlySet<string> = new Set<WorkflowEventField>(['workflowRunEvents', 'workflowEvents']);

/** A client's workflow event subscription, checked against the supergraph's API schema. */
export interface WorkflowEventSubscription {
  readonly field: WorkflowEventField;
  /** The root field's response key (its alias, else its name). */
  readonly responseKey: string;
  /** `workflowRunEvents(runId:)`; null for `workflowEvents`. */
  readonly runId: string | null;
  /** `workflowEvents(workflowId:)`, if given. */
  readonly workflowId: string | null;
  /** The `after` cursor, if given (not yet checked as a cursor). */
  readonly after: string | null;
  /**
   * The query (its text) resolving, through the supergraph, every `run` selection of the event for one run: variables `$id`
   * (the run's id) and the operation's own variables it uses (`runQueryVariables`); each `run` selection under its
   * response key (`runKeys`). Null when the subscription selects no `run`.
   */
  readonly runQuery: string | null;
  readonly runQueryVariables: Readonly<Record<string, unknown>>;
  readonly runKeys: readonly string[];
}

/**
 * Reads a subscription operation: its root field (a {@link WorkflowEventField}), its arguments (variables coerced),
 * and the query for the `run` selections of its events.
 * @param check - validates the document: the gateway's operation limits and graphql's rules (operation-limits.ts
 *   `OperationLimits.validate`). @defaultValue graphql's rules only
 * @throws the first error of `check` or of the variables (a `GraphQLError`); {@link BadUserInputError} for another
 *   operation or field.
 */
export function parseWorkflowEventSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  check: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[] = validate,
): WorkflowEventSubscription {
  const errors = check(schema, document);
  if (errors.length > 0) throw errors[0];
  const operation = getOperationAST(document, operationName);
  if (!operation) throw new BadUserInputError('no operation of that name in the document');
  if (operation.operation !== 'subscription') throw new BadUserInputError('only subscriptions are delivered here');
  const subscriptionType = schema.getSubscriptionType();
  const root = operation.selectionSet.selections[0];
  if (!subscriptionType || !root || root.kind !== Kind.FIELD || !FIELDS.has(root.name.value)) {
    throw new BadUserInputError(`subscribe to one of: ${[...FIELDS].join(', ')}`);
  }
  const fieldDef = subscriptionType.getFields()[root.name.value];
  if (!fieldDef) throw new BadUserInputError(`no subscription field ${root.name.value}`);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) throw coerced.errors[0];
  const args = getArgumentValues(fieldDef, root, coerced.coerced);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const runFields = root.selectionSet ? collectRunFields(root.selectionSet, fragments, coerced.coerced) : [];
  const built = runFields.length > 0 ? buildRunQuery(runFields, fragments, operation) : null;
  const used = built?.variableNames ?? new Set<string>();
  return {
    field: root.name.value as WorkflowEventField,
    responseKey: root.alias?.value ?? root.name.value,
    runId: typeof args['runId'] === 'string' ? args['runId'] : null,
    workflowId: typeof args['workflowId'] === 'string' ? args['workflowId'] : null,
    after: typeof args['after'] === 'string' ? args['after'] : null,
    runQuery: built ? print(built.document) : null,
    runQueryVariables: Object.fromEntries(Object.entries(variables ?? {}).filter(([name]) => used.has(name))),
    runKeys: [...new Set(runFields.map((f) => f.alias?.value ?? f.name.value))],
  };
}

/** The `run` fields selected on the event, through fragments, honouring `@skip`/`@include`. */
function collectRunFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): FieldNode[] {
  const found: FieldNode[] = [];
  const included = (node: FieldNode | SelectionSetNode['selections'][number]): boolean => {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] !== false;
  };
  const walk = (set: SelectionSetNode, seen: Set<string>): void => {
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === 'run') found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) walk(fragment.selectionSet, new Set([...seen, name]));
      }
    }
  };
  walk(selectionSet, new Set());
  return found;
}

/**
 * `query WorkflowEventRun($id: ID!, …) { <key>: workflowRun(id: $id) { … } … }` with the fragments and variable
 * definitions the `run` selections use; `variableNames`: the operation's variables it declares (besides `$id`).
 */
function buildRunQuery(
  runFields: readonly FieldNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
): { document: DocumentNode; variableNames: ReadonlySet<string> } {
  const byKey = new Map<string, FieldNode>();
  for (const field of runFields) {
    const key = field.alias?.value ?? field.name.value;
    const existing = byKey.get(key);
    const selections = [...(existing?.selectionSet?.selections ?? []), ...(field.selectionSet?.selections ?? [])];
    byKey.set(key, {
      kind: Kind.FIELD,
      alias: { kind: Kind.NAME, value: key },
      name: { kind: Kind.NAME, value: 'workflowRun' },
      arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'id' } } }],
      selectionSet: { kind: Kind.SELECTION_SET, selections },
    });
  }
  const fields = [...byKey.values()];
  const neededFragments = new Map<string, FragmentDefinitionNode>();
  const addFragments = (node: FieldNode | FragmentDefinitionNode): void => {
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !neededFragments.has(fragment.name.value)) {
          neededFragments.set(fragment.name.value, fragment);
          addFragments(fragment);
        }
      },
    });
  };
  fields.forEach(addFragments);
  const variableNames = new Set<string>();
  for (const node of [...fields, ...neededFragments.values()]) visit(node, { Variable: (v) => void variableNames.add(v.name.value) });
  variableNames.delete('id');
  const declared = (operation.variableDefinitions ?? []).filter((d) => variableNames.has(d.variable.name.value));
  const variableDefinitions: VariableDefinitionNode[] = [
    {
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'id' } },
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
    },
    ...declared,
  ];
  const document = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as OperationDefinitionNode['operation'],
        name: { kind: Kind.NAME, value: 'WorkflowEventRun' },
        variableDefinitions,
        selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
      },
      ...neededFragments.values(),
    ],
  } as DocumentNode;
  return { document, variableNames: new Set(declared.map((d) => d.variable.name.value)) };
}
