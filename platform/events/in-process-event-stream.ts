import type { EventListener, StreamedWorkflowEvent, StreamReplay, WorkflowEventStreamReader, WorkflowEventStreamWriter } from './workflow-event-stream.ts';

/** Options of {@link InProcessWorkflowEventStream}. */
export interface InProcessWorkflowEventStreamOptions {
  /**
   * Events kept per tenant (`config.events.streamMaxLength`, as the Redis stream's `MAXLEN`, but exact): appending past
   * it drops the oldest, which a resuming subscription then reads from Postgres.
   */
  readonly maxLength: number;
}

/** One tenant's stream: its newest events (ascending cursors) and its followers. */
interface TenantStream {
  readonly events: StreamedWorkflowEvent[];
  /** The greatest cursor ever appended (trimming does not lower it), as a bigint; 0n = none. */
  lastCursor: bigint;
  readonly listeners: Set<EventListener>;
}

/**
 * The workflow event stream of embedded mode (`npm start` without Redis), where the orchestration subgraph's relay and
 * the gateway share one process: the relay's {@link WorkflowEventStreamWriter} and the gateway's
 * {@link WorkflowEventStreamReader} at once. Same contract as the Redis stream (cursor order per tenant, skipping of
 * events not newer than the last, bounded length, fan-out to every follower, replay with `complete`), but held in
 * memory: not shared across processes, and empty after a restart (subscriptions then resume from Postgres).
 * Listeners are called synchronously, in append order, as the relay appends.
 */
export class InProcessWorkflowEventStream implements WorkflowEventStreamWriter, WorkflowEventStreamReader {
  private readonly tenants = new Map<string, TenantStream>();
  private closed = false;

  constructor(private readonly o: InProcessWorkflowEventStreamOptions) {
    if (!Number.isInteger(o.maxLength) || o.maxLength < 1) {
      throw new Error(`InProcessWorkflowEventStream maxLength must be a positive integer, got ${o.maxLength}`);
    }
  }

  append(tenantId: string, events: readonly StreamedWorkflowEvent[]): Promise<number> {
    const stream = this.stream(tenantId);
    const added: StreamedWorkflowEvent[] = [];
    for (const event of events) {
      const cursor = BigInt(event.cursor);
      if (cursor <= stream.lastCursor) continue;
      stream.lastCursor = cursor;
      added.push(event);
    }
    if (added.length === 0) return Promise.resolve(0);
    stream.events.push(...added);
    if (stream.events.length > this.o.maxLength) stream.events.splice(0, stream.events.length - this.o.maxLength);
    for (const listener of [...stream.listeners]) listener(added);
    return Promise.resolve(added.length);
  }

  follow(tenantId: string, listener: EventListener): Promise<() => void> {
    if (this.closed) return Promise.reject(new Error('InProcessWorkflowEventStream is closed'));
    const stream = this.stream(tenantId);
    stream.listeners.add(listener);
    return Promise.resolve(() => void stream.listeners.delete(listener));
  }

  replay(tenantId: string, afterCursor: string, limit: number): Promise<StreamReplay> {
    const after = BigInt(afterCursor);
    const held = this.tenants.get(tenantId)?.events ?? [];
    const events: StreamedWorkflowEvent[] = [];
    for (const event of held) {
      if (events.length >= limit) break;
      if (BigInt(event.cursor) > after) events.push(event);
    }
    const first = events[0];
    return Promise.resolve({ events, complete: first === undefined ? true : BigInt(first.cursor) === after + 1n });
  }

  close(): Promise<void> {
    this.closed = true;
    for (const stream of this.tenants.values()) stream.listeners.clear();
    return Promise.resolve();
  }

  private stream(tenantId: string): TenantStream {
    let stream = this.tenants.get(tenantId);
    if (!stream) {
      stream = { events: [], lastCursor: 0n, listeners: new Set() };
      this.tenants.set(tenantId, stream);
    }
    return stream;
  }
}
