import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventStreamKey } from '../platform/events/event-stream.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import { clientToken, createClient, newTenant, waitFor } from './kit/client.ts';
import { readEventStream, type ServerSentEvent } from './kit/event-stream.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflow, finishedRun, readRun, startRun, startWaitingRun, waitForRun } from './kit/runs.ts';
import { collectRunEvents, gatewayWsClient } from './kit/ws-client.ts';

/**
 * Workflow event subscriptions through the gateway over WebSocket (graphql-ws) and SSE (graphql-sse), with the real
 * Postgres, in both modes: with Redis (the relay's Redis streams feed the gateway) and embedded (the relay and the
 * gateway share the process's in-process stream). Cross-instance cases, and those deleting a Redis stream, are Redis-only.
 */
const redisUrl = process.env['REDIS_URL'];

const RUN_EVENTS = `subscription Events($runId: ID!, $after: String) {
  workflowRunEvents(runId: $runId, after: $after) { cursor type stepId run { id status } }
}`;

type Delivered = { cursor: string; type: string; stepId: string | null; run: { id: string; status: string } };

/** Collects the `RUN_EVENTS` events of one subscription (collectRunEvents). */
const collect = (client: Client, variables: Record<string, unknown>): Promise<{ events: Delivered[]; error: unknown }> =>
  collectRunEvents<Delivered>(client, { query: RUN_EVENTS, variables });

describe('workflow event subscriptions over WebSocket', () => {
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
    const client = gatewayWsClient(via.gatewayUrl, { authorization: `Bearer ${token}` });
    clients.push(client);
    return client;
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
    const runId = await startWaitingRun(api);
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
    const runId = await startWaitingRun(api);
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

  // Cross-instance fan-out is Redis's alone: an embedded gateway serves only its own process's events.
  it.skipIf(!redisUrl)('two gateway instances deliver the same events to their own subscribers', async () => {
    await using other = await startGraph({ subgraphs: ['orchestration'] });
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await startWaitingRun(api);
    const viaFirst = collect(await wsClient(tenant), { runId, after: '0' });
    const viaSecond = collect(await wsClient(tenant, ['admin'], other), { runId, after: '0' });
    await api.requestOk('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: runId });
    const [first, second] = await Promise.all([viaFirst, viaSecond]);
    const stored = (await readRun(api, runId)).events.map((e) => e.cursor);
    expect(first.events.map((e) => e.cursor)).toEqual(stored);
    expect(second.events.map((e) => e.cursor)).toEqual(stored);
  });

  it.skipIf(!redisUrl)('resumes after a cursor with exactly the later events, from Postgres when Redis no longer has them', async () => {
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

  it.skipIf(!redisUrl)('replays a workflow’s events across its runs from Postgres when Redis no longer has them, then goes on live', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const workflowId = await createWorkflow(api, [{ id: 'a', kind: 'transform', config: { expression: '1' } }]);
    const otherWorkflowId = await createWorkflow(api, [{ id: 'a', kind: 'transform', config: { expression: '2' } }]);
    const runs = [await startRun(api, { workflowId }), await startRun(api, { workflowId: otherWorkflowId }), await startRun(api, { workflowId })];
    for (const runId of runs) await waitForRun(api, runId);
    const redis = await createRedisClient({ url: redisUrl ?? '', connectionName: 'subscriptions-test' });
    try {
      await redis.del(eventStreamKey(graph.config.redis.keyPrefix, tenant));
    } finally {
      await redis.quit();
    }
    const storedOf = async (ids: string[]): Promise<string[]> =>
      (await Promise.all(ids.map(async (id) => (await readRun(api, id)).events.map((e) => e.cursor)))).flat().sort((a, b) => Number(a) - Number(b));
    const replayed = await storedOf([runs[0] ?? '', runs[2] ?? '']);

    const received: { cursor: string; runId: string; type: string }[] = [];
    const client = await wsClient(tenant);
    const later: { runId?: string } = {};
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ workflowEvents: { cursor: string; runId: string; type: string } }>(
        { query: 'subscription ($w: ID) { workflowEvents(workflowId: $w, after: "0") { cursor runId type } }', variables: { w: workflowId } },
        {
          next: (result) => {
            const event = result.data?.workflowEvents;
            if (event) received.push(event);
            if (event !== undefined && event.runId === later.runId && event.type === 'RUN_COMPLETED') resolve();
          },
          error: reject,
          complete: () => reject(new Error('a workflowEvents subscription never completes')),
        },
      );
    });
    await waitFor('the replay', async () => (received.length >= replayed.length ? true : undefined));
    expect(received.map((e) => e.cursor)).toEqual(replayed);
    later.runId = await startRun(api, { workflowId });
    await waitForRun(api, later.runId);
    await done;
    expect(received.map((e) => e.cursor)).toEqual(await storedOf([runs[0] ?? '', runs[2] ?? '', later.runId]));
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

  /** The cursors of an SSE stream's `next` events, checking that each event's id is its payload's cursor. */
  function sseCursors(events: readonly ServerSentEvent[]): string[] {
    return events
      .filter((e) => e.event === 'next')
      .map((e) => {
        const cursor = (e.data as { data: { workflowRunEvents: Delivered } }).data.workflowRunEvents.cursor;
        expect(e.id).toBe(cursor);
        return cursor;
      });
  }

  it('over SSE (distinct connections), each event’s id is its cursor, and a reconnect with Last-Event-ID resumes with no gap or duplicate', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await startWaitingRun(api);
    const before = (await readRun(api, runId)).events;
    const authorization = `Bearer ${await clientToken(graph, { tenant, scopes: ['admin'] })}`;
    const body = { query: RUN_EVENTS, variables: { runId, after: '0' } };

    const dropped = new AbortController();
    const first: ServerSentEvent[] = [];
    for await (const event of readEventStream(graph.gatewayUrl, body, { authorization }, dropped.signal)) {
      first.push(event);
      if (sseCursors(first).length === before.length) dropped.abort();
    }
    await api.requestOk('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: runId });
    await waitForRun(api, runId);

    // What an EventSource does on reconnecting: the same request, with the last id it saw.
    const lastEventId = first.filter((e) => e.event === 'next').at(-1)?.id ?? '';
    const resumed: ServerSentEvent[] = [];
    for await (const event of readEventStream(graph.gatewayUrl, body, { authorization, 'last-event-id': lastEventId })) resumed.push(event);
    expect(resumed.at(-1)?.event).toBe('complete');
    const stored = (await readRun(api, runId)).events.map((e) => e.cursor);
    expect([...sseCursors(first), ...sseCursors(resumed)]).toEqual(stored);
  });

  it('over SSE (single connection), the graphql-sse client gets federated run fields and the subscription completes after the final event', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await finishedRun(api);
    const token = await clientToken(graph, { tenant, scopes: ['admin'] });
    const client = createSseClient({ url: graph.gatewayUrl, singleConnection: true, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    try {
      const events: Delivered[] = [];
      for await (const result of client.iterate<{ workflowRunEvents: Delivered }>({ query: RUN_EVENTS, variables: { runId, after: '0' } })) {
        expect(result.errors).toBeUndefined();
        if (result.data) events.push(result.data.workflowRunEvents);
      }
      const stored = (await readRun(api, runId)).events;
      expect(events.map((e) => e.cursor)).toEqual(stored.map((e) => e.cursor));
      expect(events.at(-1)).toMatchObject({ type: 'RUN_COMPLETED', run: { id: runId, status: 'COMPLETED' } });
    } finally {
      client.dispose();
    }

    // A reserved stream belongs to the identity that reserved it.
    const reserve = await fetch(graph.gatewayUrl, { method: 'PUT', headers: { authorization: `Bearer ${token}` } });
    expect(reserve.status).toBe(201);
    const streamToken = await reserve.text();
    const intruder = await clientToken(graph, { tenant: newTenant(), scopes: ['admin'] });
    const hijack = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${intruder}`, 'x-graphql-event-stream-token': streamToken, 'content-type': 'application/json' },
      body: JSON.stringify({ query: RUN_EVENTS, variables: { runId }, extensions: { operationId: '1' } }),
    });
    expect(hijack.status).toBe(403);
    expect(await hijack.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });

  it('a token that expires closes the WebSocket with 4401 and ends an SSE subscription with UNAUTHENTICATED', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await startWaitingRun(api);
    const shortLived = await clientToken(graph, { tenant, scopes: ['admin'] }, 2);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      const client = gatewayWsClient(
        graph.gatewayUrl,
        { authorization: `Bearer ${shortLived}` },
        { on: { closed: (event) => resolve(event as { code: number; reason: string }) } },
      );
      clients.push(client);
      client.subscribe({ query: RUN_EVENTS, variables: { runId, after: '0' } }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    const sse: ServerSentEvent[] = [];
    for await (const event of readEventStream(
      graph.gatewayUrl,
      { query: RUN_EVENTS, variables: { runId, after: '0' } },
      { authorization: `Bearer ${shortLived}` },
    ))
      sse.push(event);
    expect(await closed).toMatchObject({ code: 4401, reason: expect.stringContaining('token expired') });
    const before = (await readRun(api, runId)).events;
    const nexts = sse.filter((e) => e.event === 'next');
    expect(nexts.length).toBe(before.length + 1);
    expect(nexts.at(-1)?.data).toMatchObject({
      errors: [{ message: expect.stringContaining('token expired'), extensions: { code: 'UNAUTHENTICATED', lastCursor: before.at(-1)?.cursor } }],
    });
    expect(sse.at(-1)?.event).toBe('complete');
  });
});

/** Opens a graphql-transport-ws connection by hand (so the test can stop reading it) and waits for the ack. */
async function rawConnection(
  graph: TestGraph,
  tenant: string,
  options: { autoPong?: boolean } = {},
): Promise<{ socket: WebSocket; messages: Record<string, unknown>[]; pings: number[]; closed: Promise<number> }> {
  const socket = new WebSocket(graph.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { autoPong: options.autoPong ?? true });
  const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
  const messages: Record<string, unknown>[] = [];
  const pings: number[] = [];
  socket.on('ping', () => pings.push(Date.now()));
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await clientToken(graph, { tenant, scopes: ['admin'] })}` } }));
  await waitFor('connection_ack', async () => (messages.some((m) => m['type'] === 'connection_ack') ? true : undefined));
  return { socket, messages, pings, closed };
}

describe('workflow event subscriptions: limits', () => {
  /**
   * A gateway whose subscribers may let 2 events wait. Keep-alive pings are off: the slow subscriber below stops
   * reading its socket, so it cannot answer a ping, and a keep-alive would terminate it (losing the frames still
   * queued for it) before or after the limit trips, depending on the machine's load.
   */
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ env: { SUBSCRIPTION_MAX_BUFFERED_EVENTS: '2', SUBSCRIPTION_KEEP_ALIVE_MS: '0' } });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('closes a subscriber that lets too many events wait with SLOW_CONSUMER and its last cursor, from which it resumes with no gap', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    // Once signalled, 30 steps, each event with eight copies of a 200 KB run input: 100 MB, well over what the socket
    // buffers of both ends hold (Linux autotunes them up to tcp_rmem/tcp_wmem's maximum, 32 + 4 MB here).
    const steps = [
      { id: 'gate', kind: 'wait', config: { signal: 'go' } },
      ...Array.from({ length: 30 }, (_, i) => ({
        id: `s${i}`,
        kind: 'transform',
        config: { expression: String(i) },
        dependsOn: [i > 0 ? `s${i - 1}` : 'gate'],
      })),
    ];
    const workflowId = await createWorkflow(api, steps);
    const runId = await startRun(api, { workflowId, input: { blob: 'x'.repeat(200 * 1024) } });
    await waitForRun(api, runId, (run) => run.status === 'WAITING');
    const before = (await readRun(api, runId)).events.map((e) => e.cursor);
    const metric = async (name: string): Promise<number> => {
      const metrics = await (await fetch(new URL('/metrics', graph.gatewayUrl))).text();
      return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
    };
    const slowCount = (): Promise<number> => metric('orchestra_gateway_subscription_slow_consumers_total');
    const slowBefore = await slowCount();
    const openBefore = await metric('orchestra_gateway_subscriptions');
    const { socket, messages } = await rawConnection(graph, tenant);
    socket.pause();
    // No `after`: the subscriber is live as soon as the gateway opened it, so the burst below meets the slow-consumer
    // limit. With `after`, it would first replay from Postgres, paced by its consumer (a paused one holds it at one
    // page: bounded, never SLOW_CONSUMER) — and with PGlite that replay is often still running when the burst comes.
    socket.send(
      JSON.stringify({
        id: 'slow',
        type: 'subscribe',
        payload: {
          query:
            'subscription ($runId: ID!) { workflowRunEvents(runId: $runId) { cursor run { input } a: run { input } b: run { input } c: run { input } d: run { input } e: run { input } f: run { input } g: run { input } } }',
          variables: { runId },
        },
      }),
    );
    await waitFor('the subscription to open', async () => ((await metric('orchestra_gateway_subscriptions')) > openBefore ? true : undefined));
    await api.requestOk('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: runId });
    await waitFor('the gateway to close the slow subscriber', async () => ((await slowCount()) > slowBefore ? true : undefined), 60_000);
    socket.resume();
    await waitForRun(api, runId);
    const stored = (await readRun(api, runId)).events.map((e) => e.cursor).slice(before.length);
    await waitFor('the subscription to end', async () => (messages.some((m) => m['type'] === 'complete' || m['type'] === 'error') ? true : undefined));
    socket.close();

    const payloads = messages
      .filter((m) => m['type'] === 'next')
      .map((m) => m['payload'] as { data?: { workflowRunEvents: { cursor: string } }; errors?: { extensions: Record<string, unknown> }[] });
    const delivered = payloads.flatMap((p) => (p.data ? [p.data.workflowRunEvents.cursor] : []));
    expect(delivered.length).toBeLessThan(stored.length);
    expect(delivered).toEqual(stored.slice(0, delivered.length));
    expect(payloads.at(-1)?.errors).toEqual([expect.objectContaining({ extensions: { code: 'SLOW_CONSUMER', lastCursor: delivered.at(-1) ?? null } })]);

    // The resumed replay goes at the consumer's pace: no SLOW_CONSUMER, although it is longer than the limit.
    const resumed = await rawConnection(graph, tenant);
    resumed.socket.send(
      JSON.stringify({ id: 'resume', type: 'subscribe', payload: { query: RUN_EVENTS, variables: { runId, after: delivered.at(-1) ?? before.at(-1) } } }),
    );
    await waitFor('the resumed subscription to complete', async () => (resumed.messages.some((m) => m['type'] === 'complete') ? true : undefined));
    resumed.socket.close();
    const rest = resumed.messages
      .filter((m) => m['type'] === 'next')
      .map((m) => (m['payload'] as { data: { workflowRunEvents: Delivered } }).data.workflowRunEvents.cursor);
    expect([...delivered, ...rest]).toEqual(stored);
  });
});

describe('workflow event subscriptions: keep-alive', () => {
  /** A gateway that pings its WebSocket connections every 200 ms. */
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ env: { SUBSCRIPTION_KEEP_ALIVE_MS: '200' } });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('pings idle connections at the keep-alive interval', async () => {
    const { socket, pings } = await rawConnection(graph, newTenant());
    await waitFor('three keep-alive pings', async () => (pings.length >= 3 ? true : undefined));
    socket.close();
    expect(pings.length).toBeGreaterThanOrEqual(3);
  });

  it('terminates a connection that does not answer a ping before the next one, and keeps one that does', async () => {
    const dead = await rawConnection(graph, newTenant(), { autoPong: false });
    const alive = await rawConnection(graph, newTenant());
    // Terminated without a close frame: the client sees 1006 (abnormal closure).
    expect(await dead.closed).toBe(1006);
    expect(dead.pings.length).toBeGreaterThanOrEqual(1);
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    alive.socket.close();
  });
});

describe('workflow event subscriptions: supergraph reload', () => {
  it('a subscriber keeps its subscription, and gets every event, across a hot reload of the supergraph', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orchestra-supergraph-'));
    const path = join(dir, 'supergraph.graphql');
    await copyFile('schema/supergraph.graphql', path);
    await using graph = await startGraph({ env: { SUPERGRAPH_PATH: path, SUPERGRAPH_POLL_INTERVAL_MS: '100' } });
    try {
      const tenant = newTenant();
      const api = await createClient(graph, { tenant });
      const workflowId = await createWorkflow(api, [
        { id: 'gate', kind: 'wait', config: { signal: 'go' } },
        { id: 'b', kind: 'transform', dependsOn: ['gate'], config: { expression: '2' } },
      ]);
      const runId = await startRun(api, { workflowId });
      await waitForRun(api, runId, (run) => run.status === 'WAITING');
      const before = (await readRun(api, runId)).events;

      const client = gatewayWsClient(graph.gatewayUrl, { authorization: `Bearer ${await clientToken(graph, { tenant, scopes: ['admin'] })}` });
      const events: Delivered[] = [];
      const completed = new Promise<void>((resolve, reject) => {
        client.subscribe<{ workflowRunEvents: Delivered }>(
          { query: RUN_EVENTS, variables: { runId, after: '0' } },
          { next: (result) => void (result.data && events.push(result.data.workflowRunEvents)), error: reject, complete: resolve },
        );
      });
      await waitFor('the replay', async () => (events.length >= before.length ? true : undefined));

      // A new supergraph version: the same graph with a new description, which introspection shows once it is served.
      const sdl = await readFile(path, 'utf8');
      await writeFile(path, sdl.replace('"""One execution of a workflow."""', '"""One execution of a workflow (reloaded)."""'));
      await waitFor('the reloaded supergraph', async () => {
        const { __type } = await api.requestOk<{ __type: { description: string } }, unknown>('{ __type(name: "WorkflowRun") { description } }');
        return __type.description.includes('(reloaded)') ? true : undefined;
      });

      await api.requestOk('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: runId });
      await completed;
      await client.dispose();
      const stored = (await readRun(api, runId)).events.map((e) => e.cursor);
      expect(events.map((e) => e.cursor)).toEqual(stored);
      expect(events.at(-1)).toMatchObject({ type: 'RUN_COMPLETED', run: { status: 'COMPLETED' } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('workflow event subscriptions: a trimmed stream', () => {
  /** A gateway whose stream keeps 2 events per tenant (Redis `MAXLEN ~` may keep a few more; in-process, exactly 2). */
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ env: { EVENT_STREAM_MAX_LENGTH: '2' } });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('resumes from a cursor the stream no longer holds with every later event, from Postgres then the stream, once each', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const workflowId = await createWorkflow(api, [
      { id: 'a', kind: 'transform', config: { expression: '1' } },
      { id: 'b', kind: 'transform', dependsOn: ['a'], config: { expression: '2' } },
      { id: 'c', kind: 'transform', dependsOn: ['b'], config: { expression: '3' } },
    ]);
    const runId = await startRun(api, { workflowId });
    await waitForRun(api, runId);
    const stored = (await readRun(api, runId)).events;
    expect(stored.length).toBeGreaterThan(4);
    const token = await clientToken(graph, { tenant, scopes: ['admin'] });
    const client = gatewayWsClient(graph.gatewayUrl, { authorization: `Bearer ${token}` });
    try {
      const cursors = await new Promise<string[]>((resolve, reject) => {
        const seen: string[] = [];
        client.subscribe<{ workflowRunEvents: Delivered }>(
          { query: RUN_EVENTS, variables: { runId, after: stored[0]?.cursor ?? '0' } },
          { next: (r) => void (r.data && seen.push(r.data.workflowRunEvents.cursor)), error: reject, complete: () => resolve(seen) },
        );
      });
      expect(cursors).toEqual(stored.slice(1).map((e) => e.cursor));
    } finally {
      await client.dispose();
    }
  });
});
