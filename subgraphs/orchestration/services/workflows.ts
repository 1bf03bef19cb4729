import type { DataSource, EntityManager } from 'typeorm';
import { LRUCache } from 'lru-cache';
import { WorkflowSchema, WorkflowVersionSchema, type Workflow, type WorkflowVersion } from '../entities/workflow.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { assertIntRange, assertLength, isUuid } from '../../../platform/validation.ts';
import { withStoredDefaults, type StepDefinition, type StepInput } from './step-definition.ts';
import { validateWorkflowDefinition } from './workflow-definition.ts';
import { queryRows, rowMapper, type SqlExecutor } from './sql.ts';

/** Longest workflow name, in characters. */
export const MAX_WORKFLOW_NAME_LENGTH = 200;
/** Longest run timeout (a workflow's `timeoutMs`, a run's `timeoutMs`), in ms: 7 days. */
export const MAX_RUN_TIMEOUT_MS = 604_800_000;
/** Workflow versions whose definitions the engine keeps in memory (definitions never change once written). */
const DEFINITION_CACHE_SIZE = 1_000;

/** GraphQL `CreateWorkflowInput` (also the input of `updateWorkflow`). */
export interface CreateWorkflowInput {
  readonly name: string;
  readonly steps: readonly StepInput[];
  /** Default run timeout, in ms (1 to {@link MAX_RUN_TIMEOUT_MS}); absent or null = none. */
  readonly timeoutMs?: number | null | undefined;
}

/** A validated definition, ready to be written. */
interface ValidDefinition {
  readonly name: string;
  readonly steps: StepDefinition[];
  readonly timeoutMs: number | null;
}

const workflowRow = rowMapper(WorkflowSchema);
const versionRow = rowMapper(WorkflowVersionSchema);
const toWorkflow = (row: Record<string, unknown>): Workflow => {
  const workflow = workflowRow(row);
  return { ...workflow, steps: workflow.steps.map(withStoredDefaults) };
};
const toWorkflowVersion = (row: Record<string, unknown>): WorkflowVersion => {
  const version = versionRow(row);
  return { ...version, steps: version.steps.map(withStoredDefaults) };
};

/**
 * Creates, changes and reads workflows of a tenant. Every write stores a new version: the `workflows` row holds the
 * latest, `workflow_versions` every version (including the latest), written in the same transaction.
 */
export class WorkflowService {
  private readonly cache = new LRUCache<string, Workflow>({ max: DEFINITION_CACHE_SIZE });

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Validates the definition (see `validateWorkflowDefinition`) and stores it as version 1. Nothing is written when
   * validation fails.
   * @throws {@link BadUserInputError} naming the offending field.
   */
  async create(tenantId: string, input: CreateWorkflowInput): Promise<Workflow> {
    const definition = validate(input);
    return this.dataSource.transaction(async (manager) => {
      const [row] = await queryRows(
        manager,
        `INSERT INTO orchestration.workflows (tenant_id, name, version, steps, timeout_ms) VALUES ($1, $2, 1, $3::jsonb, $4) RETURNING *`,
        [tenantId, definition.name, JSON.stringify(definition.steps), definition.timeoutMs],
      );
      const workflow = toWorkflow(row ?? {});
      await insertVersion(manager, workflow);
      return workflow;
    });
  }

  /**
   * Validates the new definition like {@link create} and stores it as the next version (the workflow row is locked,
   * so concurrent updates get consecutive versions). Runs keep the version they started with. Nothing is written
   * when validation fails.
   * @throws {@link BadUserInputError} naming the offending field.
   * @throws {@link NotFoundError} when the tenant has no workflow `id` (non-UUIDs name none).
   */
  async update(tenantId: string, id: string, input: CreateWorkflowInput): Promise<Workflow> {
    const definition = validate(input);
    const notFound = (): NotFoundError => new NotFoundError(`Workflow "${id}" not found`, { id });
    if (!isUuid(id)) throw notFound();
    return this.dataSource.transaction(async (manager) => {
      const [locked] = await queryRows(manager, `SELECT version FROM orchestration.workflows WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      if (!locked) throw notFound();
      const [row] = await queryRows(
        manager,
        `UPDATE orchestration.workflows SET name = $3, steps = $4::jsonb, timeout_ms = $5, version = version + 1, updated_at = now()
         WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [tenantId, id, definition.name, JSON.stringify(definition.steps), definition.timeoutMs],
      );
      const workflow = toWorkflow(row ?? {});
      await insertVersion(manager, workflow);
      return workflow;
    });
  }

  /** The tenant's workflows (latest versions) with the given ids (non-UUIDs name none), in one statement; `null` where absent. */
  async byIds(tenantId: string, ids: readonly string[], executor: SqlExecutor = this.dataSource.manager): Promise<(Workflow | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await queryRows(executor, `SELECT * FROM orchestration.workflows WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, valid])
      : [];
    const byId = new Map(rows.map((r) => [String(r['id']), toWorkflow(r)]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  /**
   * Version `version` of the tenant's workflow `id` (GraphQL `workflow(id, version)`), shaped as a {@link Workflow}
   * (see {@link definition}); `null` when either does not exist (non-UUIDs name none).
   */
  async byVersion(tenantId: string, id: string, version: number): Promise<Workflow | null> {
    if (!isUuid(id) || !Number.isInteger(version)) return null;
    const key = cacheKey(tenantId, id, version);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const [row] = await queryRows(
      this.dataSource.manager,
      `SELECT v.*, w.created_at AS workflow_created_at FROM orchestration.workflow_versions v
       JOIN orchestration.workflows w ON w.tenant_id = v.tenant_id AND w.id = v.workflow_id
       WHERE v.tenant_id = $1 AND v.workflow_id = $2 AND v.version = $3`,
      [tenantId, id, version],
    );
    if (!row) return null;
    const workflow = versionAsWorkflow(toWorkflowVersion(row), row['workflow_created_at'] as Date);
    this.cache.set(key, workflow);
    return workflow;
  }

  /**
   * The definition a run executes (workflow `id` at `version`), from memory when seen before (versions never change).
   * `createdAt` is the workflow's creation, `updatedAt` when this version was written.
   * @throws Error when it does not exist (runs reference existing versions).
   */
  async definition(tenantId: string, id: string, version: number): Promise<Workflow> {
    const workflow = await this.byVersion(tenantId, id, version);
    if (!workflow) throw new Error(`workflow ${id} version ${version} not found`);
    return workflow;
  }
}

/**
 * Checks a `CreateWorkflowInput`: name length, steps (see `validateWorkflowDefinition`), timeout bounds.
 * @throws {@link BadUserInputError} naming the offending field.
 */
function validate(input: CreateWorkflowInput): ValidDefinition {
  assertLength('input.name', input.name, MAX_WORKFLOW_NAME_LENGTH, 1);
  const steps = validateWorkflowDefinition(input.steps);
  const timeoutMs = input.timeoutMs ?? null;
  if (timeoutMs !== null) assertIntRange('input.timeoutMs', timeoutMs, 1, MAX_RUN_TIMEOUT_MS);
  return { name: input.name, steps, timeoutMs };
}

/** Writes the `workflow_versions` row of `workflow`'s current version (created when the workflow row was written). */
async function insertVersion(manager: EntityManager, workflow: Workflow): Promise<void> {
  await queryRows(
    manager,
    `INSERT INTO orchestration.workflow_versions (tenant_id, workflow_id, version, name, steps, timeout_ms, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
    [workflow.tenantId, workflow.id, workflow.version, workflow.name, JSON.stringify(workflow.steps), workflow.timeoutMs, workflow.updatedAt],
  );
}

/** A stored version in the shape of the GraphQL `Workflow`. */
function versionAsWorkflow(version: WorkflowVersion, workflowCreatedAt: Date): Workflow {
  return {
    id: version.workflowId,
    tenantId: version.tenantId,
    name: version.name,
    version: version.version,
    steps: version.steps,
    timeoutMs: version.timeoutMs,
    createdAt: workflowCreatedAt,
    updatedAt: version.createdAt,
  };
}

function cacheKey(tenantId: string, id: string, version: number): string {
  return `${tenantId}|${id.toLowerCase()}|${version}`;
}
