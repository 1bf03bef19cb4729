import { GraphQLError, type ExecutionResult } from 'graphql';
import { toGraphQLError } from '../../platform/errors.ts';

/** Counts what streams do (the gateway's Prometheus metrics); every method is called once per occurrence. */
export interface DeliveryObserver {
  /** A stream opened. */
  opened(): void;
  /** The consumer took one event's result. */
  delivered(): void;
  /** A stream was closed as too slow. */
  slow(): void;
  /** A stream ended (for any reason). */
  ended(): void;
}

/**
 * The results of one subscription, as an async iterator that a transport (graphql-ws, graphql-sse) pulls, each result
 * tagged with its event cursor. The buffer is bounded: when more than `limit` results wait (the consumer reads slower
 * than events come), the waiting ones are dropped and replaced by one SLOW_CONSUMER error carrying `lastCursor`, the
 * cursor of the last result the transport took, so that the client can resume with `after: lastCursor`; then the
 * stream ends. A slow consumer thus costs at most `limit` results of memory and never delays another subscriber.
 */
export class DeliveryStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: { result: ExecutionResult; cursor: string | null }[] = [];
  private waiting: ((value: IteratorResult<ExecutionResult>) => void) | undefined;
  private endAfterQueue = false;
  private lastTaken: string | null = null;
  private detachListeners: (() => void)[] | undefined = [];
  /** A producer waiting for room (see {@link DeliveryStream.room}). */
  private roomWaiter: { readonly size: number; readonly resolve: () => void } | undefined;
  private done = false;

  /**
   * @param limit - results that may wait before the consumer is closed as too slow (at least 1).
   * @param observer - counts opens, deliveries, slow consumers and ends.
   */
  constructor(
    private readonly limit: number,
    private readonly observer?: DeliveryObserver,
  ) {
    observer?.opened();
  }

  /** Whether the stream takes no more results (it ended, or only drains what it holds). */
  get closed(): boolean {
    return this.done || this.endAfterQueue;
  }

  /** The cursor of the last result the consumer took, if any. */
  get lastCursor(): string | null {
    return this.lastTaken;
  }

  /** Calls `listener` once, when the stream stops taking results (at once if it already has): stop feeding it. */
  onDetach(listener: () => void): void {
    if (this.detachListeners) this.detachListeners.push(listener);
    else listener();
  }

  /**
   * Resolves once `size` more results fit without tripping the limit (at once if they do), or the stream closed:
   * lets a producer that can wait (a replay) go at the consumer's pace. One waiter at a time.
   */
  room(size: number): Promise<void> {
    if (this.closed || this.queue.length + size <= this.limit) return Promise.resolve();
    return new Promise((resolve) => {
      this.roomWaiter = { size, resolve };
    });
  }

  /** Queues a result of the event at `cursor`; `final`: the stream ends once it is taken. Ignored once closed. */
  push(result: ExecutionResult, cursor: string, final: boolean): void {
    if (this.closed) return;
    if (this.queue.length >= this.limit) {
      this.queue.length = 0;
      const error = new GraphQLError(`subscriber too slow: more than ${this.limit} events waiting; resume with "after" set to extensions.lastCursor`, {
        extensions: { code: 'SLOW_CONSUMER', lastCursor: this.lastTaken },
      });
      this.observer?.slow();
      this.close({ errors: [error] });
      return;
    }
    this.queue.push({ result, cursor });
    if (final) this.close(undefined);
    else this.release();
  }

  /** Ends the stream once the queued results are taken. */
  finish(): void {
    if (!this.closed) this.close(undefined);
  }

  /**
   * Ends the stream with `error` after the queued results: a GraphQL or Orchestra error with its code, anything else
   * as INTERNAL_SERVER_ERROR (no internal detail).
   */
  fail(error: unknown): void {
    if (this.closed) return;
    this.close({ errors: [toGraphQLError(error)] });
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const item = this.queue.shift();
    if (item) {
      if (item.cursor !== null) {
        this.lastTaken = item.cursor;
        this.observer?.delivered();
      }
      if (this.roomWaiter && this.queue.length + this.roomWaiter.size <= this.limit) this.wakeProducer();
      return Promise.resolve({ value: item.result, done: false });
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

  /** Stops taking results: queues `last` (if any) as the last one, tells the feeders, wakes the consumer. */
  private close(last: ExecutionResult | undefined): void {
    if (last) this.queue.push({ result: last, cursor: null });
    this.endAfterQueue = true;
    this.detach();
    this.wakeProducer();
    this.release();
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
