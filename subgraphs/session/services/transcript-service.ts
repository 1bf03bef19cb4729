import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { NotFoundError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/validation.ts';
import { lockActiveSession } from './active-session-lock.ts';
import { recordSessionEvents } from './session-events.ts';
import { TranscriptSegmentSchema, type TranscriptSegment } from '../entities/transcript-segment.ts';
import { TranslationSchema, type Translation } from '../entities/translation.ts';
import { readAppendState, upsertSegments } from './segment-statements.ts';
import { planSegmentRevisions } from './segment-revisions.ts';
import { validateSegments, validateTranslation, type SegmentArgs } from './session-limits.ts';

/** Owns transcripts and their translations, always within one tenant. */
export class TranscriptService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends `segments` to an active session's transcript, all or nothing. In one transaction it locks the session
   * row (`FOR UPDATE`, so concurrent appends to one session queue up), reads the last sequence number and the stored
   * segments of the keys the input names (one SELECT), then writes in one upsert: segments without a known key are
   * inserted, numbered on from the last sequence in input order (SEGMENT_ADDED each); a key of a stored draft replaces
   * it in place, same id and sequence, `revision` + 1 (SEGMENT_REVISED, or SEGMENT_FINALISED when the input is final);
   * an input that repeats its stored segment exactly changes nothing (a retry: no event). Returns the segments in
   * input order. The statements are the same in number for 1 segment as for 500.
   * @throws {@link BadUserInputError} for invalid segments, or a key twice in the call (nothing is written).
   * @throws {@link NotFoundError} when the session is not the tenant's.
   * @throws {@link ConflictError} when the session has ended, or an input would change a final segment (nothing is written).
   */
  async append(tenantId: string, sessionId: string, segments: readonly SegmentArgs[]): Promise<TranscriptSegment[]> {
    const valid = validateSegments(segments);
    if (!isUuid(sessionId)) throw new NotFoundError(`Session ${sessionId} not found`, { id: sessionId });
    const keys = valid.flatMap((s) => (s.segmentKey === null ? [] : [s.segmentKey]));
    return this.dataSource.transaction(async (manager) => {
      await lockActiveSession(manager, tenantId, sessionId);
      const { lastSequence, stored } = await readAppendState(manager, tenantId, sessionId, keys);
      const plan = planSegmentRevisions({ tenantId, sessionId, lastSequence, now: new Date() }, valid, stored);
      await upsertSegments(
        manager,
        plan.flatMap((p) => (p.kind === 'unchanged' ? [] : [p.row])),
      );
      await recordSessionEvents(
        manager,
        tenantId,
        plan.flatMap((p) => {
          if (p.kind === 'unchanged') return [];
          const type = p.kind === 'insert' ? 'SEGMENT_ADDED' : p.row.final ? 'SEGMENT_FINALISED' : 'SEGMENT_REVISED';
          return [{ sessionId, type, segmentId: p.row.id, payload: p.kind === 'insert' ? undefined : { revision: p.row.revision } }];
        }),
      );
      return plan.map((p) => p.row);
    });
  }

  /**
   * Adds the translation of a segment into `language`, or replaces its text when one exists (one upsert), and records
   * TRANSLATION_ADDED in the same transaction.
   * @throws {@link BadUserInputError} for an invalid language tag or text.
   * @throws {@link NotFoundError} when the segment is not the tenant's.
   */
  async addTranslation(tenantId: string, segmentId: string, language: string, text: string): Promise<Translation> {
    validateTranslation(language, text);
    if (!isUuid(segmentId)) throw new NotFoundError(`Transcript segment ${segmentId} not found`, { id: segmentId });
    // Inserting through a SELECT of the tenant's segment writes nothing when the segment is not the tenant's.
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; session_id: string; created_at: Date; updated_at: Date }[] = await manager.query(
        `WITH segment AS (SELECT tenant_id, id, session_id FROM session.transcript_segments WHERE tenant_id = $2 AND id = $3),
         upserted AS (
           INSERT INTO session.translations (id, tenant_id, segment_id, language, text)
           SELECT $1, tenant_id, id, $4, $5 FROM segment
           ON CONFLICT (tenant_id, segment_id, language) DO UPDATE SET text = EXCLUDED.text, updated_at = now()
           RETURNING id, created_at, updated_at)
         SELECT upserted.*, segment.session_id FROM upserted, segment`,
        [randomUUID(), tenantId, segmentId, language, text],
      );
      const row = rows[0];
      if (!row) throw new NotFoundError(`Transcript segment ${segmentId} not found`, { id: segmentId });
      await recordSessionEvents(manager, tenantId, [{ sessionId: row.session_id, type: 'TRANSLATION_ADDED', segmentId, payload: { language } }]);
      return { id: row.id, tenantId, segmentId, language, text, createdAt: row.created_at, updatedAt: row.updated_at };
    });
  }

  /** The transcripts of the tenant's sessions `sessionIds` in one statement, ordered by session then sequence. */
  async segmentsOf(tenantId: string, sessionIds: readonly string[]): Promise<TranscriptSegment[]> {
    const valid = sessionIds.filter(isUuid);
    if (valid.length === 0) return [];
    return this.dataSource.getRepository(TranscriptSegmentSchema).find({
      where: { tenantId, sessionId: In(valid) },
      order: { sessionId: 'ASC', sequence: 'ASC' },
    });
  }

  /** The tenant's segments among `ids` (non-UUIDs skipped), in one statement, in no particular order. */
  async findSegments(tenantId: string, ids: readonly string[]): Promise<TranscriptSegment[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.dataSource.getRepository(TranscriptSegmentSchema).findBy({ tenantId, id: In(valid) });
  }

  /** The translations of the tenant's segments `segmentIds` in one statement, ordered by language. */
  async translationsOf(tenantId: string, segmentIds: readonly string[]): Promise<Translation[]> {
    const valid = segmentIds.filter(isUuid);
    if (valid.length === 0) return [];
    return this.dataSource.getRepository(TranslationSchema).find({
      where: { tenantId, segmentId: In(valid) },
      order: { language: 'ASC' },
    });
  }
}
