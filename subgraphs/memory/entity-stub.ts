import type { ResolversTypes } from './generated/resolvers-types.ts';

/** The federated entities this subgraph extends (they are owned by the session and orchestration subgraphs). */
type ExtendedEntity = 'Session' | 'Agent';

/**
 * A `{ __typename, id }` reference to an entity owned by another subgraph: the gateway resolves its other fields
 * there, and this subgraph's own fields of it (`memories`) read only `id`. The generated type of the entity lists
 * those fields as present (codegen.yml maps no reference type for Session/Agent here), hence the one cast.
 */
export function entityStub<T extends ExtendedEntity>(typename: T, id: string): ResolversTypes[T] {
  return { __typename: typename, id } as unknown as ResolversTypes[T];
}
