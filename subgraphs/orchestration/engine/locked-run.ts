import type { EntityManager } from 'typeorm';
import type { WorkflowEventType } from '../entities/workflow-event.ts';
import { isFinalRunStatus, type WorkflowRun, type WorkflowRunStatus } from '../entities/workflow-run.ts';
import type { StepRun, StepRunStatus } from '../entities/step-run.ts';
import { appendEvents, type NewWorkflowEvent } from '../services/workflow-events.ts';
import { queryRows, jsonParam } from '../services/sql.ts';
import { toStepRun, toWorkflowRun } from '../services/workflow-runs.ts';

/** How long a claimed step belongs to its worker without a renewal, in seconds (renewed every third of it). */
export const STEP_LEASE_SECONDS = 30;

/**
 * A run whose row is locked (`SELECT ... FOR UPDATE`) by the current transaction: every state change of a run and
 * its steps goes through one, so concurrent changes of one run (two parallel steps finishing, a cancel, a signal)
 * serialise, and the "all steps done → run completed" check sees committed state. Events are collected and written
 * by {@link LockedRun.flush} as the transaction's last statement.
 */
export class LockedRun {
  private readonly events: NewWorkflowEvent[] = [];

  private constructor(
    private readonly manager: EntityManager,
    public run: WorkflowRun,
  ) {}

  /** Locks and loads the tenant's run `runId`; `undefined` when it does not exist. */
  static async open(manager: EntityManager, tenantId: string, runId: string): Promise<LockedRun | undefined> {
    const [row] = await queryRows(manager, `SELECT * FROM orchestration.workflow_runs WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, runId]);
    return row ? new LockedRun(manager, toWorkflowRun(row)) : undefined;
  }

  /** Whether the run has finished for good (nothing may change any more). */
  get isFinal(): boolean {
    return isFinalRunStatus(this.run.status);
  }

  /** Queues an event of this run (written by {@link flush}). */
  emit(type: WorkflowEventType, stepId: string | null, payload?: unknown): void {
    this.events.push({ runId: this.run.id, workflowId: this.run.workflowId, stepId, type, payload });
  }

  /** The run's step runs, in definition order. */
  async steps(): Promise<StepRun[]> {
    const rows = await queryRows(this.manager, `SELECT * FROM orchestration.step_runs WHERE tenant_id = $1 AND run_id = $2 ORDER BY position`, [
      this.run.tenantId,
      this.run.id,
    ]);
    return rows.map(toStepRun);
  }

  /**
   * Moves step run `stepRunId` from one of `from` to `to`, setting `fields`; guarded by the expected status (and
   * attempt, when given) so a late duplicate changes nothing.
   * @returns the updated step run, or `undefined` when the guard did not match.
   */
  async moveStep(
    stepRunId: string,
    from: readonly StepRunStatus[],
    to: StepRunStatus,
    fields: { attempt?: number; output?: unknown; error?: string; routingDecisionId?: string | null; input?: unknown; claim?: boolean } = {},
  ): Promise<StepRun | undefined> {
    const final = to !== 'RUNNING' && to !== 'WAITING' && to !== 'QUEUED';
    const [row] = await queryRows(
      this.manager,
      `UPDATE orchestration.step_runs SET
         status = $4,
         attempt = CASE WHEN $5 THEN attempt + 1 ELSE attempt END,
         started_at = CASE WHEN $5 THEN now() ELSE started_at END,
         lease_expires_at = CASE WHEN $5 THEN now() + make_interval(secs => $12) ELSE lease_expires_at END,
         input = CASE WHEN $5 THEN $6::jsonb ELSE input END,
         output = COALESCE($7::jsonb, output),
         error = COALESCE($8, error),
         routing_decision_id = COALESCE($9::uuid, routing_decision_id),
         finished_at = CASE WHEN $10 THEN now() ELSE finished_at END
       WHERE tenant_id = $1 AND id = $2 AND status = ANY($3::text[]) AND ($11::int IS NULL OR attempt = $11::int)
       RETURNING *`,
      [
        this.run.tenantId,
        stepRunId,
        [...from],
        to,
        fields.claim ?? false,
        jsonParam(fields.input),
        jsonParam(fields.output),
        fields.error ?? null,
        fields.routingDecisionId ?? null,
        final,
        fields.attempt ?? null,
        STEP_LEASE_SECONDS,
      ],
    );
    return row ? toStepRun(row) : undefined;
  }

  /** Sets the run's status (and `output`/`error`, and `finished_at` for a final status). */
  async setStatus(status: WorkflowRunStatus, fields: { output?: unknown; error?: string } = {}): Promise<void> {
    const [row] = await queryRows(
      this.manager,
      `UPDATE orchestration.workflow_runs SET status = $3, output = COALESCE($4::jsonb, output), error = COALESCE($5, error),
         finished_at = CASE WHEN $6 THEN now() ELSE finished_at END
       WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [this.run.tenantId, this.run.id, status, jsonParam(fields.output), fields.error ?? null, isFinalRunStatus(status)],
    );
    if (row) this.run = toWorkflowRun(row);
  }

  /** Cancels every unfinished step (QUEUED, RUNNING, WAITING). @returns the step ids cancelled. */
  async cancelUnfinishedSteps(): Promise<string[]> {
    const rows = await queryRows(
      this.manager,
      `UPDATE orchestration.step_runs SET status = 'CANCELLED', finished_at = now()
       WHERE tenant_id = $1 AND run_id = $2 AND status IN ('QUEUED', 'RUNNING', 'WAITING') RETURNING step_id`,
      [this.run.tenantId, this.run.id],
    );
    return rows.map((r) => String(r['step_id']));
  }

  /**
   * After a step finished: if every step is now final, completes the run with the outputs of `sinkStepIds` (skipped
   * ones as null) and emits RUN_COMPLETED; else, if the run was WAITING and no step waits any more, sets it RUNNING.
   * @returns whether the run completed.
   */
  async settle(sinkStepIds: readonly string[]): Promise<boolean> {
    const steps = await this.steps();
    if (steps.every((s) => s.status === 'COMPLETED' || s.status === 'SKIPPED')) {
      const byId = new Map(steps.map((s) => [s.stepId, s]));
      const output = Object.fromEntries(sinkStepIds.map((id) => [id, byId.get(id)?.output ?? null]));
      await this.setStatus('COMPLETED', { output });
      this.emit('RUN_COMPLETED', null, { output });
      return true;
    }
    if (this.run.status === 'WAITING' && !steps.some((s) => s.status === 'WAITING')) await this.setStatus('RUNNING');
    return false;
  }

  /** Writes the collected events (call last). */
  async flush(): Promise<void> {
    await appendEvents(this.manager, this.run.tenantId, this.events.splice(0));
  }
}
