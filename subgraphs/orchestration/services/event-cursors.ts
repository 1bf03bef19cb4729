import type { DataSource } from 'typeorm';
import { queryRows } from './sql.ts';

/** Default of {@link AssignEventCursorsOptions.limit}. */
export const DEFAULT_CURSOR_BATCH_SIZE = 5000;

/**
 * Key of the transaction-level advisory lock that serialises cursor assignment across every process (the bytes of
 * "orchestr" as a bigint, out of the way of other advisory locks). Fixed: `orchestration.assign_event_cursors` names it too.
 */
export const EVENT_CURSOR_LOCK_KEY = '8030590385584829554';

/** Options of {@link assignEventCursors}. */
export interface AssignEventCursorsOptions {
  /**
   * Wait for another process's assignment to finish, then assign (a reader that must see cursors); else return 0 at
   * once when one is in progress (a background loop: the other process is doing the work). @defaultValue false
   */
  readonly wait?: boolean;
  /** Events assigned at most, oldest first. @defaultValue {@link DEFAULT_CURSOR_BATCH_SIZE} */
  readonly limit?: number;
}

/**
 * Gives committed workflow events their per-tenant cursors.
 *
 * Transitions insert their events with no cursor (the outbox row only), so that concurrent transitions of one tenant
 * never wait for each other. This assigns cursors afterwards, in one transaction serialised by an advisory lock: the
 * events committed so far without one, in insert order (`seq`), numbered on from the tenant's counter
 * (`event_cursors.last_cursor`), which moves by as many (the SQL is `orchestration.assign_event_cursors`). Hence, per tenant:
 * - cursors are strictly increasing and gapless, and an event's cursor never changes;
 * - cursors become visible in cursor order (an assignment commits all of its cursors at once, after the previous
 *   assignment), so a reader of "events after cursor c" never skips one that a later read would show;
 * - a transition's events keep their order, and an event caused by another (written by a transaction that began after
 *   the first committed) gets a greater cursor: it was inserted later, so it is assigned with or after it.
 * Events of unrelated transitions that commit close together are ordered by insert, not commit: both are committed
 * before either has a cursor, so no reader can tell.
 *
 * Who calls it: the event relay, every pass (`engine/event-relay.ts`); and readers of events that found some without a
 * cursor (`eventsOfRuns`, `eventsOfTenant`), with `wait`, so that a client reads its own writes.
 * @returns the number of events assigned (= `limit` when more may be waiting).
 * @throws when Postgres fails (nothing is assigned then: one transaction).
 */
export async function assignEventCursors(dataSource: DataSource, options: AssignEventCursorsOptions = {}): Promise<number> {
  // One round trip: the function takes the lock, then assigns in a statement of its own (a snapshot taken after the
  // lock, which sees the previous assignment), all in this statement's transaction (migration AssignEventCursorsFunction).
  const rows = await queryRows<{ n: number }>(dataSource.manager, `SELECT orchestration.assign_event_cursors($1, $2) AS n`, [
    options.limit ?? DEFAULT_CURSOR_BATCH_SIZE,
    options.wait ?? false,
  ]);
  return rows[0]?.n ?? 0;
}
