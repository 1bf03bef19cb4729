import { requireScope } from '../../platform/auth/principal.ts';
import { scalarResolvers } from '../../platform/scalars.ts';
import { entityReference } from '../../platform/subgraph/entity-reference.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import { memoryHistoryLoader, memoryItemLoader, parentMemoriesLoader } from './loaders.ts';
import { parseHistoryFirst, parseMemoriesFirst, parseOperations, parseSearch, parseStoreInput } from './services/memory-input.ts';
import type { MemoryItemCache } from './services/memory-item-cache.ts';
import type { MemoryReader } from './services/memory-reader.ts';
import type { MemoryExtraction } from './services/memory-extraction.ts';
import type { MemorySearch } from './services/memory-search.ts';
import type { MemoryWriter } from './services/memory-writer.ts';

/** Services the memory resolvers delegate to. */
export interface MemoryServices {
  readonly items: MemoryItemCache;
  readonly reader: MemoryReader;
  readonly writer: MemoryWriter;
  readonly search: MemorySearch;
  readonly extraction: MemoryExtraction;
}

/**
 * Resolvers of schema/memory.graphql. Reads need `memory:read`, writes `memory:write`; every call is scoped to the
 * caller's tenant. `MemoryItem.session` / `.agent` are entity stubs resolved by the subgraphs that own them.
 */
export function createMemoryResolvers({ items, reader, writer, search, extraction }: MemoryServices): Resolvers {
  return {
    ...scalarResolvers,
    Query: {
      memory: (_parent, { id }, ctx) => {
        requireScope(ctx.principal, 'memory:read');
        return memoryItemLoader(ctx, items).load(id);
      },
      memoryByKey: async (_parent, { namespace, key }, ctx) => {
        requireScope(ctx.principal, 'memory:read');
        const [item] = await items.getByNames(ctx.principal.tenantId, [{ namespace, key }]);
        return item ?? null;
      },
      searchMemory: (_parent, { query, mode, filter, limit, minScore }, ctx) => {
        requireScope(ctx.principal, 'memory:read');
        const parsed = parseSearch(query, limit);
        return search.search(ctx.principal.tenantId, { query: parsed.query, limit: parsed.limit, mode, filter, minScore });
      },
      memories: async (_parent, { filter, first, after }, ctx) => {
        requireScope(ctx.principal, 'memory:read');
        const page = await reader.list(ctx.principal.tenantId, filter, parseMemoriesFirst(first), after);
        return { edges: page.edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.edges.at(-1)?.cursor ?? null } };
      },
      memoryHistory: (_parent, { id, first }, ctx) => {
        requireScope(ctx.principal, 'memory:read');
        return memoryHistoryLoader(ctx, reader, parseHistoryFirst(first)).load(id);
      },
    },
    Mutation: {
      storeMemory: (_parent, { input }, ctx) => {
        requireScope(ctx.principal, 'memory:write');
        return writer.store(ctx.principal.tenantId, parseStoreInput(input), { changedBy: ctx.principal.subject });
      },
      addMemories: (_parent, { input }, ctx) => {
        requireScope(ctx.principal, 'memory:write');
        return extraction.add(ctx.principal.tenantId, ctx.principal.subject, input);
      },
      deleteMemories: (_parent, { filter }, ctx) => {
        requireScope(ctx.principal, 'memory:write');
        return writer.deleteByFilter(ctx.principal.tenantId, filter, ctx.principal.subject);
      },
      deleteMemory: (_parent, { id }, ctx) => {
        requireScope(ctx.principal, 'memory:write');
        return writer.delete(ctx.principal.tenantId, id, ctx.principal.subject);
      },
      bulkMemory: (_parent, { operations }, ctx) => {
        requireScope(ctx.principal, 'memory:write');
        return writer.bulk(ctx.principal.tenantId, parseOperations(operations), { changedBy: ctx.principal.subject });
      },
    },
    MemoryItem: {
      __resolveReference: (reference, ctx) => {
        requireScope(ctx.principal, 'memory:read');
        return memoryItemLoader(ctx, items).load(reference.id);
      },
      session: (item) => entityReference('Session', item.sessionId),
      agent: (item) => entityReference('Agent', item.agentId),
      run: (item) => entityReference('WorkflowRun', item.runId),
      source: (item) =>
        item.sourceSegmentId || item.sourceRunId || item.sourceStepId || item.sourceModelCallId
          ? {
              segment: entityReference('TranscriptSegment', item.sourceSegmentId),
              run: entityReference('WorkflowRun', item.sourceRunId),
              stepId: item.sourceStepId,
              modelCall: entityReference('ModelCall', item.sourceModelCallId),
            }
          : null,
      history: (item, { first }, ctx) => memoryHistoryLoader(ctx, reader, parseHistoryFirst(first)).load(item.id),
    },
    MemoryHistoryEntry: {
      at: (entry) => entry.createdAt,
      modelCall: (entry) => entityReference('ModelCall', entry.modelCallId),
    },
    Session: {
      memories: (session, { namespace, first }, ctx) => {
        requireScope(ctx.principal, 'memory:read');
        return parentMemoriesLoader(ctx, reader, 'session', namespace ?? null, parseMemoriesFirst(first)).load(session.id);
      },
    },
    Agent: {
      memories: (agent, { namespace, first }, ctx) => {
        requireScope(ctx.principal, 'memory:read');
        return parentMemoriesLoader(ctx, reader, 'agent', namespace ?? null, parseMemoriesFirst(first)).load(agent.id);
      },
    },
  };
}
