import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { readSubscriptionRoot } from './subscription-root.ts';
import { buildSelectionQuery, fieldNode, fragmentsOf, variableDefinition, type SelectionQuery } from './selection-query.ts';

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
 * @throws the first error of `check` or of the variables (a `GraphQLError`); BAD_USER_INPUT for another
 *   operation or field.
 */
export function parseWorkflowEventSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  check: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[] = validate,
): WorkflowEventSubscription {
  const { operation, root, args, variables: coerced } = readSubscriptionRoot(schema, document, operationName, variables, check, FIELDS);
  const fragments = fragmentsOf(document);
  const runFields = root.selectionSet ? collectRunFields(root.selectionSet, fragments, coerced) : [];
  const built = runFields.length > 0 ? buildRunQuery(runFields, fragments, operation) : null;
  const used = built?.variableNames ?? new Set<string>();
  return {
    field: root.name.value as WorkflowEventField,
    responseKey: root.alias?.value ?? root.name.value,
    runId: typeof args['runId'] === 'string' ? args['runId'] : null,
    workflowId: typeof args['workflowId'] === 'string' ? args['workflowId'] : null,
    after: typeof args['after'] === 'string' ? args['after'] : null,
    runQuery: built ? built.query : null,
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
): SelectionQuery {
  const byKey = new Map<string, FieldNode>();
  for (const field of runFields) {
    const key = field.alias?.value ?? field.name.value;
    const existing = byKey.get(key);
    const selections = [...(existing?.selectionSet?.selections ?? []), ...(field.selectionSet?.selections ?? [])];
    byKey.set(key, fieldNode('workflowRun', key, { id: 'id' }, selections));
  }
  return buildSelectionQuery({
    name: 'WorkflowEventRun',
    fields: [...byKey.values()],
    variables: [variableDefinition('id', 'ID', true)],
    operation,
    fragments,
  });
}
