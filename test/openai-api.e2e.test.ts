import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientToken, createClient, newTenant, waitFor, type GraphClient } from './kit/client.ts';
import { startFakeProvider, type FakeProvider } from './kit/fake-provider.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

/** The operator's provider key: it may reach the fake provider and nothing else, and no client may ever see it. */
const PROVIDER_KEY = 'sk-test-openai-api-0123456789abcdef';

let provider: FakeProvider;
let graph: TestGraph;
/** `http://<gateway>/v1`. */
let baseURL: string;
/** Every body the gateway answered in these tests, to check that the provider key never reaches a client. */
const answered: string[] = [];

beforeAll(async () => {
  provider = await startFakeProvider({ apiKey: PROVIDER_KEY });
  graph = await startGraph({
    subgraphs: ['routing'],
    env: {
      LLM_PROVIDERS: JSON.stringify({ fake: { baseUrl: provider.url, apiKey: PROVIDER_KEY } }),
      LLM_MAX_RETRIES: '1',
      LLM_RETRY_INITIAL_MS: '1',
      LLM_RETRY_MAX_MS: '20',
    },
  });
  baseURL = `${new URL(graph.gatewayUrl).origin}/v1`;
});
afterAll(async () => {
  await graph?.close();
  await provider?.close();
  // The provider key went to the provider only: never into an answer of the gateway.
  expect(answered.join('\n')).not.toContain(PROVIDER_KEY);
});
beforeEach(() => provider.reset());

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

/** Registers the model `name` on the operator's fake provider, sent there as `fake-<name>`. */
async function model(c: GraphClient, name: string, input: Record<string, unknown> = {}): Promise<string> {
  await c.requestOk(`mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id } }`, {
    input: {
      name,
      provider: 'fake',
      providerModel: `fake-${name}`,
      inputCostPer1kTokensUsd: 1,
      outputCostPer1kTokensUsd: 2,
      latencyMs: 100,
      quality: 0.8,
      contextWindowTokens: 100_000,
      ...input,
    },
  });
  return `fake-${name}`;
}

const hello = [{ role: 'user' as const, content: 'hello there' }];

/** POSTs a raw request to the gateway's `/v1/chat/completions`; returns the response and its whole body. */
async function post(body: unknown, headers: Record<string, string>): Promise<{ response: Response; text: string }> {
  const response = await fetch(`${baseURL}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  answered.push(text);
  return { response, text };
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

describe('POST /v1/chat/completions', () => {
  it('answers with the provider reply and usage, sending the provider its key and never the client token', async () => {
    const { graphql, openai, token } = await tenant();
    const providerModel = await model(graphql, 'plain');
    provider.script(providerModel, { kind: 'reply', content: 'the scripted reply', usage: { promptTokens: 11, completionTokens: 5 } });

    const completion = await openai.chat.completions.create({ model: 'plain', messages: hello, max_tokens: 50 });

    expect(completion).toMatchObject({ object: 'chat.completion', model: 'plain' });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: 'the scripted reply', refusal: null }, finish_reason: 'stop', logprobs: null },
    ]);
    expect(completion.usage).toEqual({ prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 });
    const [sent, ...more] = provider.requestsFor(providerModel);
    expect(more).toEqual([]);
    expect(sent?.headers.authorization).toBe(`Bearer ${PROVIDER_KEY}`);
    expect(sent?.rawBody).not.toContain(token);
    expect(JSON.stringify(sent?.headers)).not.toContain(token);
    expect(sent?.body).toMatchObject({ model: providerModel, messages: [{ role: 'user', content: 'hello there' }], max_tokens: 50 });
  });

  it('streams the reply in chunks that end with the usage', async () => {
    const { graphql, openai } = await tenant();
    const providerModel = await model(graphql, 'streamed');
    provider.script(providerModel, { kind: 'reply', content: 'one two three', usage: { promptTokens: 7, completionTokens: 3 } });

    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of await openai.chat.completions.create({ model: 'streamed', messages: hello, stream: true })) chunks.push(chunk);

    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('one two three');
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.flatMap((c) => c.choices.map((choice) => choice.finish_reason)).filter((r) => r !== null)).toEqual(['stop']);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } });
    expect(new Set(chunks.map((c) => `${c.id} ${c.model} ${c.object}`))).toEqual(new Set([`${chunks[0]?.id} streamed chat.completion.chunk`]));
  });

  it("streams tool calls so that the client's stream helper assembles them", async () => {
    const { graphql, openai } = await tenant();
    const providerModel = await model(graphql, 'tooled');
    provider.script(providerModel, { kind: 'reply', toolCalls: [{ id: 'call_7', name: 'lookup', arguments: { city: 'Oslo' } }] });
    const tools = [{ type: 'function' as const, function: { name: 'lookup', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];

    const completion = await openai.chat.completions.stream({ model: 'tooled', messages: hello, tools }).finalChatCompletion();

    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.tool_calls).toEqual([{ id: 'call_7', type: 'function', function: { name: 'lookup', arguments: '{"city":"Oslo"}' } }]);
    expect(provider.requestsFor(providerModel)[0]?.body).toMatchObject({ tools: [{ type: 'function', function: { name: 'lookup' } }] });
  });

  it('sends server-sent events ending with data: [DONE], with the request id', async () => {
    const { graphql, token } = await tenant();
    await model(graphql, 'raw');
    const { response, text } = await post(
      { model: 'raw', messages: hello, stream: true, stream_options: { include_usage: true } },
      { authorization: `Bearer ${token}`, 'x-request-id': 'req-openai-raw' },
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-request-id')).toBe('req-openai-raw');
    const events = text.split('\n\n').filter((e) => e !== '');
    for (const event of events) expect(event).toMatch(/^data: /);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const usage = JSON.parse(events.at(-2)?.slice('data: '.length) ?? '{}') as { usage?: unknown; choices?: unknown[] };
    expect(usage).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
  });

  it('refuses a body over the documented limit with 413', async () => {
    const { token } = await tenant();
    const { response, text } = await post({ messages: [{ role: 'user', content: 'x'.repeat(4 * 1024 * 1024) }] }, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(413);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'request_too_large' } });
  });

  it('refuses an empty conversation with 400 naming messages', async () => {
    const { openai } = await tenant();
    const error = await rejectionOf(openai.chat.completions.create({ model: 'any', messages: [] }));
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, param: 'messages', type: 'invalid_request_error' });
  });

  it('answers a provider rate limit that outlasts the retries with 429 and Retry-After', async () => {
    const { graphql, openai } = await tenant();
    const providerModel = await model(graphql, 'limited');
    provider.script(providerModel, { kind: 'rateLimited', retryAfterSeconds: 0 });

    const error = await rejectionOf(openai.chat.completions.create({ model: 'limited', messages: hello }));

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toMatch(/^\d+$/);
    expect(provider.requestsFor(providerModel)).toHaveLength(2);
  });

  it('ends a stream that fails after it started with an error event, which the client raises', async () => {
    const { graphql, openai } = await tenant();
    const providerModel = await model(graphql, 'dropped');
    provider.script(providerModel, { kind: 'drop', afterChunks: 2 });

    const stream = await openai.chat.completions.create({ model: 'dropped', messages: hello, stream: true });
    const error = await rejectionOf(
      (async () => {
        for await (const _chunk of stream) {
          // read until the error event
        }
      })(),
    );

    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ error: { type: 'server_error' } });
  });

  it('aborts the provider call when the client disconnects', async () => {
    const { graphql, token } = await tenant();
    const providerModel = await model(graphql, 'hanging');
    provider.script(providerModel, { kind: 'hang' });
    const abort = new AbortController();
    const request = fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ model: 'hanging', messages: hello, stream: true }),
      signal: abort.signal,
    });
    await waitFor('the provider call', async () => (provider.openRequests === 1 ? true : undefined));
    abort.abort();
    await rejectionOf(request);
    await waitFor('the provider call to be aborted', async () => (provider.openRequests === 0 ? true : undefined));
  });

  it('needs the routing:write scope', async () => {
    const { openai } = await tenant(['routing:read']);
    const error = await rejectionOf(openai.chat.completions.create({ model: 'any', messages: hello }));
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });
});

describe('GET /v1/models', () => {
  it("lists the tenant's enabled models and group names, and retrieves one", async () => {
    const { graphql, openai } = await tenant(['routing:read']);
    await model(graphql, 'listed-a', { group: 'listed' });
    await model(graphql, 'listed-b', { group: 'listed' });
    await model(graphql, 'disabled', { enabled: false });

    const ids: string[] = [];
    for await (const m of openai.models.list()) ids.push(m.id);

    expect(ids).toEqual(['listed-a', 'listed-b', 'listed']);
    expect(await openai.models.retrieve('listed-b')).toMatchObject({ id: 'listed-b', object: 'model', owned_by: 'fake' });
    expect(await rejectionOf(openai.models.retrieve('disabled'))).toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('authentication', () => {
  it('refuses a request without a token with 401 in OpenAI error shape', async () => {
    const { response, text } = await post({ messages: hello }, {});
    expect(response.status).toBe(401);
    expect(JSON.parse(text)).toEqual({ error: { message: expect.any(String), type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
  });

  it('refuses a forged token as an AuthenticationError', async () => {
    const openai = new OpenAI({ baseURL, apiKey: 'not-a-jwt', maxRetries: 0 });
    expect(await rejectionOf(openai.models.list())).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(await rejectionOf(openai.chat.completions.create({ model: 'any', messages: hello }))).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('answers an unknown /v1 URL with 404 in OpenAI error shape', async () => {
    const { token } = await tenant();
    const response = await fetch(`${baseURL}/audio/speech`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'unknown_url' } });
  });
});
