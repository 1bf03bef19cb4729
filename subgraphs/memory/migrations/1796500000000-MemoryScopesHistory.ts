import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * mem0's scopes, tags, provenance and a readable history of memory items:
 * - `memory_items` gains `user_id` (free text, 1–200 characters) and `run_id` beside `session_id` and `agent_id`;
 *   `tags` (at most 50, each 1–100 characters, GIN-indexed); `source_segment_id`, `source_run_id`, `source_step_id`
 *   and `source_model_call_id` (where the item came from: a transcript segment, a run's step, a model call, any of
 *   them); the metadata GIN index (`jsonb_path_ops`) that filters on metadata use; and the embedding state
 *   (`embedding_status` NONE | PENDING | READY | FAILED, the hash of the content it was computed from, attempts, the
 *   next attempt's time and the last error), which the embedding indexer owns, and `embedding_cache` (vectors by
 *   tenant, model and content hash).
 * - `memory_versions` becomes the item's history: every change with its `event` (CREATED, UPDATED, DELETED,
 *   EXPIRED), `cause` (DIRECT_WRITE, EXTRACTION, EXPIRY), the principal that made it (`changed_by`), the extraction's
 *   reason and model call, and the item's name at the time; it no longer cascades from the item, so the history of
 *   a deleted or expired item stays readable (`memoryHistory`).
 */
export class MemoryScopesHistory1796500000000 implements MigrationInterface {
  name = 'MemoryScopesHistory1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE memory.memory_items
        ADD COLUMN user_id text CHECK (char_length(user_id) BETWEEN 1 AND 200),
        ADD COLUMN run_id uuid,
        ADD COLUMN tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 50),
        ADD COLUMN source_segment_id uuid,
        ADD COLUMN source_run_id uuid,
        ADD COLUMN source_step_id text CHECK (char_length(source_step_id) BETWEEN 1 AND 200),
        ADD COLUMN source_model_call_id uuid,
        ADD COLUMN embedding_status text NOT NULL DEFAULT 'NONE' CHECK (embedding_status IN ('NONE', 'PENDING', 'READY', 'FAILED')),
        ADD COLUMN embedded_hash text,
        ADD COLUMN embedding_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN embedding_next_at timestamptz,
        ADD COLUMN embedding_error text`);
    await queryRunner.query(`CREATE INDEX memory_items_user ON memory.memory_items (tenant_id, user_id, updated_at DESC) WHERE user_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX memory_items_run ON memory.memory_items (tenant_id, run_id, updated_at DESC) WHERE run_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX memory_items_tags ON memory.memory_items USING gin (tags)`);
    await queryRunner.query(`CREATE INDEX memory_items_metadata ON memory.memory_items USING gin (metadata jsonb_path_ops)`);
    await queryRunner.query(`CREATE INDEX memory_items_list ON memory.memory_items (tenant_id, updated_at DESC, id DESC)`);
    // The embedding indexer's queue: the pending items, oldest first.
    await queryRunner.query(
      `CREATE INDEX memory_items_embedding_queue ON memory.memory_items (embedding_next_at, updated_at) WHERE embedding_status = 'PENDING'`,
    );

    // Vectors already computed, per tenant, by the hash of model and content (embedding-indexer.ts).
    await queryRunner.query(`
      CREATE TABLE memory.embedding_cache (
        tenant_id text NOT NULL,
        model text NOT NULL,
        content_hash text NOT NULL,
        embedding real[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, model, content_hash)
      )`);
    await queryRunner.query(`ALTER TABLE memory.memory_versions DROP CONSTRAINT memory_versions_item_id_fkey`);
    await queryRunner.query(`
      ALTER TABLE memory.memory_versions
        ADD COLUMN event text NOT NULL DEFAULT 'UPDATED' CHECK (event IN ('CREATED', 'UPDATED', 'DELETED', 'EXPIRED')),
        ADD COLUMN cause text NOT NULL DEFAULT 'DIRECT_WRITE' CHECK (cause IN ('DIRECT_WRITE', 'EXTRACTION', 'EXPIRY')),
        ADD COLUMN changed_by text,
        ADD COLUMN reason text,
        ADD COLUMN model_call_id uuid,
        ADD COLUMN namespace text,
        ADD COLUMN key text`);
    await queryRunner.query(`UPDATE memory.memory_versions SET event = 'CREATED' WHERE version = 1`);
    await queryRunner.query(`
      UPDATE memory.memory_versions v SET namespace = i.namespace, key = i.key
      FROM memory.memory_items i WHERE i.id = v.item_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE memory.embedding_cache`);
    await queryRunner.query(`DELETE FROM memory.memory_versions WHERE event IN ('DELETED', 'EXPIRED')`);
    await queryRunner.query(`DELETE FROM memory.memory_versions v WHERE NOT EXISTS (SELECT 1 FROM memory.memory_items i WHERE i.id = v.item_id)`);
    await queryRunner.query(`
      ALTER TABLE memory.memory_versions
        DROP COLUMN event, DROP COLUMN cause, DROP COLUMN changed_by, DROP COLUMN reason, DROP COLUMN model_call_id,
        DROP COLUMN namespace, DROP COLUMN key`);
    await queryRunner.query(
      `ALTER TABLE memory.memory_versions ADD CONSTRAINT memory_versions_item_id_fkey FOREIGN KEY (item_id) REFERENCES memory.memory_items (id) ON DELETE CASCADE`,
    );
    for (const index of ['user', 'run', 'tags', 'metadata', 'list', 'embedding_queue']) {
      await queryRunner.query(`DROP INDEX memory.memory_items_${index}`);
    }
    await queryRunner.query(`
      ALTER TABLE memory.memory_items
        DROP COLUMN user_id, DROP COLUMN run_id, DROP COLUMN tags, DROP COLUMN source_segment_id,
        DROP COLUMN source_run_id, DROP COLUMN source_step_id, DROP COLUMN source_model_call_id,
        DROP COLUMN embedding_status, DROP COLUMN embedded_hash, DROP COLUMN embedding_attempts,
        DROP COLUMN embedding_next_at, DROP COLUMN embedding_error`);
  }
}
