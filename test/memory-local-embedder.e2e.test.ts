import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, waitFor, type GraphClient } from './kit/client.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createTinySentenceModel, type TinySentenceModel } from './kit/tiny-sentence-model.ts';

const SEARCH = `query ($query: String!, $mode: MemorySearchMode) {
  searchMemory(query: $query, mode: $mode) { mode notEmbedded hits { lexicalRank semanticRank semanticSimilarity item { key } } }
}`;

interface SearchResult {
  mode: string;
  notEmbedded: number;
  hits: { lexicalRank: number | null; semanticRank: number | null; semanticSimilarity: number | null; item: { key: string } }[];
}

/** Stores `contents` by key in namespace `m`; resolves once every one is embedded. */
async function storeEmbedded(c: GraphClient, contents: Readonly<Record<string, string>>): Promise<void> {
  const ids: string[] = [];
  for (const [key, content] of Object.entries(contents)) {
    const { storeMemory } = await c.requestOk<{ storeMemory: { id: string } }, unknown>(
      'mutation ($input: StoreMemoryInput!) { storeMemory(input: $input) { id } }',
      { input: { namespace: 'm', key, content } },
    );
    ids.push(storeMemory.id);
  }
  await waitFor('the items to be embedded', async () => {
    const statuses = await Promise.all(
      ids.map(
        async (id) =>
          (await c.requestOk<{ memory: { embeddingStatus: string } | null }, unknown>('query ($id: ID!) { memory(id: $id) { embeddingStatus } }', { id }))
            .memory?.embeddingStatus,
      ),
    );
    return statuses.every((s) => s === 'READY') ? true : undefined;
  });
}

async function search(c: GraphClient, query: string, mode?: string): Promise<SearchResult> {
  return (await c.requestOk<{ searchMemory: SearchResult }, unknown>(SEARCH, { query, mode })).searchMemory;
}

/** The same search contract as with `EMBEDDINGS_MODEL`, from a transformers.js model on disk (written here, never downloaded). */
describe('memory search with a local model (EMBEDDINGS_MODEL_DIR)', () => {
  let model: TinySentenceModel;
  let graph: TestGraph;

  beforeAll(async () => {
    model = await createTinySentenceModel();
    graph = await startGraph({ subgraphs: ['memory', 'routing'], env: { EMBEDDINGS_MODEL_DIR: model.dir, EMBEDDINGS_POLL_INTERVAL_MS: '50' } });
  });
  afterAll(async () => {
    await graph?.close();
    await model?.close();
  });

  it('finds a memory by meaning where the words differ, hybrid by default, and records no model call', async () => {
    const c = await createClient(graph, { tenant: newTenant(), scopes: ['memory:read', 'memory:write', 'routing:read'] });
    await storeEmbedded(c, { car: 'I parked my car near the office', milk: 'We bought milk and bread' });

    const semantic = await search(c, 'automobile', 'SEMANTIC');
    expect(semantic).toMatchObject({ mode: 'SEMANTIC', notEmbedded: 0 });
    expect(semantic.hits.map((h) => h.item.key)).toEqual(['car', 'milk']);
    expect(semantic.hits[0]).toMatchObject({ semanticRank: 1, lexicalRank: null });
    expect(semantic.hits[0]?.semanticSimilarity ?? 0).toBeGreaterThan((semantic.hits[1]?.semanticSimilarity ?? 1) + 0.3);

    // Words alone do not find it.
    expect((await search(c, 'automobile', 'LEXICAL')).hits).toEqual([]);

    const hybrid = await search(c, 'parked');
    expect(hybrid.mode).toBe('HYBRID');
    expect(hybrid.hits[0]).toMatchObject({ item: { key: 'car' }, lexicalRank: 1, semanticRank: 1 });

    // In-process embeddings cost nothing and are no one's model call.
    const { modelCalls } = await c.requestOk<{ modelCalls: { edges: unknown[] } }, unknown>('{ modelCalls { edges { node { id } } } }');
    expect(modelCalls.edges).toEqual([]);
  });
});
