import type { ServerResponse } from 'node:http';

/** The `system_fingerprint` every answer of the fake provider carries, as OpenAI's answers do. */
const FAKE_SYSTEM_FINGERPRINT = 'fp_fake0001';

/** Characters of a tool call's `arguments` per streamed delta (OpenAI streams them a token or so at a time). */
const ARGUMENT_PIECE_CHARS = 8;

/** Extra response headers, e.g. `x-request-id`. */
export type AnswerHeaders = Readonly<Record<string, string>>;

/** A tool call as it goes on the wire: its arguments already a JSON string. */
export interface WireToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** OpenAI's `usage` object of a chat completion (the detail counts are always 0). */
export interface ChatUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
  readonly prompt_tokens_details: { readonly cached_tokens: number; readonly audio_tokens: number };
  readonly completion_tokens_details: {
    readonly reasoning_tokens: number;
    readonly audio_tokens: number;
    readonly accepted_prediction_tokens: number;
    readonly rejected_prediction_tokens: number;
  };
}

/** Builds OpenAI's `usage` object from the two token counts. */
export function chatUsage(promptTokens: number, completionTokens: number): ChatUsage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** One chat answer, ready to be written whole ({@link ChatPlan.contentChunks} joined) or streamed. */
export interface ChatPlan {
  /** The completion id, `chatcmpl-…`, shared by every chunk. */
  readonly id: string;
  /** Unix time in seconds. */
  readonly created: number;
  readonly model: string;
  /** The content, one element per streamed delta; empty with tool calls means `content: null`. */
  readonly contentChunks: readonly string[];
  readonly toolCalls: readonly WireToolCall[];
  readonly finishReason: string;
  readonly usage: ChatUsage;
  /** Milliseconds before the answer (a stream's headers and first chunks) is sent. */
  readonly firstChunkDelayMs: number;
  /** Milliseconds between two streamed content or argument deltas. */
  readonly chunkDelayMs: number;
  /** The socket is destroyed after this many SSE events were written; `undefined`: the stream completes. */
  readonly dropAfterChunks: number | undefined;
}

/**
 * Waits `ms` milliseconds unless the response closes first (the client aborted or the server is closing).
 * @returns whether the response is still open
 */
export function waitWhileOpen(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

/** Splits text into words, each keeping the whitespace after it, so that the pieces join back into `text`. */
export function splitWords(text: string): string[] {
  return text.split(/(?<=\s)(?=\S)/).filter((piece) => piece.length > 0);
}

/** Writes `body` as JSON with `status`, unless the client has gone away. */
export function writeJson(res: ServerResponse, status: number, body: unknown, headers: AnswerHeaders): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** How the request asked for its answer: its `stream` and `stream_options.include_usage`. */
export interface ChatAnswerMode {
  readonly stream: boolean;
  readonly includeUsage: boolean;
}

/**
 * Answers a chat completion request with `plan`: streamed ({@link writeChatStream}), or as one `chat.completion`
 * object sent after the time the stream would have taken (first delay plus the gaps between its deltas).
 */
export async function writeChatAnswer(res: ServerResponse, plan: ChatPlan, mode: ChatAnswerMode, headers: AnswerHeaders): Promise<void> {
  if (mode.stream) return writeChatStream(res, plan, mode.includeUsage, headers);
  const gaps = Math.max(0, tokenDeltas(plan).length - 1);
  if (!(await waitWhileOpen(res, plan.firstChunkDelayMs + plan.chunkDelayMs * gaps))) return;
  const hasContent = plan.contentChunks.length > 0 || plan.toolCalls.length === 0;
  const toolCalls = plan.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  const message = {
    role: 'assistant',
    content: hasContent ? plan.contentChunks.join('') : null,
    refusal: null,
    annotations: [],
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  const completion = {
    id: plan.id,
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: plan.usage,
    service_tier: 'default',
    system_fingerprint: FAKE_SYSTEM_FINGERPRINT,
  };
  writeJson(res, 200, completion, headers);
}

/**
 * Writes `plan` as OpenAI streams a chat completion: `data: <chunk>` events — a first delta with the role, the content
 * deltas, the tool call deltas (a header with id and name, then argument pieces), a chunk with the finish reason, then
 * when `includeUsage` a chunk with `choices: []` and the usage — and `data: [DONE]`. With `includeUsage` every other
 * chunk carries `usage: null`, as OpenAI's do. Stops early when the client goes away.
 */
export async function writeChatStream(res: ServerResponse, plan: ChatPlan, includeUsage: boolean, headers: AnswerHeaders): Promise<void> {
  if (!(await waitWhileOpen(res, plan.firstChunkDelayMs))) return;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers });
  res.flushHeaders();
  let flushed = Promise.resolve();
  for (const [index, event] of streamEvents(plan, includeUsage).entries()) {
    if (index === plan.dropAfterChunks) {
      await flushed; // the events before the drop reach the client
      res.destroy();
      return;
    }
    if (!(await waitWhileOpen(res, event.delayBeforeMs))) return;
    flushed = new Promise((resolve) => res.write(`data: ${event.data}\n\n`, () => resolve()));
  }
  res.end();
}

/** One SSE event of a stream and the wait before it. */
interface StreamEvent {
  readonly data: string;
  readonly delayBeforeMs: number;
}

/** Whether the message is tool calls only: then its first delta carries `content: null` and the first call's header. */
const isToolCallsOnly = (plan: ChatPlan): boolean => plan.contentChunks.length === 0 && plan.toolCalls.length > 0;

const toolCallHeader = (call: WireToolCall, index: number): object => ({
  index,
  id: call.id,
  type: 'function',
  function: { name: call.name, arguments: '' },
});

/** The deltas after the first (role) one: content pieces, then each tool call's header and argument pieces. */
function tokenDeltas(plan: ChatPlan): object[] {
  const deltas: object[] = plan.contentChunks.map((content) => ({ content }));
  plan.toolCalls.forEach((call, index) => {
    if (index > 0 || !isToolCallsOnly(plan)) deltas.push({ tool_calls: [toolCallHeader(call, index)] });
    for (let at = 0; at < call.arguments.length; at += ARGUMENT_PIECE_CHARS) {
      deltas.push({ tool_calls: [{ index, function: { arguments: call.arguments.slice(at, at + ARGUMENT_PIECE_CHARS) } }] });
    }
  });
  return deltas;
}

function streamEvents(plan: ChatPlan, includeUsage: boolean): StreamEvent[] {
  const { id, created, model } = plan;
  const head = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: FAKE_SYSTEM_FINGERPRINT };
  const usage = includeUsage ? { usage: null } : {};
  const chunk = (delta: object, finishReason: string | null): StreamEvent => ({
    data: JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...usage }),
    delayBeforeMs: 0,
  });
  const first = isToolCallsOnly(plan)
    ? { role: 'assistant', content: null, tool_calls: [toolCallHeader(plan.toolCalls[0]!, 0)], refusal: null }
    : { role: 'assistant', content: '', refusal: null };
  const events = [chunk(first, null)];
  tokenDeltas(plan).forEach((delta, index) => events.push({ ...chunk(delta, null), delayBeforeMs: index === 0 ? 0 : plan.chunkDelayMs }));
  events.push(chunk({}, plan.finishReason));
  if (includeUsage) events.push({ data: JSON.stringify({ ...head, choices: [], usage: plan.usage }), delayBeforeMs: 0 });
  events.push({ data: '[DONE]', delayBeforeMs: 0 });
  return events;
}
