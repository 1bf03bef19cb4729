/**
 * The SQL functions of an outbox (see `OutboxDefinition` in outbox-relay.ts), written once for every outbox table:
 * the migrations that create them (orchestration's AssignEventCursorsFunction and RelayPendingEventsFunction,
 * session's SessionEventCursors) call these. `schema`, `table`, column names and types are constants of the caller,
 * never input. The table needs `seq` (insert order), `tenant_id`, `cursor bigint` (NULL until assigned); the schema
 * needs `event_cursors (tenant_id, last_cursor)` and `event_relay_positions (key_prefix, tenant_id, published_cursor)`.
 */

/** A column an outbox's relay reads besides `tenant_id`, `cursor` and `seq`. */
export interface OutboxColumn {
  readonly name: string;
  /** Its Postgres type, e.g. `uuid`, `text`, `jsonb`, `timestamptz`. */
  readonly type: string;
}

/**
 * `CREATE FUNCTION <schema>.assign_event_cursors(batch_limit, wait_for_lock) RETURNS integer`: takes the advisory
 * lock `lockKey` for the transaction (waiting, or returning 0 at once when another holds it), then, in a statement of
 * its own (VOLATILE: a fresh snapshot that sees the previous assignment; PostgreSQL docs, "Function Volatility
 * Categories"), numbers up to `batch_limit` committed events without a cursor, in `seq` order, on from each tenant's
 * `event_cursors.last_cursor`, which moves by as many. Returns the number assigned.
 * @param lockKey - a bigint literal, distinct per outbox.
 */
export function assignEventCursorsFunctionSql(schema: string, table: string, lockKey: string): string {
  return `
      CREATE FUNCTION ${schema}.assign_event_cursors(batch_limit integer, wait_for_lock boolean) RETURNS integer
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        assigned_count integer;
      BEGIN
        IF wait_for_lock THEN
          PERFORM pg_advisory_xact_lock(${lockKey});
        ELSIF NOT pg_try_advisory_xact_lock(${lockKey}) THEN
          RETURN 0;
        END IF;
        WITH pending AS (
          SELECT seq, tenant_id FROM ${schema}.${table} WHERE cursor IS NULL ORDER BY seq LIMIT batch_limit),
        numbered AS (SELECT seq, tenant_id, row_number() OVER (PARTITION BY tenant_id ORDER BY seq) AS ord FROM pending),
        counts AS (SELECT tenant_id, count(*) AS n FROM pending GROUP BY tenant_id),
        bumped AS (
          INSERT INTO ${schema}.event_cursors AS ec (tenant_id, last_cursor) SELECT tenant_id, n FROM counts ORDER BY tenant_id
          ON CONFLICT (tenant_id) DO UPDATE SET last_cursor = ec.last_cursor + EXCLUDED.last_cursor
          RETURNING ec.tenant_id, ec.last_cursor),
        assigned AS (
          UPDATE ${schema}.${table} e SET cursor = b.last_cursor - c.n + nb.ord
          FROM numbered nb JOIN counts c ON c.tenant_id = nb.tenant_id JOIN bumped b ON b.tenant_id = nb.tenant_id
          WHERE e.seq = nb.seq
          RETURNING 1)
        SELECT count(*)::int INTO assigned_count FROM assigned;
        RETURN assigned_count;
      END $$`;
}

/**
 * `CREATE FUNCTION <schema>.relay_pending_events(relay_key_prefix, batch_limit, cursor_batch_limit)`: a relay pass's
 * reads in one round trip. Assigns cursors as `assign_event_cursors(cursor_batch_limit, false)`, then returns, in a
 * statement of its own, every tenant's events past the relay's position (`event_relay_positions` of
 * `relay_key_prefix`) up to its counter, at most `batch_limit` per tenant, ordered by tenant and cursor: rows
 * `(tenant_id, cursor, <columns>, seq, last_cursor, assigned)`. When none is pending but some were assigned (another
 * relay published them meanwhile), one row with only `assigned`.
 */
export function relayPendingEventsFunctionSql(schema: string, table: string, columns: readonly OutboxColumn[]): string {
  const declared = columns.map((c) => `${c.name} ${c.type}`).join(', ');
  const selected = columns.map((c) => `e.${c.name}`).join(', ');
  const nulls = columns.map((c) => `NULL::${c.type}`).join(', ');
  return `
      CREATE FUNCTION ${schema}.relay_pending_events(relay_key_prefix text, batch_limit integer, cursor_batch_limit integer)
      RETURNS TABLE (tenant_id text, cursor bigint, ${declared}, seq bigint, last_cursor bigint, assigned integer)
      LANGUAGE plpgsql VOLATILE AS $$
      #variable_conflict use_column
      DECLARE
        assigned_count integer;
      BEGIN
        assigned_count := ${schema}.assign_event_cursors(cursor_batch_limit, false);
        RETURN QUERY
          SELECT e.tenant_id, e.cursor, ${selected}, e.seq, t.last_cursor, assigned_count
          FROM (
            SELECT c.tenant_id, coalesce(p.published_cursor, 0) AS published, c.last_cursor
            FROM ${schema}.event_cursors c
            LEFT JOIN ${schema}.event_relay_positions p ON p.key_prefix = relay_key_prefix AND p.tenant_id = c.tenant_id
            WHERE c.last_cursor > coalesce(p.published_cursor, 0)
          ) t
          CROSS JOIN LATERAL (
            SELECT * FROM ${schema}.${table} w
            WHERE w.tenant_id = t.tenant_id AND w.cursor > t.published AND w.cursor <= t.last_cursor
            ORDER BY w.cursor LIMIT batch_limit
          ) e
          ORDER BY e.tenant_id, e.cursor;
        IF NOT FOUND AND assigned_count > 0 THEN
          RETURN QUERY SELECT NULL::text, NULL::bigint, ${nulls}, NULL::bigint, NULL::bigint, assigned_count;
        END IF;
      END $$`;
}
