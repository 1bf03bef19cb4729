import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { waitFor } from './client.ts';
import { startFakeProvider, type FakeProvider } from './fake-provider.ts';

const clientOf = (provider: FakeProvider, apiKey = 'k'): OpenAI => new OpenAI({ baseURL: provider.url, apiKey, maxRetries: 0 });
const hello = [{ role: 'user' as const, content: 'hello there' }];

/** The `data:` payloads of an SSE body. */
const sseData = (text: string): string[] =>
  text
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => {
      expect(event).toMatch(/^data: /);
      return event.slice('data: '.length);
    });

/** The error a promise rejects with (fails the test when it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('fake provider', () => {
  it('answers a chat completion shaped like OpenAI, with the default content and estimated usage', async () => {
    await using provider = await startFakeProvider();
    const messages = [{ role: 'system' as const, content: 'be brief' }, ...hello];
    const completion = await clientOf(provider).chat.completions.create({ model: 'gpt-x', messages });

    expect(completion).toMatchObject({ object: 'chat.completion', model: 'gpt-x' });
    expect(completion.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 });
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.created).toBeCloseTo(Date.now() / 1000, -1);
    expect(completion.choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: 'gpt-x says: hello there', refusal: null, annotations: [] },
        finish_reason: 'stop',
        logprobs: null,
      },
    ]);
  });

  it('consumes scripted behaviours one per request, repeats the last, and uses the default for other models', async () => {
    await using provider = await startFakeProvider();
    const client = clientOf(provider);
    provider.script(
      'm',
      { kind: 'reply', content: 'one' },
      { kind: 'reply', content: 'two', usage: { promptTokens: 100, completionTokens: 7 }, finishReason: 'length' },
    );
    provider.setDefault({ kind: 'reply', content: 'default' });
    const ask = async (model: string) => (await client.chat.completions.create({ model, messages: hello })).choices[0];

    expect((await ask('m'))?.message.content).toBe('one');
    const second = await client.chat.completions.create({ model: 'm', messages: hello });
    expect(second.choices[0]).toMatchObject({ message: { content: 'two' }, finish_reason: 'length' });
    expect(second.usage).toMatchObject({ prompt_tokens: 100, completion_tokens: 7, total_tokens: 107 });
    expect((await ask('m'))?.message.content).toBe('two');
    expect((await ask('other'))?.message.content).toBe('default');
    provider.script('m', { kind: 'reply', content: 'three' });
    expect((await ask('m'))?.message.content).toBe('three');
    expect(provider.requestsFor('m')).toHaveLength(4);
  });

  it('streams a reply word by word with include_usage, reassembled by the client', async () => {
    await using provider = await startFakeProvider();
    const request = { model: 'gpt-x', messages: hello, stream: true, stream_options: { include_usage: true } } as const;
    const stream = await clientOf(provider).chat.completions.create(request);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    expect(chunks[0]).toMatchObject({ object: 'chat.completion.chunk', model: 'gpt-x', usage: null });
    expect(chunks[0]?.choices).toMatchObject([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.slice(1, -2).map((c) => c.choices[0]?.delta.content)).toEqual(['gpt-x ', 'says: ', 'hello ', 'there']);
    expect(chunks.at(-2)?.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 } });
  });

  it('writes SSE events as OpenAI does: data lines, no usage fields unless asked, and [DONE] last', async () => {
    await using provider = await startFakeProvider();
    provider.script('m', { kind: 'stream', chunks: ['a', 'b'] });
    const body = JSON.stringify({ model: 'm', messages: hello, stream: true });
    const response = await fetch(`${provider.url}/chat/completions`, { method: 'POST', body });

    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const data = sseData(await response.text());
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Record<string, unknown>);
    expect(chunks.map((c) => c.choices)).toEqual([
      [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { content: 'a' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { content: 'b' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }],
    ]);
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
  });

  it('answers a stream behaviour to a request without stream: true with the chunks joined', async () => {
    await using provider = await startFakeProvider();
    provider.script('m', { kind: 'stream', chunks: ['Hel', 'lo', '!'] });
    const completion = await clientOf(provider).chat.completions.create({ model: 'm', messages: hello });
    expect(completion.choices[0]?.message.content).toBe('Hello!');
  });

  it('answers tool calls, plain and streamed as deltas the client reassembles', async () => {
    await using provider = await startFakeProvider();
    const client = clientOf(provider);
    const toolCalls = [
      { id: 'call_1', name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
      { id: 'call_2', name: 'get_time', arguments: '{"zone":"CET"}' },
    ];
    provider.script('m', { kind: 'reply', toolCalls });
    const expected = [
      { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' } },
      { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{"zone":"CET"}' } },
    ];

    const plain = await client.chat.completions.create({ model: 'm', messages: hello });
    expect(plain.choices[0]).toMatchObject({ message: { role: 'assistant', content: null, tool_calls: expected }, finish_reason: 'tool_calls' });

    const streamed = await client.chat.completions.stream({ model: 'm', messages: hello }).finalChatCompletion();
    expect(streamed.choices[0]).toMatchObject({ message: { role: 'assistant', content: null, tool_calls: expected }, finish_reason: 'tool_calls' });
  });

  it('answers deterministic unit-vector embeddings, base64 (the client default) or float', async () => {
    await using provider = await startFakeProvider();
    const client = clientOf(provider);
    const first = await client.embeddings.create({ model: 'emb', input: ['alpha', 'beta'] });
    const again = await client.embeddings.create({ model: 'emb', input: 'alpha', encoding_format: 'float' });
    const wide = await client.embeddings.create({ model: 'emb', input: 'alpha', dimensions: 20 });

    expect(provider.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(first).toMatchObject({ object: 'list', model: 'emb', usage: { prompt_tokens: 3, total_tokens: 3 } });
    expect(first.data.map((d) => [d.object, d.index, d.embedding.length])).toEqual([
      ['embedding', 0, 8],
      ['embedding', 1, 8],
    ]);
    const [alpha, beta] = first.data.map((d) => d.embedding);
    expect(Math.hypot(...(alpha ?? []))).toBeCloseTo(1, 5);
    expect(alpha).not.toEqual(beta);
    for (const [i, value] of (again.data[0]?.embedding ?? []).entries()) expect(value).toBeCloseTo(alpha?.[i] ?? NaN, 6);
    expect(wide.data[0]?.embedding).toHaveLength(20);
  });

  it('lists the scripted models and the ones given as options', async () => {
    await using provider = await startFakeProvider({ models: ['listed'] });
    provider.script('scripted', { kind: 'reply' });
    const models = [];
    for await (const model of clientOf(provider).models.list()) models.push(model);
    expect(models).toEqual([
      { id: 'listed', object: 'model', created: 0, owned_by: 'fake-provider' },
      { id: 'scripted', object: 'model', created: 0, owned_by: 'fake-provider' },
    ]);
  });

  it('surfaces a rate limit as RateLimitError with its Retry-After header', async () => {
    await using provider = await startFakeProvider();
    provider.script('m', { kind: 'rateLimited', retryAfterSeconds: 7 });
    const error = await rejectionOf(clientOf(provider).chat.completions.create({ model: 'm', messages: hello }));

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.headers.get('retry-after')).toBe('7');
    expect(rateLimit.error).toMatchObject({ type: 'requests', param: null, code: 'rate_limit_exceeded' });
  });

  it('surfaces a context-length error as BadRequestError with code context_length_exceeded', async () => {
    await using provider = await startFakeProvider();
    provider.script('m', { kind: 'contextLength', maxContextTokens: 4096 });
    const error = await rejectionOf(clientOf(provider).chat.completions.create({ model: 'm', messages: hello }));

    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'context_length_exceeded', param: 'messages', type: 'invalid_request_error' });
    expect((error as Error).message).toContain("This model's maximum context length is 4096 tokens");
  });

  it.each([
    [{ kind: 'serverError' } as const, OpenAI.InternalServerError, { status: 500, type: 'server_error' }],
    [{ kind: 'serverError', status: 503 } as const, OpenAI.InternalServerError, { status: 503, type: 'server_error' }],
    [{ kind: 'authFailed' } as const, OpenAI.AuthenticationError, { status: 401, code: 'invalid_api_key' }],
    [{ kind: 'badRequest', message: 'no such thing' } as const, OpenAI.BadRequestError, { status: 400, type: 'invalid_request_error' }],
    [{ kind: 'contentFilter' } as const, OpenAI.BadRequestError, { status: 400, code: 'content_policy_violation' }],
    [{ kind: 'contentFilter', style: 'azure' } as const, OpenAI.BadRequestError, { status: 400, code: 'content_filter', param: 'prompt' }],
  ])('answers %o with the OpenAI error the client classifies', async (behaviour, errorClass, fields) => {
    await using provider = await startFakeProvider();
    provider.script('m', behaviour);
    const error = await rejectionOf(clientOf(provider).chat.completions.create({ model: 'm', messages: hello }));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject(fields);
  });

  it('applies failure behaviours to embeddings too', async () => {
    await using provider = await startFakeProvider();
    provider.script('emb', { kind: 'rateLimited' }, { kind: 'reply' });
    const client = clientOf(provider);
    expect(await rejectionOf(client.embeddings.create({ model: 'emb', input: 'x' }))).toBeInstanceOf(OpenAI.RateLimitError);
    expect((await client.embeddings.create({ model: 'emb', input: 'x' })).data).toHaveLength(1);
  });

  it('answers a reply with finish_reason content_filter for an answer filtered after the fact', async () => {
    await using provider = await startFakeProvider();
    provider.script('m', { kind: 'reply', content: '', finishReason: 'content_filter' });
    const completion = await clientOf(provider).chat.completions.create({ model: 'm', messages: hello });
    expect(completion.choices[0]).toMatchObject({ message: { content: '' }, finish_reason: 'content_filter' });
  });

  it('drops the connection before an answer as a connection error', async () => {
    await using provider = await startFakeProvider();
    provider.script('m', { kind: 'drop' });
    expect(await rejectionOf(clientOf(provider).chat.completions.create({ model: 'm', messages: hello }))).toBeInstanceOf(OpenAI.APIConnectionError);
  });

  it('drops a stream after the given number of SSE events', async () => {
    await using provider = await startFakeProvider();
    provider.script('m', { kind: 'drop', afterChunks: 2 });
    const stream = await clientOf(provider).chat.completions.create({ model: 'm', messages: hello, stream: true });
    const received: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    );
    // Mid-body, the client's fetch (undici) fails the read with TypeError('terminated'), not an APIConnectionError.
    expect(error).toMatchObject({ name: 'TypeError', message: 'terminated' });
    expect(received).toEqual(['', 'm ']);
  });

  it('sends a slow stream chunk by chunk, holding the response open between them', async () => {
    await using provider = await startFakeProvider();
    provider.script('m', { kind: 'slowStream', chunkDelayMs: 40, chunks: ['a', 'b', 'c'] });
    const stream = await clientOf(provider).chat.completions.create({ model: 'm', messages: hello, stream: true });
    const openAtEachChunk: number[] = [];
    const received: string[] = [];
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content;
      if (!content) continue;
      received.push(content);
      openAtEachChunk.push(provider.openRequests);
    }
    expect(received).toEqual(['a', 'b', 'c']);
    // Each chunk reached the client while the provider was still holding the response open for the next one.
    expect(openAtEachChunk.slice(0, 2)).toEqual([1, 1]);
  });

  it('holds hanging requests open, counts them, and lets the client abort them', async () => {
    await using provider = await startFakeProvider();
    provider.script('m', { kind: 'hang' });
    const client = clientOf(provider);
    const abort = new AbortController();
    const calls = [1, 2, 3].map(() => rejectionOf(client.chat.completions.create({ model: 'm', messages: hello }, { signal: abort.signal })));
    await waitFor('three open requests', async () => (provider.openRequests === 3 ? true : undefined));
    abort.abort();

    for (const error of await Promise.all(calls)) expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
    await waitFor('no open requests', async () => (provider.openRequests === 0 ? true : undefined));
    expect(provider.peakOpenRequests).toBe(3);
  });

  it('closes with a hanging request open, and close is idempotent', async () => {
    const provider = await startFakeProvider();
    provider.setDefault({ kind: 'hang' });
    const call = rejectionOf(clientOf(provider).chat.completions.create({ model: 'm', messages: hello }));
    await waitFor('an open request', async () => (provider.openRequests === 1 ? true : undefined));
    await Promise.all([provider.close(), provider.close()]);
    expect(await call).toBeInstanceOf(OpenAI.APIConnectionError);
    await provider[Symbol.asyncDispose]();
  });

  it('checks the API key when given one, and records the Authorization header the client sent', async () => {
    await using provider = await startFakeProvider({ apiKey: 'sk-right-key-1234' });
    const error = await rejectionOf(clientOf(provider, 'sk-wrong-key-9876').chat.completions.create({ model: 'm', messages: hello }));
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect((error as Error).message).toContain('sk-****9876');

    const completion = await clientOf(provider, 'sk-right-key-1234').chat.completions.create({ model: 'm', messages: hello });
    expect(completion.choices[0]?.message.content).toBe('m says: hello there');
    expect(provider.requests.map((r) => r.headers.authorization)).toEqual(['Bearer sk-wrong-key-9876', 'Bearer sk-right-key-1234']);
  });

  it('records requests with their parsed body, and reset forgets them and the scripts', async () => {
    await using provider = await startFakeProvider();
    expect(provider.url).toBe(`${provider.origin}/v1`);
    expect(provider.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    provider.script('m', { kind: 'reply', content: 'scripted' });
    await clientOf(provider).chat.completions.create({ model: 'm', messages: hello });

    const [request] = provider.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions', model: 'm', body: { model: 'm', messages: hello } });
    expect(JSON.parse(request?.rawBody ?? '')).toEqual(request?.body);
    expect(request?.receivedAt).toBeInstanceOf(Date);

    provider.reset();
    expect(provider.requests).toHaveLength(0);
    const after = await clientOf(provider).chat.completions.create({ model: 'm', messages: hello });
    expect(after.choices[0]?.message.content).toBe('m says: hello there');
  });

  it('answers unknown routes with 404 and unparsable JSON with 400, as OpenAI errors', async () => {
    await using provider = await startFakeProvider();
    const missing = await fetch(`${provider.url}/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { message: 'Invalid URL (GET /v1/nothing)', type: 'invalid_request_error', param: null, code: null },
    });

    const broken = await fetch(`${provider.url}/chat/completions`, { method: 'POST', body: '{not json' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect(provider.requests.map((r) => [r.path, r.body])).toEqual([
      ['/v1/nothing', undefined],
      ['/v1/chat/completions', undefined],
    ]);
  });

  it('rejects invalid options, naming the field', async () => {
    await expect(startFakeProvider({ latencyMs: -1 })).rejects.toThrow(/latencyMs/);
  });
});
