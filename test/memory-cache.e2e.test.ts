import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, waitFor, type GraphClient } from './kit/client.ts';
import { MemoryBulkDocument, MemoryByIdDocument as MemoryById, MemoryByKeyDocument, MemoryDeleteDocument, MemoryStoreDocument } from './generated/graphql.ts';

// Reads of memory(id) and memoryByKey go through the tiered cache (LRU → Redis when REDIS_URL is set → Postgres).
// These tests change a row behind the service's back (plain SQL) to tell a cached read from a fresh one.

let graph: TestGraph;
let db: pg.Client;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['memory'] });
  db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await graph?.close();
});

const client = (tenant = newTenant()): Promise<GraphClient> => createClient(graph, { tenant, scopes: ['memory:read', 'memory:write'] });

/** Rewrites a row's content directly in Postgres, bypassing the service and therefore the cache invalidation. */
async function rewriteBehindTheCache(id: string, content: string): Promise<void> {
  const result = await db.query('UPDATE memory.memory_items SET content = $2 WHERE id = $1', [id, content]);
  expect(result.rowCount).toBe(1);
}

describe('memory read cache', () => {
  it('serves repeated reads from the cache, and a store invalidates them', async () => {
    const c = await client();
    const input = { namespace: 'cache', key: 'k', content: 'original' };
    const { storeMemory } = await c.requestOk(MemoryStoreDocument, { input });
    expect((await c.requestOk(MemoryById, { id: storeMemory.id })).memory?.content).toBe('original');
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'cache', key: 'k' })).memoryByKey?.content).toBe('original');

    await rewriteBehindTheCache(storeMemory.id, 'changed behind the cache');
    expect((await c.requestOk(MemoryById, { id: storeMemory.id })).memory?.content).toBe('original');
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'cache', key: 'k' })).memoryByKey?.content).toBe('original');

    await c.requestOk(MemoryStoreDocument, { input: { ...input, content: 'stored again' } });
    const byId = (await c.requestOk(MemoryById, { id: storeMemory.id })).memory;
    expect(byId).toMatchObject({ content: 'stored again', version: 2 });
    expect(typeof byId?.updatedAt).toBe('string');
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'cache', key: 'k' })).memoryByKey?.content).toBe('stored again');
  });

  it('drops cached entries on delete and on bulk writes, including cached misses', async () => {
    const c = await client();
    const { storeMemory: gone } = await c.requestOk(MemoryStoreDocument, { input: { namespace: 'cache', key: 'gone', content: 'x' } });
    await c.requestOk(MemoryById, { id: gone.id });
    await c.requestOk(MemoryByKeyDocument, { namespace: 'cache', key: 'gone' });
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'cache', key: 'new' })).memoryByKey).toBeNull();

    expect((await c.requestOk(MemoryDeleteDocument, { id: gone.id })).deleteMemory).toBe(true);
    expect((await c.requestOk(MemoryById, { id: gone.id })).memory).toBeNull();
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'cache', key: 'gone' })).memoryByKey).toBeNull();

    await c.requestOk(MemoryBulkDocument, { operations: [{ store: { namespace: 'cache', key: 'new', content: 'from bulk' } }] });
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'cache', key: 'new' })).memoryByKey?.content).toBe('from bulk');
  });
});

describe.skipIf(!process.env['REDIS_URL'])('memory read cache with Redis', () => {
  let second: TestGraph;
  let redis: Redis;
  beforeAll(async () => {
    second = await startGraph({ subgraphs: ['memory'] });
    redis = new Redis(graph.config.redis.url ?? '');
  });
  afterAll(async () => {
    redis?.disconnect();
    await second?.close();
  });

  it('keeps entries in Redis under tenant-scoped keys and deletes them on store', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const { storeMemory } = await c.requestOk(MemoryStoreDocument, { input: { namespace: 'r', key: 'k', content: 'v1' } });
    await c.requestOk(MemoryById, { id: storeMemory.id });
    const redisKey = `${graph.config.redis.keyPrefix}cache:memory-items-v2:${JSON.stringify([tenant, 'id', storeMemory.id])}`;
    expect(JSON.parse((await redis.get(redisKey)) ?? 'null')).toMatchObject({ id: storeMemory.id, content: 'v1' });
    await c.requestOk(MemoryStoreDocument, { input: { namespace: 'r', key: 'k', content: 'v2' } });
    expect(await redis.exists(redisKey)).toBe(0);
  });

  it("invalidates another instance's in-process cache", async () => {
    const tenant = newTenant();
    const here = await client(tenant);
    const there = await createClient(second, { tenant, scopes: ['memory:read'] });
    const { storeMemory } = await here.requestOk(MemoryStoreDocument, { input: { namespace: 'r', key: 'shared', content: 'v1' } });
    expect((await there.requestOk(MemoryById, { id: storeMemory.id })).memory?.content).toBe('v1');
    await rewriteBehindTheCache(storeMemory.id, 'changed behind the cache');
    expect((await there.requestOk(MemoryById, { id: storeMemory.id })).memory?.content).toBe('v1');

    await here.requestOk(MemoryStoreDocument, { input: { namespace: 'r', key: 'shared', content: 'v2' } });
    await waitFor('the other instance to see v2', async () => {
      const content = (await there.requestOk(MemoryById, { id: storeMemory.id })).memory?.content;
      return content === 'v2' ? content : undefined;
    });
  });
});
