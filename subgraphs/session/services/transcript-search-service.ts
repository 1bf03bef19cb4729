import type { DataSource } from 'typeorm';
import { NotFoundError } from '../../../platform/errors.ts';
import { assertIntRange, assertLength, isUuid } from '../../../platform/validation.ts';
import type { TranscriptSegment } from '../entities/transcript-segment.ts';
import { segmentColumns, segmentFromRow, type SegmentRow } from './segment-statements.ts';

/** Longest `searchTranscripts` query, in characters. */
export const MAX_SEARCH_QUERY_LENGTH = 500;
/** Most hits one `searchTranscripts` call returns. */
export const MAX_SEARCH_HITS = 100;
/** Hits returned when `first` is not given. */
export const DEFAULT_SEARCH_HITS = 20;
/** What `highlight` puts before each matched word. */
export const HIGHLIGHT_START = '«';
/** What `highlight` puts after each matched word. */
export const HIGHLIGHT_STOP = '»';

/** ts_headline options: «…» around matches, in the passage of 15 to 35 words that covers the most matches (the whole text when shorter). */
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=35, MinWords=15`;

/** Arguments of `searchTranscripts`, as GraphQL delivers them. */
export interface TranscriptSearchArgs {
  /** websearch_to_tsquery syntax: words (all must occur), `"a phrase"`, `or`, `-word`; 1–500 characters. */
  readonly query: string;
  /** Only this session's segments; all the tenant's sessions when absent. */
  readonly sessionId?: string | null | undefined;
  /** @defaultValue {@link DEFAULT_SEARCH_HITS}; 1–100. */
  readonly first?: number | null | undefined;
  /** Also search drafts. @defaultValue false */
  readonly includeDrafts?: boolean | null | undefined;
}

/** One search result: the segment, its rank and its text with the matches marked. */
export interface TranscriptSearchHit {
  readonly segment: TranscriptSegment;
  /** ts_rank_cd of the segment for the query: higher for more and closer matches. */
  readonly score: number;
  /** A passage of up to 35 words of the text with each match between {@link HIGHLIGHT_START} and {@link HIGHLIGHT_STOP}. */
  readonly highlight: string;
}

/** Full-text search over the tenant's transcripts (the 'simple' tsvector `session.transcript_segments.search_vector`). */
export class TranscriptSearchService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The tenant's segments matching `query` (websearch_to_tsquery, 'simple' configuration: case-insensitive whole
   * words, no stemming), best first: by ts_rank_cd, then newest (`createdAt`, then `sequence`) first. Final segments
   * only unless `includeDrafts`. A query without words (e.g. only punctuation) matches nothing.
   * @throws {@link BadUserInputError} for a query outside 1–500 characters or `first` outside 1–100.
   * @throws {@link NotFoundError} when `sessionId` is given and is not a session of the tenant.
   */
  async search(tenantId: string, args: TranscriptSearchArgs): Promise<TranscriptSearchHit[]> {
    assertLength('query', args.query, MAX_SEARCH_QUERY_LENGTH, 1);
    const first = args.first ?? DEFAULT_SEARCH_HITS;
    assertIntRange('first', first, 1, MAX_SEARCH_HITS);
    const sessionId = args.sessionId ?? null;
    if (sessionId !== null) await this.assertSession(tenantId, sessionId);
    const rows: (SegmentRow & { score: number; highlight: string })[] = await this.dataSource.query(
      `SELECT ${segmentColumns('s')}, ts_rank_cd(s.search_vector, q.query) AS score, ts_headline('simple', s.text, q.query, $6) AS highlight
       FROM websearch_to_tsquery('simple', $2) AS q(query)
       JOIN session.transcript_segments s ON s.search_vector @@ q.query
       WHERE s.tenant_id = $1 AND ($3::uuid IS NULL OR s.session_id = $3) AND (s.final OR $4)
       ORDER BY score DESC, s.created_at DESC, s.sequence DESC, s.id
       LIMIT $5`,
      [tenantId, args.query, sessionId, args.includeDrafts ?? false, first, HEADLINE_OPTIONS],
    );
    return rows.map((row) => ({ segment: segmentFromRow(row), score: row.score, highlight: row.highlight }));
  }

  private async assertSession(tenantId: string, sessionId: string): Promise<void> {
    const found: unknown[] = isUuid(sessionId)
      ? await this.dataSource.query('SELECT 1 FROM session.sessions WHERE tenant_id = $1 AND id = $2', [tenantId, sessionId])
      : [];
    if (found.length === 0) throw new NotFoundError(`Session ${sessionId} not found`, { id: sessionId });
  }
}
