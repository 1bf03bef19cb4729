import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, newTenant, postGraphQL } from './kit/client.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { metricValue } from './kit/gateway-metrics.ts';

/**
 * A proxy in front of the session subgraph: it forwards each request at once and records it; the answer to a query
 * waits `delayMs` before it goes back (a mutation's at once). So a query's data is read when it arrives, and its
 * fetch stays in flight while the test's other requests reach the gateway.
 */
interface SlowProxy {
  readonly url: string;
  readonly forwarded: { authorization: string; body: string }[];
  target: string;
  close(): Promise<void>;
}

async function startSlowProxy(delayMs: number): Promise<SlowProxy> {
  const proxy: SlowProxy = { url: '', forwarded: [], target: '', close: async () => {} };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      proxy.forwarded.push({ authorization: req.headers.authorization ?? '', body });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const name of ['authorization', 'x-request-id']) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
      const wait = body.includes('"query":"mutation') ? 0 : delayMs;
      fetch(proxy.target, { method: req.method ?? 'POST', headers, body }).then(
        async (answer) => {
          const text = await answer.text();
          setTimeout(() => res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text), wait);
        },
        () => res.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const SESSIONS = '{ sessions(first: 50) { edges { node { id title } } } }';
const START = 'mutation ($title: String) { startSession(input: { title: $title }) { id } }';
type Sessions = { sessions: { edges: { node: { id: string; title: string } }[] } };

const deduplicatedCount = (graph: TestGraph, kind: string): Promise<number> => metricValue(graph.gatewayUrl, 'orchestra_gateway_deduplicated_total', { kind });

describe.each([
  { deduplicate: true, title: 'on (the default)' },
  { deduplicate: false, title: 'off' },
])('in-flight deduplication $title', ({ deduplicate }) => {
  let proxy: SlowProxy;
  let graph: TestGraph;
  beforeAll(async () => {
    proxy = await startSlowProxy(400);
    graph = await startGraph({
      subgraphs: ['session'],
      // The response cache would answer the repeated reads these tests make in flight.
      env: {
        SESSION_URL: proxy.url,
        GATEWAY_DEDUPLICATE_OPERATIONS: String(deduplicate),
        GATEWAY_DEDUPLICATE_FETCHES: String(deduplicate),
        RESPONSE_CACHE: 'false',
      },
    });
    proxy.target = `http://127.0.0.1:${graph.config.endpoints.ports.session}/graphql`;
  });
  afterAll(async () => {
    await graph?.close();
    await proxy?.close();
  });

  it('answers identical concurrent queries of one principal with one execution when on, each on its own when off', async () => {
    const authorization = `Bearer ${await clientToken(graph, { tenant: newTenant(), subject: 'ada' })}`;
    await postGraphQL(graph.gatewayUrl, { query: START, variables: { title: 'mine' } }, { authorization });
    proxy.forwarded.length = 0;
    const before = await deduplicatedCount(graph, 'operation');
    const answers = await Promise.all(Array.from({ length: 5 }, () => postGraphQL<Sessions>(graph.gatewayUrl, { query: SESSIONS }, { authorization })));
    for (const answer of answers) expect(answer.data?.sessions.edges.map((e) => e.node.title)).toEqual(['mine']);
    expect(proxy.forwarded).toHaveLength(deduplicate ? 1 : 5);
    expect((await deduplicatedCount(graph, 'operation')) - before).toBe(deduplicate ? 4 : 0);
  });

  it('never shares between two tenants sending the same document at once', async () => {
    const tokens = await Promise.all(['a', 'b'].map(async (name) => `Bearer ${await clientToken(graph, { tenant: newTenant(), subject: name })}`));
    for (const [i, authorization] of tokens.entries())
      await postGraphQL(graph.gatewayUrl, { query: START, variables: { title: `tenant-${i}` } }, { authorization });
    proxy.forwarded.length = 0;
    const answers = await Promise.all(
      tokens.flatMap((authorization) => [1, 2].map(() => postGraphQL<Sessions>(graph.gatewayUrl, { query: SESSIONS }, { authorization }))),
    );
    expect(answers.map((a) => a.data?.sessions.edges.map((e) => e.node.title))).toEqual([['tenant-0'], ['tenant-0'], ['tenant-1'], ['tenant-1']]);
    // One fetch per tenant when on (each with its own principal's token), one per request when off.
    expect(proxy.forwarded).toHaveLength(deduplicate ? 2 : 4);
    expect(new Set(proxy.forwarded.map((f) => f.authorization)).size).toBe(2);
  });

  it('executes every mutation, and a query sent after a write does not join a read from before it', async () => {
    const authorization = `Bearer ${await clientToken(graph, { tenant: newTenant(), subject: 'ada' })}`;
    const started = await Promise.all(
      [1, 2].map(() => postGraphQL<{ startSession: { id: string } }>(graph.gatewayUrl, { query: START, variables: { title: 'same' } }, { authorization })),
    );
    expect(new Set(started.map((s) => s.data?.startSession.id)).size).toBe(2);

    // The early read's data is read before the write and still on its way back when the write's answer is sent.
    const early = postGraphQL<Sessions>(graph.gatewayUrl, { query: SESSIONS }, { authorization });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await postGraphQL(graph.gatewayUrl, { query: START, variables: { title: 'later' } }, { authorization });
    const late = await postGraphQL<Sessions>(graph.gatewayUrl, { query: SESSIONS }, { authorization });
    expect((await early).data?.sessions.edges.map((e) => e.node.title)).toEqual(['same', 'same']);
    expect(late.data?.sessions.edges.map((e) => e.node.title)).toContain('later');
  });
});
