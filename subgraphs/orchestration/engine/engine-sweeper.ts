import type { DataSource } from 'typeorm';
import type { Logger } from '../../../platform/logger.ts';
import { poolExecutor, queryRows, type SqlExecutor } from '../services/sql.ts';
import type { RunProgress, RunRef } from './run-progress.ts';
import type { RunTransitions } from './run-transitions.ts';
import type { EngineJob, QueuedJob, StepQueue } from './step-queue.ts';
import { LOST_ATTEMPT_ERROR } from './step-transitions.ts';

/** Most rows one sweep handles per kind of repair (the next sweep takes the rest). */
export const SWEEP_BATCH = 500;

/** Options of {@link EngineSweeper}. */
export interface EngineSweeperOptions {
  readonly dataSource: DataSource;
  readonly queue: StepQueue;
  readonly runs: RunTransitions;
  readonly progress: RunProgress;
  readonly logger: Logger;
  /** The task queue swept (`config.worker.queue`): only its runs are touched. */
  readonly queueName: string;
  /** Interval, in ms (`config.worker.sweepIntervalMs`). */
  readonly intervalMs: number;
  /**
   * How long a ready step may wait without being claimed before the sweeper re-enqueues it, in ms (a job lost between
   * commit and enqueue, or with a Redis that lost data). Re-enqueueing is harmless: existing jobs are not duplicated.
   */
  readonly lostJobAfterMs: number;
}

interface StepRow {
  tenant_id: string;
  run_id: string;
  id: string;
  step_id: string;
  attempt: number;
  workflow_id: string;
  workflow_version: number;
  priority: number;
}

/**
 * The engine's reconciler: what a crash or a lost job or timer can leave behind is repaired from Postgres, the source
 * of truth, every `intervalMs`, by every worker process (each repair is an idempotent guarded transition):
 * 1. RUNNING steps whose lease expired (their worker died): back to QUEUED, the attempt LOST, re-enqueued;
 * 2. ready QUEUED steps not claimed for `lostJobAfterMs`: re-enqueued if their job is missing;
 * 3. runs past their deadline: TIMED_OUT; `wait` steps past their `wake_at`: TIMED_OUT;
 * 4. runs whose steps are all done but not COMPLETED, map steps whose items are all done: finalised.
 * BullMQ's own stalled-job check usually re-delivers a dead worker's job first; the claim then takes the step over.
 */
export class EngineSweeper {
  private readonly pool: SqlExecutor;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(private readonly o: EngineSweeperOptions) {
    this.pool = poolExecutor(o.dataSource);
  }

  /**
   * Recovers at start-up — every ready step of the queue's active runs is enqueued unless its job exists (after an
   * embedded-mode restart, the in-process queue lost them all) — then sweeps every `intervalMs`.
   */
  async start(): Promise<void> {
    await this.enqueueAllReady();
    await this.sweep();
    this.timer ??= setInterval(() => void this.sweep(), this.o.intervalMs);
    this.timer.unref();
  }

  /** Stops (idempotent); waits for a sweep in progress. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One sweep (skipped when one is in progress). Never throws. */
  sweep(): Promise<void> {
    return (this.sweeping ??= this.sweepOnce()
      .catch((error: unknown) => this.o.logger.error({ err: error }, 'engine sweep failed'))
      .finally(() => (this.sweeping = undefined)));
  }

  private async enqueueAllReady(): Promise<void> {
    let after: { readyAt: Date; id: string } | undefined;
    for (;;) {
      const rows = await queryRows<StepRow & { ready_at: Date }>(
        this.pool,
        `SELECT s.tenant_id, s.run_id, s.id, s.step_id, s.attempt, s.ready_at, r.workflow_id, r.workflow_version, r.priority
         FROM orchestration.step_runs s JOIN orchestration.workflow_runs r ON r.tenant_id = s.tenant_id AND r.id = s.run_id
         WHERE s.status = 'QUEUED' AND s.pending_deps = 0 AND s.ready_at IS NOT NULL AND r.queue = $1 AND r.status IN ('RUNNING', 'WAITING')
           AND ($2::timestamptz IS NULL OR (s.ready_at, s.id) > ($2::timestamptz, $3::uuid))
         ORDER BY s.ready_at, s.id LIMIT $4`,
        [this.o.queueName, after?.readyAt ?? null, after?.id ?? null, SWEEP_BATCH],
      );
      await this.o.queue.enqueueMissing(rows.map((s) => ({ job: stepJob(s), delayMs: Math.max(0, s.ready_at.getTime() - Date.now()) })));
      const last = rows.at(-1);
      if (!last || rows.length < SWEEP_BATCH) return;
      after = { readyAt: last.ready_at, id: last.id };
    }
  }

  private async sweepOnce(): Promise<void> {
    const q = this.o.queueName;
    const expired = await queryRows<StepRow>(
      this.pool,
      `WITH e AS (
         SELECT s.id FROM orchestration.step_runs s JOIN orchestration.workflow_runs r ON r.tenant_id = s.tenant_id AND r.id = s.run_id
         WHERE r.queue = $1 AND r.status IN ('RUNNING', 'WAITING') AND s.status = 'RUNNING' AND (s.lease_expires_at IS NULL OR s.lease_expires_at < now())
         LIMIT $2),
       s AS (
         UPDATE orchestration.step_runs s SET status = 'QUEUED', lease_expires_at = NULL, ready_at = clock_timestamp()
         FROM e WHERE s.id = e.id AND s.status = 'RUNNING' AND (s.lease_expires_at IS NULL OR s.lease_expires_at < now())
         RETURNING s.tenant_id, s.run_id, s.id, s.step_id, s.attempt),
       a AS (
         UPDATE orchestration.step_attempts a SET status = 'LOST', finished_at = clock_timestamp(), error = $3
         FROM s WHERE a.tenant_id = s.tenant_id AND a.step_run_id = s.id AND a.attempt = s.attempt AND a.status = 'RUNNING' RETURNING 1)
       SELECT s.*, r.workflow_id, r.workflow_version, r.priority FROM s JOIN orchestration.workflow_runs r ON r.id = s.run_id`,
      [q, SWEEP_BATCH, LOST_ATTEMPT_ERROR],
    );
    const stale = await queryRows<StepRow>(
      this.pool,
      `SELECT s.tenant_id, s.run_id, s.id, s.step_id, s.attempt, r.workflow_id, r.workflow_version, r.priority
       FROM orchestration.step_runs s JOIN orchestration.workflow_runs r ON r.tenant_id = s.tenant_id AND r.id = s.run_id
       WHERE s.status = 'QUEUED' AND s.pending_deps = 0 AND s.ready_at < now() - make_interval(secs => $2::double precision / 1000)
         AND r.queue = $1 AND r.status IN ('RUNNING', 'WAITING')
       ORDER BY s.ready_at LIMIT $3`,
      [q, this.o.lostJobAfterMs, SWEEP_BATCH],
    );
    const jobs: QueuedJob[] = [...expired, ...stale].map((s) => ({ job: stepJob(s) }));
    if (expired.length > 0) this.o.logger.warn({ steps: expired.length }, 're-queued steps whose worker stopped renewing the lease');
    await this.o.queue.enqueueMissing(jobs);

    const overdue = await queryRows<{ tenant_id: string; id: string }>(
      this.pool,
      `SELECT tenant_id, id FROM orchestration.workflow_runs WHERE queue = $1 AND status IN ('RUNNING', 'WAITING') AND deadline_at < now() LIMIT $2`,
      [q, SWEEP_BATCH],
    );
    for (const run of overdue) {
      if (await this.o.runs.timeOutRun(run.tenant_id, run.id)) await this.o.progress.ended(run.id);
    }
    const waits = await queryRows<{ tenant_id: string; run_id: string; workflow_id: string; id: string; step_id: string; attempt: number }>(
      this.pool,
      `SELECT s.tenant_id, s.run_id, r.workflow_id, s.id, s.step_id, s.attempt
       FROM orchestration.step_runs s JOIN orchestration.workflow_runs r ON r.tenant_id = s.tenant_id AND r.id = s.run_id
       WHERE s.status = 'WAITING' AND s.wake_at < now() AND r.queue = $1 LIMIT $2`,
      [q, SWEEP_BATCH],
    );
    if (waits.length > 0) {
      await this.o.queue.enqueueMissing(
        waits.map((w) => ({
          job: {
            type: 'wait-timeout',
            tenantId: w.tenant_id,
            runId: w.run_id,
            workflowId: w.workflow_id,
            stepRunId: w.id,
            stepId: w.step_id,
            attempt: w.attempt,
          },
        })),
      );
    }
    const unfinished = await queryRows<{
      tenant_id: string;
      id: string;
      workflow_id: string;
      workflow_version: number;
      priority: number;
      map_step: string | null;
    }>(
      this.pool,
      `SELECT r.tenant_id, r.id, r.workflow_id, r.workflow_version, r.priority, NULL AS map_step FROM orchestration.workflow_runs r
       WHERE r.queue = $1 AND r.status IN ('RUNNING', 'WAITING') AND r.pending_steps = 0
       UNION ALL
       SELECT r.tenant_id, r.id, r.workflow_id, r.workflow_version, r.priority, s.step_id FROM orchestration.step_runs s
       JOIN orchestration.workflow_runs r ON r.tenant_id = s.tenant_id AND r.id = s.run_id
       WHERE r.queue = $1 AND r.status IN ('RUNNING', 'WAITING') AND s.status = 'RUNNING' AND s.pending_items = 0
       LIMIT $2`,
      [q, SWEEP_BATCH],
    );
    for (const row of unfinished) {
      const run: RunRef = {
        tenantId: row.tenant_id,
        runId: row.id,
        workflowId: row.workflow_id,
        workflowVersion: row.workflow_version,
        priority: row.priority,
      };
      if (row.map_step !== null) await this.o.progress.finalizeMap(run, row.map_step);
      else await this.o.progress.finalizeRun(run);
    }
  }
}

function stepJob(s: StepRow): EngineJob {
  return {
    type: 'step',
    tenantId: s.tenant_id,
    runId: s.run_id,
    stepRunId: s.id,
    stepId: s.step_id,
    workflowId: s.workflow_id,
    workflowVersion: s.workflow_version,
    priority: s.priority,
    attempt: s.attempt + 1,
  };
}
