import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates `session.api_keys` (partner API keys: only the SHA-256 of each secret is stored). */
export class CreateApiKeys1796900000000 implements MigrationInterface {
  name = 'CreateApiKeys1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE session.api_keys (
        id text PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        scopes jsonb NOT NULL,
        secret_hash text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_tenant_created ON session.api_keys (tenant_id, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE session.api_keys`);
  }
}
