import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Environment } from '../platform/config.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, waitFor, type GraphClient } from './kit/client.ts';
import { OrchestrationCancelRunDocument } from './generated/graphql.ts';
import { createWorkflow, findStep, startRun, startRuns, stepDetail, waitForRunDetail, waitForRuns, type ListedRun, type RunDetail } from './kit/runs.ts';
import { startTestHttpServer, type TestHttpServer } from './kit/test-http-server.ts';
import { startWorkers, type WorkerProcesses } from './kit/worker-processes.ts';

/*
 * The durable engine across processes: the graph in this process starts runs on its own task queue and executes
 * nothing (WORKER_ENABLED=false); `orchestra worker` processes execute them, and the tests crash, stop and scale them.
 * Each file run has its own Redis key prefix and task queue, so parallel test files never share jobs.
 */
const REDIS_KEY_PREFIX = `orchestra-test-${randomUUID().slice(0, 8)}:`;
const WORKER_QUEUE = `durability-${randomUUID().slice(0, 8)}`;

describe.skipIf(!process.env.DATABASE_URL || !process.env.REDIS_URL)('the durable engine with worker processes', () => {
  let graph: TestGraph;
  let http: TestHttpServer;
  beforeAll(async () => {
    [graph, http] = await Promise.all([
      startGraph({ subgraphs: ['orchestration'], env: { WORKER_ENABLED: 'false', WORKER_QUEUE, REDIS_KEY_PREFIX } }),
      startTestHttpServer(),
    ]);
  });
  afterAll(async () => {
    await graph?.close();
    await http?.close();
    await deleteRedisKeys(REDIS_KEY_PREFIX);
  });

  const client = (tenant = newTenant()): Promise<GraphClient> => createClient(graph, { tenant });

  /**
   * Starts `count` workers on this file's queue and Redis prefix, with short leases (2 s) and sweeps (0.5 s);
   * `overrides` add to (or replace) that environment. Their output is printed if the test fails.
   */
  const startTestWorkers = async (count: number, overrides: Environment): Promise<WorkerProcesses> => {
    const workers = await startWorkers(count, {
      ...process.env,
      NODE_ENV: 'test',
      WORKER_ENABLED: 'true',
      WORKER_QUEUE,
      REDIS_KEY_PREFIX,
      GATEWAY_URL: graph.gatewayUrl,
      WORKER_LEASE_MS: '2000',
      WORKER_SWEEP_INTERVAL_MS: '500',
      ...overrides,
    });
    onTestFailed(() => console.error(`worker output:\n${workers.output()}`));
    return workers;
  };

  /** Waits until the step `stepId` of run `runId` has a RUNNING attempt, and returns that attempt's worker id. */
  const workerRunning = async (c: GraphClient, runId: string, stepId: string): Promise<string> => {
    const run = await waitForRunDetail(c, runId, (r) => findStep(r, stepId)?.attempts.some((a) => a.status === 'RUNNING' && a.workerId) ?? false);
    const attempt = stepDetail(run, stepId).attempts.find((a) => a.status === 'RUNNING');
    return attempt?.workerId ?? '';
  };

  /** Waits until the test server has received a request to `path`. */
  const requestArrived = (path: string): Promise<true> => waitFor(`a request to ${path}`, async () => (http.requestsTo(path).length > 0 ? true : undefined));

  it('re-runs a step whose worker was killed mid-request on another worker, completing it exactly once', async () => {
    const c = await client();
    const path = '/held/crash';
    http.hold(path);
    await using workers = await startTestWorkers(2, { WORKER_ID: 'crash' });
    const workflowId = await createWorkflow(c, [{ id: 'call', kind: 'http', config: { url: `${http.url}${path}` } }]);
    const runId = await startRun(c, { workflowId });

    await requestArrived(path);
    const victimId = await workerRunning(c, runId, 'call');
    const victim = workers.byId(victimId);
    victim.kill('SIGKILL');
    expect((await victim.waitForExit()).signal).toBe('SIGKILL');
    http.release(path);

    const run = await waitForRunDetail(c, runId);
    expect(run.status).toBe('COMPLETED');
    expect(http.requestsTo(path).length).toBeGreaterThanOrEqual(2);
    expect(run.events.filter((e) => e.type === 'STEP_COMPLETED' && e.stepId === 'call')).toHaveLength(1);
    const attempts = stepDetail(run, 'call').attempts;
    const completed = attempts.filter((a) => a.status === 'COMPLETED');
    expect(completed).toHaveLength(1);
    expect(completed[0]?.workerId).not.toBe(victimId);
    const lost = attempts.find((a) => a.workerId === victimId);
    expect(lost?.status, JSON.stringify(attempts)).not.toMatch(/^(RUNNING|COMPLETED)$/);
    expect(lost?.attempt).toBeLessThan(completed[0]?.attempt ?? 0);
  });

  it('shares 200 fan-out/fan-in runs among 3 workers, executing no step again after it completed', async () => {
    const c = await client();
    await using workers = await startTestWorkers(3, { WORKER_ID: 'scale' });
    const workflowId = await createWorkflow(c, [
      { id: 'a', kind: 'transform', config: { expression: 'input.n' } },
      { id: 'b', kind: 'transform', dependsOn: ['a'], config: { expression: 'steps.a + 1' } },
      { id: 'c', kind: 'transform', dependsOn: ['a'], config: { expression: 'steps.a * 2' } },
      { id: 'd', kind: 'transform', dependsOn: ['b', 'c'], config: { expression: 'steps.b + steps.c' } },
    ]);
    await startRuns(
      c,
      Array.from({ length: 200 }, (_, n) => ({ workflowId, input: { n } })),
    );

    const runs = await waitForRuns(c, { workflowId }, 200);
    expect(runs).toHaveLength(200);
    expect(runs.filter((r) => r.status !== 'COMPLETED').map((r) => r.status)).toEqual([]);
    for (const run of runs) expect(run.output).toEqual({ d: 3 * (run.input as { n: number }).n + 1 });

    const steps = runs.flatMap((r) => r.steps);
    expect(steps).toHaveLength(800);
    expect(steps.filter((s) => s.status !== 'COMPLETED' || !s.finishedAt)).toEqual([]);
    const attempts = steps.flatMap((s) => s.attempts);
    expect(new Set(attempts.map((a) => a.workerId))).toEqual(new Set(workers.workers.map((w) => w.id)));
    const executedTwice = steps.filter((s) => s.attempts.filter((a) => a.status === 'COMPLETED').length !== 1);
    expect(executedTwice.map((s) => s.attempts)).toEqual([]);
    const startedAfterFinish = steps.filter((s) => s.attempts.some((a) => time(a.startedAt) > time(s.finishedAt)));
    expect(startedAfterFinish.map((s) => ({ finishedAt: s.finishedAt, attempts: s.attempts }))).toEqual([]);
  });

  it("runs another tenant's steps while one tenant has a deep backlog", async () => {
    const [a, b] = await Promise.all([client(), client()]);
    const step = { id: 'call', kind: 'http', config: { url: `${http.url}/delay/20/fairness` } };
    const [workflowA, workflowB] = await Promise.all([createWorkflow(a, [step]), createWorkflow(b, [step])]);
    await startRuns(
      a,
      Array.from({ length: 300 }, () => ({ workflowId: workflowA })),
    );
    await startRuns(
      b,
      Array.from({ length: 3 }, () => ({ workflowId: workflowB })),
    );
    // The worker starts once both backlogs are queued: in arrival order, B's steps would come after all of A's.
    await using _workers = await startTestWorkers(1, { WORKER_ID: 'fairness', WORKER_CONCURRENCY: '2' });

    const runsB = await waitForRuns(b, { workflowId: workflowB }, 3);
    expect(runsB.map((r) => r.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
    const runsA = await waitForRuns(a, { workflowId: workflowA }, 300);
    expect(runsA.filter((r) => r.status !== 'COMPLETED')).toEqual([]);
    const lastOfB = Math.max(...runsB.map((r) => time(r.finishedAt)));
    const unfinishedA = runsA.filter((r) => time(r.finishedAt) > lastOfB).length;
    expect(unfinishedA, 'runs of A still unfinished when the last run of B finished').toBeGreaterThan(0.4 * 300);
  }, 90_000);

  it("takes higher-priority runs' steps first", async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [{ id: 'call', kind: 'http', config: { url: `${http.url}/delay/10/priority` } }]);
    const low = await startRuns(
      c,
      Array.from({ length: 30 }, () => ({ workflowId, priority: 0 })),
    );
    const high = await startRuns(
      c,
      Array.from({ length: 5 }, () => ({ workflowId, priority: 10 })),
    );
    await using _workers = await startTestWorkers(1, { WORKER_ID: 'priority', WORKER_CONCURRENCY: '1' });

    const runs = await waitForRuns(c, { workflowId }, 35);
    expect(runs.filter((r) => r.status !== 'COMPLETED')).toEqual([]);
    const finishedAt = (ids: readonly string[]): number[] => runs.filter((r) => ids.includes(r.id)).map((r) => time(r.finishedAt));
    const lastHigh = Math.max(...finishedAt(high));
    const lowAfterHigh = finishedAt(low).filter((t) => t > lastHigh).length;
    expect(lowAfterHigh, 'low-priority runs (queued earlier) finished after the last high-priority one').toBeGreaterThan(20);
  });

  it('never runs more steps at once across workers than WORKER_GLOBAL_CONCURRENCY', async () => {
    const c = await client();
    const path = '/delay/300/global';
    await using _workers = await startTestWorkers(2, { WORKER_ID: 'global', WORKER_CONCURRENCY: '4', WORKER_GLOBAL_CONCURRENCY: '2' });
    const workflowId = await createWorkflow(c, [{ id: 'call', kind: 'http', config: { url: `${http.url}${path}` } }]);
    await startRuns(
      c,
      Array.from({ length: 10 }, () => ({ workflowId })),
    );

    const runs = await waitForRuns(c, { workflowId }, 10);
    expect(runs.filter((r) => r.status !== 'COMPLETED')).toEqual([]);
    expect(http.requestsTo(path)).toHaveLength(10);
    expect(http.peakConcurrency(path), 'requests open at once').toBe(2);
  });

  it('a worker stopped with SIGTERM mid-step exits 0 and another worker completes the step', async () => {
    const c = await client();
    const path = '/held/graceful';
    http.hold(path);
    await using workers = await startTestWorkers(2, { WORKER_ID: 'graceful' });
    const workflowId = await createWorkflow(c, [{ id: 'call', kind: 'http', config: { url: `${http.url}${path}` } }]);
    const runId = await startRun(c, { workflowId });

    await requestArrived(path);
    const stoppingId = await workerRunning(c, runId, 'call');
    const stopping = workers.byId(stoppingId);
    stopping.kill('SIGTERM');
    expect(await stopping.waitForExit()).toEqual({ code: 0, signal: null });
    http.release(path);

    const run = await waitForRunDetail(c, runId);
    expect(run.status).toBe('COMPLETED');
    const completed = stepDetail(run, 'call').attempts.filter((a) => a.status === 'COMPLETED');
    expect(completed).toHaveLength(1);
    expect(completed[0]?.workerId).toBe(workers.workers.find((w) => w.id !== stoppingId)?.id);
  });

  it('cancelWorkflowRun through the gateway aborts the step running in a worker process', async () => {
    const c = await client();
    const path = '/held/cancel';
    http.hold(path);
    await using _workers = await startTestWorkers(1, { WORKER_ID: 'cancel' });
    const workflowId = await createWorkflow(c, [
      { id: 'call', kind: 'http', config: { url: `${http.url}${path}` } },
      { id: 'next', kind: 'transform', dependsOn: ['call'], config: { expression: '1' } },
    ]);
    const runId = await startRun(c, { workflowId });
    await requestArrived(path);
    await workerRunning(c, runId, 'call');

    const { cancelWorkflowRun } = await c.requestOk(OrchestrationCancelRunDocument, { id: runId });
    expect(cancelWorkflowRun.status).toBe('CANCELLED');
    await waitFor('the aborted request', async () => (http.aborted.includes(path) ? true : undefined));
    const run: RunDetail = await waitForRunDetail(c, runId, (r) => r.steps.every((s) => s.attempts.every((a) => a.status !== 'RUNNING')));
    expect(run.status).toBe('CANCELLED');
    expect(run.steps.map((s) => s.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(stepDetail(run, 'call').attempts.map((a) => a.status)).toEqual(['CANCELLED']);
    http.release(path);
  });
});

/** Milliseconds since the epoch of a GraphQL DateTime (NaN when absent, which fails any comparison). */
function time(value: ListedRun['finishedAt'] | undefined): number {
  return value ? new Date(value).getTime() : Number.NaN;
}

/** Deletes the Redis keys under `prefix` (the queues and streams the test's processes created). */
async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? '', { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
