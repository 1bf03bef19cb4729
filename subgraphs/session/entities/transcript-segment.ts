import { EntitySchema } from 'typeorm';

/**
 * One utterance of a session's transcript (table `session.transcript_segments`). `sequence` numbers the segments
 * of a session from 1 without gaps, in append order. A segment with a `segmentKey` may be a draft (`final` false, e.g.
 * an interim speech-recognition result) that later appends with the same key replace in place (same id and sequence,
 * `revision` + 1) until one is final; a final segment never changes. Also the codegen mapper type of the GraphQL
 * `TranscriptSegment`. (The table also holds `search_vector`, a generated tsvector of `text` for transcript search.)
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
  /** The client's idempotency key of the segment within its session (1–200 characters), or null. */
  segmentKey: string | null;
  /** False for a draft that a later append with the same `segmentKey` may replace. */
  final: boolean;
  /** Recognition confidence from 0 to 1, or null. */
  confidence: number | null;
  /** 1 on insert, + 1 per replacement of a draft. */
  revision: number;
  createdAt: Date;
  /** Time of the last replacement (= `createdAt` until then). */
  updatedAt: Date;
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
    segmentKey: { name: 'segment_key', type: 'text', nullable: true },
    final: { type: 'boolean' },
    confidence: { type: 'double precision', nullable: true },
    revision: { type: 'int' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
