import type { DataSource, EntityManager } from 'typeorm';
import type { StepRun } from '../entities/step-run.ts';
import type { WorkflowRun } from '../entities/workflow-run.ts';
import { queryRows } from '../services/sql.ts';
import { LockedRun } from './locked-run.ts';

/** Identifies one attempt of one step run. */
export interface StepAttempt {
  readonly tenantId: string;
  readonly runId: string;
  /** The step run's row id. */
  readonly stepRunId: string;
  /** The step's id in the workflow. */
  readonly stepId: string;
  readonly attempt: number;
}

/** How a step attempt ended. `TIMED_OUT` steps fail the run like `FAILED` ones. */
export type StepOutcome =
  | { readonly status: 'COMPLETED'; readonly output: unknown; readonly routingDecisionId?: string | undefined }
  | { readonly status: 'FAILED' | 'TIMED_OUT'; readonly error: string; readonly routingDecisionId?: string | undefined };

/** What a transition did: whether it applied (its guard matched) and whether the run reached a final status. */
export interface TransitionResult {
  readonly applied: boolean;
  readonly run: WorkflowRun | undefined;
  readonly runFinished: boolean;
}

const NOT_APPLIED: TransitionResult = { applied: false, run: undefined, runFinished: false };

/**
 * The step-level transitions, each one transaction that locks the run (see {@link LockedRun}) and writes the event(s).
 * Every transition is guarded by the step's expected status (and attempt), so a duplicate or late call is a no-op,
 * and none applies once the run is final.
 */
export class StepTransitions {
  constructor(private readonly dataSource: DataSource) {}

  /** QUEUED → RUNNING, attempt + 1, `input` stored, STEP_STARTED. @returns the claimed step, or undefined. */
  async claim(tenantId: string, runId: string, stepRunId: string, input: unknown): Promise<StepRun | undefined> {
    return this.inRun(tenantId, runId, async (locked) => {
      const step = await locked.moveStep(stepRunId, ['QUEUED'], 'RUNNING', { claim: true, input: input ?? null });
      if (step) locked.emit('STEP_STARTED', step.stepId, { kind: step.kind, attempt: step.attempt });
      return step;
    });
  }

  /**
   * RUNNING → QUEUED for an attempt interrupted by this worker's shutdown (no event: nothing happened), so that the
   * next worker runs it without waiting for its lease to expire.
   */
  async release(attempt: StepAttempt): Promise<void> {
    await this.dataSource.query(
      `UPDATE orchestration.step_runs SET status = 'QUEUED', lease_expires_at = NULL
       WHERE tenant_id = $1 AND id = $2 AND status = 'RUNNING' AND attempt = $3`,
      [attempt.tenantId, attempt.stepRunId, attempt.attempt],
    );
  }

  /** QUEUED → SKIPPED (its `when` was false), STEP_SKIPPED; completes the run when it was the last step. */
  async skip(tenantId: string, runId: string, stepRunId: string, sinks: readonly string[]): Promise<TransitionResult> {
    return this.settleWith(tenantId, runId, async (locked) => {
      const step = await locked.moveStep(stepRunId, ['QUEUED'], 'SKIPPED');
      if (step) locked.emit('STEP_SKIPPED', step.stepId, { reason: 'when evaluated to false' });
      return step !== undefined;
    }, sinks);
  }

  /**
   * Records an attempt's outcome: COMPLETED (STEP_COMPLETED, and RUN_COMPLETED when it was the last step), or
   * FAILED/TIMED_OUT (STEP_FAILED, the run FAILED with the step's error, its unfinished steps CANCELLED, RUN_FAILED).
   */
  async finish(attempt: StepAttempt, outcome: StepOutcome, sinks: readonly string[]): Promise<TransitionResult> {
    return this.settleWith(attempt.tenantId, attempt.runId, async (locked) => {
      if (outcome.status === 'COMPLETED') {
        const step = await locked.moveStep(attempt.stepRunId, ['RUNNING', 'WAITING'], 'COMPLETED', {
          attempt: attempt.attempt,
          output: outcome.output ?? null,
          routingDecisionId: outcome.routingDecisionId ?? null,
        });
        if (step) locked.emit('STEP_COMPLETED', step.stepId, { attempt: step.attempt });
        return step !== undefined;
      }
      const step = await locked.moveStep(attempt.stepRunId, ['RUNNING', 'WAITING'], outcome.status, {
        attempt: attempt.attempt,
        error: outcome.error,
        routingDecisionId: outcome.routingDecisionId ?? null,
      });
      if (!step) return false;
      locked.emit('STEP_FAILED', step.stepId, { attempt: step.attempt, error: outcome.error, status: outcome.status });
      const cancelledSteps = await locked.cancelUnfinishedSteps();
      const error = `step "${step.stepId}" ${outcome.status === 'TIMED_OUT' ? 'timed out' : 'failed'}: ${outcome.error}`;
      await locked.setStatus('FAILED', { error });
      locked.emit('RUN_FAILED', null, { error, stepId: step.stepId, cancelledSteps });
      return true;
    }, sinks);
  }

  /**
   * A `wait` step's attempt: consumes the oldest unconsumed signal called `signal` and completes the step with its
   * payload, or (none yet) moves the step — and the run — to WAITING, until `signalWorkflowRun` delivers one. One
   * transaction under the run lock, so a signal arriving concurrently is never missed.
   * @returns `waiting: true` when the step now waits.
   */
  async waitForSignal(attempt: StepAttempt, signal: string, sinks: readonly string[]): Promise<TransitionResult & { waiting: boolean }> {
    let waiting = false;
    const result = await this.settleWith(attempt.tenantId, attempt.runId, async (locked, manager) => {
      const [pending] = await queryRows(
        manager,
        `UPDATE orchestration.signals SET consumed_at = now() WHERE id = (
           SELECT id FROM orchestration.signals WHERE tenant_id = $1 AND run_id = $2 AND name = $3 AND consumed_at IS NULL
           ORDER BY received_at, id LIMIT 1) RETURNING id, payload`,
        [attempt.tenantId, attempt.runId, signal],
      );
      if (pending) {
        const step = await locked.moveStep(attempt.stepRunId, ['RUNNING'], 'COMPLETED', { attempt: attempt.attempt, output: pending['payload'] ?? null });
        if (step) locked.emit('STEP_COMPLETED', step.stepId, { attempt: step.attempt, signalId: pending['id'] });
        return step !== undefined;
      }
      const step = await locked.moveStep(attempt.stepRunId, ['RUNNING'], 'WAITING', { attempt: attempt.attempt });
      if (step && locked.run.status === 'RUNNING') await locked.setStatus('WAITING');
      waiting = step !== undefined;
      return false;
    }, sinks);
    return { ...result, waiting };
  }

  private async settleWith(
    tenantId: string,
    runId: string,
    change: (locked: LockedRun, manager: EntityManager) => Promise<boolean>,
    sinks: readonly string[],
  ): Promise<TransitionResult> {
    return (
      (await this.inRun(tenantId, runId, async (locked, manager) => {
        const applied = await change(locked, manager);
        const completed = applied && !locked.isFinal ? await locked.settle(sinks) : false;
        return { applied, run: locked.run, runFinished: completed || (applied && locked.isFinal) };
      })) ?? NOT_APPLIED
    );
  }

  private async inRun<T>(tenantId: string, runId: string, work: (locked: LockedRun, manager: EntityManager) => Promise<T>): Promise<T | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await LockedRun.open(manager, tenantId, runId);
      if (!locked || locked.isFinal) return undefined;
      const result = await work(locked, manager);
      await locked.flush();
      return result;
    });
  }
}
