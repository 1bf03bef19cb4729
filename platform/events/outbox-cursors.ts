import type { DataSource } from 'typeorm';
import { BadUserInputError } from '../errors.ts';

/** An event cursor: a per-tenant position, as a decimal integer of at most 18 digits. */
const EVENT_CURSOR = /^\d{1,18}$/;

/**
 * Parses an event cursor (an `after` argument): absent = from the start (`'0'`).
 * @throws {@link BadUserInputError} (field `after`) for anything but a decimal integer of at most 18 digits.
 */
export function parseEventCursor(after: string | null | undefined): string {
  if (after === null || after === undefined) return '0';
  if (!EVENT_CURSOR.test(after)) throw new BadUserInputError('"after" must be an event cursor (a decimal integer)', { field: 'after' });
  return after;
}

/** Default of {@link AssignOutboxCursorsOptions.limit}. */
export const DEFAULT_CURSOR_BATCH_SIZE = 5000;

/** Options of {@link assignOutboxCursors}. */
export interface AssignOutboxCursorsOptions {
  /**
   * Wait for another process's assignment to finish, then assign (a reader that must see cursors); else return 0 at
   * once when one is in progress (a background loop: the other process is doing the work). @defaultValue false
   */
  readonly wait?: boolean;
  /** Events assigned at most, oldest first. @defaultValue {@link DEFAULT_CURSOR_BATCH_SIZE} */
  readonly limit?: number;
  /** Starts the statement (e.g. `BACKGROUND_SQL_MARK` for a background loop's). @defaultValue none */
  readonly mark?: string;
}

/**
 * Gives an outbox's committed events their per-tenant cursors: `SELECT <schema>.assign_event_cursors(limit, wait)`,
 * the function each outbox's migration defines (orchestration's `AssignEventCursorsFunction`, session's
 * `SessionEventCursors`). Events are inserted with no cursor (the outbox row only), so that concurrent writers of one
 * tenant never wait for each other; the function then, in one transaction serialised by the outbox's advisory lock,
 * numbers the events committed so far without one, in insert order (`seq`), on from the tenant's counter
 * (`<schema>.event_cursors.last_cursor`). Hence, per tenant: cursors strictly increase without gaps and never change;
 * they become visible in cursor order; and an event caused by another gets a greater cursor.
 * @param schema - the outbox's Postgres schema (`orchestration`, `session`): a constant, never input.
 * @returns the number of events assigned (= `limit` when more may be waiting).
 * @throws when Postgres fails (nothing is assigned then: one transaction).
 */
export async function assignOutboxCursors(dataSource: DataSource, schema: string, options: AssignOutboxCursorsOptions = {}): Promise<number> {
  const rows = (await dataSource.query(`${options.mark ?? ''}SELECT ${schema}.assign_event_cursors($1, $2) AS n`, [
    options.limit ?? DEFAULT_CURSOR_BATCH_SIZE,
    options.wait ?? false,
  ])) as { n: number }[];
  return rows[0]?.n ?? 0;
}
