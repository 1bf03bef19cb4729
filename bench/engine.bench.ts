/**
 * `npm run bench -- engine`: throughput and scheduling delay of the durable workflow engine, with 1 and then 2
 * `orchestra worker` processes on BullMQ. The workflow is 5 no-op `transform` steps, a → (b, c, d) → e, so fan-out,
 * fan-in and chains all count. Runs are started in this process through `WorkflowEngine.start` (no HTTP, no gateway).
 * Per worker count, once the workers are ready and have run {@link WARMUP_RUNS} runs:
 * - phase A (saturation): the BullMQ queue is paused, {@link SATURATION_RUNS} runs are started (so that starting them
 *   does not compete for the CPU), the queue resumes; throughput = steps completed / (last step finish − first step
 *   start), from Postgres.
 * - phase B (half load): runs start open-loop at a fixed rate worth {@link HALF_LOAD_FRACTION} of phase A's steps/s
 *   for {@link HALF_LOAD_SECONDS}; the delay from a step becoming ready to its start is `started_at − ready_at` of its
 *   step run (both `clock_timestamp()` in Postgres). For a run's first step, `ready_at` is taken inside the start's
 *   transaction, so its delay includes that commit and the enqueue; `dependent_ready_to_start_p99_ms` leaves it out.
 * All runs of a phase belong to one tenant ({@link TENANTS_PER_PHASE}), as one busy tenant is the case that a
 * per-tenant lock would hurt. Needs Postgres and Redis: `DATABASE_URL` names the server (default
 * {@link DEFAULT_DATABASE_URL}) on which each bench run creates a database of its own, `orchestra_bench_<id>`, dropped
 * at the end — a database aged by earlier runs (deleted rows, grown files and indexes, with autovacuum off here) was
 * measured 25-35 % slower, which is the database's history, not the engine; `REDIS_URL` (default
 * {@link DEFAULT_REDIS_URL}). Each bench run uses its own Redis key prefix and task queue, and deletes its keys at the
 * end. Metrics (2 workers; `_1w` for 1 worker):
 * `steps_per_second`, `runs_per_second`, `ready_to_start_p50_ms`, `ready_to_start_p99_ms`, and figures for context.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { loadConfig, type Environment } from '../platform/config.ts';
import { createSubgraphDataSource } from '../platform/database/data-source.ts';
import { createLogger } from '../platform/logger.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import { createEngineRuntime } from '../subgraphs/orchestration/engine/engine-runtime.ts';
import { orchestrationSubgraph } from '../subgraphs/orchestration/index.ts';
import { WorkflowRunService } from '../subgraphs/orchestration/services/workflow-runs.ts';
import { WorkflowService } from '../subgraphs/orchestration/services/workflows.ts';
import { startWorkers } from '../test/kit/worker-processes.ts';
import { createBenchDatabase } from './bench-database.ts';
import { percentile, writeBenchResult, type Metric } from './bench-result.ts';
import { deleteRedisKeys } from './delete-redis-keys.ts';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/orchestra_bench';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** Jobs each worker process handles at once (`WORKER_CONCURRENCY`). */
const WORKER_CONCURRENCY = 32;
/**
 * Postgres connections of each worker process (`DATABASE_POOL_SIZE`). Few: with Postgres on the same 2 cores, more
 * backends only take turns holding row locks (16 per worker measured slower and noisier; 4 queued steps for a
 * connection and doubled the p99 delay).
 */
const WORKER_POOL_SIZE = 8;
/** Runs before phase A (not measured): warm connections and code, and give the tables some history. */
const WARMUP_RUNS = 200;
/** Runs of phase A (5 steps each). */
const SATURATION_RUNS = 3_000;
/** Runs this process starts at once while filling phase A's backlog. */
const START_CONCURRENCY = 16;
/** Phase B's load, as a fraction of phase A's steps/s. */
const HALF_LOAD_FRACTION = 0.5;
/** Duration of phase B's open-loop load, in seconds. */
const HALF_LOAD_SECONDS = 10;
/** Longest wait for a phase's runs to finish, in ms. */
const DRAIN_TIMEOUT_MS = 90_000;
/** Interval of the completion poll, in ms. */
const POLL_INTERVAL_MS = 250;
/** Interval of phase B's scheduler, in ms. */
const TICK_MS = 5;
/**
 * Tenants each phase spreads its runs over, round-robin. Transitions take no per-tenant lock (event cursors are
 * assigned after commit), so one tenant is as fast as many.
 */
const TENANTS_PER_PHASE = 1;

/** The engine's tables, children first (the order rows are deleted in). */
const ENGINE_TABLES = [
  'workflow_events',
  'event_cursors',
  'event_relay_positions',
  'step_attempts',
  'step_runs',
  'workflow_runs',
  'workflow_versions',
  'workflows',
];

/** A → (b, c, d) → e, each a `transform` whose expression is `null`. */
const STEPS = [
  { id: 'a', kind: 'transform', config: { expression: 'null' } },
  { id: 'b', kind: 'transform', dependsOn: ['a'], config: { expression: 'null' } },
  { id: 'c', kind: 'transform', dependsOn: ['a'], config: { expression: 'null' } },
  { id: 'd', kind: 'transform', dependsOn: ['a'], config: { expression: 'null' } },
  { id: 'e', kind: 'transform', dependsOn: ['b', 'c', 'd'], config: { expression: 'null' } },
];

/** The tenants of one phase; `start(n)` starts its run number n (on tenant n modulo their number). */
interface Phase {
  readonly tenantIds: readonly string[];
  start(n: number): Promise<unknown>;
}

/** What one worker count measured. */
interface WorkerCountResult {
  readonly stepsPerSecond: number;
  readonly runsPerSecond: number;
  readonly startsPerSecond: number;
  readonly offeredRunsPerSecond: number;
  readonly readyToStartMs: readonly number[];
  readonly dependentReadyToStartMs: readonly number[];
}

const benchId = randomUUID().slice(0, 8);
const benchDatabase = await createBenchDatabase(process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL, `orchestra_bench_${benchId}`);
const databaseUrl = benchDatabase.url;
const redisUrl = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
const env: Environment = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: `orchestra-bench-${benchId}:`,
  WORKER_QUEUE: `bench-${benchId}`,
  WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
  WORKER_ID: `bench-${benchId}`,
  LOG_LEVEL: 'warn',
};
const config = loadConfig({ ...env, WORKER_ENABLED: 'false', DATABASE_POOL_SIZE: String(START_CONCURRENCY) });
const logger = createLogger(config, 'engine-bench');
const dataSource = await createSubgraphDataSource({
  url: databaseUrl,
  schema: orchestrationSubgraph.name,
  entities: orchestrationSubgraph.entities,
  migrations: orchestrationSubgraph.migrations,
  poolSize: config.database.poolSize,
  logger,
});
const client = await createRedisClient({ url: redisUrl, connectionName: 'orchestra-engine-bench' });
const subscriber = await createRedisClient({ url: redisUrl, connectionName: 'orchestra-engine-bench-subscriber' });
const workflows = new WorkflowService(dataSource);
const runtime = createEngineRuntime({
  config,
  dataSource,
  redis: { client, subscriber },
  logger,
  workflows,
  runs: new WorkflowRunService(dataSource),
  work: false,
});
// The step queue's BullMQ queue (see bullmq-step-queue.ts), paused while phase A's backlog is built.
const bullConnection = client.duplicate({ maxRetriesPerRequest: null, keyPrefix: '' });
const bullQueue = new Queue(`steps-${config.worker.queue}`, { connection: bullConnection, prefix: `${config.redis.keyPrefix}bull` });
try {
  const one = await measure(1);
  const two = await measure(2);
  const metrics: Record<string, Metric> = {};
  for (const [suffix, r] of [
    ['', two],
    ['_1w', one],
  ] as const) {
    metrics[`steps_per_second${suffix}`] = { value: round(r.stepsPerSecond), unit: 'steps/s' };
    metrics[`runs_per_second${suffix}`] = { value: round(r.runsPerSecond), unit: 'runs/s' };
    metrics[`ready_to_start_p50_ms${suffix}`] = { value: round(percentile(r.readyToStartMs, 50)), unit: 'ms' };
    metrics[`ready_to_start_p99_ms${suffix}`] = { value: round(percentile(r.readyToStartMs, 99)), unit: 'ms' };
    metrics[`dependent_ready_to_start_p99_ms${suffix}`] = { value: round(percentile(r.dependentReadyToStartMs, 99)), unit: 'ms' };
    metrics[`half_load_runs_per_second${suffix}`] = { value: round(r.offeredRunsPerSecond), unit: 'runs/s' };
    metrics[`run_starts_per_second${suffix}`] = { value: round(r.startsPerSecond), unit: 'runs/s' };
  }
  metrics['worker_concurrency'] = { value: WORKER_CONCURRENCY, unit: 'jobs per worker process' };
  await writeBenchResult('engine', metrics);
} finally {
  await runtime.close();
  await bullQueue.close();
  bullConnection.disconnect();
  await deleteRedisKeys(client, `${config.redis.keyPrefix}*`);
  await client.quit();
  await subscriber.quit();
  await dataSource.destroy();
  await benchDatabase.drop();
}

/** Warm-up, phases A and B with `workerCount` worker processes (stopped at the end), each on its own tenants. */
async function measure(workerCount: number): Promise<WorkerCountResult> {
  const label = `${workerCount} worker${workerCount > 1 ? 's' : ''}`;
  await vacuum();
  const workers = await startWorkers(workerCount, { ...env, DATABASE_POOL_SIZE: String(WORKER_POOL_SIZE) });
  try {
    const warmup = await newPhase(`w${workerCount}`);
    await startRuns(warmup, WARMUP_RUNS);
    await waitForRuns(warmup.tenantIds, WARMUP_RUNS);

    const saturation = await newPhase(`a${workerCount}`);
    await bullQueue.pause();
    const t0 = performance.now();
    await startRuns(saturation, SATURATION_RUNS);
    const startsPerSecond = SATURATION_RUNS / ((performance.now() - t0) / 1000);
    await analyze();
    await checkpoint();
    await bullQueue.resume();
    await waitForRuns(saturation.tenantIds, SATURATION_RUNS);
    const window = await stepWindow(saturation.tenantIds);
    const stepsPerSecond = window.steps / window.seconds;
    const runsPerSecond = SATURATION_RUNS / window.seconds;
    console.log(
      `${label}, phase A: ${SATURATION_RUNS} runs started in a paused queue (${round(startsPerSecond)} runs/s), then ${window.steps} steps ` +
        `in ${round(window.seconds)} s → ${round(stepsPerSecond)} steps/s, ${round(runsPerSecond)} runs/s`,
    );

    const halfLoad = await newPhase(`b${workerCount}`);
    await checkpoint();
    const runsPerSecondOffered = (HALF_LOAD_FRACTION * stepsPerSecond) / STEPS.length;
    const started = await startRunsAtRate(halfLoad, runsPerSecondOffered, HALF_LOAD_SECONDS * 1000);
    await waitForRuns(halfLoad.tenantIds, started);
    const delays = await readyToStart(halfLoad.tenantIds);
    const all = delays.map((d) => d.ms);
    const dependents = delays.filter((d) => d.stepId !== 'a').map((d) => d.ms);
    console.log(
      `${label}, phase B: ${started} runs at ${round(runsPerSecondOffered)} runs/s; ready→start p50 ${round(percentile(all, 50))} ms, ` +
        `p99 ${round(percentile(all, 99))} ms (dependent steps p99 ${round(percentile(dependents, 99))} ms)`,
    );
    return {
      stepsPerSecond,
      runsPerSecond,
      startsPerSecond,
      offeredRunsPerSecond: runsPerSecondOffered,
      readyToStartMs: all,
      dependentReadyToStartMs: dependents,
    };
  } finally {
    await workers.stop();
  }
}

/** {@link TENANTS_PER_PHASE} fresh tenants, each with the benchmark workflow. */
async function newPhase(phase: string): Promise<Phase> {
  const targets: { tenantId: string; workflowId: string }[] = [];
  for (let i = 0; i < TENANTS_PER_PHASE; i++) {
    const tenantId = `bench-${benchId}-${phase}-${i}`;
    const workflow = await workflows.create(tenantId, { name: 'engine bench', steps: STEPS });
    targets.push({ tenantId, workflowId: workflow.id });
  }
  return {
    tenantIds: targets.map((t) => t.tenantId),
    start(n) {
      const target = targets[n % targets.length];
      if (!target) throw new Error('a phase without tenants');
      return runtime.engine.start(target.tenantId, { workflowId: target.workflowId });
    },
  };
}

/** Starts `count` runs, {@link START_CONCURRENCY} at a time. */
async function startRuns(phase: Phase, count: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: START_CONCURRENCY }, async () => {
      while (next < count) {
        await phase.start(next++);
      }
    }),
  );
}

/**
 * Starts runs open-loop at `runsPerSecond` for `durationMs` (a start that is slow does not delay the next ones).
 * @returns the number of runs started.
 */
async function startRunsAtRate(phase: Phase, runsPerSecond: number, durationMs: number): Promise<number> {
  const pending = new Set<Promise<unknown>>();
  const t0 = performance.now();
  let started = 0;
  for (let elapsed = 0; elapsed < durationMs; elapsed = performance.now() - t0) {
    const due = Math.floor((elapsed / 1000) * runsPerSecond);
    for (; started < due; started++) {
      const start = phase.start(started).finally(() => pending.delete(start));
      pending.add(start);
    }
    await sleep(TICK_MS);
  }
  await Promise.all(pending);
  return started;
}

/** Waits until the tenants' `count` runs are all COMPLETED. @throws when one ended otherwise or time ran out. */
async function waitForRuns(tenantIds: readonly string[], count: number): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const [row] = (await dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed, count(*) FILTER (WHERE status NOT IN ('COMPLETED', 'RUNNING', 'WAITING'))::int AS failed
       FROM orchestration.workflow_runs WHERE tenant_id = ANY($1::text[])`,
      [tenantIds],
    )) as { completed: number; failed: number }[];
    if (row && row.failed > 0) throw new Error(`${row.failed} runs of ${tenantIds.join(', ')} did not complete`);
    if (row && row.completed >= count) return;
    if (Date.now() > deadline) throw new Error(`${tenantIds.join(', ')}: ${row?.completed ?? 0} of ${count} runs completed after ${DRAIN_TIMEOUT_MS} ms`);
    await sleep(POLL_INTERVAL_MS);
  }
}

/** Completed steps of the tenants and the seconds from the first step's start to the last one's finish. */
async function stepWindow(tenantIds: readonly string[]): Promise<{ steps: number; seconds: number }> {
  const [row] = (await dataSource.query(
    `SELECT count(*)::int AS steps, extract(epoch FROM max(finished_at) - min(started_at))::float8 AS seconds
     FROM orchestration.step_runs WHERE tenant_id = ANY($1::text[]) AND status = 'COMPLETED'`,
    [tenantIds],
  )) as { steps: number; seconds: number }[];
  return { steps: row?.steps ?? 0, seconds: row?.seconds ?? Number.NaN };
}

/** `started_at − ready_at` of every completed step of the tenants, in ms. */
async function readyToStart(tenantIds: readonly string[]): Promise<{ stepId: string; ms: number }[]> {
  const rows = (await dataSource.query(
    `SELECT step_id, extract(epoch FROM started_at - ready_at)::float8 * 1000 AS ms
     FROM orchestration.step_runs WHERE tenant_id = ANY($1::text[]) AND status = 'COMPLETED'`,
    [tenantIds],
  )) as { step_id: string; ms: number }[];
  return rows.map((r) => ({ stepId: r.step_id, ms: r.ms }));
}

/**
 * Vacuums the engine's tables, so that dead rows of earlier phases (the server may run without autovacuum) do not
 * slow the next phase down.
 */
async function vacuum(): Promise<void> {
  await dataSource.query(`VACUUM ${ENGINE_TABLES.map((t) => `orchestration.${t}`).join(', ')}`);
}

/**
 * Analyses the engine's tables once the backlog is in. Statistics taken on near-empty tables (an ANALYZE before the
 * runs, with autovacuum off) can make the planner pick a range scan of a tenant's rows over the primary key, and the
 * engine slows down several times.
 */
async function analyze(): Promise<void> {
  await dataSource.query(`ANALYZE ${ENGINE_TABLES.map((t) => `orchestration.${t}`).join(', ')}`);
}

/**
 * Writes a checkpoint before a measured phase, so that no timed checkpoint (`checkpoint_timeout`, 5 min by default)
 * falls inside it: its flushing and the full-page images that follow it would make one phase pay for another's writes.
 * Needs a superuser or `pg_checkpoint` role; skipped (with a note) without.
 */
async function checkpoint(): Promise<void> {
  try {
    await dataSource.query('CHECKPOINT');
  } catch (error) {
    if (!checkpointSkipped) console.log(`no CHECKPOINT before the phases (${(error as Error).message})`);
    checkpointSkipped = true;
  }
}
let checkpointSkipped = false;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
