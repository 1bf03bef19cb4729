import { EntitySchema } from 'typeorm';

/**
 * One version of a memory (table `memory.memory_versions`), written by every store: the content and metadata the
 * item had at that version. Kept for version-history queries; deleted with its item.
 */
export interface MemoryVersion {
  id: string;
  tenantId: string;
  /** The {@link MemoryItem} this is a version of. */
  itemId: string;
  version: number;
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
    content: { type: 'text' },
    metadata: { type: 'jsonb', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});
