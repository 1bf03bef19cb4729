import { EntitySchema } from 'typeorm';

/**
 * Outcome of one attempt: `RUNNING` while it executes; `LOST` when its worker died (lease expired) and the step was
 * re-queued; `DISCARDED` when it finished after another attempt had taken over, so its result was dropped.
 */
export type StepAttemptStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'TIMED_OUT' | 'CANCELLED' | 'LOST' | 'DISCARDED';

/**
 * One attempt of one step run (table `orchestration.step_attempts`), written by the claim and closed by the
 * transition that records its outcome. Also the codegen mapper type of the GraphQL `StepAttempt`.
 */
export interface StepAttempt {
  tenantId: string;
  stepRunId: string;
  runId: string;
  /** 1 for the first attempt. */
  attempt: number;
  status: StepAttemptStatus;
  error: string | null;
  /** The `StepErrorCode` of a failed attempt. */
  errorCode: string | null;
  /** `config.worker.workerId` of the process that ran it. */
  workerId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** TypeORM schema of {@link StepAttempt}. */
export const StepAttemptSchema = new EntitySchema<StepAttempt>({
  name: 'StepAttempt',
  tableName: 'step_attempts',
  schema: 'orchestration',
  columns: {
    tenantId: { name: 'tenant_id', type: 'text' },
    stepRunId: { name: 'step_run_id', type: 'uuid', primary: true },
    attempt: { type: 'int', primary: true },
    runId: { name: 'run_id', type: 'uuid' },
    status: { type: 'text' },
    error: { type: 'text', nullable: true },
    errorCode: { name: 'error_code', type: 'text', nullable: true },
    workerId: { name: 'worker_id', type: 'text', nullable: true },
    startedAt: { name: 'started_at', type: 'timestamptz' },
    finishedAt: { name: 'finished_at', type: 'timestamptz', nullable: true },
  },
});
