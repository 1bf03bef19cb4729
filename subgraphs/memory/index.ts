import type { CacheStore } from '../../platform/cache/cache-store.ts';
import { InProcessCacheStore } from '../../platform/cache/in-process-cache-store.ts';
import { RedisCacheStore } from '../../platform/cache/redis-cache-store.ts';
import { TieredCache } from '../../platform/cache/tiered-cache.ts';
import { DEFAULT_EMBEDDING_DIMENSIONS } from '../../platform/config.ts';
import type { SubgraphDefinition } from '../../platform/subgraph/subgraph-definition.ts';
import { type MemoryItem, MemoryItemSchema } from './entities/memory-item.ts';
import { MemoryVersionSchema } from './entities/memory-version.ts';
import { CreateMemory1795231894376 } from './migrations/1795231894376-CreateMemory.ts';
import { MemoryScopesHistory1796500000000 } from './migrations/1796500000000-MemoryScopesHistory.ts';
import { MemoryNotEmbeddedIndex1796600000000 } from './migrations/1796600000000-MemoryNotEmbeddedIndex.ts';
import { MemoryEntityChanges1796700000000 } from './migrations/1796700000000-EntityChanges.ts';
import { MemoryEntityChangesPerTransaction1796800000000 } from './migrations/1796800000000-EntityChangesPerTransaction.ts';
import { createMemoryResolvers } from './resolvers.ts';
import { createGatewayChatModel } from './services/chat-model.ts';
import { createGatewayEmbedder, type Embedder } from './services/embedder.ts';
import { EmbeddingIndexer } from './services/embedding-indexer.ts';
import { ExpiryPurger } from './services/expiry-purger.ts';
import { createLocalEmbedder, type LocalEmbedder } from './services/local-embedder.ts';
import { MemoryItemCache } from './services/memory-item-cache.ts';
import { MemoryExtraction } from './services/memory-extraction.ts';
import { MemoryReader } from './services/memory-reader.ts';
import { MemorySearch } from './services/memory-search.ts';
import { ensureTrigramIndex } from './services/search-extensions.ts';
import { VectorStore } from './services/vector-store.ts';
import { MemoryWriter } from './services/memory-writer.ts';

/**
 * Name of the tiered cache of memory items (part of its Redis keys and invalidation channel); its version moves
 * when the cached item's shape does, so no instance reads an entry of an older shape.
 */
export const MEMORY_ITEM_CACHE_NAME = 'memory-items-v2';

/**
 * The memory subgraph (Postgres schema `memory`): memories with scopes, history, expiry, and lexical, semantic and
 * hybrid search (semantic with `EMBEDDINGS_MODEL` through the gateway, or `EMBEDDINGS_MODEL_DIR` in-process: the
 * embedding indexer embeds items after their writes commit).
 * Reads by id and by key go through a {@link TieredCache} (LRU → Redis, or without it an in-process store → Postgres); `start()` begins
 * the loop that deletes expired items; `close()` stops it and the cache's invalidation listener (idempotent).
 */
export const memorySubgraph: SubgraphDefinition = {
  name: 'memory',
  entities: [MemoryItemSchema, MemoryVersionSchema],
  // A memory is hidden from the moment its ttl passes, before the purge deletes it.
  expiries: [{ table: 'memory_items', column: 'expires_at' }],
  migrations: [
    CreateMemory1795231894376,
    MemoryScopesHistory1796500000000,
    MemoryNotEmbeddedIndex1796600000000,
    MemoryEntityChanges1796700000000,
    MemoryEntityChangesPerTransaction1796800000000,
  ],
  async create({ config, dataSource, redis, logger }) {
    // Without Redis (embedded mode) the shared tier is in this process: the subgraph's only instance.
    const store: CacheStore = redis
      ? new RedisCacheStore({ name: MEMORY_ITEM_CACHE_NAME, redis: redis.client, subscriber: redis.subscriber, keyPrefix: config.redis.keyPrefix })
      : new InProcessCacheStore({ maxEntries: config.memoryCache.maxItems });
    const cache = new TieredCache<MemoryItem>({
      name: MEMORY_ITEM_CACHE_NAME,
      maxItems: config.memoryCache.maxItems,
      ttlSeconds: config.memoryCache.ttlSeconds,
      store,
      logger,
    });
    await cache.start();
    const reader = new MemoryReader(dataSource);
    const items = new MemoryItemCache(cache, reader);
    const trigrams = await ensureTrigramIndex(dataSource);
    const { embeddings } = config;
    let indexer: EmbeddingIndexer | undefined;
    let semantic: ConstructorParameters<typeof MemorySearch>[1]['semantic'];
    let local: LocalEmbedder | undefined;
    let embedder: Embedder | undefined;
    if (embeddings.model) {
      embedder = createGatewayEmbedder({
        gatewayUrl: config.endpoints.gatewayUrl,
        jwtSecret: config.auth.jwtSecret,
        jwtIssuer: config.auth.jwtIssuer,
        jwtAudience: config.auth.jwtAudience,
        model: embeddings.model,
        dimensions: embeddings.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS,
      });
    } else if (embeddings.modelDir) {
      embedder = local = await createLocalEmbedder({ modelDir: embeddings.modelDir, dimensions: embeddings.dimensions });
    }
    if (embedder) {
      const vectors = await VectorStore.open(dataSource, embedder.dimensions, embeddings.vectorIndex, logger);
      indexer = new EmbeddingIndexer({
        dataSource,
        embedder,
        vectors,
        cache: items,
        batchSize: embeddings.batchSize,
        pollIntervalMs: embeddings.pollIntervalMs,
        logger,
      });
      semantic = { embedder, vectors };
      logger.info({ model: embedder.model, dimensions: embedder.dimensions, vectorIndex: vectors.kind }, 'memory semantic search is on');
    } else {
      logger.info(
        'memory search is lexical only: set EMBEDDINGS_MODEL=<provider>/<model> (a provider of LLM_PROVIDERS) or EMBEDDINGS_MODEL_DIR=<a local transformers.js model> to search by meaning',
      );
    }
    const writer = new MemoryWriter(dataSource, items, logger, { embeds: indexer !== undefined, onPending: () => indexer?.wake() });
    const search = new MemorySearch(dataSource, { semantic, trigrams });
    const chat = createGatewayChatModel({
      gatewayUrl: config.endpoints.gatewayUrl,
      jwtSecret: config.auth.jwtSecret,
      jwtIssuer: config.auth.jwtIssuer,
      jwtAudience: config.auth.jwtAudience,
    });
    const extraction = new MemoryExtraction(chat, search, writer);
    const purger = new ExpiryPurger({ purge: () => writer.purgeExpired(), logger });
    let closing: Promise<void> | undefined;
    return {
      resolvers: createMemoryResolvers({ items, reader, writer, search, extraction }),
      start: async () => {
        purger.start();
        await indexer?.start();
      },
      close: () =>
        (closing ??= (async () => {
          await purger.close();
          await indexer?.close();
          await local?.close();
          await items.close();
          await store.close();
        })()),
    };
  },
};
