import { EntitySchema } from 'typeorm';
import type { StepDefinition } from '../services/step-definition.ts';

/**
 * A workflow (table `orchestration.workflows`): a validated DAG of steps. Also the codegen mapper type of the GraphQL
 * `Workflow`. `createWorkflow` writes version 1; `version` is kept for the versioning a later issue adds.
 */
export interface Workflow {
  id: string;
  tenantId: string;
  /** 1–200 characters. */
  name: string;
  /** 1 for a new workflow. */
  version: number;
  /** The validated, normalised step definitions, in definition order. */
  steps: StepDefinition[];
  createdAt: Date;
}

/** TypeORM schema of {@link Workflow}. */
export const WorkflowSchema = new EntitySchema<Workflow>({
  name: 'Workflow',
  tableName: 'workflows',
  schema: 'orchestration',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    name: { type: 'text' },
    version: { type: 'int' },
    steps: { type: 'jsonb' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
});
