import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['memory'] });
});
afterAll(async () => {
  await graph?.close();
});

const client = (tenant = newTenant()): Promise<GraphClient> => createClient(graph, { tenant, scopes: ['memory:read', 'memory:write'] });
const RUN = '7f000000-0000-4000-8000-0000000000aa';

const LIST = `query ($filter: MemoryFilter, $first: Int, $after: String) {
  memories(filter: $filter, first: $first, after: $after) { edges { cursor node { key } } pageInfo { hasNextPage endCursor } }
}`;
interface Page {
  edges: { cursor: string; node: { key: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function seed(c: GraphClient): Promise<void> {
  const items = [
    { key: 'a1', content: 'one', userId: 'u1', tags: ['car', 'work'], metadata: { priority: 5, team: 'blue' }, runId: RUN },
    { key: 'a2', content: 'two', userId: 'u1', tags: ['home'], metadata: { priority: 1, team: 'red' } },
    { key: 'b1', content: 'three', userId: 'u2', tags: ['car'], metadata: { priority: 3, labels: ['x', 'y'] } },
    { key: 'b2', content: 'four', userId: 'u2', metadata: { team: 'blue' } },
  ];
  for (const item of items) {
    await c.requestOk('mutation ($input: StoreMemoryInput!) { storeMemory(input: $input) { id } }', { input: { namespace: 'f', ...item } });
  }
}

async function keys(c: GraphClient, filter: unknown): Promise<string[]> {
  const { memories } = await c.requestOk<{ memories: Page }, unknown>(LIST, { filter, first: 50 });
  return memories.edges.map((e) => e.node.key).sort();
}

describe('memory filters', () => {
  it('selects by scopes, tags, metadata and nesting, in lists', async () => {
    const c = await client();
    await seed(c);
    expect(await keys(c, { userId: 'u1' })).toEqual(['a1', 'a2']);
    expect(await keys(c, { runId: RUN })).toEqual(['a1']);
    expect(await keys(c, { tags: { any: ['car'] } })).toEqual(['a1', 'b1']);
    expect(await keys(c, { tags: { all: ['car', 'work'] } })).toEqual(['a1']);
    expect(await keys(c, { metadata: [{ path: ['priority'], gte: 3 }] })).toEqual(['a1', 'b1']);
    expect(await keys(c, { metadata: [{ path: ['team'], eq: 'blue' }] })).toEqual(['a1', 'b2']);
    expect(await keys(c, { metadata: [{ path: ['labels'], contains: 'y' }] })).toEqual(['b1']);
    expect(await keys(c, { metadata: [{ path: ['team'], exists: false }] })).toEqual(['b1']);
    expect(await keys(c, { or: [{ userId: 'u2', tags: { any: ['car'] } }, { metadata: [{ path: ['team'], eq: 'red' }] }] })).toEqual(['a2', 'b1']);
    expect(await keys(c, { not: { userId: 'u1' }, keyPrefix: 'b' })).toEqual(['b1', 'b2']);
    expect(await keys(c, { agentId: 'not-a-uuid' })).toEqual([]);
    // Another tenant's list is empty under any filter.
    expect(await keys(await client(), { userId: 'u1' })).toEqual([]);
  });

  it('pages a list newest first with opaque cursors', async () => {
    const c = await client();
    await seed(c);
    const first = (await c.requestOk<{ memories: Page }, unknown>(LIST, { first: 3 })).memories;
    expect(first.edges.map((e) => e.node.key)).toEqual(['b2', 'b1', 'a2']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await c.requestOk<{ memories: Page }, unknown>(LIST, { first: 3, after: first.pageInfo.endCursor })).memories;
    expect(second.edges.map((e) => e.node.key)).toEqual(['a1']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const bad = await c.request(LIST, { after: 'bm9wZQ' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('names the offending part of a bad filter, and deletes by filter, never with an empty one', async () => {
    const c = await client();
    await seed(c);
    const bad = await c.request(LIST, { filter: { or: [{ userId: 'u1' }, { metadata: [{ path: ['p'], gt: true }] }] } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.or[1].metadata[0].gt' });
    const deep = { not: { not: { not: { not: { not: { not: { userId: 'u1' } } } } } } };
    expect((await c.request(LIST, { filter: deep })).errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

    const empty = await c.request('mutation { deleteMemories(filter: {}) }');
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter' });
    expect(await keys(c, null)).toEqual(['a1', 'a2', 'b1', 'b2']);

    const other = await client();
    await seed(other);
    const { deleteMemories } = await c.requestOk<{ deleteMemories: number }, unknown>('mutation { deleteMemories(filter: { userId: "u2" }) }');
    expect(deleteMemories).toBe(2);
    expect(await keys(c, null)).toEqual(['a1', 'a2']);
    expect(await keys(other, null)).toEqual(['a1', 'a2', 'b1', 'b2']);
  });
});
