import { EntitySchema } from 'typeorm';
import type { StepDefinition } from '../services/step-definition.ts';

/**
 * A workflow (table `orchestration.workflows`): a validated DAG of steps. Also the codegen mapper type of the GraphQL
 * `Workflow`: the row holds the latest version; every version (including the latest) is also in
 * `workflow_versions` (see {@link WorkflowVersionSchema}), which runs read their definition from.
 */
export interface Workflow {
  id: string;
  tenantId: string;
  /** 1–200 characters. */
  name: string;
  /** 1 for a new workflow, +1 at each update. */
  version: number;
  /** The validated, normalised step definitions, in definition order. */
  steps: StepDefinition[];
  /** Default run timeout of this version, in ms; null = none. */
  timeoutMs: number | null;
  createdAt: Date;
  /** When this version was written. */
  updatedAt: Date;
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
    timeoutMs: { name: 'timeout_ms', type: 'int', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});

/** One version of a workflow (table `orchestration.workflow_versions`); never changes once written. */
export interface WorkflowVersion {
  tenantId: string;
  workflowId: string;
  version: number;
  name: string;
  steps: StepDefinition[];
  timeoutMs: number | null;
  createdAt: Date;
}

/** TypeORM schema of {@link WorkflowVersion}. */
export const WorkflowVersionSchema = new EntitySchema<WorkflowVersion>({
  name: 'WorkflowVersion',
  tableName: 'workflow_versions',
  schema: 'orchestration',
  columns: {
    tenantId: { name: 'tenant_id', type: 'text', primary: true },
    workflowId: { name: 'workflow_id', type: 'uuid', primary: true },
    version: { type: 'int', primary: true },
    name: { type: 'text' },
    steps: { type: 'jsonb' },
    timeoutMs: { name: 'timeout_ms', type: 'int', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
});
