import { createServer } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyToken } from '../../../platform/auth/tokens.ts';
import { startFakeProvider, type FakeProvider } from '../../../test/kit/fake-provider.ts';
import { StepError } from '../engine/step-error.ts';
import type { ChatCompletionBody, ChatCompletionProgress } from './chat-completion-wire.ts';
import { createGatewayClient, type GatewayClient } from './gateway-client.ts';

/**
 * The chat-completions client against the scripted OpenAI-compatible provider, which speaks the wire the gateway's
 * `/v1/chat/completions` speaks (plain and SSE answers, OpenAI error bodies): the client is pointed at the provider's
 * origin as if it were the gateway's.
 */
const SECRET = 'gateway-client-test-secret-0123456789';
const caller = { tenantId: 't-client', runId: '00000000-0000-4000-8000-000000000001' };

let provider: FakeProvider;
let client: GatewayClient;

beforeAll(async () => {
  provider = await startFakeProvider();
  client = createGatewayClient({ url: `${provider.origin}/graphql`, jwtSecret: SECRET, jwtIssuer: undefined });
});
afterAll(async () => provider?.close());
beforeEach(() => provider.reset());

const body = (overrides: Partial<ChatCompletionBody> = {}): ChatCompletionBody => ({
  model: 'gpt-test',
  messages: [{ role: 'user', content: 'hello there' }],
  stream: true,
  ...overrides,
});

async function failureOf(promise: Promise<unknown>): Promise<StepError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StepError);
    return error as StepError;
  }
  throw new Error('expected the call to fail');
}

describe('GatewayClient.chatCompletion', () => {
  it('posts to /v1/chat/completions at the gateway origin with a run token, and reads a streamed answer delta by delta', async () => {
    provider.script('gpt-test', { kind: 'stream', chunks: ['The ', 'answer ', 'forms.'] });
    const progress: ChatCompletionProgress[] = [];
    const answer = await client.chatCompletion(caller, body({ stream_options: { include_usage: true } }), new AbortController().signal, (p) =>
      progress.push(p),
    );

    expect(progress).toEqual([
      { appended: 'The ', content: 'The ' },
      { appended: 'answer ', content: 'The answer ' },
      { appended: 'forms.', content: 'The answer forms.' },
    ]);
    expect(answer).toMatchObject({ content: 'The answer forms.', toolCalls: [], finishReason: 'stop', model: 'gpt-test' });
    expect(answer.usage.outputTokens).toBeGreaterThan(0);

    const [received] = provider.requestsFor('gpt-test');
    expect(received?.path).toBe('/v1/chat/completions');
    expect(received?.headers['accept']).toBe('text/event-stream');
    const token = String(received?.headers['authorization']).replace(/^Bearer /, '');
    const { principal } = await verifyToken(token, { secret: SECRET, issuer: undefined });
    expect(principal).toMatchObject({ tenantId: caller.tenantId, subject: `workflow-run:${caller.runId}` });
    expect(principal.scopes).toContain('routing:write');
  });

  it('signs its run token with the configured audience, which a gateway requiring that audience accepts', async () => {
    const withAudience = createGatewayClient({ url: `${provider.origin}/graphql`, jwtSecret: SECRET, jwtIssuer: undefined, jwtAudience: 'orchestra-gateway' });
    provider.script('gpt-test', { kind: 'reply', content: 'ok' });
    await withAudience.chatCompletion(caller, body(), new AbortController().signal);
    const [received] = provider.requestsFor('gpt-test');
    const token = String(received?.headers['authorization']).replace(/^Bearer /, '');
    const { principal } = await verifyToken(token, { secret: SECRET, audience: 'orchestra-gateway' });
    expect(principal.tenantId).toBe(caller.tenantId);
    await expect(verifyToken(token, { secret: SECRET, audience: 'another-audience' })).rejects.toThrow(/"aud"/);
  });

  it('merges streamed tool call pieces by index', async () => {
    provider.script('gpt-test', { kind: 'reply', toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { query: 'otters and their habits' } }] });
    const answer = await client.chatCompletion(caller, body(), new AbortController().signal);
    expect(answer).toMatchObject({ content: null, finishReason: 'tool_calls' });
    expect(answer.toolCalls).toEqual([{ id: 'call_1', name: 'lookup', arguments: '{"query":"otters and their habits"}' }]);
  });

  it('reads an answer that was not streamed', async () => {
    provider.script('gpt-test', { kind: 'reply', content: 'whole answer', usage: { promptTokens: 3, completionTokens: 2 } });
    let deltas = 0;
    const answer = await client.chatCompletion(caller, body({ stream: false }), new AbortController().signal, () => deltas++);
    expect(answer).toMatchObject({ content: 'whole answer', finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 2 } });
    expect(deltas).toBe(0);
  });

  it('maps error answers to step error codes: rate limits (with Retry-After) and unavailability retryable, context length final', async () => {
    provider.script(
      'gpt-test',
      { kind: 'rateLimited', retryAfterSeconds: 7 },
      { kind: 'contextLength' },
      { kind: 'contentFilter' },
      { kind: 'serverError', status: 503 },
    );
    const signal = new AbortController().signal;
    const limited = await failureOf(client.chatCompletion(caller, body(), signal));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.message).toContain('retry after 7 s');
    expect((await failureOf(client.chatCompletion(caller, body(), signal))).code).toBe('CONTEXT_LENGTH_EXCEEDED');
    expect((await failureOf(client.chatCompletion(caller, body(), signal))).code).toBe('CONTENT_FILTERED');
    expect((await failureOf(client.chatCompletion(caller, body(), signal))).code).toBe('UPSTREAM');
  });

  it('fails with UPSTREAM when the stream breaks off before its end marker, after the deltas that came', async () => {
    provider.script('gpt-test', { kind: 'drop', afterChunks: 3 });
    const progress: string[] = [];
    const failure = await failureOf(client.chatCompletion(caller, body(), new AbortController().signal, (p) => progress.push(p.content)));
    expect(failure.code).toBe('UPSTREAM');
    expect(progress.length).toBeGreaterThan(0);
  });

  it('fails with the abort reason when the signal aborts mid-stream', async () => {
    provider.script('gpt-test', { kind: 'slowStream', chunkDelayMs: 60_000, chunks: ['first ', 'never'] });
    const controller = new AbortController();
    const call = client.chatCompletion(caller, body(), controller.signal, () => controller.abort('CANCELLED'));
    expect((await failureOf(call)).code).toBe('CANCELLED');
  });
});

describe('GatewayClient.chatCompletion against the routing service wire', () => {
  /** A server answering each request with the next scripted raw response. */
  let server: ReturnType<typeof createServer>;
  let answers: { status: number; type: string; body: string; headers?: Record<string, string> }[] = [];
  let routing: GatewayClient;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const next = answers.shift() ?? { status: 500, type: 'text/plain', body: 'unscripted' };
        res.writeHead(next.status, { 'content-type': next.type, ...next.headers });
        res.end(next.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    routing = createGatewayClient({ url: `http://127.0.0.1:${port}/graphql`, jwtSecret: SECRET, jwtIssuer: undefined });
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  const sse = (...events: unknown[]): string => events.map((e) => `data: ${typeof e === 'string' ? e : JSON.stringify(e)}\r\n\r\n`).join('');
  const chunk = (delta: object, finish: string | null = null): object => ({
    object: 'chat.completion.chunk',
    model: 'm-1',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

  it("takes Orchestra's extras from the final usage chunk (CRLF line ends)", async () => {
    const extras = { costUsd: 0.25, latencyMs: 42, requestId: 'req-1', decisionId: 'dec-1', deployment: 'm-1', provider: 'fake', attempts: [] };
    answers = [
      {
        status: 200,
        type: 'text/event-stream',
        body: sse(
          chunk({ role: 'assistant', content: '' }),
          chunk({ content: 'hi' }),
          chunk({}, 'stop'),
          { choices: [], usage: { prompt_tokens: 4, completion_tokens: 1 }, orchestra: extras },
          '[DONE]',
        ),
      },
    ];
    const answer = await routing.chatCompletion(caller, body(), new AbortController().signal);
    expect(answer).toEqual({
      content: 'hi',
      toolCalls: [],
      finishReason: 'stop',
      model: 'm-1',
      usage: { inputTokens: 4, outputTokens: 1 },
      orchestra: { costUsd: 0.25, latencyMs: 42, requestId: 'req-1', decisionId: 'dec-1', deployment: 'm-1', provider: 'fake' },
    });
  });

  it("maps Orchestra's error code, also from an error event after the stream started", async () => {
    const error = (code: string, openAiCode: string | null) => ({
      error: { message: `failed: ${code}`, type: 'x', param: null, code: openAiCode, orchestra: { code } },
    });
    answers = [
      { status: 400, type: 'application/json', body: JSON.stringify(error('BAD_USER_INPUT', null)) },
      { status: 502, type: 'application/json', body: JSON.stringify(error('PROVIDER_UNAVAILABLE', 'provider_unavailable')) },
      { status: 429, type: 'application/json', body: JSON.stringify(error('BUDGET_EXCEEDED', 'insufficient_quota')) },
      { status: 403, type: 'application/json', body: JSON.stringify({ error: { message: 'denied', code: 'EGRESS_DENIED' } }) },
      { status: 200, type: 'text/event-stream', body: sse(chunk({ content: 'par' }), error('PROVIDER_AUTH_FAILED', 'provider_auth_failed')) },
    ];
    const signal = new AbortController().signal;
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await failureOf(routing.chatCompletion(caller, body(), signal))).code);
    expect(codes).toEqual(['INVALID_CONFIG', 'PROVIDER_UNAVAILABLE', 'BUDGET_EXCEEDED', 'EGRESS_DENIED', 'PROVIDER_AUTH_FAILED']);
  });

  it('fails OUTPUT_TOO_LARGE as soon as a streamed answer passes its bound', async () => {
    const piece = 'x'.repeat(64 * 1024);
    answers = [{ status: 200, type: 'text/event-stream', body: sse(...Array.from({ length: 20 }, () => chunk({ content: piece })), '[DONE]') }];
    expect((await failureOf(routing.chatCompletion(caller, body(), new AbortController().signal))).code).toBe('OUTPUT_TOO_LARGE');
  });
});
