import type { DataSource } from 'typeorm';
import { BadUserInputError } from '../../../platform/errors.ts';
import type { MemoryItem } from '../entities/memory-item.ts';
import type { Embedder } from './embedder.ts';
import { compileMemoryFilter, type MemoryFilterInput } from './memory-filter.ts';
import { ITEM_COLUMNS } from './memory-sql.ts';
import type { VectorStore } from './vector-store.ts';

/** `MemorySearchMode`. */
export type MemorySearchMode = 'LEXICAL' | 'SEMANTIC' | 'HYBRID';

/** The k of Reciprocal Rank Fusion (Cormack, Clarke and Büttcher, SIGIR 2009: k = 60 in their experiments). */
export const RRF_K = 60;
/** Candidates each ranking contributes to a hybrid fusion: this many times `limit`, at least {@link MIN_FUSION_CANDIDATES}. */
const FUSION_DEPTH = 4;
const MIN_FUSION_CANDIDATES = 50;
/**
 * Trigram word similarity from which a query matches an item without a full-text match: pg_trgm's
 * `word_similarity_threshold`, whose default (0.6) the `<%` operator uses.
 */
export const TRIGRAM_THRESHOLD = 0.6;
/** Parameters before the filter's in every search statement: tenant, query (text or vector), limit. */
const FIRST_FILTER_PARAMETER = 4;

/** A validated search. */
export interface MemorySearchRequest {
  /** 1–1,000 characters. */
  readonly query: string;
  /** Absent: HYBRID with an embedder, else LEXICAL. */
  readonly mode?: MemorySearchMode | null | undefined;
  readonly filter?: MemoryFilterInput | null | undefined;
  /** 1–100. */
  readonly limit: number;
  /** Hits with a lower score are dropped. */
  readonly minScore?: number | null | undefined;
}

/** One hit, with what each ranking said of it. */
export interface MemorySearchHit {
  readonly item: MemoryItem;
  readonly score: number;
  readonly lexicalRank: number | null;
  readonly lexicalScore: number | null;
  readonly semanticRank: number | null;
  readonly semanticSimilarity: number | null;
}

/** `MemorySearchResult`. */
export interface MemorySearchResult {
  readonly hits: MemorySearchHit[];
  readonly mode: MemorySearchMode;
  /** Live items passing the filter that are PENDING or FAILED (0 in LEXICAL mode). */
  readonly notEmbedded: number;
}

/** What {@link MemorySearch} searches with; absent `semantic` = lexical only. */
export interface MemorySearchOptions {
  readonly semantic?: { readonly embedder: Embedder; readonly vectors: VectorStore } | undefined;
  /** Whether pg_trgm is installed (trigram matching of short or misspelt queries). */
  readonly trigrams: boolean;
}

interface Ranked {
  readonly id: string;
  readonly rank: number;
  readonly score: number;
}

/**
 * `searchMemory`: lexical, semantic and hybrid search of one tenant's live memories under a filter (memory-filter.ts).
 * The tenant is a condition of every statement in every mode.
 * - Lexical: `websearch_to_tsquery('english', q)` against the stored tsvector, or — with pg_trgm — a trigram word
 *   similarity of at least {@link TRIGRAM_THRESHOLD} (`q <% content`, GIN-indexed), scored `ts_rank_cd` + word
 *   similarity, ties by recency.
 * - Semantic: the query's embedding (one embedder call, the tenant's model call) against the vector store,
 *   cosine similarity.
 * - Hybrid: Reciprocal Rank Fusion of the two lists ({@link FUSION_DEPTH} × limit candidates each): score =
 *   Σ 1 / ({@link RRF_K} + rank).
 */
export class MemorySearch {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: MemorySearchOptions,
  ) {}

  /** The mode a search without one runs in. */
  get defaultMode(): MemorySearchMode {
    return this.options.semantic ? 'HYBRID' : 'LEXICAL';
  }

  /**
   * Runs `request` for `tenantId`.
   * @throws {@link BadUserInputError} for SEMANTIC or HYBRID without an embedder (field `mode`), a bad filter (its
   *   part named), a non-finite `minScore`.
   * @throws {@link UpstreamError} when the query's embedding cannot be made.
   */
  async search(tenantId: string, request: MemorySearchRequest): Promise<MemorySearchResult> {
    const mode = request.mode ?? this.defaultMode;
    const semantic = this.options.semantic;
    if (mode !== 'LEXICAL' && !semantic) {
      throw new BadUserInputError(`"mode" ${mode} needs an embedder: set EMBEDDINGS_MODEL (or search with mode LEXICAL)`, { field: 'mode' });
    }
    if (request.minScore !== null && request.minScore !== undefined && !Number.isFinite(request.minScore)) {
      throw new BadUserInputError('"minScore" must be a finite number', { field: 'minScore' });
    }
    const filter = compileMemoryFilter(request.filter, { alias: 'm', firstParameter: FIRST_FILTER_PARAMETER });
    const depth = mode === 'HYBRID' ? Math.max(request.limit * FUSION_DEPTH, MIN_FUSION_CANDIDATES) : request.limit;
    const [lexical, semanticHits, notEmbedded] = await Promise.all([
      mode === 'SEMANTIC' ? Promise.resolve([]) : this.lexical(tenantId, request.query, depth, request.limit, filter.sql, filter.parameters),
      mode === 'LEXICAL' || !semantic ? Promise.resolve([]) : this.semantic(tenantId, request.query, depth, filter.sql, filter.parameters),
      mode === 'LEXICAL' ? Promise.resolve(0) : this.countNotEmbedded(tenantId, filter.sql, filter.parameters),
    ]);
    const lexicalById = new Map(lexical.map((r) => [r.id, r]));
    const semanticById = new Map(semanticHits.map((r) => [r.id, r]));
    let scored: { id: string; score: number }[];
    if (mode === 'LEXICAL') scored = lexical.map((r) => ({ id: r.id, score: r.score }));
    else if (mode === 'SEMANTIC') scored = semanticHits.map((r) => ({ id: r.id, score: r.score }));
    else {
      const ids = new Set([...lexicalById.keys(), ...semanticById.keys()]);
      scored = [...ids].map((id) => {
        const l = lexicalById.get(id);
        const s = semanticById.get(id);
        return { id, score: (l ? 1 / (RRF_K + l.rank) : 0) + (s ? 1 / (RRF_K + s.rank) : 0) };
      });
      scored.sort((a, b) => b.score - a.score || (lexicalById.get(a.id)?.rank ?? Infinity) - (lexicalById.get(b.id)?.rank ?? Infinity));
    }
    const minScore = request.minScore ?? Number.NEGATIVE_INFINITY;
    const chosen = scored.filter((s) => s.score >= minScore).slice(0, request.limit);
    const items = await this.items(
      tenantId,
      chosen.map((c) => c.id),
    );
    const hits: MemorySearchHit[] = [];
    for (const { id, score } of chosen) {
      const item = items.get(id);
      if (!item) continue; // deleted or expired between the ranking and this read
      const l = lexicalById.get(id);
      const s = semanticById.get(id);
      hits.push({
        item,
        score,
        lexicalRank: l?.rank ?? null,
        lexicalScore: l?.score ?? null,
        semanticRank: s?.rank ?? null,
        semanticSimilarity: s?.score ?? null,
      });
    }
    return { hits, mode, notEmbedded };
  }

  /**
   * Full-text matches first (at most `limit`); only when they are fewer than `wanted` (the hits the caller asked for)
   * does a second statement add the trigram matches
   * (`$2 <% content`, the costly part: about 20 ms at 100,000 items, against 0.2 ms for the full-text match) — so a
   * misspelt or partial query still finds items, and a query whose words match pays for no fuzzy scan. Both score
   * `ts_rank_cd + word_similarity`, so the ranking is the one a single statement would give whenever full-text
   * matches fill the list (a trigram-only match lacks the `ts_rank_cd` term and ranks after them).
   */
  private async lexical(
    tenantId: string,
    query: string,
    limit: number,
    wanted: number,
    filterSql: string,
    filterParameters: readonly unknown[],
  ): Promise<Ranked[]> {
    const trigram = this.options.trigrams;
    const statement = (match: string) =>
      `SELECT m.id, ts_rank_cd(m.search_vector, q)${trigram ? ' + word_similarity($2, m.content)' : ''} AS score
       FROM memory.memory_items m, websearch_to_tsquery('english', $2) AS q
       WHERE m.tenant_id = $1 AND (m.expires_at IS NULL OR m.expires_at > now())
         AND (${match})
         AND ${filterSql}
       ORDER BY score DESC, m.updated_at DESC, m.id
       LIMIT $3`;
    const parameters = [tenantId, query, limit, ...filterParameters];
    let rows = await this.dataSource.query<{ id: string; score: number }[]>(statement('m.search_vector @@ q'), parameters);
    if (trigram && rows.length < wanted) {
      rows = await this.dataSource.query<{ id: string; score: number }[]>(statement('m.search_vector @@ q OR $2 <% m.content'), parameters);
    }
    return rows.map((r, i) => ({ id: r.id, rank: i + 1, score: Number(r.score) }));
  }

  private async semantic(tenantId: string, query: string, limit: number, filterSql: string, filterParameters: readonly unknown[]): Promise<Ranked[]> {
    const semantic = this.options.semantic;
    if (!semantic) return [];
    const [vector] = await semantic.embedder.embed(tenantId, [query]);
    if (!vector) return [];
    const hits = await semantic.vectors.nearest(tenantId, vector, limit, filterSql, filterParameters);
    return hits.map((h, i) => ({ id: h.itemId, rank: i + 1, score: h.similarity }));
  }

  private async countNotEmbedded(tenantId: string, filterSql: string, filterParameters: readonly unknown[]): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM memory.memory_items m
       WHERE m.tenant_id = $1 AND (m.expires_at IS NULL OR m.expires_at > now()) AND m.embedding_status IN ('PENDING', 'FAILED')
         AND $2::text IS NULL AND $3::int IS NULL AND ${filterSql}`, // $2, $3 unused: the filter's numbering starts at 4
      [tenantId, null, null, ...filterParameters],
    );
    return row?.count ?? 0;
  }

  private async items(tenantId: string, ids: readonly string[]): Promise<Map<string, MemoryItem>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<MemoryItem[]>(
      `SELECT ${ITEM_COLUMNS} FROM memory.memory_items WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND (expires_at IS NULL OR expires_at > now())`,
      [tenantId, ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}
