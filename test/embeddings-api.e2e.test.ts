import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientToken, createClient, newTenant, type GraphClient } from './kit/client.ts';
import { cosine, startFakeEmbeddings, type FakeEmbeddings } from './kit/fake-embeddings.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

/** The operator's key of provider `emb`: it may reach the operator's fake and nothing else, and no client may see it. */
const OPERATOR_KEY = 'sk-test-embeddings-operator-0123456789';
/** A tenant's own provider key: it may reach the tenant's fake only. */
const TENANT_KEY = 'sk-test-embeddings-tenant-9876543210';
/** The direct form of an operator provider's model. */
const DIRECT_MODEL = 'emb/text-embedding-test';

let operatorFake: FakeEmbeddings;
let tenantFake: FakeEmbeddings;
let graph: TestGraph;
/** `http://<gateway>/v1`. */
let baseURL: string;
/** Every body the gateway answered in these tests, to check that no provider key reaches a client. */
const answered: string[] = [];

beforeAll(async () => {
  operatorFake = await startFakeEmbeddings({ apiKey: OPERATOR_KEY });
  tenantFake = await startFakeEmbeddings({ apiKey: TENANT_KEY, dimensions: 32 });
  graph = await startGraph({
    subgraphs: ['routing'],
    env: {
      LLM_PROVIDERS: JSON.stringify({ emb: { baseUrl: operatorFake.url, apiKey: OPERATOR_KEY } }),
      LLM_MAX_RETRIES: '1',
      LLM_RETRY_INITIAL_MS: '1',
      LLM_RETRY_MAX_MS: '20',
    },
  });
  baseURL = `${new URL(graph.gatewayUrl).origin}/v1`;
});
afterAll(async () => {
  await graph?.close();
  await operatorFake?.close();
  await tenantFake?.close();
  const everything = answered.join('\n');
  expect(everything).not.toContain(OPERATOR_KEY);
  expect(everything).not.toContain(TENANT_KEY);
});
beforeEach(() => {
  operatorFake.reset();
  tenantFake.reset();
});

const SCOPES = ['routing:read', 'routing:write'];

/** A tenant of its own with a GraphQL client and an `openai` client (no retries: each call is one request). */
async function tenant(scopes: readonly string[] = SCOPES): Promise<{ graphql: GraphClient; openai: OpenAI; token: string }> {
  const id = newTenant();
  const graphql = await createClient(graph, { tenant: id, scopes: SCOPES });
  const token = await clientToken(graph, { tenant: id, scopes });
  const fetchRecording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    answered.push(await response.clone().text());
    return response;
  };
  return { graphql, token, openai: new OpenAI({ baseURL, apiKey: token, maxRetries: 0, fetch: fetchRecording }) };
}

/** Registers the tenant model `name` on `provider`, sent there as `providerModel`. */
async function model(c: GraphClient, name: string, provider: string, providerModel: string, inputCostPer1kTokensUsd = 0, enabled = true): Promise<void> {
  await c.requestOk(`mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id } }`, {
    input: {
      name,
      provider,
      providerModel,
      inputCostPer1kTokensUsd,
      outputCostPer1kTokensUsd: 0,
      latencyMs: 50,
      quality: 0.5,
      contextWindowTokens: 8191,
      enabled,
    },
  });
}

/** POSTs a raw body to the gateway's `/v1/embeddings`; returns the status and the parsed body. */
async function post(token: string, body: unknown): Promise<{ status: number; json: { error?: Record<string, unknown> } & Record<string, unknown> }> {
  const response = await fetch(`${baseURL}/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  answered.push(text);
  return { status: response.status, json: JSON.parse(text) as { error?: Record<string, unknown> } };
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a rejection');
}

interface ListedCall {
  requestId: string;
  attempt: number;
  kind: string;
  status: string;
  errorClass: string | null;
  provider: string;
  model: string;
  taskType: string | null;
  memoryId: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  streamed: boolean;
  routingDecision: { id: string } | null;
  deployment: { name: string; enabled: boolean };
}

/** The tenant's model calls, oldest first. */
async function modelCalls(c: GraphClient): Promise<ListedCall[]> {
  const data = await c.requestOk<{ modelCalls: { edges: { node: ListedCall }[] } }, unknown>(
    `query { modelCalls(first: 50) { edges { node {
      requestId attempt kind status errorClass provider model taskType memoryId inputTokens outputTokens costUsd streamed
      routingDecision { id } deployment { name enabled }
    } } } }`,
  );
  return data.modelCalls.edges.map((e) => e.node).reverse();
}

/** The Orchestra extras of an answer. */
const extrasOf = (answer: unknown): { requestId: string; costUsd: number; attempts: { status: string; errorClass: string | null }[] } =>
  (answer as { orchestra: { requestId: string; costUsd: number; attempts: { status: string; errorClass: string | null }[] } }).orchestra;

/** Prompt tokens of the fakes: ⌈characters / 4⌉ per text. */
const tokensOf = (texts: readonly string[]): number => texts.reduce((sum, t) => sum + Math.ceil(t.length / 4), 0);

const TEXTS = ['I parked my car at the office', 'The automobile is parking at work', 'The physician was joyful'];

describe('POST /v1/embeddings', () => {
  it("embeds with an operator provider's model named <provider>/<model>, sending the operator key there only", async () => {
    const { graphql, openai, token } = await tenant();

    const answer = await openai.embeddings.create({ model: DIRECT_MODEL, input: TEXTS, encoding_format: 'float' });

    expect(answer).toMatchObject({ object: 'list', model: DIRECT_MODEL, usage: { prompt_tokens: tokensOf(TEXTS), total_tokens: tokensOf(TEXTS) } });
    expect(answer.data.map((d) => [d.object, d.index])).toEqual(TEXTS.map((_, i) => ['embedding', i]));
    expect(answer.data.map((d) => d.embedding)).toEqual(TEXTS.map((t) => operatorFake.embed(t)));
    const [parked, automobile, physician] = answer.data.map((d) => d.embedding);
    expect(cosine(parked ?? [], automobile ?? [])).toBeGreaterThan(0.8);
    expect(Math.abs(cosine(parked ?? [], physician ?? []))).toBeLessThan(0.3);

    const [sent, ...more] = operatorFake.requests;
    expect(more).toEqual([]);
    expect(sent?.path).toBe('/v1/embeddings');
    expect(sent?.headers.authorization).toBe(`Bearer ${OPERATOR_KEY}`);
    expect(sent?.body).toEqual({ model: 'text-embedding-test', input: TEXTS, encoding_format: 'float' });
    expect(JSON.stringify(sent?.headers)).not.toContain(token);
    expect(tenantFake.requests).toEqual([]);

    // The call is recorded, against a disabled, unpriced deployment of the tenant named like the model.
    const calls = await modelCalls(graphql);
    expect(calls).toEqual([
      {
        requestId: extrasOf(answer).requestId,
        attempt: 1,
        kind: 'EMBEDDING',
        status: 'SUCCEEDED',
        errorClass: null,
        provider: 'emb',
        model: 'text-embedding-test',
        taskType: null,
        memoryId: null,
        inputTokens: tokensOf(TEXTS),
        outputTokens: 0,
        costUsd: 0,
        streamed: false,
        routingDecision: null,
        deployment: { name: DIRECT_MODEL, enabled: false },
      },
    ]);
    // That deployment is no model of the OpenAI model list (nor a chat candidate).
    const listed: string[] = [];
    for await (const m of openai.models.list()) listed.push(m.id);
    expect(listed).not.toContain(DIRECT_MODEL);
  });

  it("answers base64 float32 vectors to the openai client's default, which it decodes", async () => {
    const { openai } = await tenant();
    const answer = await openai.embeddings.create({ model: DIRECT_MODEL, input: 'a glad doctor' });
    expect(answer.data[0]?.embedding).toEqual(Array.from(Float32Array.from(operatorFake.embed('a glad doctor'))));
    // The provider is asked for floats either way.
    expect(operatorFake.requests[0]?.body).toMatchObject({ encoding_format: 'float' });
  });

  it('embeds with a tenant model on the operator provider, priced, with dimensions, task type and memory id recorded', async () => {
    const { graphql, openai } = await tenant();
    await model(graphql, 'embedder', 'emb', 'text-embedding-small', 2);
    const memoryId = '4f9c2d1e-8a7b-4c3d-9e2f-1a2b3c4d5e6f';
    const params = { model: 'embedder', input: ['big', 'huge'], dimensions: 16, encoding_format: 'float', orchestra: { taskType: 'memory.write', memoryId } };

    const answer = await openai.embeddings.create(params as OpenAI.EmbeddingCreateParams);

    expect(answer.model).toBe('embedder');
    expect(answer.data.map((d) => d.embedding)).toEqual([operatorFake.embed('big', 16), operatorFake.embed('huge', 16)]);
    expect(operatorFake.requests[0]?.body).toEqual({ model: 'text-embedding-small', input: ['big', 'huge'], encoding_format: 'float', dimensions: 16 });
    expect(operatorFake.requests[0]?.headers.authorization).toBe(`Bearer ${OPERATOR_KEY}`);
    const tokens = tokensOf(['big', 'huge']);
    expect(extrasOf(answer).costUsd).toBeCloseTo((tokens / 1000) * 2, 12);
    const [call, ...more] = await modelCalls(graphql);
    expect(more).toEqual([]);
    expect(call).toMatchObject({ kind: 'EMBEDDING', model: 'text-embedding-small', taskType: 'memory.write', memoryId, inputTokens: tokens });
    expect(call?.costUsd).toBeCloseTo((tokens / 1000) * 2, 12);
    expect(call?.deployment).toEqual({ name: 'embedder', enabled: true });
  });

  it('prices a <provider>/<model> name the tenant registered disabled, and refuses one it registered elsewhere', async () => {
    const { graphql, openai, token } = await tenant();
    await model(graphql, 'emb/priced-model', 'emb', 'priced-model', 4, false);
    await model(graphql, 'emb/elsewhere', 'echo', 'elsewhere', 0, false);

    const answer = await openai.embeddings.create({ model: 'emb/priced-model', input: 'large', encoding_format: 'float' });

    expect(extrasOf(answer).costUsd).toBeCloseTo((tokensOf(['large']) / 1000) * 4, 12);
    expect(operatorFake.requests[0]?.body).toMatchObject({ model: 'priced-model' });
    const [call] = await modelCalls(graphql);
    expect(call?.deployment).toEqual({ name: 'emb/priced-model', enabled: false });
    const { status, json } = await post(token, { model: 'emb/elsewhere', input: 'x' });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ type: 'invalid_request_error', param: 'model' });
    expect(operatorFake.requests).toHaveLength(1);
  });

  it("sends a tenant provider's key to that provider only, and the operator key never there", async () => {
    const { graphql, openai } = await tenant();
    await graphql.requestOk(`mutation ($input: ProviderInput!) { upsertProvider(input: $input) { id } }`, {
      input: { name: 'mine', baseUrl: tenantFake.url, apiKey: TENANT_KEY },
    });
    await model(graphql, 'own-embedder', 'mine', 'own-model');

    const answer = await openai.embeddings.create({ model: 'own-embedder', input: 'quick', encoding_format: 'float' });

    expect(answer.data[0]?.embedding).toEqual(tenantFake.embed('quick'));
    expect(tenantFake.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TENANT_KEY}`]);
    expect(JSON.stringify(tenantFake.requests)).not.toContain(OPERATOR_KEY);
    expect(operatorFake.requests).toEqual([]);
  });

  it('refuses bad input with 400 in OpenAI error shape before calling a provider', async () => {
    const { token } = await tenant();
    const cases: { body: unknown; param: string }[] = [
      { body: { model: DIRECT_MODEL }, param: 'input' },
      { body: { model: DIRECT_MODEL, input: [] }, param: 'input' },
      { body: { model: DIRECT_MODEL, input: Array.from({ length: 2049 }, () => 'x') }, param: 'input' },
      { body: { model: DIRECT_MODEL, input: ['ok', 'x'.repeat(32_769)] }, param: 'input[1]' },
      { body: { model: DIRECT_MODEL, input: [[1, 2, 3]] }, param: 'input' },
      { body: { model: DIRECT_MODEL, input: 'x', dimensions: 0 }, param: 'dimensions' },
      { body: { model: DIRECT_MODEL, input: 'x', encoding_format: 'int8' }, param: 'encoding_format' },
      { body: { model: 'no-such-model', input: 'x' }, param: 'model' },
      { body: { model: 'nope/text-embedding-test', input: 'x' }, param: 'model' },
      { body: { input: 'x' }, param: 'model' },
    ];
    for (const { body, param } of cases) {
      const { status, json } = await post(token, body);
      expect({ param, status }).toEqual({ param, status: 400 });
      expect(json.error).toMatchObject({ type: 'invalid_request_error', param, code: null, message: expect.any(String) });
    }
    expect(operatorFake.requests).toEqual([]);
  });

  it('answers a provider failure that outlasts the retries with 502 server_error, recording every attempt', async () => {
    const { graphql, openai } = await tenant();
    operatorFake.failNext(500, 2);

    const error = await rejectionOf(openai.embeddings.create({ model: DIRECT_MODEL, input: 'x', encoding_format: 'float' }));

    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 502, type: 'server_error', code: 'provider_unavailable' });
    expect(operatorFake.requests).toHaveLength(2);
    const calls = await modelCalls(graphql);
    expect(calls.map((c) => [c.attempt, c.kind, c.status, c.errorClass, c.inputTokens])).toEqual([
      [1, 'EMBEDDING', 'FAILED', 'PROVIDER_UNAVAILABLE', 0],
      [2, 'EMBEDDING', 'FAILED', 'PROVIDER_UNAVAILABLE', 0],
    ]);
  });

  it('retries a failed attempt once and answers', async () => {
    const { openai } = await tenant();
    operatorFake.failNext(500, 1);
    const answer = await openai.embeddings.create({ model: DIRECT_MODEL, input: 'x', encoding_format: 'float' });
    expect(answer.data[0]?.embedding).toEqual(operatorFake.embed('x'));
    expect(extrasOf(answer).attempts.map((a) => [a.status, a.errorClass])).toEqual([
      ['FAILED', 'PROVIDER_UNAVAILABLE'],
      ['SUCCEEDED', null],
    ]);
  });

  it('answers a provider rate limit that outlasts the retries with 429 and Retry-After', async () => {
    const { openai } = await tenant();
    operatorFake.failNext(429, 2, 0);
    const error = await rejectionOf(openai.embeddings.create({ model: DIRECT_MODEL, input: 'x', encoding_format: 'float' }));
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('needs the routing:write scope', async () => {
    const { openai } = await tenant(['routing:read']);
    expect(await rejectionOf(openai.embeddings.create({ model: DIRECT_MODEL, input: 'x' }))).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(operatorFake.requests).toEqual([]);
  });
});
