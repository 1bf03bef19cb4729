import type { DataSource } from 'typeorm';
import { assignOutboxCursors, type AssignOutboxCursorsOptions } from '../../../platform/events/outbox-cursors.ts';

export { DEFAULT_CURSOR_BATCH_SIZE } from '../../../platform/events/outbox-cursors.ts';

/**
 * Key of the transaction-level advisory lock that serialises cursor assignment across every process (the bytes of
 * "orchestr" as a bigint, out of the way of other advisory locks). Fixed: `orchestration.assign_event_cursors` names it too.
 */
export const EVENT_CURSOR_LOCK_KEY = '8030590385584829554';

/**
 * Gives committed workflow events their per-tenant cursors (`orchestration.assign_event_cursors`; the rule is
 * {@link assignOutboxCursors}'s). An event's cursor never changes, and a transition's events keep their order.
 * Events of unrelated transitions that commit close together are ordered by insert, not commit: both are committed
 * before either has a cursor, so no reader can tell.
 *
 * Who calls it: the event relay, every pass (platform/events/outbox-relay.ts); and readers of events that found some
 * without a cursor (`eventsOfRuns`, `eventsOfTenant`), with `wait`, so that a client reads its own writes.
 * @returns the number of events assigned (= `limit` when more may be waiting).
 * @throws when Postgres fails (nothing is assigned then: one transaction).
 */
export function assignEventCursors(dataSource: DataSource, options: AssignOutboxCursorsOptions = {}): Promise<number> {
  return assignOutboxCursors(dataSource, 'orchestration', options);
}
