import type { DataSource } from 'typeorm';
import { isUuid } from '../../../platform/validation.ts';

/** What one speaker said in a session (GraphQL `SpeakerAnalytics`). */
export interface SpeakerAnalytics {
  readonly speaker: string;
  /** Sum of `endMs - startMs` over the speaker's segments that have both, in ms. */
  readonly talkTimeMs: number;
  readonly segmentCount: number;
  /** Whitespace-separated words of the segments' texts. */
  readonly wordCount: number;
}

/** Totals of a session's transcript (GraphQL `SessionAnalytics`): the sums over {@link speakers}, and the languages seen. */
export interface SessionAnalytics {
  readonly sessionId: string;
  readonly talkTimeMs: number;
  readonly segmentCount: number;
  readonly wordCount: number;
  /** Distinct language tags of the segments, sorted. */
  readonly languages: readonly string[];
  /** Per speaker, by talk time descending, then speaker. */
  readonly speakers: readonly SpeakerAnalytics[];
}

/** A row of the analytics statement: a speaker's aggregates, or (speaker null) the session's totals. */
interface AnalyticsRow {
  session_id: string;
  speaker: string | null;
  talk_time_ms: string;
  segment_count: string;
  word_count: string;
  languages: string[] | null;
}

/** The words of `text`: 0 for blank text, else the number of whitespace-separated runs. */
const WORDS_SQL = `CASE WHEN text ~ '^\\s*$' THEN 0 ELSE cardinality(regexp_split_to_array(regexp_replace(text, '^\\s+|\\s+$', '', 'g'), '\\s+')) END`;

/** Computes transcript analytics in the database. */
export class SessionAnalyticsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The analytics of the tenant's sessions `sessionIds` in one statement (`GROUPING SETS`: per session and speaker,
   * and per session), over their final segments (a draft is provisional: its final version counts once it arrives);
   * sessions without final segments are absent.
   */
  async analyticsOf(tenantId: string, sessionIds: readonly string[]): Promise<SessionAnalytics[]> {
    const valid = sessionIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows: AnalyticsRow[] = await this.dataSource.query(
      `SELECT session_id, CASE WHEN grouping(speaker) = 0 THEN speaker END AS speaker,
              coalesce(sum(end_ms - start_ms), 0) AS talk_time_ms, count(*) AS segment_count, sum(words) AS word_count,
              array_agg(DISTINCT language ORDER BY language) FILTER (WHERE language IS NOT NULL) AS languages
       FROM (SELECT session_id, speaker, start_ms, end_ms, language, ${WORDS_SQL} AS words
             FROM session.transcript_segments WHERE tenant_id = $1 AND session_id = ANY($2::uuid[]) AND final) segments
       GROUP BY GROUPING SETS ((session_id, speaker), (session_id))`,
      [tenantId, valid],
    );
    const bySession = new Map<string, { totals?: AnalyticsRow; speakers: SpeakerAnalytics[] }>();
    for (const row of rows) {
      const entry = bySession.get(row.session_id) ?? { speakers: [] };
      bySession.set(row.session_id, entry);
      if (row.speaker === null) entry.totals = row;
      else {
        entry.speakers.push({
          speaker: row.speaker,
          talkTimeMs: Number(row.talk_time_ms),
          segmentCount: Number(row.segment_count),
          wordCount: Number(row.word_count),
        });
      }
    }
    return [...bySession].flatMap(([sessionId, { totals, speakers }]) =>
      totals
        ? [
            {
              sessionId,
              talkTimeMs: Number(totals.talk_time_ms),
              segmentCount: Number(totals.segment_count),
              wordCount: Number(totals.word_count),
              languages: totals.languages ?? [],
              speakers: speakers.sort((a, b) => b.talkTimeMs - a.talkTimeMs || (a.speaker < b.speaker ? -1 : a.speaker > b.speaker ? 1 : 0)),
            },
          ]
        : [],
    );
  }
}

/** The analytics of a session without segments. */
export function emptyAnalytics(sessionId: string): SessionAnalytics {
  return { sessionId, talkTimeMs: 0, segmentCount: 0, wordCount: 0, languages: [], speakers: [] };
}
