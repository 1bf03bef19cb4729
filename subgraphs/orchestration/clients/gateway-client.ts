import { traceCarrier } from '../../../platform/telemetry/spans.ts';
import { GatewayCallError, postGatewayOperation, signGatewayToken } from '../../../platform/subgraph/gateway-client.ts';
import { StepError } from '../engine/step-error.ts';
import { answerOfCompletion, ChatCompletionAccumulator } from './chat-completion-accumulator.ts';
import type { ChatCompletionAnswer, ChatCompletionBody, ChatCompletionProgress } from './chat-completion-wire.ts';
import { modelCallError, retryAfterSecondsOf } from './model-call-error.ts';
import { readSseData } from './sse-data-reader.ts';

/** Scopes of the token a run's steps present to the gateway. */
export const RUN_TOKEN_SCOPES = ['memory:read', 'memory:write', 'routing:read', 'routing:write'] as const;
/** Lifetime of that token, in seconds. */
export const RUN_TOKEN_TTL_SECONDS = 60;
/** Path of the gateway's OpenAI-compatible chat completions, at the gateway's origin. */
export const CHAT_COMPLETIONS_PATH = '/v1/chat/completions';
/** Largest error body read from `/v1/chat/completions`, in UTF-16 code units (the rest is dropped). */
const MAX_ERROR_BODY_CHARS = 64 * 1024;
/** Largest non-streamed `chat.completion` body, in UTF-16 code units (an answer of `MAX_ANSWER_CHARS`, JSON-escaped). */
const MAX_COMPLETION_BODY_CHARS = 4 * 1024 * 1024;

/** Options of {@link createGatewayClient}. */
export interface GatewayClientOptions {
  /**
   * The gateway's GraphQL URL (`config.endpoints.gatewayUrl`); chat completions go to {@link CHAT_COMPLETIONS_PATH} at
   * its origin.
   */
  readonly url: string;
  /** HS256 secret of client JWTs (`config.auth.jwtSecret`). */
  readonly jwtSecret: string;
  /** `iss` of client JWTs (`config.auth.jwtIssuer`), if any. */
  readonly jwtIssuer: string | undefined;
  /** `aud` of client JWTs (`config.auth.jwtAudience`), if any: the gateway requires it when configured. */
  readonly jwtAudience?: string | undefined;
}

/** Who a call acts for: the run (subject `workflow-run:<runId>`) in its tenant. */
export interface GatewayCaller {
  readonly tenantId: string;
  readonly runId: string;
}

/** Calls the supergraph as a client (memory and routing steps never import those subgraphs). */
export interface GatewayClient {
  /**
   * POSTs one GraphQL operation and returns its `data`.
   * @throws {@link StepError} (`UPSTREAM`) for HTTP failures and GraphQL errors (their messages joined), or
   *   (`CANCELLED`/`TIMEOUT`) when `signal` aborts.
   */
  request<T>(caller: GatewayCaller, query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<T>;

  /**
   * One model call through the routing service: POSTs `body` (OpenAI's Chat Completions request plus `orchestra`) to
   * the gateway's `/v1/chat/completions`. With `body.stream`, reads the server-sent chunks as they come and calls
   * `onDelta` after each one that appended content (synchronously, in order; an exception it throws fails the call).
   * The routing service chooses the model, holds the provider credentials, retries and falls back, and records every
   * attempt; this side never sees a provider key.
   * @returns the answer (content, tool calls, finish reason, model, usage, Orchestra's cost/latency/decision/request).
   * @throws {@link StepError}: the code of the service's error (see `modelCallError`: RATE_LIMITED,
   *   CONTEXT_LENGTH_EXCEEDED, ... — also for an error event after the stream started), UPSTREAM when the gateway is
   *   unreachable or the stream breaks off, OUTPUT_TOO_LARGE past `MAX_ANSWER_CHARS`, CANCELLED/TIMEOUT when `signal`
   *   aborts.
   */
  chatCompletion(
    caller: GatewayCaller,
    body: ChatCompletionBody,
    signal: AbortSignal,
    onDelta?: (progress: ChatCompletionProgress) => void,
  ): Promise<ChatCompletionAnswer>;
}

/** Creates a {@link GatewayClient} that signs a short-lived client JWT per call (see {@link RUN_TOKEN_SCOPES}). */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const tokenFor = (caller: GatewayCaller): Promise<string> =>
    signGatewayToken(options, { tenantId: caller.tenantId, subject: `workflow-run:${caller.runId}`, scopes: RUN_TOKEN_SCOPES }, RUN_TOKEN_TTL_SECONDS);
  const completionsUrl = new URL(CHAT_COMPLETIONS_PATH, options.url).href;
  return {
    chatCompletion: async (caller, body, signal, onDelta) => postChatCompletion(completionsUrl, await tokenFor(caller), body, signal, onDelta),
    async request<T>(caller: GatewayCaller, query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<T> {
      const token = await tokenFor(caller);
      try {
        return await postGatewayOperation<T>(options.url, token, query, variables, signal);
      } catch (error) {
        throw stepErrorOf(error, signal);
      }
    },
  };
}

/** The {@link StepError} of a failed {@link postGatewayOperation}. */
function stepErrorOf(error: unknown, signal: AbortSignal): StepError {
  if (!(error instanceof GatewayCallError)) return StepError.fromFetch(error, signal, 'gateway');
  switch (error.kind) {
    case 'request':
      return StepError.fromFetch(error.cause, signal, 'gateway');
    case 'body':
      return StepError.fromFetch(error.cause, signal, `gateway (HTTP ${error.status})`);
    case 'graphql':
    case 'no-data':
      return new StepError('UPSTREAM', error.message);
    default: {
      const never: never = error.kind;
      return never;
    }
  }
}

/** What a failed call names as its target (never a provider: the gateway is the only one this side talks to). */
const COMPLETIONS_TARGET = 'routing service (gateway /v1/chat/completions)';

/** {@link GatewayClient.chatCompletion} against `url` with `token`. */
async function postChatCompletion(
  url: string,
  token: string,
  body: ChatCompletionBody,
  signal: AbortSignal,
  onDelta: ((progress: ChatCompletionProgress) => void) | undefined,
): Promise<ChatCompletionAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: body.stream ? 'text/event-stream' : 'application/json',
        authorization: `Bearer ${token}`,
        ...traceCarrier(),
      },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    throw StepError.fromFetch(error, signal, COMPLETIONS_TARGET);
  }
  try {
    if (!response.ok) {
      const text = await readText(response, MAX_ERROR_BODY_CHARS);
      throw modelCallError(parseJson(text), { status: response.status, retryAfterSeconds: retryAfterSecondsOf(response.headers.get('retry-after')) });
    }
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      const text = await readText(response, MAX_COMPLETION_BODY_CHARS);
      if (text.length >= MAX_COMPLETION_BODY_CHARS)
        throw new StepError('OUTPUT_TOO_LARGE', `model call: the answer is larger than ${MAX_COMPLETION_BODY_CHARS} characters`);
      return answerOfCompletion(parseJson(text));
    }
    const answer = new ChatCompletionAccumulator();
    for await (const data of readSseData(response.body ?? emptyBody())) {
      const progress = answer.add(data);
      if (progress) onDelta?.(progress);
      if (answer.finished) break;
    }
    return answer.result();
  } catch (error) {
    if (error instanceof StepError) throw error;
    throw StepError.fromFetch(error, signal, COMPLETIONS_TARGET);
  } finally {
    if (response.body && !response.bodyUsed) await response.body.cancel().catch(() => undefined);
  }
}

/** The body as text, at most `maxChars` of it (the rest is not read). */
async function readText(response: Response, maxChars: number): Promise<string> {
  if (!response.body) return '';
  const decoder = new TextDecoder();
  let text = '';
  for await (const bytes of response.body) {
    text += decoder.decode(bytes, { stream: true });
    if (text.length >= maxChars) return text.slice(0, maxChars);
  }
  return text + decoder.decode();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}
