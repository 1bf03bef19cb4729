import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushTraces } from '../platform/telemetry/tracing.ts';
import { clientToken, createClient, newTenant, waitFor } from './kit/client.ts';
import { readEventStream, type ServerSentEvent } from './kit/event-stream.ts';
import { newTraceparent, startFakeOtlpCollector, type FakeOtlpCollector, type ReceivedSpan } from './kit/fake-otlp-collector.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { finishedRun, startWaitingRun } from './kit/runs.ts';
import { collectRunEvents, gatewayWsClient } from './kit/ws-client.ts';

/**
 * Traces of workflow event subscriptions (WebSocket and SSE) through the fake OTLP collector, in both modes (Postgres +
 * Redis, embedded): the short subscribe span in the caller's trace, the gateway's per-event work in spans linked to it,
 * refusals with status ERROR and `orchestra.error.code`, `extensions.traceId` on a subscription's errors.
 */
const INTERNAL = 1;
const SERVER = 2;
const CLIENT = 3;
const STATUS_ERROR = 2;

const RUN_EVENTS = `subscription Events($runId: ID!, $after: String) {
  workflowRunEvents(runId: $runId, after: $after) { cursor type run { id status } }
}`;

type Delivered = { cursor: string; type: string; run: { id: string; status: string } };
type WsOutcome = { events: Delivered[]; error: unknown };

/** Collects the `RUN_EVENTS` events of one subscription (collectRunEvents). */
const collect = (client: Client, variables: Record<string, unknown>, extensions?: Record<string, unknown>): Promise<WsOutcome> =>
  collectRunEvents<Delivered>(client, { query: RUN_EVENTS, variables, ...(extensions ? { extensions } : {}) });

describe('subscription traces', () => {
  let collector: FakeOtlpCollector;
  let graph: TestGraph;
  const clients: Client[] = [];
  const secrets: string[] = [];

  beforeAll(async () => {
    collector = await startFakeOtlpCollector();
    graph = await startGraph({
      env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.tracesUrl, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'orchestra-test' },
    });
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await graph?.close();
    await collector?.close();
  });

  async function token(tenant: string, scopes: string[] = ['admin'], ttlSeconds?: number): Promise<string> {
    const signed = await clientToken(graph, { tenant, scopes }, ttlSeconds);
    secrets.push(signed);
    return signed;
  }

  function wsClient(authorization: string, connectionParams: Record<string, unknown> = {}): Client {
    const client = gatewayWsClient(graph.gatewayUrl, { authorization, ...connectionParams });
    clients.push(client);
    return client;
  }

  /** Every span received once every span ended so far was exported. */
  async function received(): Promise<ReceivedSpan[]> {
    await flushTraces();
    return collector.spans;
  }

  /** Waits until the collector holds a span `matches` finds, and returns it. */
  function spanWhere(description: string, matches: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan> {
    return waitFor(description, async () => (await received()).find(matches));
  }

  /** Whether `span` descends from span `ancestorId` among the spans received. */
  function descendsFrom(spans: readonly ReceivedSpan[], span: ReceivedSpan, ancestorId: string): boolean {
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (let p = byId.get(span.parentSpanId); p; p = byId.get(p.parentSpanId)) if (p.spanId === ancestorId) return true;
    return false;
  }

  const linksTo = (span: ReceivedSpan) => (s: ReceivedSpan) => s.links.some((l) => l.traceId === span.traceId && l.spanId === span.spanId);

  /** The run selection span linked to `subscribe`, and that its fetch of the orchestration subgraph is its child. */
  async function expectLinkedRunSelection(subscribe: ReceivedSpan): Promise<ReceivedSpan> {
    const selection = await spanWhere(
      'a run selection span linked to the subscribe span',
      (s) => s.name === 'subscription run selection' && linksTo(subscribe)(s),
    );
    expect(selection.parentSpanId).toBe('');
    expect(selection.traceId).not.toBe(subscribe.traceId);
    const spans = await received();
    const fetches = spans.filter((s) => s.traceId === selection.traceId && s.kind === CLIENT && s.attributes['orchestra.subgraph.name'] === 'orchestration');
    expect(fetches.length).toBeGreaterThan(0);
    for (const fetched of fetches) expect(descendsFrom(spans, fetched, selection.spanId)).toBe(true);
    return selection;
  }

  it('puts a WebSocket subscribe span in the trace of connectionParams.traceparent, and links the run selection queries to it', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await finishedRun(api);
    const { traceparent, traceId, parentSpanId } = newTraceparent();
    const client = wsClient(`Bearer ${await token(tenant)}`, { traceparent });
    const { events, error } = await collect(client, { runId, after: '0' });
    expect(error).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'RUN_COMPLETED', run: { id: runId, status: 'COMPLETED' } });

    const subscribe = await spanWhere('the subscribe span', (s) => s.traceId === traceId && s.parentSpanId === parentSpanId);
    expect(subscribe).toMatchObject({
      name: 'subscription Events',
      kind: SERVER,
      statusCode: 0,
      attributes: {
        'graphql.operation.type': 'subscription',
        'graphql.operation.name': 'Events',
        'orchestra.subscription.transport': 'websocket',
        'orchestra.subscription.field': 'workflowRunEvents',
        'orchestra.run.id': runId,
      },
    });
    expect(subscribe.attributes).not.toHaveProperty('graphql.document');
    // The admission's own query (the run's status) is in the subscribe span, and names its operation on its own span.
    const spans = await received();
    expect(spans.find((s) => s.traceId === traceId && s.name === 'query WorkflowRunStatus')).toMatchObject({
      parentSpanId: subscribe.spanId,
      attributes: { 'graphql.operation.type': 'query', 'graphql.operation.name': 'WorkflowRunStatus' },
    });
    const admission = spans.filter((s) => s.traceId === traceId && s.kind === CLIENT && s.attributes['orchestra.subgraph.name'] === 'orchestration');
    expect(admission.length).toBeGreaterThan(0);
    for (const fetched of admission) expect(descendsFrom(spans, fetched, subscribe.spanId)).toBe(true);
    // The per-event work is in spans of their own, linked to it: the replay's page reads and the run selections.
    await expectLinkedRunSelection(subscribe);
    const replay = await spanWhere('a replay span linked to the subscribe span', (s) => s.name === 'subscription replay' && linksTo(subscribe)(s));
    expect(replay).toMatchObject({ kind: INTERNAL, parentSpanId: '', attributes: { 'orchestra.subscription.field': 'workflowRunEvents' } });
    expect(['stream', 'postgres']).toContain(replay.attributes['orchestra.subscription.replay.source']);
  });

  it('takes the parent from the subscribe message’s extensions.traceparent over connectionParams’', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await finishedRun(api);
    const connection = newTraceparent();
    const operation = newTraceparent();
    const client = wsClient(`Bearer ${await token(tenant)}`, { traceparent: connection.traceparent });
    expect((await collect(client, { runId, after: '0' }, { traceparent: operation.traceparent })).error).toBeUndefined();
    const subscribe = await spanWhere('the subscribe span', (s) => s.traceId === operation.traceId && s.name === 'subscription Events');
    expect(subscribe.parentSpanId).toBe(operation.parentSpanId);
    expect((await received()).some((s) => s.traceId === connection.traceId)).toBe(false);
  });

  it('links one live run selection query to the subscribe spans of every subscriber it serves', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await startWaitingRun(api);
    const authorization = `Bearer ${await token(tenant)}`;
    // Same operation, variables and identity: one group, whose live events are rendered once for both.
    const first = newTraceparent();
    const second = newTraceparent();
    const deliveries = [
      collect(wsClient(authorization, { traceparent: first.traceparent }), { runId }),
      collect(wsClient(authorization, { traceparent: second.traceparent }), { runId }),
    ];
    const subscribes = await Promise.all(
      [first, second].map((t) => spanWhere('a subscribe span', (s) => s.traceId === t.traceId && s.name === 'subscription Events')),
    );
    await api.requestOk('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: runId });
    for (const { events, error } of await Promise.all(deliveries)) {
      expect(error).toBeUndefined();
      expect(events.at(-1)).toMatchObject({ type: 'RUN_COMPLETED', run: { id: runId, status: 'COMPLETED' } });
    }
    const selection = await expectLinkedRunSelection(subscribes[0] as ReceivedSpan);
    expect(linksTo(subscribes[1] as ReceivedSpan)(selection)).toBe(true);
  });

  it('makes an SSE subscription’s span a child of its HTTP span', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await finishedRun(api);
    const { traceparent, traceId, parentSpanId } = newTraceparent();
    const authorization = `Bearer ${await token(tenant)}`;
    const events: ServerSentEvent[] = [];
    for await (const event of readEventStream(graph.gatewayUrl, { query: RUN_EVENTS, variables: { runId, after: '0' } }, { authorization, traceparent })) {
      events.push(event);
    }
    expect(events.at(-1)?.event).toBe('complete');
    const http = await spanWhere('the HTTP span', (s) => s.traceId === traceId && s.parentSpanId === parentSpanId);
    expect(http).toMatchObject({ kind: SERVER, name: 'POST /graphql' });
    const subscribe = await spanWhere('the subscribe span', (s) => s.traceId === traceId && s.parentSpanId === http.spanId && s.name === 'subscription Events');
    expect(subscribe).toMatchObject({
      kind: INTERNAL,
      statusCode: 0,
      attributes: { 'graphql.operation.type': 'subscription', 'orchestra.subscription.transport': 'sse', 'orchestra.run.id': runId },
    });
    await expectLinkedRunSelection(subscribe);
  });

  it('ends the span of a refused subscription with status ERROR and orchestra.error.code, and the error carries its traceId', async () => {
    const tenant = newTenant();
    // WebSocket: an unknown run.
    const ws = newTraceparent();
    const unknown = await collect(wsClient(`Bearer ${await token(tenant)}`, { traceparent: ws.traceparent }), { runId: randomUUID(), after: '0' });
    expect(unknown.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND', traceId: ws.traceId }) })]);
    const notFound = await spanWhere('the refused subscribe span', (s) => s.traceId === ws.traceId && s.name === 'subscription Events');
    expect(notFound).toMatchObject({ statusCode: STATUS_ERROR, attributes: { 'orchestra.error.code': 'NOT_FOUND', 'error.type': 'NOT_FOUND' } });

    // SSE: a token without workflows:subscribe.
    const api = await createClient(graph, { tenant });
    const runId = await finishedRun(api);
    const sse = newTraceparent();
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${await token(tenant, ['workflows:read'])}`,
        traceparent: sse.traceparent,
      },
      body: JSON.stringify({ query: RUN_EVENTS, variables: { runId, after: '0' } }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN', traceId: sse.traceId } }] });
    const forbidden = await spanWhere('the refused SSE subscribe span', (s) => s.traceId === sse.traceId && s.name === 'subscription Events');
    expect(forbidden).toMatchObject({
      statusCode: STATUS_ERROR,
      attributes: { 'orchestra.error.code': 'FORBIDDEN', 'orchestra.subscription.transport': 'sse' },
    });
  });

  it('puts extensions.traceId on the error that ends a running subscription (an expired token over SSE)', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await startWaitingRun(api);
    const { traceparent, traceId } = newTraceparent();
    const shortLived = await token(tenant, ['admin'], 2);
    const events: ServerSentEvent[] = [];
    for await (const event of readEventStream(
      graph.gatewayUrl,
      { query: RUN_EVENTS, variables: { runId, after: '0' } },
      { authorization: `Bearer ${shortLived}`, traceparent },
    ))
      events.push(event);
    expect(events.filter((e) => e.event === 'next').at(-1)?.data).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED', traceId } }] });
  });

  it('sends no token or API key to the collector', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const runId = await finishedRun(api);
    const created = await api.requestOk<{ createApiKey: { key: string } }, unknown>(
      'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
      { input: { name: 'partner', scopes: ['workflows:read', 'workflows:subscribe'] } },
    );
    const apiKey = created.createApiKey.key;
    const { traceparent, traceId } = newTraceparent();
    expect((await collect(wsClient(`Bearer ${apiKey}`, { traceparent }), { runId, after: '0' })).error).toBeUndefined();
    await spanWhere('the subscribe span', (s) => s.traceId === traceId && s.name === 'subscription Events');
    expect(collector.rawRequests.length).toBeGreaterThan(0);
    for (const raw of collector.rawRequests) {
      expect(raw).not.toContain(apiKey);
      for (const secret of secrets) expect(raw).not.toContain(secret);
      expect(raw.toLowerCase()).not.toContain('bearer ');
    }
  });
});
