import { Worker } from 'node:worker_threads';

/** What every client thread is given at start (`workerData`). */
export interface ClientThreadData {
  /** The gateway's WebSocket URL (`ws://…/graphql`). */
  readonly url: string;
  /** Client JWT sent in `connection_init` as `{ authorization: 'Bearer <token>' }`. */
  readonly token: string;
  /** The subscription document; its one variable is `$id`, the run's id. */
  readonly query: string;
  /** The runs subscribed to, by run index. */
  readonly runIds: readonly string[];
  /** Deliveries the thread can record before its arrays grow. */
  readonly initialCapacity: number;
}

/**
 * A request to a client thread:
 * - `open`: open one client per entry of `runIndexes` (each subscribing to that run); answered once every new client
 *   is connected (`connection_ack`) or has failed;
 * - `status`: per-run counts of clients that have received at least one event, and the counters;
 * - `report`: the recorded deliveries (their buffers are transferred);
 * - `close`: disposes every client.
 */
export type ClientThreadRequest =
  { readonly type: 'open'; readonly runIndexes: readonly number[] } | { readonly type: 'status' } | { readonly type: 'report' } | { readonly type: 'close' };

/** Counters of one thread's clients. */
export interface ClientCounters {
  /** Clients whose connection was acknowledged. */
  readonly connected: number;
  /** Clients that failed to connect, or whose subscription ended in an error or a close. */
  readonly failed: number;
  /** Measured (`tick-…`) deliveries received in cursor order. */
  readonly measured: number;
  /** Deliveries whose cursor was not above the subscriber's previous one (duplicates or reordering). */
  readonly outOfOrder: number;
  /** Results without an event (GraphQL errors in `next`). */
  readonly resultErrors: number;
  /** Subscriptions that completed (the server ended them). */
  readonly completed: number;
  /** The first failure's description, if any. */
  readonly firstFailure: string | undefined;
}

/** The answer to `open`. */
export interface OpenedReply extends ClientCounters {
  readonly type: 'opened';
}

/** The answer to `status`. */
export interface StatusReply extends ClientCounters {
  readonly type: 'status';
  /** Per run index: clients that have received at least one event. */
  readonly readyPerRun: readonly number[];
  /** Per run index: clients still subscribed that have received nothing yet. */
  readonly waitingPerRun: readonly number[];
}

/** The answer to `report`: one entry per measured delivery, in receipt order. */
export interface ReportReply extends ClientCounters {
  readonly type: 'report';
  /** Client receipt time minus the event's `at`, in ms. */
  readonly latenciesMs: Float64Array;
  /** Client receipt time, epoch ms (`performance.timeOrigin + performance.now()` in the thread). */
  readonly receivedAtMs: Float64Array;
  /** The thread's event-loop delay from its first measured delivery on: 99th percentile and maximum, in ms. */
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
}

/** The answer to `close`. */
export interface ClosedReply {
  readonly type: 'closed';
}

/** The answer to a {@link ClientThreadRequest}, by its type. */
export type ClientThreadReply<T extends ClientThreadRequest['type']> = { open: OpenedReply; status: StatusReply; report: ReportReply; close: ClosedReply }[T];

/** Longest wait for a thread's answer, in ms. */
const REPLY_TIMEOUT_MS = 120_000;

/**
 * One worker thread holding graphql-ws clients (`subscription-clients.ts`): it answers each request, in order, with
 * one message.
 */
export class ClientThread {
  private readonly worker: Worker;
  private readonly pending: { resolve: (reply: unknown) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor(data: ClientThreadData) {
    const entry = new URL('./subscription-clients.ts', import.meta.url).href;
    // Node 20 does not apply `--import tsx` to a worker's entry: the worker registers tsx, then imports the entry.
    const source = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    this.worker = new Worker(source, { eval: true, workerData: data });
    this.worker.on('message', (reply: unknown) => this.pending.shift()?.resolve(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`client thread exited (code ${code})`)));
  }

  /** Sends `request`; resolves with the thread's answer. */
  request<T extends ClientThreadRequest>(request: T): Promise<ClientThreadReply<T['type']>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<ClientThreadReply<T['type']>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`client thread: no answer to ${request.type} within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
      this.pending.push({
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply as ClientThreadReply<T['type']>);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.worker.postMessage(request);
    });
  }

  /** Stops the thread (its sockets close with it). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.splice(0)) waiting.reject(error);
  }
}
