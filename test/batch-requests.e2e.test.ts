import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayServer } from '../gateway/gateway-server.ts';
import { clientToken, newTenant } from './kit/client.ts';
import { limitRefusals, metricValue } from './kit/gateway-metrics.ts';
import { startGraph, startSecondGateway, type TestGraph } from './kit/graph.ts';

/**
 * Batched HTTP requests (gateway/batch-requests.ts: a JSON array of operations in one POST) over real HTTP, in both
 * modes: refused by default (BATCHING_NOT_ENABLED), served with GATEWAY_BATCHING=true up to MAX_BATCH_OPERATIONS
 * (BATCH_LIMIT_EXCEEDED beyond), each operation meeting the operation limits, and never answered from — nor
 * breaking — the response cache.
 */
interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly xCache: string | null;
}

async function post(url: string, authorization: string, body: unknown): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json(), xCache: response.headers.get('x-cache') };
}

const SESSION = 'query ($id: ID!) { session(id: $id) { id title } }';
const START = 'mutation ($title: String) { startSession(input: { title: $title }) { id } }';
/** Depth 5, over the graph's MAX_QUERY_DEPTH of 4. */
const DEEP = '{ sessions { edges { node { transcript { text } } } } }';

type Result = { data?: unknown; errors?: GraphQLFormattedError[] };

describe('batched requests', () => {
  let graph: TestGraph;
  let unbatched: GatewayServer;
  let authorization: string;
  let sessionId: string;
  beforeAll(async () => {
    // All four subgraphs: without Redis the response cache is on only when every subgraph runs in the gateway's process.
    graph = await startGraph({ env: { GATEWAY_BATCHING: 'true', MAX_BATCH_OPERATIONS: '2', MAX_QUERY_DEPTH: '4' } });
    unbatched = await startSecondGateway(graph);
    authorization = `Bearer ${await clientToken(graph, { tenant: newTenant() })}`;
    const started = (await post(graph.gatewayUrl, authorization, { query: START, variables: { title: 'batched' } })).body as Result;
    sessionId = (started.data as { startSession: { id: string } }).startSession.id;
  });
  afterAll(async () => {
    await unbatched?.close();
    await graph?.close();
  });

  it('refuses a batch with 400 BATCHING_NOT_ENABLED by default, counted, and still serves single operations', async () => {
    const before = await limitRefusals(unbatched.url, 'batch');
    const refused = await post(unbatched.url, authorization, [{ query: SESSION, variables: { id: sessionId } }, { query: '{ __typename }' }]);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errors: [{ message: expect.stringMatching(/not enabled/), extensions: { code: 'BATCHING_NOT_ENABLED' } }] });
    expect(await limitRefusals(unbatched.url, 'batch')).toBe(before + 1);
    const single = await post(unbatched.url, authorization, { query: SESSION, variables: { id: sessionId } });
    expect(single.body).toEqual({ data: { session: { id: sessionId, title: 'batched' } }, extensions: { cost: { estimated: 1 } } });
  });

  it('with GATEWAY_BATCHING=true, answers a batch with an array of results, none from the response cache, which keeps serving single operations', async () => {
    const single = { query: SESSION, variables: { id: sessionId } };
    await post(graph.gatewayUrl, authorization, single);
    expect((await post(graph.gatewayUrl, authorization, single)).xCache).toBe('HIT');
    const hitsBefore = await metricValue(graph.gatewayUrl, 'orchestra_gateway_response_cache_lookups_total', { result: 'hit' });

    const batch = await post(graph.gatewayUrl, authorization, [single, { query: '{ sessions(first: 1) { edges { node { id } } } }' }]);
    expect(batch.status).toBe(200);
    expect(batch.xCache).toBeNull();
    expect(batch.body).toEqual([
      { data: { session: { id: sessionId, title: 'batched' } }, extensions: { cost: { estimated: 1 } } },
      { data: { sessions: { edges: [{ node: { id: sessionId } }] } }, extensions: { cost: { estimated: 3 } } },
    ]);
    expect(await metricValue(graph.gatewayUrl, 'orchestra_gateway_response_cache_lookups_total', { result: 'hit' })).toBe(hitsBefore);

    const after = await post(graph.gatewayUrl, authorization, single);
    expect(after).toMatchObject({
      status: 200,
      xCache: 'HIT',
      body: { data: { session: { id: sessionId, title: 'batched' } }, extensions: { cost: { estimated: 1 } } },
    });
  });

  it('refuses a batch of more than MAX_BATCH_OPERATIONS with 400 BATCH_LIMIT_EXCEEDED naming the limit, none executed, counted', async () => {
    const before = await limitRefusals(graph.gatewayUrl, 'batch');
    const operationsBefore = await metricValue(graph.gatewayUrl, 'orchestra_gateway_operations_total', { type: 'mutation', outcome: 'ok' });
    const start = { query: START, variables: { title: 'never' } };
    const refused = await post(graph.gatewayUrl, authorization, [start, start, start]);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(/limit of 2 operations exceeded, found 3/),
          extensions: { code: 'BATCH_LIMIT_EXCEEDED', limit: { name: 'batch', max: 2 } },
        },
      ],
    });
    expect(await limitRefusals(graph.gatewayUrl, 'batch')).toBe(before + 1);
    expect(await metricValue(graph.gatewayUrl, 'orchestra_gateway_operations_total', { type: 'mutation', outcome: 'ok' })).toBe(operationsBefore);
    const sessions = (await post(graph.gatewayUrl, authorization, { query: '{ sessions { edges { node { title } } } }' })).body as Result;
    expect(sessions.data).toEqual({ sessions: { edges: [{ node: { title: 'batched' } }] } });
  });

  it('holds every operation of a batch to the operation limits: the one over refused with its code, the other answered', async () => {
    const before = await limitRefusals(graph.gatewayUrl, 'depth');
    const batch = await post(graph.gatewayUrl, authorization, [{ query: DEEP }, { query: SESSION, variables: { id: sessionId } }]);
    expect(batch.status).toBe(400);
    const [deep, session] = batch.body as Result[];
    expect(deep).toMatchObject({ errors: [{ extensions: { code: 'MAX_DEPTH_LIMIT', limit: { name: 'depth', max: 4 } } }] });
    expect(deep?.data).toBeUndefined();
    expect(session).toEqual({ data: { session: { id: sessionId, title: 'batched' } }, extensions: { cost: { estimated: 1 } } });
    expect(await limitRefusals(graph.gatewayUrl, 'depth')).toBe(before + 1);
  });
});
