import { BadUserInputError } from '../../../platform/errors.ts';
import { WorkflowEventSchema, type WorkflowEvent, type WorkflowEventType } from '../entities/workflow-event.ts';
import { queryRows, rowMapper, type SqlExecutor } from './sql.ts';

/** An event cursor: a per-tenant position, as a decimal integer of at most 18 digits. */
const EVENT_CURSOR = /^\d{1,18}$/;

/** Parses an event cursor (`after`): absent = from the start. @throws {@link BadUserInputError} */
export function parseEventCursor(after: string | null | undefined): string {
  if (after === null || after === undefined) return '0';
  if (!EVENT_CURSOR.test(after)) throw new BadUserInputError('"after" must be an event cursor (a decimal integer)', { field: 'after' });
  return after;
}

/** An event to append: the cursor and time are assigned by {@link appendEvents}. */
export interface NewWorkflowEvent {
  readonly runId: string;
  readonly workflowId: string;
  readonly stepId?: string | null;
  readonly type: WorkflowEventType;
  readonly payload?: unknown;
}

const toEvent = rowMapper(WorkflowEventSchema);

/**
 * Appends `events` (in order) to the tenant's outbox, inside the caller's transaction. One statement takes the next
 * cursors from the tenant's counter row (`event_cursors`, created at 1 on first use) and inserts the events; the
 * counter's row lock is held until commit, so commit order equals cursor order within a tenant and cursors are
 * strictly increasing without gaps. Call it last in a transaction, to hold that lock briefly.
 * @returns the stored events with their cursors.
 */
export async function appendEvents(manager: SqlExecutor, tenantId: string, events: readonly NewWorkflowEvent[]): Promise<WorkflowEvent[]> {
  if (events.length === 0) return [];
  const rows = await queryRows(
    manager,
    `WITH c AS (
       INSERT INTO orchestration.event_cursors AS ec (tenant_id, last_cursor) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET last_cursor = ec.last_cursor + $2
       RETURNING last_cursor
     )
     INSERT INTO orchestration.workflow_events (tenant_id, cursor, run_id, workflow_id, step_id, type, payload)
     SELECT $1, c.last_cursor - $2 + e.ord, e.run_id, e.workflow_id, e.step_id, e.type, e.payload
     FROM c, unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::jsonb[]) WITH ORDINALITY AS e(run_id, workflow_id, step_id, type, payload, ord)
     RETURNING *`,
    [
      tenantId,
      events.length,
      events.map((e) => e.runId),
      events.map((e) => e.workflowId),
      events.map((e) => e.stepId ?? null),
      events.map((e) => e.type),
      events.map((e) => (e.payload === undefined ? null : JSON.stringify(e.payload))),
    ],
  );
  return rows.map(toEvent).sort((a, b) => Number(BigInt(a.cursor) - BigInt(b.cursor)));
}

/** A request for one run's events after a cursor (`'0'` = from the start). */
export interface RunEventsKey {
  readonly runId: string;
  readonly after: string;
}

/**
 * The events of several runs of one tenant, each after its own cursor, in cursor order: one statement for the batch.
 * @returns one list per key, in key order.
 */
export async function eventsOfRuns(executor: SqlExecutor, tenantId: string, keys: readonly RunEventsKey[]): Promise<WorkflowEvent[][]> {
  const rows = await queryRows(
    executor,
    `SELECT e.*, k.idx FROM unnest($2::uuid[], $3::bigint[]) WITH ORDINALITY AS k(run_id, after, idx)
     JOIN orchestration.workflow_events e ON e.tenant_id = $1 AND e.run_id = k.run_id AND e.cursor > k.after
     ORDER BY e.cursor`,
    [tenantId, keys.map((k) => k.runId), keys.map((k) => k.after)],
  );
  const lists: WorkflowEvent[][] = keys.map(() => []);
  for (const row of rows) lists[Number(row['idx']) - 1]?.push(toEvent(row));
  return lists;
}

/**
 * SQL of the common table expressions that append events inside a larger one-statement transition, for callers that
 * change state and write its events in a single statement (no BEGIN/COMMIT round trips). The statement must define a
 * CTE `new_events (seq, run_id, workflow_id, step_id, type, payload)` before these, and pass the tenant id as
 * `tenantParam`. Like {@link appendEvents}: cursors come from the tenant's counter row, locked until commit, so commit
 * order equals cursor order; nothing is locked when `new_events` is empty.
 */
export function outboxCtes(tenantParam: string): string {
  return `
  ev_rows AS (SELECT *, row_number() OVER (ORDER BY seq) AS ord FROM new_events),
  ev_cursor AS (
    INSERT INTO orchestration.event_cursors AS ec (tenant_id, last_cursor)
    SELECT ${tenantParam}, count(*) FROM ev_rows HAVING count(*) > 0
    ON CONFLICT (tenant_id) DO UPDATE SET last_cursor = ec.last_cursor + EXCLUDED.last_cursor
    RETURNING ec.last_cursor),
  ev_insert AS (
    INSERT INTO orchestration.workflow_events (tenant_id, cursor, run_id, workflow_id, step_id, type, payload)
    SELECT ${tenantParam}, c.last_cursor - (SELECT count(*) FROM ev_rows) + r.ord, r.run_id, r.workflow_id, r.step_id, r.type, r.payload
    FROM ev_cursor c, ev_rows r
    RETURNING cursor)`;
}
