import { EntitySchema } from 'typeorm';

/** Who a session is with (GraphQL `SessionKind`). */
export type SessionKind = 'USER' | 'BOT';
/** Lifecycle of a session: `ACTIVE` until `endSession`, then `ENDED` for good. */
export type SessionStatus = 'ACTIVE' | 'ENDED';
/** Role of a participant (GraphQL `ParticipantRole`). */
export type ParticipantRole = 'USER' | 'BOT' | 'AGENT' | 'OBSERVER';

/** One participant of a session, stored in the `participants` jsonb array. */
export interface Participant {
  id: string;
  role: ParticipantRole;
  displayName: string | null;
}

/**
 * A conversation (table `session.sessions`). Also the codegen mapper type of the GraphQL `Session`.
 * `startedAt` is written with millisecond precision so that it round-trips through keyset cursors exactly.
 */
export interface Session {
  id: string;
  tenantId: string;
  kind: SessionKind;
  status: SessionStatus;
  /** At most 200 characters; null when absent. */
  title: string | null;
  /** At most 50 participants, ids unique within the session. */
  participants: Participant[];
  /** Any JSON, at most 16 KiB encoded; null when absent. */
  metadata: unknown;
  startedAt: Date;
  /** Set once, by `endSession`. */
  endedAt: Date | null;
}

/** TypeORM schema of {@link Session}. */
export const SessionSchema = new EntitySchema<Session>({
  name: 'Session',
  tableName: 'sessions',
  schema: 'session',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    kind: { type: 'text' },
    status: { type: 'text' },
    title: { type: 'text', nullable: true },
    participants: { type: 'jsonb' },
    metadata: { type: 'jsonb', nullable: true },
    startedAt: { name: 'started_at', type: 'timestamptz' },
    endedAt: { name: 'ended_at', type: 'timestamptz', nullable: true },
  },
});
