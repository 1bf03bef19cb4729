import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Model calls made by the router, and what they need:
 * - `routing.providers`: tenants' own providers, each key encrypted with AES-256-GCM (ciphertext, 12-byte IV and
 *   16-byte tag; only a 4-character hint in clear);
 * - `model_profiles` gain a model group, the provider's model name and per-deployment limits;
 * - `routing.model_groups`: the strategy of a tenant's group (absent = `WEIGHTED_SCORE`);
 * - `routing.router_settings`: a tenant's fallbacks, limits and budgets;
 * - `routing.model_calls`: one row per attempt of a model call, with tokens, cost, latency and how it ended;
 * - `routing.task_quality`: what recorded outcomes taught per (tenant, task type, model): the sum of quality scores
 *   and their count (the Beta posterior of the router's Thompson sampling);
 * - `routing_decisions` gain the task type, whether the choice explored, and the completion request it served.
 */
export class ModelCalls1796300000000 implements MigrationInterface {
  name = 'ModelCalls1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE routing.providers (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        base_url text NOT NULL,
        api_key_ciphertext bytea,
        api_key_iv bytea,
        api_key_tag bytea,
        api_key_hint text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT providers_tenant_name UNIQUE (tenant_id, name)
      )`);
    await queryRunner.query(`
      ALTER TABLE routing.model_profiles
        ADD COLUMN group_name text,
        ADD COLUMN provider_model text,
        ADD COLUMN requests_per_minute integer CHECK (requests_per_minute > 0),
        ADD COLUMN tokens_per_minute integer CHECK (tokens_per_minute > 0)`);
    await queryRunner.query(`UPDATE routing.model_profiles SET group_name = name, provider_model = name`);
    await queryRunner.query(`ALTER TABLE routing.model_profiles ALTER COLUMN group_name SET NOT NULL, ALTER COLUMN provider_model SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX model_profiles_group ON routing.model_profiles (tenant_id, group_name)`);
    await queryRunner.query(`
      CREATE TABLE routing.model_groups (
        tenant_id text NOT NULL,
        name text NOT NULL,
        strategy text NOT NULL CHECK (strategy IN ('LOWEST_COST', 'LOWEST_LATENCY', 'WEIGHTED_SCORE', 'LEAST_BUSY', 'SHUFFLE')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE routing.router_settings (
        tenant_id text PRIMARY KEY,
        fallbacks jsonb NOT NULL DEFAULT '[]',
        context_window_fallbacks jsonb NOT NULL DEFAULT '[]',
        content_policy_fallbacks jsonb NOT NULL DEFAULT '[]',
        requests_per_minute integer CHECK (requests_per_minute > 0),
        tokens_per_minute integer CHECK (tokens_per_minute > 0),
        daily_budget_usd double precision CHECK (daily_budget_usd >= 0),
        monthly_budget_usd double precision CHECK (monthly_budget_usd >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      ALTER TABLE routing.routing_decisions
        ADD COLUMN task_type text,
        ADD COLUMN explored boolean NOT NULL DEFAULT false,
        ADD COLUMN request_id uuid`);
    await queryRunner.query(`
      CREATE TABLE routing.model_calls (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        request_id uuid NOT NULL,
        attempt integer NOT NULL CHECK (attempt >= 1),
        kind text NOT NULL CHECK (kind IN ('CHAT_COMPLETION', 'EMBEDDING')),
        model_id uuid NOT NULL REFERENCES routing.model_profiles (id),
        model_name text NOT NULL,
        provider text NOT NULL,
        provider_model text NOT NULL,
        task_type text,
        session_id uuid,
        run_id uuid,
        step_id text,
        memory_id uuid,
        routing_decision_id uuid,
        status text NOT NULL CHECK (status IN ('SUCCEEDED', 'FAILED')),
        error_class text,
        error text,
        input_tokens integer NOT NULL DEFAULT 0,
        output_tokens integer NOT NULL DEFAULT 0,
        cost_usd double precision NOT NULL DEFAULT 0,
        latency_ms double precision NOT NULL,
        time_to_first_token_ms double precision,
        streamed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX model_calls_tenant_time ON routing.model_calls (tenant_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX model_calls_session ON routing.model_calls (tenant_id, session_id) WHERE session_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX model_calls_run ON routing.model_calls (tenant_id, run_id) WHERE run_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX model_calls_request ON routing.model_calls (tenant_id, request_id)`);
    await queryRunner.query(`
      CREATE TABLE routing.task_quality (
        tenant_id text NOT NULL,
        task_type text NOT NULL,
        model_id uuid NOT NULL REFERENCES routing.model_profiles (id),
        quality_sum double precision NOT NULL DEFAULT 0 CHECK (quality_sum >= 0),
        outcome_count integer NOT NULL DEFAULT 0 CHECK (outcome_count >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, task_type, model_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE routing.task_quality`);
    await queryRunner.query(`DROP TABLE routing.model_calls`);
    await queryRunner.query(`ALTER TABLE routing.routing_decisions DROP COLUMN task_type, DROP COLUMN explored, DROP COLUMN request_id`);
    await queryRunner.query(`DROP TABLE routing.router_settings`);
    await queryRunner.query(`DROP TABLE routing.model_groups`);
    await queryRunner.query(`DROP INDEX routing.model_profiles_group`);
    await queryRunner.query(`
      ALTER TABLE routing.model_profiles DROP COLUMN group_name, DROP COLUMN provider_model,
        DROP COLUMN requests_per_minute, DROP COLUMN tokens_per_minute`);
    await queryRunner.query(`DROP TABLE routing.providers`);
  }
}
