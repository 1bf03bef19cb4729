import { EntitySchema } from 'typeorm';
import type { WorkflowEventType } from '../../../platform/events/workflow-event-stream.ts';

/** Kinds of state change a run reports (GraphQL `WorkflowEventType`); defined with the event stream's contract. */
export type { WorkflowEventType };

/**
 * A state change of a run (table `orchestration.workflow_events`), written in the same transaction as the change
 * (outbox). `seq` is the insert order (a global identity); `cursor` is the per-tenant, strictly increasing position
 * (a bigint, kept as a decimal string), assigned shortly after commit (`services/event-cursors.ts`) — events read
 * through the services always have one.
 * Also the codegen mapper type of the GraphQL `WorkflowEvent`.
 */
export interface WorkflowEvent {
  seq: string;
  tenantId: string;
  cursor: string;
  runId: string;
  workflowId: string;
  stepId: string | null;
  type: WorkflowEventType;
  payload: unknown;
  at: Date;
}

/** TypeORM schema of {@link WorkflowEvent}. */
export const WorkflowEventSchema = new EntitySchema<WorkflowEvent>({
  name: 'WorkflowEvent',
  tableName: 'workflow_events',
  schema: 'orchestration',
  columns: {
    seq: { type: 'bigint', primary: true, generated: 'increment' },
    tenantId: { name: 'tenant_id', type: 'text' },
    cursor: { type: 'bigint', nullable: true },
    runId: { name: 'run_id', type: 'uuid' },
    workflowId: { name: 'workflow_id', type: 'uuid' },
    stepId: { name: 'step_id', type: 'text', nullable: true },
    type: { type: 'text' },
    payload: { type: 'jsonb', nullable: true },
    at: { type: 'timestamptz' },
  },
});
