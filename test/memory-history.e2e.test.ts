import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['memory', 'session'] });
});
afterAll(async () => {
  await graph?.close();
});

const SCOPES = ['memory:read', 'memory:write', 'sessions:read', 'sessions:write'];
const client = (tenant = newTenant(), subject = 'alice'): Promise<GraphClient> => createClient(graph, { tenant, subject, scopes: SCOPES });

const STORE = `mutation ($input: StoreMemoryInput!) {
  storeMemory(input: $input) { id version userId runId tags embeddingStatus source { stepId run { id } segment { id } } }
}`;
const HISTORY = `query ($id: ID!) {
  memoryHistory(id: $id) { version event cause content metadata namespace key changedBy reason modelCall { id } at }
}`;

interface Stored {
  id: string;
  version: number;
  userId: string | null;
  runId: string | null;
  tags: string[];
  embeddingStatus: string;
  source: { stepId: string | null; run: { id: string } | null; segment: { id: string } | null } | null;
}
interface HistoryEntry {
  version: number;
  event: string;
  cause: string;
  content: string;
  metadata: unknown;
  namespace: string | null;
  key: string | null;
  changedBy: string | null;
  reason: string | null;
  modelCall: { id: string } | null;
  at: string;
}

async function store(c: GraphClient, input: Record<string, unknown>): Promise<Stored> {
  return (await c.requestOk<{ storeMemory: Stored }, unknown>(STORE, { input: { namespace: 'h', key: 'k', content: 'c', ...input } })).storeMemory;
}

async function historyOf(c: GraphClient, id: string): Promise<HistoryEntry[]> {
  return (await c.requestOk<{ memoryHistory: HistoryEntry[] }, unknown>(HISTORY, { id })).memoryHistory;
}

describe('memory history', () => {
  it('keeps every store and the delete, by whom, newest first, readable after the delete and only by its tenant', async () => {
    const tenant = newTenant();
    const alice = await client(tenant, 'alice');
    const bob = await client(tenant, 'bob');
    const first = await store(alice, { content: 'likes tea', metadata: { v: 1 } });
    await store(bob, { content: 'likes coffee', metadata: { v: 2 } });
    const { memory } = await alice.requestOk<{ memory: { history: HistoryEntry[] } }, unknown>(
      'query ($id: ID!) { memory(id: $id) { history(first: 1) { version event content changedBy } } }',
      { id: first.id },
    );
    expect(memory.history).toEqual([{ version: 2, event: 'UPDATED', content: 'likes coffee', changedBy: 'bob' }]);

    expect((await alice.requestOk<{ deleteMemory: boolean }, unknown>('mutation ($id: ID!) { deleteMemory(id: $id) }', { id: first.id })).deleteMemory).toBe(
      true,
    );
    expect((await alice.requestOk<{ memory: unknown }, unknown>('query ($id: ID!) { memory(id: $id) { id } }', { id: first.id })).memory).toBeNull();

    const history = await historyOf(alice, first.id);
    expect(
      history.map(({ version, event, cause, content, metadata, changedBy, namespace, key }) => ({
        version,
        event,
        cause,
        content,
        metadata,
        changedBy,
        namespace,
        key,
      })),
    ).toEqual([
      { version: 3, event: 'DELETED', cause: 'DIRECT_WRITE', content: 'likes coffee', metadata: { v: 2 }, changedBy: 'alice', namespace: 'h', key: 'k' },
      { version: 2, event: 'UPDATED', cause: 'DIRECT_WRITE', content: 'likes coffee', metadata: { v: 2 }, changedBy: 'bob', namespace: 'h', key: 'k' },
      { version: 1, event: 'CREATED', cause: 'DIRECT_WRITE', content: 'likes tea', metadata: { v: 1 }, changedBy: 'alice', namespace: 'h', key: 'k' },
    ]);
    expect(history.every((entry) => entry.reason === null && entry.modelCall === null && !Number.isNaN(Date.parse(entry.at)))).toBe(true);

    // Another tenant sees nothing of it; a bad id is an empty history, not an error.
    expect(await historyOf(await client(), first.id)).toEqual([]);
    expect(await historyOf(alice, 'not-a-uuid')).toEqual([]);
    await expect(alice.requestOk(`query { memoryHistory(id: "${first.id}", first: 0) { version } }`)).rejects.toThrow(/first/);
  });
});

describe('scopes, tags and source', () => {
  it('stores the user and run scopes and tags, and resolves the source segment through the session subgraph', async () => {
    const c = await client();
    const { startSession } = await c.requestOk<{ startSession: { id: string } }, unknown>('mutation { startSession(input: { title: "s" }) { id } }');
    const { appendTranscript } = await c.requestOk<{ appendTranscript: { id: string }[] }, unknown>(
      'mutation ($id: ID!) { appendTranscript(sessionId: $id, segments: [{ speaker: "u", text: "I parked near the office" }]) { id } }',
      { id: startSession.id },
    );
    const segmentId = appendTranscript[0]?.id ?? '';
    const runId = '7f000000-0000-4000-8000-000000000001';
    const stored = await store(c, {
      key: 'car',
      content: 'parked near the office',
      userId: 'user-42',
      runId,
      sessionId: startSession.id,
      tags: ['car', 'place', 'car'],
      source: { segmentId, runId, stepId: 'extract' },
    });
    expect(stored).toMatchObject({
      userId: 'user-42',
      runId,
      tags: ['car', 'place'],
      embeddingStatus: 'NONE',
      source: { stepId: 'extract', run: { id: runId }, segment: { id: segmentId } },
    });
    const { memory } = await c.requestOk<{ memory: { source: { segment: { text: string; sessionId: string } } } }, unknown>(
      'query ($id: ID!) { memory(id: $id) { source { segment { text sessionId } } } }',
      { id: stored.id },
    );
    expect(memory.source.segment).toEqual({ text: 'I parked near the office', sessionId: startSession.id });
    // A store without a source clears it, as every field of a store is replaced.
    expect((await store(c, { key: 'car', content: 'moved the car' })).source).toBeNull();
  });

  it('refuses a bad scope, tag or source naming the field, and writes nothing', async () => {
    const c = await client();
    for (const [input, field] of [
      [{ userId: '' }, 'input.userId'],
      [{ runId: 'nope' }, 'input.runId'],
      [{ tags: ['x'.repeat(101)] }, 'input.tags[0]'],
      [{ source: { segmentId: 'nope' } }, 'input.source.segmentId'],
    ] as const) {
      const response = await c.request(STORE, { input: { namespace: 'bad', key: 'k', content: 'c', ...input } });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const { memoryByKey } = await c.requestOk<{ memoryByKey: unknown }, unknown>('{ memoryByKey(namespace: "bad", key: "k") { id } }');
    expect(memoryByKey).toBeNull();
  });
});
