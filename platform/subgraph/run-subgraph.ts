import type { InProcessEventStreams } from '../events/in-process-event-stream.ts';
import { readFile } from 'node:fs/promises';
import { parse } from 'graphql';
import type { OrchestraConfig } from '../config.ts';
import { createSubgraphDataSource } from '../database/data-source.ts';
import type { Logger } from '../logger.ts';
import type { RedisConnections, SubgraphDefinition } from './subgraph-definition.ts';
import { startSubgraphServer } from './subgraph-server.ts';
import { EntityChangeRelay } from '../events/entity-change-relay.ts';
import { RedisEntityVersions, type EntityVersions } from '../events/entity-versions.ts';

/** Versions nobody reads (no Redis, no gateway in the process): the relay only empties the log. */
const DISCARDED_VERSIONS: EntityVersions = { read: async (_tenant, subgraphs) => subgraphs.map(() => 0), raise: async () => undefined };

/** Options of {@link runSubgraph}. */
export interface RunSubgraphOptions {
  readonly config: OrchestraConfig;
  /** Postgres URL (the configured one, or the embedded server's). */
  readonly databaseUrl: string;
  readonly redis: RedisConnections | undefined;
  /**
   * Where the subgraph's entity-change relay raises versions for the gateway's response cache: Redis's when
   * `redis` is given, else this (embedded mode: the process's own, shared with its gateway). Absent without Redis:
   * the log is still drained, into nothing (no gateway can cache).
   */
  readonly entityVersions?: EntityVersions | undefined;
  /** Without Redis: the in-process event streams, shared with this process's gateway (embedded mode). */
  readonly eventStreams?: InProcessEventStreams | undefined;
  readonly logger: Logger;
  /** Directory of the SDL files. @defaultValue `schema` */
  readonly schemaDir?: string;
}

/** A running subgraph with its GraphQL URL. `close()` stops it, its background work and its pool (idempotent). */
export interface RunningSubgraph extends AsyncDisposable {
  readonly name: string;
  readonly url: string;
  /** Starts the subgraph's background work (e.g. workers). Call once every service of the process listens. */
  startBackgroundWork(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs one subgraph: migrates and opens its DataSource, builds its runtime, serves it on its configured port
 * (`/graphql`, `/healthz` and the runtime's own `routes`, if any). Background work starts with
 * {@link RunningSubgraph.startBackgroundWork}, so that a process can first bring up the services it depends on (a
 * worker calls the gateway).
 */
export async function runSubgraph(definition: SubgraphDefinition, options: RunSubgraphOptions): Promise<RunningSubgraph> {
  const { config, redis } = options;
  const logger = options.logger.child({ subgraph: definition.name });
  const typeDefs = parse(await readFile(`${options.schemaDir ?? 'schema'}/${definition.name}.graphql`, 'utf8'));
  const dataSource = await createSubgraphDataSource({
    url: options.databaseUrl,
    schema: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: config.database.poolSize,
    logger,
    traced: config.tracing !== undefined,
  });
  const versions = redis ? new RedisEntityVersions(redis.client) : (options.entityVersions ?? DISCARDED_VERSIONS);
  const relay = new EntityChangeRelay({
    dataSource,
    subgraph: definition.name,
    versions,
    intervalMs: config.responseCache.relayIntervalMs,
    expiries: definition.expiries,
    logger,
  });
  const runtime = await definition.create({ config, dataSource, redis, logger, publishEntityChanges: () => relay.flush(), eventStreams: options.eventStreams });
  const server = await startSubgraphServer({
    name: definition.name,
    typeDefs,
    resolvers: runtime.resolvers,
    routes: runtime.routes,
    port: config.endpoints.ports[definition.name],
    host: config.bindHost,
    internalTokenSecret: config.auth.internalTokenSecret,
    maxRequestBytes: config.limits.maxRequestBytes,
    logger,
    beforeMutationResponse: () => relay.flush(),
    traced: config.tracing !== undefined,
    healthCheck: async () => {
      await dataSource.query('SELECT 1');
      if (redis) await redis.client.ping();
    },
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await server.close();
      await runtime.close?.();
      await relay.close();
      await dataSource.destroy();
    })());
  return {
    name: definition.name,
    url: server.url,
    startBackgroundWork: async () => {
      relay.start();
      await runtime.start?.();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
