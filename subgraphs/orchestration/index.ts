import type { SubgraphDefinition } from '../../platform/subgraph/subgraph-definition.ts';
import { createGatewayClient } from './clients/gateway-client.ts';
import { AgentSchema } from './entities/agent.ts';
import { SignalSchema } from './entities/signal.ts';
import { StepRunSchema } from './entities/step-run.ts';
import { WorkflowEventSchema } from './entities/workflow-event.ts';
import { WorkflowRunSchema } from './entities/workflow-run.ts';
import { WorkflowSchema } from './entities/workflow.ts';
import { createInProcessStepQueue } from './engine/in-process-step-queue.ts';
import { InFlightSteps } from './engine/in-flight-steps.ts';
import { RunScheduler } from './engine/run-scheduler.ts';
import { RunTransitions } from './engine/run-transitions.ts';
import { createStepExecutors } from './engine/step-executors.ts';
import { StepTransitions } from './engine/step-transitions.ts';
import { StepLeases } from './engine/step-leases.ts';
import { StepWorker } from './engine/step-worker.ts';
import { WorkflowEngine } from './engine/workflow-engine.ts';
import { CreateOrchestration1795231933341 } from './migrations/1795231933341-CreateOrchestration.ts';
import { createResolvers } from './resolvers.ts';
import { AgentService } from './services/agents.ts';
import { WorkflowRunService } from './services/workflow-runs.ts';
import { WorkflowService } from './services/workflows.ts';

/**
 * The orchestration subgraph: agents, workflows, runs, step runs and their events (Postgres schema
 * `orchestration`). With `config.worker.enabled` the process also executes steps (an in-process {@link StepQueue}
 * bounded by `config.worker.concurrency`), recovering unfinished runs when it starts.
 */
export const orchestrationSubgraph: SubgraphDefinition = {
  name: 'orchestration',
  entities: [AgentSchema, WorkflowSchema, WorkflowRunSchema, StepRunSchema, WorkflowEventSchema, SignalSchema],
  migrations: [CreateOrchestration1795231933341],
  async create({ config, dataSource, logger }) {
    const agents = new AgentService(dataSource);
    const workflows = new WorkflowService(dataSource);
    const runs = new WorkflowRunService(dataSource);
    const inFlight = new InFlightSteps();
    const queue = config.worker.enabled
      ? createInProcessStepQueue({
          concurrency: config.worker.concurrency,
          onError: (error, job) => logger.error({ err: error, runId: job.runId, stepId: job.stepId }, 'step job failed'),
        })
      : undefined;
    const scheduler = new RunScheduler(runs, workflows, queue);
    const engine = new WorkflowEngine({ runs, workflows, transitions: new RunTransitions(dataSource), scheduler, inFlight });
    const leases = new StepLeases(dataSource, logger, async (requeued) => {
      for (const run of requeued) await scheduler.schedule(run.tenantId, run.runId);
    });
    const worker = new StepWorker({
      leases,
      dataSource,
      runs,
      workflows,
      transitions: new StepTransitions(dataSource),
      scheduler,
      inFlight,
      logger,
      executors: createStepExecutors({
        gateway: createGatewayClient({ url: config.endpoints.gatewayUrl, jwtSecret: config.auth.jwtSecret, jwtIssuer: config.auth.jwtIssuer }),
        providerKeys: config.worker.providerKeys,
        httpStepTimeoutMs: config.worker.httpStepTimeoutMs,
        llmTimeoutMs: config.worker.llmTimeoutMs,
      }),
    });
    let closing: Promise<void> | undefined;
    return {
      resolvers: createResolvers({ dataSource, agents, workflows, runs, engine }),
      async start() {
        if (!queue) return;
        queue.start((job) => worker.handle(job));
        await worker.recover();
      },
      close: () =>
        (closing ??= (async () => {
          worker.close();
          inFlight.abortAll('SHUTDOWN');
          await queue?.close();
        })()),
    };
  },
};
