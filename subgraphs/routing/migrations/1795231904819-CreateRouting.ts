import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates `routing.model_profiles` (unique name per tenant) and `routing.routing_decisions` (candidates, weights and
 * the one outcome as jsonb). Ranges are repeated as CHECK constraints as a last line of defence; the services
 * validate first so clients get BAD_USER_INPUT.
 */
export class CreateRouting1795231904819 implements MigrationInterface {
  name = 'CreateRouting1795231904819';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE routing.model_profiles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        name text NOT NULL,
        provider text NOT NULL,
        endpoint text,
        input_cost_per_1k_tokens_usd double precision NOT NULL CHECK (input_cost_per_1k_tokens_usd >= 0),
        output_cost_per_1k_tokens_usd double precision NOT NULL CHECK (output_cost_per_1k_tokens_usd >= 0),
        latency_ms double precision NOT NULL CHECK (latency_ms > 0),
        quality double precision NOT NULL CHECK (quality BETWEEN 0 AND 1),
        context_window_tokens integer NOT NULL CHECK (context_window_tokens > 0),
        enabled boolean NOT NULL DEFAULT true,
        success_rate double precision NOT NULL DEFAULT 1 CHECK (success_rate BETWEEN 0 AND 1),
        outcome_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT model_profiles_tenant_name UNIQUE (tenant_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE routing.routing_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        session_id uuid,
        model_id uuid NOT NULL REFERENCES routing.model_profiles (id),
        score double precision NOT NULL,
        weights jsonb NOT NULL,
        candidates jsonb NOT NULL,
        reason text NOT NULL,
        input_tokens integer NOT NULL,
        output_tokens integer NOT NULL,
        estimated_cost_usd double precision NOT NULL,
        outcome jsonb,
        cost_usd double precision,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX routing_decisions_session ON routing.routing_decisions (tenant_id, session_id, created_at DESC) WHERE session_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX routing_decisions_model ON routing.routing_decisions (tenant_id, model_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE routing.routing_decisions`);
    await queryRunner.query(`DROP TABLE routing.model_profiles`);
  }
}
