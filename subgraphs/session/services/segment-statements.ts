import type { EntityManager } from 'typeorm';
import type { TranscriptSegment } from '../entities/transcript-segment.ts';

/** A row of `session.transcript_segments` as the driver returns it (the columns of {@link TranscriptSegment}). */
export interface SegmentRow {
  id: string;
  tenant_id: string;
  session_id: string;
  sequence: number;
  speaker: string;
  text: string;
  language: string | null;
  start_ms: number | null;
  end_ms: number | null;
  segment_key: string | null;
  final: boolean;
  confidence: number | null;
  revision: number;
  created_at: Date;
  updated_at: Date;
}

const SEGMENT_COLUMNS = [
  'id',
  'tenant_id',
  'session_id',
  'sequence',
  'speaker',
  'text',
  'language',
  'start_ms',
  'end_ms',
  'segment_key',
  'final',
  'confidence',
  'revision',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof SegmentRow)[];

/** The columns of a {@link SegmentRow}, qualified by `alias`, for a SELECT list. */
export function segmentColumns(alias: string): string {
  return SEGMENT_COLUMNS.map((c) => `${alias}.${c}`).join(', ');
}

/** The {@link TranscriptSegment} of a driver row. */
export function segmentFromRow(row: SegmentRow): TranscriptSegment {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    sessionId: row.session_id,
    sequence: row.sequence,
    speaker: row.speaker,
    text: row.text,
    language: row.language,
    startMs: row.start_ms,
    endMs: row.end_ms,
    segmentKey: row.segment_key,
    final: row.final,
    confidence: row.confidence,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * What an append needs to know of a session, in one statement: its highest sequence number (0 when empty) and its
 * segments whose key is among `keys`, by key. Call it with the session row locked.
 */
export async function readAppendState(
  manager: Pick<EntityManager, 'query'>,
  tenantId: string,
  sessionId: string,
  keys: readonly string[],
): Promise<{ lastSequence: number; stored: Map<string, TranscriptSegment> }> {
  const rows: (Partial<SegmentRow> & { last_sequence: number })[] = await manager.query(
    `SELECT m.last_sequence, ${segmentColumns('s')}
     FROM (SELECT coalesce(max(sequence), 0) AS last_sequence FROM session.transcript_segments WHERE tenant_id = $1 AND session_id = $2) m
     LEFT JOIN session.transcript_segments s ON s.tenant_id = $1 AND s.session_id = $2 AND s.segment_key = ANY($3::text[])`,
    [tenantId, sessionId, keys],
  );
  const stored = new Map<string, TranscriptSegment>();
  for (const row of rows) {
    if (row.id !== null && row.id !== undefined) {
      const segment = segmentFromRow(row as SegmentRow);
      if (segment.segmentKey !== null) stored.set(segment.segmentKey, segment);
    }
  }
  return { lastSequence: rows[0]?.last_sequence ?? 0, stored };
}

/**
 * Writes `rows` in one statement: inserts those that are new and, for those whose key is stored as a draft, replaces
 * the draft's content, `final`, `revision` and `updatedAt` (id, sequence and `createdAt` stay). A stored final segment
 * is never updated. Does nothing for no rows.
 */
export async function upsertSegments(manager: Pick<EntityManager, 'query'>, rows: readonly TranscriptSegment[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof TranscriptSegment>(key: K): TranscriptSegment[K][] => rows.map((r) => r[key]);
  await manager.query(
    `INSERT INTO session.transcript_segments
       (id, tenant_id, session_id, sequence, speaker, text, language, start_ms, end_ms, segment_key, final, confidence, revision, created_at, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::text[],
       $11::boolean[], $12::double precision[], $13::int[], $14::timestamptz[], $15::timestamptz[])
     ON CONFLICT (tenant_id, session_id, segment_key) WHERE segment_key IS NOT NULL DO UPDATE SET
       speaker = EXCLUDED.speaker, text = EXCLUDED.text, language = EXCLUDED.language, start_ms = EXCLUDED.start_ms,
       end_ms = EXCLUDED.end_ms, final = EXCLUDED.final, confidence = EXCLUDED.confidence, revision = EXCLUDED.revision,
       updated_at = EXCLUDED.updated_at
     WHERE NOT transcript_segments.final`,
    [
      column('id'),
      column('tenantId'),
      column('sessionId'),
      column('sequence'),
      column('speaker'),
      column('text'),
      column('language'),
      column('startMs'),
      column('endMs'),
      column('segmentKey'),
      column('final'),
      column('confidence'),
      column('revision'),
      column('createdAt'),
      column('updatedAt'),
    ],
  );
}
