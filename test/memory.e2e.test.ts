import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, waitFor, type GraphClient } from './kit/client.ts';
import {
  MemoryBulkDocument,
  MemoryByIdDocument,
  MemoryByKeyDocument,
  MemoryDeleteDocument,
  MemoryLinksDocument,
  MemorySearchDocument,
  MemoryStoreDocument,
} from './generated/graphql.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['memory'] });
});
afterAll(async () => {
  await graph.close();
});

const readWrite = ['memory:read', 'memory:write'];
const client = (tenant = newTenant(), scopes = readWrite): Promise<GraphClient> => createClient(graph, { tenant, scopes });
const codeOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined): unknown => errors?.[0]?.extensions?.['code'];
const fieldOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined): unknown => errors?.[0]?.extensions?.['field'];

describe('memory root fields', () => {
  it('stores, reads by id and by key, versions a re-store, and deletes', async () => {
    const c = await client();
    const sessionId = '6f0c1a52-3b7e-4c1e-9d0a-2f1b3c4d5e6f';
    const { storeMemory: first } = await c.requestOk(MemoryStoreDocument, {
      input: { namespace: 'notes', key: 'greeting', content: 'hello there', metadata: { lang: 'en' }, sessionId },
    });
    expect(first).toMatchObject({ namespace: 'notes', key: 'greeting', content: 'hello there', version: 1, sessionId, expiresAt: null });
    expect(first.metadata).toEqual({ lang: 'en' });

    expect((await c.requestOk(MemoryByIdDocument, { id: first.id })).memory).toEqual(first);
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'notes', key: 'greeting' })).memoryByKey).toEqual(first);

    const { storeMemory: second } = await c.requestOk(MemoryStoreDocument, {
      input: { namespace: 'notes', key: 'greeting', content: 'hello again' },
    });
    expect(second).toMatchObject({ id: first.id, version: 2, content: 'hello again', metadata: null, sessionId: null });
    expect(second.createdAt).toBe(first.createdAt);
    expect((await c.requestOk(MemoryByIdDocument, { id: first.id })).memory?.content).toBe('hello again');

    const links = await c.requestOk(MemoryLinksDocument, { id: first.id });
    expect(links.memory).toEqual({ id: first.id, session: null, agent: null });

    expect((await c.requestOk(MemoryDeleteDocument, { id: first.id })).deleteMemory).toBe(true);
    expect((await c.requestOk(MemoryDeleteDocument, { id: first.id })).deleteMemory).toBe(false);
    expect((await c.requestOk(MemoryByIdDocument, { id: first.id })).memory).toBeNull();
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'notes', key: 'greeting' })).memoryByKey).toBeNull();
  });

  it('returns null for ids that are not UUIDs, and deleting one deletes nothing', async () => {
    const c = await client();
    expect((await c.requestOk(MemoryByIdDocument, { id: 'not-a-uuid' })).memory).toBeNull();
    expect((await c.requestOk(MemoryDeleteDocument, { id: 'not-a-uuid' })).deleteMemory).toBe(false);
  });

  it('returns session and agent stubs', async () => {
    const c = await client();
    const sessionId = '0d3c7a4e-8f51-4a0b-a1b2-c3d4e5f60718';
    const agentId = '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b';
    const { storeMemory } = await c.requestOk(MemoryStoreDocument, { input: { namespace: 'n', key: 'k', content: 'c', sessionId, agentId } });
    expect((await c.requestOk(MemoryLinksDocument, { id: storeMemory.id })).memory).toEqual({
      id: storeMemory.id,
      session: { id: sessionId },
      agent: { id: agentId },
    });
  });

  it('searches best match first, applies filters and limit, and validates the query', async () => {
    const c = await client();
    const store = (namespace: string, key: string, content: string) => c.requestOk(MemoryStoreDocument, { input: { namespace, key, content } });
    await store('kb', 'weak', 'A long note about gardening, tomatoes and weather, which mentions a fox once in passing.');
    await store('kb', 'strong', 'The quick brown fox. Foxes are quick; a quick fox outruns a slow fox.');
    await store('kb', 'unrelated', 'Quarterly revenue grew in the northern region.');
    await store('other', 'elsewhere', 'A quick fox lives in another namespace.');

    const {
      searchMemory: { hits: searchMemory },
    } = await c.requestOk(MemorySearchDocument, { query: 'quick fox', filter: { namespace: 'kb' } });
    expect(searchMemory.map((hit) => hit.item.key)).toEqual(['strong']);
    const all = await c.requestOk(MemorySearchDocument, { query: 'fox' });
    const keys = all.searchMemory.hits.map((hit) => hit.item.key);
    expect(keys[0]).toBe('strong');
    expect(new Set(keys)).toEqual(new Set(['strong', 'weak', 'elsewhere']));
    const scores = all.searchMemory.hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((s) => s > 0)).toBe(true);
    expect((await c.requestOk(MemorySearchDocument, { query: 'fox', limit: 1 })).searchMemory.hits).toHaveLength(1);
    expect((await c.requestOk(MemorySearchDocument, { query: '"slow fox" -tomatoes' })).searchMemory.hits.map((h) => h.item.key)).toEqual(['strong']);

    for (const variables of [{ query: '' }, { query: 'x'.repeat(1_001) }, { query: 'fox', limit: 0 }, { query: 'fox', limit: 101 }]) {
      const { errors } = await c.request(MemorySearchDocument, variables);
      expect(codeOf(errors)).toBe('BAD_USER_INPUT');
    }
  });

  it('hides an item once its ttl has passed, from every field', async () => {
    const c = await client();
    const { storeMemory } = await c.requestOk(MemoryStoreDocument, {
      input: { namespace: 'ttl', key: 'short', content: 'ephemeral penguin', ttlSeconds: 1 },
    });
    expect(Date.parse(String(storeMemory.expiresAt)) - Date.parse(String(storeMemory.updatedAt))).toBe(1_000);
    // Read once so the item is cached: expiry must also hide cached copies.
    await c.request(MemoryByIdDocument, { id: storeMemory.id });
    await waitFor('the item to expire', async () => ((await c.requestOk(MemoryByIdDocument, { id: storeMemory.id })).memory === null ? true : undefined));
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'ttl', key: 'short' })).memoryByKey).toBeNull();
    expect((await c.requestOk(MemorySearchDocument, { query: 'penguin' })).searchMemory.hits).toEqual([]);
    expect((await c.requestOk(MemoryDeleteDocument, { id: storeMemory.id })).deleteMemory).toBe(false);

    const { storeMemory: again } = await c.requestOk(MemoryStoreDocument, { input: { namespace: 'ttl', key: 'short', content: 'back' } });
    expect(again).toMatchObject({ version: 1, expiresAt: null });
    expect(again.id).not.toBe(storeMemory.id);
  });

  it('clears the expiry when an item is re-stored without ttlSeconds', async () => {
    const c = await client();
    const input = { namespace: 'ttl', key: 'k', content: 'c' };
    expect((await c.requestOk(MemoryStoreDocument, { input: { ...input, ttlSeconds: 3_600 } })).storeMemory.expiresAt).not.toBeNull();
    expect((await c.requestOk(MemoryStoreDocument, { input })).storeMemory).toMatchObject({ version: 2, expiresAt: null });
  });
});

describe('memory limits', () => {
  it('rejects oversized content with BAD_USER_INPUT and writes nothing', async () => {
    const c = await client();
    const { data, errors } = await c.request(MemoryStoreDocument, {
      input: { namespace: 'big', key: 'k', content: 'x'.repeat(65_537) },
    });
    expect(data).toBeNull();
    expect(codeOf(errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(errors)).toBe('input.content');
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'big', key: 'k' })).memoryByKey).toBeNull();
    const exact = await c.requestOk(MemoryStoreDocument, { input: { namespace: 'big', key: 'k', content: 'x'.repeat(65_536) } });
    expect(exact.storeMemory.content).toHaveLength(65_536);
  });

  it.each([
    [{ namespace: '' }, 'input.namespace'],
    [{ key: 'k'.repeat(501) }, 'input.key'],
    [{ ttlSeconds: 0 }, 'input.ttlSeconds'],
    [{ metadata: { blob: 'm'.repeat(16_384) } }, 'input.metadata'],
    [{ sessionId: 'nope' }, 'input.sessionId'],
    [{ content: 'nul\u0000byte' }, 'input.content'],
  ])('rejects %j naming %s', async (override, field) => {
    const c = await client();
    const { errors } = await c.request(MemoryStoreDocument, { input: { namespace: 'n', key: 'k', content: 'c', ...override } });
    expect(codeOf(errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(errors)).toBe(field);
  });
});

describe('bulkMemory', () => {
  it('applies stores and deletes in one call', async () => {
    const c = await client();
    const { storeMemory: doomed } = await c.requestOk(MemoryStoreDocument, { input: { namespace: 'b', key: 'doomed', content: 'x' } });
    const { bulkMemory } = await c.requestOk(MemoryBulkDocument, {
      operations: [
        { store: { namespace: 'b', key: 'one', content: 'first' } },
        { store: { namespace: 'b', key: 'one', content: 'second' } },
        { deleteId: doomed.id },
        { deleteId: '00000000-0000-4000-8000-000000000000' },
      ],
    });
    expect(bulkMemory.stored.map((s) => [s.key, s.version])).toEqual([
      ['one', 1],
      ['one', 2],
    ]);
    expect(bulkMemory.deletedIds).toEqual([doomed.id]);
    expect((await c.requestOk(MemoryByIdDocument, { id: doomed.id })).memory).toBeNull();
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'b', key: 'one' })).memoryByKey?.content).toBe('second');
  });

  it('writes nothing when one operation is invalid', async () => {
    const c = await client();
    const { storeMemory: kept } = await c.requestOk(MemoryStoreDocument, { input: { namespace: 'b', key: 'kept', content: 'x' } });
    for (const [bad, field] of [
      [{ store: { namespace: 'b', key: 'three', content: 'x'.repeat(65_537) } }, 'operations[2].store.content'],
      [{ store: { namespace: 'b', key: 'three', content: 'x' }, deleteId: kept.id }, 'operations[2]'],
      [{}, 'operations[2]'],
    ] as const) {
      const { data, errors } = await c.request(MemoryBulkDocument, {
        operations: [{ store: { namespace: 'b', key: 'one', content: 'x' } }, { deleteId: kept.id }, bad],
      });
      expect(data).toBeNull();
      expect(codeOf(errors)).toBe('BAD_USER_INPUT');
      expect(fieldOf(errors)).toBe(field);
    }
    expect((await c.requestOk(MemoryByKeyDocument, { namespace: 'b', key: 'one' })).memoryByKey).toBeNull();
    expect((await c.requestOk(MemoryByIdDocument, { id: kept.id })).memory?.id).toBe(kept.id);
  });

  it('rejects an empty list and more than 100 operations', async () => {
    const c = await client();
    const op = { deleteId: '00000000-0000-4000-8000-000000000000' };
    for (const operations of [[], Array.from({ length: 101 }, () => op)]) {
      const { errors } = await c.request(MemoryBulkDocument, { operations });
      expect(codeOf(errors)).toBe('BAD_USER_INPUT');
      expect(fieldOf(errors)).toBe('operations');
    }
  });
});

describe('memory tenancy and scopes', () => {
  it("never shows one tenant's memory to another", async () => {
    const owner = await client();
    const other = await client();
    const { storeMemory } = await owner.requestOk(MemoryStoreDocument, { input: { namespace: 'secret', key: 'k', content: 'zebra crossing' } });
    expect((await other.requestOk(MemoryByIdDocument, { id: storeMemory.id })).memory).toBeNull();
    expect((await other.requestOk(MemoryByKeyDocument, { namespace: 'secret', key: 'k' })).memoryByKey).toBeNull();
    expect((await other.requestOk(MemorySearchDocument, { query: 'zebra' })).searchMemory.hits).toEqual([]);
    expect((await other.requestOk(MemoryDeleteDocument, { id: storeMemory.id })).deleteMemory).toBe(false);
    const { storeMemory: own } = await other.requestOk(MemoryStoreDocument, { input: { namespace: 'secret', key: 'k', content: 'mine' } });
    expect(own.version).toBe(1);
    expect(own.id).not.toBe(storeMemory.id);
    expect((await owner.requestOk(MemoryByIdDocument, { id: storeMemory.id })).memory?.content).toBe('zebra crossing');
    expect((await owner.requestOk(MemorySearchDocument, { query: 'zebra' })).searchMemory.hits).toHaveLength(1);
  });

  it('needs memory:read to read and memory:write to write', async () => {
    const tenant = newTenant();
    const reader = await client(tenant, ['memory:read']);
    const writer = await client(tenant, ['memory:write']);
    const stranger = await client(tenant, ['sessions:read']);
    const input = { namespace: 'n', key: 'k', content: 'scoped' };
    const denied = await reader.request(MemoryStoreDocument, { input });
    expect(codeOf(denied.errors)).toBe('FORBIDDEN');
    expect((await reader.requestOk(MemoryByKeyDocument, { namespace: 'n', key: 'k' })).memoryByKey).toBeNull();
    const { storeMemory } = await writer.requestOk(MemoryStoreDocument, { input });
    for (const [c, document, variables] of [
      [writer, MemoryByIdDocument, { id: storeMemory.id }],
      [stranger, MemoryByKeyDocument, { namespace: 'n', key: 'k' }],
      [stranger, MemorySearchDocument, { query: 'scoped' }],
      [reader, MemoryDeleteDocument, { id: storeMemory.id }],
      [reader, MemoryBulkDocument, { operations: [{ deleteId: storeMemory.id }] }],
    ] as const) {
      const { errors } = await c.request(document, variables as never);
      expect(codeOf(errors)).toBe('FORBIDDEN');
    }
    expect((await reader.requestOk(MemoryByIdDocument, { id: storeMemory.id })).memory?.content).toBe('scoped');
  });
});
