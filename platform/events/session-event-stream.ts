import type { EventStreamReader, EventStreamWriter, StreamedEvent } from './event-stream.ts';

/**
 * Session events as the session subgraph's outbox relay streams them (the `session-events` stream, contract:
 * event-stream.ts) and the gateway's `sessionEvents` subscription delivers them.
 */

/** What can happen in a session (GraphQL `SessionEventType`; the session subgraph's `session.session_events.type`). */
export const SESSION_EVENT_TYPES = [
  'SEGMENT_ADDED',
  'SEGMENT_REVISED',
  'SEGMENT_FINALISED',
  'TRANSLATION_ADDED',
  'PARTICIPANT_JOINED',
  'PARTICIPANT_LEFT',
  'BOT_STATE_CHANGED',
  'SESSION_ENDED',
  'RUN_STARTED',
] as const;

/** One of {@link SESSION_EVENT_TYPES}. */
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

/**
 * The JSON in field `e` of a session stream entry (entry id `<cursor>-0`): the outbox row, with `cursor` the decimal
 * string of GraphQL `SessionEvent.cursor` and `at` an ISO 8601 timestamp. `participantId` is the participant's `id`
 * within the session (GraphQL `Participant.id`).
 */
export interface StreamedSessionEvent extends StreamedEvent {
  readonly cursor: string;
  readonly type: SessionEventType;
  readonly sessionId: string;
  readonly segmentId: string | null;
  readonly participantId: string | null;
  readonly at: string;
  readonly payload: unknown;
}

/** The writing side of the session event stream (the session subgraph's relay). */
export type SessionEventStreamWriter = EventStreamWriter<StreamedSessionEvent>;

/** The reading side of the session event stream (the gateway's `sessionEvents` delivery). */
export type SessionEventStreamReader = EventStreamReader<StreamedSessionEvent>;
