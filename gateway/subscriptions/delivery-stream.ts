import type { ExecutionResult } from 'graphql';
import { SlowConsumerError, toGraphQLError } from '../../platform/errors.ts';
import { SharedResult } from './shared-result.ts';
import { withTraceId } from './subscription-spans.ts';

/** Counts what streams do (the gateway's Prometheus metrics); every method is called once per occurrence. */
export interface DeliveryObserver {
  /** A stream opened. */
  opened(): void;
  /** The transport took one event's result. */
  delivered(): void;
  /** A stream was closed as too slow. */
  slow(): void;
  /** A stream ended (for any reason). */
  ended(): void;
}

/**
 * A transport's writer of one subscription's messages, for transports that take results pushed to them (graphql-ws
 * over `ws`) instead of pulling them from the stream's iterator.
 */
export interface ResultWriter {
  /**
   * Writes `result` as the subscription's next message, now, in order. Calls `written` exactly once, when the message
   * has left the process (handed to the kernel) or can no longer be (the connection closed).
   */
  write(result: SharedResult, written: () => void): void;
}

/**
 * The results of one subscription, each tagged with its event cursor, delivered in one of two ways:
 * - pulled: an async iterator that a transport (graphql-sse) reads; results wait in a queue;
 * - pushed: once {@link DeliveryStream.writeTo} gave it a {@link ResultWriter} (graphql-ws), each result is written at
 *   once — one shared serialisation, no queue, no promise per delivery — and the iterator only ends the subscription.
 *
 * Either way the results waiting are bounded: queued ones (pulled), or written ones the connection has not yet taken
 * (pushed). When `limit` of them wait and another comes (the consumer reads slower than events come), the stream ends
 * with one SLOW_CONSUMER error carrying `lastCursor`, the cursor of the last result the transport took, so that the
 * client can resume with `after: lastCursor` (pulled: the waiting results are dropped; pushed: those already written
 * still reach the client, before the error). A slow consumer thus costs at most `limit` results of memory and never
 * delays another subscriber.
 */
export class DeliveryStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: { result: SharedResult; cursor: string | null }[] = [];
  private writer: ResultWriter | undefined;
  /** Pushed results not yet taken by the connection. */
  private inFlight = 0;
  private waiting: ((value: IteratorResult<ExecutionResult>) => void) | undefined;
  private endAfterQueue = false;
  private lastTaken: string | null = null;
  private detachListeners: (() => void)[] | undefined = [];
  /** A producer waiting for room (see {@link DeliveryStream.room}). */
  private roomWaiter: { readonly size: number; readonly resolve: () => void } | undefined;
  private done = false;

  /**
   * @param limit - results that may wait before the consumer is closed as too slow (at least 1).
   * @param observer - counts opens, deliveries, slow consumers and ends;
   * @param traceId - the trace of the subscription's subscribe span: its error carries it as `extensions.traceId`.
   */
  constructor(
    private readonly limit: number,
    private readonly observer?: DeliveryObserver,
    private readonly traceId?: string,
  ) {
    observer?.opened();
  }

  /** Whether the stream takes no more results (it ended, or only drains what it holds). */
  get closed(): boolean {
    return this.done || this.endAfterQueue;
  }

  /** The cursor of the last result the transport took, if any. */
  get lastCursor(): string | null {
    return this.lastTaken;
  }

  /** Results waiting: queued (pulled) or written and not yet taken by the connection (pushed). */
  private get waitingResults(): number {
    return this.writer ? this.inFlight : this.queue.length;
  }

  /** Calls `listener` once, when the stream stops taking results (at once if it already has): stop feeding it. */
  onDetach(listener: () => void): void {
    if (this.detachListeners) this.detachListeners.push(listener);
    else listener();
  }

  /**
   * Switches the stream to pushing (call once, before the transport iterates): the results queued so far are written
   * now, every later one as it comes; the iterator then yields nothing and ends when the stream does.
   */
  writeTo(writer: ResultWriter): void {
    if (this.writer) throw new Error('DeliveryStream.writeTo called twice');
    this.writer = writer;
    for (const item of this.queue.splice(0)) this.send(item.result, item.cursor);
    if (this.endAfterQueue) this.end();
  }

  /**
   * Resolves once `size` more results fit without tripping the limit (at once if they do), or the stream closed:
   * lets a producer that can wait (a replay) go at the consumer's pace. One waiter at a time.
   */
  room(size: number): Promise<void> {
    if (this.closed || this.waitingResults + size <= this.limit) return Promise.resolve();
    return new Promise((resolve) => {
      this.roomWaiter = { size, resolve };
    });
  }

  /** Delivers the result of the event at `cursor`; `final`: the stream ends after it. Ignored once closed. */
  push(result: SharedResult, cursor: string, final: boolean): void {
    if (this.closed) return;
    if (this.waitingResults >= this.limit) {
      this.queue.length = 0;
      const error = toGraphQLError(
        new SlowConsumerError(`subscriber too slow: more than ${this.limit} events waiting; resume with "after" set to extensions.lastCursor`, {
          lastCursor: this.lastTaken,
        }),
      );
      this.observer?.slow();
      this.close({ errors: [withTraceId(error, this.traceId)] });
      return;
    }
    if (this.writer) this.send(result, cursor);
    else this.queue.push({ result, cursor });
    if (final) this.close(undefined);
    else if (!this.writer) this.release();
  }

  /** Ends the stream once the queued results are taken. */
  finish(): void {
    if (!this.closed) this.close(undefined);
  }

  /**
   * Ends the stream with `error` after the queued results: a GraphQL or Orchestra error with its code, anything else
   * as INTERNAL_SERVER_ERROR (no internal detail), with the subscription's `extensions.traceId` when traced.
   */
  fail(error: unknown): void {
    if (this.closed) return;
    this.close({ errors: [withTraceId(toGraphQLError(error), this.traceId)] });
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const item = this.queue.shift();
    if (item) {
      if (item.cursor !== null) {
        this.lastTaken = item.cursor;
        this.observer?.delivered();
      }
      this.wakeProducerIfRoom();
      return Promise.resolve({ value: item.result.value, done: false });
    }
    if (this.closed) {
      this.end();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  /** Writes one result (pushing). */
  private send(result: SharedResult, cursor: string | null): void {
    this.inFlight++;
    if (cursor !== null) {
      this.lastTaken = cursor;
      this.observer?.delivered();
    }
    (this.writer as ResultWriter).write(result, this.taken);
  }

  /** A pushed result left the process: room for another. */
  private readonly taken = (): void => {
    this.inFlight--;
    this.wakeProducerIfRoom();
  };

  /** Stops taking results: delivers `last` (if any) as the last one, tells the feeders, wakes the consumer. */
  private close(last: ExecutionResult | undefined): void {
    if (last) {
      if (this.writer) this.send(new SharedResult(last), null);
      else this.queue.push({ result: new SharedResult(last), cursor: null });
    }
    this.endAfterQueue = true;
    this.detach();
    this.wakeProducer();
    if (this.writer) this.end();
    else this.release();
  }

  private wakeProducerIfRoom(): void {
    if (this.roomWaiter && this.waitingResults + this.roomWaiter.size <= this.limit) this.wakeProducer();
  }

  private wakeProducer(): void {
    const waiter = this.roomWaiter;
    this.roomWaiter = undefined;
    waiter?.resolve();
  }

  private release(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    void this.next().then(waiting);
  }

  private detach(): void {
    const listeners = this.detachListeners;
    this.detachListeners = undefined;
    for (const listener of listeners ?? []) listener();
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    this.observer?.ended();
    this.queue.length = 0;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    this.detach();
    this.wakeProducer();
  }
}
