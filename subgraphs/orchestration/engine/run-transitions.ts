import type { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/validation.ts';
import type { Workflow } from '../entities/workflow.ts';
import type { WorkflowRun } from '../entities/workflow-run.ts';
import type { StepRun } from '../entities/step-run.ts';
import { appendEvents } from '../services/workflow-events.ts';
import { jsonParam, queryRows } from '../services/sql.ts';
import { toStepRun, toWorkflowRun } from '../services/workflow-runs.ts';
import { LockedRun } from './locked-run.ts';

/** How long an idempotency key returns the run it started, in hours. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

/** What starts a run (validated by the caller). */
export interface NewRun {
  readonly workflow: Workflow;
  readonly input: unknown;
  readonly sessionId: string | null;
  readonly idempotencyKey: string | null;
  readonly priority: number;
}

/** A run with its steps, as a transition left them. */
export interface RunState {
  readonly run: WorkflowRun;
  readonly steps: readonly StepRun[];
}

/** The run-level transitions (start, cancel, signal), each one transaction with its events. */
export class RunTransitions {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the run RUNNING, every step QUEUED and RUN_STARTED, in one transaction. With an idempotency key used by
   * the tenant in the last 24 hours, returns that run instead (`created: false`); keys are serialised by a
   * transaction-scoped advisory lock so two concurrent starts with one key create one run.
   * @throws {@link ConflictError} when the key's run belongs to another workflow.
   */
  async start(tenantId: string, spec: NewRun): Promise<RunState & { created: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      if (spec.idempotencyKey !== null) {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`orchestration:run:${tenantId}:${spec.idempotencyKey}`]);
        const [existing] = await queryRows(
          manager,
          `SELECT * FROM orchestration.workflow_runs WHERE tenant_id = $1 AND idempotency_key = $2
             AND created_at > now() - make_interval(hours => $3) ORDER BY created_at DESC LIMIT 1`,
          [tenantId, spec.idempotencyKey, IDEMPOTENCY_WINDOW_HOURS],
        );
        if (existing) {
          const run = toWorkflowRun(existing);
          if (run.workflowId !== spec.workflow.id) {
            throw new ConflictError('idempotencyKey was already used to start a run of another workflow', { field: 'input.idempotencyKey', runId: run.id });
          }
          const steps = await queryRows(manager, `SELECT * FROM orchestration.step_runs WHERE tenant_id = $1 AND run_id = $2 ORDER BY position`, [tenantId, run.id]);
          return { run, steps: steps.map(toStepRun), created: false };
        }
      }
      const [runRow] = await queryRows(
        manager,
        `INSERT INTO orchestration.workflow_runs (tenant_id, workflow_id, workflow_version, status, input, session_id, priority, idempotency_key, started_at)
         VALUES ($1, $2, $3, 'RUNNING', $4::jsonb, $5::uuid, $6, $7, now()) RETURNING *`,
        [tenantId, spec.workflow.id, spec.workflow.version, jsonParam(spec.input), spec.sessionId, spec.priority, spec.idempotencyKey],
      );
      const run = toWorkflowRun(runRow ?? {});
      const definitions = spec.workflow.steps;
      const stepRows = await queryRows(
        manager,
        `INSERT INTO orchestration.step_runs (tenant_id, run_id, step_id, position, kind, status)
         SELECT $1, $2, s.step_id, s.position, s.kind, 'QUEUED' FROM unnest($3::text[], $4::int[], $5::text[]) AS s(step_id, position, kind)
         RETURNING *`,
        [tenantId, run.id, definitions.map((s) => s.id), definitions.map((_, i) => i), definitions.map((s) => s.kind)],
      );
      await appendEvents(manager, tenantId, [
        { runId: run.id, workflowId: run.workflowId, type: 'RUN_STARTED', payload: { workflowVersion: run.workflowVersion } },
      ]);
      return { run, steps: stepRows.map(toStepRun).sort((a, b) => a.position - b.position), created: true };
    });
  }

  /**
   * Cancels a run: the run and its unfinished steps CANCELLED, RUN_CANCELLED, one transaction.
   * @throws {@link NotFoundError} for an unknown run; {@link ConflictError} when it already finished.
   */
  async cancel(tenantId: string, runId: string): Promise<WorkflowRun> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.openActive(manager, tenantId, runId, 'cancelled');
      const cancelledSteps = await locked.cancelUnfinishedSteps();
      await locked.setStatus('CANCELLED', { error: 'cancelled' });
      locked.emit('RUN_CANCELLED', null, { cancelledSteps });
      await locked.flush();
      return locked.run;
    });
  }

  /**
   * Stores a signal and SIGNAL_RECEIVED; when a `wait` step of the run is WAITING for that name, consumes the signal
   * and completes the step with its payload (the run completes when that was the last step; `sinks` are the
   * workflow's sink step ids) (STEP_COMPLETED, and RUN_COMPLETED if it was the last), all in one
   * transaction.
   * @returns the run, and whether a step was woken (its dependents may now be ready).
   * @throws {@link NotFoundError} for an unknown run; {@link ConflictError} when it already finished.
   */
  async signal(tenantId: string, runId: string, name: string, payload: unknown, sinks: readonly string[]): Promise<{ run: WorkflowRun; woke: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.openActive(manager, tenantId, runId, 'signalled');
      const [signal] = await queryRows(
        manager,
        `INSERT INTO orchestration.signals (tenant_id, run_id, name, payload) VALUES ($1, $2, $3, $4::jsonb) RETURNING id`,
        [tenantId, runId, name, jsonParam(payload)],
      );
      const signalId = String(signal?.['id']);
      locked.emit('SIGNAL_RECEIVED', null, { name, signalId });
      const [waiting] = await queryRows(
        manager,
        `SELECT * FROM orchestration.step_runs WHERE tenant_id = $1 AND run_id = $2 AND status = 'WAITING' AND kind = 'wait'
           AND input->>'signal' = $3 ORDER BY position LIMIT 1`,
        [tenantId, runId, name],
      );
      let woke = false;
      if (waiting) {
        const step = toStepRun(waiting);
        await manager.query(`UPDATE orchestration.signals SET consumed_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, signalId]);
        const done = await locked.moveStep(step.id, ['WAITING'], 'COMPLETED', { attempt: step.attempt, output: payload ?? null });
        if (done) {
          woke = true;
          locked.emit('STEP_COMPLETED', step.stepId, { attempt: step.attempt, signalId });
          await locked.settle(sinks);
        }
      }
      await locked.flush();
      return { run: locked.run, woke };
    });
  }

  private async openActive(manager: Parameters<typeof LockedRun.open>[0], tenantId: string, runId: string, verb: string): Promise<LockedRun> {
    const locked = isUuid(runId) ? await LockedRun.open(manager, tenantId, runId) : undefined;
    if (!locked) throw new NotFoundError(`Workflow run "${runId}" not found`, { field: 'id' });
    if (locked.isFinal) {
      throw new ConflictError(`Workflow run "${runId}" already finished (${locked.run.status}); it cannot be ${verb}`, { status: locked.run.status });
    }
    return locked;
  }
}
