/**
 * SQL fragments shared by the memory services. Constants only: nothing here is built from input.
 */

/** Select list of `memory.memory_items` aliased to the {@link MemoryItem} property names. */
export const ITEM_COLUMNS = `id, tenant_id AS "tenantId", namespace, key, content, metadata, session_id AS "sessionId",
  agent_id AS "agentId", version, created_at AS "createdAt", updated_at AS "updatedAt", expires_at AS "expiresAt"`;

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
