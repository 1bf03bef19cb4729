import type { MigrationInterface, QueryRunner } from 'typeorm';
import { relayPendingEventsFunctionSql } from '../../../platform/events/outbox-sql.ts';

/**
 * `orchestration.relay_pending_events(relay_key_prefix, batch_limit, cursor_batch_limit)`: a relay pass's reads in one
 * round trip (platform/events/outbox-relay.ts). It assigns cursors as `assign_event_cursors(cursor_batch_limit, false)` does,
 * then returns, in a statement of its own (VOLATILE: a fresh snapshot that sees the assignment), every tenant's events
 * past the relay's recorded position (`event_relay_positions` of `relay_key_prefix`) up to its counter, at most
 * `batch_limit` per tenant, ordered by tenant and cursor, each row with the tenant's counter (`last_cursor`) and the
 * number of events this call assigned (`assigned`). When no event is pending but some were assigned (another relay
 * published them meanwhile), one row with only `assigned` says so.
 */
export class RelayPendingEventsFunction1796200000000 implements MigrationInterface {
  name = 'RelayPendingEventsFunction1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      relayPendingEventsFunctionSql('orchestration', 'workflow_events', [
        { name: 'run_id', type: 'uuid' },
        { name: 'workflow_id', type: 'uuid' },
        { name: 'step_id', type: 'text' },
        { name: 'type', type: 'text' },
        { name: 'payload', type: 'jsonb' },
        { name: 'at', type: 'timestamptz' },
      ]),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION orchestration.relay_pending_events(text, integer, integer)`);
  }
}
