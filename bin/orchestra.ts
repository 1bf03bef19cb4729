/**
 * Orchestra's process entry point.
 *   `npm start`                 → `orchestra start`: the gateway, the four subgraphs and the worker in one process.
 *   `npm run serve -- <name>…`  → `orchestra serve gateway|memory|orchestration|routing|session …`: only those
 *                                  (the docker-compose topology runs one per container).
 *   `npm run worker`            → `orchestra worker`: a workflow worker, no HTTP server (needs DATABASE_URL, REDIS_URL).
 * With `GATEWAY_WORKERS` > 1 the gateway runs in that many cluster workers sharing its port (each started as
 * `orchestra serve gateway`), the other services in this process. Stops cleanly on SIGINT/SIGTERM.
 */
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { GATEWAY_NODE_OPTIONS, setsOldSpaceFloor } from '../gateway/gateway-heap.ts';
import { ConfigError, loadConfig, type OrchestraConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { startGatewayCluster } from './gateway-cluster.ts';
import { ALL_SERVICES, startServices, type RunningServices, type ServiceName } from './start-services.ts';
import { startWorker } from './start-worker.ts';

const [command, ...names] = process.argv.slice(2);
let config: OrchestraConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
const logger = createLogger(config, 'orchestra');

let services: readonly ServiceName[] = [];
if (command === 'worker') {
  // handled below
} else if (command === 'start') {
  services = ALL_SERVICES;
} else if (command === 'serve' && names.length > 0 && names.every((n): n is ServiceName => ALL_SERVICES.includes(n as ServiceName))) {
  services = names;
  if (!config.database.url && services.some((s) => s !== 'gateway') && services.length < ALL_SERVICES.length) {
    logger.warn('DATABASE_URL is unset: this process uses its own embedded database, which other processes cannot see');
  }
} else {
  console.error(`usage: orchestra start | orchestra serve <${ALL_SERVICES.join('|')}>... | orchestra worker`);
  process.exit(2);
}

if (services.includes('gateway') && !setsOldSpaceFloor()) {
  logger.warn(
    { nodeOptions: GATEWAY_NODE_OPTIONS },
    'this process serves the gateway without its heap setting: start node with these options (as npm start and npm run serve do), or full garbage collections every few seconds under load will add hundreds of ms to deliveries',
  );
}

// Signal handlers come first: a SIGTERM that arrives while services start waits for the start, then stops them.
const clustered = cluster.isPrimary && services.includes('gateway') && config.gateway.workers > 1;
const starting: Promise<{ close(): Promise<void>; urls?: unknown }> =
  command === 'worker' ? startWorker(config, logger) : clustered ? startClustered(config, services) : startServices({ config, services, logger });
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    starting
      .then((running) => running.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'error while stopping');
          process.exit(1);
        },
      );
  });
}
let running;
try {
  running = await starting;
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
}
if (command !== 'worker') logger.info({ urls: running.urls }, 'Orchestra is up');

/** Starts `names` but the gateway here, then the gateway's cluster workers; `close()` stops the workers first. */
async function startClustered(config: OrchestraConfig, names: readonly ServiceName[]): Promise<{ close(): Promise<void>; urls: RunningServices['urls'] }> {
  const local = await startServices({ config, services: names.filter((n) => n !== 'gateway'), logger });
  try {
    const gateway = await startGatewayCluster({
      workers: config.gateway.workers,
      exec: fileURLToPath(import.meta.url),
      args: ['serve', 'gateway'],
      logger,
    });
    return {
      urls: { ...local.urls, gateway: config.endpoints.gatewayUrl },
      close: async () => {
        await gateway.close();
        await local.close();
      },
    };
  } catch (error) {
    await local.close();
    throw error;
  }
}
