/** One step of one run, ready to execute (or to re-check: a job whose step is no longer QUEUED is dropped). */
export interface StepJob {
  readonly tenantId: string;
  readonly runId: string;
  readonly stepId: string;
  /** Higher first. The run's priority. */
  readonly priority: number;
}

/** Executes one job; never throws (errors are the handler's to record). */
export type StepJobHandler = (job: StepJob) => Promise<void>;

/**
 * The queue between the engine (which enqueues ready steps) and the workers (which execute them). The in-process
 * implementation serves one process; the durable BullMQ engine implements the same interface.
 */
export interface StepQueue {
  /** Adds jobs; a job already waiting (same run and step) is not added twice. */
  enqueue(jobs: readonly StepJob[]): Promise<void>;
  /** Starts handing jobs to `handler`, at most the configured concurrency at a time. */
  start(handler: StepJobHandler): void;
  /** Stops taking jobs and waits for the running handlers to return (idempotent). Waiting jobs are dropped. */
  close(): Promise<void>;
}
