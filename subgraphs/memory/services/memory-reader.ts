import type { DataSource } from 'typeorm';
import { isUuid } from '../../../platform/validation.ts';
import type { MemoryItem } from '../entities/memory-item.ts';
import type { MemoryVersion } from '../entities/memory-version.ts';
import { HISTORY_COLUMNS, ITEM_COLUMNS, LIVE } from './memory-sql.ts';

/** A (namespace, key) pair naming one item of a tenant. */
export interface MemoryName {
  readonly namespace: string;
  readonly key: string;
}

/** Filters of {@link MemoryReader.search}; absent or null = no filter. */
export interface MemorySearchFilter {
  readonly namespace?: string | null | undefined;
  readonly sessionId?: string | null | undefined;
  readonly agentId?: string | null | undefined;
}

/** One search result: the item and its `ts_rank_cd` relevance (higher is better). */
export interface MemorySearchResult {
  readonly item: MemoryItem;
  readonly score: number;
}

/** Which parent a memory list hangs off: the owning column of `memory.memory_items`. */
export type MemoryParent = 'session' | 'agent';

/** A live item with the parent id it was listed under. */
export interface ParentedMemoryItem {
  readonly parentId: string;
  readonly item: MemoryItem;
}

const PARENT_COLUMN: Readonly<Record<MemoryParent, string>> = { session: 'session_id', agent: 'agent_id' };

/**
 * Uncached reads of live memory items. Every method is scoped to one tenant, issues at most one SQL statement and
 * never returns an expired item. Ids that are not UUIDs match nothing (and reach no SQL).
 */
export class MemoryReader {
  constructor(private readonly dataSource: DataSource) {}

  /** The live items among `ids`, in no particular order. */
  async findByIds(tenantId: string, ids: readonly string[]): Promise<MemoryItem[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.dataSource.query<MemoryItem[]>(`SELECT ${ITEM_COLUMNS} FROM memory.memory_items WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND ${LIVE}`, [
      tenantId,
      valid,
    ]);
  }

  /** The live items named by `names`, in no particular order. */
  async findByNames(tenantId: string, names: readonly MemoryName[]): Promise<MemoryItem[]> {
    if (names.length === 0) return [];
    return this.dataSource.query<MemoryItem[]>(
      `SELECT ${ITEM_COLUMNS} FROM memory.memory_items
       WHERE tenant_id = $1 AND (namespace, key) IN (SELECT * FROM unnest($2::text[], $3::text[])) AND ${LIVE}`,
      [tenantId, names.map((n) => n.namespace), names.map((n) => n.key)],
    );
  }

  /**
   * Full-text search: `websearch_to_tsquery('english', query)` against the stored tsvector of `content`, ranked by
   * `ts_rank_cd` (best first; ties: most recently updated first).
   * @param limit - most hits to return (validated by the caller).
   */
  async search(tenantId: string, query: string, filter: MemorySearchFilter, limit: number): Promise<MemorySearchResult[]> {
    if ((filter.sessionId && !isUuid(filter.sessionId)) || (filter.agentId && !isUuid(filter.agentId))) return [];
    const rows = await this.dataSource.query<(MemoryItem & { score: number })[]>(
      `SELECT ${ITEM_COLUMNS}, ts_rank_cd(search_vector, q) AS score
       FROM memory.memory_items, websearch_to_tsquery('english', $2) AS q
       WHERE tenant_id = $1 AND search_vector @@ q AND ${LIVE}
         AND ($3::text IS NULL OR namespace = $3)
         AND ($4::uuid IS NULL OR session_id = $4)
         AND ($5::uuid IS NULL OR agent_id = $5)
       ORDER BY score DESC, updated_at DESC, id
       LIMIT $6`,
      [tenantId, query, filter.namespace ?? null, filter.sessionId ?? null, filter.agentId ?? null, limit],
    );
    return rows.map(({ score, ...item }) => ({ item, score: Number(score) }));
  }

  /**
   * The newest (by `updatedAt`) live items of each parent, at most `first` per parent, in one statement
   * (`row_number() over (partition by <parent> ...)`).
   * @param namespace - only items of this namespace; null = all.
   */
  async listByParents(
    tenantId: string,
    parent: MemoryParent,
    parentIds: readonly string[],
    namespace: string | null,
    first: number,
  ): Promise<ParentedMemoryItem[]> {
    const valid = parentIds.filter(isUuid);
    if (valid.length === 0) return [];
    const column = PARENT_COLUMN[parent];
    const rows = await this.dataSource.query<(MemoryItem & { parentId: string; position: string })[]>(
      `SELECT * FROM (
         SELECT ${ITEM_COLUMNS}, ${column} AS "parentId",
                row_number() OVER (PARTITION BY ${column} ORDER BY updated_at DESC, id DESC) AS position
         FROM memory.memory_items
         WHERE tenant_id = $1 AND ${column} = ANY($2::uuid[]) AND ($3::text IS NULL OR namespace = $3) AND ${LIVE}
       ) AS ranked
       WHERE position <= $4
       ORDER BY "parentId", position`,
      [tenantId, valid, namespace, first],
    );
    return rows.map(({ parentId, position: _position, ...item }) => ({ parentId, item }));
  }

  /**
   * The history of the tenant's items `itemIds` (deleted ones too), newest first, at most `first` entries per item,
   * in one statement (`row_number() over (partition by item_id ...)`).
   */
  async historyOf(tenantId: string, itemIds: readonly string[], first: number): Promise<MemoryVersion[]> {
    const valid = itemIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.dataSource.query<(MemoryVersion & { position: string })[]>(
      `SELECT * FROM (
         SELECT ${HISTORY_COLUMNS}, row_number() OVER (PARTITION BY item_id ORDER BY version DESC, created_at DESC) AS position
         FROM memory.memory_versions
         WHERE tenant_id = $1 AND item_id = ANY($2::uuid[])
       ) AS ranked
       WHERE position <= $3
       ORDER BY "itemId", position`,
      [tenantId, valid, first],
    );
    return rows.map(({ position: _position, ...entry }) => entry);
  }
}
