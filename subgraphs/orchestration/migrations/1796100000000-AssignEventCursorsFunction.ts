import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `orchestration.assign_event_cursors(batch_limit, wait_for_lock)`: the cursor assignment of `assignEventCursors`
 * (services/event-cursors.ts) as one function, so that it costs one round trip instead of four (BEGIN, lock, assign,
 * COMMIT). Its statements run in the caller's transaction; being VOLATILE, each takes a fresh snapshot (PostgreSQL
 * docs, "Function Volatility Categories"), so the assignment, which follows the lock, sees the previous one. The lock is
 * `EVENT_CURSOR_LOCK_KEY`; the rule is the one `DeferredEventCursors` documents.
 */
export class AssignEventCursorsFunction1796100000000 implements MigrationInterface {
  name = 'AssignEventCursorsFunction1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION orchestration.assign_event_cursors(batch_limit integer, wait_for_lock boolean) RETURNS integer
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        assigned_count integer;
      BEGIN
        IF wait_for_lock THEN
          PERFORM pg_advisory_xact_lock(8030590385584829554);
        ELSIF NOT pg_try_advisory_xact_lock(8030590385584829554) THEN
          RETURN 0;
        END IF;
        WITH pending AS (
          SELECT seq, tenant_id FROM orchestration.workflow_events WHERE cursor IS NULL ORDER BY seq LIMIT batch_limit),
        numbered AS (SELECT seq, tenant_id, row_number() OVER (PARTITION BY tenant_id ORDER BY seq) AS ord FROM pending),
        counts AS (SELECT tenant_id, count(*) AS n FROM pending GROUP BY tenant_id),
        bumped AS (
          INSERT INTO orchestration.event_cursors AS ec (tenant_id, last_cursor) SELECT tenant_id, n FROM counts ORDER BY tenant_id
          ON CONFLICT (tenant_id) DO UPDATE SET last_cursor = ec.last_cursor + EXCLUDED.last_cursor
          RETURNING ec.tenant_id, ec.last_cursor),
        assigned AS (
          UPDATE orchestration.workflow_events e SET cursor = b.last_cursor - c.n + nb.ord
          FROM numbered nb JOIN counts c ON c.tenant_id = nb.tenant_id JOIN bumped b ON b.tenant_id = nb.tenant_id
          WHERE e.seq = nb.seq
          RETURNING 1)
        SELECT count(*)::int INTO assigned_count FROM assigned;
        RETURN assigned_count;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION orchestration.assign_event_cursors(integer, boolean)`);
  }
}
