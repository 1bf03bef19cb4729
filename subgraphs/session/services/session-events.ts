import type { EntityManager } from 'typeorm';
import { BACKGROUND_SQL_MARK } from '../../../platform/database/background-statement.ts';

/**
 * What can happen in a session, as `session.session_events` records it (and, later, the `sessionEvents`
 * subscription delivers it): a transcript segment added, revised (a draft replaced) or finalised, a translation added,
 * a participant joined or left, a bot's state changed, the session ended, a run started for the session.
 */
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

/** An event to record: its cursor is assigned after commit, its time at insert. */
export interface NewSessionEvent {
  readonly sessionId: string;
  readonly type: SessionEventType;
  /** The segment it is about (segment and translation events). */
  readonly segmentId?: string | null;
  /** The participant it is about (participant events). */
  readonly participantId?: string | null;
  /** JSON details (e.g. a bot state change's `from`, `to` and `reason`); at most what the change itself holds. */
  readonly payload?: unknown;
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
    `${background ? BACKGROUND_SQL_MARK : ''}INSERT INTO session.session_events (tenant_id, session_id, type, segment_id, participant_id, payload)
     SELECT $1, e.session_id, e.type, e.segment_id, e.participant_id, e.payload
     FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS e(session_id, type, segment_id, participant_id, payload, ord)
     ORDER BY e.ord`,
    [
      tenantId,
      events.map((e) => e.sessionId),
      events.map((e) => e.type),
      events.map((e) => e.segmentId ?? null),
      events.map((e) => e.participantId ?? null),
      events.map((e) => (e.payload === undefined ? null : JSON.stringify(e.payload))),
    ],
  );
}
