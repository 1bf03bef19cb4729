import { StepError } from '../engine/step-error.ts';
import type { AnswerToolCall, ChatCompletionAnswer, ChatCompletionProgress, OrchestraAnswerExtras } from './chat-completion-wire.ts';
import { modelCallError } from './model-call-error.ts';

/**
 * Longest answer a step takes, in UTF-16 code units of content plus tool call arguments (1 Mi, the size of a step's
 * output): a longer one fails the call with OUTPUT_TOO_LARGE as soon as it passes the limit.
 */
export const MAX_ANSWER_CHARS = 1024 * 1024;

/** The `data` of the last event of an OpenAI stream. */
export const STREAM_DONE = '[DONE]';

interface ChunkChoice {
  readonly delta?: {
    readonly content?: string | null;
    readonly tool_calls?: readonly { index?: number; id?: string; function?: { name?: string; arguments?: string } }[] | null;
  } | null;
  readonly finish_reason?: string | null;
}

interface WireUsage {
  readonly prompt_tokens?: number;
  readonly completion_tokens?: number;
}

interface CompletionBody {
  readonly model?: string;
  readonly choices?: readonly {
    readonly message?: {
      readonly content?: string | null;
      readonly tool_calls?: readonly { id?: string; function?: { name?: string; arguments?: string } }[] | null;
    };
    readonly finish_reason?: string | null;
  }[];
  readonly usage?: WireUsage | null;
  readonly orchestra?: unknown;
}

/**
 * Builds a {@link ChatCompletionAnswer} from the chunks of a streamed chat completion, as OpenAI streams them
 * (https://platform.openai.com/docs/api-reference/chat-streaming): `choices[0].delta.content` pieces appended,
 * `tool_calls` pieces merged by `index` (the first piece has the id and name, the others append to `arguments`), the
 * last `finish_reason`, and the `usage` (and Orchestra's `orchestra` extras) of the final chunk, whose `choices` is
 * empty. An `{ "error": { ... } }` event fails the call.
 */
export class ChatCompletionAccumulator {
  private content = '';
  private chars = 0;
  private readonly toolCalls: { id: string; name: string; arguments: string }[] = [];
  private finishReason: string | null = null;
  private model: string | null = null;
  private usage = { inputTokens: 0, outputTokens: 0 };
  private extras: OrchestraAnswerExtras = EMPTY_EXTRAS;
  private done = false;

  /** Whether `data: [DONE]` arrived. */
  get finished(): boolean {
    return this.done;
  }

  /**
   * Takes the `data` of one event.
   * @returns the progress when the event appended content, else undefined.
   * @throws {@link StepError}: the mapped model-call error for an error event, UPSTREAM for data that is not a JSON
   *   object, OUTPUT_TOO_LARGE past {@link MAX_ANSWER_CHARS}.
   */
  add(data: string): ChatCompletionProgress | undefined {
    if (data === STREAM_DONE) {
      this.done = true;
      return undefined;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      throw new StepError('UPSTREAM', 'model call: the answer stream sent an event that is not JSON');
    }
    if (chunk === null || typeof chunk !== 'object') throw new StepError('UPSTREAM', 'model call: the answer stream sent an event that is not an object');
    const c = chunk as { error?: unknown; model?: unknown; choices?: readonly ChunkChoice[]; usage?: WireUsage | null; orchestra?: unknown };
    if (c.error !== undefined && c.error !== null) throw modelCallError(chunk);
    if (typeof c.model === 'string') this.model = c.model;
    if (c.usage) this.usage = usageOf(c.usage);
    if (c.orchestra !== undefined) this.extras = extrasOf(c.orchestra);
    const choice = c.choices?.[0];
    if (!choice) return undefined;
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    for (const piece of choice.delta?.tool_calls ?? []) this.addToolCallPiece(piece);
    const appended = choice.delta?.content;
    if (typeof appended !== 'string') return undefined;
    if (appended === '') return undefined;
    this.grow(appended.length);
    this.content += appended;
    return { appended, content: this.content };
  }

  /** The answer. @throws {@link StepError} (UPSTREAM) when the stream ended before `[DONE]`. */
  result(): ChatCompletionAnswer {
    if (!this.done) throw new StepError('UPSTREAM', 'model call: the answer stream ended before its end marker');
    return {
      content: this.content === '' && this.toolCalls.length > 0 ? null : this.content,
      toolCalls: this.toolCalls.filter((call) => call !== undefined),
      finishReason: this.finishReason,
      model: this.model,
      usage: this.usage,
      orchestra: this.extras,
    };
  }

  private addToolCallPiece(piece: { index?: number; id?: string; function?: { name?: string; arguments?: string } }): void {
    const index = piece.index ?? 0;
    if (!Number.isInteger(index) || index < 0 || index > 1000) throw new StepError('UPSTREAM', 'model call: a tool call piece has an invalid index');
    const call = (this.toolCalls[index] ??= { id: '', name: '', arguments: '' });
    const args = piece.function?.arguments ?? '';
    this.grow(args.length + (piece.function?.name?.length ?? 0));
    if (piece.id) call.id = piece.id;
    if (piece.function?.name) call.name += piece.function.name;
    call.arguments += args;
  }

  private grow(chars: number): void {
    this.chars += chars;
    if (this.chars > MAX_ANSWER_CHARS) throw new StepError('OUTPUT_TOO_LARGE', `model call: the answer is longer than ${MAX_ANSWER_CHARS} characters`);
  }
}

/**
 * The answer of a chat completion that was not streamed (OpenAI's `chat.completion` object plus `orchestra`).
 * @throws {@link StepError} (UPSTREAM) for a body without a choice; OUTPUT_TOO_LARGE past {@link MAX_ANSWER_CHARS}.
 */
export function answerOfCompletion(body: unknown): ChatCompletionAnswer {
  const b = (body ?? {}) as CompletionBody;
  const choice = b.choices?.[0];
  if (!choice?.message) throw new StepError('UPSTREAM', 'model call: the answer has no choice');
  const toolCalls: AnswerToolCall[] = (choice.message.tool_calls ?? []).map((c) => ({
    id: c.id ?? '',
    name: c.function?.name ?? '',
    arguments: c.function?.arguments ?? '',
  }));
  const content = choice.message.content ?? null;
  const chars = (content?.length ?? 0) + toolCalls.reduce((n, c) => n + c.arguments.length, 0);
  if (chars > MAX_ANSWER_CHARS) throw new StepError('OUTPUT_TOO_LARGE', `model call: the answer is longer than ${MAX_ANSWER_CHARS} characters`);
  return {
    content,
    toolCalls,
    finishReason: choice.finish_reason ?? null,
    model: typeof b.model === 'string' ? b.model : null,
    usage: usageOf(b.usage ?? {}),
    orchestra: extrasOf(b.orchestra),
  };
}

const EMPTY_EXTRAS: OrchestraAnswerExtras = Object.freeze({
  costUsd: undefined,
  latencyMs: undefined,
  requestId: undefined,
  decisionId: undefined,
  deployment: undefined,
  provider: undefined,
});

const usageOf = (usage: WireUsage): { inputTokens: number; outputTokens: number } => ({
  inputTokens: finiteOr(usage.prompt_tokens, 0),
  outputTokens: finiteOr(usage.completion_tokens, 0),
});

/** Orchestra's extras; `deployment` may be a name, or `{ name, provider }`. */
function extrasOf(value: unknown): OrchestraAnswerExtras {
  if (value === null || typeof value !== 'object') return EMPTY_EXTRAS;
  const o = value as Record<string, unknown>;
  const deployment = o['deployment'];
  const nested = deployment !== null && typeof deployment === 'object' ? (deployment as Record<string, unknown>) : undefined;
  return {
    costUsd: numberOrUndefined(o['costUsd']),
    latencyMs: numberOrUndefined(o['latencyMs']),
    requestId: stringOrUndefined(o['requestId']),
    decisionId: stringOrUndefined(o['decisionId']),
    deployment: stringOrUndefined(nested ? nested['name'] : deployment),
    provider: stringOrUndefined(nested?.['provider'] ?? o['provider']),
  };
}

const finiteOr = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const numberOrUndefined = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const stringOrUndefined = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
