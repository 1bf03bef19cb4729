import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assignEventCursorsFunctionSql } from '../../../platform/events/outbox-sql.ts';

/** The advisory lock of orchestration's cursor assignment (`EVENT_CURSOR_LOCK_KEY`: the bytes of "orchestr"). */
const EVENT_CURSOR_LOCK = '8030590385584829554';

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
    await queryRunner.query(assignEventCursorsFunctionSql('orchestration', 'workflow_events', EVENT_CURSOR_LOCK));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION orchestration.assign_event_cursors(integer, boolean)`);
  }
}
