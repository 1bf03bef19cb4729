import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Environment } from '../../platform/config.ts';
import { DEFAULT_TEST_EGRESS_ALLOW } from './graph.ts';

/** How a worker process ended. */
export interface WorkerExit {
  /** The exit code; null when a signal ended the process. */
  readonly code: number | null;
  /** The signal that ended the process, if any. */
  readonly signal: NodeJS.Signals | null;
}

/** One `orchestra worker` process started by {@link startWorkers}. */
export interface WorkerProcess {
  /** Its `WORKER_ID`: what step attempts record as `workerId`. */
  readonly id: string;
  readonly pid: number;
  /** Everything it wrote to stdout and stderr so far (the last {@link MAX_OUTPUT_CHARS} characters). */
  readonly output: string;
  /** Settles when the process has exited. */
  readonly exited: Promise<WorkerExit>;
  /** Whether the process is still running. */
  readonly running: boolean;
  /** Sends `signal` (SIGTERM: graceful stop; SIGKILL: a crash). No-op once it has exited. */
  kill(signal: NodeJS.Signals): void;
  /** Waits for the exit; throws (with the process's output) when it has not exited within `timeoutMs`. */
  waitForExit(timeoutMs?: number): Promise<WorkerExit>;
}

/** The worker processes of one test; disposing them stops the ones still running. */
export interface WorkerProcesses extends AsyncDisposable {
  readonly workers: readonly WorkerProcess[];
  /** The worker whose `WORKER_ID` is `id`; throws when there is none. */
  byId(id: string): WorkerProcess;
  /** Every worker's output, each under a header line naming it (for failure messages). */
  output(): string;
  /** SIGTERM to each running worker, SIGKILL to those still running {@link STOP_GRACE_MS} later; waits for the exits (idempotent). */
  stop(): Promise<void>;
}

/** Options of {@link startWorkers}. */
export interface StartWorkersOptions {
  /** How long to wait for every worker to log `worker ready`, in ms. @defaultValue 60_000 */
  readonly readyTimeoutMs?: number;
}

/** Output kept per worker, in characters (older output is dropped). */
const MAX_OUTPUT_CHARS = 1_000_000;
/** Time a stopping worker gets between SIGTERM and SIGKILL, in ms. */
const STOP_GRACE_MS = 10_000;
/** Default of {@link WorkerProcess.waitForExit}, in ms. */
const EXIT_TIMEOUT_MS = 20_000;
/** Default of {@link StartWorkersOptions.readyTimeoutMs}, in ms. */
const READY_TIMEOUT_MS = 60_000;
/** The log line (pino JSON, at level info) a worker writes once it takes jobs. */
const READY_LINE = '"msg":"worker ready"';
const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts `count` worker processes (`node --import tsx bin/orchestra.ts worker`, no HTTP server) with exactly the
 * environment `env` (pass a copy of `process.env` with the test's overrides), except that worker i (from 1) gets
 * `WORKER_ID=<env.WORKER_ID ?? 'worker'>-<i>` and `LOG_LEVEL=info` unless `env` asks for debug or trace, and
 * `EGRESS_ALLOW` is the test graphs' loopback default unless `env` sets it. Resolves once
 * every worker has logged `worker ready`; throws (with the output) when one exits before or is not ready in time,
 * after stopping the others.
 */
export async function startWorkers(count: number, env: Environment, options: StartWorkersOptions = {}): Promise<WorkerProcesses> {
  const baseId = env['WORKER_ID'] ?? 'worker';
  const logLevel = env['LOG_LEVEL'] === 'debug' || env['LOG_LEVEL'] === 'trace' ? env['LOG_LEVEL'] : 'info';
  const started = Array.from({ length: count }, (_, i) =>
    spawnWorker({ EGRESS_ALLOW: DEFAULT_TEST_EGRESS_ALLOW, ...env, WORKER_ID: `${baseId}-${i + 1}`, LOG_LEVEL: logLevel }),
  );
  const workers = started.map((s) => s.worker);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= Promise.all(workers.map(stopWorker)).then(() => undefined));
  const output = (): string => workers.map((w) => `----- worker ${w.id} (pid ${w.pid}) -----\n${w.output}`).join('\n');
  const processes: WorkerProcesses = {
    workers,
    byId(id) {
      const worker = workers.find((w) => w.id === id);
      if (!worker) throw new Error(`no worker process with WORKER_ID ${id} (started: ${workers.map((w) => w.id).join(', ')})`);
      return worker;
    },
    output,
    stop,
    [Symbol.asyncDispose]: stop,
  };
  const timeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.all(started.map((s) => s.ready)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`worker processes not ready after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output()}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  return processes;
}

/** Spawns one worker; `ready` resolves at its `worker ready` line and rejects if it exits first. */
function spawnWorker(env: Environment): { worker: WorkerProcess; ready: Promise<void> } {
  const id = env['WORKER_ID'] ?? 'worker';
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/orchestra.ts', 'worker'], {
    cwd: REPOSITORY_ROOT,
    env: { ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exit: WorkerExit | undefined;
  const exited = new Promise<WorkerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    const append = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-MAX_OUTPUT_CHARS);
      if (output.includes(READY_LINE)) resolve();
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    child.once('error', reject);
    void exited.then((e) => reject(new Error(`worker ${id} exited before it was ready (code ${e.code}, signal ${e.signal})`)));
  });
  // A worker stopped because another failed to start rejects after startWorkers stopped listening.
  ready.catch(() => undefined);
  const worker: WorkerProcess = {
    id,
    pid: child.pid ?? -1,
    get output() {
      return output;
    },
    exited,
    get running() {
      return exit === undefined;
    },
    kill(signal) {
      if (exit === undefined) child.kill(signal);
    },
    async waitForExit(timeoutMs = EXIT_TIMEOUT_MS) {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          exited,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`worker ${id} did not exit within ${timeoutMs} ms\n${output}`)), timeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return { worker, ready };
}

/** Stops one worker: SIGTERM, then SIGKILL after {@link STOP_GRACE_MS}. */
async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (!worker.running) return;
  worker.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'grace over'>((resolve) => {
    timer = setTimeout(() => resolve('grace over'), STOP_GRACE_MS);
  });
  if ((await Promise.race([worker.exited, graceOver])) === 'grace over') worker.kill('SIGKILL');
  clearTimeout(timer);
  await worker.exited;
}
