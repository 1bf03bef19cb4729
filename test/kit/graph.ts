import { randomUUID } from 'node:crypto';
import { loadConfig, type Environment, type OrchestraConfig, type SubgraphName } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { ALL_SERVICES, IN_MEMORY_DATA_DIR, startServices, type ServiceName } from '../../bin/start-services.ts';
import { startGateway, type GatewayServer } from '../../gateway/gateway-server.ts';
import { freePorts } from './free-ports.ts';

/** Options of {@link startGraph}. */
export interface StartGraphOptions {
  /** Subgraphs to run besides the gateway. @defaultValue all four */
  readonly subgraphs?: readonly SubgraphName[];
  /**
   * Extra environment, over `process.env` (e.g. `{ WORKER_ENABLED: 'false' }`). Both override the test defaults,
   * among them `EGRESS_ALLOW` ({@link DEFAULT_TEST_EGRESS_ALLOW}).
   */
  readonly env?: Environment;
}

/** A graph running in this test process: the gateway on a free port, the chosen subgraphs, the worker. */
export interface TestGraph extends AsyncDisposable {
  readonly config: OrchestraConfig;
  /** The gateway's GraphQL URL. */
  readonly gatewayUrl: string;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  /** Database URL in use (the embedded one when `DATABASE_URL` is unset). */
  readonly databaseUrl: string | undefined;
  close(): Promise<void>;
}

/**
 * Starts the gateway and subgraphs in-process on free ports, configured from `process.env` (so the same tests run
 * against the real Postgres/Redis when `DATABASE_URL`/`REDIS_URL` are set, and against an in-memory PGlite and
 * in-process stand-ins when they are not). Tests isolate themselves by tenant (see `newTenant()`), not by database;
 * each graph executes steps from a task queue of its own (`WORKER_QUEUE`), unless `options.env` names one.
 */
export async function startGraph(options: StartGraphOptions = {}): Promise<TestGraph> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startGraphOnFreePorts(options);
    } catch (error) {
      // Another process took a reserved port between reservation and bind: try other ports.
      if (attempt >= MAX_START_ATTEMPTS || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

/** `EGRESS_ALLOW` of a test graph unless the environment or `options.env` sets it: the loopback, where test servers listen. */
export const DEFAULT_TEST_EGRESS_ALLOW = '127.0.0.1,::1,localhost';

/** Attempts of {@link startGraph} when a reserved port is taken meanwhile. */
const MAX_START_ATTEMPTS = 3;

async function startGraphOnFreePorts(options: StartGraphOptions): Promise<TestGraph> {
  const [gateway, memory, orchestration, routing, session] = await freePorts(5);
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    EMBEDDED_DATA_DIR: IN_MEMORY_DATA_DIR,
    NODE_ENV: 'test',
    // A task queue of the graph's own unless the test names one: the test files share one database and Redis, and a
    // worker of another file's graph would otherwise take (and, when its graph closes, fail) this graph's steps.
    WORKER_QUEUE: `test-${randomUUID()}`,
    // The tests' fake servers listen on loopback, which the egress policy refuses; a test of the policy itself
    // passes its own `EGRESS_ALLOW` (e.g. `''`: nothing allowed).
    EGRESS_ALLOW: DEFAULT_TEST_EGRESS_ALLOW,
    ...process.env,
    ...options.env,
    BIND_HOST: '127.0.0.1',
    GATEWAY_PORT: String(gateway),
    MEMORY_PORT: String(memory),
    ORCHESTRATION_PORT: String(orchestration),
    ROUTING_PORT: String(routing),
    SESSION_PORT: String(session),
  });
  const subgraphs = options.subgraphs ?? ALL_SERVICES.filter((s): s is SubgraphName => s !== 'gateway');
  const services: ServiceName[] = [...subgraphs, 'gateway'];
  const running = await startServices({ config, services, logger: createLogger(config, 'test-graph') });
  return {
    config,
    gatewayUrl: running.urls.gateway ?? '',
    subgraphUrls: config.endpoints.subgraphUrls,
    databaseUrl: running.databaseUrl,
    close: () => running.close(),
    [Symbol.asyncDispose]: () => running.close(),
  };
}

/**
 * Starts another gateway over `graph`'s subgraphs on a free port, configured from `process.env` with `env` over it
 * (e.g. `{ RESPONSE_CACHE: 'false' }`), for comparing configurations or instances. The caller closes it.
 */
export async function startSecondGateway(graph: TestGraph, env: Environment = {}): Promise<GatewayServer> {
  const [port] = await freePorts(1);
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    BIND_HOST: '127.0.0.1',
    GATEWAY_PORT: String(port),
    SESSION_URL: graph.subgraphUrls.session,
    ORCHESTRATION_URL: graph.subgraphUrls.orchestration,
    MEMORY_URL: graph.subgraphUrls.memory,
    ROUTING_URL: graph.subgraphUrls.routing,
    ...env,
  });
  return startGateway({ config, logger: createLogger(config, 'second-gateway') });
}
