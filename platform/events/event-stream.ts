/**
 * The contract between an outbox relay (the writer: platform/events/outbox-relay.ts) and the gateway's subscription
 * delivery (the reader) of one kind of event in Redis — workflow events ({@link WORKFLOW_EVENT_STREAM}, written by the
 * orchestration subgraph) or session events ({@link SESSION_EVENT_STREAM}, written by the session subgraph). Nothing
 * else couples the two: the gateway never reads a subgraph's database, and a subgraph never knows who subscribes.
 *
 * - One stream per kind and tenant, {@link eventStreamKey}; entry id `<cursor>-0` (so `XRANGE (<cursor>-0 +` reads
 *   every event after a cursor), one field `e` holding the event as JSON (a {@link StreamedEvent}); entries in cursor
 *   order, gapless per tenant while the stream holds them (`XADD MAXLEN ~` trims the oldest).
 * - After appending, the relay publishes on {@link eventNotificationChannel} an {@link EventNotification} (one message
 *   per tenant and append, sent by the appending script itself): the tenant id, then — when they take at most
 *   {@link MAX_NOTIFIED_EVENTS_BYTES} — the entries just appended, so that a reader that was up to date takes them
 *   without reading the stream.
 */

/** The workflow events' stream (orchestration's `workflow_events` outbox): keys `<prefix>events:<tenant>`. */
export const WORKFLOW_EVENT_STREAM = 'events';
/** The session events' stream (session's `session_events` outbox): keys `<prefix>session-events:<tenant>`. */
export const SESSION_EVENT_STREAM = 'session-events';

/** The kinds of event stream: one per outbox. */
export type EventStreamName = typeof WORKFLOW_EVENT_STREAM | typeof SESSION_EVENT_STREAM;

/** What every streamed event has: its per-tenant cursor, a decimal string (at most 18 digits, no leading zeros). */
export interface StreamedEvent {
  readonly cursor: string;
}

/** The Redis stream holding a tenant's events of one kind: `<keyPrefix><stream>:<tenantId>`. */
export function eventStreamKey(keyPrefix: string, tenantId: string, stream: EventStreamName = WORKFLOW_EVENT_STREAM): string {
  return `${keyPrefix}${stream}:${tenantId}`;
}

/** The channel on which a relay announces, after appending, whose streams of its kind grew: `<keyPrefix><stream>`. */
export function eventNotificationChannel(keyPrefix: string, stream: EventStreamName = WORKFLOW_EVENT_STREAM): string {
  return `${keyPrefix}${stream}`;
}

/**
 * Largest total size, in bytes of JSON, of the entries a notification carries; larger appends are announced by
 * tenant id alone (every gateway instance receives every notification, whether it follows the tenant or not).
 */
export const MAX_NOTIFIED_EVENTS_BYTES = 64 * 1024;

/**
 * A message on {@link eventNotificationChannel}, a JSON array whose elements are either a tenant id (its stream grew:
 * read it) or `{ "tenant": id, "events": [...] }` (its stream grew by exactly these entries, consecutive cursors in
 * order). The relay sends `[id, { "tenant": id, "events": [...] }]` (the id first, for readers that know only ids),
 * or `[id]`.
 */
export interface EventNotification<E extends StreamedEvent> {
  /** Tenants whose streams grew, each once. */
  readonly tenants: readonly string[];
  /** Per tenant, the entries appended, when the message carried them. */
  readonly appended: ReadonlyMap<string, readonly E[]>;
}

/** Reads an {@link EventNotification}; `undefined` for a message that is not one. */
export function parseEventNotification<E extends StreamedEvent>(message: string): EventNotification<E> | undefined {
  let elements: unknown;
  try {
    elements = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (!Array.isArray(elements)) return undefined;
  const tenants = new Set<string>();
  const appended = new Map<string, readonly E[]>();
  for (const element of elements) {
    if (typeof element === 'string') {
      tenants.add(element);
    } else if (element !== null && typeof element === 'object') {
      const { tenant, events } = element as { tenant?: unknown; events?: unknown };
      if (typeof tenant !== 'string') continue;
      tenants.add(tenant);
      if (Array.isArray(events) && events.length > 0) appended.set(tenant, events as E[]);
    }
  }
  return { tenants: [...tenants], appended };
}

/** Receives a tenant's new events, in cursor order, as they are read. Must not throw, nor block. */
export type EventListener<E extends StreamedEvent> = (events: readonly E[]) => void;

/** The events of a tenant's stream after a cursor, as far as the stream still holds them. */
export interface StreamReplay<E extends StreamedEvent> {
  /** Events with a cursor greater than the one asked for, in cursor order. */
  readonly events: readonly E[];
  /**
   * Whether `events` start right after the cursor asked for. False when the stream no longer holds the next event
   * (trimmed, or deleted and restarted): the events in between are only in Postgres.
   */
  readonly complete: boolean;
}

/**
 * The writing side of an event stream, used by an outbox relay: appends a tenant's committed events (ascending
 * cursors) to its stream, skipping every event whose cursor is not greater than the stream's last one (so a relay
 * that re-publishes after a crash neither duplicates nor reorders), trimming the stream to a bounded length, and
 * telling the readers. Implementations: the Redis stream (`RedisEventStreamWriter`, shared by every process on the
 * Redis) and `InProcessEventStream` (embedded mode: one process only).
 */
export interface EventStreamWriter<E extends StreamedEvent> {
  /**
   * @returns the number of events appended (those not newer than the stream's last cursor are skipped).
   * @throws when the backing store fails.
   */
  append(tenantId: string, events: readonly E[]): Promise<number>;
}

/**
 * The reading side of an event stream, used by the gateway's subscription delivery. It only tails: a subscription
 * that resumes from a cursor first calls {@link EventStreamReader.follow} (events appended from then on are delivered
 * to it), then {@link EventStreamReader.replay} (events up to now that the stream still holds), then fills what the
 * stream lost from Postgres, dropping any event whose cursor it has already delivered. Nothing falls in between:
 * `follow` notes the stream's last entry before returning, and the replay reads after it.
 */
export interface EventStreamReader<E extends StreamedEvent> {
  /**
   * Delivers the tenant's events appended from now on to `listener`, in cursor order and each once, until the returned
   * function is called. @throws when the backing store fails, or after `close()`.
   */
  follow(tenantId: string, listener: EventListener<E>): Promise<() => void>;
  /**
   * The tenant's events after `afterCursor` that the stream still holds (at most `limit`), and whether they start
   * right after it. @param afterCursor - a decimal event cursor; `'0'` = from the first event.
   */
  replay(tenantId: string, afterCursor: string, limit: number): Promise<StreamReplay<E>>;
  /** Stops delivering and forgets every listener (idempotent). */
  close(): Promise<void>;
}
