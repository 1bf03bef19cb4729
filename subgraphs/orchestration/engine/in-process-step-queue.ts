import type { StepJob, StepJobHandler, StepQueue } from './step-queue.ts';

/** Options of {@link createInProcessStepQueue}. */
export interface InProcessStepQueueOptions {
  /** Jobs handled at once (`config.worker.concurrency`). */
  readonly concurrency: number;
  /** Called when a handler throws despite its contract (the job is dropped). */
  readonly onError?: (error: unknown, job: StepJob) => void;
}

/**
 * A {@link StepQueue} in memory: highest priority first, then first in, first out; at most `concurrency` handlers
 * at a time. Jobs are lost when the process stops — the worker's recovery re-enqueues them from Postgres.
 */
export function createInProcessStepQueue(options: InProcessStepQueueOptions): StepQueue {
  const waiting: StepJob[] = [];
  const waitingKeys = new Set<string>();
  const running = new Set<Promise<void>>();
  let handler: StepJobHandler | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  const keyOf = (job: StepJob): string => `${job.tenantId}|${job.runId}|${job.stepId}`;

  const pump = (): void => {
    while (handler && !closed && running.size < options.concurrency && waiting.length > 0) {
      const job = waiting.shift() as StepJob;
      waitingKeys.delete(keyOf(job));
      const task: Promise<void> = handler(job)
        .catch((error: unknown) => options.onError?.(error, job))
        .finally(() => {
          running.delete(task);
          pump();
        });
      running.add(task);
    }
  };

  return {
    async enqueue(jobs) {
      if (closed) return;
      for (const job of jobs) {
        const key = keyOf(job);
        if (waitingKeys.has(key)) continue;
        waitingKeys.add(key);
        const at = waiting.findIndex((j) => j.priority < job.priority);
        if (at === -1) waiting.push(job);
        else waiting.splice(at, 0, job);
      }
      pump();
    },
    start(next) {
      handler = next;
      pump();
    },
    close() {
      closed = true;
      waiting.length = 0;
      waitingKeys.clear();
      return (closing ??= Promise.all([...running]).then(() => undefined));
    },
  };
}
