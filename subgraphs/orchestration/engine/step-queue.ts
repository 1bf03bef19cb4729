/**
 * A job of the engine's queue. Jobs carry ids only: the state they act on is read from Postgres when they run, and a
 * job whose state moved on (step claimed meanwhile, run finished) does nothing.
 * - `step`: execute (claim) one step run; `attempt` is the attempt the job is for (the step's attempts so far + 1),
 *   so a re-enqueued copy of the same job is de-duplicated and a retry is a new job;
 * - `run-deadline`: the run's timeout fires;
 * - `wait-timeout`: a `wait` step's timeout fires.
 */
export type EngineJob =
  | {
      readonly type: 'step';
      readonly tenantId: string;
      readonly runId: string;
      readonly stepRunId: string;
      /** The step's id in the workflow (`<map>[<index>]` for an item of a `map` step). */
      readonly stepId: string;
      readonly workflowId: string;
      readonly workflowVersion: number;
      /** The run's priority (-1000..1000, higher first). */
      readonly priority: number;
      readonly attempt: number;
      /**
       * W3C Trace Context of the span that made the step ready (`traceparent`, `tracestate`: the `startWorkflowRun`
       * request's, or the previous step attempt's), so the attempt's span joins that trace; absent with tracing off.
       */
      readonly trace?: Readonly<Record<string, string>>;
    }
  | { readonly type: 'run-deadline'; readonly tenantId: string; readonly runId: string }
  | {
      readonly type: 'wait-timeout';
      readonly tenantId: string;
      readonly runId: string;
      readonly workflowId: string;
      readonly stepRunId: string;
      readonly stepId: string;
      readonly attempt: number;
    };

/** A job to enqueue, optionally delayed. */
export interface QueuedJob {
  readonly job: EngineJob;
  /** Delay before the job may run, in ms. @defaultValue 0 */
  readonly delayMs?: number;
}

/** Executes one job; never throws (errors are the handler's to record). */
export type EngineJobHandler = (job: EngineJob) => Promise<void>;

/** The id of a job: equal for copies of one job, so that a queue keeps one of them. */
export function jobIdOf(job: EngineJob): string {
  switch (job.type) {
    case 'step':
      return `s.${job.stepRunId}.${job.attempt}`;
    case 'run-deadline':
      return `d.${job.runId}`;
    case 'wait-timeout':
      return `w.${job.stepRunId}.${job.attempt}`;
    default: {
      const never: never = job;
      throw new Error(`unknown job ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The queue between the engine (which enqueues ready steps and timers) and the workers (which execute them):
 * BullMQ on Redis (`bullmq-step-queue.ts`) or in process (`in-process-step-queue.ts`, embedded mode). Both order
 * jobs by run priority, then fairly across tenants (`queue-priority.ts`), then first in, first out.
 */
export interface StepQueue {
  /** Adds jobs; a job already queued (same {@link jobIdOf}) is not added twice. */
  enqueue(jobs: readonly QueuedJob[]): Promise<void>;
  /**
   * Adds the jobs that are not queued already — for the sweeper, which re-enqueues steps whose job may have been
   * lost; unlike {@link enqueue} it does not count an existing job again for fairness.
   */
  enqueueMissing(jobs: readonly QueuedJob[]): Promise<void>;
  /** Starts handing jobs to `handler` (this process then works as a worker). */
  start(handler: EngineJobHandler): Promise<void>;
  /** Stops taking jobs and waits for the running handlers to return (idempotent). Queued jobs stay queued (BullMQ) or are dropped (in process; recovered from Postgres). */
  close(): Promise<void>;
}
