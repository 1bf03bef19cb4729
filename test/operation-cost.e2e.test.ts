import type { Client } from 'graphql-ws';
import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayServer } from '../gateway/gateway-server.ts';
import { eventStreamKey } from '../platform/events/event-stream.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import { clientToken, createClient, newTenant } from './kit/client.ts';
import { createWorkflow, startRun, waitForRun } from './kit/runs.ts';
import { startCountingProxy, type CountingProxy } from './kit/counting-proxy.ts';
import { startGraph, startSecondGateway, type TestGraph } from './kit/graph.ts';
import { limitRefusals } from './kit/gateway-metrics.ts';
import { gatewayWsClient } from './kit/ws-client.ts';

/**
 * Demand control over the real gateway (MAX_QUERY_COST=500 here), in both modes: an operation over the limit is
 * refused with COST_ESTIMATED_TOO_EXPENSIVE and `extensions.cost` before any subgraph is called (the second gateway
 * reaches the session and orchestration subgraphs through counting proxies), over HTTP, WebSocket and SSE; answers
 * carry `extensions.cost.estimated`, a cached answer too. Costs by hand: the supergraph's `@listSize` (sessions and
 * Session.runs sliced by `first`, connections sizing `edges`), objects 1, scalars 0, other lists 10.
 */
const MAX = 500;
const redisUrl = process.env['REDIS_URL'];

/** sessions 1 + edges 100 × (edge 1 + node 1 + runs 100 × 1) = 10201. */
const EXPENSIVE = '{ sessions(first: 100) { edges { node { runs(first: 100) { id } } } } }';
/** sessions 1 + edges 3 × (edge 1 + node 1) + pageInfo 1 = 8. */
const CHEAP = '{ sessions(first: 3) { edges { node { id title } } pageInfo { hasNextPage } } }';
/** sessions 1 + edges n × 2. */
const BY_VARIABLE = 'query Sessions($n: Int) { sessions(first: $n) { edges { node { id } } } }';
/** workflowEvents 1 + run 1 + workflow 1 + runs 100 × (1 + steps 10 × 1) = 1103. */
const EXPENSIVE_SUBSCRIPTION = 'subscription { workflowEvents { cursor run { workflow { runs(first: 100) { steps { __typename } } } } } }';

interface Answer {
  readonly status: number;
  readonly xCache: string | null;
  readonly body: { data?: unknown; errors?: GraphQLFormattedError[]; extensions?: Record<string, unknown> };
}

async function post(url: string, authorization: string, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  });
  return { status: response.status, xCache: response.headers.get('x-cache'), body: (await response.json()) as Answer['body'] };
}

describe('operation cost limit (demand control)', () => {
  let graph: TestGraph;
  let proxied: GatewayServer;
  let sessionProxy: CountingProxy;
  let orchestrationProxy: CountingProxy;
  let authorization: string;
  let tenant: string;
  const clients: Client[] = [];
  const subgraphCalls = (): number => sessionProxy.requests + orchestrationProxy.requests;

  beforeAll(async () => {
    graph = await startGraph({ env: { MAX_QUERY_COST: String(MAX) } });
    sessionProxy = await startCountingProxy(graph.subgraphUrls.session);
    orchestrationProxy = await startCountingProxy(graph.subgraphUrls.orchestration);
    proxied = await startSecondGateway(graph, {
      MAX_QUERY_COST: String(MAX),
      RESPONSE_CACHE: 'false',
      SESSION_URL: sessionProxy.url,
      ORCHESTRATION_URL: orchestrationProxy.url,
    });
    tenant = newTenant();
    authorization = `Bearer ${await clientToken(graph, { tenant })}`;
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await proxied?.close();
    await sessionProxy?.close();
    await orchestrationProxy?.close();
    await graph?.close();
  });

  it('refuses an operation over MAX_QUERY_COST with 400 COST_ESTIMATED_TOO_EXPENSIVE and extensions.cost, calling no subgraph', async () => {
    const refusalsBefore = await limitRefusals(proxied.url, 'cost');
    const callsBefore = subgraphCalls();
    const refused = await post(proxied.url, authorization, EXPENSIVE);
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/estimated cost 10201 is over the limit of 500 \(MAX_QUERY_COST\)/),
        extensions: expect.objectContaining({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated: 10201, max: MAX } }),
      }),
    ]);
    expect(subgraphCalls()).toBe(callsBefore);
    expect(await limitRefusals(proxied.url, 'cost')).toBe(refusalsBefore + 1);
  });

  it('answers a cheap operation with extensions.cost.estimated, calling the subgraph', async () => {
    const sessionCallsBefore = sessionProxy.requests;
    const answered = await post(proxied.url, authorization, CHEAP);
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({ data: { sessions: { edges: [], pageInfo: { hasNextPage: false } } }, extensions: { cost: { estimated: 8 } } });
    expect(sessionProxy.requests).toBeGreaterThan(sessionCallsBefore);
  });

  it('sizes lists by the variables given for `first`', async () => {
    const small = await post(proxied.url, authorization, BY_VARIABLE, { n: 2 });
    expect(small.body.extensions).toEqual({ cost: { estimated: 1 + 2 * 2 } });
    const callsBefore = subgraphCalls();
    const large = await post(proxied.url, authorization, BY_VARIABLE, { n: 600 });
    expect(large.status).toBe(400);
    expect(large.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated: 1 + 600 * 2, max: MAX } });
    expect(subgraphCalls()).toBe(callsBefore);
    // Without `first`, the connection's assumedSize (20) sizes it.
    expect((await post(proxied.url, authorization, BY_VARIABLE)).body.extensions).toEqual({ cost: { estimated: 1 + 20 * 2 } });
  });

  it('a cached answer carries the estimate it was computed with, which is the current one', async () => {
    const cacheTenant = newTenant();
    const cacheAuthorization = `Bearer ${await clientToken(graph, { tenant: cacheTenant })}`;
    const first = await post(graph.gatewayUrl, cacheAuthorization, CHEAP);
    const second = await post(graph.gatewayUrl, cacheAuthorization, CHEAP);
    expect(first.xCache).toBe('MISS');
    expect(second.xCache).toBe('HIT');
    expect(second.body).toEqual(first.body);
    expect(second.body.extensions).toEqual({ cost: { estimated: 8 } });
  });

  it('refuses an over-expensive subscription over WebSocket with the same code and extensions.cost', async () => {
    const client = gatewayWsClient(graph.gatewayUrl, { authorization });
    clients.push(client);
    const refusalsBefore = await limitRefusals(graph.gatewayUrl, 'cost');
    const outcome = await new Promise<{ next: unknown[]; error: unknown }>((resolve) => {
      const next: unknown[] = [];
      client.subscribe(
        { query: EXPENSIVE_SUBSCRIPTION },
        { next: (value) => next.push(value), error: (error) => resolve({ next, error }), complete: () => resolve({ next, error: undefined }) },
      );
    });
    expect(outcome.next).toEqual([]);
    expect(outcome.error).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated: 1103, max: MAX } }) }),
    ]);
    expect(await limitRefusals(graph.gatewayUrl, 'cost')).toBe(refusalsBefore + 1);
  });

  it('refuses an over-expensive subscription over SSE with 400, the same code and extensions.cost, before any event', async () => {
    const refusalsBefore = await limitRefusals(graph.gatewayUrl, 'cost');
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization },
      body: JSON.stringify({ query: EXPENSIVE_SUBSCRIPTION }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      errors: [expect.objectContaining({ extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: { estimated: 1103, max: MAX } } })],
    });
    expect(await limitRefusals(graph.gatewayUrl, 'cost')).toBe(refusalsBefore + 1);
  });

  it('opens the stream of an affordable subscription over SSE', async () => {
    const controller = new AbortController();
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization },
      body: JSON.stringify({ query: 'subscription { workflowEvents { cursor run { id } } }' }),
      signal: controller.signal,
    });
    controller.abort();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  });

  it('subscribes to an affordable subscription (workflowEvents 1 + run 1)', async () => {
    const client = gatewayWsClient(graph.gatewayUrl, { authorization });
    clients.push(client);
    const refusalsBefore = await limitRefusals(graph.gatewayUrl, 'cost');
    const errors: unknown[] = [];
    const stop = client.subscribe(
      { query: 'subscription { workflowEvents { cursor run { id } } }' },
      { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined },
    );
    // The subscription is open once the gateway counts it: no refusal, no error.
    await expect
      .poll(async () => (await (await fetch(new URL('/metrics', graph.gatewayUrl))).text()).match(/^orchestra_gateway_subscriptions (\d+)$/m)?.[1])
      .toBe('1');
    stop();
    expect(errors).toEqual([]);
    expect(await limitRefusals(graph.gatewayUrl, 'cost')).toBe(refusalsBefore);
  });

  // With Redis: the tenant's stream is deleted so that the replay reads Postgres through the gateway.
  it.skipIf(!redisUrl)("does not refuse the gateway's own replay queries of an admitted subscription (a page of 1000 events costs 1000)", async () => {
    const replayTenant = newTenant();
    const api = await createClient(graph, { tenant: replayTenant });
    const workflowId = await createWorkflow(api, [{ id: 'a', kind: 'transform', config: { expression: '1' } }]);
    await waitForRun(api, await startRun(api, { workflowId }));
    const redis = await createRedisClient({ url: redisUrl ?? '', connectionName: 'operation-cost-test' });
    try {
      await redis.del(eventStreamKey(graph.config.redis.keyPrefix, replayTenant));
    } finally {
      await redis.quit();
    }
    const client = gatewayWsClient(graph.gatewayUrl, { authorization: `Bearer ${await clientToken(graph, { tenant: replayTenant })}` });
    clients.push(client);
    // workflowEvents 1: admitted; its replay from Postgres is `workflowEvents(first: 1000) { … }`, over MAX_QUERY_COST.
    const first = await new Promise<unknown>((resolve) => {
      const stop = client.subscribe(
        { query: 'subscription { workflowEvents(after: "0") { cursor type } }' },
        {
          next: (value) => {
            stop();
            resolve(value);
          },
          error: (error) => resolve({ error }),
          complete: () => resolve({ complete: true }),
        },
      );
    });
    expect(first).toMatchObject({ data: { workflowEvents: { cursor: expect.any(String), type: expect.any(String) } } });
  });
});
