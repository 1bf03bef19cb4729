import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The workflow a session starts when it ends (issue 17, part 6): adds to `session.sessions` the `onEnd` workflow
 * (`end_workflow_id`, `end_workflow_input`, `end_workflow_transcript`) and the state of its dispatch (`end_run_id` once started,
 * `end_run_error` once given up, `end_run_attempts`, `end_run_next_at`), and a partial index of the sessions still to
 * dispatch, which the dispatcher scans. (The table's entity-change triggers already cover the new columns.)
 */
export class SessionEndWorkflow1797300000000 implements MigrationInterface {
  name = 'SessionEndWorkflow1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE session.sessions
        ADD COLUMN end_workflow_id text CHECK (char_length(end_workflow_id) BETWEEN 1 AND 200),
        ADD COLUMN end_workflow_input jsonb,
        ADD COLUMN end_workflow_transcript boolean NOT NULL DEFAULT false,
        ADD COLUMN end_run_id text,
        ADD COLUMN end_run_error text,
        ADD COLUMN end_run_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN end_run_next_at timestamptz`);
    await queryRunner.query(`
      CREATE INDEX sessions_end_dispatch ON session.sessions (end_run_next_at)
      WHERE status = 'ENDED' AND end_workflow_id IS NOT NULL AND end_run_id IS NULL AND end_run_error IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX session.sessions_end_dispatch`);
    await queryRunner.query(`
      ALTER TABLE session.sessions
        DROP COLUMN end_workflow_id, DROP COLUMN end_workflow_input, DROP COLUMN end_workflow_transcript, DROP COLUMN end_run_id,
        DROP COLUMN end_run_error, DROP COLUMN end_run_attempts, DROP COLUMN end_run_next_at`);
  }
}
