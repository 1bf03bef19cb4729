import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, waitFor, type GraphClient } from './kit/client.ts';
import { startFakeEmbeddings, type FakeEmbeddings } from './kit/fake-embeddings.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

/** The operator's key of the embeddings provider: it may reach the fake and nothing else. */
const KEY = 'sk-embeddings-operator-7d1e';
const SCOPES = ['memory:read', 'memory:write', 'routing:read'];

const STORE = `mutation ($input: StoreMemoryInput!) { storeMemory(input: $input) { id embeddingStatus } }`;
const SEARCH = `query ($query: String!, $mode: MemorySearchMode, $filter: MemoryFilter, $limit: Int, $minScore: Float) {
  searchMemory(query: $query, mode: $mode, filter: $filter, limit: $limit, minScore: $minScore) {
    mode notEmbedded hits { score lexicalRank lexicalScore semanticRank semanticSimilarity item { key } }
  }
}`;

interface Hit {
  score: number;
  lexicalRank: number | null;
  lexicalScore: number | null;
  semanticRank: number | null;
  semanticSimilarity: number | null;
  item: { key: string };
}
interface SearchResult {
  mode: string;
  notEmbedded: number;
  hits: Hit[];
}

async function store(c: GraphClient, key: string, content: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { storeMemory } = await c.requestOk<{ storeMemory: { id: string } }, unknown>(STORE, { input: { namespace: 'm', key, content, ...extra } });
  return storeMemory.id;
}

async function search(c: GraphClient, variables: Record<string, unknown>): Promise<SearchResult> {
  return (await c.requestOk<{ searchMemory: SearchResult }, unknown>(SEARCH, variables)).searchMemory;
}

async function statusOf(c: GraphClient, id: string): Promise<string | undefined> {
  const { memory } = await c.requestOk<{ memory: { embeddingStatus: string } | null }, unknown>('query ($id: ID!) { memory(id: $id) { embeddingStatus } }', {
    id,
  });
  return memory?.embeddingStatus;
}

async function untilReady(c: GraphClient, ids: readonly string[]): Promise<void> {
  await waitFor('the items to be embedded', async () => ((await Promise.all(ids.map((id) => statusOf(c, id)))).every((s) => s === 'READY') ? true : undefined));
}

/** The same contract over both vector indexes: `auto` (pgvector where the database has it) and `exact`. */
describe.each(['auto', 'exact'] as const)('semantic memory search (MEMORY_VECTOR_INDEX=%s)', (vectorIndex) => {
  let embeddings: FakeEmbeddings;
  let graph: TestGraph;
  const client = (tenant = newTenant()): Promise<GraphClient> => createClient(graph, { tenant, scopes: SCOPES });

  beforeAll(async () => {
    embeddings = await startFakeEmbeddings({ apiKey: KEY, dimensions: 64 });
    graph = await startGraph({
      subgraphs: ['memory', 'routing'],
      env: {
        LLM_PROVIDERS: JSON.stringify({ emb: { baseUrl: embeddings.url, apiKey: KEY } }),
        EMBEDDINGS_MODEL: 'emb/text-embedding-fake',
        EMBEDDINGS_DIMENSIONS: '64',
        EMBEDDINGS_POLL_INTERVAL_MS: '50',
        MEMORY_VECTOR_INDEX: vectorIndex,
        // One provider request per attempt, and no cooldown from the failures this file provokes.
        LLM_MAX_RETRIES: '0',
        ROUTER_ALLOWED_FAILS: '1000',
      },
    });
  });
  afterAll(async () => {
    await graph?.close();
    await embeddings?.close();
  });

  it('stores vectors in pgvector (with an HNSW index) where the database has it — always in embedded mode — else in real[]', async () => {
    const db = new pg.Client({ connectionString: graph.databaseUrl });
    await db.connect();
    try {
      const available = (await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`)).rowCount === 1;
      if (!process.env['DATABASE_URL']) expect(available).toBe(true);
      const { rows } = await db.query<{ type: string }>(
        `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'memory.item_vectors'::regclass AND attname = 'embedding'`,
      );
      const { rows: indexes } = await db.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE schemaname = 'memory' AND tablename = 'item_vectors'`,
      );
      if (vectorIndex === 'auto' && available) {
        expect(rows[0]?.type).toBe('vector(64)');
        expect(indexes.some((i) => /USING hnsw \(embedding vector_cosine_ops\)/.test(i.indexdef))).toBe(true);
      } else {
        expect(rows[0]?.type).toBe('real[]');
      }
    } finally {
      await db.end();
    }
  });

  it('finds a memory by meaning where the words differ, and explains each ranking', async () => {
    const c = await client();
    const ids = [
      await store(c, 'car', 'I parked my car near the office'),
      await store(c, 'milk', 'We bought milk and bread'),
      await store(c, 'doctor', 'The doctor said to rest for a week'),
    ];
    await untilReady(c, ids);

    const semantic = await search(c, { query: 'automobile', mode: 'SEMANTIC' });
    expect(semantic.mode).toBe('SEMANTIC');
    expect(semantic.notEmbedded).toBe(0);
    expect(semantic.hits[0]).toMatchObject({ item: { key: 'car' }, semanticRank: 1, lexicalRank: null });
    const [best, second] = semantic.hits;
    expect(best?.semanticSimilarity ?? 0).toBeGreaterThan(second?.semanticSimilarity ?? 1);
    expect(best?.score).toBe(best?.semanticSimilarity);

    // Words alone do not find it.
    expect((await search(c, { query: 'automobile', mode: 'LEXICAL' })).hits).toEqual([]);

    // Hybrid is the default with an embedder: fused by RRF (k = 60), with both rankings shown.
    const hybrid = await search(c, { query: 'parked' });
    expect(hybrid.mode).toBe('HYBRID');
    expect(hybrid.hits[0]).toMatchObject({ item: { key: 'car' }, lexicalRank: 1, semanticRank: 1 });
    expect(hybrid.hits[0]?.score).toBeCloseTo(2 / 61, 10);
    const semanticOnly = hybrid.hits.find((h) => h.lexicalRank === null);
    expect(semanticOnly?.score).toBeCloseTo(1 / (60 + (semanticOnly?.semanticRank ?? 0)), 10);

    // minScore drops weaker hits.
    const strong = await search(c, { query: 'automobile', mode: 'SEMANTIC', minScore: (best?.semanticSimilarity ?? 0) - 1e-9 });
    expect(strong.hits.map((h) => h.item.key)).toEqual(['car']);
  });

  it('embeds a changed content again, and a filter narrows every mode', async () => {
    const c = await client();
    const id = await store(c, 'note', 'We bought milk', { tags: ['shopping'] });
    await untilReady(c, [id, await store(c, 'other', 'My physician is kind', { tags: ['health'] })]);
    expect((await search(c, { query: 'doctor', mode: 'SEMANTIC', limit: 1 })).hits[0]?.item.key).toBe('other');

    await store(c, 'note', 'The doctor called about the results', { tags: ['shopping'] });
    await untilReady(c, [id]);
    const filtered = await search(c, { query: 'physician', mode: 'SEMANTIC', filter: { tags: { all: ['shopping'] } } });
    expect(filtered.hits.map((h) => h.item.key)).toEqual(['note']);
    const none = await search(c, { query: 'physician', filter: { not: { tags: { any: ['shopping', 'health'] } } } });
    expect(none.hits).toEqual([]);
  });

  it('keeps tenants apart in every mode, and sends the key only to its provider, recording each call as the tenant’s', async () => {
    const owner = await client();
    const id = await store(owner, 'secret', 'My car is parked on level three');
    await untilReady(owner, [id]);
    const other = await client();
    for (const mode of ['LEXICAL', 'SEMANTIC', 'HYBRID']) {
      expect((await search(other, { query: 'automobile parked', mode })).hits).toEqual([]);
    }
    expect(embeddings.requests.length).toBeGreaterThan(0);
    expect(embeddings.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    const { modelCalls } = await owner.requestOk<{ modelCalls: { edges: { node: { kind: string; inputTokens: number } }[] } }, unknown>(
      '{ modelCalls { edges { node { kind inputTokens } } } }',
    );
    expect(modelCalls.edges.length).toBeGreaterThan(0);
    expect(modelCalls.edges.every((e) => e.node.kind === 'EMBEDDING' && e.node.inputTokens > 0)).toBe(true);
  });

  it('says how many matching items are not embedded yet, retries a failed embedding, and fails a search whose query cannot be embedded', async () => {
    const c = await client();
    const before = embeddings.requests.length;
    embeddings.failNext(500, 1);
    const id = await store(c, 'waiting', 'A car that waits for its embedding');
    await waitFor('the failed attempt', async () => (embeddings.requests.length > before ? true : undefined));
    expect(await statusOf(c, id)).toBe('PENDING');
    const hybrid = await search(c, { query: 'car waits' });
    expect(hybrid.notEmbedded).toBe(1);
    expect(hybrid.hits.find((h) => h.item.key === 'waiting')).toMatchObject({ lexicalRank: 1, semanticRank: null });

    embeddings.failNext(500, 1);
    const refused = await c.request(SEARCH, { query: 'automobile' });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_FAILED');

    // The indexer tries again after its backoff.
    await untilReady(c, [id]);
    const after = await search(c, { query: 'automobile', mode: 'SEMANTIC' });
    expect(after.notEmbedded).toBe(0);
    expect(after.hits[0]?.item.key).toBe('waiting');
  });
});

describe('memory search without an embedder', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ subgraphs: ['memory'] });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('is lexical by default, matches a misspelt word by trigrams, and refuses SEMANTIC with BAD_USER_INPUT', async () => {
    const c = await createClient(graph, { tenant: newTenant(), scopes: SCOPES });
    const id = await store(c, 'trip', 'Booked the restaurant for Saturday evening');
    expect(await statusOf(c, id)).toBe('NONE');
    const misspelt = await search(c, { query: 'restaurnt' });
    expect(misspelt.mode).toBe('LEXICAL');
    expect(misspelt.hits.map((h) => h.item.key)).toEqual(['trip']);
    expect(misspelt.hits[0]?.lexicalRank).toBe(1);
    const refused = await c.request(SEARCH, { query: 'dinner', mode: 'SEMANTIC' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mode' });
  });
});
