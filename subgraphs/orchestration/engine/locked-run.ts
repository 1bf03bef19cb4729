import type { EntityManager } from 'typeorm';
import type { WorkflowEventType } from '../entities/workflow-event.ts';
import { isFinalRunStatus, type WorkflowRun, type WorkflowRunStatus } from '../entities/workflow-run.ts';
import { appendEvents, type NewWorkflowEvent } from '../services/workflow-events.ts';
import { queryRows, jsonParam } from '../services/sql.ts';
import { toWorkflowRun } from '../services/workflow-runs.ts';

/**
 * A run whose row is locked (`SELECT ... FOR UPDATE`) by the current transaction: every state change of a run and
 * its steps goes through one, so concurrent changes of one run (two parallel steps finishing, a cancel, a signal)
 * serialise with each other and with the hot path's counter updates (`StepTransitions`), and finalisation sees
 * committed state. Events are collected and written
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

  /** Re-reads the run row (after a statement changed it in this transaction). */
  async refresh(): Promise<void> {
    const [row] = await queryRows(this.manager, `SELECT * FROM orchestration.workflow_runs WHERE tenant_id = $1 AND id = $2`, [this.run.tenantId, this.run.id]);
    if (row) this.run = toWorkflowRun(row);
  }

  /** Whether a step of the run is WAITING (for a signal). */
  async hasWaitingSteps(): Promise<boolean> {
    const rows = await queryRows(this.manager, `SELECT 1 FROM orchestration.step_runs WHERE tenant_id = $1 AND run_id = $2 AND status = 'WAITING' LIMIT 1`, [
      this.run.tenantId,
      this.run.id,
    ]);
    return rows.length > 0;
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

  /**
   * Ends every unfinished step (QUEUED, RUNNING, WAITING; map items included) with `status`, and their attempts in
   * flight with `status` and `reason`. @returns the top-level step ids ended.
   */
  async cancelUnfinishedSteps(status: 'CANCELLED', reason: string): Promise<string[]> {
    const rows = await queryRows(
      this.manager,
      `WITH s AS (
         UPDATE orchestration.step_runs SET status = $3, finished_at = clock_timestamp(), lease_expires_at = NULL, wake_at = NULL
         WHERE tenant_id = $1 AND run_id = $2 AND status IN ('QUEUED', 'RUNNING', 'WAITING') RETURNING id, step_id, parent_step_id, position),
       a AS (
         UPDATE orchestration.step_attempts a SET status = $3, error = $4, finished_at = clock_timestamp()
         FROM s WHERE a.tenant_id = $1 AND a.step_run_id = s.id AND a.status = 'RUNNING' RETURNING 1)
       SELECT step_id FROM s WHERE parent_step_id IS NULL ORDER BY position`,
      [this.run.tenantId, this.run.id, status, reason],
    );
    return rows.map((r) => String(r['step_id']));
  }

  /** Writes the collected events (call last). */
  async flush(): Promise<void> {
    await appendEvents(this.manager, this.run.tenantId, this.events.splice(0));
  }
}
