import type { DataSource } from 'typeorm';
import { WorkflowRunSchema, type WorkflowRun, type WorkflowRunStatus } from '../entities/workflow-run.ts';
import { StepRunSchema, type StepRun } from '../entities/step-run.ts';
import { StepAttemptSchema, type StepAttempt } from '../entities/step-attempt.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../../platform/pagination.ts';
import { isUuid } from '../../../platform/validation.ts';
import { queryRows, rowMapper, type SqlExecutor } from './sql.ts';

/** Mapper of raw `workflow_runs` rows. */
export const toWorkflowRun = rowMapper(WorkflowRunSchema);
/** Mapper of raw `step_runs` rows. */
export const toStepRun = rowMapper(StepRunSchema);
/** Mapper of raw `step_attempts` rows. */
export const toStepAttempt = rowMapper(StepAttemptSchema);

/** GraphQL `WorkflowRunFilter`. */
export interface WorkflowRunFilter {
  readonly workflowId?: string | null | undefined;
  readonly status?: WorkflowRunStatus | null | undefined;
  readonly sessionId?: string | null | undefined;
}

/** One page of runs, newest first. */
export interface WorkflowRunPage {
  edges: { cursor: string; node: WorkflowRun }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** A request for the newest `first` runs of one workflow or session. */
export interface RunsOfParentKey {
  readonly parentId: string;
  readonly first: number;
}

/** A request for the items of one `map` step of one run. */
export interface MapItemsKey {
  readonly runId: string;
  /** The map step's id (`StepRun.stepId`). */
  readonly parentStepId: string;
}

/** Reads runs and step runs of a tenant (writes are the engine's, see `engine/`). */
export class WorkflowRunService {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's runs with the given ids (non-UUIDs name none), in one statement; `null` where absent. */
  async byIds(tenantId: string, ids: readonly string[], executor: SqlExecutor = this.dataSource.manager): Promise<(WorkflowRun | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await queryRows(executor, `SELECT * FROM orchestration.workflow_runs WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, valid])
      : [];
    const byId = new Map(rows.map((r) => [String(r['id']), toWorkflowRun(r)]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  /**
   * The tenant's runs matching `filter`, newest first, by keyset pagination on `(created_at, id)`.
   * A `workflowId` or `sessionId` that is not a UUID matches nothing.
   * @throws {@link BadUserInputError} for a bad `first` or `after`.
   */
  async list(
    tenantId: string,
    filter: WorkflowRunFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<WorkflowRunPage> {
    const size = pageSize(first);
    const position = decodeCursor(after);
    const empty: WorkflowRunPage = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    if ((filter?.workflowId && !isUuid(filter.workflowId)) || (filter?.sessionId && !isUuid(filter.sessionId))) return empty;
    if (position && !isUuid(position.id)) return empty;
    const rows = await queryRows(
      this.dataSource.manager,
      `SELECT * FROM orchestration.workflow_runs
       WHERE tenant_id = $1
         AND ($2::uuid IS NULL OR workflow_id = $2::uuid)
         AND ($3::text IS NULL OR status = $3::text)
         AND ($4::uuid IS NULL OR session_id = $4::uuid)
         AND ($5::timestamptz IS NULL OR (created_at, id) < ($5::timestamptz, $6::uuid))
       ORDER BY created_at DESC, id DESC
       LIMIT $7`,
      [tenantId, filter?.workflowId ?? null, filter?.status ?? null, filter?.sessionId ?? null, position?.createdAt ?? null, position?.id ?? null, size + 1],
    );
    const nodes = rows.slice(0, size).map(toWorkflowRun);
    const edges = nodes.map((node) => ({ cursor: encodeCursor({ createdAt: node.createdAt, id: node.id }), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * The newest runs of each workflow (`by = 'workflow_id'`) or session (`by = 'session_id'`), at most `first` each,
   * in one statement (`LATERAL`). Non-UUID parents have none.
   * @returns one list per key, in key order.
   */
  async newestOf(tenantId: string, by: 'workflow_id' | 'session_id', keys: readonly RunsOfParentKey[]): Promise<WorkflowRun[][]> {
    const lists: WorkflowRun[][] = keys.map(() => []);
    const valid = keys.map((k, i) => ({ ...k, i })).filter((k) => isUuid(k.parentId));
    if (valid.length === 0) return lists;
    const column = by === 'workflow_id' ? 'workflow_id' : 'session_id';
    const rows = await queryRows(
      this.dataSource.manager,
      `SELECT r.*, k.idx FROM unnest($2::uuid[], $3::int[], $4::int[]) AS k(parent_id, lim, idx)
       CROSS JOIN LATERAL (
         SELECT * FROM orchestration.workflow_runs
         WHERE tenant_id = $1 AND ${column} = k.parent_id
         ORDER BY created_at DESC, id DESC LIMIT k.lim
       ) r
       ORDER BY k.idx, r.created_at DESC, r.id DESC`,
      [tenantId, valid.map((k) => k.parentId), valid.map((k) => k.first), valid.map((k) => k.i)],
    );
    for (const row of rows) lists[Number(row['idx'])]?.push(toWorkflowRun(row));
    return lists;
  }

  /**
   * The top-level step runs of each run (not the items of `map` steps, see {@link itemsOf}), in definition order, in
   * one statement.
   * @returns one list per run id, in order.
   */
  async stepsOf(tenantId: string, runIds: readonly string[], executor: SqlExecutor = this.dataSource.manager): Promise<StepRun[][]> {
    return this.stepRunsOf(tenantId, runIds, false, executor);
  }

  /**
   * Every step run of each run, the items of `map` steps included (after their map step, in item order), in one
   * statement.
   * @returns one list per run id, in order.
   */
  async allStepsOf(tenantId: string, runIds: readonly string[], executor: SqlExecutor = this.dataSource.manager): Promise<StepRun[][]> {
    return this.stepRunsOf(tenantId, runIds, true, executor);
  }

  /**
   * The items of each `map` step run, in item order, in one statement. Keys with a non-UUID run id have none.
   * @returns one list per key, in key order.
   */
  async itemsOf(tenantId: string, keys: readonly MapItemsKey[]): Promise<StepRun[][]> {
    const valid = keys.filter((k) => isUuid(k.runId));
    const rows = valid.length
      ? await queryRows(
          this.dataSource.manager,
          `SELECT * FROM orchestration.step_runs
           WHERE tenant_id = $1 AND (run_id, parent_step_id) IN (SELECT * FROM unnest($2::uuid[], $3::text[]))
           ORDER BY run_id, parent_step_id, item_index`,
          [tenantId, valid.map((k) => k.runId), valid.map((k) => k.parentStepId)],
        )
      : [];
    const groups = groupBy(rows.map(toStepRun), (step) => `${step.runId}|${step.parentStepId ?? ''}`);
    return keys.map((k) => groups.get(`${k.runId.toLowerCase()}|${k.parentStepId}`) ?? []);
  }

  /**
   * The attempts of each step run, oldest first, in one statement. Non-UUIDs have none.
   * @returns one list per step run id, in order.
   */
  async attemptsOf(tenantId: string, stepRunIds: readonly string[]): Promise<StepAttempt[][]> {
    const valid = stepRunIds.filter(isUuid);
    const rows = valid.length
      ? await queryRows(
          this.dataSource.manager,
          `SELECT * FROM orchestration.step_attempts WHERE tenant_id = $1 AND step_run_id = ANY($2::uuid[]) ORDER BY step_run_id, attempt`,
          [tenantId, valid],
        )
      : [];
    const groups = groupBy(rows.map(toStepAttempt), (attempt) => attempt.stepRunId);
    return stepRunIds.map((id) => groups.get(id.toLowerCase()) ?? []);
  }

  private async stepRunsOf(tenantId: string, runIds: readonly string[], withItems: boolean, executor: SqlExecutor): Promise<StepRun[][]> {
    const valid = runIds.filter(isUuid);
    const rows = valid.length
      ? await queryRows(
          executor,
          `SELECT * FROM orchestration.step_runs
           WHERE tenant_id = $1 AND run_id = ANY($2::uuid[]) AND ($3::boolean OR parent_step_id IS NULL)
           ORDER BY run_id, position, item_index NULLS FIRST`,
          [tenantId, valid, withItems],
        )
      : [];
    const groups = groupBy(rows.map(toStepRun), (step) => step.runId);
    return runIds.map((id) => groups.get(id.toLowerCase()) ?? []);
  }
}

/** `values` grouped by `keyOf`, each group in the order of `values`. */
function groupBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    const list = groups.get(key);
    if (list) list.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}
