import { EntitySchema } from 'typeorm';
import type { BotState } from '../services/bot-lifecycle.ts';

/** Who a session is with (GraphQL `SessionKind`). */
export type SessionKind = 'USER' | 'BOT';
/** Lifecycle of a session: `ACTIVE` until `endSession`, then `ENDED` for good. */
export type SessionStatus = 'ACTIVE' | 'ENDED';
/**
 * A conversation (table `session.sessions`). Also the codegen mapper type of the GraphQL `Session`.
 * `startedAt` is written with millisecond precision so that it round-trips through keyset cursors exactly.
 * Participants are rows of their own (participant.ts).
 */
export interface Session {
  id: string;
  tenantId: string;
  kind: SessionKind;
  status: SessionStatus;
  /** At most 200 characters; null when absent. */
  title: string | null;
  /** The bot's state for a `BOT` session (bot-lifecycle.ts), null for a `USER` session. */
  botState: BotState | null;
  /** Why the bot failed (`FAILED`), at most 1000 characters; null otherwise. */
  botFailureReason: string | null;
  /** Any JSON, at most 16 KiB encoded; null when absent. */
  metadata: unknown;
  startedAt: Date;
  /** Set once, by `endSession` or by the bot reaching `ENDED` or `FAILED`. */
  endedAt: Date | null;
  /** The workflow started when the session ends (`StartSessionInput.onEnd.workflowId`); null = none. */
  endWorkflowId: string | null;
  /** Its `onEnd.input` (any JSON, at most 256 KiB encoded), to which the dispatcher adds `sessionId`. */
  endWorkflowInput: unknown;
  /** Whether the run's input gets the transcript as `messages` (`onEnd.includeTranscript`). */
  endWorkflowTranscript: boolean;
  /** The run the dispatcher started (session-end-dispatcher.ts); null until then. */
  endRunId: string | null;
  /** Why dispatch gave up after its last attempt; null otherwise. */
  endRunError: string | null;
  /** Failed attempts to start the run so far. */
  endRunAttempts: number;
  /** Not before when the dispatcher tries (again); null = as soon as the session has ended. */
  endRunNextAt: Date | null;
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
    botState: { name: 'bot_state', type: 'text', nullable: true },
    botFailureReason: { name: 'bot_failure_reason', type: 'text', nullable: true },
    metadata: { type: 'jsonb', nullable: true },
    startedAt: { name: 'started_at', type: 'timestamptz' },
    endedAt: { name: 'ended_at', type: 'timestamptz', nullable: true },
    endWorkflowId: { name: 'end_workflow_id', type: 'text', nullable: true },
    endWorkflowInput: { name: 'end_workflow_input', type: 'jsonb', nullable: true },
    endWorkflowTranscript: { name: 'end_workflow_transcript', type: 'boolean', default: false },
    endRunId: { name: 'end_run_id', type: 'text', nullable: true },
    endRunError: { name: 'end_run_error', type: 'text', nullable: true },
    endRunAttempts: { name: 'end_run_attempts', type: 'int', default: 0 },
    endRunNextAt: { name: 'end_run_next_at', type: 'timestamptz', nullable: true },
  },
});
