import type DataLoader from 'dataloader';
import { groupByKeys } from '../../platform/loaders.ts';
import type { SubgraphContext } from '../../platform/subgraph/subgraph-context.ts';
import type { MemoryItem } from './entities/memory-item.ts';
import type { MemoryVersion } from './entities/memory-version.ts';
import type { MemoryItemCache } from './services/memory-item-cache.ts';
import type { MemoryParent, MemoryReader } from './services/memory-reader.ts';

/**
 * The request's loader of live items by id, through the tiered cache: all ids asked for in one tick become one
 * `getByIds` (at most one SQL statement for the cache misses). Keyed by the caller's tenant.
 */
export function memoryItemLoader(ctx: SubgraphContext, items: MemoryItemCache): DataLoader<string, MemoryItem | null> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`memory.itemById:${tenantId}`, (ids: readonly string[]) => items.getByIds(tenantId, ids));
}

/**
 * The request's loader of the newest live items of sessions or agents: all parents asked for in one tick with the
 * same `namespace` and `first` become one SQL statement ({@link MemoryReader.listByParents}).
 * @param first - most items per parent (validated by the caller).
 */
export function parentMemoriesLoader(
  ctx: SubgraphContext,
  reader: MemoryReader,
  parent: MemoryParent,
  namespace: string | null,
  first: number,
): DataLoader<string, MemoryItem[]> {
  const { tenantId } = ctx.principal;
  const name = `memory.${parent}Memories:${JSON.stringify([tenantId, namespace, first])}`;
  return ctx.loaders.get(name, async (parentIds: readonly string[]) => {
    const rows = await reader.listByParents(tenantId, parent, parentIds, namespace, first);
    const groups = groupByKeys(
      parentIds.map((id) => id.toLowerCase()),
      rows,
      (row) => row.parentId,
    );
    return groups.map((group) => group.map((row) => row.item));
  });
}

/**
 * The request's loader of memories' history (newest first, at most `first` each), by item id: the items asked for
 * in one tick with the same `first` become one SQL statement ({@link MemoryReader.historyOf}).
 */
export function memoryHistoryLoader(ctx: SubgraphContext, reader: MemoryReader, first: number): DataLoader<string, MemoryVersion[]> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`memory.history:${JSON.stringify([tenantId, first])}`, async (itemIds: readonly string[]) =>
    groupByKeys(
      itemIds.map((id) => id.toLowerCase()),
      await reader.historyOf(tenantId, itemIds, first),
      (entry) => entry.itemId,
    ),
  );
}
