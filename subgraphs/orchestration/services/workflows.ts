import type { DataSource } from 'typeorm';
import { LRUCache } from 'lru-cache';
import { WorkflowSchema, type Workflow } from '../entities/workflow.ts';
import { assertLength, isUuid } from '../../../platform/validation.ts';
import type { StepInput } from './step-definition.ts';
import { validateWorkflowDefinition } from './workflow-definition.ts';
import { queryRows, rowMapper, type SqlExecutor } from './sql.ts';

/** Longest workflow name, in characters. */
export const MAX_WORKFLOW_NAME_LENGTH = 200;
/** Workflow versions whose definitions the engine keeps in memory (definitions never change once written). */
const DEFINITION_CACHE_SIZE = 1_000;

/** GraphQL `CreateWorkflowInput`. */
export interface CreateWorkflowInput {
  readonly name: string;
  readonly steps: readonly StepInput[];
}

const toWorkflow = rowMapper(WorkflowSchema);

/** Creates and reads workflows of a tenant. */
export class WorkflowService {
  private readonly cache = new LRUCache<string, Workflow>({ max: DEFINITION_CACHE_SIZE });

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Validates the definition (see `validateWorkflowDefinition`) and stores it as version 1. Nothing is written when
   * validation fails.
   * @throws {@link BadUserInputError} naming the offending field.
   */
  async create(tenantId: string, input: CreateWorkflowInput): Promise<Workflow> {
    assertLength('input.name', input.name, MAX_WORKFLOW_NAME_LENGTH, 1);
    const steps = validateWorkflowDefinition(input.steps);
    const [row] = await queryRows(
      this.dataSource.manager,
      `INSERT INTO orchestration.workflows (tenant_id, name, version, steps) VALUES ($1, $2, 1, $3::jsonb) RETURNING *`,
      [tenantId, input.name, JSON.stringify(steps)],
    );
    return toWorkflow(row ?? {});
  }

  /** The tenant's workflows with the given ids (non-UUIDs name none), in one statement; `null` where absent. */
  async byIds(tenantId: string, ids: readonly string[], executor: SqlExecutor = this.dataSource.manager): Promise<(Workflow | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await queryRows(executor, `SELECT * FROM orchestration.workflows WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, valid])
      : [];
    const byId = new Map(rows.map((r) => [String(r['id']), toWorkflow(r)]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  /**
   * The definition a run executes (workflow `id` at `version`), from memory when seen before.
   * @throws Error when it does not exist (runs reference existing workflows).
   */
  async definition(tenantId: string, id: string, version: number): Promise<Workflow> {
    const key = `${tenantId}|${id}|${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const [workflow] = await this.byIds(tenantId, [id]);
    if (!workflow || workflow.version !== version) throw new Error(`workflow ${id} version ${version} not found`);
    this.cache.set(key, workflow);
    return workflow;
  }
}
