import type { Response } from 'express';
import type { Logger } from '../../platform/logger.ts';
import type { ModelProfile } from './entities/model-profile.ts';
import type { ChatCompletionDelta, ChatCompletionResult, ChatCompletionSink } from './services/chat-completion.ts';
import { toOpenAiError } from './services/openai-error-wire.ts';
import {
  choiceChunk,
  completionIdOf,
  DONE,
  finishReasonOf,
  sseEvent,
  toChunkDelta,
  usageChunk,
  type ChunkHead,
  type OpenAiDelta,
} from './services/openai-response-wire.ts';

/**
 * Most bytes a stream may have written that its client has not taken yet. The completion service delivers deltas
 * synchronously as the provider sends them, so a stream cannot pause its provider; a client this far behind is cut
 * off (which aborts the call) instead of growing the buffer without bound.
 */
export const MAX_STREAM_BUFFERED_BYTES = 1024 * 1024;

/** Headers of an event stream: no caching, no proxy buffering (nginx's `X-Accel-Buffering`). */
const STREAM_HEADERS = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
});

/**
 * A streamed chat completion answered the way OpenAI streams one (https://platform.openai.com/docs/api-reference/chat-streaming),
 * as server-sent events (WHATWG HTML, "Server-sent events"), one `data:` line per `chat.completion.chunk`:
 * 1. at the answering deployment's start (`onStart`), the status and headers, then a chunk with delta
 *    `{ role: "assistant", content: "" }`. Nothing is sent before, so a failure before the answer starts is still an
 *    ordinary HTTP error;
 * 2. a chunk per delta, written (and flushed) as it arrives;
 * 3. on success ({@link OpenAiChunkStream.finish}): a chunk with an empty delta and the `finish_reason`, then a chunk
 *    with `choices: []`, the `usage` and Orchestra's extras — always, not only when `stream_options.include_usage` is
 *    set (the usage is in the last chunk, as the API promises; OpenAI clients accept the chunk either way) — then
 *    `data: [DONE]`;
 * 4. on a failure after the start ({@link OpenAiChunkStream.fail}): one `data: {"error": {...}}` event (OpenAI's error
 *    object, which the `openai` client raises as an `APIError`), then the end, without `[DONE]`.
 */
export class OpenAiChunkStream implements ChatCompletionSink {
  private head: ChunkHead | undefined;
  private deltas = 0;

  /** @param includeUsage whether the caller asked for `stream_options.include_usage` (then chunks carry `usage: null`). */
  constructor(
    private readonly res: Response,
    private readonly includeUsage: boolean,
  ) {}

  /** Whether the status and headers have been sent (an error must then go in the stream). */
  get started(): boolean {
    return this.head !== undefined;
  }

  onStart(deployment: ModelProfile, requestId: string): void {
    this.start(deployment.name, requestId);
  }

  /** Writes the delta's chunk; while the socket is full, resolves only once it drained (or closed). */
  onDelta(delta: ChatCompletionDelta): void | Promise<void> {
    const head = this.head;
    if (!head) throw new Error('OpenAiChunkStream: onDelta before onStart');
    this.deltas++;
    if (this.write(choiceChunk(head, toChunkDelta(delta)))) return undefined;
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }

  /**
   * Ends a completed stream: the finish chunk, the usage chunk, `[DONE]`. A result that streamed no delta (e.g. a
   * provider that answered without streaming) is sent as one delta first.
   */
  finish(result: ChatCompletionResult): void {
    // The last chunks and the end of the body leave in one write (`end()` uncorks).
    this.res.cork();
    const head = this.head ?? this.start(result.deployment.name, result.id);
    if (this.deltas === 0) {
      const delta: OpenAiDelta = {
        ...(result.content !== null ? { content: result.content } : {}),
        ...(result.toolCalls.length > 0
          ? {
              tool_calls: result.toolCalls.map((c, index) => ({
                index,
                id: c.id,
                type: 'function' as const,
                function: { name: c.name, arguments: c.arguments },
              })),
            }
          : {}),
      };
      if (Object.keys(delta).length > 0) this.write(choiceChunk(head, delta));
    }
    this.write(choiceChunk(head, {}, finishReasonOf(result)));
    this.write(usageChunk(head, result));
    this.write(DONE);
    this.res.end();
  }

  /** Ends a started stream with `error` as an SSE error event (unexpected errors are logged, and masked). */
  fail(error: unknown, logger: Logger): void {
    const { body, unexpected } = toOpenAiError(error);
    if (unexpected) logger.error({ err: error }, 'streamed chat completion failed');
    this.write(body);
    this.res.end();
  }

  /** Sends the status, the headers and the role chunk. */
  private start(model: string, requestId: string): ChunkHead {
    if (this.head) return this.head;
    const head: ChunkHead = { id: completionIdOf(requestId), created: Math.floor(Date.now() / 1000), model, includeUsage: this.includeUsage };
    this.head = head;
    this.res.status(200).set(STREAM_HEADERS);
    // No flushHeaders(): the headers leave with the first chunk, in one write.
    this.write(choiceChunk(head, { role: 'assistant', content: '' }));
    return head;
  }

  /**
   * Writes one event; false when the socket's buffer is full (wait for `drain`). A client more than
   * {@link MAX_STREAM_BUFFERED_BYTES} behind is cut off (only the final chunks can overfill it, as deltas wait).
   */
  private write(data: unknown): boolean {
    if (this.res.destroyed || this.res.writableEnded) return true;
    if (this.res.write(sseEvent(data))) return true;
    if (this.res.writableLength > MAX_STREAM_BUFFERED_BYTES) {
      this.res.destroy();
      return true;
    }
    return false;
  }
}
