import { BadUserInputError, NotFoundError } from '../../../platform/errors.ts';
import { assertIntRange, assertJsonSize, assertLength, isUuid } from '../../../platform/validation.ts';
import type { WorkflowRun } from '../entities/workflow-run.ts';
import { MAX_SIGNAL_NAME_LENGTH } from '../services/step-config-schemas.ts';
import { sinkStepIds } from '../services/workflow-definition.ts';
import type { WorkflowRunService } from '../services/workflow-runs.ts';
import type { WorkflowService } from '../services/workflows.ts';
import type { InFlightSteps } from './in-flight-steps.ts';
import type { RunScheduler } from './run-scheduler.ts';
import type { RunTransitions } from './run-transitions.ts';

/** Largest run input, in bytes of JSON. */
export const MAX_RUN_INPUT_BYTES = 262_144;
/** Largest signal payload, in bytes of JSON. */
export const MAX_SIGNAL_PAYLOAD_BYTES = 262_144;
/** Longest idempotency key, in characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
/** Bound of `priority` (from -bound to +bound). */
export const MAX_RUN_PRIORITY = 1_000;

/** GraphQL `StartWorkflowRunInput`. */
export interface StartWorkflowRunInput {
  readonly workflowId: string;
  readonly input?: unknown;
  readonly sessionId?: string | null | undefined;
  readonly idempotencyKey?: string | null | undefined;
  readonly priority?: number | null | undefined;
}

/** What the engine needs. */
export interface WorkflowEngineOptions {
  readonly runs: WorkflowRunService;
  readonly workflows: WorkflowService;
  readonly transitions: RunTransitions;
  readonly scheduler: RunScheduler;
  readonly inFlight: InFlightSteps;
}

/** The run operations of the API: start, cancel, signal. Steps execute in the worker (`StepWorker`). */
export class WorkflowEngine {
  constructor(private readonly o: WorkflowEngineOptions) {}

  /**
   * Starts a run of the tenant's workflow (RUNNING, steps QUEUED, RUN_STARTED in one transaction) and enqueues its
   * ready steps. An idempotency key seen in the last 24 hours returns that run.
   * @throws {@link NotFoundError} for an unknown workflow; {@link BadUserInputError} for a bad session id, an input
   *   over {@link MAX_RUN_INPUT_BYTES}, a key over {@link MAX_IDEMPOTENCY_KEY_LENGTH} or a priority out of range;
   *   {@link ConflictError} when the key started a run of another workflow.
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
    assertIntRange('input.priority', priority, -MAX_RUN_PRIORITY, MAX_RUN_PRIORITY);
    const [workflow] = await this.o.workflows.byIds(tenantId, [input.workflowId]);
    if (!workflow) throw new NotFoundError(`Workflow "${input.workflowId}" not found`, { field: 'input.workflowId' });
    const started = await this.o.transitions.start(tenantId, {
      workflow,
      input: input.input ?? null,
      sessionId: input.sessionId?.toLowerCase() ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      priority,
    });
    if (started.created) await this.o.scheduler.schedule(tenantId, started.run.id);
    return started.run;
  }

  /**
   * Cancels a run and aborts its steps executing in this process.
   * @throws {@link NotFoundError}; {@link ConflictError} when the run already finished.
   */
  async cancel(tenantId: string, runId: string): Promise<WorkflowRun> {
    const run = await this.o.transitions.cancel(tenantId, runId);
    this.o.inFlight.abortRun(run.id, 'CANCELLED');
    return run;
  }

  /**
   * Delivers signal `name` to a run; a `wait` step waiting for it completes and the run continues.
   * @throws {@link NotFoundError}; {@link ConflictError} when the run already finished; {@link BadUserInputError}
   *   for a name outside 1–200 characters or a payload over {@link MAX_SIGNAL_PAYLOAD_BYTES}.
   */
  async signal(tenantId: string, runId: string, name: string, payload: unknown): Promise<WorkflowRun> {
    assertLength('name', name, MAX_SIGNAL_NAME_LENGTH, 1);
    assertJsonSize('payload', payload, MAX_SIGNAL_PAYLOAD_BYTES);
    const [run] = await this.o.runs.byIds(tenantId, [runId]);
    if (!run) throw new NotFoundError(`Workflow run "${runId}" not found`, { field: 'id' });
    const workflow = await this.o.workflows.definition(tenantId, run.workflowId, run.workflowVersion);
    const result = await this.o.transitions.signal(tenantId, run.id, name, payload ?? null, sinkStepIds(workflow.steps));
    if (result.woke) await this.o.scheduler.schedule(tenantId, run.id);
    return result.run;
  }
}
