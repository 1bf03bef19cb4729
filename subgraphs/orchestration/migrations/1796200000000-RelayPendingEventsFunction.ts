import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `orchestration.relay_pending_events(relay_key_prefix, batch_limit, cursor_batch_limit)`: a relay pass's reads in one
 * round trip (engine/event-relay.ts). It assigns cursors as `assign_event_cursors(cursor_batch_limit, false)` does,
 * then returns, in a statement of its own (VOLATILE: a fresh snapshot that sees the assignment), every tenant's events
 * past the relay's recorded position (`event_relay_positions` of `relay_key_prefix`) up to its counter, at most
 * `batch_limit` per tenant, ordered by tenant and cursor, each row with the tenant's counter (`last_cursor`) and the
 * number of events this call assigned (`assigned`). When no event is pending but some were assigned (another relay
 * published them meanwhile), one row with only `assigned` says so.
 */
export class RelayPendingEventsFunction1796200000000 implements MigrationInterface {
  name = 'RelayPendingEventsFunction1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION orchestration.relay_pending_events(relay_key_prefix text, batch_limit integer, cursor_batch_limit integer)
      RETURNS TABLE (tenant_id text, cursor bigint, run_id uuid, workflow_id uuid, step_id text, type text, payload jsonb,
                     at timestamptz, seq bigint, last_cursor bigint, assigned integer)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      DECLARE
        assigned_count integer;
      BEGIN
        assigned_count := orchestration.assign_event_cursors(cursor_batch_limit, false);
        RETURN QUERY
          SELECT e.tenant_id, e.cursor, e.run_id, e.workflow_id, e.step_id, e.type, e.payload, e.at, e.seq, t.last_cursor, assigned_count
          FROM (
            SELECT c.tenant_id, coalesce(p.published_cursor, 0) AS published, c.last_cursor
            FROM orchestration.event_cursors c
            LEFT JOIN orchestration.event_relay_positions p ON p.key_prefix = relay_key_prefix AND p.tenant_id = c.tenant_id
            WHERE c.last_cursor > coalesce(p.published_cursor, 0)
          ) t
          CROSS JOIN LATERAL (
            SELECT * FROM orchestration.workflow_events w
            WHERE w.tenant_id = t.tenant_id AND w.cursor > t.published AND w.cursor <= t.last_cursor
            ORDER BY w.cursor LIMIT batch_limit
          ) e
          ORDER BY e.tenant_id, e.cursor;
        IF NOT FOUND AND assigned_count > 0 THEN
          RETURN QUERY SELECT NULL::text, NULL::bigint, NULL::uuid, NULL::uuid, NULL::text, NULL::text, NULL::jsonb,
                              NULL::timestamptz, NULL::bigint, NULL::bigint, assigned_count;
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION orchestration.relay_pending_events(text, integer, integer)`);
  }
}
