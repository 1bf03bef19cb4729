import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../../../platform/logger.ts';
import { isUuid } from '../../../platform/validation.ts';
import type { MemoryItem } from '../entities/memory-item.ts';
import type { MemoryOperation, StoreMemoryCommand } from './memory-input.ts';
import type { MemoryItemCache } from './memory-item-cache.ts';
import { ITEM_COLUMNS, TOUCHED_COLUMNS, type TouchedItem } from './memory-sql.ts';

/** Rows the purge deletes per statement. */
export const PURGE_BATCH_SIZE = 1_000;
/** Most purge statements per {@link MemoryWriter.purgeExpired} call; the rest waits for the next round. */
const PURGE_MAX_BATCHES = 50;

/** Outcome of a bulk call: the items stored and the ids deleted, in operation order. */
export interface BulkMemoryOutcome {
  readonly stored: MemoryItem[];
  readonly deletedIds: string[];
}

interface Touched {
  readonly touched: TouchedItem[];
}

/**
 * All writes of memory items. Each write runs in one transaction (a store also appends its version to
 * `memory.memory_versions`), then drops the cache entries of every item it touched, after the commit.
 * Inputs arrive validated (memory-input.ts).
 */
export class MemoryWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: MemoryItemCache,
    private readonly logger: Logger,
  ) {}

  /** Creates the item under (namespace, key) with version 1, or writes version n+1 of the live one there. */
  async store(tenantId: string, command: StoreMemoryCommand): Promise<MemoryItem> {
    const { item, touched } = await this.dataSource.transaction((manager) => storeIn(manager, tenantId, command));
    await this.invalidate(touched);
    return item;
  }

  /** Deletes an item (and its versions); whether a live item was deleted. Non-UUID ids delete nothing. */
  async delete(tenantId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { deleted, touched } = await deleteIn(this.dataSource.manager, tenantId, id.toLowerCase());
    await this.invalidate(touched);
    return deleted;
  }

  /** Applies `operations` in order, in one transaction: any failure writes nothing. */
  async bulk(tenantId: string, operations: readonly MemoryOperation[]): Promise<BulkMemoryOutcome> {
    const { outcome, touched } = await this.dataSource.transaction(async (manager) => {
      const result: BulkMemoryOutcome = { stored: [], deletedIds: [] };
      const all: TouchedItem[] = [];
      for (const operation of operations) {
        switch (operation.kind) {
          case 'store': {
            const stored = await storeIn(manager, tenantId, operation.store);
            result.stored.push(stored.item);
            all.push(...stored.touched);
            break;
          }
          case 'delete': {
            const removed = await deleteIn(manager, tenantId, operation.id);
            if (removed.deleted) result.deletedIds.push(operation.id);
            all.push(...removed.touched);
            break;
          }
          default: {
            const unknown: never = operation;
            throw new Error(`unknown memory operation ${JSON.stringify(unknown)}`);
          }
        }
      }
      return { outcome: result, touched: all };
    });
    await this.invalidate(touched);
    return outcome;
  }

  /**
   * Deletes expired items of every tenant, {@link PURGE_BATCH_SIZE} rows per statement, and drops their cache entries.
   * @returns how many items were deleted.
   */
  async purgeExpired(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < PURGE_MAX_BATCHES; batch++) {
      const purged = await this.dataSource.query<TouchedItem[]>(
        `WITH purged AS (
           DELETE FROM memory.memory_items WHERE id IN (
             SELECT id FROM memory.memory_items WHERE expires_at <= now() ORDER BY expires_at LIMIT $1)
           RETURNING ${TOUCHED_COLUMNS})
         SELECT * FROM purged`,
        [PURGE_BATCH_SIZE],
      );
      total += purged.length;
      await this.invalidate(purged);
      if (purged.length < PURGE_BATCH_SIZE) break;
    }
    return total;
  }

  private async invalidate(touched: readonly TouchedItem[]): Promise<void> {
    try {
      await this.cache.invalidate(touched);
    } catch (error) {
      // The write committed and this instance's LRU is clear; other instances keep stale entries until their TTL.
      this.logger.error({ err: error, items: touched.length }, 'memory cache invalidation failed');
    }
  }
}

async function storeIn(manager: EntityManager, tenantId: string, command: StoreMemoryCommand): Promise<Touched & { readonly item: MemoryItem }> {
  // An expired row under the same name is gone for every reader: replace it by a new item (new id, version 1).
  const expired = await manager.query<TouchedItem[]>(
    `WITH expired AS (
       DELETE FROM memory.memory_items
       WHERE tenant_id = $1 AND namespace = $2 AND key = $3 AND expires_at <= now()
       RETURNING ${TOUCHED_COLUMNS})
     SELECT * FROM expired`,
    [tenantId, command.namespace, command.key],
  );
  const [item] = await manager.query<MemoryItem[]>(
    `INSERT INTO memory.memory_items (tenant_id, namespace, key, content, metadata, session_id, agent_id, expires_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::uuid, $7::uuid,
             CASE WHEN $8::int IS NULL THEN NULL ELSE now() + $8::int * interval '1 second' END)
     ON CONFLICT (tenant_id, namespace, key) DO UPDATE SET
       content = EXCLUDED.content, metadata = EXCLUDED.metadata, session_id = EXCLUDED.session_id,
       agent_id = EXCLUDED.agent_id, expires_at = EXCLUDED.expires_at,
       version = memory_items.version + 1, updated_at = now()
     RETURNING ${ITEM_COLUMNS}`,
    [
      tenantId,
      command.namespace,
      command.key,
      command.content,
      command.metadata === null ? null : JSON.stringify(command.metadata),
      command.sessionId,
      command.agentId,
      command.ttlSeconds,
    ],
  );
  if (!item) throw new Error('memory upsert returned no row');
  await manager.query(
    `INSERT INTO memory.memory_versions (tenant_id, item_id, version, content, metadata, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
    [tenantId, item.id, item.version, item.content, item.metadata === null ? null : JSON.stringify(item.metadata), item.updatedAt],
  );
  return { item, touched: [...expired, item] };
}

async function deleteIn(manager: EntityManager, tenantId: string, id: string): Promise<Touched & { readonly deleted: boolean }> {
  const rows = await manager.query<(TouchedItem & { live: boolean })[]>(
    `WITH removed AS (
       DELETE FROM memory.memory_items WHERE tenant_id = $1 AND id = $2
       RETURNING ${TOUCHED_COLUMNS}, (expires_at IS NULL OR expires_at > now()) AS live)
     SELECT * FROM removed`,
    [tenantId, id],
  );
  return { deleted: rows.some((row) => row.live), touched: rows };
}
