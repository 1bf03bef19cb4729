/**
 * `npm run bench -- memory [--items=100000] [--pgvector-items=N] [--dims=384] [--queries=500] [--seed=1] [--quick]`:
 * search latency, HNSW recall, the exact fallback's latency, the tiered cache's tiers and write throughput of the
 * memory subgraph's services, called directly in this process (no HTTP, no GraphQL).
 *
 * Two stores, named in the metrics (`pglite_*`, `postgres_*`; the search latencies of the pgvector path, the
 * issue's headline figures, are `lexical_search_*`, `semantic_search_*` and `hybrid_search_*`, from PGlite) and in
 * the JSON's `notes`:
 * - **pglite**: embedded PGlite (Postgres in WebAssembly, platform/database/embedded-postgres.ts, in memory) with
 *   pgvector — the only pgvector on this machine. The HNSW figures (search latency, `hnsw_recall_at_10`) come from
 *   it: WebAssembly, one session, so a native Postgres with pgvector is faster at the same settings.
 * - **postgres**: the `DATABASE_URL` server (default {@link DEFAULT_DATABASE_URL}, Postgres 15 without pgvector) on a
 *   database created for the run and dropped at the end, with the exact `real[]` fallback; with `REDIS_URL` (default
 *   {@link DEFAULT_REDIS_URL}) for the cache's Redis tier.
 *
 * Data (bench/memory-dataset.ts): `--items` (default 100,000; `--quick` 10,000) seeded items of one tenant, clustered
 * unit vectors of `--dims` (default 384) components, pseudo-word contents. Loaded in bulk by SQL (1,000 rows per
 * statement; the vectors through `VectorStore.upsert`) into the tables the subgraph creates: its migrations and
 * `VectorStore.open`, whose index creation is re-run after the load so the HNSW and trigram indexes are built once
 * over the loaded rows. The server gets the tenant's items and a second tenant of the first
 * {@link SMALL_TENANT_ITEMS} (the fallback at two sizes); PGlite gets the first `--pgvector-items` (default: all).
 *
 * Measured, one call at a time after {@link WARMUP_QUERIES} warm-up calls:
 * - `MemorySearch.search` in LEXICAL, SEMANTIC and HYBRID modes, limit 10, `--queries` queries each, p50/p95/p99. The
 *   embedder is a stub returning each query's precomputed vector: no embedding call is in the figures.
 * - `hnsw_recall_at_10`: `VectorStore.nearest(k = 10)` on PGlite (HNSW, `hnsw.ef_search` 100, iterative scan) against
 *   the exact top 10 by brute force in JS over the same vectors, {@link RECALL_QUERIES} queries; the server's exact
 *   store is checked the same way (`postgres_exact_recall_at_10`, 1 unless something is wrong).
 * - the exact fallback (`postgres_exact_*`): SEMANTIC and HYBRID searches on the server at {@link SMALL_TENANT_ITEMS}
 *   and `--items` items (fewer queries: {@link EXACT_QUERIES_SMALL} and {@link EXACT_QUERIES_LARGE}); and SEMANTIC
 *   on a second, exact PGlite of {@link SMALL_TENANT_ITEMS} items (`pglite_exact_*`, {@link EXACT_QUERIES_LARGE}
 *   queries), as the embedded mode runs without pgvector.
 * - the tiers of the memory item cache (`MemoryItemCache` over `TieredCache`, server + Redis): one `getByIds` of one
 *   item each, {@link CACHE_READS} distinct items: first a miss of both tiers read through to Postgres (L3, which also
 *   takes the Redis fill lease and fills Redis), then a fresh cache instance (empty LRU) reading them from Redis (L2),
 *   then the same instance again (L1, the in-process LRU).
 * - writes through the real write path, `MemoryWriter.store` (one transaction: the item and its version, then the
 *   cache invalidation), {@link WRITES} new items of another tenant at {@link WRITE_CONCURRENCY} in flight, as with an
 *   embedder (items left PENDING); then `EmbeddingIndexer.drain` embeds them (stub embedder) into each store's index.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { RedisCacheStore } from '../platform/cache/redis-cache-store.ts';
import { TieredCache } from '../platform/cache/tiered-cache.ts';
import { loadConfig } from '../platform/config.ts';
import { createSubgraphDataSource } from '../platform/database/data-source.ts';
import { startEmbeddedPostgres } from '../platform/database/embedded-postgres.ts';
import { createLogger } from '../platform/logger.ts';
import { createRedisClient, type Redis } from '../platform/redis/redis-client.ts';
import type { MemoryItem } from '../subgraphs/memory/entities/memory-item.ts';
import { MEMORY_ITEM_CACHE_NAME, memorySubgraph } from '../subgraphs/memory/index.ts';
import type { Embedder } from '../subgraphs/memory/services/embedder.ts';
import { EmbeddingIndexer } from '../subgraphs/memory/services/embedding-indexer.ts';
import { parseStoreInput, type StoreMemoryCommand } from '../subgraphs/memory/services/memory-input.ts';
import { MemoryItemCache } from '../subgraphs/memory/services/memory-item-cache.ts';
import { MemoryReader } from '../subgraphs/memory/services/memory-reader.ts';
import { MemorySearch, type MemorySearchMode } from '../subgraphs/memory/services/memory-search.ts';
import { MemoryWriter } from '../subgraphs/memory/services/memory-writer.ts';
import { ensureTrigramIndex } from '../subgraphs/memory/services/search-extensions.ts';
import { HNSW_EF_SEARCH, VectorStore, type VectorIndexKind } from '../subgraphs/memory/services/vector-store.ts';
import { createSeededRandom } from '../subgraphs/routing/services/beta-sampler.ts';
import { createBenchDatabase } from './bench-database.ts';
import { flagOption, numberOption } from './bench-options.ts';
import { shuffled } from './bench-random.ts';
import { percentile, timedConcurrently, writeBenchResult, type Metric } from './bench-result.ts';
import { deleteRedisKeys } from './delete-redis-keys.ts';
import { createMemoryDataset, exactNearest, itemIndexOf, itemUuid, textVector, vectorComponents, type BenchQuery } from './memory-dataset.ts';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/orchestra_bench';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const QUICK = flagOption('quick');
const ITEMS = numberOption('items', QUICK ? 10_000 : 100_000);
/**
 * Items loaded into PGlite (at most `--items`). PGlite builds the HNSW index in WebAssembly on one thread: about a
 * minute for this dataset's 100,000 clustered vectors of 384 dimensions (uniformly random ones took 5 minutes); a
 * slower machine can measure fewer.
 */
const PGVECTOR_ITEMS = Math.min(ITEMS, numberOption('pgvector-items', ITEMS));
const DIMENSIONS = numberOption('dims', 384);
const QUERIES = numberOption('queries', QUICK ? 100 : 500);
const SEED = numberOption('seed', 1);
const WARMUP_QUERIES = QUICK ? 10 : 50;
const RECALL_QUERIES = QUICK ? 100 : 200;
/** The smaller tenant of the exact fallback. */
const SMALL_TENANT_ITEMS = Math.min(ITEMS, 10_000);
const EXACT_QUERIES_SMALL = QUICK ? 20 : 50;
const EXACT_QUERIES_LARGE = QUICK ? 20 : 10;
/** Warm-up queries of the exact fallback, per mode and size (each a full scan). */
const EXACT_WARMUP_QUERIES = 2;
const CACHE_READS = QUICK ? 500 : 2_000;
const WRITES = QUICK ? 500 : 2_000;
const WRITE_CONCURRENCY = 8;
/** Rows per bulk-load statement. */
const LOAD_BATCH = 1_000;
const SEARCH_LIMIT = 10;
const MODES: readonly MemorySearchMode[] = ['LEXICAL', 'SEMANTIC', 'HYBRID'];
/** The targets of the issue (pgvector). */
const HYBRID_P95_TARGET_MS = 50;
const RECALL_TARGET = 0.95;

/** Tenant numbers (the first part of their items' UUIDs). */
const BIG = 1;
const SMALL = 2;
const WRITER = 3;
const tenantId = (n: number): string => `bench-memory-${n}`;

const benchId = randomUUID().slice(0, 8);
const started = performance.now();
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const logger = createLogger(config, 'memory-bench');
console.log(`memory bench: ${ITEMS} items (${PGVECTOR_ITEMS} on PGlite), ${DIMENSIONS} dimensions, ${QUERIES} queries per mode, seed ${SEED}`);

const dataset = createMemoryDataset({ items: ITEMS, dimensions: DIMENSIONS, queries: WARMUP_QUERIES + Math.max(QUERIES, RECALL_QUERIES), seed: SEED });
const queries = dataset.queries.slice(WARMUP_QUERIES);
const warmups = dataset.queries.slice(0, WARMUP_QUERIES);
const queryVectors = new Map(dataset.queries.map((q) => [q.text, [...q.vector]]));
/** Precomputed vectors for the queries; any other text (written items) gets a vector seeded by its hash. */
const embedder: Embedder = {
  model: 'bench/precomputed',
  dimensions: DIMENSIONS,
  embed: async (_tenantId, texts) => texts.map((t) => queryVectors.get(t) ?? textVector(t, DIMENSIONS)),
};
lap('dataset generated');

const serverDatabase = await createBenchDatabase(process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL, `orchestra_bench_memory_${benchId}`);
const embedded = await startEmbeddedPostgres({ dataDir: undefined });
const openDataSource = (url: string): Promise<DataSource> =>
  createSubgraphDataSource({ url, schema: 'memory', entities: memorySubgraph.entities, migrations: memorySubgraph.migrations, logger });
const server = await openDataSource(serverDatabase.url);
const pglite = await openDataSource(embedded.url);
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const keyPrefix = `orchestra-bench-${benchId}:`;
const redis = await createRedisClient({ url: redisUrl, connectionName: 'orchestra-memory-bench' });
const subscriber = await createRedisClient({ url: redisUrl, connectionName: 'orchestra-memory-bench-subscriber' });
const caches: MemoryItemCache[] = [];
try {
  const metrics: Record<string, Metric> = {
    items: { value: ITEMS, unit: 'items (postgres)' },
    pgvector_items: { value: PGVECTOR_ITEMS, unit: 'items (pglite)' },
    dimensions: { value: DIMENSIONS, unit: 'components' },
  };
  const serverExact = await VectorStore.open(server, DIMENSIONS, 'exact', logger);
  await openWithoutHnsw(pglite);

  // Bulk load: the server's and PGlite's statements of a batch run at once (PGlite in this thread, Postgres in its
  // own processes).
  const loadStarted = performance.now();
  for (let from = 0; from < ITEMS; from += LOAD_BATCH) {
    const to = Math.min(ITEMS, from + LOAD_BATCH);
    const components = Array.from({ length: to - from }, (_, i) => vectorComponents(dataset, from + i));
    await Promise.all([
      loadItems(server, 'exact', BIG, from, to, components),
      from < SMALL_TENANT_ITEMS ? loadItems(server, 'exact', SMALL, from, Math.min(to, SMALL_TENANT_ITEMS), components) : undefined,
      from < PGVECTOR_ITEMS ? loadItems(pglite, 'pgvector', BIG, from, Math.min(to, PGVECTOR_ITEMS), components) : undefined,
    ]);
  }
  lap(`loaded ${ITEMS + SMALL_TENANT_ITEMS} items into postgres and ${PGVECTOR_ITEMS} into pglite in ${seconds(loadStarted)} s`);
  // The server's indexes build (in its processes) while PGlite builds its own.
  const serverIndexes = (async () => {
    await ensureTrigramIndex(server);
    await server.query('VACUUM ANALYZE memory.memory_items, memory.item_vectors');
  })();
  const trigramStarted = performance.now();
  await ensureTrigramIndex(pglite);
  const hnswStarted = performance.now();
  // Room for the whole graph in memory (pgvector builds much more slowly once it does not fit).
  await pglite.query(`SET maintenance_work_mem = '1GB'`);
  const store = await VectorStore.open(pglite, DIMENSIONS, 'pgvector', logger);
  metrics['pglite_hnsw_build_s'] = { value: round(seconds(hnswStarted)), unit: `s (${PGVECTOR_ITEMS} vectors, m 16, ef_construction 64)` };
  await pglite.query('VACUUM ANALYZE memory.memory_items, memory.item_vectors');
  await serverIndexes;
  lap(`indexes built: pglite trigram ${round((hnswStarted - trigramStarted) / 1000)} s, HNSW ${metrics['pglite_hnsw_build_s'].value} s`);

  // pgvector (PGlite): the three modes, then recall.
  const pgliteSearch = new MemorySearch(pglite, { semantic: { embedder, vectors: store }, trigrams: true });
  for (const mode of MODES) {
    const { latencies, meanHits } = await searchLatencies(pgliteSearch, BIG, mode, queries.slice(0, QUERIES));
    addLatencies(metrics, `${mode.toLowerCase()}_search`, latencies);
    if (mode === 'LEXICAL') metrics['lexical_search_hits_mean'] = { value: round(meanHits), unit: `hits of ${SEARCH_LIMIT}` };
  }
  const recall = await measureRecall(store, BIG, PGVECTOR_ITEMS);
  metrics['hnsw_recall_at_10'] = { value: round(recall.recall, 4), unit: `mean over ${RECALL_QUERIES} queries (pglite, ef_search ${HNSW_EF_SEARCH})` };
  addLatencies(metrics, 'pglite_hnsw_nearest', recall.latencies);
  lap('pglite searches measured');

  // The exact fallback (the server): lexical at full size, semantic and hybrid at both sizes.
  const serverSearch = new MemorySearch(server, { semantic: { embedder, vectors: serverExact }, trigrams: true });
  addLatencies(metrics, 'postgres_lexical_search', (await searchLatencies(serverSearch, BIG, 'LEXICAL', queries.slice(0, QUERIES))).latencies);
  for (const [tenant, count, n] of [
    [SMALL, SMALL_TENANT_ITEMS, EXACT_QUERIES_SMALL],
    [BIG, ITEMS, EXACT_QUERIES_LARGE],
  ] as const) {
    if (tenant === SMALL && count === ITEMS) continue;
    for (const mode of ['SEMANTIC', 'HYBRID'] as const) {
      const { latencies } = await searchLatencies(serverSearch, tenant, mode, queries.slice(0, n), EXACT_WARMUP_QUERIES);
      addLatencies(metrics, `postgres_exact_${mode.toLowerCase()}`, latencies, `_${count / 1000}k`);
    }
    lap(`postgres exact fallback measured at ${count} items`);
  }
  await measureEmbeddedExact(metrics);
  lap(`pglite exact fallback measured at ${SMALL_TENANT_ITEMS} items`);
  const exactRecall = await measureRecall(serverExact, SMALL, SMALL_TENANT_ITEMS, 20);
  metrics['postgres_exact_recall_at_10'] = { value: round(exactRecall.recall, 4), unit: `mean over 20 queries at ${SMALL_TENANT_ITEMS} items (sanity check)` };

  // The cache's tiers (server + Redis).
  const ids = shuffled(
    Array.from({ length: ITEMS }, (_, i) => i),
    createSeededRandom(SEED + 1),
  )
    .slice(0, CACHE_READS)
    .map((i) => itemUuid(BIG, i));
  const cold = await itemCache(server, redis);
  addLatencies(metrics, 'cache_l3_postgres', await readLatencies(cold, ids), '', 'us');
  const fresh = await itemCache(server, redis);
  addLatencies(metrics, 'cache_l2_redis', await readLatencies(fresh, ids), '', 'us');
  addLatencies(metrics, 'cache_l1_lru', await readLatencies(fresh, ids), '', 'us');
  lap('cache tiers measured');

  // Writes through MemoryWriter, then the indexer, on each store.
  for (const [name, dataSource, vectors, withRedis] of [
    ['postgres', server, serverExact, true],
    ['pglite', pglite, store, false],
  ] as const) {
    const cache = await itemCache(dataSource, withRedis ? redis : undefined);
    const writes = await measureWrites(dataSource, cache);
    metrics[`${name}_store_per_second`] = { value: round(writes.perSecond), unit: `items/s (MemoryWriter.store, ${WRITE_CONCURRENCY} in flight)` };
    addLatencies(metrics, `${name}_store`, writes.latencies);
    const indexer = new EmbeddingIndexer({ dataSource, embedder, vectors, cache, batchSize: config.embeddings.batchSize, logger });
    const indexStarted = performance.now();
    const embeddedItems = await indexer.drain();
    await indexer.close();
    if (embeddedItems !== WRITES) throw new Error(`the indexer embedded ${embeddedItems} of ${WRITES} items on ${name}`);
    metrics[`${name}_${vectors.kind}_embed_per_second`] = {
      value: round(WRITES / seconds(indexStarted)),
      unit: `items/s (EmbeddingIndexer.drain, stub embedder, batches of ${config.embeddings.batchSize})`,
    };
  }
  lap('writes measured');

  const hybridP95 = metrics['hybrid_search_p95_ms']?.value ?? Number.NaN;
  const targets =
    `pgvector on pglite at ${PGVECTOR_ITEMS} items: hybrid p95 ${hybridP95} ms ≤ ${HYBRID_P95_TARGET_MS} ms ${hybridP95 <= HYBRID_P95_TARGET_MS ? 'met' : 'MISSED'}; ` +
    `recall@10 ${round(recall.recall, 4)} ≥ ${RECALL_TARGET} ${recall.recall >= RECALL_TARGET ? 'met' : 'MISSED'}`;
  await writeBenchResult('memory', metrics, {
    targets,
    pglite: `PGlite ${await versionOf(pglite)} with pgvector ${await extensionVersion(pglite, 'vector')}, in memory in this process: the pgvector (HNSW) figures`,
    postgres: `${await versionOf(server)} without pgvector (exact real[] scan), database created for the run; with Redis ${redisUrl} for the cache's tier`,
    data: `one tenant of ${ITEMS} items (${PGVECTOR_ITEMS} on pglite), ${DIMENSIONS}-dimensional clustered unit vectors, seed ${SEED}; bulk-loaded by SQL`,
    search: `MemorySearch.search, limit ${SEARCH_LIMIT}, one at a time; stub embedder (precomputed query vectors, no embedding call in the figures)`,
    writes: `MemoryWriter.store (not the GraphQL mutation), ${WRITES} items, ${WRITE_CONCURRENCY} in flight; then EmbeddingIndexer.drain`,
    duration: `${round(seconds(started))} s`,
  });
} finally {
  for (const cache of caches) await cache.close();
  await deleteRedisKeys(redis, `${keyPrefix}*`);
  await redis.quit();
  await subscriber.quit();
  await server.destroy();
  await pglite.destroy();
  await serverDatabase.drop();
  await embedded.close();
}

/**
 * Opens PGlite's pgvector store, then drops its HNSW index so that the bulk load does not insert into it; the
 * second `VectorStore.open` (after the load) builds it.
 */
async function openWithoutHnsw(dataSource: DataSource): Promise<void> {
  await VectorStore.open(dataSource, DIMENSIONS, 'pgvector', logger);
  await dataSource.query('DROP INDEX memory.item_vectors_hnsw');
}

/**
 * Inserts items `from`…`to − 1` of the dataset as tenant `tenant`'s, embedded (READY), with their vectors, in one
 * statement per store. `components` holds each item's vector components as text (made once for both stores).
 */
async function loadItems(
  dataSource: DataSource,
  kind: VectorIndexKind,
  tenant: number,
  from: number,
  to: number,
  components: readonly string[],
): Promise<void> {
  const indexes = Array.from({ length: to - from }, (_, i) => from + i);
  const vector = kind === 'pgvector' ? `('[' || u.v || ']')::vector(${DIMENSIONS})` : `('{' || u.v || '}')::real[]`;
  await dataSource.query(
    `WITH u AS (SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS u(id, key, content, v)),
     items AS (
       INSERT INTO memory.memory_items (id, tenant_id, namespace, key, content, embedding_status)
       SELECT u.id, $1, 'bench', u.key, u.content, 'READY' FROM u RETURNING id)
     INSERT INTO memory.item_vectors (item_id, tenant_id, dimensions, embedding)
     SELECT u.id, $1, ${DIMENSIONS}, ${vector} FROM u JOIN items ON items.id = u.id`,
    [
      tenantId(tenant),
      indexes.map((i) => itemUuid(tenant, i)),
      indexes.map((i) => `item-${i}`),
      indexes.map((i) => dataset.contents[i] ?? ''),
      indexes.map((i) => components[i - from] ?? ''),
    ],
  );
}

/** SEMANTIC searches on an exact store in a PGlite of its own, with {@link SMALL_TENANT_ITEMS} items. */
async function measureEmbeddedExact(metrics: Record<string, Metric>): Promise<void> {
  const instance = await startEmbeddedPostgres({ dataDir: undefined });
  try {
    const dataSource = await openDataSource(instance.url);
    try {
      const store = await VectorStore.open(dataSource, DIMENSIONS, 'exact', logger);
      for (let from = 0; from < SMALL_TENANT_ITEMS; from += LOAD_BATCH) {
        const to = Math.min(SMALL_TENANT_ITEMS, from + LOAD_BATCH);
        const components = Array.from({ length: to - from }, (_, i) => vectorComponents(dataset, from + i));
        await loadItems(dataSource, 'exact', SMALL, from, to, components);
      }
      await dataSource.query('VACUUM ANALYZE memory.memory_items, memory.item_vectors');
      const search = new MemorySearch(dataSource, { semantic: { embedder, vectors: store }, trigrams: false });
      const { latencies } = await searchLatencies(search, SMALL, 'SEMANTIC', queries.slice(0, EXACT_QUERIES_LARGE), EXACT_WARMUP_QUERIES);
      addLatencies(metrics, 'pglite_exact_semantic', latencies, `_${SMALL_TENANT_ITEMS / 1000}k`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await instance.close();
  }
}

/** Latencies (ms) of searches of `tenant` for `measured`, one at a time, after the warm-up queries. */
async function searchLatencies(
  search: MemorySearch,
  tenant: number,
  mode: MemorySearchMode,
  measured: readonly BenchQuery[],
  warmupCount = WARMUP_QUERIES,
): Promise<{ latencies: number[]; meanHits: number }> {
  for (const q of warmups.slice(0, warmupCount)) await search.search(tenantId(tenant), { query: q.text, mode, limit: SEARCH_LIMIT });
  const latencies: number[] = [];
  let hits = 0;
  for (const q of measured) {
    const t0 = performance.now();
    const result = await search.search(tenantId(tenant), { query: q.text, mode, limit: SEARCH_LIMIT });
    latencies.push(performance.now() - t0);
    hits += result.hits.length;
  }
  if (mode !== 'LEXICAL' && hits === 0) throw new Error(`${mode} searches found nothing`);
  return { latencies, meanHits: hits / measured.length };
}

/** Mean recall@10 of `store.nearest` against brute force over the first `count` items, and its latencies (ms). */
async function measureRecall(store: VectorStore, tenant: number, count: number, n = RECALL_QUERIES): Promise<{ recall: number; latencies: number[] }> {
  const latencies: number[] = [];
  let sum = 0;
  for (const q of queries.slice(0, n)) {
    const t0 = performance.now();
    const hits = await store.nearest(tenantId(tenant), [...q.vector], 10);
    latencies.push(performance.now() - t0);
    const exact = new Set(exactNearest(dataset, q.vector, 10, count));
    sum += hits.filter((h) => exact.has(itemIndexOf(h.itemId))).length / exact.size;
  }
  return { recall: sum / n, latencies };
}

/** A memory item cache over a fresh tiered cache (empty LRU) on `redis`, or LRU only without. */
async function itemCache(dataSource: DataSource, client: Redis | undefined): Promise<MemoryItemCache> {
  const tiered = new TieredCache<MemoryItem>({
    name: MEMORY_ITEM_CACHE_NAME,
    maxItems: config.memoryCache.maxItems,
    ttlSeconds: config.memoryCache.ttlSeconds,
    store: client ? new RedisCacheStore({ name: MEMORY_ITEM_CACHE_NAME, redis: client, subscriber, keyPrefix }) : undefined,
    logger,
  });
  await tiered.start();
  const cache = new MemoryItemCache(tiered, new MemoryReader(dataSource));
  caches.push(cache);
  return cache;
}

/** Latencies (µs) of reading each of `ids` once, one at a time. @throws when an item is not found. */
async function readLatencies(cache: MemoryItemCache, ids: readonly string[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    const [item] = await cache.getByIds(tenantId(BIG), [id]);
    latencies.push((performance.now() - t0) * 1000);
    if (!item) throw new Error(`item ${id} not found through the cache`);
  }
  return latencies;
}

/** Stores {@link WRITES} new items of the writer tenant through `MemoryWriter.store`, {@link WRITE_CONCURRENCY} at a time. */
async function measureWrites(dataSource: DataSource, cache: MemoryItemCache): Promise<{ perSecond: number; latencies: number[] }> {
  const writer = new MemoryWriter(dataSource, cache, logger, { embeds: true });
  const commands = Array.from({ length: WRITES }, (_, i) =>
    parseStoreInput({ namespace: 'bench-writes', key: `write-${i}`, content: `${dataset.contents[i % ITEMS] ?? ''} (${i})` }),
  );
  const t0 = performance.now();
  const latencies = await timedConcurrently(WRITES, WRITE_CONCURRENCY, (i) =>
    writer.store(tenantId(WRITER), commands[i] as StoreMemoryCommand, { changedBy: 'memory-bench' }),
  );
  return { perSecond: WRITES / seconds(t0), latencies };
}

/** Adds `<name>_p50_<unit>`, `_p95_`, `_p99_` (with `suffix` after the unit) of `samples`. */
function addLatencies(metrics: Record<string, Metric>, name: string, samples: readonly number[], suffix = '', unit: 'ms' | 'us' = 'ms'): void {
  for (const p of [50, 95, 99]) {
    metrics[`${name}_p${p}_${unit}${suffix}`] = { value: round(percentile(samples, p), unit === 'us' ? 0 : 2), unit: unit === 'us' ? 'µs' : 'ms' };
  }
}

async function versionOf(dataSource: DataSource): Promise<string> {
  const [row] = await dataSource.query<{ version: string }[]>('SELECT version()');
  return (row?.version ?? '').split(' on ')[0]?.split(',')[0] ?? '';
}

async function extensionVersion(dataSource: DataSource, name: string): Promise<string> {
  const [row] = await dataSource.query<{ version: string }[]>('SELECT extversion AS version FROM pg_extension WHERE extname = $1', [name]);
  return row?.version ?? 'absent';
}

function lap(what: string): void {
  console.log(`[${round(seconds(started), 1)} s] ${what}`);
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
