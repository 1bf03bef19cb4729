/**
 * The contract between the orchestration subgraph's outbox relay (the writer) and the gateway's subscription delivery
 * (the reader) of workflow events in Redis. Nothing else couples the two: the gateway never reads the orchestration
 * database, and the orchestration subgraph never knows who subscribes.
 *
 * - One stream per tenant, {@link eventStreamKey}; entry id `<cursor>-0` (so `XRANGE (<cursor>-0 +` reads every event
 *   after a cursor), one field `e` holding a {@link StreamedWorkflowEvent} as JSON; entries in cursor order, gapless
 *   per tenant while the stream holds them (`XADD MAXLEN ~` trims the oldest).
 * - After appending, the relay publishes on {@link eventNotificationChannel} an {@link EventNotification} (today one
 *   message per tenant and append, sent by the appending script itself): the tenant id, then — when they take at most
 *   {@link MAX_NOTIFIED_EVENTS_BYTES} — the entries just appended, so that a reader that was up to date takes them
 *   without reading the stream.
 */

/** Kinds of state change a run reports (GraphQL `WorkflowEventType`). */
export type WorkflowEventType =
  | 'RUN_STARTED'
  | 'RUN_COMPLETED'
  | 'RUN_FAILED'
  | 'RUN_CANCELLED'
  | 'RUN_TIMED_OUT'
  | 'STEP_STARTED'
  | 'STEP_COMPLETED'
  | 'STEP_FAILED'
  | 'STEP_SKIPPED'
  | 'STEP_RETRYING'
  | 'STEP_OUTPUT_DELTA'
  | 'SIGNAL_RECEIVED';

/**
 * The final statuses of a run (GraphQL `WorkflowRunStatus`): no transition leaves them, and no event follows the one
 * that reached them.
 */
export const FINAL_RUN_STATUSES = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'] as const;

/** The event types that end a run: a run's event list ends with exactly one of them. */
export const FINAL_RUN_EVENT_TYPES: ReadonlySet<WorkflowEventType> = new Set(['RUN_COMPLETED', 'RUN_FAILED', 'RUN_CANCELLED', 'RUN_TIMED_OUT']);

/**
 * The JSON in field `e` of a stream entry (entry id `<cursor>-0`). `cursor` is the decimal string of the GraphQL
 * `WorkflowEvent.cursor`; `at` is an ISO 8601 timestamp.
 */
export interface StreamedWorkflowEvent {
  readonly cursor: string;
  readonly type: WorkflowEventType;
  readonly runId: string;
  readonly workflowId: string;
  readonly stepId: string | null;
  readonly at: string;
  readonly payload: unknown;
}

/** The Redis stream holding a tenant's events: `<keyPrefix>events:<tenantId>`. */
export function eventStreamKey(keyPrefix: string, tenantId: string): string {
  return `${keyPrefix}events:${tenantId}`;
}

/** The channel on which the relay announces, after appending, whose streams grew ({@link EventNotification}). */
export function eventNotificationChannel(keyPrefix: string): string {
  return `${keyPrefix}events`;
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
export interface EventNotification {
  /** Tenants whose streams grew, each once. */
  readonly tenants: readonly string[];
  /** Per tenant, the entries appended, when the message carried them. */
  readonly appended: ReadonlyMap<string, readonly StreamedWorkflowEvent[]>;
}

/** Reads an {@link EventNotification}; `undefined` for a message that is not one. */
export function parseEventNotification(message: string): EventNotification | undefined {
  let elements: unknown;
  try {
    elements = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (!Array.isArray(elements)) return undefined;
  const tenants = new Set<string>();
  const appended = new Map<string, readonly StreamedWorkflowEvent[]>();
  for (const element of elements) {
    if (typeof element === 'string') {
      tenants.add(element);
    } else if (element !== null && typeof element === 'object') {
      const { tenant, events } = element as { tenant?: unknown; events?: unknown };
      if (typeof tenant !== 'string') continue;
      tenants.add(tenant);
      if (Array.isArray(events) && events.length > 0) appended.set(tenant, events as StreamedWorkflowEvent[]);
    }
  }
  return { tenants: [...tenants], appended };
}

/** Receives a tenant's new events, in cursor order, as they are read. Must not throw, nor block. */
export type EventListener = (events: readonly StreamedWorkflowEvent[]) => void;

/** The events of a tenant's stream after a cursor, as far as the stream still holds them. */
export interface StreamReplay {
  /** Events with a cursor greater than the one asked for, in cursor order. */
  readonly events: readonly StreamedWorkflowEvent[];
  /**
   * Whether `events` start right after the cursor asked for. False when the stream no longer holds the next event
   * (trimmed, or deleted and restarted): the events in between are only in Postgres.
   */
  readonly complete: boolean;
}

/**
 * The writing side of the workflow event stream, used by the outbox relay: appends a tenant's committed events (ascending
 * cursors) to its stream, skipping every event whose cursor is not greater than the stream's last one (so a relay
 * that re-publishes after a crash neither duplicates nor reorders), trimming the stream to a bounded length, and
 * telling the readers. Implementations: the Redis stream (`RedisWorkflowEventStreamWriter`, shared by every process
 * on the Redis) and `InProcessWorkflowEventStream` (embedded mode: one process only).
 */
export interface WorkflowEventStreamWriter {
  /**
   * @returns the number of events appended (those not newer than the stream's last cursor are skipped).
   * @throws when the backing store fails.
   */
  append(tenantId: string, events: readonly StreamedWorkflowEvent[]): Promise<number>;
}

/**
 * The reading side of the workflow event stream, used by the gateway's subscription delivery. It only tails: a
 * subscription that resumes from a cursor first calls {@link WorkflowEventStreamReader.follow} (events appended from
 * then on are delivered to it), then {@link WorkflowEventStreamReader.replay} (events up to now that the stream still
 * holds), then fills what the stream lost from Postgres, dropping any event whose cursor it has already delivered.
 * Nothing falls in between: `follow` notes the stream's last entry before returning, and the replay reads after it.
 */
export interface WorkflowEventStreamReader {
  /**
   * Delivers the tenant's events appended from now on to `listener`, in cursor order and each once, until the returned
   * function is called. @throws when the backing store fails, or after `close()`.
   */
  follow(tenantId: string, listener: EventListener): Promise<() => void>;
  /**
   * The tenant's events after `afterCursor` that the stream still holds (at most `limit`), and whether they start
   * right after it. @param afterCursor - a decimal event cursor; `'0'` = from the first event.
   */
  replay(tenantId: string, afterCursor: string, limit: number): Promise<StreamReplay>;
  /** Stops delivering and forgets every listener (idempotent). */
  close(): Promise<void>;
}
