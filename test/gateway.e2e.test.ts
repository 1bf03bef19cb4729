import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, newTenant, postGraphQL, waitFor } from './kit/client.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

describe('gateway endpoints and limits', () => {
  let graph: TestGraph;
  let authorization: string;
  beforeAll(async () => {
    graph = await startGraph({ subgraphs: ['session'], env: { MAX_REQUEST_BYTES: '20000', MAX_QUERY_DEPTH: '4' } });
    authorization = `Bearer ${await clientToken(graph, { tenant: newTenant() })}`;
  });
  afterAll(async () => {
    await graph.close();
  });

  it('answers /healthz, and /readyz reports each subgraph (503 while some are down)', async () => {
    const base = new URL(graph.gatewayUrl);
    const health = await fetch(new URL('/healthz', base));
    expect(health.status).toBe(200);
    const ready = await fetch(new URL('/readyz', base));
    const report = (await ready.json()) as { ready: boolean; subgraphs: Record<string, string> };
    expect(ready.status).toBe(503);
    expect(report.subgraphs).toMatchObject({ session: 'ok', memory: 'unavailable', routing: 'unavailable', orchestration: 'unavailable' });
  });

  it('serves Prometheus metrics', async () => {
    await postGraphQL(graph.gatewayUrl, { query: '{ sessions { edges { cursor } } }' }, { authorization });
    const metrics = await (await fetch(new URL('/metrics', graph.gatewayUrl))).text();
    expect(metrics).toMatch(/orchestra_gateway_operations_total\{type="query",outcome="ok"\} [1-9]/);
  });

  it('refuses a body over MAX_REQUEST_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
    const query = `{ sessions { edges { cursor } } } # ${'x'.repeat(30_000)}`;
    const response = await postGraphQL(graph.gatewayUrl, { query }, { authorization });
    expect(response.status).toBe(413);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses an operation deeper than MAX_QUERY_DEPTH with 400 MAX_DEPTH_LIMIT', async () => {
    const query = '{ sessions { edges { node { transcript { translations { id } } } } } }';
    const response = await postGraphQL(graph.gatewayUrl, { query }, { authorization });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'MAX_DEPTH_LIMIT', limit: { name: 'depth', max: 4 } });
    expect(response.errors?.[0]?.message).toMatch(/depth limit of 4/i);
  });

  it('refuses a subscription sent as a plain HTTP request with 400 SUBSCRIPTION_TRANSPORT_REQUIRED, naming the transports', async () => {
    const response = await postGraphQL(graph.gatewayUrl, { query: 'subscription { workflowEvents { cursor } }' }, { authorization });
    expect(response.status).toBe(400);
    expect(response.errors).toEqual([{ message: expect.stringMatching(/WebSocket .*SSE/), extensions: { code: 'SUBSCRIPTION_TRANSPORT_REQUIRED' } }]);
  });

  it('reports a failed subgraph fetch without a stack trace', async () => {
    const response = await postGraphQL(graph.gatewayUrl, { query: '{ models { id } }' }, { authorization });
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});

describe('a hot reload of the supergraph', () => {
  it('is never answered from the old schema: documents and query plans cached before it are dropped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orchestra-supergraph-'));
    const path = join(dir, 'supergraph.graphql');
    await copyFile('schema/supergraph.graphql', path);
    const sdl = await readFile(path, 'utf8');
    const titleField = '  title: String @join__field(graph: SESSION)\n';
    expect(sdl).toContain(titleField);
    await using graph = await startGraph({ subgraphs: ['session'], env: { SUPERGRAPH_PATH: path, SUPERGRAPH_POLL_INTERVAL_MS: '100' } });
    try {
      const authorization = `Bearer ${await clientToken(graph, { tenant: newTenant() })}`;
      await postGraphQL(graph.gatewayUrl, { query: 'mutation { startSession(input: { title: "before" }) { id } }' }, { authorization });
      const withTitle = { query: '{ sessions { edges { node { id title } } } }' };
      const titles = async () => await postGraphQL<{ sessions: { edges: { node: { title: string } }[] } }>(graph.gatewayUrl, withTitle, { authorization });
      // Planned and cached under the first schema (twice: the second answer comes from the caches).
      for (let i = 0; i < 2; i++) expect((await titles()).data?.sessions.edges.map((e) => e.node.title)).toEqual(['before']);

      await writeFile(path, sdl.replace(titleField, ''));
      const refused = await waitFor('the reload without Session.title', async () => {
        const answer = await titles();
        return answer.errors ? answer : undefined;
      });
      expect(refused.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(refused.errors?.[0]?.message).toContain('title');

      await writeFile(path, sdl);
      const restored = await waitFor('the reload with Session.title', async () => ((await titles()).data ? await titles() : undefined));
      expect(restored.data?.sessions.edges.map((e) => e.node.title)).toEqual(['before']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
