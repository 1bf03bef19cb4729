import type { DataSource } from 'typeorm';
import type { Logger } from '../../../platform/logger.ts';
import type { StepRun } from '../entities/step-run.ts';
import { isFinalRunStatus, type WorkflowRun } from '../entities/workflow-run.ts';
import type { Workflow } from '../entities/workflow.ts';
import { ExpressionError, evaluateCondition, resolveTemplates, type ExpressionContext } from '../services/expressions.ts';
import { parseStepConfig, type WaitConfig } from '../services/step-config-schemas.ts';
import type { StepDefinition } from '../services/step-definition.ts';
import { queryRows } from '../services/sql.ts';
import { sinkStepIds } from '../services/workflow-definition.ts';
import type { WorkflowRunService } from '../services/workflow-runs.ts';
import type { WorkflowService } from '../services/workflows.ts';
import type { InFlightSteps } from './in-flight-steps.ts';
import type { StepLeases } from './step-leases.ts';
import { expressionContext } from './ready-steps.ts';
import type { RunScheduler } from './run-scheduler.ts';
import { StepError } from './step-error.ts';
import type { StepExecutors } from './step-executors.ts';
import type { StepJob } from './step-queue.ts';
import type { StepAttempt, StepOutcome, StepTransitions, TransitionResult } from './step-transitions.ts';

/** Largest output a step may produce, in bytes of JSON. */
export const MAX_STEP_OUTPUT_BYTES = 1_048_576;

/** What the worker needs. */
export interface StepWorkerOptions {
  readonly dataSource: DataSource;
  readonly runs: WorkflowRunService;
  readonly workflows: WorkflowService;
  readonly transitions: StepTransitions;
  readonly scheduler: RunScheduler;
  readonly executors: StepExecutors;
  readonly inFlight: InFlightSteps;
  readonly leases: StepLeases;
  readonly logger: Logger;
}

/**
 * Executes step jobs: evaluates `when` (SKIPPED when false), resolves the config's templates, claims the step
 * (one transaction), executes it outside any transaction with an abort signal (run cancel, timeout, shutdown), records
 * the outcome (one transaction), then enqueues the steps that became ready. `wait` steps complete from a pending
 * signal or go WAITING (see `StepTransitions.waitForSignal`).
 */
export class StepWorker {
  private readonly waitTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly o: StepWorkerOptions) {}

  /** Handles one job; never throws (failures are logged). */
  async handle(job: StepJob): Promise<void> {
    try {
      await this.execute(job);
    } catch (error) {
      this.o.logger.error({ err: error, runId: job.runId, stepId: job.stepId }, 'step job failed');
    }
  }

  /**
   * Recovers when the worker starts: steps left RUNNING by a dead process (lease expired) go back to QUEUED and run
   * again (attempt + 1), every active run's ready steps are enqueued, the timeouts of WAITING `wait` steps are
   * re-armed, and the periodic lease renewal and sweep start.
   */
  async recover(): Promise<void> {
    const m = this.o.dataSource.manager;
    await this.o.leases.sweep();
    this.o.leases.start();
    const active = await queryRows<{ tenant_id: string; id: string }>(
      m,
      `SELECT tenant_id, id FROM orchestration.workflow_runs WHERE status IN ('RUNNING', 'WAITING') ORDER BY priority DESC, created_at`,
    );
    for (const run of active) await this.o.scheduler.schedule(run.tenant_id, run.id);
    const waiting = await queryRows<{ tenant_id: string; run_id: string; id: string; step_id: string; attempt: number; input: unknown; started_at: Date }>(
      m,
      `SELECT s.tenant_id, s.run_id, s.id, s.step_id, s.attempt, s.input, s.started_at FROM orchestration.step_runs s
       JOIN orchestration.workflow_runs r ON r.id = s.run_id AND r.tenant_id = s.tenant_id
       WHERE r.status IN ('RUNNING', 'WAITING') AND s.status = 'WAITING' AND s.kind = 'wait'`,
    );
    for (const w of waiting) {
      const [run] = await this.o.runs.byIds(w.tenant_id, [w.run_id]);
      if (!run) continue;
      const workflow = await this.o.workflows.definition(w.tenant_id, run.workflowId, run.workflowVersion);
      const timeoutMs = this.waitTimeoutMs(workflow.steps.find((d) => d.id === w.step_id), w.input as WaitConfig);
      const attempt = { tenantId: w.tenant_id, runId: w.run_id, stepRunId: w.id, stepId: w.step_id, attempt: w.attempt };
      if (timeoutMs !== undefined) this.armWaitTimeout(attempt, workflow, timeoutMs - (Date.now() - w.started_at.getTime()));
    }
  }

  /** Stops the wait timers (idempotent). In-flight attempts are aborted by the caller (`InFlightSteps`). */
  close(): void {
    this.closed = true;
    this.o.leases.close();
    for (const timer of this.waitTimers.values()) clearTimeout(timer);
    this.waitTimers.clear();
  }

  private async execute(job: StepJob): Promise<void> {
    const [run] = await this.o.runs.byIds(job.tenantId, [job.runId]);
    if (!run || isFinalRunStatus(run.status)) return;
    const workflow = await this.o.workflows.definition(job.tenantId, run.workflowId, run.workflowVersion);
    const definition = workflow.steps.find((d) => d.id === job.stepId);
    const [steps = []] = await this.o.runs.stepsOf(job.tenantId, [job.runId]);
    const step = steps.find((s) => s.stepId === job.stepId);
    if (!definition || !step || step.status !== 'QUEUED') return;
    const done = new Set(steps.filter((s) => s.status === 'COMPLETED' || s.status === 'SKIPPED').map((s) => s.stepId));
    if (!definition.dependsOn.every((dep) => done.has(dep))) return;
    const sinks = sinkStepIds(workflow.steps);
    const context = expressionContext(run, workflow.steps, steps, step.stepId);

    let prepared: { config: Record<string, unknown> } | { error: StepError };
    try {
      if (definition.when !== null && !(await evaluateCondition(definition.when, context))) {
        await this.after(run, await this.o.transitions.skip(job.tenantId, job.runId, step.id, sinks));
        return;
      }
      prepared = { config: await this.resolveConfig(definition, context) };
    } catch (error) {
      prepared = { error: error instanceof ExpressionError ? new StepError('EXPRESSION', error.message) : StepError.from(error) };
    }
    const claimed = await this.o.transitions.claim(job.tenantId, job.runId, step.id, 'config' in prepared ? prepared.config : null);
    if (!claimed) return;
    const attempt: StepAttempt = { tenantId: job.tenantId, runId: job.runId, stepRunId: step.id, stepId: step.stepId, attempt: claimed.attempt };
    if ('error' in prepared) {
      await this.after(run, await this.o.transitions.finish(attempt, failure(prepared.error), sinks));
      return;
    }
    if (definition.kind === 'wait') {
      const config = prepared.config as WaitConfig;
      const result = await this.o.transitions.waitForSignal(attempt, config.signal, sinks);
      const timeoutMs = this.waitTimeoutMs(definition, config);
      if (result.waiting && timeoutMs !== undefined) this.armWaitTimeout(attempt, workflow, timeoutMs);
      await this.after(run, result);
      return;
    }
    const outcome = await this.attempt(run, definition, claimed, prepared.config, context);
    if (!outcome) {
      await this.o.transitions.release(attempt);
      return;
    }
    await this.after(run, await this.o.transitions.finish(attempt, outcome, sinks));
  }

  /** Resolves templates (not for `transform`, whose expression is evaluated by its executor) and checks the result. */
  private async resolveConfig(definition: StepDefinition, context: ExpressionContext): Promise<Record<string, unknown>> {
    const resolved = definition.kind === 'transform' ? definition.config : await resolveTemplates(definition.config, context);
    const parsed = parseStepConfig(definition.kind, resolved, 'resolved');
    if (!parsed.ok) throw new StepError('INVALID_CONFIG', `config.${parsed.issue.path}: ${parsed.issue.message} (after templates)`);
    return parsed.config;
  }

  /** Executes one attempt; `undefined` when the worker is stopping (the step is released to QUEUED, to run again). */
  private async attempt(
    run: WorkflowRun,
    definition: StepDefinition,
    claimed: StepRun,
    config: Record<string, unknown>,
    context: ExpressionContext,
  ): Promise<StepOutcome | undefined> {
    if (definition.kind === 'wait') return undefined;
    const timeoutMs = definition.timeoutMs ?? this.o.executors.defaultTimeoutMs(definition.kind);
    const { controller, end } = this.o.inFlight.begin(run.id);
    const release = this.o.leases.hold(claimed.id);
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => controller.abort(new StepError('TIMEOUT', `timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      const result = await this.o.executors.execute(definition.kind, {
        tenantId: run.tenantId,
        runId: run.id,
        sessionId: run.sessionId,
        stepId: claimed.stepId,
        config,
        context,
        signal: controller.signal,
      });
      if (controller.signal.aborted) throw StepError.aborted(controller.signal);
      const bytes = Buffer.byteLength(JSON.stringify(result.output ?? null), 'utf8');
      if (bytes > MAX_STEP_OUTPUT_BYTES) throw new StepError('OUTPUT_TOO_LARGE', `output is ${bytes} bytes; at most ${MAX_STEP_OUTPUT_BYTES}`);
      return { status: 'COMPLETED', output: result.output ?? null, routingDecisionId: result.routingDecisionId };
    } catch (error) {
      const stepError = controller.signal.aborted && !(error instanceof StepError) ? StepError.aborted(controller.signal) : StepError.from(error);
      if (stepError.code === 'SHUTDOWN' || this.closed) return undefined;
      return failure(stepError);
    } finally {
      if (timer) clearTimeout(timer);
      release();
      end();
    }
  }

  private waitTimeoutMs(definition: StepDefinition | undefined, config: WaitConfig | null): number | undefined {
    return config?.timeoutMs ?? definition?.timeoutMs ?? undefined;
  }

  private armWaitTimeout(attempt: StepAttempt, workflow: Workflow, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.waitTimers.delete(attempt.stepRunId);
      const outcome: StepOutcome = { status: 'TIMED_OUT', error: `no signal arrived within the wait's timeout` };
      this.o.transitions
        .finish(attempt, outcome, sinkStepIds(workflow.steps))
        .then((result) => (result.runFinished ? this.o.inFlight.abortRun(attempt.runId, 'CANCELLED') : undefined))
        .catch((error: unknown) => this.o.logger.error({ err: error, runId: attempt.runId }, 'wait timeout failed'));
    }, Math.max(0, delayMs));
    timer.unref();
    this.waitTimers.set(attempt.stepRunId, timer);
  }

  /** After a transition: a failed run's other attempts are aborted; otherwise newly ready steps are enqueued. */
  private async after(run: WorkflowRun, result: TransitionResult): Promise<void> {
    if (!result.applied) return;
    if (result.runFinished) {
      if (result.run?.status !== 'COMPLETED') this.o.inFlight.abortRun(run.id, 'CANCELLED');
      return;
    }
    await this.o.scheduler.schedule(run.tenantId, run.id);
  }
}

function failure(error: StepError): StepOutcome {
  return {
    status: error.code === 'TIMEOUT' ? 'TIMED_OUT' : 'FAILED',
    error: error.message,
    routingDecisionId: error.routingDecisionId,
  };
}
