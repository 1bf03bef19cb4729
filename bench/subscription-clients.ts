/**
 * A worker thread of `npm run bench -- subscriptions` (started by `ClientThread`, `subscription-client-threads.ts`):
 * holds its share of the graphql-ws clients, one WebSocket and one `workflowRunEvents` subscription each, and records
 * every measured delivery — signals named `tick-…` — as its latency (receipt time minus the event's `at`) and receipt
 * time, in growable typed arrays (no object per delivery), and its event loop's delay while they arrive. Answers the
 * main thread's requests in order.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { ClientCounters, ClientThreadData, ClientThreadRequest, OpenedReply, ReportReply, StatusReply } from './subscription-client-threads.ts';

/** Prefix of the names of the signals whose deliveries are measured; others (warm-up) are only counted as events. */
const MEASURED_SIGNAL_PREFIX = 'tick-';

/** States of one client (`stateOf`). */
const ClientState = { Connecting: 0, Connected: 1, Failed: 2 } as const;

/** The fields of a delivered event this thread reads. */
interface DeliveredEvent {
  readonly cursor: string;
  readonly type: string;
  readonly at: string;
  readonly payload: { readonly name?: unknown } | null;
}

const data = workerData as ClientThreadData;
const port = parentPort;
if (!port) throw new Error('subscription-clients.ts runs as a worker thread');

const clients: Client[] = [];
/** Per client: its run index, {@link ClientState}, whether it received an event, and the last cursor it received. */
let runOf = new Uint16Array(1_024);
let stateOf = new Uint8Array(1_024);
let readyOf = new Uint8Array(1_024);
let lastCursorOf = new Float64Array(1_024);

let latenciesMs: Float64Array = new Float64Array(data.initialCapacity);
let receivedAtMs: Float64Array = new Float64Array(data.initialCapacity);
let measured = 0;
let connected = 0;
let failed = 0;
let outOfOrder = 0;
let resultErrors = 0;
let completed = 0;
let firstFailure: string | undefined;
let closing = false;
/** Settles the pending `open` once its clients have all connected or failed. */
let opening: { remaining: number; done: () => void } | undefined;

/** This thread's event-loop delay; reset at the first measured delivery, so that it covers the measured load. */
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

let chain = Promise.resolve();
port.on('message', (request: ClientThreadRequest) => {
  chain = chain.then(() => handle(request)).then((reply) => port.postMessage(reply, transferList(reply)));
});

async function handle(request: ClientThreadRequest): Promise<unknown> {
  switch (request.type) {
    case 'open':
      await open(request.runIndexes);
      return { type: 'opened', ...counters() } satisfies OpenedReply;
    case 'status':
      return status();
    case 'report':
      return {
        type: 'report',
        ...counters(),
        loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
        loopDelayMaxMs: loopDelay.max / 1e6,
        latenciesMs: latenciesMs.slice(0, measured),
        receivedAtMs: receivedAtMs.slice(0, measured),
      } satisfies ReportReply;
    case 'close':
      closing = true;
      await Promise.all(clients.map((c) => c.dispose()));
      return { type: 'closed' };
    default:
      return assertNever(request);
  }
}

/** Opens one client per run index; resolves once each has connected or failed. */
function open(runIndexes: readonly number[]): Promise<void> {
  if (runIndexes.length === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    opening = { remaining: runIndexes.length, done: resolve };
    for (const runIndex of runIndexes) openClient(runIndex);
  });
}

function openClient(runIndex: number): void {
  const i = clients.length;
  ensureClientCapacity(i + 1);
  runOf[i] = runIndex;
  stateOf[i] = ClientState.Connecting;
  const client = createClient({
    url: data.url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${data.token}` },
    retryAttempts: 0,
    on: {
      connected: () => {
        if (stateOf[i] !== ClientState.Connecting) return;
        stateOf[i] = ClientState.Connected;
        connected++;
        settled();
      },
      closed: (event) => clientFailed(i, event),
    },
  });
  clients.push(client);
  // Lazy client: subscribing opens the socket; `subscribe` is sent right after `connection_ack`.
  client.subscribe<Record<string, unknown>>(
    { query: data.query, variables: { id: data.runIds[runIndex] } },
    {
      next: (result) => received(i, result),
      error: (error) => clientFailed(i, error),
      complete: () => {
        if (!closing) completed++;
      },
    },
  );
}

/** Records one result of client `i`. */
function received(i: number, result: FormattedExecutionResult<Record<string, unknown>, unknown>): void {
  const now = performance.timeOrigin + performance.now();
  const event = result.data?.['workflowRunEvents'] as DeliveredEvent | undefined;
  if (!event) {
    resultErrors++;
    firstFailure ??= `result without event: ${JSON.stringify(result.errors ?? result)}`;
    return;
  }
  readyOf[i] = 1;
  const cursor = Number(event.cursor);
  if (!(cursor > (lastCursorOf[i] ?? 0))) {
    outOfOrder++;
    return;
  }
  lastCursorOf[i] = cursor;
  const name = event.type === 'SIGNAL_RECEIVED' ? event.payload?.name : undefined;
  if (typeof name !== 'string' || !name.startsWith(MEASURED_SIGNAL_PREFIX)) return;
  if (measured === 0) loopDelay.reset();
  if (measured === latenciesMs.length) {
    latenciesMs = grown(latenciesMs);
    receivedAtMs = grown(receivedAtMs);
  }
  latenciesMs[measured] = now - Date.parse(event.at);
  receivedAtMs[measured] = now;
  measured++;
}

/** Notes that client `i` failed (a refused connection, an error, a close) unless the thread is closing. */
function clientFailed(i: number, error: unknown): void {
  if (closing || stateOf[i] === ClientState.Failed) return;
  const wasConnecting = stateOf[i] === ClientState.Connecting;
  stateOf[i] = ClientState.Failed;
  failed++;
  firstFailure ??= describe(error);
  if (wasConnecting) settled();
}

function settled(): void {
  if (!opening) return;
  opening.remaining--;
  if (opening.remaining === 0) {
    const { done } = opening;
    opening = undefined;
    done();
  }
}

function status(): StatusReply {
  const readyPerRun = data.runIds.map(() => 0);
  const waitingPerRun = data.runIds.map(() => 0);
  for (let i = 0; i < clients.length; i++) {
    const run = runOf[i] ?? 0;
    if (readyOf[i] === 1) readyPerRun[run] = (readyPerRun[run] ?? 0) + 1;
    else if (stateOf[i] !== ClientState.Failed) waitingPerRun[run] = (waitingPerRun[run] ?? 0) + 1;
  }
  return { type: 'status', ...counters(), readyPerRun, waitingPerRun };
}

function counters(): ClientCounters {
  return { connected, failed, measured, outOfOrder, resultErrors, completed, firstFailure };
}

function ensureClientCapacity(count: number): void {
  if (count <= runOf.length) return;
  const size = runOf.length * 2;
  runOf = copyInto(new Uint16Array(size), runOf);
  stateOf = copyInto(new Uint8Array(size), stateOf);
  readyOf = copyInto(new Uint8Array(size), readyOf);
  lastCursorOf = copyInto(new Float64Array(size), lastCursorOf);
}

function copyInto<T extends Uint8Array | Uint16Array | Float64Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}

function grown(array: Float64Array): Float64Array {
  const bigger = new Float64Array(Math.max(1_024, array.length * 2));
  bigger.set(array);
  return bigger;
}

function describe(error: unknown): string {
  if (Array.isArray(error)) return JSON.stringify(error);
  if (error && typeof error === 'object' && 'code' in error) {
    const close = error as { code: unknown; reason?: unknown };
    return `closed with ${String(close.code)} ${String(close.reason ?? '')}`.trim();
  }
  return error instanceof Error ? error.message : String(error);
}

function transferList(reply: unknown): ArrayBuffer[] {
  const r = reply as Partial<ReportReply>;
  return r.type === 'report' && r.latenciesMs && r.receivedAtMs ? [r.latenciesMs.buffer as ArrayBuffer, r.receivedAtMs.buffer as ArrayBuffer] : [];
}

function assertNever(value: never): never {
  throw new Error(`unknown request ${JSON.stringify(value)}`);
}
