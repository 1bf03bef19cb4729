import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustedDocumentsKey } from '../gateway/trusted-documents.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import { GetSessionDocument, ListSessionsDocument, StartSessionDocument } from './generated/graphql.ts';
import { clientToken, createClient, documentIdOf, newTenant, persistedTextOf, postGraphQL, type GraphResponse } from './kit/client.ts';
import { readEventStream, type ServerSentEvent } from './kit/event-stream.ts';
import { createWorkflow, startRun, waitForRun } from './kit/runs.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { gatewayWsClient } from './kit/ws-client.ts';

/**
 * Trusted documents (`documentId`) and APQ through the gateway, with `TRUSTED_DOCUMENTS=allow` and `enforce` over the
 * client preset's persisted-document manifest (test/generated/persisted-documents.json, `npm run codegen`), over HTTP and WebSocket.
 */
const MANIFEST = 'test/generated/persisted-documents.json';
const redisUrl = process.env['REDIS_URL'];
const scopes = ['sessions:read', 'sessions:write'];
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const codeOf = (response: GraphResponse<unknown>): unknown => response.errors?.[0]?.extensions?.['code'];

async function post(graph: TestGraph, body: Record<string, unknown>): Promise<GraphResponse<unknown>> {
  const token = await clientToken(graph, { tenant: newTenant(), scopes });
  return postGraphQL(graph.gatewayUrl, body, { authorization: `Bearer ${token}` });
}

describe.each(['allow', 'enforce'] as const)('TRUSTED_DOCUMENTS=%s', (mode) => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ subgraphs: ['session'], env: { TRUSTED_DOCUMENTS: mode, TRUSTED_DOCUMENTS_PATH: MANIFEST } });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('runs codegen documents sent by documentId, with or without the sha256: prefix', async () => {
    const c = await createClient(graph, { tenant: newTenant(), scopes }, graph.gatewayUrl, { documentIds: true });
    const { startSession } = await c.requestOk(StartSessionDocument, { input: { title: 'by id' } });
    const { session } = await c.requestOk(GetSessionDocument, { id: startSession.id });
    expect(session?.title).toBe('by id');
    const bare = await post(graph, { documentId: documentIdOf(ListSessionsDocument).slice('sha256:'.length), variables: {} });
    expect(bare.errors).toBeUndefined();
    expect(bare.data).toEqual({ sessions: expect.objectContaining({ edges: [] }) });
  });

  async function sessionById(title: string): Promise<{ id: string; token: string }> {
    const c = await createClient(graph, { tenant: newTenant(), scopes }, graph.gatewayUrl, { documentIds: true });
    const { startSession } = await c.requestOk(StartSessionDocument, { input: { title } });
    return { id: startSession.id, token: c.token };
  }

  // Embedded mode caches responses only with every subgraph in the gateway's process; this graph runs the session one.
  it.skipIf(!redisUrl)('answers a repeated documentId request from the response cache (x-cache HIT)', async () => {
    const { id, token } = await sessionById('cached by id');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ documentId: documentIdOf(GetSessionDocument), variables: { id } });
    const miss = await fetch(graph.gatewayUrl, { method: 'POST', headers, body });
    const missBody = await miss.text();
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(JSON.parse(missBody)).toEqual({
      data: { session: expect.objectContaining({ id, title: 'cached by id' }) },
      extensions: { cost: { estimated: expect.any(Number) } },
    });
    const hit = await fetch(graph.gatewayUrl, { method: 'POST', headers, body });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(await hit.text()).toBe(missBody);
  });

  it('serves GET with a documentId', async () => {
    const { id, token } = await sessionById('got by id');
    const url = new URL(graph.gatewayUrl);
    url.searchParams.set('documentId', documentIdOf(GetSessionDocument));
    url.searchParams.set('variables', JSON.stringify({ id }));
    const get = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({
      data: { session: expect.objectContaining({ id, title: 'got by id' }) },
      extensions: { cost: { estimated: expect.any(Number) } },
    });
  });

  it('refuses an unknown documentId and a malformed one', async () => {
    expect(codeOf(await post(graph, { documentId: `sha256:${sha256('nope')}` }))).toBe('TRUSTED_DOCUMENT_NOT_FOUND');
    expect(codeOf(await post(graph, { documentId: 'not-a-hash' }))).toBe('BAD_USER_INPUT');
  });

  it(mode === 'enforce' ? 'refuses a document outside the manifest, runs one of it' : 'runs any document', async () => {
    const raw = await post(graph, { query: '{ sessions { edges { node { id } } } }' });
    if (mode === 'enforce') {
      expect(raw.status).toBe(403);
      expect(codeOf(raw)).toBe('TRUSTED_DOCUMENT_REQUIRED');
    } else {
      expect(raw.data).toEqual({ sessions: { edges: [] } });
    }
    const manifestText = await post(graph, { query: persistedTextOf(ListSessionsDocument), variables: {} });
    expect(manifestText.errors).toBeUndefined();
  });

  it('APQ: an unknown hash, then its registration, then the hash alone', async () => {
    const query = `{ sessions(first: 1) { edges { node { id } } } } # ${randomUUID()}`;
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    expect(codeOf(await post(graph, { extensions: { persistedQuery } }))).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registration = await post(graph, { query, extensions: { persistedQuery } });
    if (mode === 'enforce') {
      expect(codeOf(registration)).toBe('TRUSTED_DOCUMENT_REQUIRED');
      expect(codeOf(await post(graph, { extensions: { persistedQuery } }))).toBe('PERSISTED_QUERY_NOT_FOUND');
    } else {
      expect(registration.data).toEqual({ sessions: { edges: [] } });
      expect((await post(graph, { extensions: { persistedQuery } })).data).toEqual({ sessions: { edges: [] } });
    }
    // A manifest document is known by its hash in every mode.
    const listText = persistedTextOf(ListSessionsDocument);
    const byHash = await post(graph, { variables: {}, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(listText) } } });
    expect(byHash.errors).toBeUndefined();
  });

  it('APQ: refuses a registration whose hash is not the SHA-256 of its query', async () => {
    const response = await post(graph, {
      query: '{ sessions { edges { node { id } } } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('other') } },
    });
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it.skipIf(!redisUrl)('picks up a manifest published to Redis without a restart', async () => {
    const query = `query Published { sessions(first: 2) { edges { node { id } } } } # ${randomUUID()}`;
    const hash = sha256(query);
    expect(codeOf(await post(graph, { documentId: `sha256:${hash}` }))).toBe('TRUSTED_DOCUMENT_NOT_FOUND');
    const redis = await createRedisClient({ url: redisUrl ?? '', connectionName: 'trusted-documents-test' });
    try {
      await redis.hset(trustedDocumentsKey(graph.config.redis.keyPrefix), hash, query);
      expect((await post(graph, { documentId: `sha256:${hash}` })).data).toEqual({ sessions: { edges: [] } });
      // Enforce: the published text itself is now trusted too.
      expect((await post(graph, { query })).data).toEqual({ sessions: { edges: [] } });
    } finally {
      await redis.hdel(trustedDocumentsKey(graph.config.redis.keyPrefix), hash);
      await redis.quit();
    }
  });
});

describe('TRUSTED_DOCUMENTS=enforce over WebSocket and SSE', () => {
  const RUN_EVENTS = 'subscription TrustedEvents($runId: ID!, $after: String) { workflowRunEvents(runId: $runId, after: $after) { cursor type } }';
  let graph: TestGraph;
  let directory: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'trusted-documents-'));
    const extra = join(directory, 'subscriptions.json');
    await writeFile(extra, JSON.stringify({ [sha256(RUN_EVENTS)]: RUN_EVENTS }));
    graph = await startGraph({ env: { TRUSTED_DOCUMENTS: 'enforce', TRUSTED_DOCUMENTS_PATH: `${MANIFEST},${extra}` } });
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await graph?.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function subscribeOnce(payload: Record<string, unknown>): Promise<unknown> {
    const token = await clientToken(graph, { tenant: newTenant(), scopes: ['admin'] });
    const client = gatewayWsClient(graph.gatewayUrl, { authorization: `Bearer ${token}` });
    clients.push(client);
    return new Promise((resolve) => {
      client.subscribe(payload as { query: string }, {
        next: () => undefined,
        error: (error) => resolve((error as readonly { extensions?: Record<string, unknown> }[])[0]?.extensions?.['code']),
        complete: () => resolve('complete'),
      });
    });
  }

  it('refuses a raw subscription, resolves one by documentId or APQ hash, refuses an unknown id', async () => {
    const variables = { runId: randomUUID() };
    // Not the manifest's text (identical text would be trusted): refused before it runs.
    expect(await subscribeOnce({ query: `${RUN_EVENTS} # raw`, variables })).toBe('TRUSTED_DOCUMENT_REQUIRED');
    // Past the trusted-documents check, an unknown run is refused by the delivery (NOT_FOUND).
    expect(await subscribeOnce({ query: '', documentId: `sha256:${sha256(RUN_EVENTS)}`, variables })).toBe('NOT_FOUND');
    expect(await subscribeOnce({ query: '', variables, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(RUN_EVENTS) } } })).toBe('NOT_FOUND');
    expect(await subscribeOnce({ query: '', documentId: `sha256:${sha256('x')}`, variables })).toBe('TRUSTED_DOCUMENT_NOT_FOUND');
  });

  it('serves an SSE subscription sent by documentId: the run’s events, then complete', async () => {
    const api = await createClient(graph, { tenant: newTenant(), scopes: ['admin'] }, graph.gatewayUrl, { documentIds: true });
    const workflowId = await createWorkflow(api, [{ id: 'a', kind: 'transform', config: { expression: '1' } }]);
    const runId = await startRun(api, { workflowId });
    await waitForRun(api, runId);
    const events: ServerSentEvent[] = [];
    for await (const event of readEventStream(
      graph.gatewayUrl,
      { documentId: `sha256:${sha256(RUN_EVENTS)}`, variables: { runId, after: '0' } },
      { authorization: `Bearer ${api.token}` },
    ))
      events.push(event);
    const nexts = events
      .filter((e) => e.event === 'next')
      .map((e) => (e.data as { data: { workflowRunEvents: { type: string } } }).data.workflowRunEvents.type);
    expect(nexts.at(0)).toBe('RUN_STARTED');
    expect(nexts.at(-1)).toBe('RUN_COMPLETED');
    expect(events.at(-1)?.event).toBe('complete');
    const refused = readEventStream(graph.gatewayUrl, { query: `${RUN_EVENTS} # raw`, variables: { runId } }, { authorization: `Bearer ${api.token}` });
    await expect(refused.next()).rejects.toThrow(/403.*TRUSTED_DOCUMENT_REQUIRED/);
  });
});
