import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_AUDIENCE, INTERNAL_ISSUER, signToken } from '../platform/auth/tokens.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, postGraphQL, type GraphClient } from './kit/client.ts';
import { countStatements } from './kit/statement-counter.ts';
import { MemoryOfSessionDocument, MemoryOfSessionsDocument, MemoryStartSessionDocument, MemoryStoreDocument } from './generated/graphql.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['memory', 'session'] });
});
afterAll(async () => {
  await graph?.close();
});

const allScopes = ['memory:read', 'memory:write', 'sessions:read', 'sessions:write'];

/** Starts a session and stores `keys` (in order, so the last is the newest) attached to it. */
async function sessionWithMemories(c: GraphClient, keys: readonly string[], namespace = 'notes'): Promise<string> {
  const { startSession } = await c.requestOk(MemoryStartSessionDocument, { input: { title: 'with memories' } });
  for (const key of keys) {
    await c.requestOk(MemoryStoreDocument, { input: { namespace, key, content: `memory ${key}`, sessionId: startSession.id } });
  }
  return startSession.id;
}

/** Posts `query` straight to the memory subgraph as the gateway would, with an internal token for `tenantId`. */
async function askMemorySubgraph<TData>(tenantId: string, scopes: string[], query: string, variables: unknown) {
  const token = await signToken(
    { tenantId, subject: 'gateway', scopes },
    { secret: graph.config.auth.internalTokenSecret, ttlSeconds: 60, audience: INTERNAL_AUDIENCE, issuer: INTERNAL_ISSUER },
  );
  return postGraphQL<TData>(graph.subgraphUrls.memory, { query, variables }, { authorization: `Bearer ${token}` });
}

/** Statements that list memories of parents (the `row_number()` window query of MemoryReader.listByParents). */
const isParentListing = (sql: string): boolean => sql.includes('memory.memory_items') && sql.includes('row_number()');

describe('Session.memories', () => {
  it('lists the newest live memories of a session, filtered by namespace and limited by first', async () => {
    const c = await createClient(graph, { tenant: newTenant(), scopes: allScopes });
    const id = await sessionWithMemories(c, ['a1', 'a2', 'a3']);
    await c.requestOk(MemoryStoreDocument, { input: { namespace: 'other', key: 'o1', content: 'x', sessionId: id } });
    await c.requestOk(MemoryStoreDocument, { input: { namespace: 'notes', key: 'loose', content: 'no session' } });

    const all = await c.requestOk(MemoryOfSessionDocument, { id });
    expect(all.session?.memories.map((m) => m.key)).toEqual(['o1', 'a3', 'a2', 'a1']);
    const some = await c.requestOk(MemoryOfSessionDocument, { id, namespace: 'notes', first: 2 });
    expect(some.session?.memories.map((m) => m.key)).toEqual(['a3', 'a2']);
    const { errors } = await c.request(MemoryOfSessionDocument, { id, first: 201 });
    expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('loads the memories of every session of a page with one SQL statement', async () => {
    const c = await createClient(graph, { tenant: newTenant(), scopes: allScopes });
    const first = await sessionWithMemories(c, ['f1', 'f2', 'f3']);
    const second = await sessionWithMemories(c, ['s1']);
    const empty = await sessionWithMemories(c, []);

    using counter = countStatements();
    const { sessions } = await c.requestOk(MemoryOfSessionsDocument, { first: 10, perSession: 2 });
    const listings = counter.statements.filter(isParentListing);
    expect(listings, listings.join('\n---\n')).toHaveLength(1);

    const byId = new Map(sessions.edges.map((edge) => [edge.node.id, edge.node.memories]));
    expect(byId.get(first)?.map((m) => m.key)).toEqual(['f3', 'f2']);
    expect(byId.get(second)?.map((m) => [m.key, m.session?.id])).toEqual([['s1', second]]);
    expect(byId.get(empty)).toEqual([]);
  });

  it("needs memory:read, and never lists another tenant's memories", async () => {
    const tenant = newTenant();
    const owner = await createClient(graph, { tenant, scopes: allScopes });
    const id = await sessionWithMemories(owner, ['mine']);
    const sessionsOnly = await createClient(graph, { tenant, scopes: ['sessions:read'] });
    const denied = await sessionsOnly.request(MemoryOfSessionDocument, { id });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const stranger = await createClient(graph, { tenant: newTenant(), scopes: allScopes });
    expect((await stranger.requestOk(MemoryOfSessionDocument, { id })).session).toBeNull();
  });
});

describe('MemoryItem as an entity', () => {
  it('resolves many references with one SQL statement, tenant-scoped', async () => {
    const tenant = newTenant();
    const c = await createClient(graph, { tenant, scopes: allScopes });
    const ids: string[] = [];
    for (const key of ['r1', 'r2', 'r3']) {
      ids.push((await c.requestOk(MemoryStoreDocument, { input: { namespace: 'refs', key, content: key } })).storeMemory.id);
    }
    const entities = (asTenant: string, scopes: string[]) =>
      askMemorySubgraph<{ _entities: ({ id: string; key: string } | null)[] }>(
        asTenant,
        scopes,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on MemoryItem { id key } } }',
        { r: [...ids, 'not-a-uuid'].map((id) => ({ __typename: 'MemoryItem', id })) },
      );

    using counter = countStatements();
    const response = await entities(tenant, ['memory:read']);
    expect(response.data?._entities).toEqual([{ id: ids[0], key: 'r1' }, { id: ids[1], key: 'r2' }, { id: ids[2], key: 'r3' }, null]);
    expect(counter.statements.filter((sql) => sql.includes('memory.memory_items'))).toHaveLength(1);

    const other = await entities(newTenant(), ['memory:read']);
    expect(other.data?._entities).toEqual([null, null, null, null]);
    const denied = await entities(tenant, ['sessions:read']);
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('Agent.memories', () => {
  it('lists the newest memories of many agents with one SQL statement', async () => {
    const tenant = newTenant();
    const c = await createClient(graph, { tenant, scopes: allScopes });
    const agents = ['7b0e0c4e-1111-4a1a-9a1a-000000000001', '7b0e0c4e-1111-4a1a-9a1a-000000000002', '7b0e0c4e-1111-4a1a-9a1a-000000000003'];
    for (const [agent, keys] of [
      [agents[0], ['x1', 'x2', 'x3']],
      [agents[1], ['y1']],
    ] as const) {
      for (const key of keys) await c.requestOk(MemoryStoreDocument, { input: { namespace: 'agent', key, content: key, agentId: agent } });
    }

    using counter = countStatements();
    const response = await askMemorySubgraph<{ _entities: { id: string; memories: { key: string; agent: { id: string } }[] }[] }>(
      tenant,
      ['memory:read'],
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Agent { id memories(first: 2) { key agent { id } } } } }',
      { r: agents.map((id) => ({ __typename: 'Agent', id })) },
    );
    expect(counter.statements.filter(isParentListing)).toHaveLength(1);
    expect(response.data?._entities.map((agent) => agent.memories.map((m) => m.key))).toEqual([['x3', 'x2'], ['y1'], []]);
    expect(response.data?._entities[1]?.memories[0]?.agent.id).toBe(agents[1]);
  });
});
