import { jobIdOf, type EngineJob, type EngineJobHandler, type QueuedJob, type StepQueue } from './step-queue.ts';
import { queuePriority } from './queue-priority.ts';

/** Options of {@link createInProcessStepQueue}. */
export interface InProcessStepQueueOptions {
  /** Jobs handled at once (`config.worker.concurrency`). */
  readonly concurrency: number;
  /** Called when a handler throws despite its contract (the job is dropped). */
  readonly onError?: (error: unknown, job: EngineJob) => void;
}

interface Entry {
  readonly id: string;
  readonly job: EngineJob;
  readonly priority: number;
  readonly seq: number;
}

/**
 * A {@link StepQueue} in memory, for embedded mode (no Redis): the same order as the BullMQ queue (run priority, then
 * tenant fairness, then first in, first out — see `queue-priority.ts`), delays by timers, at most `concurrency`
 * handlers at a time. Jobs live only in this process: when it stops they are lost, and the sweeper re-enqueues
 * their steps from Postgres when a worker starts again.
 */
export function createInProcessStepQueue(options: InProcessStepQueueOptions): StepQueue {
  const waiting: Entry[] = [];
  const queuedIds = new Set<string>();
  const delayed = new Map<string, NodeJS.Timeout>();
  const tenantQueued = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let handler: EngineJobHandler | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  let seq = 0;

  const pump = (): void => {
    while (handler && !closed && running.size < options.concurrency && waiting.length > 0) {
      const entry = waiting.shift() as Entry;
      queuedIds.delete(entry.id);
      if (entry.job.type === 'step') tenantQueued.set(entry.job.tenantId, Math.max(0, (tenantQueued.get(entry.job.tenantId) ?? 1) - 1));
      const task: Promise<void> = handler(entry.job)
        .catch((error: unknown) => options.onError?.(error, entry.job))
        .finally(() => {
          running.delete(task);
          pump();
        });
      running.add(task);
    }
  };

  const insert = (id: string, job: EngineJob): void => {
    let priority = 1;
    if (job.type === 'step') {
      const ahead = tenantQueued.get(job.tenantId) ?? 0;
      tenantQueued.set(job.tenantId, ahead + 1);
      priority = queuePriority(job.priority, ahead);
    }
    const entry: Entry = { id, job, priority, seq: seq++ };
    const at = waiting.findIndex((e) => e.priority > priority);
    if (at === -1) waiting.push(entry);
    else waiting.splice(at, 0, entry);
  };

  const add = (jobs: readonly QueuedJob[]): void => {
    if (closed) return;
    for (const { job, delayMs = 0 } of jobs) {
      const id = jobIdOf(job);
      if (queuedIds.has(id) || delayed.has(id)) continue;
      if (delayMs > 0) {
        const timer = setTimeout(() => {
          delayed.delete(id);
          if (closed) return;
          queuedIds.add(id);
          insert(id, job);
          pump();
        }, delayMs);
        timer.unref();
        delayed.set(id, timer);
        continue;
      }
      queuedIds.add(id);
      insert(id, job);
    }
    pump();
  };

  return {
    enqueue: async (jobs) => add(jobs),
    enqueueMissing: async (jobs) => add(jobs),
    async start(next) {
      handler = next;
      pump();
    },
    close() {
      closed = true;
      waiting.length = 0;
      queuedIds.clear();
      for (const timer of delayed.values()) clearTimeout(timer);
      delayed.clear();
      return (closing ??= Promise.all([...running]).then(() => undefined));
    },
  };
}
