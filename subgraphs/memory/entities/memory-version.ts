import { EntitySchema } from 'typeorm';

/** What happened to the item. */
export type MemoryHistoryEvent = 'CREATED' | 'UPDATED' | 'DELETED' | 'EXPIRED';
/** Why: a client's write or delete, an extraction's decision (with its model call), or its expiry. */
export type MemoryChangeCause = 'DIRECT_WRITE' | 'EXTRACTION' | 'EXPIRY';

/**
 * One entry of a memory's history (table `memory.memory_versions`): every store, delete and expiry, with the
 * content and metadata the item had then (for DELETED and EXPIRED, the last ones), who made the change and why. It
 * outlives its item (no cascade), so the history of a deleted memory stays readable. Also the codegen mapper type
 * of `MemoryHistoryEntry`.
 */
export interface MemoryVersion {
  id: string;
  tenantId: string;
  /** The {@link MemoryItem} this is a version of (maybe deleted since). */
  itemId: string;
  /** The item's version after the change; a delete or expiry counts as one more. */
  version: number;
  event: MemoryHistoryEvent;
  cause: MemoryChangeCause;
  /** The subject of the principal that made the change; null for expiry. */
  changedBy: string | null;
  /** An extraction's reason for its decision; null otherwise. */
  reason: string | null;
  /** The model call of an extraction's decision; null otherwise. */
  modelCallId: string | null;
  namespace: string | null;
  key: string | null;
  content: string;
  metadata: unknown;
  createdAt: Date;
}

/** TypeORM schema of {@link MemoryVersion}. */
export const MemoryVersionSchema = new EntitySchema<MemoryVersion>({
  name: 'MemoryVersion',
  tableName: 'memory_versions',
  schema: 'memory',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    tenantId: { name: 'tenant_id', type: 'text' },
    itemId: { name: 'item_id', type: 'uuid' },
    version: { type: 'int' },
    event: { type: 'text' },
    cause: { type: 'text' },
    changedBy: { name: 'changed_by', type: 'text', nullable: true },
    reason: { type: 'text', nullable: true },
    modelCallId: { name: 'model_call_id', type: 'uuid', nullable: true },
    namespace: { type: 'text', nullable: true },
    key: { type: 'text', nullable: true },
    content: { type: 'text' },
    metadata: { type: 'jsonb', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});
