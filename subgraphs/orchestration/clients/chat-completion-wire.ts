/**
 * The shapes of the gateway's OpenAI-compatible `POST /v1/chat/completions` as the orchestration subgraph uses it:
 * OpenAI's Chat Completions request (https://platform.openai.com/docs/api-reference/chat/create) plus Orchestra's
 * `orchestra` object, and the answer reduced to what a step keeps. The routing subgraph owns the API; this side only
 * speaks it (subgraphs never import each other).
 */

/** A tool call on the wire (OpenAI's `tool_calls[]` entry). */
export interface WireToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

/** One message on the wire. */
export interface WireChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly content: string | null;
  readonly name?: string;
  readonly tool_call_id?: string;
  readonly tool_calls?: readonly WireToolCall[];
}

/** A function the model may call, on the wire. */
export interface WireTool {
  readonly type: 'function';
  readonly function: { readonly name: string; readonly description?: string; readonly parameters?: Readonly<Record<string, unknown>> };
}

/** Orchestra's routing and attribution fields of a request (all optional). */
export interface OrchestraRequestExtras {
  readonly taskType?: string;
  readonly sessionId?: string;
  /** The run and step the call is made for (recorded on its model calls). */
  readonly runId?: string;
  readonly stepId?: string;
  readonly memoryId?: string;
  /** Only route among these model or group names. */
  readonly models?: readonly string[];
  readonly maxCostUsd?: number;
  readonly maxLatencyMs?: number;
  readonly minQuality?: number;
  readonly weights?: { readonly cost: number; readonly latency: number; readonly quality: number };
  /** Timeout of each attempt, in ms. */
  readonly timeoutMs?: number;
}

/** The request body. `model` absent (or `"auto"`): the router chooses. */
export interface ChatCompletionBody {
  readonly model?: string;
  readonly messages: readonly WireChatMessage[];
  readonly tools?: readonly WireTool[];
  readonly tool_choice?: 'auto' | 'none' | 'required' | { readonly type: 'function'; readonly function: { readonly name: string } };
  readonly response_format?: Readonly<Record<string, unknown>>;
  readonly temperature?: number;
  readonly max_tokens?: number;
  readonly stop?: string | readonly string[];
  readonly seed?: number;
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage: boolean };
  readonly orchestra?: OrchestraRequestExtras;
}

/** A tool call the model made, as a step's output holds it. */
export interface AnswerToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments as the JSON string the model produced. */
  readonly arguments: string;
}

/** What the routing service reported about the call (the answer's `orchestra` object), when it did. */
export interface OrchestraAnswerExtras {
  /** Cost of every attempt, in USD. */
  readonly costUsd: number | undefined;
  /** From the request to the answer, in ms. */
  readonly latencyMs: number | undefined;
  /** The request id, shared by the call's `ModelCall` records. */
  readonly requestId: string | undefined;
  /** The routing decision of the answering attempt. */
  readonly decisionId: string | undefined;
  /** The answering deployment's name and provider. */
  readonly deployment: string | undefined;
  readonly provider: string | undefined;
}

/** A completed chat completion, streamed or not. */
export interface ChatCompletionAnswer {
  /** The answer's text; null when the model only called tools. */
  readonly content: string | null;
  readonly toolCalls: readonly AnswerToolCall[];
  /** OpenAI's `finish_reason` (`stop`, `length`, `tool_calls`, `content_filter`, ...); null when none came. */
  readonly finishReason: string | null;
  /** The answering model (the chunk's or completion's `model`). */
  readonly model: string | null;
  /** Token counts as reported (0 when not). */
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
  readonly orchestra: OrchestraAnswerExtras;
}

/** The answer so far of a streamed completion, after each content delta. */
export interface ChatCompletionProgress {
  /** The text the last chunk appended. */
  readonly appended: string;
  /** The whole answer so far. */
  readonly content: string;
}
