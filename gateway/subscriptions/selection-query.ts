import {
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** Options of {@link buildSelectionQuery}. */
export interface SelectionQueryOptions {
  /** Name of the query operation built. */
  readonly name: string;
  /** The root fields of the query: they hold the subscriber's selections (see {@link SelectionQueryOptions.selections}). */
  readonly fields: readonly FieldNode[];
  /** Variables the query declares itself (the wrapping fields' arguments), before the operation's own. */
  readonly variables: readonly VariableDefinitionNode[];
  /** The subscriber's operation: the variable definitions its selections use are copied from it. */
  readonly operation: OperationDefinitionNode;
  /** The operation document's fragments: those the selections spread are copied (transitively). */
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

/** The query {@link buildSelectionQuery} built. */
export interface SelectionQuery {
  /** Its text. */
  readonly query: string;
  /** The operation's variables it declares (besides its own): pass their values with it. */
  readonly variableNames: ReadonlySet<string>;
}

/**
 * A query that fetches, through the supergraph, selections of a subscriber's subscription operation under other root
 * fields (a workflow event's `run` selections under `workflowRun(id:)`, a session event's whole selection under
 * `session(id:) { events(...) }`): `query <name>(<own variables>, <operation's variables used>) { <fields> }` with the
 * fragments the fields spread. The subscriber's selections keep their aliases, directives and variables.
 */
export function buildSelectionQuery(options: SelectionQueryOptions): SelectionQuery {
  const { fields, fragments, operation } = options;
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
  const own = new Set(options.variables.map((d) => d.variable.name.value));
  const used = new Set<string>();
  for (const node of [...fields, ...neededFragments.values()]) visit(node, { Variable: (v) => void used.add(v.name.value) });
  const declared = (operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value) && !own.has(d.variable.name.value));
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as OperationDefinitionNode['operation'],
        name: { kind: Kind.NAME, value: options.name },
        variableDefinitions: [...options.variables, ...declared],
        selectionSet: { kind: Kind.SELECTION_SET, selections: fields },
      },
      ...neededFragments.values(),
    ],
  };
  return { query: print(document), variableNames: new Set(declared.map((d) => d.variable.name.value)) };
}

/** The fragment definitions of a document, by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

/** `<alias>: <name>(<argument>: $<variable>, …) { <selections> }`. */
export function fieldNode(name: string, alias: string | undefined, args: Readonly<Record<string, string>>, selections?: readonly SelectionNode[]): FieldNode {
  return {
    kind: Kind.FIELD,
    ...(alias === undefined ? {} : { alias: { kind: Kind.NAME, value: alias } }),
    name: { kind: Kind.NAME, value: name },
    arguments: Object.entries(args).map(([argument, variable]) => ({
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: argument },
      value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } },
    })),
    ...(selections === undefined ? {} : { selectionSet: { kind: Kind.SELECTION_SET, selections } }),
  };
}

/** `$<name>: <type>` for a named type, non-null when `required`. */
export function variableDefinition(name: string, type: string, required: boolean): VariableDefinitionNode {
  const named = { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } } as const;
  return {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
    type: required ? { kind: Kind.NON_NULL_TYPE, type: named } : named,
  };
}
