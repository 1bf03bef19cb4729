import type { ModelProfile } from '../entities/model-profile.ts';
import type { ChatCompletionDelta, ChatCompletionResult, ToolCall } from './chat-completion.ts';

/**
 * The answer side of the OpenAI-compatible API's wire format (pure): a completion result as OpenAI's chat completion
 * object or as chat completion chunks in server-sent events, and the tenant's models as OpenAI's model list. Shapes
 * follow OpenAI's API reference: "The chat completion object" and "The chat completion chunk object"
 * (https://platform.openai.com/docs/api-reference/chat), Models "List"
 * (https://platform.openai.com/docs/api-reference/models/list).
 */

/** Prefix of a completion's `id` before the request id (as OpenAI's `chatcmpl-…`). */
export const COMPLETION_ID_PREFIX = 'chatcmpl-';
/** `owned_by` of a model group in `/v1/models` (a deployment's is its provider). */
export const GROUP_OWNER = 'orchestra';

/** OpenAI's `tool_calls[]` entry of a message. */
export interface OpenAiToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

/** OpenAI's `usage` of a completion, in tokens. */
export interface OpenAiUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** Orchestra's additions to a completion (OpenAI clients ignore unknown fields). */
export interface OrchestraCompletionExtras {
  /** The request id, shared by the attempts' `ModelCall.requestId`. */
  readonly requestId: string;
  /** Cost of every attempt, in USD. */
  readonly costUsd: number;
  /** From the request to the answer, in ms. */
  readonly latencyMs: number;
  readonly timeToFirstTokenMs: number | null;
  /** The answering deployment's name and provider. */
  readonly deployment: string;
  readonly provider: string;
  /** The routing decision of the answering attempt. */
  readonly decisionId: string;
  readonly attempts: readonly { attempt: number; deployment: string; status: string; errorClass: string | null; latencyMs: number; costUsd: number }[];
}

/** OpenAI's chat completion object (`object: "chat.completion"`), plus {@link OrchestraCompletionExtras}. */
export interface OpenAiChatCompletion {
  readonly id: string;
  readonly object: 'chat.completion';
  /** Epoch seconds. */
  readonly created: number;
  /** The answering deployment's name. */
  readonly model: string;
  readonly choices: readonly [
    {
      readonly index: 0;
      readonly message: { role: 'assistant'; content: string | null; refusal: null; tool_calls?: OpenAiToolCall[] };
      readonly finish_reason: string;
      readonly logprobs: null;
    },
  ];
  readonly usage: OpenAiUsage;
  readonly system_fingerprint: null;
  readonly orchestra: OrchestraCompletionExtras;
}

/** The `chat.completion` object of a result; `finish_reason` defaults to `stop` (`tool_calls` with tool calls). */
export function toChatCompletion(result: ChatCompletionResult): OpenAiChatCompletion {
  return {
    id: completionIdOf(result.id),
    object: 'chat.completion',
    created: result.created,
    model: result.deployment.name,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: result.content,
          refusal: null,
          ...(result.toolCalls.length > 0 ? { tool_calls: result.toolCalls.map(toolCallOf) } : {}),
        },
        finish_reason: finishReasonOf(result),
        logprobs: null,
      },
    ],
    usage: usageOf(result),
    system_fingerprint: null,
    orchestra: extrasOf(result),
  };
}

/** The OpenAI `id` of the completion of request `requestId`. */
export const completionIdOf = (requestId: string): string => `${COMPLETION_ID_PREFIX}${requestId}`;

/** OpenAI's `finish_reason` of a result. */
export const finishReasonOf = (result: ChatCompletionResult): string => result.finishReason ?? (result.toolCalls.length > 0 ? 'tool_calls' : 'stop');

/** OpenAI's `usage` of a result. */
export const usageOf = (result: ChatCompletionResult): OpenAiUsage => ({
  prompt_tokens: result.usage.inputTokens,
  completion_tokens: result.usage.outputTokens,
  total_tokens: result.usage.totalTokens,
});

/** Orchestra's additions of a result: cost, latency, the deployment, the decision and a summary of every attempt. */
export function extrasOf(result: ChatCompletionResult): OrchestraCompletionExtras {
  return {
    requestId: result.id,
    costUsd: result.costUsd,
    latencyMs: result.latencyMs,
    timeToFirstTokenMs: result.timeToFirstTokenMs,
    deployment: result.deployment.name,
    provider: result.deployment.provider,
    decisionId: result.decision.id,
    attempts: result.attempts.map((a) => ({
      attempt: a.attempt,
      deployment: a.modelName,
      status: a.status,
      errorClass: a.errorClass,
      latencyMs: a.latencyMs,
      costUsd: a.costUsd,
    })),
  };
}

const toolCallOf = (call: ToolCall): OpenAiToolCall => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } });

/** OpenAI's `choices[0].delta` of a chunk. */
export interface OpenAiDelta {
  readonly role?: 'assistant';
  readonly content?: string;
  readonly tool_calls?: readonly {
    index: number;
    id?: string;
    type?: 'function';
    function: { name?: string; arguments?: string };
  }[];
}

/**
 * The OpenAI delta of a streamed piece: content as is; a tool call's first piece (the one with its `id`) gets
 * `type: "function"`, as OpenAI sends it.
 */
export function toChunkDelta(delta: ChatCompletionDelta): OpenAiDelta {
  return {
    ...(delta.content !== undefined ? { content: delta.content } : {}),
    ...(delta.toolCalls?.length
      ? {
          tool_calls: delta.toolCalls.map((c) => ({
            index: c.index,
            ...(c.id !== undefined ? { id: c.id, type: 'function' as const } : {}),
            function: { ...(c.name !== undefined ? { name: c.name } : {}), ...(c.arguments !== undefined ? { arguments: c.arguments } : {}) },
          })),
        }
      : {}),
  };
}

/** The fields every chunk of one stream shares. */
export interface ChunkHead {
  /** `chatcmpl-<request id>`. */
  readonly id: string;
  /** Epoch seconds of the stream's start. */
  readonly created: number;
  /** The answering deployment's name. */
  readonly model: string;
  /** Whether the caller asked for `stream_options.include_usage` (then each chunk has `usage: null`). */
  readonly includeUsage: boolean;
}

/** A `chat.completion.chunk` with one choice: `delta`, and `finish_reason` (null until the last choice chunk). */
export function choiceChunk(head: ChunkHead, delta: OpenAiDelta, finishReason: string | null = null): Record<string, unknown> {
  return {
    id: head.id,
    object: 'chat.completion.chunk',
    created: head.created,
    model: head.model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(head.includeUsage ? { usage: null } : {}),
  };
}

/** The last chunk of a stream: no choices, the usage, and Orchestra's extras (as OpenAI's `include_usage` chunk). */
export function usageChunk(head: ChunkHead, result: ChatCompletionResult): Record<string, unknown> {
  return {
    id: head.id,
    object: 'chat.completion.chunk',
    created: head.created,
    model: head.model,
    system_fingerprint: null,
    choices: [],
    usage: usageOf(result),
    orchestra: extrasOf(result),
  };
}

/** `/v1/models` entry. */
export interface OpenAiModel {
  readonly id: string;
  readonly object: 'model';
  /** Epoch seconds. */
  readonly created: number;
  readonly owned_by: string;
}

/**
 * OpenAI's model list of the tenant's enabled deployments (by name, `owned_by` its provider) and then their group
 * names that are not also a deployment's name (`owned_by` {@link GROUP_OWNER}, `created` of the group's oldest
 * deployment): every name a request's `model` may give.
 */
export function toModelList(models: readonly ModelProfile[]): { object: 'list'; data: OpenAiModel[] } {
  const names = new Set(models.map((m) => m.name));
  const groups = new Map<string, number>();
  for (const m of models) {
    if (names.has(m.group)) continue;
    const created = epochSeconds(m.createdAt);
    groups.set(m.group, Math.min(groups.get(m.group) ?? created, created));
  }
  return {
    object: 'list',
    data: [
      ...models.map((m): OpenAiModel => ({ id: m.name, object: 'model', created: epochSeconds(m.createdAt), owned_by: m.provider })),
      ...[...groups].sort(([a], [b]) => a.localeCompare(b)).map(([id, created]): OpenAiModel => ({ id, object: 'model', created, owned_by: GROUP_OWNER })),
    ],
  };
}

const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * One server-sent event carrying `data` as one `data:` line (JSON never holds a raw line break), or the stream's
 * end marker `data: [DONE]`. Format: WHATWG HTML, "Server-sent events"
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 */
export function sseEvent(data: unknown): string {
  return `data: ${data === DONE ? DONE : JSON.stringify(data)}\n\n`;
}

/** The `data` of the last event of an OpenAI stream. */
export const DONE = '[DONE]';
