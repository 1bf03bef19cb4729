import type { DataSource } from 'typeorm';
import { BadUserInputError } from '../../../platform/errors.ts';
import { WorkflowEventSchema, type WorkflowEvent, type WorkflowEventType } from '../entities/workflow-event.ts';
import { assignEventCursors, DEFAULT_CURSOR_BATCH_SIZE } from './event-cursors.ts';
import { queryRows, rowMapper, type SqlExecutor } from './sql.ts';

/** An event cursor: a per-tenant position, as a decimal integer of at most 18 digits. */
const EVENT_CURSOR = /^\d{1,18}$/;

/** Parses an event cursor (`after`): absent = from the start. @throws {@link BadUserInputError} */
export function parseEventCursor(after: string | null | undefined): string {
  if (after === null || after === undefined) return '0';
  if (!EVENT_CURSOR.test(after)) throw new BadUserInputError('"after" must be an event cursor (a decimal integer)', { field: 'after' });
  return after;
}

/** An event to append: its cursor is assigned after commit ({@link assignEventCursors}), its time at insert. */
export interface NewWorkflowEvent {
  readonly runId: string;
  readonly workflowId: string;
  readonly stepId?: string | null;
  readonly type: WorkflowEventType;
  readonly payload?: unknown;
}

const toEvent = rowMapper(WorkflowEventSchema);

/**
 * Appends `events` (in order) to the tenant's outbox, inside the caller's transaction: one INSERT, with no cursor and
 * no lock, so that transitions of one tenant never wait for each other. Cursors follow after commit
 * ({@link assignEventCursors}).
 */
export async function appendEvents(manager: SqlExecutor, tenantId: string, events: readonly NewWorkflowEvent[]): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO orchestration.workflow_events (tenant_id, run_id, workflow_id, step_id, type, payload)
     SELECT $1, e.run_id, e.workflow_id, e.step_id, e.type, e.payload
     FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS e(run_id, workflow_id, step_id, type, payload, ord)
     ORDER BY e.ord`,
    [
      tenantId,
      events.map((e) => e.runId),
      events.map((e) => e.workflowId),
      events.map((e) => e.stepId ?? null),
      events.map((e) => e.type),
      events.map((e) => (e.payload === undefined ? null : JSON.stringify(e.payload))),
    ],
  );
}

/** A request for one run's events after a cursor (`'0'` = from the start). */
export interface RunEventsKey {
  readonly runId: string;
  readonly after: string;
}

/**
 * The events of several runs of one tenant, each after its own cursor, in cursor order: one statement for the batch.
 * Events committed but not yet given a cursor (the relay does so within its interval) are given theirs first, so that
 * a client reads its own writes: a second statement, only then.
 * @returns one list per key, in key order.
 */
export async function eventsOfRuns(dataSource: DataSource, tenantId: string, keys: readonly RunEventsKey[]): Promise<WorkflowEvent[][]> {
  const read = (): Promise<Record<string, unknown>[]> =>
    queryRows(
      dataSource.manager,
      `SELECT e.*, k.idx FROM unnest($2::uuid[], $3::bigint[]) WITH ORDINALITY AS k(run_id, after, idx)
       JOIN orchestration.workflow_events e ON e.tenant_id = $1 AND e.run_id = k.run_id AND (e.cursor > k.after OR e.cursor IS NULL)
       ORDER BY e.cursor`,
      [tenantId, keys.map((k) => k.runId), keys.map((k) => k.after)],
    );
  let rows = await read();
  if (rows.some((row) => row['cursor'] === null)) {
    while ((await assignEventCursors(dataSource, { wait: true })) === DEFAULT_CURSOR_BATCH_SIZE);
    rows = await read();
  }
  const lists: WorkflowEvent[][] = keys.map(() => []);
  for (const row of rows) {
    // Committed after the assignment above: the next read shows it, with its cursor.
    if (row['cursor'] === null) continue;
    lists[Number(row['idx']) - 1]?.push(toEvent(row));
  }
  return lists;
}

/**
 * SQL of the common table expression that appends events inside a larger one-statement transition, for callers that
 * change state and write its events in a single statement (no BEGIN/COMMIT round trips). The statement must define a
 * CTE `new_events (seq, run_id, workflow_id, step_id, type, payload)` before it, and pass the tenant id as
 * `tenantParam`. Like {@link appendEvents}: inserted in `seq` order, with no cursor and no lock.
 */
export function outboxCtes(tenantParam: string): string {
  return `
  ev_insert AS (
    INSERT INTO orchestration.workflow_events (tenant_id, run_id, workflow_id, step_id, type, payload)
    SELECT ${tenantParam}, r.run_id, r.workflow_id, r.step_id, r.type, r.payload FROM new_events r ORDER BY r.seq
    RETURNING 1)`;
}
