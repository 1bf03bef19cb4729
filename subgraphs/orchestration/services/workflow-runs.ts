import type { DataSource } from 'typeorm';
import { WorkflowRunSchema, type WorkflowRun, type WorkflowRunStatus } from '../entities/workflow-run.ts';
import { StepRunSchema, type StepRun } from '../entities/step-run.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../../platform/pagination.ts';
import { isUuid } from '../../../platform/validation.ts';
import { queryRows, rowMapper, type SqlExecutor } from './sql.ts';

/** Mapper of raw `workflow_runs` rows. */
export const toWorkflowRun = rowMapper(WorkflowRunSchema);
/** Mapper of raw `step_runs` rows. */
export const toStepRun = rowMapper(StepRunSchema);

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
  async list(tenantId: string, filter: WorkflowRunFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<WorkflowRunPage> {
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
      [
        tenantId,
        filter?.workflowId ?? null,
        filter?.status ?? null,
        filter?.sessionId ?? null,
        position?.createdAt ?? null,
        position?.id ?? null,
        size + 1,
      ],
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

  /** The step runs of each run, in definition order, in one statement. @returns one list per run id, in order. */
  async stepsOf(tenantId: string, runIds: readonly string[], executor: SqlExecutor = this.dataSource.manager): Promise<StepRun[][]> {
    const valid = runIds.filter(isUuid);
    const rows = valid.length
      ? await queryRows(
          executor,
          `SELECT * FROM orchestration.step_runs WHERE tenant_id = $1 AND run_id = ANY($2::uuid[]) ORDER BY run_id, position`,
          [tenantId, valid],
        )
      : [];
    const groups = new Map<string, StepRun[]>();
    for (const row of rows.map(toStepRun)) {
      const list = groups.get(row.runId);
      if (list) list.push(row);
      else groups.set(row.runId, [row]);
    }
    return runIds.map((id) => groups.get(id.toLowerCase()) ?? []);
  }
}
