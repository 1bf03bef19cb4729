import type { WorkflowEventStreamWriter } from '../../../platform/events/workflow-event-stream.ts';
import type { DataSource } from 'typeorm';
import type { OrchestraConfig } from '../../../platform/config.ts';
import { createEgressPolicy, type EgressPolicy } from '../../../platform/egress/egress-policy.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { RedisConnections } from '../../../platform/subgraph/subgraph-definition.ts';
import { createGatewayClient } from '../clients/gateway-client.ts';
import type { WorkflowRunService } from '../services/workflow-runs.ts';
import type { WorkflowService } from '../services/workflows.ts';
import { createBullmqStepQueue } from './bullmq-step-queue.ts';
import { EngineSweeper } from './engine-sweeper.ts';
import { OutboxRelay } from '../../../platform/events/outbox-relay.ts';
import { WORKFLOW_EVENT_OUTBOX } from '../services/workflow-event-outbox.ts';
import { InFlightSteps } from './in-flight-steps.ts';
import { createInProcessStepQueue } from './in-process-step-queue.ts';
import { RunAborts } from './run-aborts.ts';
import { RunProgress } from './run-progress.ts';
import { RunTransitions } from './run-transitions.ts';
import { createStepExecutors } from './step-executors.ts';
import type { StepQueue } from './step-queue.ts';
import { StepTransitions } from './step-transitions.ts';
import { StepWorker } from './step-worker.ts';
import { WorkflowEngine } from './workflow-engine.ts';

/** Options of {@link createEngineRuntime}. */
export interface EngineRuntimeOptions {
  readonly config: OrchestraConfig;
  readonly dataSource: DataSource;
  readonly redis: RedisConnections | undefined;
  readonly logger: Logger;
  readonly workflows: WorkflowService;
  readonly runs: WorkflowRunService;
  /**
   * The egress policy of tenant-chosen URLs (`http` steps); a given policy is closed by its owner.
   * @defaultValue one built from `config.egress.allow` when the process works, closed with the runtime
   */
  readonly egress?: EgressPolicy;
  /** Whether this process executes steps (`config.worker.enabled`, or a `worker` process). */
  readonly work: boolean;
  /**
   * Awaited by the event relay before it publishes events (the entity-change relay's flush): events go out only
   * after the response cache has learnt of the writes behind them. @defaultValue none
   */
  readonly beforeEventsPublished?: (() => Promise<void>) | undefined;
  /** Without Redis: the stream the relay publishes workflow events to (embedded mode, read by this process's gateway). */
  readonly eventStream?: WorkflowEventStreamWriter | undefined;
}

/** The engine of one process: the API operations, and (when it works) the worker, the sweeper and the relay. */
export interface EngineRuntime {
  readonly engine: WorkflowEngine;
  /** Starts the background work: taking jobs, renewing leases, sweeping. */
  start(): Promise<void>;
  /** Stops it (idempotent): attempts in flight are given back to the queue for other workers. */
  close(): Promise<void>;
}

/**
 * Assembles the engine from the configuration. Every process also runs the outbox relay (committed events get their
 * cursors and, with Redis, go to the tenant's Redis stream; several relays are safe). With Redis, the queue is BullMQ (shared by every process of the task
 * queue `config.worker.queue`) and run aborts cross processes; without (embedded mode), the queue is in process and
 * only exists where the worker runs — the same semantics in one process, documented in docs/workflow-engine.md.
 */
export function createEngineRuntime(o: EngineRuntimeOptions): EngineRuntime {
  const { config, logger } = o;
  const inFlight = new InFlightSteps();
  const aborts = new RunAborts(inFlight, o.redis, config.redis.keyPrefix, logger);
  const onError = (error: unknown): void => logger.error({ err: error }, 'engine job handler threw');
  let queue: StepQueue | undefined;
  if (o.redis) {
    queue = createBullmqStepQueue({
      redis: o.redis.client,
      keyPrefix: config.redis.keyPrefix,
      queue: config.worker.queue,
      concurrency: config.worker.concurrency,
      globalConcurrency: config.worker.globalConcurrency,
      lockDurationMs: config.worker.leaseMs,
      onError,
    });
  } else if (o.work) {
    queue = createInProcessStepQueue({ concurrency: config.worker.concurrency, onError });
  }
  const steps = new StepTransitions(o.dataSource, { prepare: true });
  const runTransitions = new RunTransitions(o.dataSource, steps);
  const progress = new RunProgress({ queue, steps, runs: runTransitions, workflows: o.workflows, aborts, logger });
  const relay = new OutboxRelay({
    outbox: WORKFLOW_EVENT_OUTBOX,
    dataSource: o.dataSource,
    redis: o.redis?.client,
    stream: o.eventStream,
    keyPrefix: config.redis.keyPrefix,
    intervalMs: config.events.relayIntervalMs,
    streamMaxLength: config.events.streamMaxLength,
    beforePublish: o.beforeEventsPublished,
    logger,
  });
  // The API's commits nudge this process's relay, which publishes them at once when it leads (else within its interval).
  const engine = new WorkflowEngine({
    runs: o.runs,
    workflows: o.workflows,
    transitions: runTransitions,
    progress,
    queue,
    queueName: config.worker.queue,
    eventsCommitted: () => relay.nudge(),
  });
  if (!o.work || !queue) {
    return {
      engine,
      start: async () => relay.start(),
      close: async () => {
        await relay.close();
        await queue?.close();
      },
    };
  }
  const workQueue = queue;
  const egress = o.egress ?? createEgressPolicy({ allow: config.egress.allow });
  const worker = new StepWorker({
    steps,
    runs: runTransitions,
    progress,
    queue: workQueue,
    inFlight,
    logger,
    workerId: config.worker.workerId,
    leaseMs: config.worker.leaseMs,
    eagerSteps: config.worker.eagerSteps,
    executors: createStepExecutors({
      gateway: createGatewayClient({
        url: config.endpoints.gatewayUrl,
        jwtSecret: config.auth.jwtSecret,
        jwtIssuer: config.auth.jwtIssuer,
        jwtAudience: config.auth.jwtAudience,
      }),
      egress,
      httpStepTimeoutMs: config.worker.httpStepTimeoutMs,
      llmTimeoutMs: config.worker.llmTimeoutMs,
    }),
  });
  const sweeper = new EngineSweeper({
    dataSource: o.dataSource,
    queue: workQueue,
    runs: runTransitions,
    progress,
    logger,
    queueName: config.worker.queue,
    intervalMs: config.worker.sweepIntervalMs,
    lostJobAfterMs: Math.max(2 * config.worker.sweepIntervalMs, config.worker.leaseMs),
  });
  let closing: Promise<void> | undefined;
  return {
    engine,
    async start() {
      await aborts.listen();
      worker.start();
      await workQueue.start((job) => worker.handle(job));
      await sweeper.start();
      relay.start();
    },
    close: () =>
      (closing ??= (async () => {
        await relay.close();
        await sweeper.close();
        worker.close();
        await workQueue.close();
        await aborts.close();
        if (egress !== o.egress) await egress.close();
      })()),
  };
}
