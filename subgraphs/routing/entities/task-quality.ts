import { EntitySchema } from 'typeorm';

/**
 * What recorded outcomes taught about one model for one task type of a tenant (table `routing.task_quality`): the
 * sum of their quality scores (each in [0, 1]) and their count. With the configured quality as prior, these make the
 * Beta posterior the router samples (services/quality-bandit.ts). `taskType` is `''` for requests without one.
 */
export interface TaskQuality {
  tenantId: string;
  taskType: string;
  modelId: string;
  qualitySum: number;
  outcomeCount: number;
  updatedAt: Date;
}

/** TypeORM schema of {@link TaskQuality}. */
export const TaskQualitySchema = new EntitySchema<TaskQuality>({
  name: 'TaskQuality',
  tableName: 'task_quality',
  schema: 'routing',
  columns: {
    tenantId: { name: 'tenant_id', type: 'text', primary: true },
    taskType: { name: 'task_type', type: 'text', primary: true },
    modelId: { name: 'model_id', type: 'uuid', primary: true },
    qualitySum: { name: 'quality_sum', type: 'double precision' },
    outcomeCount: { name: 'outcome_count', type: 'int' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
