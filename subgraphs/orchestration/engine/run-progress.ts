import { traceCarrier } from '../../../platform/telemetry/spans.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { Workflow } from '../entities/workflow.ts';
import type { StepDefinition } from '../services/step-definition.ts';
import { ancestorsOf, sinkStepIds } from '../services/workflow-definition.ts';
import type { WorkflowService } from '../services/workflows.ts';
import type { RunAborts } from './run-aborts.ts';
import type { RunTransitions } from './run-transitions.ts';
import type { StepQueue } from './step-queue.ts';
import type { ReadyStep, StepTransitions } from './step-transitions.ts';

/** What identifies a run for scheduling: its ids, the workflow version it executes and its priority. */
export interface RunRef {
  readonly tenantId: string;
  readonly runId: string;
  readonly workflowId: string;
  readonly workflowVersion: number;
  readonly priority: number;
}

/** The shape a workflow's graph is looked up in, built once per workflow version. */
interface WorkflowGraph {
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  readonly sinks: readonly string[];
  readonly byId: ReadonlyMap<string, StepDefinition>;
  /** Ids of each step's direct and transitive dependencies (the outputs its expressions may read). */
  readonly ancestors: ReadonlyMap<string, readonly string[]>;
}

/** Pattern of a map item's step id: `<map step id>[<index>]`. */
const ITEM_STEP_ID = /^(.+)\[(\d+)\]$/;

/**
 * Moves runs forward after a transition: enqueues the steps it made ready, finalises a map step whose items are all
 * done and a run whose steps are all done, and aborts the attempts of a run that ended. Shared by the worker, the
 * API (start, signal) and the sweeper, so every path schedules the same way.
 */
export class RunProgress {
  private readonly graphs = new WeakMap<Workflow, WorkflowGraph>();

  constructor(
    private readonly o: {
      readonly queue: StepQueue | undefined;
      readonly steps: StepTransitions;
      readonly runs: RunTransitions;
      readonly workflows: WorkflowService;
      readonly aborts: RunAborts;
      readonly logger: Logger;
    },
  ) {}

  /** The workflow version a run executes (cached; versions never change). */
  definition(run: Pick<RunRef, 'tenantId' | 'workflowId' | 'workflowVersion'>): Promise<Workflow> {
    return this.o.workflows.definition(run.tenantId, run.workflowId, run.workflowVersion);
  }

  /** Dependents, sinks and definitions by id of a workflow version. */
  graph(workflow: Workflow): WorkflowGraph {
    let graph = this.graphs.get(workflow);
    if (!graph) {
      const dependents = new Map<string, string[]>();
      for (const step of workflow.steps) for (const dep of step.dependsOn) dependents.set(dep, [...(dependents.get(dep) ?? []), step.id]);
      graph = {
        dependents,
        sinks: sinkStepIds(workflow.steps),
        byId: new Map(workflow.steps.map((s) => [s.id, s])),
        ancestors: new Map(workflow.steps.map((s) => [s.id, [...ancestorsOf(workflow.steps, s.id)]])),
      };
      this.graphs.set(workflow, graph);
    }
    return graph;
  }

  /**
   * The definition of step `stepId` of `workflow`: a top-level step, or (for `<map>[<i>]`) the item step of map step
   * `<map>`, with the parent's id and the item's index.
   */
  stepDefinition(workflow: Workflow, stepId: string): { definition: StepDefinition; parentStepId: string | null; index: number | null } | undefined {
    const graph = this.graph(workflow);
    const top = graph.byId.get(stepId);
    if (top) return { definition: top, parentStepId: null, index: null };
    const match = ITEM_STEP_ID.exec(stepId);
    const parent = match ? graph.byId.get(match[1] ?? '') : undefined;
    if (!match || !parent?.item) return undefined;
    return { definition: parent.item, parentStepId: parent.id, index: Number(match[2]) };
  }

  /** Enqueues steps that became ready (their next attempt; `attempt` 1 for a step never tried). */
  async enqueueReady(run: RunRef, ready: readonly ReadyStep[], attempt = 1, delayMs = 0): Promise<void> {
    if (!this.o.queue || ready.length === 0) return;
    const trace = traceCarrier();
    const traced = Object.keys(trace).length > 0;
    await this.o.queue.enqueue(
      ready.map((step) => ({
        job: {
          type: 'step' as const,
          tenantId: run.tenantId,
          runId: run.runId,
          stepRunId: step.stepRunId,
          stepId: step.stepId,
          workflowId: run.workflowId,
          workflowVersion: run.workflowVersion,
          priority: run.priority,
          attempt,
          ...(traced ? { trace } : {}),
        },
        delayMs,
      })),
    );
  }

  /**
   * After a completion: enqueues what became ready, finalises the map step (`parentStepId`, when its items are all
   * done) and the run (when its steps are all done). With `keepOne`, the first step that became ready is not enqueued
   * but returned, for the caller to run at once (eager dispatch; the sweeper enqueues it if the caller dies first).
   * @returns the step kept, if any.
   */
  async advance(
    run: RunRef,
    result: { readonly ready: readonly ReadyStep[]; readonly runPending?: number | null; readonly parentPending?: number | null; readonly runDone?: boolean },
    parentStepId: string | null = null,
    keepOne = false,
  ): Promise<ReadyStep | undefined> {
    const kept = keepOne ? result.ready[0] : undefined;
    await this.enqueueReady(run, kept ? result.ready.slice(1) : result.ready);
    if (parentStepId !== null && result.parentPending === 0) await this.finalizeMap(run, parentStepId);
    if (result.runPending === 0 || result.runDone === true) await this.finalizeRun(run);
    return kept;
  }

  /** Completes map step `mapStepId` with its items' outputs, in item order, once they are all done (idempotent). */
  async finalizeMap(run: RunRef, mapStepId: string): Promise<void> {
    const done = await this.o.steps.completedMap(run.tenantId, run.runId, mapStepId);
    if (!done) return;
    const workflow = await this.definition(run);
    const result = await this.o.steps.complete(
      {
        tenantId: run.tenantId,
        runId: run.runId,
        workflowId: run.workflowId,
        stepRunId: done.stepRunId,
        stepId: mapStepId,
        attempt: done.attempt,
        parentStepId: null,
      },
      { status: 'COMPLETED', output: done.outputs, eventPayload: { items: done.outputs.length } },
      this.graph(workflow).dependents.get(mapStepId) ?? [],
    );
    if (result.applied) await this.advance(run, result);
  }

  /** Completes a run whose steps are all done (idempotent). */
  async finalizeRun(run: RunRef): Promise<void> {
    const workflow = await this.definition(run);
    await this.o.steps.finalizeRun(run.tenantId, run.runId, this.graph(workflow).sinks);
  }

  /** A run ended (cancelled, failed, timed out): abort its attempts in flight everywhere. */
  async ended(runId: string): Promise<void> {
    await this.o.aborts.abort(runId, 'CANCELLED');
  }
}
