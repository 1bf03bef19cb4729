import type { SubgraphDefinition } from '../../platform/subgraph/subgraph-definition.ts';
import { AgentSchema } from './entities/agent.ts';
import { SignalSchema } from './entities/signal.ts';
import { StepRunSchema } from './entities/step-run.ts';
import { WorkflowEventSchema } from './entities/workflow-event.ts';
import { WorkflowRunSchema } from './entities/workflow-run.ts';
import { WorkflowSchema, WorkflowVersionSchema } from './entities/workflow.ts';
import { StepAttemptSchema } from './entities/step-attempt.ts';
import { CreateOrchestration1795231933341 } from './migrations/1795231933341-CreateOrchestration.ts';
import { DurableEngine1795400000000 } from './migrations/1795400000000-DurableEngine.ts';
import { DeferredEventCursors1795500000000 } from './migrations/1795500000000-DeferredEventCursors.ts';
import { SinkStepCounter1795600000000 } from './migrations/1795600000000-SinkStepCounter.ts';
import { LeanStepIndexes1795700000000 } from './migrations/1795700000000-LeanStepIndexes.ts';
import { RelayPositionsPerKeyPrefix1795800000000 } from './migrations/1795800000000-RelayPositionsPerKeyPrefix.ts';
import { EventTimeAtWrite1796000000000 } from './migrations/1796000000000-EventTimeAtWrite.ts';
import { AssignEventCursorsFunction1796100000000 } from './migrations/1796100000000-AssignEventCursorsFunction.ts';
import { RelayPendingEventsFunction1796200000000 } from './migrations/1796200000000-RelayPendingEventsFunction.ts';
import { OrchestrationEntityChanges1796700000000 } from './migrations/1796700000000-EntityChanges.ts';
import { OrchestrationEntityChangesPerTransaction1796800000000 } from './migrations/1796800000000-EntityChangesPerTransaction.ts';
import { createEngineRuntime } from './engine/engine-runtime.ts';
import { createResolvers } from './resolvers.ts';
import { AgentService } from './services/agents.ts';
import { WorkflowRunService } from './services/workflow-runs.ts';
import { WorkflowService } from './services/workflows.ts';

/**
 * The orchestration subgraph: agents, workflows, runs, step runs and their events (Postgres schema
 * `orchestration`). With `config.worker.enabled` the process also executes steps (see `engine/engine-runtime.ts`);
 * otherwise `npm run worker` processes do.
 */
export const orchestrationSubgraph: SubgraphDefinition = {
  name: 'orchestration',
  entities: [AgentSchema, WorkflowSchema, WorkflowVersionSchema, WorkflowRunSchema, StepRunSchema, StepAttemptSchema, WorkflowEventSchema, SignalSchema],
  migrations: [
    CreateOrchestration1795231933341,
    DurableEngine1795400000000,
    DeferredEventCursors1795500000000,
    SinkStepCounter1795600000000,
    LeanStepIndexes1795700000000,
    RelayPositionsPerKeyPrefix1795800000000,
    EventTimeAtWrite1796000000000,
    AssignEventCursorsFunction1796100000000,
    RelayPendingEventsFunction1796200000000,
    OrchestrationEntityChanges1796700000000,
    OrchestrationEntityChangesPerTransaction1796800000000,
  ],
  async create({ config, dataSource, logger, redis, publishEntityChanges, eventStreams }) {
    const agents = new AgentService(dataSource);
    const workflows = new WorkflowService(dataSource);
    const runs = new WorkflowRunService(dataSource);
    const runtime = createEngineRuntime({
      config,
      dataSource,
      redis,
      logger,
      workflows,
      runs,
      work: config.worker.enabled,
      beforeEventsPublished: publishEntityChanges,
      eventStream: eventStreams?.workflow,
    });
    return {
      resolvers: createResolvers({ dataSource, agents, workflows, runs, engine: runtime.engine }),
      start: () => runtime.start(),
      close: () => runtime.close(),
    };
  },
};
