import { describe, expect, it } from 'vitest';
import type { StepJob, StepQueue } from './step-queue.ts';

/** A deferred promise, resolved by the test. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const job = (stepId: string, priority = 0): StepJob => ({ tenantId: 't', runId: 'r', stepId, priority });

/**
 * The behaviour every {@link StepQueue} adapter must have; run it against each (`createQueue(concurrency)`).
 */
export function describeStepQueueContract(name: string, createQueue: (concurrency: number) => StepQueue): void {
  describe(`StepQueue contract: ${name}`, () => {
    it('never runs more than `concurrency` jobs at once, and runs them all', async () => {
      const queue = createQueue(2);
      const gates = new Map<string, ReturnType<typeof deferred>>();
      const started: string[] = [];
      let running = 0;
      let peak = 0;
      queue.start(async (j) => {
        started.push(j.stepId);
        running += 1;
        peak = Math.max(peak, running);
        const gate = deferred();
        gates.set(j.stepId, gate);
        await gate.promise;
        running -= 1;
      });
      await queue.enqueue(['a', 'b', 'c', 'd'].map((id) => job(id)));
      expect(started).toEqual(['a', 'b']);
      for (const id of ['a', 'b', 'c', 'd']) {
        await expect.poll(() => gates.has(id)).toBe(true);
        gates.get(id)?.resolve();
      }
      await expect.poll(() => started.length).toBe(4);
      expect(peak).toBe(2);
      await queue.close();
    });

    it('takes higher priority first and does not hold a waiting job twice', async () => {
      const queue = createQueue(1);
      const first = deferred();
      const started: string[] = [];
      queue.start(async (j) => {
        started.push(j.stepId);
        if (j.stepId === 'blocker') await first.promise;
      });
      await queue.enqueue([job('blocker')]);
      await queue.enqueue([job('low', 0), job('high', 5), job('low', 0)]);
      first.resolve();
      await expect.poll(() => started.length).toBe(3);
      expect(started).toEqual(['blocker', 'high', 'low']);
      await queue.close();
    });

    it('close() waits for running handlers and drops waiting jobs', async () => {
      const queue = createQueue(1);
      const gate = deferred();
      const finished: string[] = [];
      queue.start(async (j) => {
        await gate.promise;
        finished.push(j.stepId);
      });
      await queue.enqueue([job('a'), job('b')]);
      const closed = queue.close();
      gate.resolve();
      await closed;
      expect(finished).toEqual(['a']);
      await queue.enqueue([job('c')]);
      expect(finished).toEqual(['a']);
    });
  });
}
