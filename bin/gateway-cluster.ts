import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import { serveClusterMetrics } from '../gateway/cluster-metrics.ts';
import type { Logger } from '../platform/logger.ts';

/** Options of {@link startGatewayCluster}. */
export interface GatewayClusterOptions {
  /** Gateway processes to run (`config.gateway.workers`, ≥ 2). */
  readonly workers: number;
  /** The entry script each worker runs, with `args` (e.g. bin/orchestra.ts and `serve gateway`). */
  readonly exec: string;
  readonly args: readonly string[];
  readonly logger: Logger;
  /** How long a worker may take to stop after SIGTERM before it is killed, in ms. @defaultValue 30000 */
  readonly stopTimeoutMs?: number;
}

/** The running workers; `close()` stops them (SIGTERM, then SIGKILL after the timeout) and is idempotent. */
export interface GatewayCluster {
  readonly pids: readonly number[];
  close(): Promise<void>;
}

/**
 * Runs the gateway in `workers` processes of `node:cluster`, which share its listening port: the primary accepts
 * connections and hands them to the workers round-robin (Node's default scheduling on Linux), so one gateway uses
 * every core. Each worker is a whole gateway (its own query-plan cache, its own Redis connections for subscriptions:
 * cursors are global, so a client that reconnects to another worker resumes where it was). A worker that exits
 * unexpectedly is replaced. `/metrics` on any worker answers the sum over all of them (see cluster-metrics.ts).
 * Resolves once every worker listens.
 * @throws when a worker exits before it listens (e.g. the port is taken).
 */
export async function startGatewayCluster(options: GatewayClusterOptions): Promise<GatewayCluster> {
  const { logger } = options;
  cluster.setupPrimary({ exec: options.exec, args: [...options.args], execArgv: process.execArgv });
  const stopMetrics = serveClusterMetrics();
  let stopping = false;
  const workers = new Set<Worker>();
  const fork = async (): Promise<Worker> => {
    const worker = cluster.fork();
    workers.add(worker);
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      logger.error({ pid: worker.process.pid, code, signal }, 'a gateway worker exited; starting another');
      fork().catch((error: unknown) => logger.error({ err: error }, 'could not replace a gateway worker'));
    });
    const listening = once(worker, 'listening');
    const exited = once(worker, 'exit').then(([code]) => {
      throw new Error(`a gateway worker exited with code ${String(code)} before it listened`);
    });
    await Promise.race([listening, exited]);
    exited.catch(() => {});
    return worker;
  };
  const started: Worker[] = [];
  try {
    for (let i = 0; i < options.workers; i++) started.push(await fork());
  } catch (error) {
    stopping = true;
    stopMetrics();
    await Promise.all([...workers].map((w) => stop(w, options.stopTimeoutMs ?? 30_000)));
    throw error;
  }
  logger.info({ workers: started.length, pids: started.map((w) => w.process.pid) }, 'gateway workers listening');
  let closing: Promise<void> | undefined;
  return {
    pids: started.map((w) => w.process.pid ?? 0),
    close: () =>
      (closing ??= (async () => {
        stopping = true;
        stopMetrics();
        await Promise.all([...workers].map((w) => stop(w, options.stopTimeoutMs ?? 30_000)));
      })()),
  };
}

/** Sends SIGTERM (the worker's own handler closes its gateway) and waits for the exit; SIGKILL after `timeoutMs`. */
async function stop(worker: Worker, timeoutMs: number): Promise<void> {
  if (worker.isDead()) return;
  const exited = once(worker, 'exit');
  worker.process.kill('SIGTERM');
  const timer = setTimeout(() => worker.process.kill('SIGKILL'), timeoutMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
