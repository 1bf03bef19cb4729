import type DataLoader from 'dataloader';
import type { SubgraphContext } from '../../platform/subgraph/subgraph-context.ts';
import type { Agent } from './entities/agent.ts';
import type { StepAttempt } from './entities/step-attempt.ts';
import type { StepRun } from './entities/step-run.ts';
import type { WorkflowEvent } from './entities/workflow-event.ts';
import type { WorkflowRun } from './entities/workflow-run.ts';
import type { Workflow } from './entities/workflow.ts';
import type { AgentService } from './services/agents.ts';
import { eventsOfRuns, type RunEventsKey } from './services/workflow-events.ts';
import type { MapItemsKey, RunsOfParentKey, WorkflowRunService } from './services/workflow-runs.ts';
import type { WorkflowService } from './services/workflows.ts';
import type { DataSource } from 'typeorm';

/** The services the loaders read through. */
export interface LoaderServices {
  readonly dataSource: DataSource;
  readonly agents: AgentService;
  readonly workflows: WorkflowService;
  readonly runs: WorkflowRunService;
}

/**
 * Request-scoped DataLoaders of the orchestration subgraph: each batches every lookup of one kind made while
 * resolving one request into one SQL statement, scoped to the caller's tenant (all keys of a request share it).
 */
export function orchestrationLoaders(ctx: SubgraphContext, s: LoaderServices) {
  const tenantId = ctx.principal.tenantId;
  return {
    agent: (): DataLoader<string, Agent | null> => ctx.loaders.get('orchestration.agent', (ids: readonly string[]) => s.agents.byIds(tenantId, ids)),
    workflow: (): DataLoader<string, Workflow | null> =>
      ctx.loaders.get('orchestration.workflow', (ids: readonly string[]) => s.workflows.byIds(tenantId, ids)),
    run: (): DataLoader<string, WorkflowRun | null> => ctx.loaders.get('orchestration.run', (ids: readonly string[]) => s.runs.byIds(tenantId, ids)),
    stepsOfRun: (): DataLoader<string, StepRun[]> => ctx.loaders.get('orchestration.stepsOfRun', (ids: readonly string[]) => s.runs.stepsOf(tenantId, ids)),
    itemsOfStep: (): DataLoader<MapItemsKey, StepRun[], string> =>
      ctx.loaders.get('orchestration.itemsOfStep', (keys: readonly MapItemsKey[]) => s.runs.itemsOf(tenantId, keys), {
        cacheKeyFn: (k: MapItemsKey) => `${k.runId}|${k.parentStepId}`,
      }),
    attemptsOfStep: (): DataLoader<string, StepAttempt[]> =>
      ctx.loaders.get('orchestration.attemptsOfStep', (ids: readonly string[]) => s.runs.attemptsOf(tenantId, ids)),
    eventsOfRun: (): DataLoader<RunEventsKey, WorkflowEvent[], string> =>
      ctx.loaders.get('orchestration.eventsOfRun', (keys: readonly RunEventsKey[]) => eventsOfRuns(s.dataSource, tenantId, keys), {
        cacheKeyFn: (k: RunEventsKey) => `${k.runId}|${k.after}`,
      }),
    runsOfWorkflow: (): DataLoader<RunsOfParentKey, WorkflowRun[], string> =>
      ctx.loaders.get('orchestration.runsOfWorkflow', (keys: readonly RunsOfParentKey[]) => s.runs.newestOf(tenantId, 'workflow_id', keys), {
        cacheKeyFn: (k: RunsOfParentKey) => `${k.parentId}|${k.first}`,
      }),
    runsOfSession: (): DataLoader<RunsOfParentKey, WorkflowRun[], string> =>
      ctx.loaders.get('orchestration.runsOfSession', (keys: readonly RunsOfParentKey[]) => s.runs.newestOf(tenantId, 'session_id', keys), {
        cacheKeyFn: (k: RunsOfParentKey) => `${k.parentId}|${k.first}`,
      }),
  };
}
