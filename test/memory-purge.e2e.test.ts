import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TieredCache } from '../platform/cache/tiered-cache.ts';
import { createSubgraphDataSource } from '../platform/database/data-source.ts';
import { createLogger } from '../platform/logger.ts';
import { memorySubgraph } from '../subgraphs/memory/index.ts';
import type { MemoryItem } from '../subgraphs/memory/entities/memory-item.ts';
import { MemoryItemCache } from '../subgraphs/memory/services/memory-item-cache.ts';
import { MemoryReader } from '../subgraphs/memory/services/memory-reader.ts';
import { MemoryWriter } from '../subgraphs/memory/services/memory-writer.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, waitFor } from './kit/client.ts';
import { MemoryByIdDocument, MemoryStoreDocument } from './generated/graphql.ts';

// The runtime's purge loop runs MemoryWriter.purgeExpired every PURGE_INTERVAL_MS (its timing is unit-tested in
// expiry-purger.test.ts); this runs one purge against the real database.

let graph: TestGraph;
let dataSource: DataSource;
let db: pg.Client;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['memory'] });
  dataSource = await createSubgraphDataSource({
    url: graph.databaseUrl ?? '',
    schema: 'memory',
    entities: memorySubgraph.entities,
    migrations: memorySubgraph.migrations,
    poolSize: 2,
  });
  db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await dataSource?.destroy();
  await graph?.close();
});

describe('purgeExpired', () => {
  it('deletes expired items, keeps live ones, and keeps the history of both with an EXPIRED entry for the purged', async () => {
    const tenant = newTenant();
    const c = await createClient(graph, { tenant, scopes: ['memory:read', 'memory:write'] });
    const { storeMemory: short } = await c.requestOk(MemoryStoreDocument, {
      input: { namespace: 'p', key: 'short', content: 'x', ttlSeconds: 1 },
    });
    const { storeMemory: kept } = await c.requestOk(MemoryStoreDocument, { input: { namespace: 'p', key: 'kept', content: 'y' } });
    await waitFor('the item to expire', async () => ((await c.requestOk(MemoryByIdDocument, { id: short.id })).memory === null ? true : undefined));

    const logger = createLogger({ logLevel: 'silent' });
    const cache = new MemoryItemCache(new TieredCache<MemoryItem>({ name: 'memory-items-purge-test' }), new MemoryReader(dataSource));
    expect(await new MemoryWriter(dataSource, cache, logger).purgeExpired()).toBeGreaterThanOrEqual(1);

    const items = await db.query('SELECT id FROM memory.memory_items WHERE tenant_id = $1', [tenant]);
    expect(items.rows.map((row: { id: string }) => row.id)).toEqual([kept.id]);
    const versions = await db.query('SELECT item_id, version, event, cause, content FROM memory.memory_versions WHERE tenant_id = $1 ORDER BY key, version', [
      tenant,
    ]);
    expect(versions.rows).toEqual([
      { item_id: kept.id, version: 1, event: 'CREATED', cause: 'DIRECT_WRITE', content: 'y' },
      { item_id: short.id, version: 1, event: 'CREATED', cause: 'DIRECT_WRITE', content: 'x' },
      { item_id: short.id, version: 2, event: 'EXPIRED', cause: 'EXPIRY', content: 'x' },
    ]);
  });

  it('keeps one version row per store', async () => {
    const tenant = newTenant();
    const c = await createClient(graph, { tenant, scopes: ['memory:write'] });
    for (const content of ['one', 'two', 'three']) {
      await c.requestOk(MemoryStoreDocument, { input: { namespace: 'v', key: 'k', content, metadata: { content } } });
    }
    const { rows } = await db.query('SELECT version, content, metadata FROM memory.memory_versions WHERE tenant_id = $1 ORDER BY version', [tenant]);
    expect(rows).toEqual([
      { version: 1, content: 'one', metadata: { content: 'one' } },
      { version: 2, content: 'two', metadata: { content: 'two' } },
      { version: 3, content: 'three', metadata: { content: 'three' } },
    ]);
  });
});
