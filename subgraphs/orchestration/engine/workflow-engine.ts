import { BadUserInputError, NotFoundError } from '../../../platform/errors.ts';
import { assertIntRange, assertJsonSize, assertLength, isUuid } from '../../../platform/validation.ts';
import type { WorkflowRun } from '../entities/workflow-run.ts';
import { MAX_SIGNAL_NAME_LENGTH } from '../services/step-config-schemas.ts';
import type { WorkflowRunService } from '../services/workflow-runs.ts';
import type { WorkflowService } from '../services/workflows.ts';
import { MAX_RUN_TIMEOUT_MS } from '../services/workflows.ts';
import { MAX_RUN_PRIORITY, MIN_RUN_PRIORITY } from './queue-priority.ts';
import type { RunProgress, RunRef } from './run-progress.ts';
import type { RunTransitions } from './run-transitions.ts';
import type { StepQueue } from './step-queue.ts';

/** Largest run input, in bytes of JSON. */
export const MAX_RUN_INPUT_BYTES = 262_144;
/** Largest signal payload, in bytes of JSON. */
export const MAX_SIGNAL_PAYLOAD_BYTES = 262_144;
/** Longest idempotency key, in characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** GraphQL `StartWorkflowRunInput`. */
export interface StartWorkflowRunInput {
  readonly workflowId: string;
  readonly input?: unknown;
  readonly sessionId?: string | null | undefined;
  readonly idempotencyKey?: string | null | undefined;
  readonly priority?: number | null | undefined;
  readonly timeoutMs?: number | null | undefined;
}

/** What the engine needs. */
export interface WorkflowEngineOptions {
  readonly runs: WorkflowRunService;
  readonly workflows: WorkflowService;
  readonly transitions: RunTransitions;
  readonly progress: RunProgress;
  /** Undefined in a process that runs no worker and no queue (steps then wait for a worker's sweeper). */
  readonly queue: StepQueue | undefined;
  /** The task queue new runs are started on (`config.worker.queue`). */
  readonly queueName: string;
  /** Called right after an operation committed workflow events (the outbox relay's nudge: it publishes them at once). */
  readonly eventsCommitted?: () => void;
}

/** The run operations of the API: start, cancel, signal. Steps execute in the workers (`StepWorker`). */
export class WorkflowEngine {
  constructor(private readonly o: WorkflowEngineOptions) {}

  /**
   * Starts a run of the tenant's workflow at its latest version (RUNNING, steps QUEUED, RUN_STARTED in one
   * transaction), enqueues its ready steps and, with a timeout, its deadline. An idempotency key seen in the last
   * 24 hours returns that run.
   * @throws {@link NotFoundError} for an unknown workflow; {@link BadUserInputError} for a bad session id, an input
   *   over {@link MAX_RUN_INPUT_BYTES}, a key over {@link MAX_IDEMPOTENCY_KEY_LENGTH}, a priority out of range or a
   *   timeout outside 1..{@link MAX_RUN_TIMEOUT_MS}; {@link ConflictError} when the key started a run of another
   *   workflow.
   */
  async start(tenantId: string, input: StartWorkflowRunInput): Promise<WorkflowRun> {
    if (input.sessionId !== null && input.sessionId !== undefined && !isUuid(input.sessionId)) {
      throw new BadUserInputError('input.sessionId: must be a UUID', { field: 'input.sessionId' });
    }
    assertJsonSize('input.input', input.input, MAX_RUN_INPUT_BYTES);
    if (input.idempotencyKey !== null && input.idempotencyKey !== undefined) {
      assertLength('input.idempotencyKey', input.idempotencyKey, MAX_IDEMPOTENCY_KEY_LENGTH, 1);
    }
    const priority = input.priority ?? 0;
    assertIntRange('input.priority', priority, MIN_RUN_PRIORITY, MAX_RUN_PRIORITY);
    if (input.timeoutMs !== null && input.timeoutMs !== undefined) assertIntRange('input.timeoutMs', input.timeoutMs, 1, MAX_RUN_TIMEOUT_MS);
    const [workflow] = await this.o.workflows.byIds(tenantId, [input.workflowId]);
    if (!workflow) throw new NotFoundError(`Workflow "${input.workflowId}" not found`, { field: 'input.workflowId' });
    const timeoutMs = input.timeoutMs ?? workflow.timeoutMs ?? null;
    const started = await this.o.transitions.start(tenantId, {
      workflowId: workflow.id,
      workflowVersion: workflow.version,
      steps: workflow.steps,
      input: input.input ?? null,
      sessionId: input.sessionId?.toLowerCase() ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      priority,
      queue: this.o.queueName,
      timeoutMs,
    });
    if (started.created) {
      this.o.eventsCommitted?.();
      const run = started.run;
      if (timeoutMs !== null) {
        await this.o.queue?.enqueue([{ job: { type: 'run-deadline', tenantId, runId: run.id }, delayMs: timeoutMs }]);
      }
      await this.o.progress.enqueueReady(refOf(run), started.ready);
    }
    return started.run;
  }

  /**
   * Cancels a run and aborts its attempts in flight, in every worker process.
   * @throws {@link NotFoundError}; {@link ConflictError} when the run already finished.
   */
  async cancel(tenantId: string, runId: string): Promise<WorkflowRun> {
    const run = await this.o.transitions.cancel(tenantId, runId);
    this.o.eventsCommitted?.();
    await this.o.progress.ended(run.id);
    return run;
  }

  /**
   * Delivers signal `name` to a run; a `wait` step waiting for it completes and the run continues. A signal that
   * arrives before its `wait` step is kept and consumed when the step runs.
   * @throws {@link NotFoundError}; {@link ConflictError} when the run already finished; {@link BadUserInputError}
   *   for a name outside 1–200 characters or a payload over {@link MAX_SIGNAL_PAYLOAD_BYTES}.
   */
  async signal(tenantId: string, runId: string, name: string, payload: unknown): Promise<WorkflowRun> {
    assertLength('name', name, MAX_SIGNAL_NAME_LENGTH, 1);
    assertJsonSize('payload', payload, MAX_SIGNAL_PAYLOAD_BYTES);
    const [run] = await this.o.runs.byIds(tenantId, [runId]);
    if (!run) throw new NotFoundError(`Workflow run "${runId}" not found`, { field: 'id' });
    const workflow = await this.o.progress.definition(refOf(run));
    const graph = this.o.progress.graph(workflow);
    const result = await this.o.transitions.signal(tenantId, run.id, name, payload ?? null, (id) => graph.dependents.get(id) ?? []);
    this.o.eventsCommitted?.();
    await this.o.progress.advance(refOf(run), result);
    if (result.runDone) {
      const [after] = await this.o.runs.byIds(tenantId, [run.id]);
      return after ?? result.run;
    }
    return result.run;
  }
}

function refOf(run: WorkflowRun): RunRef {
  return { tenantId: run.tenantId, runId: run.id, workflowId: run.workflowId, workflowVersion: run.workflowVersion, priority: run.priority };
}
