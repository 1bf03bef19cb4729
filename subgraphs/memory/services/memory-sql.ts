/**
 * SQL fragments shared by the memory services. Constants only: nothing here is built from input.
 */

/** Select list of `memory.memory_items` aliased to the {@link MemoryItem} property names. */
export const ITEM_COLUMNS = `id, tenant_id AS "tenantId", namespace, key, content, metadata, user_id AS "userId",
  session_id AS "sessionId", agent_id AS "agentId", run_id AS "runId", tags, source_segment_id AS "sourceSegmentId",
  source_run_id AS "sourceRunId", source_step_id AS "sourceStepId", source_model_call_id AS "sourceModelCallId",
  embedding_status AS "embeddingStatus", version, created_at AS "createdAt", updated_at AS "updatedAt",
  expires_at AS "expiresAt"`;

/** Select list of `memory.memory_versions` aliased to the `MemoryVersion` property names (entities/memory-version.ts). */
export const HISTORY_COLUMNS = `id, tenant_id AS "tenantId", item_id AS "itemId", version, event, cause,
  changed_by AS "changedBy", reason, model_call_id AS "modelCallId", namespace, key, content, metadata,
  created_at AS "createdAt"`;

/** Condition of a live (not expired) row of `memory.memory_items`. */
export const LIVE = `(expires_at IS NULL OR expires_at > now())`;

/** Identity of a row whose cache entries must be dropped after a write. */
export interface TouchedItem {
  readonly tenantId: string;
  readonly id: string;
  readonly namespace: string;
  readonly key: string;
}

/** Select list of a {@link TouchedItem}, for `RETURNING`. */
export const TOUCHED_COLUMNS = `id, tenant_id AS "tenantId", namespace, key`;

/**
 * Appends the DELETED or EXPIRED history entry of each row of the CTE `removed` (which must return the removed
 * rows' `id, tenant_id, namespace, key, content, metadata, version`): the last content, version + 1. `$by` is the
 * parameter reference of the principal's subject (or `NULL`); `condition` (a constant) picks the rows.
 */
export function removalHistory(event: 'DELETED' | 'EXPIRED', by: string, condition = 'TRUE'): string {
  return `INSERT INTO memory.memory_versions (tenant_id, item_id, version, event, cause, changed_by, namespace, key, content, metadata)
    SELECT tenant_id, id, version + 1, '${event}', '${event === 'DELETED' ? 'DIRECT_WRITE' : 'EXPIRY'}', ${by}, namespace, key, content, metadata
    FROM removed WHERE ${condition}`;
}
