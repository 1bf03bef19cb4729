import type { OrchestraConfig, SubgraphName } from '../platform/config.ts';
import { SUBGRAPH_NAMES } from '../platform/config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../platform/database/embedded-postgres.ts';
import type { Logger } from '../platform/logger.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import type { RedisConnections } from '../platform/subgraph/subgraph-definition.ts';
import { runSubgraph } from '../platform/subgraph/run-subgraph.ts';
import { startGateway } from '../gateway/gateway-server.ts';
import { InProcessEntityVersions } from '../platform/events/entity-versions.ts';
import { createInProcessEventStreams } from '../platform/events/in-process-event-stream.ts';
import { SUBGRAPH_DEFINITIONS } from './subgraph-definitions.ts';
import { startTracing } from '../platform/telemetry/tracing.ts';

/** A process role: one subgraph, or the gateway. */
export type ServiceName = SubgraphName | 'gateway';

/** Every service, in start order (subgraphs first, so the gateway finds them ready). */
export const ALL_SERVICES: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway'];

/** Value of `EMBEDDED_DATA_DIR` that keeps the embedded database in memory. */
export const IN_MEMORY_DATA_DIR = ':memory:';

/** Options of {@link startServices}. */
export interface StartServicesOptions {
  readonly config: OrchestraConfig;
  /** Which services this process runs. @defaultValue all of them */
  readonly services?: readonly ServiceName[];
  readonly logger: Logger;
}

/**
 * The services a process runs. `close()` stops them in reverse order, then Redis and the embedded database, then
 * flushes the traces (platform/telemetry/tracing.ts).
 */
export interface RunningServices extends AsyncDisposable {
  /** GraphQL URL of each running service. */
  readonly urls: Readonly<Partial<Record<ServiceName, string>>>;
  /** URL of the database in use (the embedded one's socket when `DATABASE_URL` is unset). */
  readonly databaseUrl: string | undefined;
  close(): Promise<void>;
}

/**
 * Starts the requested services in one process. With no `DATABASE_URL`, subgraphs share one embedded PGlite
 * (`EMBEDDED_DATA_DIR`, default `.data/`); with no `REDIS_URL`, they use in-process stand-ins.
 * @throws when a service fails to start; the ones already started are closed first.
 */
export async function startServices(options: StartServicesOptions): Promise<RunningServices> {
  const { config, logger } = options;
  const services = options.services ?? ALL_SERVICES;
  const subgraphs = SUBGRAPH_NAMES.filter((name) => services.includes(name));
  const closers: { readonly name: string; readonly close: () => Promise<void> }[] = [];
  const urls: Partial<Record<ServiceName, string>> = {};
  const close = async (): Promise<void> => {
    for (let closer = closers.pop(); closer; closer = closers.pop()) {
      const { name } = closer;
      await closer.close().then(
        () => logger.debug({ service: name }, 'stopped'),
        (error: unknown) => logger.error({ err: error, service: name }, 'error while stopping'),
      );
    }
  };
  let databaseUrl = config.database.url;
  // First in, last out: the spans of every service's shutdown are flushed before the exporter stops.
  const tracing = startTracing(config.tracing, logger);
  closers.push({ name: 'tracing', close: () => tracing.close() });
  try {
    if (subgraphs.length > 0 && !databaseUrl) {
      const dir = config.database.embeddedDataDir;
      const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: dir === IN_MEMORY_DATA_DIR ? undefined : dir });
      closers.push({ name: 'embedded-postgres', close: () => embedded.close() });
      databaseUrl = embedded.url;
      logger.info({ dataDir: dir }, 'embedded Postgres (PGlite) started');
    }
    let redis: RedisConnections | undefined;
    if (subgraphs.length > 0 && config.redis.url) {
      const client = await createRedisClient({ url: config.redis.url, connectionName: 'orchestra' });
      closers.push({ name: 'redis', close: async () => void (await client.quit()) });
      const subscriber = await createRedisClient({ url: config.redis.url, connectionName: 'orchestra-subscriber' });
      closers.push({ name: 'redis-subscriber', close: async () => void (await subscriber.quit()) });
      redis = { client, subscriber };
    }
    // Without Redis, the subgraphs' entity-change relays tell this process's gateway of their writes in memory — only
    // when every subgraph runs here (one elsewhere would write unseen, and the cache would serve its stale data).
    const everySubgraphHere = SUBGRAPH_NAMES.every((name) => services.includes(name));
    const entityVersions = !config.redis.url && services.includes('gateway') && everySubgraphHere ? new InProcessEntityVersions() : undefined;
    // Without Redis, the orchestration and session subgraphs' relays publish their events to this process's gateway in
    // memory (a subgraph running elsewhere cannot: its events then reach no subscriber here).
    const eventStreams =
      !config.redis.url && services.includes('gateway') && (services.includes('orchestration') || services.includes('session'))
        ? createInProcessEventStreams(config.events.streamMaxLength)
        : undefined;
    const backgroundWork: (() => Promise<void>)[] = [];
    for (const name of subgraphs) {
      const running = await runSubgraph(await SUBGRAPH_DEFINITIONS[name](), {
        config,
        databaseUrl: databaseUrl ?? '',
        redis,
        entityVersions,
        eventStreams,
        logger,
      });
      closers.push({ name, close: () => running.close() });
      urls[name] = running.url;
      backgroundWork.push(() => running.startBackgroundWork());
    }
    if (services.includes('gateway')) {
      const gateway = await startGateway({ config, logger: logger.child({ service: 'gateway' }), entityVersions, eventStreams });
      closers.push({ name: 'gateway', close: () => gateway.close() });
      urls.gateway = gateway.url;
    }
    for (const start of backgroundWork) await start();
  } catch (error) {
    await close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const closeOnce = (): Promise<void> => (closing ??= close());
  return { urls, databaseUrl, close: closeOnce, [Symbol.asyncDispose]: closeOnce };
}
