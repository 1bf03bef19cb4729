import type { DataSource } from 'typeorm';
import { pageSize } from '../../../platform/pagination.ts';
import { isUuid } from '../../../platform/validation.ts';
import { WorkflowEventSchema, type WorkflowEvent, type WorkflowEventType } from '../entities/workflow-event.ts';
import { parseEventCursor } from '../../../platform/events/outbox-cursors.ts';
import { assignEventCursors, DEFAULT_CURSOR_BATCH_SIZE } from './event-cursors.ts';
import { queryRows, rowMapper, type SqlExecutor } from './sql.ts';

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
    await assignPendingCursors(dataSource);
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

/** Default of {@link TenantEventsQuery.first}. */
export const DEFAULT_TENANT_EVENTS_PAGE_SIZE = 100;
/** Largest accepted {@link TenantEventsQuery.first}. */
export const MAX_TENANT_EVENTS_PAGE_SIZE = 1000;

/** A page of a tenant's events, as `Query.workflowEvents` asks for it (unvalidated arguments). */
export interface TenantEventsQuery {
  /** Only the events of this workflow; absent = of every workflow. A non-UUID names none. */
  readonly workflowId?: string | null | undefined;
  /** Events with a greater cursor: a decimal cursor ({@link parseEventCursor}); absent = from the first. */
  readonly after?: string | null | undefined;
  /**
   * Events at most, 1 to {@link MAX_TENANT_EVENTS_PAGE_SIZE}.
   * @defaultValue {@link DEFAULT_TENANT_EVENTS_PAGE_SIZE}
   */
  readonly first?: number | null | undefined;
}

/** Which of the tenant's events a page holds: `$1` tenant, `$3` workflow (null = every one). */
const TENANT_EVENTS_OF = `tenant_id = $1 AND ($3::uuid IS NULL OR workflow_id = $3::uuid)`;
/** A page: `$2` after, `$4` size. On the unique `(tenant_id, cursor) WHERE cursor IS NOT NULL`, in its order. */
const TENANT_EVENTS_PAGE = `SELECT * FROM orchestration.workflow_events WHERE ${TENANT_EVENTS_OF} AND cursor > $2::bigint ORDER BY cursor LIMIT $4`;
/**
 * The page, each row with `pending`: whether events of the page's selection await a cursor (on the partial index of
 * unassigned events); one row of NULLs when the page is empty.
 */
const TENANT_EVENTS_PAGE_AND_PENDING = `
  SELECT p.pending, e.*
  FROM (SELECT EXISTS (SELECT 1 FROM orchestration.workflow_events WHERE ${TENANT_EVENTS_OF} AND cursor IS NULL) AS pending) p
  LEFT JOIN LATERAL (${TENANT_EVENTS_PAGE}) e ON true
  ORDER BY e.cursor`;

/**
 * A page of the tenant's events (of one workflow, when `workflowId` is given) with a cursor greater than `after`, in
 * cursor order, at most `first`: the Postgres replay of the tenant's event stream. Paging on with the last cursor
 * read as `after` sees every event once, with no gap: cursors become visible in cursor order
 * ({@link assignEventCursors}).
 *
 * One statement, on the `(tenant_id, cursor)` index (the workflow is a filter on it, so a page of a rare workflow reads
 * the tenant's events up to the page's end). Like {@link eventsOfRuns}, events committed but not yet given a cursor
 * are given theirs first, so that a client reads its own writes: a second statement and a re-read, only when some of
 * the selection are pending and the page is not full (pending events get cursors after every assigned one).
 * @returns at most `first` events, of `tenantId` only, in increasing cursor order; none for a non-UUID `workflowId`.
 * @throws a `BadUserInputError` when `first` is outside 1..{@link MAX_TENANT_EVENTS_PAGE_SIZE} or `after` is not
 * a decimal cursor.
 */
export async function eventsOfTenant(dataSource: DataSource, tenantId: string, query: TenantEventsQuery): Promise<WorkflowEvent[]> {
  const first = pageSize(query.first, MAX_TENANT_EVENTS_PAGE_SIZE, DEFAULT_TENANT_EVENTS_PAGE_SIZE);
  const after = parseEventCursor(query.after);
  const workflowId = query.workflowId ?? null;
  if (workflowId !== null && !isUuid(workflowId)) return [];
  const params = [tenantId, after, workflowId, first];
  const rows = await queryRows(dataSource.manager, TENANT_EVENTS_PAGE_AND_PENDING, params);
  const events = rows.filter((row) => row['seq'] !== null).map(toEvent);
  if (rows[0]?.['pending'] !== true || events.length === first) return events;
  await assignPendingCursors(dataSource);
  return (await queryRows(dataSource.manager, TENANT_EVENTS_PAGE, params)).map(toEvent);
}

/** Assigns the cursors of every event committed without one, waiting for an assignment in progress. */
async function assignPendingCursors(dataSource: DataSource): Promise<void> {
  while ((await assignEventCursors(dataSource, { wait: true })) === DEFAULT_CURSOR_BATCH_SIZE);
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
