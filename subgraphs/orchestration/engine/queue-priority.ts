/**
 * Queue priorities: a run's priority first, then fairness across tenants.
 *
 * BullMQ takes a job priority from 1 (first) to 2,097,152 (2^21) and serves equal priorities first in, first out.
 * We split that range into one band per run priority (-1000..1000, higher first), 1,048 values wide; inside a band,
 * a job's offset is the number of the tenant's jobs queued before it (capped at 1,047). A tenant with 10,000 queued
 * steps therefore has most of them at the back of the band, and another tenant's new step (offset 0) goes ahead of
 * them: each tenant's n-th queued job is served around the same time as every other tenant's n-th — round-robin
 * across tenants, the effect of start-time fair queueing (Goyal, Vin & Cheng, SIGCOMM 1996) with unit-cost jobs.
 * Beyond the cap, jobs of the deepest tenants share one value and go first in, first out.
 */

/** Lowest and highest run priority. */
export const MIN_RUN_PRIORITY = -1_000;
export const MAX_RUN_PRIORITY = 1_000;
/** Values per run-priority band. */
export const BAND_WIDTH = 1_048;
/** Largest fairness offset inside a band. */
export const MAX_FAIRNESS_OFFSET = BAND_WIDTH - 1;

/**
 * The queue priority of a job (1 = served first).
 * @param runPriority - the run's priority, -1000..1000 (clamped).
 * @param tenantQueued - the tenant's jobs already queued before this one (≥ 0).
 * @returns an integer in 1..2,097,048.
 */
export function queuePriority(runPriority: number, tenantQueued: number): number {
  const priority = Math.min(MAX_RUN_PRIORITY, Math.max(MIN_RUN_PRIORITY, Math.trunc(runPriority)));
  const band = MAX_RUN_PRIORITY - priority;
  return 1 + band * BAND_WIDTH + Math.min(MAX_FAIRNESS_OFFSET, Math.max(0, Math.trunc(tenantQueued)));
}
