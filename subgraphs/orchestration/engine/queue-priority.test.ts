import { describe, expect, it } from 'vitest';
import { BAND_WIDTH, MAX_FAIRNESS_OFFSET, MAX_RUN_PRIORITY, MIN_RUN_PRIORITY, queuePriority } from './queue-priority.ts';

/** BullMQ's largest job priority (2^21). */
const BULLMQ_MAX_PRIORITY = 2 ** 21;

describe('queuePriority', () => {
  it('gives the highest run priority with no backlog the first value, 1', () => {
    expect(queuePriority(MAX_RUN_PRIORITY, 0)).toBe(1);
  });

  it("stays an integer inside BullMQ's range 1..2^21 at the extremes", () => {
    const last = queuePriority(MIN_RUN_PRIORITY, MAX_FAIRNESS_OFFSET);
    expect(last).toBe(1 + (MAX_RUN_PRIORITY - MIN_RUN_PRIORITY) * BAND_WIDTH + MAX_FAIRNESS_OFFSET);
    expect(last).toBe(2_097_048);
    expect(last).toBeLessThanOrEqual(BULLMQ_MAX_PRIORITY);
  });

  it('puts every job of a higher run priority before every job of a lower one, whatever the backlog', () => {
    for (const priority of [MIN_RUN_PRIORITY + 1, -1, 0, 1, MAX_RUN_PRIORITY]) {
      expect(queuePriority(priority, MAX_FAIRNESS_OFFSET)).toBeLessThan(queuePriority(priority - 1, 0));
      expect(queuePriority(priority - 1, 0) - queuePriority(priority, 0)).toBe(BAND_WIDTH);
    }
  });

  it("offsets a job inside its band by the tenant's jobs queued before it", () => {
    const base = queuePriority(0, 0);
    expect(queuePriority(0, 1)).toBe(base + 1);
    expect(queuePriority(0, 500)).toBe(base + 500);
    expect(queuePriority(0, MAX_FAIRNESS_OFFSET)).toBe(base + MAX_FAIRNESS_OFFSET);
  });

  it('caps the offset at MAX_FAIRNESS_OFFSET and treats a negative backlog as none', () => {
    expect(queuePriority(0, MAX_FAIRNESS_OFFSET + 1)).toBe(queuePriority(0, MAX_FAIRNESS_OFFSET));
    expect(queuePriority(0, 1_000_000)).toBe(queuePriority(0, MAX_FAIRNESS_OFFSET));
    expect(queuePriority(0, -5)).toBe(queuePriority(0, 0));
  });

  it('clamps run priorities to -1000..1000 and truncates fractions', () => {
    expect(queuePriority(5_000, 0)).toBe(queuePriority(MAX_RUN_PRIORITY, 0));
    expect(queuePriority(-5_000, 3)).toBe(queuePriority(MIN_RUN_PRIORITY, 3));
    expect(queuePriority(2.7, 3.9)).toBe(queuePriority(2, 3));
    expect(queuePriority(-2.7, 0)).toBe(queuePriority(-2, 0));
  });

  it("serves tenants round-robin: each tenant's n-th queued job around every other tenant's n-th", () => {
    // Tenant a queued 3 jobs before tenant b queued 2; a stable sort stands for BullMQ's FIFO among equal values.
    const jobs = [
      ...['a0', 'a1', 'a2'].map((label, i) => ({ label, priority: queuePriority(0, i) })),
      ...['b0', 'b1'].map((label, i) => ({ label, priority: queuePriority(0, i) })),
    ];
    const order = [...jobs].sort((x, y) => x.priority - y.priority).map((job) => job.label);
    expect(order).toEqual(['a0', 'b0', 'a1', 'b1', 'a2']);
  });
});
