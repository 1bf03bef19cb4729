import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from '../../../platform/redis/redis-client.ts';
import { queuePriority } from './queue-priority.ts';
import { jobIdOf, type EngineJob, type EngineJobHandler, type QueuedJob, type StepQueue } from './step-queue.ts';

/** Options of {@link createBullmqStepQueue}. */
export interface BullmqStepQueueOptions {
  /** A connected client; BullMQ duplicates it for its own connections (the worker's blocking one). */
  readonly redis: Redis;
  /** `config.redis.keyPrefix`; BullMQ's keys live under `<keyPrefix>bull:steps-<queue>:`. */
  readonly keyPrefix: string;
  /** The task queue (`config.worker.queue`). */
  readonly queue: string;
  /** Jobs this process handles at once (`config.worker.concurrency`). */
  readonly concurrency: number;
  /**
   * Jobs all workers of the queue handle at once (`config.worker.globalConcurrency`), set on the queue when this
   * worker starts; undefined leaves the queue's current setting (none by default).
   */
  readonly globalConcurrency: number | undefined;
  /**
   * Lock of an active job, in ms (`config.worker.leaseMs`), renewed by BullMQ at half of it. A job whose worker died
   * is found stalled after at most twice this and handed to another worker.
   */
  readonly lockDurationMs: number;
  /** Called when a handler throws despite its contract. */
  readonly onError?: (error: unknown, job: EngineJob) => void;
}

/** Redis hash of the number of each tenant's queued step jobs (the fairness offset of `queue-priority.ts`). */
const FAIRNESS_KEY = 'fairness';

const JOB_OPTIONS: JobsOptions = { removeOnComplete: true, removeOnFail: true, attempts: 1 };

/**
 * The {@link StepQueue} on BullMQ: one BullMQ queue per task queue, shared by every worker process; jobs carry ids
 * only. Order: BullMQ priority from `queuePriority(run priority, tenant's queued jobs)`, so run priority first and
 * tenants served round-robin. Delays are BullMQ delayed jobs. A worker that dies leaves its jobs locked until the
 * lock expires; BullMQ's stalled-job check then re-queues them (`maxStalledCount` is high: our claim in Postgres, not
 * BullMQ, decides whether a step runs again). Per-process concurrency is BullMQ's `concurrency`; the global limit is
 * BullMQ's queue-wide `setGlobalConcurrency`.
 */
export function createBullmqStepQueue(options: BullmqStepQueueOptions): StepQueue {
  const name = `steps-${options.queue}`;
  const prefix = `${options.keyPrefix}bull`;
  const connection = options.redis.duplicate({ maxRetriesPerRequest: null, enableAutoPipelining: false, keyPrefix: '' });
  const queue = new Queue(name, { connection, prefix, defaultJobOptions: JOB_OPTIONS });
  const fairnessKey = `${prefix}:${name}:${FAIRNESS_KEY}`;
  let worker: Worker | undefined;
  let closing: Promise<void> | undefined;

  const add = async (jobs: readonly QueuedJob[]): Promise<void> => {
    if (jobs.length === 0) return;
    const stepTenants = [...new Set(jobs.filter((q) => q.job.type === 'step' && !q.delayMs).map((q) => q.job.tenantId))];
    const queued = new Map<string, number>();
    if (stepTenants.length > 0) {
      // Reserve each tenant's slots in one round trip: HINCRBY returns the count after the increment.
      const counts = new Map<string, number>();
      for (const q of jobs) if (q.job.type === 'step' && !q.delayMs) counts.set(q.job.tenantId, (counts.get(q.job.tenantId) ?? 0) + 1);
      const pipeline = connection.pipeline();
      for (const tenant of stepTenants) pipeline.hincrby(fairnessKey, tenant, counts.get(tenant) ?? 0);
      const results = (await pipeline.exec()) ?? [];
      stepTenants.forEach((tenant, i) => queued.set(tenant, Number(results[i]?.[1] ?? 0) - (counts.get(tenant) ?? 0)));
    }
    await queue.addBulk(
      jobs.map(({ job, delayMs = 0 }) => {
        let priority = 1;
        if (job.type === 'step') {
          const ahead = delayMs > 0 ? 0 : (queued.get(job.tenantId) ?? 0);
          if (delayMs === 0) queued.set(job.tenantId, ahead + 1);
          priority = queuePriority(job.priority, ahead);
        }
        return { name: job.type, data: job, opts: { jobId: jobIdOf(job), priority, ...(delayMs > 0 ? { delay: delayMs } : {}) } };
      }),
    );
  };

  return {
    enqueue: add,
    async enqueueMissing(jobs) {
      if (jobs.length === 0) return;
      const pipeline = connection.pipeline();
      for (const { job } of jobs) pipeline.exists(`${prefix}:${name}:${jobIdOf(job)}`);
      const results = (await pipeline.exec()) ?? [];
      await add(jobs.filter((_, i) => Number(results[i]?.[1] ?? 0) === 0));
    },
    async start(handler: EngineJobHandler) {
      // A queue-wide setting: a worker started without it leaves the limit other workers set in place.
      if (options.globalConcurrency !== undefined) await queue.setGlobalConcurrency(options.globalConcurrency);
      worker = new Worker(
        name,
        async (job: Job<EngineJob>) => {
          const data = job.data;
          if (data.type === 'step' && job.attemptsStarted <= 1 && !job.opts.delay) {
            void connection.hincrby(fairnessKey, data.tenantId, -1).catch(() => undefined);
          }
          try {
            await handler(data);
          } catch (error) {
            options.onError?.(error, data);
          }
        },
        {
          connection,
          prefix,
          concurrency: options.concurrency,
          lockDuration: options.lockDurationMs,
          stalledInterval: options.lockDurationMs,
          maxStalledCount: 1_000,
          autorun: false,
        },
      );
      worker.on('error', () => undefined);
      // The fairness counters can drift (a duplicate add that BullMQ ignored, a crash between count and add); they
      // are only an ordering hint, and start from zero again whenever the queue drains.
      worker.on('drained', () => void connection.del(fairnessKey).catch(() => undefined));
      void worker.run();
      await worker.waitUntilReady();
    },
    close: () =>
      (closing ??= (async () => {
        await worker?.close();
        await queue.close();
        connection.disconnect();
      })()),
  };
}
