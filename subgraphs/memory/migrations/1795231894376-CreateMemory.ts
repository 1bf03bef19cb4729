import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates `memory.memory_items` (with a stored generated English tsvector of `content`, GIN-indexed) and
 * `memory.memory_versions`. Length limits are repeated as CHECK constraints as a last line of defence; the service
 * validates first so clients get BAD_USER_INPUT, never a constraint error.
 */
export class CreateMemory1795231894376 implements MigrationInterface {
  name = 'CreateMemory1795231894376';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE memory.memory_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        namespace text NOT NULL CHECK (char_length(namespace) BETWEEN 1 AND 200),
        key text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 500),
        content text NOT NULL CHECK (char_length(content) <= 65536),
        metadata jsonb,
        session_id uuid,
        agent_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
        CONSTRAINT memory_items_tenant_namespace_key UNIQUE (tenant_id, namespace, key)
      )`);
    await queryRunner.query(`CREATE INDEX memory_items_search ON memory.memory_items USING gin (search_vector)`);
    await queryRunner.query(`CREATE INDEX memory_items_session ON memory.memory_items (tenant_id, session_id, updated_at DESC) WHERE session_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX memory_items_agent ON memory.memory_items (tenant_id, agent_id, updated_at DESC) WHERE agent_id IS NOT NULL`);
    // The purge loop deletes expired rows of every tenant at once, so this one index is led by expires_at.
    await queryRunner.query(`CREATE INDEX memory_items_expiry ON memory.memory_items (expires_at) WHERE expires_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE memory.memory_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        item_id uuid NOT NULL REFERENCES memory.memory_items (id) ON DELETE CASCADE,
        version integer NOT NULL,
        content text NOT NULL,
        metadata jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT memory_versions_tenant_item_version UNIQUE (tenant_id, item_id, version)
      )`);
    // Serves the ON DELETE CASCADE from memory_items (which looks versions up by item_id alone).
    await queryRunner.query(`CREATE INDEX memory_versions_item ON memory.memory_versions (item_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE memory.memory_versions`);
    await queryRunner.query(`DROP TABLE memory.memory_items`);
  }
}
