import { errors as undiciErrors, request, type Dispatcher } from 'undici';
import { EgressDeniedError } from '../../../platform/errors.ts';
import type { ChatCompletionDelta, ChatCompletionRequest, ChatMessage, ToolCall } from './chat-completion.ts';
import { classifyAnswer, ProviderFailure } from './provider-failure.ts';

/** Largest non-streamed answer read from a provider, in bytes. */
export const MAX_PROVIDER_ANSWER_BYTES = 8 * 1024 * 1024;

/** Where and how one attempt calls a provider. */
export interface ProviderCallTarget {
  /** Base URL of the OpenAI-compatible API, no trailing slash; the client POSTs `${baseUrl}/chat/completions`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer` to `baseUrl`, and only there (no redirect is followed). */
  readonly apiKey: string | undefined;
  /** The model name sent to the provider. */
  readonly model: string;
  /** The connection pool: the egress policy's for tenant-chosen targets, a plain one for the operator's. */
  readonly dispatcher: Dispatcher;
}

/** What one successful attempt returned. */
export interface ProviderAnswer {
  readonly content: string | null;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: string | null;
  /** From the provider's usage; 0 when it reported none. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** From the attempt's start to the first streamed delta, in ms; null when not streamed. */
  readonly timeToFirstTokenMs: number | null;
}

interface OpenAiChoice {
  message?: { content?: string | null; tool_calls?: { id?: string; function?: { name?: string; arguments?: string } }[] };
  delta?: { content?: string | null; tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[] };
  finish_reason?: string | null;
}
interface OpenAiAnswer {
  choices?: OpenAiChoice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/**
 * One attempt of an OpenAI Chat Completions call (`POST ${baseUrl}/chat/completions`), streamed when `onDelta` is
 * given (`stream: true`, `stream_options.include_usage`; server-sent events per the WHATWG HTML "server-sent events"
 * format, ending with `data: [DONE]`). No retries here: the router is the only retry loop.
 * @throws {@link ProviderFailure} classified from the answer (provider-failure.ts), `TIMEOUT` when `signal` aborts with
 *   reason `'TIMEOUT'`, `CANCELLED` for any other abort, `EGRESS_DENIED` when the egress policy refused the target.
 */
export async function callChatCompletion(
  target: ProviderCallTarget,
  chat: ChatCompletionRequest,
  signal: AbortSignal,
  onDelta?: (delta: ChatCompletionDelta) => void | Promise<void>,
): Promise<ProviderAnswer> {
  const started = performance.now();
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: onDelta ? 'text/event-stream' : 'application/json' };
  if (target.apiKey) headers['authorization'] = `Bearer ${target.apiKey}`;
  let answer: Dispatcher.ResponseData;
  try {
    answer = await request(`${target.baseUrl}/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(wireBody(target.model, chat, onDelta !== undefined)),
      dispatcher: target.dispatcher,
      signal,
      maxRedirections: 0,
    } as Parameters<typeof request>[1]);
  } catch (error) {
    throw asFailure(error, signal);
  }
  try {
    if (answer.statusCode < 200 || answer.statusCode > 299) {
      const text = await answer.body.text();
      const retryAfter = answer.headers['retry-after'];
      throw classifyAnswer(answer.statusCode, text, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    }
    const contentType = String(answer.headers['content-type'] ?? '');
    if (onDelta && contentType.includes('text/event-stream')) return await readStream(answer.body, started, onDelta);
    const text = await readBounded(answer.body);
    return fromAnswer(JSON.parse(text) as OpenAiAnswer, null);
  } catch (error) {
    answer.body.destroy();
    throw asFailure(error, signal);
  }
}

/** The request body in OpenAI's wire format. */
function wireBody(model: string, chat: ChatCompletionRequest, stream: boolean): Record<string, unknown> {
  return {
    model,
    messages: chat.messages.map(wireMessage),
    ...(chat.tools
      ? {
          tools: chat.tools.map((t) => ({
            type: 'function',
            function: {
              name: t.name,
              ...(t.description !== undefined ? { description: t.description } : {}),
              ...(t.parameters !== undefined ? { parameters: t.parameters } : {}),
            },
          })),
        }
      : {}),
    ...(chat.toolChoice !== undefined ? { tool_choice: chat.toolChoice } : {}),
    ...(chat.responseFormat !== undefined ? { response_format: chat.responseFormat } : {}),
    ...(chat.temperature !== undefined ? { temperature: chat.temperature } : {}),
    ...(chat.maxTokens !== undefined ? { max_tokens: chat.maxTokens } : {}),
    ...(chat.stop !== undefined ? { stop: chat.stop } : {}),
    ...(chat.seed !== undefined ? { seed: chat.seed } : {}),
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  };
}

function wireMessage(m: ChatMessage): Record<string, unknown> {
  return {
    role: m.role,
    content: m.content,
    ...(m.name !== undefined ? { name: m.name } : {}),
    ...(m.toolCallId !== undefined ? { tool_call_id: m.toolCallId } : {}),
    ...(m.toolCalls?.length
      ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) }
      : {}),
  };
}

function fromAnswer(body: OpenAiAnswer, timeToFirstTokenMs: number | null): ProviderAnswer {
  const choice = body.choices?.[0];
  if (!choice?.message) throw new ProviderFailure('PROVIDER_UNAVAILABLE', 'provider answered without a choice');
  if (choice.finish_reason === 'content_filter') throw new ProviderFailure('CONTENT_FILTERED', 'provider filtered the answer (finish reason content_filter)');
  return {
    content: choice.message.content ?? null,
    toolCalls: (choice.message.tool_calls ?? []).map((c, i) => ({
      id: c.id ?? `call_${i}`,
      name: c.function?.name ?? '',
      arguments: c.function?.arguments ?? '',
    })),
    finishReason: choice.finish_reason ?? null,
    inputTokens: body.usage?.prompt_tokens ?? 0,
    outputTokens: body.usage?.completion_tokens ?? 0,
    timeToFirstTokenMs,
  };
}

/** Reads OpenAI chat completion chunks, passing each delta on, and assembles the whole answer. */
async function readStream(
  body: Dispatcher.ResponseData['body'],
  started: number,
  onDelta: (delta: ChatCompletionDelta) => void | Promise<void>,
): Promise<ProviderAnswer> {
  let content: string | null = null;
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  let finishReason: string | null = null;
  let usage: OpenAiAnswer['usage'] = null;
  let firstTokenMs: number | null = null;
  let done = false;
  let buffer = '';
  const decoder = new TextDecoder();
  const handle = (data: string): void | Promise<void> => {
    if (data === '[DONE]') {
      done = true;
      return;
    }
    const chunk = JSON.parse(data) as OpenAiAnswer & { error?: unknown };
    if (chunk.error !== undefined) throw classifyAnswer(500, data, undefined);
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return;
    if (choice.finish_reason) finishReason = choice.finish_reason;
    const delta = choice.delta;
    if (!delta) return;
    const text = delta.content ?? undefined;
    const toolCalls = delta.tool_calls?.map((c, i) => {
      const index = c.index ?? i;
      const call = calls.get(index) ?? { id: '', name: '', arguments: '' };
      if (c.id) call.id = c.id;
      if (c.function?.name) call.name += c.function.name;
      if (c.function?.arguments) call.arguments += c.function.arguments;
      calls.set(index, call);
      return {
        index,
        ...(c.id ? { id: c.id } : {}),
        ...(c.function?.name ? { name: c.function.name } : {}),
        ...(c.function?.arguments ? { arguments: c.function.arguments } : {}),
      };
    });
    if (text) content = (content ?? '') + text;
    if (text || toolCalls?.length) {
      firstTokenMs ??= performance.now() - started;
      return onDelta({ ...(text ? { content: text } : {}), ...(toolCalls?.length ? { toolCalls } : {}) });
    }
    return undefined;
  };
  for await (const piece of body) {
    buffer += decoder.decode(piece as Buffer, { stream: true });
    for (let end = buffer.search(/\r?\n\r?\n/); end >= 0; end = buffer.search(/\r?\n\r?\n/)) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) {
        const consumed = handle(data);
        // Backpressure: the next piece is read once the sink has taken this delta.
        if (consumed) await consumed;
      }
    }
  }
  if (!done && finishReason === null) throw new ProviderFailure('PROVIDER_UNAVAILABLE', 'the provider ended the stream before its end');
  if (finishReason === 'content_filter') throw new ProviderFailure('CONTENT_FILTERED', 'provider filtered the answer (finish reason content_filter)');
  const finalUsage = usage as OpenAiAnswer['usage'];
  return {
    content,
    toolCalls: [...calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c),
    finishReason,
    inputTokens: finalUsage?.prompt_tokens ?? 0,
    outputTokens: finalUsage?.completion_tokens ?? 0,
    timeToFirstTokenMs: firstTokenMs,
  };
}

/**
 * Reads a provider's answer body as UTF-8 text, at most `maxBytes` of it.
 * @throws {@link ProviderFailure} `PROVIDER_UNAVAILABLE` when the body is larger
 */
export async function readBounded(body: Dispatcher.ResponseData['body'], maxBytes = MAX_PROVIDER_ANSWER_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const piece of body) {
    size += (piece as Buffer).length;
    if (size > maxBytes) throw new ProviderFailure('PROVIDER_UNAVAILABLE', `provider answer is over ${maxBytes} bytes`);
    chunks.push(piece as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Maps anything an attempt threw to a {@link ProviderFailure}: `TIMEOUT` when `signal` aborted with reason
 * `'TIMEOUT'`, `CANCELLED` for another abort, `EGRESS_DENIED` for the egress policy's refusal, else
 * `PROVIDER_UNAVAILABLE` (invalid JSON, connection failures).
 */
export function asFailure(error: unknown, signal: AbortSignal): ProviderFailure {
  if (error instanceof ProviderFailure) return error;
  if (signal.aborted) {
    return signal.reason === 'TIMEOUT' ? new ProviderFailure('TIMEOUT', 'the attempt timed out') : new ProviderFailure('CANCELLED', 'the call was cancelled');
  }
  if (error instanceof EgressDeniedError) return new ProviderFailure('EGRESS_DENIED', error.message);
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof EgressDeniedError) return new ProviderFailure('EGRESS_DENIED', cause.message);
  if (error instanceof SyntaxError) return new ProviderFailure('PROVIDER_UNAVAILABLE', 'provider answered with invalid JSON');
  if (error instanceof undiciErrors.UndiciError || error instanceof Error) {
    return new ProviderFailure('PROVIDER_UNAVAILABLE', `provider unreachable: ${(error as Error).message}`);
  }
  return new ProviderFailure('PROVIDER_UNAVAILABLE', 'provider unreachable');
}
