import type { DataSource, EntityManager } from 'typeorm';
import { BACKGROUND_SQL_MARK } from '../../../platform/database/background-statement.ts';
import { SESSION_EVENT_STREAM } from '../../../platform/events/event-stream.ts';
import { assignOutboxCursors, DEFAULT_CURSOR_BATCH_SIZE, parseEventCursor } from '../../../platform/events/outbox-cursors.ts';
import type { OutboxDefinition } from '../../../platform/events/outbox-relay.ts';
import type { SessionEventType, StreamedSessionEvent } from '../../../platform/events/session-event-stream.ts';
import { pageSize } from '../../../platform/pagination.ts';
import { isUuid } from '../../../platform/validation.ts';

export { SESSION_EVENT_TYPES, type SessionEventType } from '../../../platform/events/session-event-stream.ts';

/** Default of `Session.events(first:)`. */
export const DEFAULT_SESSION_EVENTS_PAGE_SIZE = 100;
/** Largest `Session.events(first:)`. */
export const MAX_SESSION_EVENTS_PAGE_SIZE = 1000;

/** An event to record: its cursor is assigned after commit, its time at insert. */
export interface NewSessionEvent {
  readonly sessionId: string;
  readonly type: SessionEventType;
  /** The segment it is about (segment and translation events). */
  readonly segmentId?: string | null;
  /** The participant it is about (participant events): its `Participant.id` in the session. */
  readonly participantId?: string | null;
  /** The presence (`session.participants` row) a participant event began or ended. */
  readonly presenceId?: string | null;
  /** JSON details (e.g. a bot state change's `from`, `to` and `reason`); at most what the change itself holds. */
  readonly payload?: unknown;
}

/**
 * A recorded session event (a row of `session.session_events` with its cursor): the codegen mapper type of the
 * GraphQL `SessionEvent`.
 */
export interface SessionEvent {
  readonly tenantId: string;
  /** Decimal string of the per-tenant cursor. */
  readonly cursor: string;
  readonly sessionId: string;
  readonly type: SessionEventType;
  readonly segmentId: string | null;
  readonly participantId: string | null;
  /** Null for events recorded before presences were (migration SessionEventCursors). */
  readonly presenceId: string | null;
  readonly payload: unknown;
  readonly at: Date;
}

/**
 * Records `events` (in order) in the session outbox, inside the caller's transaction (`manager`), so that an event
 * exists exactly when its change committed: one INSERT, no lock. `background` marks the statement as a background
 * loop's ({@link BACKGROUND_SQL_MARK}), for the session-end dispatcher.
 */
export async function recordSessionEvents(
  manager: Pick<EntityManager, 'query'>,
  tenantId: string,
  events: readonly NewSessionEvent[],
  background = false,
): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `${background ? BACKGROUND_SQL_MARK : ''}INSERT INTO session.session_events (tenant_id, session_id, type, segment_id, participant_id, presence_id, payload)
     SELECT $1, e.session_id, e.type, e.segment_id, e.participant_id, e.presence_id, e.payload
     FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::uuid[], $7::jsonb[])
       WITH ORDINALITY AS e(session_id, type, segment_id, participant_id, presence_id, payload, ord)
     ORDER BY e.ord`,
    [
      tenantId,
      events.map((e) => e.sessionId),
      events.map((e) => e.type),
      events.map((e) => e.segmentId ?? null),
      events.map((e) => e.participantId ?? null),
      events.map((e) => e.presenceId ?? null),
      events.map((e) => (e.payload === undefined ? null : JSON.stringify(e.payload))),
    ],
  );
}

/** A row of `session.session_events` as `pg` returns it. */
interface SessionEventRow {
  tenant_id: string;
  cursor: string;
  session_id: string;
  type: SessionEventType;
  segment_id: string | null;
  participant_id: string | null;
  presence_id: string | null;
  payload: unknown;
  at: Date;
}

function toSessionEvent(row: SessionEventRow): SessionEvent {
  return {
    tenantId: row.tenant_id,
    cursor: String(row.cursor),
    sessionId: row.session_id,
    type: row.type,
    segmentId: row.segment_id,
    participantId: row.participant_id,
    presenceId: row.presence_id,
    payload: row.payload ?? null,
    at: new Date(row.at),
  };
}

/**
 * The session outbox as the session subgraph's relay publishes it to the `session-events` stream
 * (platform/events/outbox-relay.ts; SQL functions of migration SessionEventCursors).
 */
export const SESSION_EVENT_OUTBOX: OutboxDefinition<StreamedSessionEvent> = {
  schema: 'session',
  stream: SESSION_EVENT_STREAM,
  relayName: 'session-event-relay',
  toStreamed: (row) => {
    const event = toSessionEvent(row as unknown as SessionEventRow);
    return {
      cursor: event.cursor,
      type: event.type,
      sessionId: event.sessionId,
      segmentId: event.segmentId,
      participantId: event.participantId,
      at: event.at.toISOString(),
      payload: event.payload,
    };
  },
};

/** A page of one session's events: `$1` tenant, `$2` session, `$3` after, `$4` size; on (tenant, session, cursor). */
const SESSION_EVENTS_PAGE = `SELECT * FROM session.session_events
  WHERE tenant_id = $1 AND session_id = $2 AND cursor > $3::bigint ORDER BY cursor LIMIT $4`;
/** Whether some of the session's events await a cursor (on the partial index of unassigned events). */
const SESSION_EVENTS_PENDING = `SELECT EXISTS (
  SELECT 1 FROM session.session_events WHERE tenant_id = $1 AND session_id = $2 AND cursor IS NULL) AS pending`;

/**
 * A page of the session's events with a cursor greater than `after`, in cursor order, at most `first`: the Postgres
 * replay of the `sessionEvents` subscription. Paging on with the last cursor as `after` sees every event once, with no
 * gap (cursors become visible in cursor order). Events of the session committed but not yet given a cursor are given
 * theirs first (waiting for an assignment in progress), so that a client reads its own writes.
 * @returns at most `first` events of the tenant's session (none for a session that is not the tenant's).
 * @throws {@link BadUserInputError} when `first` is outside 1..{@link MAX_SESSION_EVENTS_PAGE_SIZE} or `after` is not
 *   a decimal cursor.
 */
export async function eventsOfSession(
  dataSource: DataSource,
  tenantId: string,
  sessionId: string,
  after: string | null | undefined,
  first: number | null | undefined,
): Promise<SessionEvent[]> {
  const size = pageSize(first, MAX_SESSION_EVENTS_PAGE_SIZE, DEFAULT_SESSION_EVENTS_PAGE_SIZE);
  const position = parseEventCursor(after);
  if (!isUuid(sessionId)) return [];
  const pending = (await dataSource.query(SESSION_EVENTS_PENDING, [tenantId, sessionId])) as { pending: boolean }[];
  if (pending[0]?.pending) {
    while ((await assignOutboxCursors(dataSource, 'session', { wait: true })) === DEFAULT_CURSOR_BATCH_SIZE);
  }
  const rows = (await dataSource.query(SESSION_EVENTS_PAGE, [tenantId, sessionId, position, size])) as SessionEventRow[];
  return rows.map(toSessionEvent);
}

/** Reads the session outbox: a session's events in cursor order, and the run a RUN_STARTED event announced. */
export class SessionEventService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the session's events after `after` ({@link eventsOfSession}; same errors). */
  eventsOf(tenantId: string, sessionId: string, after: string | null | undefined, first: number | null | undefined): Promise<SessionEvent[]> {
    return eventsOfSession(this.dataSource, tenantId, sessionId, after, first);
  }

  /** The run a RUN_STARTED event announced (`payload.runId`); null for other types. */
  runIdOf(event: SessionEvent): string | null {
    if (event.type !== 'RUN_STARTED') return null;
    const runId = (event.payload as { runId?: unknown } | null)?.runId;
    return typeof runId === 'string' ? runId : null;
  }
}
