import type { SubgraphName } from '../platform/config.ts';
import type { SubgraphDefinition } from '../platform/subgraph/subgraph-definition.ts';

/** Loads the definition of each subgraph, by name; a process loads only the subgraphs it runs. */
export const SUBGRAPH_DEFINITIONS: Readonly<Record<SubgraphName, () => Promise<SubgraphDefinition>>> = {
  memory: async () => (await import('../subgraphs/memory/index.ts')).memorySubgraph,
  orchestration: async () => (await import('../subgraphs/orchestration/index.ts')).orchestrationSubgraph,
  routing: async () => (await import('../subgraphs/routing/index.ts')).routingSubgraph,
  session: async () => (await import('../subgraphs/session/index.ts')).sessionSubgraph,
};
