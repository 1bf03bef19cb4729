import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

/** One measured figure: its value and unit (e.g. `ms`, `requests/s`, `KB`). */
export interface Metric {
  readonly value: number;
  readonly unit: string;
}

/** The JSON every benchmark writes to `bench/results/<name>.json` (format of ARCHITECTURE.md, "Layout"). */
export interface BenchResult {
  readonly name: string;
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  readonly metrics: Readonly<Record<string, Metric>>;
  /** What the figures were measured on, where a benchmark says (e.g. which store gave which metric). */
  readonly notes?: Readonly<Record<string, string>>;
}

/**
 * Prints the metrics as a table (and the notes, if any) and writes them to `bench/results/<name>.json`. Returns the
 * path written.
 */
export async function writeBenchResult(name: string, metrics: Record<string, Metric>, notes?: Record<string, string>): Promise<string> {
  const result: BenchResult = { name, date: new Date().toISOString(), node: process.version, cpus: cpus().length, metrics, ...(notes ? { notes } : {}) };
  console.table(Object.fromEntries(Object.entries(metrics).map(([k, m]) => [k, { value: m.value, unit: m.unit }])));
  for (const [key, note] of Object.entries(notes ?? {})) console.log(`${key}: ${note}`);
  await mkdir('bench/results', { recursive: true });
  const path = `bench/results/${name}.json`;
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${path}`);
  return path;
}

/** The `p`-th percentile (0–100) of `samples` by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/**
 * Calls `task(0)` … `task(count − 1)`, `concurrency` at a time (a closed loop: each caller starts the next task when
 * its last one finished), and resolves with the latency of each call in ms, in completion order.
 */
export async function timedConcurrently(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

/**
 * Calls `task(i)` at a fixed rate — `ratePerS` calls per second, for `durationMs` — whether or not earlier calls have
 * finished (an open loop, as wrk2 drives load), and resolves with each call's latency in ms measured from the time it
 * was due, not from when it was sent, so that a stall counts against every call it delays (Gil Tene's "coordinated
 * omission"). Latencies are in completion order.
 */
export async function timedAtRate(ratePerS: number, durationMs: number, task: (i: number) => Promise<unknown>): Promise<number[]> {
  const intervalMs = 1000 / ratePerS;
  const count = Math.floor((durationMs / 1000) * ratePerS);
  const started = performance.now();
  const latencies: number[] = [];
  const calls: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const dueAt = started + i * intervalMs;
    const waitMs = dueAt - performance.now();
    if (waitMs > 1) await new Promise((resolve) => setTimeout(resolve, waitMs));
    calls.push(
      task(i).then(() => {
        latencies.push(performance.now() - dueAt);
      }),
    );
  }
  await Promise.all(calls);
  return latencies;
}
