import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayServer } from '../gateway/gateway-server.ts';
import { clientToken, createClient, newTenant, postGraphQL, type GraphClient } from './kit/client.ts';
import { startCountingProxy, type CountingProxy } from './kit/counting-proxy.ts';
import { createSession } from './kit/fixtures.ts';
import { startGraph, startSecondGateway, type TestGraph } from './kit/graph.ts';
import { gatewayWsClient } from './kit/ws-client.ts';

/** A session (session subgraph) and a memory (memory subgraph) in one query. */
const SESSION_AND_MEMORY = 'query ($s: ID!, $m: ID!) { session(id: $s) { id title } memory(id: $m) { id content } }';
/** Only the memory subgraph's root field. */
const MEMORY_ONLY = 'query ($m: ID!) { memory(id: $m) { id content } }';
/** A non-null field of the routing subgraph on the session: forbidden, it nulls the session. */
const SESSION_COST = 'query ($s: ID!) { session(id: $s) { id costUsd } }';
/** `changedBy` is `@authenticated`: the subjects who wrote a memory. */
const HISTORY = 'query ($m: ID!) { memoryHistory(id: $m) { version changedBy } }';

type Errors = readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;

function forbidden(errors: Errors): { path: unknown; requiredScopes: unknown; message: string }[] {
  return (errors ?? [])
    .filter((e) => e.extensions?.['code'] === 'FORBIDDEN')
    .map((e) => ({ path: e.path, requiredScopes: e.extensions?.['requiredScopes'], message: e.message }));
}

/**
 * Authorization in the schema: the subgraph SDL's `@requiresScopes` / `@authenticated`, composed into the supergraph,
 * enforced by the gateway before any subgraph is called (a forbidden field is null with a FORBIDDEN error naming its
 * scopes, the rest is served), on both execution paths (compiled: the test graph's gateway; Apollo's: a second one,
 * whose memory subgraph is behind a proxy counting its requests).
 */
describe('authorization in the schema', () => {
  const anonymousTenant = newTenant();
  let graph: TestGraph;
  let proxy: CountingProxy;
  let apolloPath: GatewayServer;
  let admin: GraphClient;
  let sessionId: string;
  let memoryId: string;

  beforeAll(async () => {
    const anonymousAccess = { AUTH_ALLOW_ANONYMOUS: 'true', AUTH_ANONYMOUS_TENANT: anonymousTenant, AUTH_ANONYMOUS_SCOPES: 'sessions:read memory:read' };
    graph = await startGraph({ env: anonymousAccess });
    proxy = await startCountingProxy(graph.subgraphUrls.memory);
    apolloPath = await startSecondGateway(graph, { ...anonymousAccess, GATEWAY_COMPILED_EXECUTION: 'false', RESPONSE_CACHE: 'false', MEMORY_URL: proxy.url });
    admin = await createClient(graph, { tenant: anonymousTenant, subject: 'alice' });
    sessionId = await createSession(admin, 'authorized');
    const stored = await admin.requestOk<{ storeMemory: { id: string } }, unknown>(
      'mutation ($s: ID!) { storeMemory(input: { namespace: "n", key: "k", content: "likes tea", sessionId: $s }) { id } }',
      { s: sessionId },
    );
    memoryId = stored.storeMemory.id;
  });
  afterAll(async () => {
    await apolloPath?.close();
    await proxy?.close();
    await graph?.close();
  });

  const gateways = () => [
    { name: 'compiled', url: graph.gatewayUrl },
    { name: "Apollo's", url: apolloPath.url },
  ];

  it('answers a forbidden field with null and a FORBIDDEN error naming its scope, and the other fields with data, on both paths', async () => {
    for (const gateway of gateways()) {
      const reader = await createClient(graph, { tenant: anonymousTenant, scopes: ['sessions:read'] }, gateway.url);
      const response = await reader.request<{ session: { id: string; title: string } | null; memory: unknown }, unknown>(SESSION_AND_MEMORY, {
        s: sessionId,
        m: memoryId,
      });
      expect(response.status, gateway.name).toBe(200);
      expect(response.data, gateway.name).toEqual({ session: { id: sessionId, title: 'authorized' }, memory: null });
      expect(forbidden(response.errors), gateway.name).toEqual([
        { path: ['memory'], requiredScopes: [['memory:read']], message: 'Field "memory" needs "memory:read"' },
      ]);
      expect(response.errors, gateway.name).toHaveLength(1);
    }
  });

  it('does not call the subgraph of a forbidden field', async () => {
    const before = proxy.requests;
    const reader = await createClient(graph, { tenant: anonymousTenant, scopes: ['sessions:read'] }, apolloPath.url);
    const refused = await reader.request(MEMORY_ONLY, { m: memoryId });
    expect(refused.data).toEqual({ memory: null });
    expect(forbidden(refused.errors)).toHaveLength(1);
    const mixed = await reader.request(SESSION_AND_MEMORY, { s: sessionId, m: memoryId });
    expect(forbidden(mixed.errors)).toHaveLength(1);
    expect(proxy.requests).toBe(before);
    // The same query with the scope does reach the memory subgraph (through the proxy).
    const scoped = await createClient(graph, { tenant: anonymousTenant, scopes: ['memory:read'] }, apolloPath.url);
    expect(await scoped.requestOk(MEMORY_ONLY, { m: memoryId })).toEqual({ memory: { id: memoryId, content: 'likes tea' } });
    expect(proxy.requests).toBeGreaterThan(before);
  });

  it('nulls the nearest nullable parent of a forbidden non-null field', async () => {
    for (const gateway of gateways()) {
      const reader = await createClient(graph, { tenant: anonymousTenant, scopes: ['sessions:read'] }, gateway.url);
      const response = await reader.request(SESSION_COST, { s: sessionId });
      expect(response.data, gateway.name).toEqual({ session: null });
      expect(forbidden(response.errors), gateway.name).toEqual([
        { path: ['session', 'costUsd'], requiredScopes: [['routing:read']], message: 'Field "session.costUsd" needs "routing:read"' },
      ]);
    }
  });

  it('serves everything to admin and to a caller holding every scope asked for', async () => {
    for (const gateway of gateways()) {
      const everyScope = await createClient(graph, { tenant: anonymousTenant, scopes: ['sessions:read', 'memory:read', 'routing:read'] }, gateway.url);
      for (const client of [await createClient(graph, { tenant: anonymousTenant }, gateway.url), everyScope]) {
        expect(await client.requestOk(SESSION_AND_MEMORY, { s: sessionId, m: memoryId }), gateway.name).toEqual({
          session: { id: sessionId, title: 'authorized' },
          memory: { id: memoryId, content: 'likes tea' },
        });
        expect(await client.requestOk(SESSION_COST, { s: sessionId }), gateway.name).toEqual({ session: { id: sessionId, costUsd: 0 } });
      }
    }
  });

  it('refuses @authenticated fields to the anonymous principal whatever its scopes, and serves them to a token holder', async () => {
    for (const gateway of gateways()) {
      const anonymous = await postGraphQL<{ memoryHistory: { version: number; changedBy: string | null }[] }>(gateway.url, {
        query: HISTORY,
        variables: { m: memoryId },
      });
      expect(anonymous.data, gateway.name).toEqual({ memoryHistory: [{ version: 1, changedBy: null }] });
      expect(forbidden(anonymous.errors), gateway.name).toEqual([
        { path: ['memoryHistory', 'changedBy'], requiredScopes: [], message: 'Field "memoryHistory.changedBy" needs an authenticated caller' },
      ]);
      const user = await createClient(graph, { tenant: anonymousTenant, scopes: ['memory:read'] }, gateway.url);
      expect(await user.requestOk(HISTORY, { m: memoryId }), gateway.name).toEqual({ memoryHistory: [{ version: 1, changedBy: 'alice' }] });
    }
  });

  it('refuses a forbidden mutation without running it', async () => {
    const anonymous = await postGraphQL(graph.gatewayUrl, { query: 'mutation { startSession(input: { title: "anonymous" }) { id } }' });
    expect(anonymous.data).toBeNull();
    expect(forbidden(anonymous.errors)).toEqual([
      {
        path: ['startSession'],
        requiredScopes: [['sessions:write']],
        message: 'Field "startSession" needs an authenticated caller, and "sessions:write"',
      },
    ]);
    const sessions = await admin.requestOk<{ sessions: { edges: { node: { title: string } }[] } }, unknown>(
      '{ sessions(first: 50) { edges { node { title } } } }',
    );
    expect(sessions.sessions.edges.map((e) => e.node.title)).not.toContain('anonymous');
  });

  it('never shares a plan or a cached answer across scope sets, nor between anonymous and authenticated callers', async () => {
    const reader = await createClient(graph, { tenant: anonymousTenant, scopes: ['sessions:read'] });
    const headOf = async (client: GraphClient, query: string, variables: unknown) => {
      const response = await fetch(graph.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { xCache: response.headers.get('x-cache'), body: (await response.json()) as { data: unknown; errors?: Errors } };
    };
    const variables = { s: sessionId, m: memoryId };
    // admin's answer is cached (and its plan kept); the reader's, of the same document, is neither of them.
    await headOf(admin, SESSION_AND_MEMORY, variables);
    expect((await headOf(admin, SESSION_AND_MEMORY, variables)).xCache).toBe('HIT');
    const restricted = await headOf(reader, SESSION_AND_MEMORY, variables);
    expect(restricted.body.data).toEqual({ session: { id: sessionId, title: 'authorized' }, memory: null });
    expect(forbidden(restricted.body.errors)).toHaveLength(1);
    const again = await headOf(admin, SESSION_AND_MEMORY, variables);
    expect(again.body).toEqual({
      data: { session: { id: sessionId, title: 'authorized' }, memory: { id: memoryId, content: 'likes tea' } },
      extensions: { cost: { estimated: 2 } },
    });
    // A token holder with the anonymous principal's tenant and scopes: its cached answer has `changedBy`, the anonymous caller's must not.
    const user = await createClient(graph, { tenant: anonymousTenant, scopes: ['sessions:read', 'memory:read'] });
    await headOf(user, HISTORY, { m: memoryId });
    expect((await headOf(user, HISTORY, { m: memoryId })).xCache).toBe('HIT');
    const anonymous = await postGraphQL<{ memoryHistory: { changedBy: string | null }[] }>(graph.gatewayUrl, { query: HISTORY, variables: { m: memoryId } });
    expect(anonymous.data).toEqual({ memoryHistory: [{ version: 1, changedBy: null }] });
  });

  it('refuses a subscription whose root field needs a scope the caller lacks, naming it', async () => {
    const token = await clientToken(graph, { tenant: anonymousTenant, scopes: ['workflows:read'] });
    const client = gatewayWsClient(graph.gatewayUrl, { authorization: `Bearer ${token}` });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: 'subscription { workflowEvents { cursor } }' },
          { next: (result) => resolve(result.errors), error: (error) => resolve(error), complete: () => resolve(undefined) },
        );
      });
      expect(errors).toEqual([
        expect.objectContaining({
          message: 'Field "workflowEvents" needs "workflows:subscribe"',
          extensions: expect.objectContaining({ code: 'FORBIDDEN', requiredScopes: [['workflows:subscribe']] }),
        }),
      ]);
    } finally {
      await client.dispose();
    }
  });
});
