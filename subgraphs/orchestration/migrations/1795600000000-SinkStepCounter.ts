import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `workflow_runs.pending_steps` counts a run's unfinished sink steps (top-level steps no other step depends on)
 * instead of all its unfinished top-level steps: only a sink's completion touches the run row (see
 * `engine/step-transitions.ts`). Runs that have not finished are recounted from their workflow version's definition.
 */
export class SinkStepCounter1795600000000 implements MigrationInterface {
  name = 'SinkStepCounter1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE orchestration.workflow_runs r SET pending_steps = (
        SELECT count(*) FROM orchestration.step_runs s
        JOIN orchestration.workflow_versions v ON v.tenant_id = r.tenant_id AND v.workflow_id = r.workflow_id AND v.version = r.workflow_version
        WHERE s.tenant_id = r.tenant_id AND s.run_id = r.id AND s.parent_step_id IS NULL AND s.status NOT IN ('COMPLETED', 'SKIPPED')
          AND NOT EXISTS (
            SELECT 1 FROM jsonb_array_elements(v.steps) AS def
            CROSS JOIN LATERAL jsonb_array_elements_text(def->'dependsOn') AS dep(step_id)
            WHERE dep.step_id = s.step_id))
      WHERE r.status IN ('RUNNING', 'WAITING')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE orchestration.workflow_runs r SET pending_steps = (
        SELECT count(*) FROM orchestration.step_runs s
        WHERE s.tenant_id = r.tenant_id AND s.run_id = r.id AND s.parent_step_id IS NULL AND s.status NOT IN ('COMPLETED', 'SKIPPED'))
      WHERE r.status IN ('RUNNING', 'WAITING')`);
  }
}
