import { startTracing } from '../platform/telemetry/tracing.ts';
import type { OrchestraConfig } from '../platform/config.ts';
import { EntityChangeRelay } from '../platform/events/entity-change-relay.ts';
import { RedisEntityVersions } from '../platform/events/entity-versions.ts';
import { createSubgraphDataSource } from '../platform/database/data-source.ts';
import type { Logger } from '../platform/logger.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import { createEngineRuntime } from '../subgraphs/orchestration/engine/engine-runtime.ts';
import { orchestrationSubgraph } from '../subgraphs/orchestration/index.ts';
import { WorkflowRunService } from '../subgraphs/orchestration/services/workflow-runs.ts';
import { WorkflowService } from '../subgraphs/orchestration/services/workflows.ts';

/** A running worker process's engine. `close()` gives its attempts in flight back and disconnects (idempotent). */
export interface RunningWorker {
  close(): Promise<void>;
}

/**
 * Starts a workflow worker without any HTTP server (`npm run worker`): it takes step jobs of the task queue
 * `config.worker.queue` from BullMQ, up to `config.worker.concurrency` at a time, and sweeps for lost work. Any number
 * of them share the load. Needs `DATABASE_URL` and `REDIS_URL`: a worker must see the same database and queue as the
 * API (in embedded mode the orchestration process runs the worker itself).
 * @throws Error when DATABASE_URL or REDIS_URL is unset.
 */
export async function startWorker(config: OrchestraConfig, logger: Logger): Promise<RunningWorker> {
  if (!config.database.url || !config.redis.url) {
    throw new Error('a worker process needs DATABASE_URL and REDIS_URL (in embedded mode, `npm start` runs the worker in process)');
  }
  const tracing = startTracing(config.tracing, logger);
  const dataSource = await createSubgraphDataSource({
    url: config.database.url,
    schema: orchestrationSubgraph.name,
    entities: orchestrationSubgraph.entities,
    migrations: orchestrationSubgraph.migrations,
    poolSize: config.database.poolSize,
    logger,
    traced: config.tracing !== undefined,
  });
  const client = await createRedisClient({ url: config.redis.url, connectionName: `orchestra-worker:${config.worker.workerId}` });
  const subscriber = await createRedisClient({ url: config.redis.url, connectionName: `orchestra-worker-subscriber:${config.worker.workerId}` });
  // This process's writes reach the gateways' response caches through its own entity-change relay too.
  const entityChanges = new EntityChangeRelay({
    dataSource,
    subgraph: orchestrationSubgraph.name,
    versions: new RedisEntityVersions(client),
    intervalMs: config.responseCache.relayIntervalMs,
    logger,
  });
  const runtime = createEngineRuntime({
    config,
    dataSource,
    redis: { client, subscriber },
    logger,
    beforeEventsPublished: () => entityChanges.flush(),
    workflows: new WorkflowService(dataSource),
    runs: new WorkflowRunService(dataSource),
    work: true,
  });
  await runtime.start();
  entityChanges.start();
  logger.info({ queue: config.worker.queue, concurrency: config.worker.concurrency, workerId: config.worker.workerId }, 'worker ready');
  let closing: Promise<void> | undefined;
  return {
    close: () =>
      (closing ??= (async () => {
        await runtime.close();
        await entityChanges.close();
        await client.quit();
        await subscriber.quit();
        await dataSource.destroy();
        await tracing.close();
      })()),
  };
}
