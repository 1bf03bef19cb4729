import { isFinalRunStatus } from '../entities/workflow-run.ts';
import type { WorkflowRunService } from '../services/workflow-runs.ts';
import type { WorkflowService } from '../services/workflows.ts';
import { readyStepIds } from './ready-steps.ts';
import type { StepQueue } from './step-queue.ts';

/**
 * Enqueues the steps of a run that are ready (QUEUED, dependencies done). Safe to call any number of times:
 * the queue de-duplicates waiting jobs, and a job whose step was claimed meanwhile is dropped by the worker.
 */
export class RunScheduler {
  constructor(
    private readonly runs: WorkflowRunService,
    private readonly workflows: WorkflowService,
    /** Undefined when this process runs no worker: steps then wait in Postgres for a worker's recovery. */
    private readonly queue: StepQueue | undefined,
  ) {}

  /** Enqueues run `runId`'s ready steps (nothing when the run is final or unknown). */
  async schedule(tenantId: string, runId: string): Promise<void> {
    if (!this.queue) return;
    const [run] = await this.runs.byIds(tenantId, [runId]);
    if (!run || isFinalRunStatus(run.status)) return;
    const workflow = await this.workflows.definition(tenantId, run.workflowId, run.workflowVersion);
    const [steps = []] = await this.runs.stepsOf(tenantId, [runId]);
    const ready = readyStepIds(workflow.steps, steps);
    await this.queue.enqueue(ready.map((stepId) => ({ tenantId, runId, stepId, priority: run.priority })));
  }
}
