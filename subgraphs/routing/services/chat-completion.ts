import type { ModelCall } from '../entities/model-call.ts';
import type { ModelProfile } from '../entities/model-profile.ts';
import type { RoutingDecision } from '../entities/routing-decision.ts';
import type { RoutingWeights } from './routing-score.ts';

/**
 * The domain of chat completions, shared by the GraphQL mutation `createChatCompletion`, the OpenAI-compatible
 * `/v1/chat/completions` route and `llm` steps (which reach it through the gateway): one request shape, one result
 * shape, one code path (services/completion-service.ts). Field meanings follow OpenAI's Chat Completions API.
 */

/** A tool call the model made (OpenAI's `tool_calls[]` of type `function`). */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments as a JSON string, as the model produced them. */
  readonly arguments: string;
}

/** One message of the conversation. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  /** Null for an assistant message that only calls tools. */
  readonly content: string | null;
  readonly name?: string | undefined;
  /** For `tool` messages: the call answered. */
  readonly toolCallId?: string | undefined;
  /** For `assistant` messages: the calls made. */
  readonly toolCalls?: readonly ToolCall[] | undefined;
}

/** A function the model may call. */
export interface ToolDefinition {
  readonly name: string;
  readonly description?: string | undefined;
  /** JSON Schema of the arguments. */
  readonly parameters?: unknown;
}

/** A validated completion request (services/completion-input.ts builds it from either API). */
export interface ChatCompletionRequest {
  readonly messages: readonly ChatMessage[];
  /** A model or model group name; undefined = the router chooses. */
  readonly model: string | undefined;
  readonly taskType: string | undefined;
  /** Normalised routing weights. */
  readonly weights: RoutingWeights;
  readonly maxCostUsd: number | undefined;
  readonly maxLatencyMs: number | undefined;
  readonly minQuality: number | undefined;
  /** Only route among these model or group names. */
  readonly models: readonly string[] | undefined;
  readonly tools: readonly ToolDefinition[] | undefined;
  /** OpenAI's `tool_choice`, passed through. */
  readonly toolChoice: unknown;
  /** OpenAI's `response_format`, passed through. */
  readonly responseFormat: unknown;
  readonly temperature: number | undefined;
  readonly maxTokens: number | undefined;
  readonly stop: readonly string[] | undefined;
  readonly seed: number | undefined;
  readonly sessionId: string | undefined;
  readonly runId: string | undefined;
  readonly stepId: string | undefined;
  readonly memoryId: string | undefined;
  /** Timeout of each attempt, in ms. */
  readonly timeoutMs: number | undefined;
  /** Estimated input tokens (⌈characters / 4⌉ of the messages and tools), for routing, limits and budgets. */
  readonly estimatedInputTokens: number;
}

/** Token counts of a call, as the provider reported them. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
}

/** The answer of a completion, with what it took (the codegen mapper of `ChatCompletion`). */
export interface ChatCompletionResult {
  /** The request id, shared by its attempts' `ModelCall.requestId`. */
  readonly id: string;
  /** Epoch seconds of the request, as OpenAI's `created`. */
  readonly created: number;
  readonly content: string | null;
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: string | null;
  readonly usage: TokenUsage;
  /** Cost of every attempt, in USD. */
  readonly costUsd: number;
  /** From the request to the answer, waits included, in ms. */
  readonly latencyMs: number;
  /** From the request to the answering attempt's first token, in ms; null when not streamed. */
  readonly timeToFirstTokenMs: number | null;
  /** The deployment that answered. */
  readonly deployment: ModelProfile;
  /** Every attempt, in order; the last one answered. */
  readonly attempts: readonly ModelCall[];
  readonly decision: RoutingDecision;
}

/** A piece of a streamed answer (OpenAI's `choices[0].delta`, flattened). */
export interface ChatCompletionDelta {
  /** Text appended to the answer. */
  readonly content?: string | undefined;
  /** Tool call pieces: `index` identifies the call; `id` and `name` come with its first piece. */
  readonly toolCalls?: readonly { readonly index: number; readonly id?: string; readonly name?: string; readonly arguments?: string }[] | undefined;
}

/** Receives a streamed answer as it forms; a completion with a sink streams from the provider. */
export interface ChatCompletionSink {
  /** Called once, when the answering deployment starts (before its first delta). */
  onStart?(deployment: ModelProfile, requestId: string): void;
  /**
   * Takes one delta. A promise returned is awaited before the provider's stream is read further: a slow consumer
   * (a client behind on its socket) slows the read from the provider instead of filling memory.
   */
  onDelta(delta: ChatCompletionDelta): void | Promise<void>;
}
