import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The durable engine's state:
 * - `workflow_versions`: every version of every workflow (a change writes a new version; runs keep theirs);
 * - `workflows.timeout_ms`: the default run timeout of the latest version;
 * - `workflow_runs`: `queue` (the task queue whose workers execute it), `pending_steps` (top-level steps not yet
 *   done; the step that takes it to 0 finalises the run), `deadline_at` (run timeout);
 * - `step_runs`: `pending_deps` (dependencies not yet done; 0 = ready), `ready_at` (when it became ready: the
 *   ready-to-start delay is `started_at - ready_at`), `not_before` (retry backoff), `wake_at` (a `wait` step's
 *   timeout), `parent_step_id`/`item_index`/`pending_items` (the items of a `map` step);
 * - `step_attempts`: one row per attempt with its outcome and error, including lost and discarded ones;
 * - `event_relay_positions`: per tenant, the last event cursor the relay published to Redis.
 * Existing runs are back-filled so that they continue under the new engine.
 */
export class DurableEngine1795400000000 implements MigrationInterface {
  name = 'DurableEngine1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orchestration.workflows ADD COLUMN timeout_ms integer, ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await queryRunner.query(`
      CREATE TABLE orchestration.workflow_versions (
        tenant_id text NOT NULL,
        workflow_id uuid NOT NULL REFERENCES orchestration.workflows (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        name text NOT NULL,
        steps jsonb NOT NULL,
        timeout_ms integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workflow_versions_pk PRIMARY KEY (tenant_id, workflow_id, version)
      )`);
    await queryRunner.query(`
      INSERT INTO orchestration.workflow_versions (tenant_id, workflow_id, version, name, steps, created_at)
      SELECT tenant_id, id, version, name, steps, created_at FROM orchestration.workflows`);

    await queryRunner.query(`
      ALTER TABLE orchestration.workflow_runs
        ADD COLUMN queue text NOT NULL DEFAULT 'default',
        ADD COLUMN pending_steps integer NOT NULL DEFAULT 0,
        ADD COLUMN timeout_ms integer,
        ADD COLUMN deadline_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX workflow_runs_deadline ON orchestration.workflow_runs (queue, deadline_at) WHERE status IN ('RUNNING', 'WAITING') AND deadline_at IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX orchestration.workflow_runs_active`);
    await queryRunner.query(`CREATE INDEX workflow_runs_active ON orchestration.workflow_runs (queue, status) WHERE status IN ('RUNNING', 'WAITING')`);

    await queryRunner.query(`
      ALTER TABLE orchestration.step_runs
        ADD COLUMN pending_deps integer NOT NULL DEFAULT 0,
        ADD COLUMN ready_at timestamptz,
        ADD COLUMN not_before timestamptz,
        ADD COLUMN wake_at timestamptz,
        ADD COLUMN parent_step_id text,
        ADD COLUMN item_index integer,
        ADD COLUMN pending_items integer`);
    await queryRunner.query(`CREATE INDEX step_runs_ready ON orchestration.step_runs (ready_at) WHERE status = 'QUEUED' AND pending_deps = 0`);
    await queryRunner.query(`CREATE INDEX step_runs_wake ON orchestration.step_runs (wake_at) WHERE status = 'WAITING' AND wake_at IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE orchestration.step_attempts (
        tenant_id text NOT NULL,
        step_run_id uuid NOT NULL REFERENCES orchestration.step_runs (id) ON DELETE CASCADE,
        run_id uuid NOT NULL,
        attempt integer NOT NULL,
        status text NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'LOST', 'DISCARDED')),
        error text,
        error_code text,
        worker_id text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT step_attempts_pk PRIMARY KEY (tenant_id, step_run_id, attempt)
      )`);
    await queryRunner.query(`CREATE INDEX step_attempts_tenant_run ON orchestration.step_attempts (tenant_id, run_id)`);
    await queryRunner.query(`
      CREATE TABLE orchestration.event_relay_positions (
        tenant_id text PRIMARY KEY,
        published_cursor bigint NOT NULL
      )`);

    // Back-fill the counters of runs that have not finished.
    await queryRunner.query(`
      UPDATE orchestration.step_runs s SET pending_deps = (
        SELECT count(*) FROM orchestration.workflow_runs r
        JOIN orchestration.workflows w ON w.id = r.workflow_id
        CROSS JOIN LATERAL jsonb_array_elements(w.steps) AS def
        CROSS JOIN LATERAL jsonb_array_elements_text(def->'dependsOn') AS dep(step_id)
        JOIN orchestration.step_runs d ON d.run_id = r.id AND d.step_id = dep.step_id AND d.status NOT IN ('COMPLETED', 'SKIPPED')
        WHERE r.id = s.run_id AND def->>'id' = s.step_id)
      WHERE s.status = 'QUEUED'`);
    await queryRunner.query(`UPDATE orchestration.step_runs SET ready_at = now() WHERE status = 'QUEUED' AND pending_deps = 0`);
    await queryRunner.query(`
      UPDATE orchestration.workflow_runs r SET pending_steps = (
        SELECT count(*) FROM orchestration.step_runs s WHERE s.run_id = r.id AND s.status NOT IN ('COMPLETED', 'SKIPPED'))
      WHERE r.status IN ('RUNNING', 'WAITING')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS orchestration.event_relay_positions`);
    await queryRunner.query(`DROP TABLE IF EXISTS orchestration.step_attempts`);
    await queryRunner.query(`DROP INDEX IF EXISTS orchestration.step_runs_ready`);
    await queryRunner.query(`DROP INDEX IF EXISTS orchestration.step_runs_wake`);
    await queryRunner.query(`
      ALTER TABLE orchestration.step_runs DROP COLUMN pending_deps, DROP COLUMN ready_at, DROP COLUMN not_before,
        DROP COLUMN wake_at, DROP COLUMN parent_step_id, DROP COLUMN item_index, DROP COLUMN pending_items`);
    await queryRunner.query(`DROP INDEX IF EXISTS orchestration.workflow_runs_deadline`);
    await queryRunner.query(`DROP INDEX IF EXISTS orchestration.workflow_runs_active`);
    await queryRunner.query(
      `ALTER TABLE orchestration.workflow_runs DROP COLUMN queue, DROP COLUMN pending_steps, DROP COLUMN timeout_ms, DROP COLUMN deadline_at`,
    );
    await queryRunner.query(`CREATE INDEX workflow_runs_active ON orchestration.workflow_runs (status) WHERE status IN ('RUNNING', 'WAITING')`);
    await queryRunner.query(`DROP TABLE IF EXISTS orchestration.workflow_versions`);
    await queryRunner.query(`ALTER TABLE orchestration.workflows DROP COLUMN timeout_ms, DROP COLUMN updated_at`);
  }
}
