import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assignEventCursorsFunctionSql, relayPendingEventsFunctionSql } from '../../../platform/events/outbox-sql.ts';

/**
 * Key of the transaction-level advisory lock serialising the session outbox's cursor assignment (the bytes of
 * "sessions" as a bigint; orchestration's is "orchestr").
 */
export const SESSION_EVENT_CURSOR_LOCK_KEY = '8315179226536832627';

/**
 * Cursors and a relay for the session outbox `session.session_events`, by the same rule as orchestration's workflow
 * events (migrations DeferredEventCursors, AssignEventCursorsFunction, RelayPendingEventsFunction there; the rule is
 * platform/events/outbox-cursors.ts's):
 * - `session.event_cursors`: each tenant's last assigned cursor; `session.event_relay_positions`: how far the relay of
 *   a Redis key prefix published each tenant's events;
 * - `session.assign_event_cursors(batch_limit, wait_for_lock)`: numbers the committed events without a cursor, in
 *   insert order (`seq`), on from each tenant's counter, serialised by the advisory lock
 *   {@link SESSION_EVENT_CURSOR_LOCK_KEY};
 * - `session.relay_pending_events(relay_key_prefix, batch_limit, cursor_batch_limit)`: a relay pass's reads in one
 *   round trip (platform/events/outbox-relay.ts);
 * - an index for a session's events in cursor order (`Session.events`, the subscription's replay);
 * - `session_events.presence_id`: the `session.participants` row a participant event began or ended (older events
 *   have none: their participant is found by id and time).
 */
export class SessionEventCursors1797500000000 implements MigrationInterface {
  name = 'SessionEventCursors1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE session.event_cursors (tenant_id text PRIMARY KEY, last_cursor bigint NOT NULL)`);
    await queryRunner.query(`
      CREATE TABLE session.event_relay_positions (
        key_prefix text NOT NULL,
        tenant_id text NOT NULL,
        published_cursor bigint NOT NULL,
        CONSTRAINT session_event_relay_positions_pk PRIMARY KEY (key_prefix, tenant_id)
      )`);
    await queryRunner.query(`CREATE INDEX session_events_tenant_session_cursor ON session.session_events (tenant_id, session_id, cursor)`);
    await queryRunner.query(`ALTER TABLE session.session_events ADD COLUMN presence_id uuid`);
    await queryRunner.query(assignEventCursorsFunctionSql('session', 'session_events', SESSION_EVENT_CURSOR_LOCK_KEY));
    await queryRunner.query(
      relayPendingEventsFunctionSql('session', 'session_events', [
        { name: 'session_id', type: 'uuid' },
        { name: 'type', type: 'text' },
        { name: 'segment_id', type: 'uuid' },
        { name: 'participant_id', type: 'text' },
        { name: 'presence_id', type: 'uuid' },
        { name: 'payload', type: 'jsonb' },
        { name: 'at', type: 'timestamptz' },
      ]),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION session.relay_pending_events(text, integer, integer)`);
    await queryRunner.query(`DROP FUNCTION session.assign_event_cursors(integer, boolean)`);
    await queryRunner.query(`ALTER TABLE session.session_events DROP COLUMN presence_id`);
    await queryRunner.query(`DROP INDEX session.session_events_tenant_session_cursor`);
    await queryRunner.query(`DROP TABLE session.event_relay_positions`);
    await queryRunner.query(`DROP TABLE session.event_cursors`);
    // Cursors assigned so far stay: the table allowed them before, and the unique index still holds.
  }
}
