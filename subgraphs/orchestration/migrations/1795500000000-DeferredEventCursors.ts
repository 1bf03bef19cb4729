import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event cursors are assigned after commit instead of inside every transition (see `services/event-cursors.ts`):
 * - `workflow_events.seq`: an identity, the new primary key, in insert order; `cursor` becomes nullable (NULL = not
 *   yet assigned) and unique per tenant; a partial index finds the unassigned events;
 * - a run's events are indexed by `seq` (a run's list is short: sorted by cursor after the lookup), and the per-workflow
 *   index goes: a cursor never changes, so one index on `(tenant_id, cursor)` serves every "after a cursor" read;
 * - `step_attempts (step_run_id)`: the cascade from a deleted step run no longer scans the whole table.
 */
export class DeferredEventCursors1795500000000 implements MigrationInterface {
  name = 'DeferredEventCursors1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orchestration.workflow_events ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await queryRunner.query(`ALTER TABLE orchestration.workflow_events DROP CONSTRAINT workflow_events_tenant_cursor`);
    await queryRunner.query(`ALTER TABLE orchestration.workflow_events ALTER COLUMN cursor DROP NOT NULL, ADD CONSTRAINT workflow_events_pk PRIMARY KEY (seq)`);
    await queryRunner.query(`CREATE UNIQUE INDEX workflow_events_tenant_cursor ON orchestration.workflow_events (tenant_id, cursor)`);
    await queryRunner.query(`CREATE INDEX workflow_events_unassigned ON orchestration.workflow_events (seq) WHERE cursor IS NULL`);
    await queryRunner.query(`DROP INDEX orchestration.workflow_events_tenant_run`);
    await queryRunner.query(`DROP INDEX orchestration.workflow_events_tenant_workflow`);
    await queryRunner.query(`CREATE INDEX workflow_events_tenant_run ON orchestration.workflow_events (tenant_id, run_id, seq)`);
    await queryRunner.query(`CREATE INDEX step_attempts_step_run ON orchestration.step_attempts (step_run_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX orchestration.step_attempts_step_run`);
    // Unassigned events get their cursors first (the same rule as `assignEventCursors`), as `cursor` is required again.
    await queryRunner.query(`
      WITH numbered AS (
        SELECT seq, tenant_id, row_number() OVER (PARTITION BY tenant_id ORDER BY seq) AS ord
        FROM orchestration.workflow_events WHERE cursor IS NULL),
      counts AS (SELECT tenant_id, count(*) AS n FROM numbered GROUP BY tenant_id),
      bumped AS (
        INSERT INTO orchestration.event_cursors AS ec (tenant_id, last_cursor) SELECT tenant_id, n FROM counts
        ON CONFLICT (tenant_id) DO UPDATE SET last_cursor = ec.last_cursor + EXCLUDED.last_cursor
        RETURNING ec.tenant_id, ec.last_cursor)
      UPDATE orchestration.workflow_events e SET cursor = b.last_cursor - c.n + nb.ord
      FROM numbered nb JOIN counts c ON c.tenant_id = nb.tenant_id JOIN bumped b ON b.tenant_id = nb.tenant_id
      WHERE e.seq = nb.seq`);
    await queryRunner.query(`DROP INDEX orchestration.workflow_events_tenant_run`);
    await queryRunner.query(`DROP INDEX orchestration.workflow_events_unassigned`);
    await queryRunner.query(`DROP INDEX orchestration.workflow_events_tenant_cursor`);
    await queryRunner.query(`ALTER TABLE orchestration.workflow_events DROP CONSTRAINT workflow_events_pk, ALTER COLUMN cursor SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE orchestration.workflow_events ADD CONSTRAINT workflow_events_tenant_cursor PRIMARY KEY (tenant_id, cursor)`);
    await queryRunner.query(`ALTER TABLE orchestration.workflow_events DROP COLUMN seq`);
    await queryRunner.query(`CREATE INDEX workflow_events_tenant_run ON orchestration.workflow_events (tenant_id, run_id, cursor)`);
    await queryRunner.query(`CREATE INDEX workflow_events_tenant_workflow ON orchestration.workflow_events (tenant_id, workflow_id, cursor)`);
  }
}
