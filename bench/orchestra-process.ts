import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Environment } from '../platform/config.ts';

/** One `orchestra serve <services…>` process started by {@link startOrchestraProcess}. */
export interface OrchestraProcess {
  /** Pid of the node process itself (spawned directly, no npm or tsx wrapper), for `/proc/<pid>/…`. */
  readonly pid: number;
  /** What it wrote to stdout and stderr so far (the last {@link MAX_OUTPUT_CHARS} characters). */
  readonly output: string;
  /** Whether it is still running. */
  readonly running: boolean;
  /**
   * Polls `url` until it answers 200, within `timeoutMs`.
   * @throws (with the process's output) when it exits first or time runs out.
   */
  waitUntilReady(url: string, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after {@link STOP_GRACE_MS}; waits for the exit. Idempotent. */
  stop(): Promise<void>;
}

/** Output kept per process, in characters. */
const MAX_OUTPUT_CHARS = 200_000;
/** Time a stopping process gets between SIGTERM and SIGKILL, in ms. */
const STOP_GRACE_MS = 15_000;
/** Default of {@link OrchestraProcess.waitUntilReady}'s timeout, in ms. */
const READY_TIMEOUT_MS = 120_000;
/** Interval of the readiness poll, in ms. */
const READY_POLL_MS = 250;
const REPOSITORY_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Starts `node [nodeOptions…] --import tsx bin/orchestra.ts serve <services…>` with exactly the environment `env`, in
 * the repository's root. Returns at once: call {@link OrchestraProcess.waitUntilReady}.
 */
export function startOrchestraProcess(services: readonly string[], env: Environment, nodeOptions: readonly string[] = []): OrchestraProcess {
  const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', 'bin/orchestra.ts', 'serve', ...services], {
    cwd: REPOSITORY_ROOT,
    env: { ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-MAX_OUTPUT_CHARS);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  const label = `orchestra serve ${services.join(' ')}`;
  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid ?? -1,
    get output() {
      return output;
    },
    get running() {
      return !exited;
    },
    async waitUntilReady(url, timeoutMs = READY_TIMEOUT_MS) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (exited) throw new Error(`${label} exited before it was ready:\n${output}`);
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
          await response.body?.cancel();
          if (response.ok) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`${label}: ${url} not ready after ${timeoutMs} ms:\n${output}`);
        await sleep(READY_POLL_MS);
      }
    },
    stop() {
      stopping ??= (async () => {
        if (exited) return;
        child.kill('SIGTERM');
        const graceOver = sleep(STOP_GRACE_MS, 'grace over' as const);
        if ((await Promise.race([exit, graceOver])) === 'grace over') child.kill('SIGKILL');
        await exit;
      })();
      return stopping;
    },
  };
}
