import { EntitySchema } from 'typeorm';
import { FINAL_RUN_STATUSES as FINAL_STATUSES } from '../../../platform/events/workflow-event-stream.ts';

/** Lifecycle of a run. `COMPLETED`, `FAILED`, `CANCELLED` and `TIMED_OUT` are final. */
export type WorkflowRunStatus = 'QUEUED' | 'RUNNING' | 'WAITING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT';

/** The final statuses of a run: no transition leaves them (defined with the event stream's contract, for the gateway too). */
export const FINAL_RUN_STATUSES: readonly WorkflowRunStatus[] = FINAL_STATUSES;

/** Whether a run in `status` has finished for good. */
export function isFinalRunStatus(status: WorkflowRunStatus): boolean {
  switch (status) {
    case 'COMPLETED':
    case 'FAILED':
    case 'CANCELLED':
    case 'TIMED_OUT':
      return true;
    case 'QUEUED':
    case 'RUNNING':
    case 'WAITING':
      return false;
    default: {
      const never: never = status;
      throw new Error(`unknown run status ${String(never)}`);
    }
  }
}

/**
 * One execution of a workflow (table `orchestration.workflow_runs`). Also the codegen mapper type of the GraphQL
 * `WorkflowRun`. `createdAt` is stored with millisecond precision so keyset cursors round-trip exactly.
 */
export interface WorkflowRun {
  id: string;
  tenantId: string;
  workflowId: string;
  workflowVersion: number;
  status: WorkflowRunStatus;
  /** The run's input (any JSON, at most 256 KiB encoded), or null. */
  input: unknown;
  /** Outputs of the sink steps by step id, once COMPLETED. */
  output: unknown;
  error: string | null;
  sessionId: string | null;
  /** Higher runs first when steps queue. @defaultValue 0 */
  priority: number;
  idempotencyKey: string | null;
  /** The task queue whose workers execute the run's steps (`config.worker.queue` of the process that started it). */
  queue: string;
  /** Top-level steps not yet done (COMPLETED or SKIPPED); the transition that takes it to 0 finalises the run. */
  pendingSteps: number;
  /** The run's timeout, in ms; null = none. */
  timeoutMs: number | null;
  /** When the run times out (`started_at + timeoutMs`); null = never. */
  deadlineAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** TypeORM schema of {@link WorkflowRun}. */
export const WorkflowRunSchema = new EntitySchema<WorkflowRun>({
  name: 'WorkflowRun',
  tableName: 'workflow_runs',
  schema: 'orchestration',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    workflowId: { name: 'workflow_id', type: 'uuid' },
    workflowVersion: { name: 'workflow_version', type: 'int' },
    status: { type: 'text' },
    input: { type: 'jsonb', nullable: true },
    output: { type: 'jsonb', nullable: true },
    error: { type: 'text', nullable: true },
    sessionId: { name: 'session_id', type: 'uuid', nullable: true },
    priority: { type: 'int' },
    idempotencyKey: { name: 'idempotency_key', type: 'text', nullable: true },
    queue: { type: 'text' },
    pendingSteps: { name: 'pending_steps', type: 'int' },
    timeoutMs: { name: 'timeout_ms', type: 'int', nullable: true },
    deadlineAt: { name: 'deadline_at', type: 'timestamptz', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    startedAt: { name: 'started_at', type: 'timestamptz', nullable: true },
    finishedAt: { name: 'finished_at', type: 'timestamptz', nullable: true },
  },
});
