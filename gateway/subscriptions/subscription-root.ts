import { getOperationAST, Kind, type DocumentNode, type FieldNode, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';
import { BadUserInputError } from '../../platform/errors.ts';

/** A subscription operation's root field, read by {@link readSubscriptionRoot}. */
export interface SubscriptionRoot {
  readonly operation: OperationDefinitionNode;
  /** The root field (one of those asked for). */
  readonly root: FieldNode;
  /** Its arguments, variables coerced. */
  readonly args: Readonly<Record<string, unknown>>;
  /** The operation's variables, coerced. */
  readonly variables: Record<string, unknown>;
}

/**
 * Checks a subscription operation (`check`: the gateway's operation limits and graphql's rules) and reads its root
 * field, which must be one of `fields`, with its arguments.
 * @throws the first error of `check` or of the variables (a `GraphQLError`); {@link BadUserInputError} for another
 *   operation, a query or mutation, or another root field.
 */
export function readSubscriptionRoot(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  check: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[],
  fields: ReadonlySet<string>,
): SubscriptionRoot {
  const errors = check(schema, document);
  if (errors.length > 0) throw errors[0];
  const operation = getOperationAST(document, operationName);
  if (!operation) throw new BadUserInputError('no operation of that name in the document');
  if (operation.operation !== 'subscription') throw new BadUserInputError('only subscriptions are delivered here');
  const subscriptionType = schema.getSubscriptionType();
  const root = operation.selectionSet.selections[0];
  if (!subscriptionType || !root || root.kind !== Kind.FIELD || !fields.has(root.name.value)) {
    throw new BadUserInputError(`subscribe to one of: ${[...fields].join(', ')}`);
  }
  const fieldDef = subscriptionType.getFields()[root.name.value];
  if (!fieldDef) throw new BadUserInputError(`no subscription field ${root.name.value}`);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) throw coerced.errors[0];
  return { operation, root, args: getArgumentValues(fieldDef, root, coerced.coerced), variables: coerced.coerced };
}
