import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/validation.ts';
import type { WorkflowRun } from '../entities/workflow-run.ts';
import type { StepDefinition } from '../services/step-definition.ts';
import { sinkStepIds } from '../services/workflow-definition.ts';
import { appendEvents } from '../services/workflow-events.ts';
import { jsonParam, queryRows } from '../services/sql.ts';
import { toWorkflowRun } from '../services/workflow-runs.ts';
import { LockedRun } from './locked-run.ts';
import type { StepError } from './step-error.ts';
import type { ReadyStep, StepAttemptRef, StepTransitions } from './step-transitions.ts';

/** How long an idempotency key returns the run it started, in hours. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

/** What starts a run (validated by the caller). */
export interface NewRun {
  readonly workflowId: string;
  readonly workflowVersion: number;
  readonly steps: readonly StepDefinition[];
  readonly input: unknown;
  readonly sessionId: string | null;
  readonly idempotencyKey: string | null;
  readonly priority: number;
  /** The task queue of the run. */
  readonly queue: string;
  /** Run timeout, in ms; null = none. */
  readonly timeoutMs: number | null;
}

/** A started run and the steps to enqueue. */
export interface StartedRun {
  readonly run: WorkflowRun;
  /** False when an idempotency key returned an existing run. */
  readonly created: boolean;
  /** The steps ready at once (no dependencies). */
  readonly ready: readonly ReadyStep[];
}

/** A run that ended other than by completing: abort its attempts still in flight. */
export interface EndedRun {
  readonly run: WorkflowRun;
}

/** A transition that may make steps ready and may finish the run. */
export interface ProgressResult {
  readonly run: WorkflowRun | undefined;
  readonly ready: readonly ReadyStep[];
  /** Whether the run's `pending_steps` reached 0 (the caller finalises it). */
  readonly runDone: boolean;
}

/**
 * The transitions under the run's row lock (`LockedRun`), each one transaction with its events: start, cancel,
 * signal, wait, terminal failure, timeouts, finalisation. They are the rare ones; the per-step hot path is in
 * `StepTransitions` (single statements without the run lock, which these serialise with through the step rows and
 * the run row's counters).
 */
export class RunTransitions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly steps: StepTransitions,
  ) {}

  /**
   * Inserts the run RUNNING (with `pending_steps`, its sink steps, and its deadline), every step QUEUED with its `pending_deps`, and
   * RUN_STARTED, in one transaction. With an idempotency key used by the tenant in the last 24 hours, returns that run
   * instead (`created: false`); keys are serialised by a transaction-scoped advisory lock so two concurrent starts
   * with one key create one run.
   * @throws {@link ConflictError} when the key's run belongs to another workflow.
   */
  async start(tenantId: string, spec: NewRun): Promise<StartedRun> {
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
          if (run.workflowId !== spec.workflowId) {
            throw new ConflictError('idempotencyKey was already used to start a run of another workflow', { field: 'input.idempotencyKey', runId: run.id });
          }
          return { run, created: false, ready: [] };
        }
      }
      const [runRow] = await queryRows(
        manager,
        `INSERT INTO orchestration.workflow_runs (tenant_id, workflow_id, workflow_version, status, input, session_id, priority,
           idempotency_key, started_at, queue, pending_steps, timeout_ms, deadline_at)
         VALUES ($1, $2, $3, 'RUNNING', $4::jsonb, $5::uuid, $6, $7, now(), $8, $9, $10::int,
           CASE WHEN $10::int IS NULL THEN NULL ELSE now() + make_interval(secs => $10::double precision / 1000) END)
         RETURNING *`,
        [
          tenantId,
          spec.workflowId,
          spec.workflowVersion,
          jsonParam(spec.input),
          spec.sessionId,
          spec.priority,
          spec.idempotencyKey,
          spec.queue,
          sinkStepIds(spec.steps).length,
          spec.timeoutMs,
        ],
      );
      const run = toWorkflowRun(runRow ?? {});
      const ready = await queryRows<ReadyStep>(
        manager,
        `WITH s AS (
           INSERT INTO orchestration.step_runs (tenant_id, run_id, step_id, position, kind, status, pending_deps, ready_at)
           SELECT $1, $2, s.step_id, s.position, s.kind, 'QUEUED', s.deps, CASE WHEN s.deps = 0 THEN clock_timestamp() END
           FROM unnest($3::text[], $4::int[], $5::text[], $6::int[]) AS s(step_id, position, kind, deps)
           RETURNING id, step_id, pending_deps, position)
         SELECT id AS "stepRunId", step_id AS "stepId" FROM s WHERE pending_deps = 0 ORDER BY position`,
        [tenantId, run.id, spec.steps.map((s) => s.id), spec.steps.map((_, i) => i), spec.steps.map((s) => s.kind), spec.steps.map((s) => s.dependsOn.length)],
      );
      await appendEvents(manager, tenantId, [
        { runId: run.id, workflowId: run.workflowId, type: 'RUN_STARTED', payload: { workflowVersion: run.workflowVersion, queue: run.queue } },
      ]);
      return { run, created: true, ready };
    });
  }

  /**
   * Cancels a run: the run and its unfinished steps CANCELLED, attempts in flight CANCELLED, RUN_CANCELLED, one
   * transaction.
   * @throws {@link NotFoundError} for an unknown run; {@link ConflictError} when it already finished.
   */
  async cancel(tenantId: string, runId: string): Promise<WorkflowRun> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.openActive(manager, tenantId, runId, 'cancelled');
      const cancelledSteps = await locked.cancelUnfinishedSteps('CANCELLED', 'the run was cancelled');
      await locked.setStatus('CANCELLED', { error: 'cancelled' });
      locked.emit('RUN_CANCELLED', null, { cancelledSteps });
      await locked.flush();
      return locked.run;
    });
  }

  /**
   * Stores a signal and SIGNAL_RECEIVED; when a `wait` step of the run is WAITING for that name, consumes the signal
   * and completes the step with its payload (STEP_COMPLETED), all in one transaction under the run lock — so a signal
   * and a wait that start together never miss each other.
   * @param dependentsOf - the ids of the steps depending on a step (from the run's workflow version).
   * @throws {@link NotFoundError} for an unknown run; {@link ConflictError} when it already finished.
   */
  async signal(
    tenantId: string,
    runId: string,
    name: string,
    payload: unknown,
    dependentsOf: (stepId: string) => readonly string[],
  ): Promise<ProgressResult & { run: WorkflowRun }> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.openActive(manager, tenantId, runId, 'signalled');
      const [signal] = await queryRows(
        manager,
        `INSERT INTO orchestration.signals (tenant_id, run_id, name, payload) VALUES ($1, $2, $3, $4::jsonb) RETURNING id`,
        [tenantId, runId, name, jsonParam(payload)],
      );
      const signalId = String(signal?.['id']);
      locked.emit('SIGNAL_RECEIVED', null, { name, signalId });
      await locked.flush();
      const [waiting] = await queryRows(
        manager,
        `SELECT id, step_id, attempt FROM orchestration.step_runs WHERE tenant_id = $1 AND run_id = $2 AND status = 'WAITING' AND kind = 'wait'
           AND input->>'signal' = $3 ORDER BY position LIMIT 1`,
        [tenantId, runId, name],
      );
      if (!waiting) return { run: locked.run, ready: [], runDone: false };
      await manager.query(`UPDATE orchestration.signals SET consumed_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, signalId]);
      const stepId = String(waiting['step_id']);
      const ref: StepAttemptRef = {
        tenantId,
        runId,
        workflowId: locked.run.workflowId,
        stepRunId: String(waiting['id']),
        stepId,
        attempt: Number(waiting['attempt']),
        parentStepId: null,
      };
      const result = await this.steps.complete(
        ref,
        { status: 'COMPLETED', output: payload ?? null, eventPayload: { signalId } },
        dependentsOf(stepId),
        manager,
      );
      await locked.refresh();
      if (locked.run.status === 'WAITING' && !(await locked.hasWaitingSteps())) await locked.setStatus('RUNNING');
      await locked.flush();
      return { run: locked.run, ready: result.ready, runDone: result.runPending === 0 };
    });
  }

  /**
   * A `wait` step's attempt, under the run lock: consumes the oldest unconsumed signal called `signal` and completes
   * the step with its payload, or (none yet) moves the step WAITING (until `wakeAtMs`, when given) and the run WAITING.
   * @returns `waiting: true` when the step now waits; otherwise the completion's progress.
   */
  async waitForSignal(
    ref: StepAttemptRef,
    signal: string,
    timeoutMs: number | undefined,
    dependents: readonly string[],
  ): Promise<ProgressResult & { waiting: boolean }> {
    return (
      (await this.inRun(ref.tenantId, ref.runId, async (locked, manager) => {
        const [pending] = await queryRows(
          manager,
          `UPDATE orchestration.signals SET consumed_at = now() WHERE id = (
             SELECT id FROM orchestration.signals WHERE tenant_id = $1 AND run_id = $2 AND name = $3 AND consumed_at IS NULL
             ORDER BY received_at, id LIMIT 1) RETURNING id, payload`,
          [ref.tenantId, ref.runId, signal],
        );
        if (pending) {
          const result = await this.steps.complete(
            ref,
            {
              status: 'COMPLETED',
              output: pending['payload'] ?? null,
              input: { signal, ...(timeoutMs ? { timeoutMs } : {}) },
              eventPayload: { signalId: pending['id'] },
            },
            dependents,
            manager,
          );
          return { run: locked.run, ready: result.ready, runDone: result.runPending === 0, waiting: false };
        }
        const [moved] = await queryRows(
          manager,
          `UPDATE orchestration.step_runs SET status = 'WAITING', lease_expires_at = NULL, input = $4::jsonb,
             wake_at = CASE WHEN $5::int IS NULL THEN NULL ELSE clock_timestamp() + make_interval(secs => $5::double precision / 1000) END
           WHERE tenant_id = $1 AND id = $2 AND status = 'RUNNING' AND attempt = $3 RETURNING id`,
          [ref.tenantId, ref.stepRunId, ref.attempt, JSON.stringify({ signal, ...(timeoutMs ? { timeoutMs } : {}) }), timeoutMs ?? null],
        );
        if (moved && locked.run.status === 'RUNNING') await locked.setStatus('WAITING');
        return { run: locked.run, ready: [], runDone: false, waiting: moved !== undefined };
      })) ?? { run: undefined, ready: [], runDone: false, waiting: false }
    );
  }

  /**
   * Fails a step for good (no retry left) and with it the run: the step (and, for a map item, its map step) FAILED
   * or TIMED_OUT, the attempt recorded, STEP_FAILED; the run FAILED with the step's error, its other unfinished steps
   * CANCELLED, RUN_FAILED — one transaction.
   * @returns the ended run, or undefined when the guard did not match (late duplicate, run already over).
   */
  async failStep(ref: StepAttemptRef, error: StepError, input: unknown, fromStatuses: readonly string[] = ['RUNNING']): Promise<EndedRun | undefined> {
    return this.inRun(ref.tenantId, ref.runId, async (locked, manager) => {
      const status = error.code === 'TIMEOUT' ? 'TIMED_OUT' : 'FAILED';
      const [step] = await queryRows(
        manager,
        `UPDATE orchestration.step_runs SET status = $4, error = $5, input = COALESCE($6::jsonb, input), routing_decision_id = COALESCE($7::uuid, routing_decision_id),
           finished_at = clock_timestamp(), lease_expires_at = NULL, wake_at = NULL
         WHERE tenant_id = $1 AND id = $2 AND attempt = $3 AND status = ANY($8::text[]) RETURNING step_id`,
        [ref.tenantId, ref.stepRunId, ref.attempt, status, error.message, jsonParam(input), error.routingDecisionId ?? null, [...fromStatuses]],
      );
      if (!step) return undefined;
      await manager.query(
        `UPDATE orchestration.step_attempts SET status = $4, error = $5, error_code = $6, finished_at = clock_timestamp()
         WHERE tenant_id = $1 AND step_run_id = $2 AND attempt = $3`,
        [ref.tenantId, ref.stepRunId, ref.attempt, status, error.message, error.code],
      );
      locked.emit('STEP_FAILED', ref.stepId, { attempt: ref.attempt, error: error.message, errorCode: error.code, status });
      let failedStepId = ref.stepId;
      if (ref.parentStepId !== null) {
        failedStepId = ref.parentStepId;
        await manager.query(
          `UPDATE orchestration.step_runs SET status = 'FAILED', error = $4, finished_at = clock_timestamp(), lease_expires_at = NULL
           WHERE tenant_id = $1 AND run_id = $2 AND step_id = $3 AND status = 'RUNNING'`,
          [ref.tenantId, ref.runId, ref.parentStepId, `item ${ref.stepId} failed: ${error.message}`],
        );
        locked.emit('STEP_FAILED', ref.parentStepId, { error: `item ${ref.stepId} failed`, errorCode: error.code, status: 'FAILED' });
      }
      const cancelledSteps = await locked.cancelUnfinishedSteps('CANCELLED', 'another step of the run failed');
      const message = `step "${failedStepId}" ${status === 'TIMED_OUT' ? 'timed out' : 'failed'}: ${error.message}`;
      await locked.setStatus('FAILED', { error: message });
      locked.emit('RUN_FAILED', null, { error: message, stepId: failedStepId, cancelledSteps });
      return { run: locked.run };
    });
  }

  /**
   * Times a run out when its deadline passed: unfinished steps CANCELLED, the run TIMED_OUT, RUN_TIMED_OUT.
   * @returns the ended run, or undefined when it is over already or its deadline has not passed.
   */
  async timeOutRun(tenantId: string, runId: string): Promise<EndedRun | undefined> {
    return this.inRun(tenantId, runId, async (locked) => {
      if (!locked.run.deadlineAt || locked.run.deadlineAt.getTime() > Date.now()) return undefined;
      const cancelledSteps = await locked.cancelUnfinishedSteps('CANCELLED', 'the run timed out');
      const error = `the run timed out after ${locked.run.timeoutMs ?? 0} ms`;
      await locked.setStatus('TIMED_OUT', { error });
      locked.emit('RUN_TIMED_OUT', null, { error, cancelledSteps });
      return { run: locked.run };
    });
  }

  private async openActive(manager: EntityManager, tenantId: string, runId: string, verb: string): Promise<LockedRun> {
    const locked = isUuid(runId) ? await LockedRun.open(manager, tenantId, runId) : undefined;
    if (!locked) throw new NotFoundError(`Workflow run "${runId}" not found`, { field: 'id' });
    if (locked.isFinal) {
      throw new ConflictError(`Workflow run "${runId}" already finished (${locked.run.status}); it cannot be ${verb}`, { status: locked.run.status });
    }
    return locked;
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
