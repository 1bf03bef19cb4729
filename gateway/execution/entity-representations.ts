import type { GraphQLSchema } from 'graphql';
import type { QueryPlanSelectionNode } from '@apollo/query-planner';
import { deepMerge } from './deep-merge.ts';
import { isObjectOfType } from './data-rewrites.ts';

/**
 * The representation of one entity for an `_entities` fetch: the fields of the fetch's `requires` selection (its key
 * fields and `@requires` inputs, with `__typename`) picked from the data merged so far, as Apollo's gateway picks them
 * (`executeSelectionSet` in executeQueryPlan.ts). Inline fragments apply by `__typename` (see {@link isObjectOfType}).
 * @returns the representation, or null when a required field is missing (the entity is then not fetched).
 */
export function entityRepresentation(schema: GraphQLSchema, source: unknown, selections: readonly QueryPlanSelectionNode[]): Record<string, unknown> | null {
  if (source === null) return null;
  const from = source as Record<string, unknown>;
  // A plain object (Apollo's is prototype-less): its keys are the schema's field names, never `__proto__`, and V8
  // serialises plain objects faster — each representation is sent in an `_entities` request body.
  const result: Record<string, unknown> = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const responseName = selection.alias ?? selection.name;
      const value = Object.prototype.hasOwnProperty.call(from, responseName) ? from[responseName] : undefined;
      if (value === undefined) return null;
      const nested = selection.selections;
      if (Array.isArray(value)) {
        result[responseName] = value.map((element: unknown) => (nested ? entityRepresentation(schema, element, nested) : element));
      } else if (nested) {
        result[responseName] = entityRepresentation(schema, value, nested);
      } else {
        result[responseName] = value;
      }
    } else if (selection.typeCondition && isObjectOfType(schema, from, selection.typeCondition)) {
      deepMerge(result, entityRepresentation(schema, from, selection.selections));
    }
  }
  return result;
}
