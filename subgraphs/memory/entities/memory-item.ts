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
  /** mem0's scopes: whose memory it is (free text, 1–200 characters), which agent, session and workflow run. */
  userId: string | null;
  sessionId: string | null;
  agentId: string | null;
  runId: string | null;
  /** At most 50 tags, each 1–100 characters, in the order given (duplicates dropped). */
  tags: string[];
  /** Where it came from (any of them, none when written directly): a transcript segment, a run's step, a model call. */
  sourceSegmentId: string | null;
  sourceRunId: string | null;
  sourceStepId: string | null;
  sourceModelCallId: string | null;
  /** Whether its content has an embedding: NONE without an embedder, else PENDING until the indexer wrote it. */
  embeddingStatus: MemoryEmbeddingStatus;
  /** 1 for a new item, +1 for each later store under the same (namespace, key). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** When the item stops being returned; null = never. */
  expiresAt: Date | null;
}

/** `MemoryItem.embeddingStatus`. */
export type MemoryEmbeddingStatus = 'NONE' | 'PENDING' | 'READY' | 'FAILED';

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
    userId: { name: 'user_id', type: 'text', nullable: true },
    sessionId: { name: 'session_id', type: 'uuid', nullable: true },
    agentId: { name: 'agent_id', type: 'uuid', nullable: true },
    runId: { name: 'run_id', type: 'uuid', nullable: true },
    tags: { type: 'text', array: true, default: () => "'{}'" },
    sourceSegmentId: { name: 'source_segment_id', type: 'uuid', nullable: true },
    sourceRunId: { name: 'source_run_id', type: 'uuid', nullable: true },
    sourceStepId: { name: 'source_step_id', type: 'text', nullable: true },
    sourceModelCallId: { name: 'source_model_call_id', type: 'uuid', nullable: true },
    embeddingStatus: { name: 'embedding_status', type: 'text', default: 'NONE' },
    version: { type: 'int' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
    expiresAt: { name: 'expires_at', type: 'timestamptz', nullable: true },
  },
});
