import type { DataSource, EntityManager } from 'typeorm';
import { isUuid } from '../../../platform/validation.ts';
import type { QualityEvidence } from './quality-bandit.ts';

/**
 * The router's evidence per (tenant, task type, model), table `routing.task_quality` (entities/task-quality.ts): the
 * sum of recorded quality scores and their count. Task types are keys as `taskTypeKey` (quality-bandit.ts) makes them (`''` for
 * requests without one).
 */
export class TaskQualityStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The tenant's evidence for `taskType` of the models `modelIds`, by model id (models without any are absent); one statement. */
  async evidence(tenantId: string, taskType: string, modelIds: readonly string[]): Promise<Map<string, QualityEvidence>> {
    const ids = modelIds.filter(isUuid);
    if (ids.length === 0) return new Map();
    const rows: { model_id: string; quality_sum: number; outcome_count: number }[] = await this.dataSource.query(
      `SELECT model_id, quality_sum, outcome_count FROM routing.task_quality
       WHERE tenant_id = $1 AND task_type = $2 AND model_id = ANY($3::uuid[])`,
      [tenantId, taskType, ids],
    );
    return new Map(rows.map((r) => [r.model_id, { qualitySum: Number(r.quality_sum), outcomeCount: Number(r.outcome_count) }]));
  }

  /**
   * Adds one outcome of quality `quality` (in [0, 1]) to the evidence of (tenant, task type, model), atomically (one
   * `INSERT … ON CONFLICT DO UPDATE`), within the caller's transaction `manager`.
   */
  async record(manager: EntityManager, tenantId: string, taskType: string, modelId: string, quality: number): Promise<void> {
    await manager.query(
      `INSERT INTO routing.task_quality (tenant_id, task_type, model_id, quality_sum, outcome_count)
       VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (tenant_id, task_type, model_id) DO UPDATE
         SET quality_sum = task_quality.quality_sum + EXCLUDED.quality_sum,
             outcome_count = task_quality.outcome_count + 1, updated_at = now()`,
      [tenantId, taskType, modelId, quality],
    );
  }
}
