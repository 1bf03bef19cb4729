import { EntitySchema } from 'typeorm';

/**
 * One utterance of a session's transcript (table `session.transcript_segments`). `sequence` numbers the segments
 * of a session from 1 without gaps, in append order. Also the codegen mapper type of the GraphQL `TranscriptSegment`.
 */
export interface TranscriptSegment {
  id: string;
  tenantId: string;
  sessionId: string;
  /** Position in the transcript, from 1; unique per session. */
  sequence: number;
  /** 1–200 characters. */
  speaker: string;
  /** 1–10,000 characters. */
  text: string;
  /** BCP 47 tag of `text`, or null. */
  language: string | null;
  /** Offset of the segment's start from the session's start, in ms. */
  startMs: number | null;
  /** Offset of the segment's end from the session's start, in ms; ≥ `startMs`. */
  endMs: number | null;
  createdAt: Date;
}

/** TypeORM schema of {@link TranscriptSegment}. */
export const TranscriptSegmentSchema = new EntitySchema<TranscriptSegment>({
  name: 'TranscriptSegment',
  tableName: 'transcript_segments',
  schema: 'session',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    sessionId: { name: 'session_id', type: 'uuid' },
    sequence: { type: 'int' },
    speaker: { type: 'text' },
    text: { type: 'text' },
    language: { type: 'text', nullable: true },
    startMs: { name: 'start_ms', type: 'int', nullable: true },
    endMs: { name: 'end_ms', type: 'int', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
});
