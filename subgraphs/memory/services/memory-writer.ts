import type { DataSource, EntityManager } from 'typeorm';
import { BadUserInputError } from '../../../platform/errors.ts';
import type { Logger } from '../../../platform/logger.ts';
import { isUuid } from '../../../platform/validation.ts';
import type { MemoryItem } from '../entities/memory-item.ts';
import type { MemoryChangeCause } from '../entities/memory-version.ts';
import { compileMemoryFilter, type MemoryFilterInput } from './memory-filter.ts';
import type { MemoryOperation, MemoryOperationChange, StoreMemoryCommand } from './memory-input.ts';
import type { MemoryItemCache } from './memory-item-cache.ts';
import { ITEM_COLUMNS, removalHistory, TOUCHED_COLUMNS, type TouchedItem } from './memory-sql.ts';

/** Most items one `deleteMemories` call deletes. */
export const MAX_DELETE_BY_FILTER = 10_000;
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

/** Who makes a write and why, as its history entry keeps it. */
export interface MemoryChange {
  /** The subject of the principal that makes the change. */
  readonly changedBy: string | null;
  /** @defaultValue 'DIRECT_WRITE' */
  readonly cause?: MemoryChangeCause | undefined;
  /** An extraction's reason for its decision. */
  readonly reason?: string | null | undefined;
  /** The model call of an extraction's decision. */
  readonly modelCallId?: string | null | undefined;
}

/** Options of {@link MemoryWriter}. */
export interface MemoryWriterOptions {
  /**
   * Whether an embedder is configured: a store of new content then marks the item PENDING for the embedding
   * indexer; without one every item is NONE. @defaultValue false
   */
  readonly embeds?: boolean;
  /** Told after a write committed that left items PENDING (the embedding indexer's wake-up). */
  readonly onPending?: (() => void) | undefined;
}

/** Columns of a removed row that {@link removalHistory} reads. */
const REMOVED_COLUMNS = `${TOUCHED_COLUMNS}, tenant_id, content, metadata, version`;

/**
 * All writes of memory items. Each write runs in one transaction (a store also appends its version to
 * `memory.memory_versions`), then drops the cache entries of every item it touched, after the commit.
 * Inputs arrive validated (memory-input.ts).
 */
export class MemoryWriter {
  private readonly embeds: boolean;
  private readonly onPending: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: MemoryItemCache,
    private readonly logger: Logger,
    options: MemoryWriterOptions = {},
  ) {
    this.embeds = options.embeds ?? false;
    this.onPending = options.onPending;
  }

  /**
   * Creates the item under (namespace, key) with version 1, or writes version n+1 of the live one there; its
   * history gains a CREATED or UPDATED entry with `change`.
   */
  async store(tenantId: string, command: StoreMemoryCommand, change: MemoryChange): Promise<MemoryItem> {
    const { item, touched } = await this.dataSource.transaction((manager) => storeIn(manager, tenantId, command, change, this.embeds));
    await this.invalidate(touched);
    if (item.embeddingStatus === 'PENDING') this.onPending?.();
    return item;
  }

  /**
   * Deletes an item; whether a live item was deleted. Its history stays, with a DELETED entry by `changedBy`.
   * Non-UUID ids delete nothing.
   */
  async delete(tenantId: string, id: string, changedBy: string | null): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { deleted, touched } = await deleteIn(this.dataSource.manager, tenantId, id.toLowerCase(), changedBy);
    await this.invalidate(touched);
    return deleted;
  }

  /**
   * Deletes the tenant's live items passing `filter`, at most {@link MAX_DELETE_BY_FILTER} per call, in one
   * statement, each with a DELETED history entry by `changedBy`; how many it deleted.
   * @throws {@link BadUserInputError} for an empty filter (field `filter`: delete everything only on purpose, with a
   *   condition) or a bad one (its part named); nothing is deleted then.
   */
  async deleteByFilter(tenantId: string, filter: MemoryFilterInput, changedBy: string | null): Promise<number> {
    const compiled = compileMemoryFilter(filter, { alias: 'm', firstParameter: 4 });
    if (compiled.sql === 'TRUE') throw new BadUserInputError('"filter" must have at least one condition', { field: 'filter' });
    const touched = await this.dataSource.query<TouchedItem[]>(
      `WITH removed AS (
         DELETE FROM memory.memory_items WHERE id IN (
           SELECT m.id FROM memory.memory_items m
           WHERE m.tenant_id = $1 AND (m.expires_at IS NULL OR m.expires_at > now()) AND ${compiled.sql}
           LIMIT $3)
         RETURNING ${REMOVED_COLUMNS}),
       history AS (${removalHistory('DELETED', '$2')})
       SELECT id, "tenantId", namespace, key FROM removed`,
      [tenantId, changedBy, MAX_DELETE_BY_FILTER, ...compiled.parameters],
    );
    await this.invalidate(touched);
    return touched.length;
  }

  /** Applies `operations` in order, in one transaction: any failure writes nothing. */
  async bulk(tenantId: string, operations: readonly MemoryOperation[], change: MemoryChange): Promise<BulkMemoryOutcome> {
    const { outcome, touched } = await this.dataSource.transaction(async (manager) => {
      const result: BulkMemoryOutcome = { stored: [], deletedIds: [] };
      const all: TouchedItem[] = [];
      for (const operation of operations) {
        switch (operation.kind) {
          case 'store': {
            const stored = await storeIn(manager, tenantId, operation.store, { ...change, ...operation.change }, this.embeds);
            result.stored.push(stored.item);
            all.push(...stored.touched);
            break;
          }
          case 'delete': {
            const removed = await deleteIn(manager, tenantId, operation.id, change.changedBy, operation.change);
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
    if (outcome.stored.some((item) => item.embeddingStatus === 'PENDING')) this.onPending?.();
    return outcome;
  }

  /**
   * Deletes expired items of every tenant, {@link PURGE_BATCH_SIZE} rows per statement (each with an EXPIRED history
   * entry), and drops their cache entries.
   * @returns how many items were deleted.
   */
  async purgeExpired(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < PURGE_MAX_BATCHES; batch++) {
      const purged = await this.dataSource.query<TouchedItem[]>(
        `WITH removed AS (
           DELETE FROM memory.memory_items WHERE id IN (
             SELECT id FROM memory.memory_items WHERE expires_at <= now() ORDER BY expires_at LIMIT $1)
           RETURNING ${REMOVED_COLUMNS}),
         history AS (${removalHistory('EXPIRED', 'NULL')})
         SELECT id, "tenantId", namespace, key FROM removed`,
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

async function storeIn(
  manager: EntityManager,
  tenantId: string,
  command: StoreMemoryCommand,
  change: MemoryChange,
  embeds: boolean,
): Promise<Touched & { readonly item: MemoryItem }> {
  // An expired row under the same name is gone for every reader: replace it by a new item (new id, version 1).
  const expired = await manager.query<TouchedItem[]>(
    `WITH removed AS (
       DELETE FROM memory.memory_items
       WHERE tenant_id = $1 AND namespace = $2 AND key = $3 AND expires_at <= now()
       RETURNING ${REMOVED_COLUMNS}),
     history AS (${removalHistory('EXPIRED', 'NULL')})
     SELECT id, "tenantId", namespace, key FROM removed`,
    [tenantId, command.namespace, command.key],
  );
  const source = command.source;
  // New content waits for the embedding indexer (PENDING); the same content keeps its embedding's status.
  const [item] = await manager.query<MemoryItem[]>(
    `INSERT INTO memory.memory_items (tenant_id, namespace, key, content, metadata, user_id, session_id, agent_id, run_id,
       tags, source_segment_id, source_run_id, source_step_id, source_model_call_id, embedding_status, expires_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7::uuid, $8::uuid, $9::uuid, $10::text[], $11::uuid, $12::uuid, $13, $14::uuid,
             CASE WHEN $15::boolean THEN 'PENDING' ELSE 'NONE' END,
             CASE WHEN $16::int IS NULL THEN NULL ELSE now() + $16::int * interval '1 second' END)
     ON CONFLICT (tenant_id, namespace, key) DO UPDATE SET
       content = EXCLUDED.content, metadata = EXCLUDED.metadata, user_id = EXCLUDED.user_id,
       session_id = EXCLUDED.session_id, agent_id = EXCLUDED.agent_id, run_id = EXCLUDED.run_id, tags = EXCLUDED.tags,
       source_segment_id = EXCLUDED.source_segment_id, source_run_id = EXCLUDED.source_run_id,
       source_step_id = EXCLUDED.source_step_id, source_model_call_id = EXCLUDED.source_model_call_id,
       embedding_status = CASE
         WHEN NOT $15::boolean THEN 'NONE'
         WHEN memory_items.content = EXCLUDED.content AND memory_items.embedding_status = 'READY' THEN 'READY'
         ELSE 'PENDING' END,
       embedding_attempts = CASE WHEN memory_items.content = EXCLUDED.content THEN memory_items.embedding_attempts ELSE 0 END,
       embedding_next_at = CASE WHEN memory_items.content = EXCLUDED.content THEN memory_items.embedding_next_at ELSE NULL END,
       expires_at = EXCLUDED.expires_at, version = memory_items.version + 1, updated_at = now()
     RETURNING ${ITEM_COLUMNS}`,
    [
      tenantId,
      command.namespace,
      command.key,
      command.content,
      command.metadata === null ? null : JSON.stringify(command.metadata),
      command.userId,
      command.sessionId,
      command.agentId,
      command.runId,
      command.tags,
      source.segmentId,
      source.runId,
      source.stepId,
      source.modelCallId,
      embeds,
      command.ttlSeconds,
    ],
  );
  if (!item) throw new Error('memory upsert returned no row');
  await manager.query(
    `INSERT INTO memory.memory_versions (tenant_id, item_id, version, event, cause, changed_by, reason, model_call_id,
       namespace, key, content, metadata, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid, $9, $10, $11, $12::jsonb, $13)`,
    [
      tenantId,
      item.id,
      item.version,
      item.version === 1 ? 'CREATED' : 'UPDATED',
      change.cause ?? 'DIRECT_WRITE',
      change.changedBy,
      change.reason ?? null,
      change.modelCallId ?? null,
      item.namespace,
      item.key,
      item.content,
      item.metadata === null ? null : JSON.stringify(item.metadata),
      item.updatedAt,
    ],
  );
  return { item, touched: [...expired, item] };
}

async function deleteIn(
  manager: EntityManager,
  tenantId: string,
  id: string,
  changedBy: string | null,
  why: MemoryOperationChange = { cause: 'DIRECT_WRITE' },
): Promise<Touched & { readonly deleted: boolean }> {
  // An expired row is deleted too, but it was gone already: its entry says EXPIRED, and the delete reports false.
  const rows = await manager.query<(TouchedItem & { live: boolean })[]>(
    `WITH removed AS (
       DELETE FROM memory.memory_items WHERE tenant_id = $1 AND id = $2
       RETURNING ${REMOVED_COLUMNS}, (expires_at IS NULL OR expires_at > now()) AS live),
     deleted AS (
       INSERT INTO memory.memory_versions (tenant_id, item_id, version, event, cause, changed_by, reason, model_call_id, namespace, key, content, metadata)
       SELECT tenant_id, id, version + 1, 'DELETED', $4, $3, $5, $6::uuid, namespace, key, content, metadata FROM removed WHERE live),
     expired AS (${removalHistory('EXPIRED', 'NULL', 'NOT live')})
     SELECT id, "tenantId", namespace, key, live FROM removed`,
    [tenantId, id, changedBy, why.cause, why.reason ?? null, why.modelCallId ?? null],
  );
  return { deleted: rows.some((row) => row.live), touched: rows };
}
