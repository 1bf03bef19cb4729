import type { EventListener, EventStreamReader, EventStreamWriter, StreamedEvent, StreamReplay } from './event-stream.ts';
import type { StreamedSessionEvent } from './session-event-stream.ts';
import type { StreamedWorkflowEvent } from './workflow-event-stream.ts';

/** Options of {@link InProcessEventStream}. */
export interface InProcessEventStreamOptions {
  /**
   * Events kept per tenant (`config.events.streamMaxLength`, as the Redis stream's `MAXLEN`, but exact): appending past
   * it drops the oldest, which a resuming subscription then reads from Postgres.
   */
  readonly maxLength: number;
}

/** One tenant's stream: its newest events (ascending cursors) and its followers. */
interface TenantStream<E extends StreamedEvent> {
  readonly events: E[];
  /** The greatest cursor ever appended (trimming does not lower it), as a bigint; 0n = none. */
  lastCursor: bigint;
  readonly listeners: Set<EventListener<E>>;
}

/**
 * An event stream of embedded mode (`npm start` without Redis), where a subgraph's outbox relay (workflow events, or
 * session events: one instance each) and the gateway share one process: the relay's {@link EventStreamWriter} and the
 * gateway's {@link EventStreamReader} at once. Same contract as the Redis stream (cursor order per tenant, skipping of
 * events not newer than the last, bounded length, fan-out to every follower, replay with `complete`), but held in
 * memory: not shared across processes, and empty after a restart (subscriptions then resume from Postgres).
 * Listeners are called synchronously, in append order, as the relay appends.
 */
export class InProcessEventStream<E extends StreamedEvent> implements EventStreamWriter<E>, EventStreamReader<E> {
  private readonly tenants = new Map<string, TenantStream<E>>();
  private closed = false;

  constructor(private readonly o: InProcessEventStreamOptions) {
    if (!Number.isInteger(o.maxLength) || o.maxLength < 1) {
      throw new Error(`InProcessEventStream maxLength must be a positive integer, got ${o.maxLength}`);
    }
  }

  append(tenantId: string, events: readonly E[]): Promise<number> {
    const stream = this.stream(tenantId);
    const added: E[] = [];
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

  follow(tenantId: string, listener: EventListener<E>): Promise<() => void> {
    if (this.closed) return Promise.reject(new Error('InProcessEventStream is closed'));
    const stream = this.stream(tenantId);
    stream.listeners.add(listener);
    return Promise.resolve(() => void stream.listeners.delete(listener));
  }

  replay(tenantId: string, afterCursor: string, limit: number): Promise<StreamReplay<E>> {
    const after = BigInt(afterCursor);
    const held = this.tenants.get(tenantId)?.events ?? [];
    const events: E[] = [];
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

  private stream(tenantId: string): TenantStream<E> {
    let stream = this.tenants.get(tenantId);
    if (!stream) {
      stream = { events: [], lastCursor: 0n, listeners: new Set() };
      this.tenants.set(tenantId, stream);
    }
    return stream;
  }
}

/**
 * The in-process streams of embedded mode, one per outbox: written by the relays of the subgraphs in this process,
 * read by its gateway.
 */
export interface InProcessEventStreams {
  readonly workflow: InProcessEventStream<StreamedWorkflowEvent>;
  readonly session: InProcessEventStream<StreamedSessionEvent>;
}

/** Both in-process streams, each keeping `maxLength` events per tenant (`config.events.streamMaxLength`). */
export function createInProcessEventStreams(maxLength: number): InProcessEventStreams {
  return { workflow: new InProcessEventStream({ maxLength }), session: new InProcessEventStream({ maxLength }) };
}
