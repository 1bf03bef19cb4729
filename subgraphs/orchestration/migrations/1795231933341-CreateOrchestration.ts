import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creates the orchestration schema's tables: agents, workflows, runs, step runs, the event outbox with its per-tenant
 * cursor counter, and signals. Every index is led by `tenant_id`.
 */
export class CreateOrchestration1795231933341 implements MigrationInterface {
  name = 'CreateOrchestration1795231933341';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE orchestration.agents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        name text NOT NULL,
        description text,
        instructions text,
        model text,
        config jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX agents_tenant_id ON orchestration.agents (tenant_id, id)`);
    await queryRunner.query(`
      CREATE TABLE orchestration.workflows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        name text NOT NULL,
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        steps jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX workflows_tenant_id ON orchestration.workflows (tenant_id, id)`);
    await queryRunner.query(`
      CREATE TABLE orchestration.workflow_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        workflow_id uuid NOT NULL REFERENCES orchestration.workflows (id),
        workflow_version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT')),
        input jsonb,
        output jsonb,
        error text,
        session_id uuid,
        priority integer NOT NULL DEFAULT 0,
        idempotency_key text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX workflow_runs_tenant_created ON orchestration.workflow_runs (tenant_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX workflow_runs_tenant_workflow ON orchestration.workflow_runs (tenant_id, workflow_id, created_at DESC, id DESC)`);
    await queryRunner.query(
      `CREATE INDEX workflow_runs_tenant_session ON orchestration.workflow_runs (tenant_id, session_id, created_at DESC, id DESC) WHERE session_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX workflow_runs_tenant_idempotency ON orchestration.workflow_runs (tenant_id, idempotency_key, created_at DESC) WHERE idempotency_key IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX workflow_runs_active ON orchestration.workflow_runs (status) WHERE status IN ('RUNNING', 'WAITING')`);
    await queryRunner.query(`
      CREATE TABLE orchestration.step_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        run_id uuid NOT NULL REFERENCES orchestration.workflow_runs (id) ON DELETE CASCADE,
        step_id text NOT NULL,
        position integer NOT NULL,
        kind text NOT NULL,
        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT', 'SKIPPED')),
        attempt integer NOT NULL DEFAULT 0,
        input jsonb,
        output jsonb,
        error text,
        routing_decision_id uuid,
        lease_expires_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT step_runs_run_step UNIQUE (tenant_id, run_id, step_id)
      )`);
    await queryRunner.query(`CREATE INDEX step_runs_tenant_run ON orchestration.step_runs (tenant_id, run_id, position)`);
    await queryRunner.query(`CREATE INDEX step_runs_running_lease ON orchestration.step_runs (lease_expires_at) WHERE status = 'RUNNING'`);
    await queryRunner.query(`
      CREATE TABLE orchestration.event_cursors (
        tenant_id text PRIMARY KEY,
        last_cursor bigint NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE orchestration.workflow_events (
        tenant_id text NOT NULL,
        cursor bigint NOT NULL,
        run_id uuid NOT NULL,
        workflow_id uuid NOT NULL,
        step_id text,
        type text NOT NULL,
        payload jsonb,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workflow_events_tenant_cursor PRIMARY KEY (tenant_id, cursor)
      )`);
    await queryRunner.query(`CREATE INDEX workflow_events_tenant_run ON orchestration.workflow_events (tenant_id, run_id, cursor)`);
    await queryRunner.query(`CREATE INDEX workflow_events_tenant_workflow ON orchestration.workflow_events (tenant_id, workflow_id, cursor)`);
    await queryRunner.query(`
      CREATE TABLE orchestration.signals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        run_id uuid NOT NULL REFERENCES orchestration.workflow_runs (id) ON DELETE CASCADE,
        name text NOT NULL,
        payload jsonb,
        received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        consumed_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX signals_tenant_run_pending ON orchestration.signals (tenant_id, run_id, name, received_at) WHERE consumed_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['signals', 'workflow_events', 'event_cursors', 'step_runs', 'workflow_runs', 'workflows', 'agents']) {
      await queryRunner.query(`DROP TABLE IF EXISTS orchestration.${table}`);
    }
  }
}
