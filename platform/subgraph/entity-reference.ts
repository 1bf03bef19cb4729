/**
 * A reference to an entity owned by another subgraph, as a subgraph returns it and receives it from the gateway:
 * `{ __typename, id }` (Apollo Federation 2 entity representation for a `@key(fields: "id")`). The gateway resolves
 * the entity's other fields in its owning subgraph. codegen.yml maps extended entities to this type.
 */
export interface EntityReference {
  readonly __typename?: string;
  readonly id: string;
}

/** A reference to the `typename` entity with `id`, or null when there is no id. */
export function entityReference(typename: string, id: string | null | undefined): EntityReference | null {
  return id ? { __typename: typename, id } : null;
}
