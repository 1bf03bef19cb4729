import { listenOnLoopback } from './loopback-server.ts';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { chatUsage, splitWords, waitWhileOpen, writeChatAnswer, writeJson, type ChatPlan } from './fake-provider-stream.ts';

/** A tool call a scripted {@link FakeReply} makes. */
export interface FakeToolCall {
  /** @defaultValue a random `call_…` id */
  readonly id?: string;
  readonly name: string;
  /** A JSON string sent as is, or a value sent JSON-encoded. @defaultValue `{}` */
  readonly arguments?: string | Readonly<Record<string, unknown>>;
}

/** A successful answer; streamed word by word when the request asks for `stream: true`. */
export interface FakeReply {
  readonly kind: 'reply';
  /** @defaultValue `"<model> says: <last user message>"`, or `null` content when {@link FakeReply.toolCalls} are given */
  readonly content?: string;
  readonly toolCalls?: readonly FakeToolCall[];
  /** Token counts to report. @defaultValue prompt: ⌈characters of all messages / 4⌉; completion: ⌈answer characters / 4⌉ */
  readonly usage?: { readonly promptTokens?: number; readonly completionTokens?: number };
  /** Milliseconds before the answer. @defaultValue {@link FakeProviderOptions.latencyMs} */
  readonly latencyMs?: number;
  /** e.g. `'length'` or `'content_filter'`. @defaultValue `'tool_calls'` with tool calls, else `'stop'` */
  readonly finishReason?: string;
}

/** A streamed answer in the given pieces; a request without `stream: true` gets them joined, after the same total delay. */
export interface FakeStream {
  readonly kind: 'stream';
  /** @defaultValue the words of the default {@link FakeReply.content} */
  readonly chunks?: readonly string[];
  /** Milliseconds between two chunks. @defaultValue 0 */
  readonly chunkDelayMs?: number;
  /** Milliseconds before the first chunk. @defaultValue {@link FakeProviderOptions.latencyMs} */
  readonly firstTokenDelayMs?: number;
}

/** A {@link FakeStream} with long gaps between its chunks. */
export interface FakeSlowStream {
  readonly kind: 'slowStream';
  /** Milliseconds between two chunks. */
  readonly chunkDelayMs: number;
  /** @defaultValue the words of the default {@link FakeReply.content} */
  readonly chunks?: readonly string[];
}

/** 429 `rate_limit_exceeded` with a `Retry-After` header. */
export interface FakeRateLimited {
  readonly kind: 'rateLimited';
  /** @defaultValue {@link DEFAULT_RETRY_AFTER_SECONDS} */
  readonly retryAfterSeconds?: number;
}

/** A 5xx `server_error`. */
export interface FakeServerError {
  readonly kind: 'serverError';
  /** @defaultValue 500 */
  readonly status?: number;
}

/** 400 `context_length_exceeded` (param `messages`). */
export interface FakeContextLength {
  readonly kind: 'contextLength';
  /** The model's limit the message names. @defaultValue {@link DEFAULT_MAX_CONTEXT_TOKENS} */
  readonly maxContextTokens?: number;
}

/** 400 for a rejected prompt: OpenAI's `content_policy_violation`, or Azure's `content_filter` with its `innererror`. */
export interface FakeContentFilter {
  readonly kind: 'contentFilter';
  /** @defaultValue `'openai'` */
  readonly style?: 'openai' | 'azure';
}

/** 401 `invalid_api_key`, whatever the request's key. */
export interface FakeAuthFailed {
  readonly kind: 'authFailed';
}

/** 400 `invalid_request_error`. */
export interface FakeBadRequest {
  readonly kind: 'badRequest';
  /** @defaultValue `'Invalid request.'` */
  readonly message?: string;
}

/** Destroys the socket: before any answer, or — for a streamed chat completion — after some SSE events. */
export interface FakeDrop {
  readonly kind: 'drop';
  /** SSE events (the role chunk counts) written before the drop; ignored without `stream: true`. @defaultValue drop before any answer */
  readonly afterChunks?: number;
}

/** Never answers, until the client aborts or the provider closes. */
export interface FakeHang {
  readonly kind: 'hang';
}

/** What the fake provider does with one request; see {@link FakeProvider.script}. */
export type FakeProviderBehaviour =
  | FakeReply
  | FakeStream
  | FakeSlowStream
  | FakeRateLimited
  | FakeServerError
  | FakeContextLength
  | FakeContentFilter
  | FakeAuthFailed
  | FakeBadRequest
  | FakeDrop
  | FakeHang;

/** The behaviours that answer with an OpenAI error body. */
type FakeFailure = FakeRateLimited | FakeServerError | FakeContextLength | FakeContentFilter | FakeAuthFailed | FakeBadRequest;

/** Options of {@link startFakeProvider}. */
export interface FakeProviderOptions {
  /** When set, a request without `Authorization: Bearer <apiKey>` gets 401 `invalid_api_key`. @defaultValue no check */
  readonly apiKey?: string;
  /** Milliseconds before a reply, or a stream's first chunk, unless the behaviour says otherwise. @defaultValue 0 */
  readonly latencyMs?: number;
  /** Length of the embeddings when a request names no `dimensions`. @defaultValue {@link DEFAULT_EMBEDDING_DIMENSIONS} */
  readonly embeddingDimensions?: number;
  /** Models `GET /v1/models` lists besides the scripted ones. @defaultValue none */
  readonly models?: readonly string[];
}

/** One request the fake provider received (recorded once its body has arrived). */
export interface FakeProviderRequest {
  readonly method: string;
  /** The request target as sent, e.g. `/v1/chat/completions`. */
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** The body parsed as JSON; `undefined` when empty or not JSON. */
  readonly body: unknown;
  readonly rawBody: string;
  /** The body's `model`, when it is a string. */
  readonly model: string | undefined;
  readonly receivedAt: Date;
}

/**
 * A scripted OpenAI-compatible provider: `POST /v1/chat/completions` (plain and SSE), `POST /v1/embeddings`
 * (deterministic unit vectors) and `GET /v1/models`, answering each request as the behaviour scripted for its model
 * says (by default a {@link FakeReply}). It records every request and how many were open at once.
 */
export interface FakeProvider extends AsyncDisposable {
  /** Base URL for OpenAI clients' `baseURL`, e.g. `http://127.0.0.1:40123/v1`. */
  readonly url: string;
  /** `url` without `/v1`, e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  /** Every request received, in arrival order. */
  readonly requests: readonly FakeProviderRequest[];
  /** Requests received and not yet answered or aborted. */
  readonly openRequests: number;
  /** The largest {@link FakeProvider.openRequests} seen (since the last {@link FakeProvider.reset}). */
  readonly peakOpenRequests: number;
  /**
   * Queues behaviours for the requests naming `model`, one per request; once they are used up, the last one repeats.
   * Another call appends to the queue.
   */
  script(model: string, ...behaviours: [FakeProviderBehaviour, ...FakeProviderBehaviour[]]): void;
  /** The behaviour for models never scripted. @defaultValue `{ kind: 'reply' }` */
  setDefault(behaviour: FakeProviderBehaviour): void;
  /** The requests whose body named `model`. */
  requestsFor(model: string): readonly FakeProviderRequest[];
  /** Forgets the recorded requests, the scripts and the default behaviour; the peak restarts from the open requests. */
  reset(): void;
  /** Closes the server, destroying open connections (idempotent). */
  close(): Promise<void>;
}

/** `Retry-After` of a {@link FakeRateLimited} answer, in seconds. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;
/** The limit a {@link FakeContextLength} answer names, in tokens. */
export const DEFAULT_MAX_CONTEXT_TOKENS = 8192;
/** Length of the embeddings by default. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 8;
/** Characters per token of the usage estimates. */
const CHARS_PER_TOKEN = 4;
const DEFAULT_BEHAVIOUR: FakeProviderBehaviour = { kind: 'reply' };
const FAILURE_KINDS: ReadonlySet<string> = new Set(['rateLimited', 'serverError', 'contextLength', 'contentFilter', 'authFailed', 'badRequest']);

const OptionsSchema = z.object({
  apiKey: z.string().min(1).optional(),
  latencyMs: z.number().int().min(0).default(0),
  embeddingDimensions: z.number().int().min(1).default(DEFAULT_EMBEDDING_DIMENSIONS),
  models: z.array(z.string().min(1)).default([]),
});
type ResolvedOptions = Readonly<z.infer<typeof OptionsSchema>>;

const ChatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.string(), content: z.unknown() })),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
});
type ChatRequest = z.infer<typeof ChatRequestSchema>;

const EmbeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()), z.array(z.number()), z.array(z.array(z.number()))]),
  dimensions: z.number().int().min(1).optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
});

/** An OpenAI error answer. */
interface Failure {
  readonly status: number;
  readonly error: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Starts a {@link FakeProvider} on a free loopback port.
 * @throws when an option is invalid, naming it
 */
export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`Invalid FakeProviderOptions: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const config: ResolvedOptions = Object.freeze(parsed.data);
  const requests: FakeProviderRequest[] = [];
  const scripts = new Map<string, { queue: FakeProviderBehaviour[]; current: FakeProviderBehaviour | undefined }>();
  let defaultBehaviour = DEFAULT_BEHAVIOUR;
  let open = 0;
  let peak = 0;

  const next = (model: string): FakeProviderBehaviour => {
    const script = scripts.get(model);
    if (!script) return defaultBehaviour;
    script.current = script.queue.shift() ?? script.current;
    return script.current ?? defaultBehaviour;
  };

  const server = createServer((req, res) => {
    open += 1;
    peak = Math.max(peak, open);
    res.on('close', () => (open -= 1));
    let rawBody = '';
    req.on('data', (chunk: Buffer) => (rawBody += chunk.toString()));
    req.on('end', () => {
      const body = parseJson(rawBody);
      const model = isRecord(body) && typeof body.model === 'string' ? body.model : undefined;
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body, rawBody, model, receivedAt: new Date() });
      const route = `${req.method} ${path.split('?')[0]}`;
      const auth = req.headers.authorization;
      if (config.apiKey !== undefined && auth !== `Bearer ${config.apiKey}`) {
        return sendFailure(res, invalidApiKey(auth?.replace(/^Bearer\s+/i, '') ?? ''));
      }
      if (rawBody !== '' && body === undefined) return sendFailure(res, invalidRequest('We could not parse the JSON body of your request.'));
      // An answer that fails half-way (it cannot, short of a bug here) reaches the client as a dropped connection.
      if (route === 'POST /v1/chat/completions') return void answerChat(res, body, { next, config }).catch(() => res.destroy());
      if (route === 'POST /v1/embeddings') return void answerEmbeddings(res, body, { next, config }).catch(() => res.destroy());
      if (route === 'GET /v1/models') {
        const ids = [...new Set([...config.models, ...scripts.keys()])];
        return sendJson(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake-provider' })) });
      }
      sendFailure(res, { status: 404, error: { message: `Invalid URL (${route})`, type: 'invalid_request_error', param: null, code: null } });
    });
  });
  const { origin, close } = await listenOnLoopback(server);
  return {
    url: `${origin}/v1`,
    origin,
    requests,
    get openRequests() {
      return open;
    },
    get peakOpenRequests() {
      return peak;
    },
    script(model, ...behaviours) {
      const script = scripts.get(model) ?? { queue: [], current: undefined };
      script.queue.push(...behaviours);
      scripts.set(model, script);
    },
    setDefault: (behaviour) => void (defaultBehaviour = behaviour),
    requestsFor: (model) => requests.filter((r) => r.model === model),
    reset() {
      requests.length = 0;
      scripts.clear();
      defaultBehaviour = DEFAULT_BEHAVIOUR;
      peak = open;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** What the route handlers need of the provider: the next behaviour for a model, and the options. */
interface Scripted {
  readonly next: (model: string) => FakeProviderBehaviour;
  readonly config: ResolvedOptions;
}

async function answerChat(res: ServerResponse, body: unknown, { next, config }: Scripted): Promise<void> {
  const parsed = ChatRequestSchema.safeParse(body);
  if (!parsed.success) return sendFailure(res, invalidZodRequest(parsed.error));
  const request = parsed.data;
  const behaviour = next(request.model);
  if (isFailure(behaviour)) return sendFailure(res, failureFor(behaviour, request.model, promptTokensOf(request)));
  let plan: ChatPlan;
  switch (behaviour.kind) {
    case 'reply':
      plan = chatPlan(request, behaviour, {
        firstChunkDelayMs: behaviour.latencyMs ?? config.latencyMs,
        chunkDelayMs: 0,
        dropAfterChunks: undefined,
      });
      break;
    case 'stream':
      plan = chatPlan(request, behaviour, {
        firstChunkDelayMs: behaviour.firstTokenDelayMs ?? config.latencyMs,
        chunkDelayMs: behaviour.chunkDelayMs ?? 0,
        dropAfterChunks: undefined,
      });
      break;
    case 'slowStream':
      plan = chatPlan(request, behaviour, { firstChunkDelayMs: config.latencyMs, chunkDelayMs: behaviour.chunkDelayMs, dropAfterChunks: undefined });
      break;
    case 'drop':
      if (behaviour.afterChunks === undefined || request.stream !== true) return void res.destroy();
      plan = chatPlan(request, { kind: 'reply' }, { firstChunkDelayMs: config.latencyMs, chunkDelayMs: 0, dropAfterChunks: behaviour.afterChunks });
      break;
    case 'hang':
      return;
    default:
      return assertNever(behaviour);
  }
  const mode = { stream: request.stream === true, includeUsage: request.stream_options?.include_usage === true };
  await writeChatAnswer(res, plan, mode, answerHeaders());
}

/** The answer to `request` for a reply or stream behaviour, sent with the given timing. */
function chatPlan(
  request: ChatRequest,
  behaviour: FakeReply | FakeStream | FakeSlowStream,
  { firstChunkDelayMs, chunkDelayMs, dropAfterChunks }: Pick<ChatPlan, 'firstChunkDelayMs' | 'chunkDelayMs' | 'dropAfterChunks'>,
): ChatPlan {
  const last = request.messages.findLast((m) => m.role === 'user');
  const defaultContent = `${request.model} says: ${last ? textOf(last.content) : ''}`;
  const reply = behaviour.kind === 'reply' ? behaviour : undefined;
  const toolCalls = (reply?.toolCalls ?? []).map((call) => ({
    id: call.id ?? `call_${randomBytes(12).toString('hex')}`,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
  }));
  const contentChunks =
    behaviour.kind === 'reply'
      ? splitWords(behaviour.content ?? (toolCalls.length > 0 ? '' : defaultContent))
      : [...(behaviour.chunks ?? splitWords(defaultContent))];
  const answerChars = contentChunks.join('').length + toolCalls.reduce((sum, call) => sum + call.name.length + call.arguments.length, 0);
  return {
    id: `chatcmpl-${randomBytes(12).toString('hex')}`,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    contentChunks,
    toolCalls,
    finishReason: reply?.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
    usage: chatUsage(reply?.usage?.promptTokens ?? promptTokensOf(request), reply?.usage?.completionTokens ?? tokensFor(answerChars)),
    firstChunkDelayMs,
    chunkDelayMs,
    dropAfterChunks,
  };
}

async function answerEmbeddings(res: ServerResponse, body: unknown, { next, config }: Scripted): Promise<void> {
  const parsed = EmbeddingsRequestSchema.safeParse(body);
  if (!parsed.success) return sendFailure(res, invalidZodRequest(parsed.error));
  const { model, input, dimensions = config.embeddingDimensions, encoding_format: format = 'float' } = parsed.data;
  const texts = typeof input === 'string' ? [input] : input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  const promptTokens = texts.reduce((sum, text) => sum + tokensFor(text.length), 0);
  const behaviour = next(model);
  if (isFailure(behaviour)) return sendFailure(res, failureFor(behaviour, model, promptTokens));
  switch (behaviour.kind) {
    case 'reply':
    case 'stream':
    case 'slowStream':
      break;
    case 'drop':
      return void res.destroy();
    case 'hang':
      return;
    default:
      return assertNever(behaviour);
  }
  if (!(await waitWhileOpen(res, behaviour.kind === 'reply' ? (behaviour.latencyMs ?? config.latencyMs) : config.latencyMs))) return;
  const data = texts.map((text, index) => {
    const vector = embeddingOf(model, text, dimensions);
    return { object: 'embedding', index, embedding: format === 'base64' ? Buffer.from(vector.buffer).toString('base64') : [...vector] };
  });
  sendJson(res, 200, { object: 'list', data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } });
}

/** A unit vector seeded by a SHA-256 of model and text: the same input always gets the same embedding. */
function embeddingOf(model: string, text: string, dimensions: number): Float32Array {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${model}\n${block}\n${text}`).digest();
    for (let at = 0; at + 4 <= digest.length && values.length < dimensions; at += 4) values.push(digest.readUInt32LE(at) / 0x8000_0000 - 1);
  }
  const norm = Math.hypot(...values) || 1;
  return Float32Array.from(values, (value) => value / norm);
}

function failureFor(behaviour: FakeFailure, model: string, promptTokens: number): Failure {
  switch (behaviour.kind) {
    case 'rateLimited': {
      const seconds = behaviour.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
      return {
        status: 429,
        headers: { 'retry-after': String(seconds), 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${seconds}s` },
        error: {
          message:
            `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 60, Used 60, Requested 1. ` +
            `Please try again in ${seconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        },
      };
    }
    case 'serverError': {
      const status = behaviour.status ?? 500;
      const message =
        status === 503
          ? 'The engine is currently overloaded, please try again later.'
          : 'The server had an error while processing your request. Sorry about that!';
      return { status, error: { message, type: 'server_error', param: null, code: null } };
    }
    case 'contextLength': {
      const max = behaviour.maxContextTokens ?? DEFAULT_MAX_CONTEXT_TOKENS;
      const message =
        `This model's maximum context length is ${max} tokens. However, your messages resulted in ${Math.max(promptTokens, max + 1)} tokens. ` +
        'Please reduce the length of the messages.';
      return { status: 400, error: { message, type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } };
    }
    case 'contentFilter':
      if (behaviour.style === 'azure') {
        const safe = { filtered: false, severity: 'safe' };
        const results = { hate: { filtered: true, severity: 'high' }, self_harm: safe, sexual: safe, violence: safe };
        const innererror = { code: 'ResponsibleAIPolicyViolation', content_filter_result: results };
        const message = "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.";
        return { status: 400, error: { message, type: null, param: 'prompt', code: 'content_filter', status: 400, innererror } };
      }
      return {
        status: 400,
        error: {
          message: 'Your request was rejected as a result of our safety system.',
          type: 'invalid_request_error',
          param: null,
          code: 'content_policy_violation',
        },
      };
    case 'authFailed':
      return invalidApiKey('rejected');
    case 'badRequest':
      return invalidRequest(behaviour.message ?? 'Invalid request.');
    default:
      return assertNever(behaviour);
  }
}

/** 401 `invalid_api_key` for `key` ('' when the request had none), masked as OpenAI does. */
function invalidApiKey(key: string): Failure {
  const masked = key.length > 8 ? `${key.slice(0, 3)}****${key.slice(-4)}` : '****';
  const message = key
    ? `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`
    : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
      '(i.e. Authorization: Bearer YOUR_KEY).';
  return { status: 401, error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } };
}

const invalidRequest = (message: string, param: string | null = null): Failure => ({
  status: 400,
  error: { message, type: 'invalid_request_error', param, code: null },
});

function invalidZodRequest(error: z.ZodError): Failure {
  const issue = error.issues[0];
  const param = issue?.path.join('.') ?? '';
  return invalidRequest(`Invalid value for '${param}': ${issue?.message ?? 'invalid'}.`, param || null);
}

const answerHeaders = (): Record<string, string> => ({ 'x-request-id': `req_${randomBytes(16).toString('hex')}`, 'openai-processing-ms': '1' });

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void =>
  writeJson(res, status, body, { ...answerHeaders(), ...headers });

const sendFailure = (res: ServerResponse, failure: Failure): void => sendJson(res, failure.status, { error: failure.error }, failure.headers);

const isFailure = (behaviour: FakeProviderBehaviour): behaviour is FakeFailure => FAILURE_KINDS.has(behaviour.kind);

const tokensFor = (chars: number): number => Math.ceil(chars / CHARS_PER_TOKEN);

const promptTokensOf = (request: ChatRequest): number => tokensFor(request.messages.reduce((sum, m) => sum + textOf(m.content).length, 0));

/** The text of a message's content: a string, or the `text` of its parts. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: unknown) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled fake provider behaviour ${JSON.stringify(value)}`);
}
