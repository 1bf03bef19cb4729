import { createClient as createWsClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventStreamKey } from '../platform/events/workflow-event-stream.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import { clientToken, createClient, newTenant, type GraphClient } from './kit/client.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflow, readRun, startRun, waitForRun } from './kit/runs.ts';

/**
 * Workflow event subscriptions through the gateway over WebSocket (graphql-ws), with the real Postgres and Redis
 * (the relay's streams feed the gateway; without Redis there are none).
 */
const redisUrl = process.env['REDIS_URL'];

const RUN_EVENTS = `subscription Events($runId: ID!, $after: String) {
  workflowRunEvents(runId: $runId, after: $after) { cursor type stepId run { id status } }
}`;

type Delivered = { cursor: string; type: string; stepId: string | null; run: { id: string; status: string } };

describe.skipIf(!redisUrl)('workflow event subscriptions over WebSocket', () => {
  let graph: TestGraph;
  const clients: Client[] = [];

  beforeAll(async () => {
    graph = await startGraph();
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await graph?.close();
  });

  async function wsClient(tenant: string, scopes: string[] = ['admin'], via: TestGraph = graph): Promise<Client> {
    const token = await clientToken(via, { tenant, scopes });
    const client = createWsClient({
      url: via.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  }

  /** Subscribes and collects every payload until the server completes the subscription or sends an error. */
  function collect(client: Client, variables: Record<string, unknown>): Promise<{ events: Delivered[]; error: unknown }> {
    return new Promise((resolve) => {
      const events: Delivered[] = [];
      client.subscribe<{ workflowRunEvents: Delivered }>(
        { query: RUN_EVENTS, variables },
        {
          next: (result) => {
            if (result.data) events.push(result.data.workflowRunEvents);
            if (result.errors) resolve({ events, error: result.errors });
          },
          error: (error) => resolve({ events, error }),
          complete: () => resolve({ events, error: undefined }),
        },
      );
    });
  }

  /** A run of a → gate (waits for signal "go") → b, once it waits. */
  async function waitingRun(api: GraphClient): Promise<string> {
    const workflowId = await createWorkflow(api, [
      { id: 'a', kind: 'transform', config: { expression: '1' } },
      { id: 'gate', kind: 'wait', dependsOn: ['a'], config: { signal: 'go' } },
      { id: 'b', kind: 'transform', dependsOn: ['gate'], config: { expression: '2' } },
    ]);
    const runId = await startRun(api, { workflowId });
    await waitForRun(api, runId, (run) => run.status === 'WAITING');
    return runId;
  }

  async function finishedRun(api: GraphClient): Promise<string> {
    const workflowId = await createWorkflow(api, [
      { id: 'a', kind: 'transform', config: { expression: '1' } },
      { id: 'b', kind: 'transform', dependsOn: ['a'], config: { expression: 'steps.a + 1' } },
    ]);
    const runId = await startRun(api, { workflowId });
    await waitForRun(api, runId);
    return runId;
  }

  it('replays a run from the start with federated run fields, in cursor order, and completes after its final event', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await finishedRun(api);
    const { events, error } = await collect(await wsClient(tenant), { runId, after: '0' });
    expect(error).toBeUndefined();
    const stored = (await readRun(api, runId)).events;
    expect(events.map((e) => e.cursor)).toEqual(stored.map((e) => e.cursor));
    expect(events.map((e) => e.type)).toEqual(stored.map((e) => e.type));
    expect(events.at(-1)).toMatchObject({ type: 'RUN_COMPLETED', run: { id: runId, status: 'COMPLETED' } });
    // Only new events of a run that has ended: none will come, so the subscription completes at once.
    expect(await collect(await wsClient(tenant), { runId })).toEqual({ events: [], error: undefined });
  });

  it('delivers a waiting run’s events live, from the cursor it was given, with no gap or duplicate at the switch', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await waitingRun(api);
    const delivered = collect(await wsClient(tenant), { runId, after: '0' });
    await api.requestOk('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: runId });
    const { events, error } = await delivered;
    expect(error).toBeUndefined();
    const stored = (await readRun(api, runId)).events;
    expect(stored.at(-1)?.type).toBe('RUN_COMPLETED');
    expect(events.map((e) => e.cursor)).toEqual(stored.map((e) => e.cursor));
  });

  it('after a forced disconnect mid-run, resuming from the last cursor received gives the rest, with no gap or duplicate', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await waitingRun(api);
    const before = (await readRun(api, runId)).events;

    // The first connection gets what happened so far, then drops (the socket is terminated, not closed cleanly).
    const first: Delivered[] = [];
    const socketRef: { current?: WebSocket } = {};
    const token = await clientToken(graph, { tenant, scopes: ['admin'] });
    const raw = createWsClient({
      url: graph.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: class extends WebSocket {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          socketRef.current = this;
        }
      },
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    clients.push(raw);
    await new Promise<void>((resolve) => {
      raw.subscribe<{ workflowRunEvents: Delivered }>(
        { query: RUN_EVENTS, variables: { runId, after: '0' } },
        {
          next: (result) => {
            if (result.data) first.push(result.data.workflowRunEvents);
            if (first.length === before.length) resolve();
          },
          error: () => resolve(),
          complete: () => resolve(),
        },
      );
    });
    socketRef.current?.terminate();
    await api.requestOk('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: runId });
    await waitForRun(api, runId);

    const resumed = await collect(await wsClient(tenant), { runId, after: first.at(-1)?.cursor ?? '0' });
    expect(resumed.error).toBeUndefined();
    const stored = (await readRun(api, runId)).events;
    expect([...first, ...resumed.events].map((e) => e.cursor)).toEqual(stored.map((e) => e.cursor));
  });

  it('two gateway instances deliver the same events to their own subscribers', async () => {
    await using other = await startGraph({ subgraphs: ['orchestration'] });
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await waitingRun(api);
    const viaFirst = collect(await wsClient(tenant), { runId, after: '0' });
    const viaSecond = collect(await wsClient(tenant, ['admin'], other), { runId, after: '0' });
    await api.requestOk('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: runId });
    const [first, second] = await Promise.all([viaFirst, viaSecond]);
    const stored = (await readRun(api, runId)).events.map((e) => e.cursor);
    expect(first.events.map((e) => e.cursor)).toEqual(stored);
    expect(second.events.map((e) => e.cursor)).toEqual(stored);
  });

  it('resumes after a cursor with exactly the later events, from Postgres when Redis no longer has them', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await finishedRun(api);
    const stored = (await readRun(api, runId)).events;
    const middle = stored[2]?.cursor ?? '0';
    const resumed = await collect(await wsClient(tenant), { runId, after: middle });
    expect(resumed.events.map((e) => e.cursor)).toEqual(stored.slice(3).map((e) => e.cursor));

    const redis = await createRedisClient({ url: redisUrl ?? '', connectionName: 'subscriptions-test' });
    try {
      await redis.del(eventStreamKey(graph.config.redis.keyPrefix, tenant));
    } finally {
      await redis.quit();
    }
    const fromPostgres = await collect(await wsClient(tenant), { runId, after: '0' });
    expect(fromPostgres.error).toBeUndefined();
    expect(fromPostgres.events.map((e) => e.cursor)).toEqual(stored.map((e) => e.cursor));
  });

  it('refuses a subscription without the workflows:subscribe scope, and to another tenant’s run', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await finishedRun(api);
    const unscoped = await collect(await wsClient(tenant, ['workflows:read']), { runId, after: '0' });
    expect(unscoped.events).toEqual([]);
    expect(unscoped.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    const other = await collect(await wsClient(newTenant()), { runId, after: '0' });
    expect(other.events).toEqual([]);
    expect(other.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
  });
});
