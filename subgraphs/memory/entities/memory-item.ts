import { EntitySchema } from 'typeorm';

/**
 * A stored memory (table `memory.memory_items`): `content` under a (namespace, key) unique per tenant.
 * The table also has a stored generated column `search_vector = to_tsvector('english', content)` (GIN-indexed) that
 * only SQL reads, so it is not part of this row shape. Also the codegen mapper type of the GraphQL `MemoryItem`.
 */
export interface MemoryItem {
  id: string;
  tenantId: string;
  /** 1–200 characters. */
  namespace: string;
  /** 1–500 characters. */
  key: string;
  /** At most 65,536 characters. */
  content: string;
  /** Any JSON, at most 16 KiB encoded; null when absent. */
  metadata: unknown;
  sessionId: string | null;
  agentId: string | null;
  /** 1 for a new item, +1 for each later store under the same (namespace, key). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** When the item stops being returned; null = never. */
  expiresAt: Date | null;
}

/** TypeORM schema of {@link MemoryItem}. */
export const MemoryItemSchema = new EntitySchema<MemoryItem>({
  name: 'MemoryItem',
  tableName: 'memory_items',
  schema: 'memory',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    tenantId: { name: 'tenant_id', type: 'text' },
    namespace: { type: 'text' },
    key: { type: 'text' },
    content: { type: 'text' },
    metadata: { type: 'jsonb', nullable: true },
    sessionId: { name: 'session_id', type: 'uuid', nullable: true },
    agentId: { name: 'agent_id', type: 'uuid', nullable: true },
    version: { type: 'int' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
    expiresAt: { name: 'expires_at', type: 'timestamptz', nullable: true },
  },
});
