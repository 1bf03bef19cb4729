import type { DataSource } from 'typeorm';
import { isUuid } from '../../../platform/validation.ts';
import type { MemoryItem } from '../entities/memory-item.ts';
import type { MemoryVersion } from '../entities/memory-version.ts';
import { BadUserInputError } from '../../../platform/errors.ts';
import { compileMemoryFilter, type MemoryFilterInput } from './memory-filter.ts';
import { HISTORY_COLUMNS, ITEM_COLUMNS, LIVE } from './memory-sql.ts';

/** A (namespace, key) pair naming one item of a tenant. */
export interface MemoryName {
  readonly namespace: string;
  readonly key: string;
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

  /**
   * A page of the tenant's live items passing `filter`, newest first (`updated_at` then `id`, descending), by keyset
   * pagination over the index `(tenant_id, updated_at DESC, id DESC)`; the cursor is opaque (microseconds and id).
   * @throws {@link BadUserInputError} for a bad filter (its part named) or a cursor not made here (field `after`).
   */
  async list(tenantId: string, filter: MemoryFilterInput | null | undefined, first: number, after: string | null | undefined): Promise<MemoryPage> {
    const compiled = compileMemoryFilter(filter, { alias: 'm', firstParameter: 5 });
    const position = decodeMemoryCursor(after);
    const rows = await this.dataSource.query<(MemoryItem & { micros: string })[]>(
      `SELECT ${ITEM_COLUMNS}, (extract(epoch FROM m.updated_at) * 1000000)::bigint::text AS micros
       FROM memory.memory_items m
       WHERE m.tenant_id = $1 AND (m.expires_at IS NULL OR m.expires_at > now())
         AND ($2::bigint IS NULL OR (m.updated_at, m.id) < (timestamptz 'epoch' + $2::bigint * interval '1 microsecond', $3::uuid))
         AND ${compiled.sql}
       ORDER BY m.updated_at DESC, m.id DESC
       LIMIT $4`,
      [tenantId, position?.micros ?? null, position?.id ?? null, first + 1, ...compiled.parameters],
    );
    const page = rows.slice(0, first);
    return {
      edges: page.map(({ micros, ...item }) => ({ cursor: encodeMemoryCursor(micros, item.id), node: item })),
      hasNextPage: rows.length > first,
    };
  }
}

/** A page of {@link MemoryReader.list}. */
export interface MemoryPage {
  readonly edges: { readonly cursor: string; readonly node: MemoryItem }[];
  readonly hasNextPage: boolean;
}

function encodeMemoryCursor(micros: string, id: string): string {
  return Buffer.from(`m1|${micros}|${id}`).toString('base64url');
}

function decodeMemoryCursor(cursor: string | null | undefined): { micros: string; id: string } | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const [tag, micros, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (tag !== 'm1' || !micros || !/^\d{1,18}$/.test(micros) || !id || !isUuid(id)) {
    throw new BadUserInputError('"after" is not a cursor of this list', { field: 'after' });
  }
  return { micros, id };
}
