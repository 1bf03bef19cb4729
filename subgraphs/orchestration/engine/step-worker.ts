import { SpanKind } from '@opentelemetry/api';
import { contextFromCarrier, inSpan, traceCarrier } from '../../../platform/telemetry/spans.ts';
import type { Logger } from '../../../platform/logger.ts';
import { evaluateCondition, ExpressionError, resolveTemplates, type ExpressionContext } from '../services/expressions.ts';
import { parseStepConfig, type WaitConfig } from '../services/step-config-schemas.ts';
import type { StepDefinition } from '../services/step-definition.ts';
import type { StepOutputDelta } from './executors/output-delta.ts';
import type { InFlightSteps } from './in-flight-steps.ts';
import { retryDelayMs } from './retry-policy.ts';
import type { RunProgress, RunRef } from './run-progress.ts';
import type { RunTransitions } from './run-transitions.ts';
import { StepError } from './step-error.ts';
import type { StepExecutors } from './step-executors.ts';
import type { EngineJob, StepQueue } from './step-queue.ts';
import type { ClaimedStep, ReadyStep, StepAttemptRef, StepTransitions } from './step-transitions.ts';

/** Largest output a step may produce, in bytes of JSON. */
export const MAX_STEP_OUTPUT_BYTES = 1_048_576;

/** What the worker needs. */
export interface StepWorkerOptions {
  readonly steps: StepTransitions;
  readonly runs: RunTransitions;
  readonly progress: RunProgress;
  readonly queue: StepQueue;
  readonly executors: StepExecutors;
  readonly inFlight: InFlightSteps;
  readonly logger: Logger;
  /** Name of this process in attempts (`config.worker.workerId`). */
  readonly workerId: string;
  /** Lease of a claimed step, in ms (`config.worker.leaseMs`); renewed every third of it. */
  readonly leaseMs: number;
  /** Steps one job may run in a row by eager dispatch (`config.worker.eagerSteps`); 0 = none. */
  readonly eagerSteps: number;
}

type StepJob = Extract<EngineJob, { type: 'step' }>;

/**
 * Executes the engine's jobs. A step job: evaluates `when` (SKIPPED when false), claims the step (one statement),
 * resolves the config's templates, executes it outside any transaction under an abort signal (run cancelled or
 * ended, start-to-close timeout, lease lost, process stopping), then records the outcome (one statement) and moves
 * the run on (`RunProgress`). A failed attempt is retried by the step's policy (a delayed job) or fails the run.
 * `wait` steps complete from a pending signal or go WAITING; `map` steps fan out into item steps. Timer jobs time out
 * runs and `wait` steps. While attempts run, their leases are renewed every third of the lease.
 *
 * Eager dispatch: when a step's completion (or skip) makes steps ready, the job goes on with the first of them itself,
 * up to `eagerSteps` steps in a row, and enqueues the others — a run's next step starts without a queue round trip,
 * in the slot the job already holds (so concurrency limits still hold). Nothing is lost if the worker dies between:
 * the step is QUEUED and ready, and the sweeper enqueues it (Temporal's eager activity dispatch is the same idea).
 */
export class StepWorker {
  private renewal: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly o: StepWorkerOptions) {}

  /** Handles one job; never throws (failures are logged; the sweeper recovers what a failure left behind). */
  async handle(job: EngineJob): Promise<void> {
    try {
      switch (job.type) {
        case 'step': {
          let next: StepJob | undefined = job;
          for (let steps = 1; next; steps++) next = await this.handleStep(next, steps <= this.o.eagerSteps && !this.closed);
          return;
        }
        case 'run-deadline': {
          const ended = await this.o.runs.timeOutRun(job.tenantId, job.runId);
          if (ended) await this.o.progress.ended(job.runId);
          return;
        }
        case 'wait-timeout': {
          const ref: StepAttemptRef = { ...job, parentStepId: null };
          const ended = await this.o.runs.failStep(ref, new StepError('TIMEOUT', "no signal arrived within the wait step's timeout"), null, ['WAITING']);
          if (ended) await this.o.progress.ended(job.runId);
          return;
        }
        default: {
          const never: never = job;
          throw new Error(`unknown job ${JSON.stringify(never)}`);
        }
      }
    } catch (error) {
      this.o.logger.error({ err: error, job }, 'engine job failed');
    }
  }

  /** Starts renewing the leases of the attempts in flight. */
  start(): void {
    this.renewal ??= setInterval(
      () => {
        this.o.steps
          .renewLeases(this.o.inFlight.leases(), this.o.leaseMs)
          .then((lost) => lost.forEach((id) => this.o.inFlight.abortStep(id, 'CANCELLED')))
          .catch((error: unknown) => this.o.logger.error({ err: error }, 'lease renewal failed'));
      },
      Math.max(100, Math.floor(this.o.leaseMs / 3)),
    );
    this.renewal.unref();
  }

  /**
   * Stops: attempts in flight are aborted with SHUTDOWN and given back (QUEUED, re-enqueued for another worker);
   * the queue's close waits for their handlers.
   */
  close(): void {
    this.closed = true;
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = undefined;
    this.o.inFlight.abortAll('SHUTDOWN');
  }

  /**
   * Handles one step job. With `eager`, returns the job of a step it made ready and did not enqueue, for the caller
   * to run next.
   */
  private async handleStep(job: StepJob, eager: boolean): Promise<StepJob | undefined> {
    // One CONSUMER span per attempt, in the trace of whatever made the step ready (the job's `trace`).
    const attributes = {
      'orchestra.workflow.id': job.workflowId,
      'orchestra.workflow.version': job.workflowVersion,
      'orchestra.run.id': job.runId,
      'orchestra.step.id': job.stepId,
      'orchestra.step.attempt': job.attempt,
    };
    return inSpan(`step ${job.stepId}`, { kind: SpanKind.CONSUMER, attributes }, () => this.handleStepAttempt(job, eager), contextFromCarrier(job.trace));
  }

  private async handleStepAttempt(job: StepJob, eager: boolean): Promise<StepJob | undefined> {
    const run: RunRef = job;
    const nextJob = (step: ReadyStep | undefined): StepJob | undefined => {
      if (!step) return undefined;
      const trace = traceCarrier();
      return { ...job, stepRunId: step.stepRunId, stepId: step.stepId, attempt: 1, ...(Object.keys(trace).length > 0 ? { trace } : {}) };
    };
    const workflow = await this.o.progress.definition(run);
    const found = this.o.progress.stepDefinition(workflow, job.stepId);
    if (!found) {
      this.o.logger.error({ runId: job.runId, stepId: job.stepId }, 'step not in its workflow version; job dropped');
      return;
    }
    const { definition, parentStepId } = found;
    const graph = this.o.progress.graph(workflow);
    const ancestors = graph.ancestors.get(parentStepId ?? job.stepId) ?? [];
    const dependentsOf = (id: string): readonly string[] => graph.dependents.get(id) ?? [];

    let whenError: StepError | undefined;
    if (definition.when !== null && parentStepId === null) {
      const before = await this.o.steps.readContext(job.tenantId, job.stepRunId, ancestors);
      if (!before || before.status !== 'QUEUED') return;
      try {
        const context: ExpressionContext = { input: before.runInput, steps: before.outputs, run: { id: job.runId } };
        if (!(await evaluateCondition(definition.when, context))) {
          const ref: StepAttemptRef = { ...job, attempt: 0, parentStepId: null };
          const result = await this.o.steps.complete(
            ref,
            { status: 'SKIPPED', output: null, eventPayload: { reason: 'when evaluated to false' } },
            dependentsOf(job.stepId),
          );
          return result.applied ? nextJob(await this.o.progress.advance(run, result, null, eager)) : undefined;
        }
      } catch (error) {
        whenError = toStepError(error);
      }
    }

    const claimed = await this.o.steps.claim(job, ancestors, this.o.workerId, this.o.leaseMs);
    if (!claimed) return;
    const ref: StepAttemptRef = { ...job, attempt: claimed.attempt, parentStepId };
    const items = claimed.parentInput?.items;
    const concurrency = claimed.parentInput?.concurrency ?? 1;
    const index = claimed.itemIndex;
    const dependents =
      parentStepId === null
        ? dependentsOf(job.stepId)
        : index !== null && items && index + concurrency < items.length
          ? [`${parentStepId}[${index + concurrency}]`]
          : [];
    const context: ExpressionContext = {
      input: claimed.runInput,
      steps: claimed.outputs,
      run: { id: job.runId },
      ...(index !== null ? { item: items?.[index] ?? null, index } : {}),
    };

    let config: Record<string, unknown> | null = null;
    try {
      if (whenError) throw whenError;
      config = await this.resolveConfig(definition, context);
      if (definition.kind === 'map') {
        await this.startMap(run, ref, definition, config, dependents);
        return;
      }
      if (definition.kind === 'wait') {
        const wait = config as WaitConfig;
        const timeoutMs = wait.timeoutMs ?? definition.timeoutMs ?? undefined;
        const result = await this.o.runs.waitForSignal(ref, wait.signal, timeoutMs, dependents);
        if (result.waiting && timeoutMs !== undefined) {
          await this.o.queue.enqueue([
            {
              job: {
                type: 'wait-timeout',
                tenantId: job.tenantId,
                runId: job.runId,
                workflowId: job.workflowId,
                stepRunId: job.stepRunId,
                stepId: job.stepId,
                attempt: claimed.attempt,
              },
              delayMs: timeoutMs,
            },
          ]);
        }
        await this.o.progress.advance(run, result);
        return;
      }
      const result = await this.execute(ref, definition, claimed, config, context);
      const completion = await this.o.steps.complete(
        ref,
        { status: 'COMPLETED', output: result.output, routingDecisionId: result.routingDecisionId, input: config },
        dependents,
      );
      if (!completion.applied) {
        await this.o.steps.discard(ref, 'the attempt finished after the step had moved on (taken over, cancelled or timed out); its result was dropped');
        return;
      }
      return nextJob(await this.o.progress.advance(run, completion, parentStepId, eager));
    } catch (error) {
      await this.failed(run, ref, definition, toStepError(error), config);
      return undefined;
    }
  }

  /** Resolves templates (not for `transform`, whose expression is evaluated by its executor) and checks the result. */
  private async resolveConfig(definition: StepDefinition, context: ExpressionContext): Promise<Record<string, unknown>> {
    const resolved = definition.kind === 'transform' ? definition.config : await resolveTemplates(definition.config, context);
    const parsed = parseStepConfig(definition.kind, resolved, 'resolved');
    if (!parsed.ok) throw new StepError('INVALID_CONFIG', `config.${parsed.issue.path}: ${parsed.issue.message} (after templates)`);
    return parsed.config;
  }

  /**
   * Fans a claimed map step out into its items (or completes it at once for an empty list).
   * @param dependents - the steps that depend on the map step.
   */
  private async startMap(
    run: RunRef,
    ref: StepAttemptRef,
    definition: StepDefinition,
    config: Record<string, unknown>,
    dependents: readonly string[],
  ): Promise<void> {
    const items = config['items'] as unknown[];
    const concurrency = Number(config['concurrency'] ?? 1);
    if (!definition.item) throw new StepError('INVALID_CONFIG', 'map step without an item step');
    if (items.length === 0) {
      const result = await this.o.steps.complete(ref, { status: 'COMPLETED', output: [], input: config }, dependents);
      if (result.applied) await this.o.progress.advance(run, result);
      return;
    }
    const ready = await this.o.steps.expandMap(ref, { items, concurrency }, definition.item.kind);
    await this.o.progress.enqueueReady(run, ready);
  }

  /** Executes one attempt under its abort signal and start-to-close timeout. @throws {@link StepError} */
  private async execute(
    ref: StepAttemptRef,
    definition: StepDefinition,
    claimed: ClaimedStep,
    config: Record<string, unknown>,
    context: ExpressionContext,
  ): Promise<{ output: unknown; routingDecisionId: string | undefined }> {
    if (definition.kind === 'wait' || definition.kind === 'map') throw new Error(`kind ${definition.kind} does not execute`);
    const timeoutMs = definition.timeoutMs ?? this.o.executors.defaultTimeoutMs(definition.kind);
    const { controller, end } = this.o.inFlight.begin(ref.runId, claimed.stepRunId, claimed.attempt);
    const timer =
      timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(new StepError('TIMEOUT', `timed out after ${timeoutMs} ms`)), timeoutMs);
    try {
      if (this.closed) controller.abort('SHUTDOWN');
      const result = await this.o.executors.execute(definition.kind, {
        tenantId: ref.tenantId,
        runId: ref.runId,
        sessionId: claimed.sessionId,
        stepId: claimed.stepId,
        attempt: claimed.attempt,
        config,
        context,
        signal: controller.signal,
        emitOutputDelta: (delta) => this.emitOutputDelta(ref, delta),
      });
      if (controller.signal.aborted) throw StepError.aborted(controller.signal);
      const bytes = Buffer.byteLength(JSON.stringify(result.output ?? null), 'utf8');
      if (bytes > MAX_STEP_OUTPUT_BYTES) throw new StepError('OUTPUT_TOO_LARGE', `output is ${bytes} bytes; at most ${MAX_STEP_OUTPUT_BYTES}`);
      return { output: result.output ?? null, routingDecisionId: result.routingDecisionId };
    } catch (error) {
      throw controller.signal.aborted && !(error instanceof StepError) ? StepError.aborted(controller.signal) : error;
    } finally {
      if (timer) clearTimeout(timer);
      end();
    }
  }

  /** Writes a STEP_OUTPUT_DELTA of a running attempt; a failure is logged and dropped (never rejects). */
  private async emitOutputDelta(ref: StepAttemptRef, delta: StepOutputDelta): Promise<void> {
    try {
      await this.o.steps.outputDelta(ref, { ...delta });
    } catch (error) {
      this.o.logger.warn({ err: error, runId: ref.runId, stepId: ref.stepId, attempt: ref.attempt }, 'partial answer event dropped');
    }
  }

  /** A failed attempt: given back (worker stopping), dropped (run ended), retried by policy, or failing the run. */
  private async failed(run: RunRef, ref: StepAttemptRef, definition: StepDefinition, error: StepError, input: unknown): Promise<void> {
    if (error.code === 'SHUTDOWN' || (this.closed && error.code === 'CANCELLED')) {
      if (await this.o.steps.release(ref)) await this.o.progress.enqueueReady(run, [ref], ref.attempt + 1);
      return;
    }
    if (error.code === 'CANCELLED') {
      await this.o.steps.discard(ref, 'aborted: the run ended or the step moved on');
      return;
    }
    const delayMs = retryDelayMs(definition.retry, ref.attempt, error);
    if (delayMs !== undefined) {
      if (await this.o.steps.retry(ref, error, delayMs, input)) await this.o.progress.enqueueReady(run, [ref], ref.attempt + 1, delayMs);
      return;
    }
    const ended = await this.o.runs.failStep(ref, error, input);
    if (ended) await this.o.progress.ended(run.runId);
    else await this.o.steps.discard(ref, `failed after the step had moved on: ${error.message}`);
  }
}

function toStepError(error: unknown): StepError {
  return error instanceof ExpressionError ? new StepError('EXPRESSION', error.message) : StepError.from(error);
}
