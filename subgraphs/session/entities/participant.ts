import { EntitySchema } from 'typeorm';

/** Role of a participant (GraphQL `ParticipantRole`). */
export type ParticipantRole = 'USER' | 'BOT' | 'AGENT' | 'OBSERVER';

/**
 * One presence of a participant in a session (table `session.participants`): from `joinedAt` until `leftAt` (null
 * while present). A participant who leaves and joins again gets a new row, so the rows of a session are its join and
 * leave history; at most one row per `participantKey` is present at a time (a partial unique index). Also the codegen
 * mapper type of the GraphQL `Participant`, whose `id` is `participantKey`.
 */
export interface Participant {
  /** The row's own id. */
  id: string;
  tenantId: string;
  sessionId: string;
  /** The caller-given participant id (GraphQL `Participant.id`), 1–200 characters. */
  participantKey: string;
  /** An id of the participant elsewhere (e.g. a meeting platform's participant id), at most 200 characters. */
  externalId: string | null;
  role: ParticipantRole;
  /** At most 200 characters. */
  displayName: string | null;
  joinedAt: Date;
  /** Null while the participant is present. */
  leftAt: Date | null;
}

/** TypeORM schema of {@link Participant} (the table's `seq`, an identity column ordering joins of one instant, is left out). */
export const ParticipantSchema = new EntitySchema<Participant>({
  name: 'Participant',
  tableName: 'participants',
  schema: 'session',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    sessionId: { name: 'session_id', type: 'uuid' },
    participantKey: { name: 'participant_key', type: 'text' },
    externalId: { name: 'external_id', type: 'text', nullable: true },
    role: { type: 'text' },
    displayName: { name: 'display_name', type: 'text', nullable: true },
    joinedAt: { name: 'joined_at', type: 'timestamptz' },
    leftAt: { name: 'left_at', type: 'timestamptz', nullable: true },
  },
});
