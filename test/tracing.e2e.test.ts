import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushTraces } from '../platform/telemetry/tracing.ts';
import { OrchestrationStartRunDocument } from './generated/graphql.ts';
import { clientToken, createClient, newTenant, postGraphQL } from './kit/client.ts';
import { startFakeEmbeddings, type FakeEmbeddings } from './kit/fake-embeddings.ts';
import { startFakeProvider, type FakeProvider } from './kit/fake-provider.ts';
import { createFakeProviderModel } from './kit/fixtures.ts';
import { createWorkflow, waitForRun } from './kit/runs.ts';
import { newTraceparent, startFakeOtlpCollector, type FakeOtlpCollector, type ReceivedSpan } from './kit/fake-otlp-collector.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;

/** The operator's provider key (`LLM_PROVIDERS`): it must never reach the collector. */
const OPERATOR_KEY = 'sk-operator-tracing-7c3e91';
/** The operator's key of embeddings provider `emb`. */
const EMBEDDINGS_KEY = 'sk-operator-tracing-emb-41d0aa';

/** For spans of one trace: the ids of a span's ancestors among them, nearest first. */
function ancestorsIn(spans: readonly ReceivedSpan[]): (span: ReceivedSpan) => string[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  return (span) => {
    const out: string[] = [];
    for (let p = byId.get(span.parentSpanId); p; p = byId.get(p.parentSpanId)) out.push(p.spanId);
    return out;
  };
}

describe('OpenTelemetry traces over OTLP', () => {
  let collector: FakeOtlpCollector;
  let graph: TestGraph;
  let authorization: string;
  let provider: FakeProvider;
  let embeddings: FakeEmbeddings;
  beforeAll(async () => {
    collector = await startFakeOtlpCollector();
    provider = await startFakeProvider({ apiKey: OPERATOR_KEY });
    embeddings = await startFakeEmbeddings({ apiKey: EMBEDDINGS_KEY });
    graph = await startGraph({
      env: {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.tracesUrl,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'orchestra-test',
        LLM_PROVIDERS: JSON.stringify({
          fake: { baseUrl: provider.url, apiKey: OPERATOR_KEY },
          emb: { baseUrl: embeddings.url, apiKey: EMBEDDINGS_KEY },
        }),
        LLM_MAX_RETRIES: '0',
      },
    });
    authorization = `Bearer ${await clientToken(graph, { tenant: newTenant() })}`;
  });
  afterAll(async () => {
    await graph?.close();
    await collector?.close();
    await provider?.close();
    await embeddings?.close();
  });

  /** The spans of trace `traceId` received once every span ended so far was exported. */
  async function spansOf(traceId: string): Promise<ReceivedSpan[]> {
    await flushTraces();
    return collector.spans.filter((s) => s.traceId === traceId);
  }

  it('puts the gateway, subgraph fetch, subgraph server and SQL spans of a request in the caller’s trace, each parented', async () => {
    const { traceparent, traceId, parentSpanId } = newTraceparent();
    const response = await postGraphQL(graph.gatewayUrl, { query: 'query RecentSessions { sessions { edges { cursor } } }' }, { authorization, traceparent });
    expect(response.errors).toBeUndefined();
    const spans = await spansOf(traceId);
    const gateway = spans.find((s) => s.kind === SERVER && s.parentSpanId === parentSpanId);
    expect(gateway).toMatchObject({
      name: 'POST /graphql',
      serviceName: 'orchestra-test',
      attributes: {
        'http.request.method': 'POST',
        'url.path': '/graphql',
        'http.response.status_code': 200,
        'graphql.operation.name': 'RecentSessions',
        'graphql.operation.type': 'query',
      },
    });
    const subgraphFetch = spans.find((s) => s.kind === CLIENT && s.attributes['orchestra.subgraph.name'] === 'session');
    expect(subgraphFetch).toBeDefined();
    // The fetch descends from the gateway's span (Apollo's own gateway.* spans may sit between them).
    const ancestors = ancestorsIn(spans);
    expect(ancestors(subgraphFetch!)).toContain(gateway!.spanId);
    const subgraphServer = spans.find((s) => s.kind === SERVER && s.parentSpanId === subgraphFetch!.spanId);
    expect(subgraphServer).toMatchObject({ name: 'POST /graphql', attributes: { 'graphql.operation.type': 'query' } });
    const sql = spans.filter((s) => s.attributes['db.system'] === 'postgresql');
    expect(sql.length).toBeGreaterThan(0);
    for (const query of sql) {
      expect(ancestors(query)).toContain(subgraphServer!.spanId);
      expect(query.kind).toBe(CLIENT);
      expect(query.attributes['db.system.name']).toBe('postgresql');
      expect(typeof query.attributes['db.query.text']).toBe('string');
    }
    expect(sql.some((q) => /^SELECT/i.test(String(q.attributes['db.query.text'])))).toBe(true);
    // Parameter values stay out: the tenant id is a bound parameter of the sessions query.
    const tenant = JSON.parse(Buffer.from(authorization.split('.')[1] ?? '', 'base64url').toString()) as { tenant?: string };
    if (tenant.tenant) for (const query of sql) expect(String(query.attributes['db.query.text'])).not.toContain(tenant.tenant);
    // Subgraph fetch durations are a histogram per subgraph.
    const metrics = await (await fetch(new URL('/metrics', graph.gatewayUrl))).text();
    expect(metrics).toMatch(/orchestra_gateway_subgraph_fetch_duration_seconds_count\{subgraph="session"\} [1-9]/);
  });

  it('answers an error whose extensions.traceId is the request’s trace id', async () => {
    const { traceparent, traceId } = newTraceparent();
    const response = await postGraphQL(graph.gatewayUrl, { query: '{ noSuchField }' }, { authorization, traceparent });
    expect(response.errors?.[0]?.extensions?.['traceId']).toBe(traceId);
    const spans = await spansOf(traceId);
    expect(spans.some((s) => s.kind === SERVER && s.name === 'POST /graphql')).toBe(true);
  });

  it('puts a workflow run’s step attempt and model call spans, with the GenAI attributes, in the startWorkflowRun request’s trace', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    await createFakeProviderModel(api);
    const workflowId = await createWorkflow(api, [{ id: 'ask', kind: 'llm', config: { prompt: 'What do otters do?', model: 'op-model' } }]);
    const { traceparent, traceId, parentSpanId } = newTraceparent();
    const started = await api.requestOk(OrchestrationStartRunDocument, { input: { workflowId } }, { traceparent });
    const run = await waitForRun(api, started.startWorkflowRun.id);
    expect(run.status).toBe('COMPLETED');
    const spans = await spansOf(traceId);
    const request = spans.find((s) => s.kind === SERVER && s.parentSpanId === parentSpanId);
    expect(request?.attributes['graphql.operation.type']).toBe('mutation');
    const step = spans.find((s) => s.kind === CONSUMER && s.attributes['orchestra.step.id'] === 'ask');
    expect(step).toMatchObject({ name: 'step ask', attributes: { 'orchestra.run.id': started.startWorkflowRun.id, 'orchestra.step.attempt': 1 } });
    const ancestors = ancestorsIn(spans);
    expect(ancestors(step!)).toContain(request!.spanId);
    const modelCall = spans.find((s) => s.attributes['gen_ai.operation.name'] === 'chat');
    expect(modelCall).toBeDefined();
    expect(modelCall).toMatchObject({
      name: 'chat gpt-op',
      kind: CLIENT,
      attributes: { 'gen_ai.provider.name': 'fake', 'gen_ai.request.model': 'gpt-op', 'gen_ai.response.model': 'gpt-op' },
    });
    expect(modelCall!.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(modelCall!.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(modelCall!.attributes['orchestra.cost_usd']).toBeGreaterThan(0);
    expect(ancestors(modelCall!)).toContain(step!.spanId);
  });

  it('makes an embeddings call a GenAI span in the caller’s trace', async () => {
    const { traceparent, traceId } = newTraceparent();
    const response = await fetch(new URL('/v1/embeddings', graph.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, traceparent },
      body: JSON.stringify({ model: 'emb/text-embedding-test', input: 'otters hold hands' }),
    });
    expect(response.status).toBe(200);
    const spans = await spansOf(traceId);
    const call = spans.find((s) => s.attributes['gen_ai.operation.name'] === 'embeddings');
    expect(call).toMatchObject({
      name: 'embeddings text-embedding-test',
      kind: CLIENT,
      attributes: { 'gen_ai.provider.name': 'emb', 'gen_ai.request.model': 'text-embedding-test', 'gen_ai.response.model': 'text-embedding-test' },
    });
    expect(call!.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(typeof call!.attributes['orchestra.cost_usd']).toBe('number');
  });

  it('starts a new trace for a request without traceparent, and sends no credential to the collector', async () => {
    const response = await postGraphQL(graph.gatewayUrl, { query: '{ sessions { edges { cursor } } }' }, { authorization });
    expect(response.errors).toBeUndefined();
    await flushTraces();
    expect(collector.spans.some((s) => s.kind === SERVER && s.parentSpanId === '' && s.serviceName === 'orchestra-test')).toBe(true);
    const token = authorization.slice('Bearer '.length);
    expect(collector.rawRequests.length).toBeGreaterThan(0);
    for (const raw of collector.rawRequests) {
      expect(raw).not.toContain(OPERATOR_KEY);
      expect(raw).not.toContain(EMBEDDINGS_KEY);
      expect(raw).not.toContain(token);
      expect(raw.toLowerCase()).not.toContain('bearer ');
    }
  });
});
