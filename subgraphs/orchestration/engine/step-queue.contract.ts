import { afterEach, describe, expect, it } from 'vitest';
import type { EngineJob, QueuedJob, StepQueue } from './step-queue.ts';

/** How long `expect.poll` waits for a queue to reach a state, in ms (BullMQ needs Redis round trips). */
const POLL_TIMEOUT_MS = 10_000;

/**
 * How long a test lets a queue run before asserting that something did NOT happen (a close that should still be
 * waiting), in ms. Only negative assertions use it; everything else waits for a condition.
 */
const SETTLE_MS = 100;

/** A promise the test opens. */
interface Gate {
  readonly promise: Promise<void>;
  readonly open: () => void;
}

function gate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Fields of a test `step` job that vary between tests. */
interface StepJobOptions {
  /** @defaultValue `'tenant-a'` */
  readonly tenantId?: string;
  /** Run priority. @defaultValue 0 */
  readonly priority?: number;
  /** @defaultValue 1 */
  readonly attempt?: number;
}

/** A `step` job whose step run and step are both named `name` (its label in the logs below). */
function stepJob(name: string, options: StepJobOptions = {}): EngineJob {
  return {
    type: 'step',
    tenantId: options.tenantId ?? 'tenant-a',
    runId: 'run-1',
    stepRunId: name,
    stepId: name,
    workflowId: 'workflow-1',
    workflowVersion: 1,
    priority: options.priority ?? 0,
    attempt: options.attempt ?? 1,
  };
}

/** A job as the logs show it: a step by name (`name#n` for attempt n > 1), a timer job by type and run. */
function labelOf(job: EngineJob): string {
  if (job.type === 'step') return job.attempt === 1 ? job.stepId : `${job.stepId}#${job.attempt}`;
  return `${job.type}:${job.runId}`;
}

/** What a started queue's handler saw. */
interface Recording {
  /** Labels of the jobs handed to the handler, in order. */
  readonly started: string[];
  /** Labels of the jobs whose handler returned, in order. */
  readonly finished: string[];
  /** Start times (`performance.now()`, ms) by label. */
  readonly startedAt: Map<string, number>;
  /** The most handlers running at once so far. */
  readonly peak: () => number;
  /** Makes the handler of `label` wait until {@link release} (call before the job starts). */
  readonly hold: (label: string) => void;
  readonly release: (label: string) => void;
}

/**
 * The behaviour every {@link StepQueue} adapter must have; run it against each. `createQueue(concurrency)` returns a
 * fresh, empty queue (its own Redis keys for BullMQ). Each test's queues are closed in this suite's `afterEach`, after
 * the handlers it holds are released — before any `afterEach` of an enclosing `describe`, which may then delete what
 * the queues left behind.
 */
export function describeStepQueueContract(name: string, createQueue: (concurrency: number) => StepQueue): void {
  describe(`StepQueue contract: ${name}`, () => {
    const queues: StepQueue[] = [];
    const gates: Gate[] = [];

    afterEach(async () => {
      for (const held of gates.splice(0)) held.open();
      await Promise.all(queues.splice(0).map((queue) => queue.close()));
    });

    const newQueue = (concurrency: number): StepQueue => {
      const queue = createQueue(concurrency);
      queues.push(queue);
      return queue;
    };

    /** Starts `queue` with a handler that records every job and holds those named by {@link Recording.hold}. */
    const record = async (queue: StepQueue): Promise<Recording> => {
      const started: string[] = [];
      const finished: string[] = [];
      const startedAt = new Map<string, number>();
      const held = new Map<string, Gate>();
      let running = 0;
      let peak = 0;
      await queue.start(async (job) => {
        const label = labelOf(job);
        started.push(label);
        startedAt.set(label, performance.now());
        running += 1;
        peak = Math.max(peak, running);
        await held.get(label)?.promise;
        running -= 1;
        finished.push(label);
      });
      return {
        started,
        finished,
        startedAt,
        peak: () => peak,
        hold(label) {
          const g = gate();
          gates.push(g);
          held.set(label, g);
        },
        release: (label) => held.get(label)?.open(),
      };
    };

    /** Starts `queue` with one job, `blocker`, held running; resolves once it runs. */
    const startBlocked = async (queue: StepQueue): Promise<Recording> => {
      const log = await record(queue);
      log.hold('blocker');
      await queue.enqueue([{ job: stepJob('blocker', { tenantId: 'tenant-blocker' }) }]);
      await expect.poll(() => log.started, { timeout: POLL_TIMEOUT_MS }).toEqual(['blocker']);
      return log;
    };

    const enqueueEach = async (queue: StepQueue, jobs: readonly EngineJob[]): Promise<void> => {
      for (const job of jobs) await queue.enqueue([{ job }]);
    };

    it('never runs more than `concurrency` handlers at once, and runs every job of every type', async () => {
      const queue = newQueue(3);
      const log = await record(queue);
      const jobs: EngineJob[] = [
        ...Array.from({ length: 8 }, (_, i) => stepJob(`step-${i}`, { tenantId: i % 2 === 0 ? 'tenant-a' : 'tenant-b' })),
        { type: 'run-deadline', tenantId: 'tenant-a', runId: 'run-2' },
        { type: 'wait-timeout', tenantId: 'tenant-b', runId: 'run-3', workflowId: 'workflow-1', stepRunId: 'wait-1', stepId: 'wait', attempt: 1 },
      ];
      const labels = jobs.map(labelOf);
      for (const label of labels) log.hold(label);
      await queue.enqueue(jobs.map((job): QueuedJob => ({ job })));

      await expect.poll(() => log.started.length, { timeout: POLL_TIMEOUT_MS }).toBe(3);
      // Release the running jobs one at a time; each release frees one slot for the next job.
      for (let i = 0; i < labels.length; i += 1) {
        await expect.poll(() => log.started.length, { timeout: POLL_TIMEOUT_MS }).toBeGreaterThan(i);
        log.release(log.started[i] as string);
      }
      await expect.poll(() => log.finished.length, { timeout: POLL_TIMEOUT_MS }).toBe(labels.length);
      expect(log.peak()).toBe(3);
      expect([...log.started].sort()).toEqual([...labels].sort());
    });

    it('runs jobs enqueued before start() once it starts', async () => {
      const queue = newQueue(1);
      await queue.enqueue([{ job: stepJob('early-1') }, { job: stepJob('early-2') }]);
      const log = await record(queue);
      await expect.poll(() => log.finished, { timeout: POLL_TIMEOUT_MS }).toEqual(['early-1', 'early-2']);
    });

    it('takes a higher run priority first, whatever the order of enqueueing and the tenant backlog', async () => {
      const queue = newQueue(1);
      const log = await startBlocked(queue);
      await enqueueEach(queue, [
        stepJob('lowest', { priority: -3 }),
        stepJob('normal-1'),
        stepJob('normal-2'),
        stepJob('high', { priority: 5 }),
        stepJob('other-tenant-normal', { tenantId: 'tenant-b' }),
      ]);
      log.release('blocker');
      await expect.poll(() => log.finished.length, { timeout: POLL_TIMEOUT_MS }).toBe(6);
      // Within a run priority, the tenant with fewer queued jobs goes first (see the fairness test).
      expect(log.started).toEqual(['blocker', 'high', 'other-tenant-normal', 'normal-1', 'normal-2', 'lowest']);
    });

    it('keeps one copy of a job already queued (enqueue and enqueueMissing alike), delayed ones included', async () => {
      const queue = newQueue(1);
      const log = await startBlocked(queue);
      await queue.enqueue([{ job: stepJob('a') }, { job: stepJob('a') }]);
      await queue.enqueue([{ job: stepJob('a') }]);
      await queue.enqueueMissing([{ job: stepJob('a') }, { job: stepJob('b') }]);
      // A retry is another job (the attempt is part of the id).
      await queue.enqueue([{ job: stepJob('a', { attempt: 2 }) }]);
      await queue.enqueue([{ job: stepJob('later'), delayMs: 50 }]);
      await queue.enqueue([{ job: stepJob('later'), delayMs: 50 }, { job: stepJob('later') }]);
      await queue.enqueueMissing([{ job: stepJob('later') }]);
      log.release('blocker');
      await expect.poll(() => log.finished.length, { timeout: POLL_TIMEOUT_MS }).toBe(5);

      // A copy left in the queue would run before this job: it is enqueued later, delayed longer, with a lower priority.
      await queue.enqueue([{ job: stepJob('sentinel', { priority: -1 }), delayMs: 60 }]);
      await expect.poll(() => log.finished, { timeout: POLL_TIMEOUT_MS }).toContain('sentinel');
      expect([...log.started].sort()).toEqual(['a', 'a#2', 'b', 'blocker', 'later', 'sentinel']);
    });

    it('defers a delayed job: an undelayed job enqueued after it runs first, and it runs after its delay', async () => {
      const delayMs = 300;
      const queue = newQueue(1);
      const log = await record(queue);
      const enqueuedAt = performance.now();
      // Different tenants and equal run priority: without the delay, first in would be first out.
      await queue.enqueue([
        { job: stepJob('delayed', { tenantId: 'tenant-a' }), delayMs },
        { job: { type: 'run-deadline', tenantId: 'tenant-c', runId: 'run-2' }, delayMs },
      ]);
      await queue.enqueue([{ job: stepJob('immediate', { tenantId: 'tenant-b' }) }]);
      await expect.poll(() => log.finished.length, { timeout: POLL_TIMEOUT_MS }).toBe(3);

      expect(log.started[0]).toBe('immediate');
      expect([...log.started].sort()).toEqual(['delayed', 'immediate', 'run-deadline:run-2']);
      // Timers may fire a little early on a coarse clock; 20 ms of slack, far below the delay.
      for (const label of ['delayed', 'run-deadline:run-2']) {
        expect((log.startedAt.get(label) ?? 0) - enqueuedAt).toBeGreaterThanOrEqual(delayMs - 20);
      }
    });

    it("serves a tenant's new jobs among the first, not behind another tenant's backlog", async () => {
      const queue = newQueue(1);
      const log = await startBlocked(queue);
      const backlog = Array.from({ length: 50 }, (_, i) => stepJob(`a-${i}`, { tenantId: 'tenant-a' }));
      await queue.enqueue(backlog.map((job): QueuedJob => ({ job })));
      await queue.enqueue([{ job: stepJob('b-0', { tenantId: 'tenant-b' }) }, { job: stepJob('b-1', { tenantId: 'tenant-b' }) }]);
      log.release('blocker');
      await expect.poll(() => log.finished.length, { timeout: POLL_TIMEOUT_MS }).toBe(53);

      const afterBlocker = log.started.slice(1);
      expect(afterBlocker.indexOf('b-0')).toBeLessThan(5);
      expect(afterBlocker.indexOf('b-1')).toBeLessThan(5);
      // The backlog itself stays first in, first out.
      expect(afterBlocker.filter((label) => label.startsWith('a-'))).toEqual(backlog.map(labelOf));
    });

    it('close() waits for the running handlers, then no job starts; a second close() resolves too', async () => {
      const queue = newQueue(1);
      const log = await record(queue);
      log.hold('running');
      await queue.enqueue([{ job: stepJob('running') }, { job: stepJob('waiting') }]);
      await expect.poll(() => log.started, { timeout: POLL_TIMEOUT_MS }).toEqual(['running']);

      let finishedWhenClosed: string[] | undefined;
      const closing = queue.close().then(() => {
        finishedWhenClosed = [...log.finished];
      });
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      expect(finishedWhenClosed).toBeUndefined();

      log.release('running');
      await closing;
      expect(finishedWhenClosed).toEqual(['running']);
      await queue.close();
      expect(log.started).toEqual(['running']);
    });
  });
}
