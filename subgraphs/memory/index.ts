import { TieredCache } from '../../platform/cache/tiered-cache.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/subgraph-definition.ts';
import { type MemoryItem, MemoryItemSchema } from './entities/memory-item.ts';
import { MemoryVersionSchema } from './entities/memory-version.ts';
import { CreateMemory1795231894376 } from './migrations/1795231894376-CreateMemory.ts';
import { MemoryScopesHistory1796500000000 } from './migrations/1796500000000-MemoryScopesHistory.ts';
import { createMemoryResolvers } from './resolvers.ts';
import { ExpiryPurger } from './services/expiry-purger.ts';
import { MemoryItemCache } from './services/memory-item-cache.ts';
import { MemoryReader } from './services/memory-reader.ts';
import { MemoryWriter } from './services/memory-writer.ts';

/**
 * Name of the tiered cache of memory items (part of its Redis keys and invalidation channel); its version moves
 * when the cached item's shape does, so no instance reads an entry of an older shape.
 */
export const MEMORY_ITEM_CACHE_NAME = 'memory-items-v2';

/**
 * The memory subgraph (Postgres schema `memory`): key/value memories with versions, expiry and full-text search.
 * Reads by id and by key go through a {@link TieredCache} (LRU → Redis when configured → Postgres); `start()` begins
 * the loop that deletes expired items; `close()` stops it and the cache's invalidation listener (idempotent).
 */
export const memorySubgraph: SubgraphDefinition = {
  name: 'memory',
  entities: [MemoryItemSchema, MemoryVersionSchema],
  migrations: [CreateMemory1795231894376, MemoryScopesHistory1796500000000],
  async create({ config, dataSource, redis, logger }) {
    const cache = new TieredCache<MemoryItem>({
      name: MEMORY_ITEM_CACHE_NAME,
      maxItems: config.memoryCache.maxItems,
      ttlSeconds: config.memoryCache.ttlSeconds,
      redis: redis?.client,
      subscriber: redis?.subscriber,
      keyPrefix: config.redis.keyPrefix,
      logger,
    });
    await cache.start();
    const reader = new MemoryReader(dataSource);
    const items = new MemoryItemCache(cache, reader);
    const writer = new MemoryWriter(dataSource, items, logger);
    const purger = new ExpiryPurger({ purge: () => writer.purgeExpired(), logger });
    let closing: Promise<void> | undefined;
    return {
      resolvers: createMemoryResolvers({ items, reader, writer }),
      start: async () => purger.start(),
      close: () =>
        (closing ??= (async () => {
          await purger.close();
          await items.close();
        })()),
    };
  },
};
