import { EntitySchema } from 'typeorm';

/** Lifecycle of a step run. `COMPLETED`, `FAILED`, `CANCELLED`, `TIMED_OUT` and `SKIPPED` are final. */
export type StepRunStatus = 'QUEUED' | 'RUNNING' | 'WAITING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT' | 'SKIPPED';

/** The statuses a step never leaves. */
export const FINAL_STEP_STATUSES: readonly StepRunStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT', 'SKIPPED'];

/** Whether a step in `status` counts as done for its dependents (it produced an output or was skipped). */
export function satisfiesDependents(status: StepRunStatus): boolean {
  return status === 'COMPLETED' || status === 'SKIPPED';
}

/**
 * The execution of one step of a run (table `orchestration.step_runs`). Also the codegen mapper type of the GraphQL
 * `StepRun`.
 */
export interface StepRun {
  id: string;
  tenantId: string;
  runId: string;
  stepId: string;
  /** Index of the step in the workflow definition (0-based). */
  position: number;
  kind: string;
  status: StepRunStatus;
  /** Attempts made so far; 0 while QUEUED the first time. */
  attempt: number;
  /** The step's resolved config (templates evaluated), once claimed. */
  input: unknown;
  output: unknown;
  error: string | null;
  /** For `llm` steps: id of the routing decision (owned by the routing subgraph). */
  routingDecisionId: string | null;
  /**
   * While RUNNING: until when the claiming worker holds the step. The worker renews it while the attempt runs; a
   * step whose lease expired was left by a dead process and is re-queued by any worker's sweep.
   */
  leaseExpiresAt: Date | null;
  /** Dependencies not yet done (for an item of a `map` step: the earlier item it waits for); 0 = ready. */
  pendingDeps: number;
  /** When the step became ready (its dependencies done); `startedAt - readyAt` is its ready-to-start delay. */
  readyAt: Date | null;
  /** While a retry waits for its backoff: the earliest start of the next attempt. */
  notBefore: Date | null;
  /** While a `wait` step is WAITING with a timeout: when it times out. */
  wakeAt: Date | null;
  /** For an item of a `map` step: the map step's id (the item's `stepId` is `<parent>[<index>]`). */
  parentStepId: string | null;
  /** For an item of a `map` step: its index in the list. */
  itemIndex: number | null;
  /** For a running `map` step: items not yet completed. */
  pendingItems: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** TypeORM schema of {@link StepRun}. */
export const StepRunSchema = new EntitySchema<StepRun>({
  name: 'StepRun',
  tableName: 'step_runs',
  schema: 'orchestration',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    runId: { name: 'run_id', type: 'uuid' },
    stepId: { name: 'step_id', type: 'text' },
    position: { type: 'int' },
    kind: { type: 'text' },
    status: { type: 'text' },
    attempt: { type: 'int' },
    input: { type: 'jsonb', nullable: true },
    output: { type: 'jsonb', nullable: true },
    error: { type: 'text', nullable: true },
    routingDecisionId: { name: 'routing_decision_id', type: 'uuid', nullable: true },
    leaseExpiresAt: { name: 'lease_expires_at', type: 'timestamptz', nullable: true },
    pendingDeps: { name: 'pending_deps', type: 'int' },
    readyAt: { name: 'ready_at', type: 'timestamptz', nullable: true },
    notBefore: { name: 'not_before', type: 'timestamptz', nullable: true },
    wakeAt: { name: 'wake_at', type: 'timestamptz', nullable: true },
    parentStepId: { name: 'parent_step_id', type: 'text', nullable: true },
    itemIndex: { name: 'item_index', type: 'int', nullable: true },
    pendingItems: { name: 'pending_items', type: 'int', nullable: true },
    startedAt: { name: 'started_at', type: 'timestamptz', nullable: true },
    finishedAt: { name: 'finished_at', type: 'timestamptz', nullable: true },
  },
});
