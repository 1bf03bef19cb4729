import type { DataSource } from 'typeorm';
import type { Logger } from '../../../platform/logger.ts';
import { createIfAbsent, ensureExtension } from './search-extensions.ts';

/** Which index a {@link VectorStore} keeps. */
export type VectorIndexKind = 'pgvector' | 'exact';

/** One item's vector to store. */
export interface ItemVector {
  readonly tenantId: string;
  readonly itemId: string;
  /** Unit length, {@link VectorStore.dimensions} components. */
  readonly vector: readonly number[];
}

/** A nearest item and its cosine similarity to the query, in [-1, 1]. */
export interface VectorHit {
  readonly itemId: string;
  readonly similarity: number;
}

/**
 * Cost of the exact scan per stored vector component, in µs: about 37 µs per item per search at 384 dimensions
 * (Postgres 15, one core of this project's 2-core benchmark machine; `npm run bench -- memory`), linear in both.
 */
export const EXACT_SCAN_US_PER_COMPONENT = 0.1;
/** Search time from which the exact scan counts as slow in the start-up warning, in ms. */
export const EXACT_SCAN_SLOW_MS = 100;

/**
 * How many of a tenant's embedded items make an exact search take {@link EXACT_SCAN_SLOW_MS}: about 2,600 at 384
 * dimensions, 700 at 1536 (from {@link EXACT_SCAN_US_PER_COMPONENT}); the start-up warning names it.
 */
export function exactScanSlowFromItems(dimensions: number): number {
  return Math.max(1, Math.round((EXACT_SCAN_SLOW_MS * 1000) / (EXACT_SCAN_US_PER_COMPONENT * dimensions) / 100) * 100);
}
/** HNSW candidate list size at query time (pgvector's `hnsw.ef_search`; its default is 40). */
export const HNSW_EF_SEARCH = 100;

/**
 * The vectors of memory items, in table `memory.item_vectors` (one row per item, deleted with it), with one of two
 * indexes behind one contract:
 * - **pgvector** (where the extension exists: PGlite in embedded mode, the docker-compose Postgres image): a
 *   `vector(D)` column with an HNSW index over cosine distance (`vector_cosine_ops`; Malkov and Yashunin, "Efficient
 *   and robust approximate nearest neighbor search using Hierarchical Navigable Small World graphs", IEEE TPAMI
 *   2018), queried with `ORDER BY embedding <=> q` under `hnsw.ef_search` = {@link HNSW_EF_SEARCH} and pgvector's
 *   iterative scan, so filters do not starve the result;
 * - **exact** (no pgvector, e.g. this machine's Postgres 15): a `real[]` column and an exact scan of the tenant's
 *   vectors (vectors are unit length, so cosine is the dot product computed in SQL); correct, linear in the
 *   tenant's items — a start-up warning says from how many items it becomes slow ({@link exactScanSlowFromItems}).
 * The table is created at start for the configured dimensions (an index of other dimensions is dropped and its
 * items marked PENDING, so the indexer embeds them again).
 */
export class VectorStore {
  private constructor(
    private readonly dataSource: DataSource,
    readonly kind: VectorIndexKind,
    readonly dimensions: number,
  ) {}

  /**
   * Opens the store: `preference` `auto` takes pgvector where `CREATE EXTENSION vector` works, else exact; `pgvector`
   * requires it. Creates or recreates the table and its index.
   * @throws {Error} for `pgvector` without the extension.
   */
  static async open(dataSource: DataSource, dimensions: number, preference: 'auto' | VectorIndexKind, logger: Logger): Promise<VectorStore> {
    let kind: VectorIndexKind = 'exact';
    if (preference !== 'exact') {
      if (await ensureExtension(dataSource, 'vector')) {
        kind = 'pgvector';
      } else if (preference === 'pgvector') {
        throw new Error('MEMORY_VECTOR_INDEX=pgvector, but this Postgres has no pgvector extension (use auto or exact)');
      }
    }
    const store = new VectorStore(dataSource, kind, dimensions);
    await store.ensureTable();
    if (kind === 'exact') {
      logger.warn(
        { vectorIndex: 'exact', dimensions, slowFromItems: exactScanSlowFromItems(dimensions) },
        `memory semantic search scans vectors exactly (no pgvector here): about ${Math.round(EXACT_SCAN_US_PER_COMPONENT * dimensions)} µs per embedded item per search, so a tenant's searches take ${EXACT_SCAN_SLOW_MS} ms from about ${exactScanSlowFromItems(dimensions)} items: use a Postgres with pgvector for an HNSW index`,
      );
    }
    return store;
  }

  private get columnType(): string {
    return this.kind === 'pgvector' ? `vector(${this.dimensions})` : 'real[]';
  }

  private async ensureTable(): Promise<void> {
    const existing = await this.dataSource.query<{ type: string }[]>(
      `SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
       WHERE a.attrelid = to_regclass('memory.item_vectors') AND a.attname = 'embedding' AND NOT a.attisdropped`,
    );
    const wanted = this.columnType;
    const stored = existing[0]?.type;
    const storedDimensions = await this.storedDimensions();
    if (stored !== undefined && (stored !== wanted || (storedDimensions !== null && storedDimensions !== this.dimensions))) {
      // Another index kind or dimension count: every vector must be made again.
      await this.dataSource.transaction(async (manager) => {
        await manager.query('DROP TABLE memory.item_vectors');
        await manager.query(
          `UPDATE memory.memory_items SET embedding_status = 'PENDING', embedding_attempts = 0, embedding_next_at = NULL, embedded_hash = NULL
           WHERE embedding_status <> 'NONE'`,
        );
      });
    }
    await createIfAbsent(
      this.dataSource,
      `
      CREATE TABLE IF NOT EXISTS memory.item_vectors (
        item_id uuid PRIMARY KEY REFERENCES memory.memory_items (id) ON DELETE CASCADE,
        tenant_id text NOT NULL,
        dimensions integer NOT NULL,
        embedding ${wanted} NOT NULL
      )`,
    );
    await createIfAbsent(this.dataSource, `CREATE INDEX IF NOT EXISTS item_vectors_tenant ON memory.item_vectors (tenant_id)`);
    if (this.kind === 'pgvector') {
      await createIfAbsent(this.dataSource, `CREATE INDEX IF NOT EXISTS item_vectors_hnsw ON memory.item_vectors USING hnsw (embedding vector_cosine_ops)`);
    }
  }

  private async storedDimensions(): Promise<number | null> {
    const exists = await this.dataSource.query<{ present: boolean }[]>(`SELECT to_regclass('memory.item_vectors') IS NOT NULL AS present`);
    if (!exists[0]?.present) return null;
    const rows = await this.dataSource.query<{ dimensions: number }[]>(`SELECT dimensions FROM memory.item_vectors LIMIT 1`);
    return rows[0]?.dimensions ?? null;
  }

  /** The SQL literal parameter of a vector for this store's column (`'[…]'` text for pgvector, a float array else). */
  private parameter(vector: readonly number[]): unknown {
    return this.kind === 'pgvector' ? `[${vector.join(',')}]` : vector;
  }

  private get cast(): string {
    return this.kind === 'pgvector' ? `::vector(${this.dimensions})` : '::real[]';
  }

  /** Writes the vectors (insert or replace), in one statement. @throws {Error} for a vector of other dimensions. */
  async upsert(vectors: readonly ItemVector[]): Promise<void> {
    if (vectors.length === 0) return;
    for (const v of vectors) {
      if (v.vector.length !== this.dimensions) throw new Error(`a vector of ${v.vector.length} dimensions, not ${this.dimensions}`);
    }
    const parameters: unknown[] = [];
    const rows = vectors.map((v) => {
      parameters.push(v.itemId, v.tenantId, this.parameter(v.vector));
      const n = parameters.length;
      return `($${n - 2}::uuid, $${n - 1}, ${this.dimensions}, $${n}${this.cast})`;
    });
    await this.dataSource.query(
      `INSERT INTO memory.item_vectors (item_id, tenant_id, dimensions, embedding) VALUES ${rows.join(', ')}
       ON CONFLICT (item_id) DO UPDATE SET embedding = EXCLUDED.embedding, tenant_id = EXCLUDED.tenant_id`,
      parameters,
    );
  }

  /**
   * The tenant's `k` items nearest to `query` by cosine similarity, best first, among the live items that pass
   * `filterSql` (a condition over `memory.memory_items m`, with its own parameters numbered from 4).
   * @param filterSql - compiled by memory-filter.ts; `TRUE` for none.
   */
  async nearest(tenantId: string, query: readonly number[], k: number, filterSql = 'TRUE', filterParameters: readonly unknown[] = []): Promise<VectorHit[]> {
    const sql =
      this.kind === 'pgvector'
        ? `SELECT v.item_id AS "itemId", 1 - (v.embedding <=> $2${this.cast}) AS similarity
           FROM memory.item_vectors v JOIN memory.memory_items m ON m.id = v.item_id
           WHERE v.tenant_id = $1 AND m.tenant_id = $1 AND (m.expires_at IS NULL OR m.expires_at > now()) AND ${filterSql}
           ORDER BY v.embedding <=> $2${this.cast}
           LIMIT $3`
        : `SELECT v.item_id AS "itemId", (SELECT sum(a * b) FROM unnest(v.embedding, $2::real[]) AS t(a, b)) AS similarity
           FROM memory.item_vectors v JOIN memory.memory_items m ON m.id = v.item_id
           WHERE v.tenant_id = $1 AND m.tenant_id = $1 AND (m.expires_at IS NULL OR m.expires_at > now()) AND ${filterSql}
           ORDER BY similarity DESC, v.item_id
           LIMIT $3`;
    const parameters = [tenantId, this.parameter(query), k, ...filterParameters];
    const rows =
      this.kind === 'pgvector'
        ? await this.dataSource.transaction(async (manager) => {
            await manager.query(`SELECT set_config('hnsw.ef_search', '${HNSW_EF_SEARCH}', true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`);
            return manager.query<{ itemId: string; similarity: number }[]>(sql, parameters);
          })
        : await this.dataSource.query<{ itemId: string; similarity: number }[]>(sql, parameters);
    const hits = rows.map((r) => ({ itemId: r.itemId, similarity: Number(r.similarity) }));
    // relaxed_order may return near neighbours slightly out of order: the caller gets them best first.
    return hits.sort((a, b) => b.similarity - a.similarity);
  }
}
