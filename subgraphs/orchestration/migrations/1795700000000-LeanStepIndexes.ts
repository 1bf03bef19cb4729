import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fewer index entries per step transition (every update of a step run, and every attempt and event insert, writes
 * one entry per index):
 * - `step_attempts`: the primary key becomes `(step_run_id, attempt)` (every lookup names the step run, and the
 *   cascade from a deleted step run uses it), replacing the old key and both secondary indexes;
 * - `step_runs (tenant_id, run_id, position)` goes: the unique `(tenant_id, run_id, step_id)` finds a run's steps, a
 *   run's handful of rows is sorted by position after;
 * - `workflow_events (tenant_id, cursor)` only holds events that have a cursor: an insert (cursor NULL) skips it.
 */
export class LeanStepIndexes1795700000000 implements MigrationInterface {
  name = 'LeanStepIndexes1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orchestration.step_attempts DROP CONSTRAINT step_attempts_pk`);
    await queryRunner.query(`ALTER TABLE orchestration.step_attempts ADD CONSTRAINT step_attempts_pk PRIMARY KEY (step_run_id, attempt)`);
    await queryRunner.query(`DROP INDEX orchestration.step_attempts_tenant_run`);
    await queryRunner.query(`DROP INDEX orchestration.step_attempts_step_run`);
    await queryRunner.query(`DROP INDEX orchestration.step_runs_tenant_run`);
    await queryRunner.query(`DROP INDEX orchestration.workflow_events_tenant_cursor`);
    await queryRunner.query(`CREATE UNIQUE INDEX workflow_events_tenant_cursor ON orchestration.workflow_events (tenant_id, cursor) WHERE cursor IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX orchestration.workflow_events_tenant_cursor`);
    await queryRunner.query(`CREATE UNIQUE INDEX workflow_events_tenant_cursor ON orchestration.workflow_events (tenant_id, cursor)`);
    await queryRunner.query(`CREATE INDEX step_runs_tenant_run ON orchestration.step_runs (tenant_id, run_id, position)`);
    await queryRunner.query(`CREATE INDEX step_attempts_step_run ON orchestration.step_attempts (step_run_id)`);
    await queryRunner.query(`CREATE INDEX step_attempts_tenant_run ON orchestration.step_attempts (tenant_id, run_id)`);
    await queryRunner.query(`ALTER TABLE orchestration.step_attempts DROP CONSTRAINT step_attempts_pk`);
    await queryRunner.query(`ALTER TABLE orchestration.step_attempts ADD CONSTRAINT step_attempts_pk PRIMARY KEY (tenant_id, step_run_id, attempt)`);
  }
}
