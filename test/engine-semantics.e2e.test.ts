import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, waitFor, type GraphClient } from './kit/client.ts';
import { startTestHttpServer, type TestHttpServer } from './kit/test-http-server.ts';
import {
  createWorkflow,
  createWorkflowFrom,
  findStep,
  readRunDetail,
  startRun,
  stepDetail,
  updateWorkflow,
  waitForRunDetail,
  type RunDetail,
} from './kit/runs.ts';
import {
  OrchestrationCancelRunDocument,
  OrchestrationSignalRunDocument,
  OrchestrationWorkflowDocument,
  OrchestrationWorkflowVersionDocument,
  type StepInput,
} from './generated/graphql.ts';

/**
 * The engine's run semantics (retries, timeouts, cancellation, signals, `when`, `map`, idempotency, version pinning,
 * parallelism) seen through the gateway, with the worker in the graph's own orchestration process: BullMQ when
 * `REDIS_URL` is set, the in-process queue otherwise. The graph has its own task queue and Redis key prefix, so
 * workers of other test files never take its steps.
 */

const suffix = randomUUID().slice(0, 8);
const QUEUE = `sem-${suffix}`;

let graph: TestGraph;
let http: TestHttpServer;
beforeAll(async () => {
  [graph, http] = await Promise.all([
    startGraph({
      subgraphs: ['orchestration'],
      env: { WORKER_QUEUE: QUEUE, REDIS_KEY_PREFIX: `orchestra-test-${suffix}:`, WORKER_SWEEP_INTERVAL_MS: '500' },
    }),
    startTestHttpServer(),
  ]);
});
afterAll(async () => {
  await graph?.close();
  await http?.close();
});

const client = (): Promise<GraphClient> => createClient(graph, { tenant: newTenant() });

/** A unique path of the test server, so that tests never share request counts. */
const uniquePath = (name: string): string => `/${name}/${randomUUID()}`;

/** A stored timestamp in epoch ms; fails the test when it is missing. */
function epochMs(value: Date | string | null | undefined, what: string): number {
  expect(value, what).toBeTruthy();
  return new Date(value as Date | string).getTime();
}

/** The events of `run` of `type`. */
const eventsOf = (run: RunDetail, type: string): RunDetail['events'] => run.events.filter((e) => e.type === type);

/** Waits until the test server has received `count` requests to `path`. */
const requestsArrived = (path: string, count = 1): Promise<true> =>
  waitFor(`${count} request(s) to ${path}`, async () => (http.requestsTo(path).length >= count ? true : undefined));

/** Waits until `count` requests to `path` were aborted by the engine. */
const requestsAborted = (path: string, count = 1): Promise<true> =>
  waitFor(`${count} aborted request(s) to ${path}`, async () => (http.aborted.filter((p) => p === path).length >= count ? true : undefined));

const signal = (c: GraphClient, id: string, name: string, payload?: unknown): Promise<unknown> =>
  c.requestOk(OrchestrationSignalRunDocument, { id, name, payload });

describe('retries', () => {
  it('retries a failing http step with exponential backoff, recording every attempt', async () => {
    const c = await client();
    const path = uniquePath('flaky');
    const workflowId = await createWorkflow(c, [
      { id: 'call', kind: 'http', config: { url: `${http.url}${path}` }, retry: { maxAttempts: 4, initialIntervalMs: 200, backoffCoefficient: 2, jitter: 0 } },
    ]);
    http.hold(path);
    const runId = await startRun(c, { workflowId });
    // Answer 500 to the first two attempts; the third gets the server's default 200.
    await requestsArrived(path, 1);
    http.release(path, 500, { error: 'first' });
    http.hold(path);
    await requestsArrived(path, 2);
    http.release(path, 500, { error: 'second' });

    const run = await waitForRunDetail(c, runId);
    expect(run.status).toBe('COMPLETED');
    expect(run.queue).toBe(QUEUE);
    const call = stepDetail(run, 'call');
    expect(call).toMatchObject({ status: 'COMPLETED', attempt: 3 });
    expect(call.output).toMatchObject({ status: 200, body: { path } });
    expect(call.attempts.map((a) => [a.attempt, a.status, a.errorCode])).toEqual([
      [1, 'FAILED', 'HTTP_STATUS'],
      [2, 'FAILED', 'HTTP_STATUS'],
      [3, 'COMPLETED', null],
    ]);
    expect(call.attempts[0]?.error).toContain('HTTP 500');
    const [first, second, third] = call.attempts;
    expect(epochMs(second?.startedAt, 'attempt 2 start') - epochMs(first?.finishedAt, 'attempt 1 finish')).toBeGreaterThanOrEqual(190);
    expect(epochMs(third?.startedAt, 'attempt 3 start') - epochMs(second?.finishedAt, 'attempt 2 finish')).toBeGreaterThanOrEqual(380);
    const retrying = eventsOf(run, 'STEP_RETRYING');
    expect(retrying).toHaveLength(2);
    expect(retrying.map((e) => e.stepId)).toEqual(['call', 'call']);
    expect(retrying.map((e) => (e.payload as { delayMs?: unknown } | null)?.delayMs)).toEqual([200, 400]);
    expect(http.requestsTo(path)).toHaveLength(3);
  });

  it('fails at once on an error code the policy lists as non-retryable', async () => {
    const c = await client();
    const path = uniquePath('fail-final');
    const workflowId = await createWorkflow(c, [
      {
        id: 'call',
        kind: 'http',
        config: { url: `${http.url}${path}` },
        retry: { maxAttempts: 4, initialIntervalMs: 50, nonRetryableErrorCodes: ['HTTP_STATUS'] },
      },
    ]);
    const run = await waitForRunDetail(c, await startRun(c, { workflowId }));
    expect(run.status).toBe('FAILED');
    const call = stepDetail(run, 'call');
    expect(call.status).toBe('FAILED');
    expect(call.attempts.map((a) => [a.status, a.errorCode])).toEqual([['FAILED', 'HTTP_STATUS']]);
    expect(eventsOf(run, 'STEP_RETRYING')).toHaveLength(0);
    expect(http.requestsTo(path)).toHaveLength(1);
  });

  it('fails the run with the step error once maxAttempts are used up', async () => {
    const c = await client();
    const path = uniquePath('fail-always');
    const workflowId = await createWorkflow(c, [
      { id: 'call', kind: 'http', config: { url: `${http.url}${path}` }, retry: { maxAttempts: 3, initialIntervalMs: 50, jitter: 0 } },
      { id: 'after', kind: 'transform', dependsOn: ['call'], config: { expression: '1' } },
    ]);
    const run = await waitForRunDetail(c, await startRun(c, { workflowId }));
    expect(run.status).toBe('FAILED');
    const call = stepDetail(run, 'call');
    expect(call).toMatchObject({ status: 'FAILED', attempt: 3 });
    expect(call.attempts.map((a) => a.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    expect(call.error).toContain('HTTP 500');
    expect(run.error).toContain('call');
    expect(run.error).toContain('HTTP 500');
    expect(eventsOf(run, 'STEP_RETRYING')).toHaveLength(2);
    expect(stepDetail(run, 'after').status).toBe('CANCELLED');
    expect(http.requestsTo(path)).toHaveLength(3);
  });
});

describe('timeouts', () => {
  it('times out each attempt of a hanging step (aborting its request) and fails the run when retries are used up', async () => {
    const c = await client();
    const path = uniquePath('hang');
    http.hold(path);
    try {
      const workflowId = await createWorkflow(c, [
        { id: 'slow', kind: 'http', timeoutMs: 300, config: { url: `${http.url}${path}` }, retry: { maxAttempts: 2, initialIntervalMs: 50 } },
      ]);
      const run = await waitForRunDetail(c, await startRun(c, { workflowId }));
      expect(run.status).toBe('FAILED');
      const slow = stepDetail(run, 'slow');
      expect(slow.status).toBe('TIMED_OUT');
      expect(slow.attempts.map((a) => [a.status, a.errorCode])).toEqual([
        ['TIMED_OUT', 'TIMEOUT'],
        ['TIMED_OUT', 'TIMEOUT'],
      ]);
      for (const a of slow.attempts) expect(epochMs(a.finishedAt, 'attempt finish') - epochMs(a.startedAt, 'attempt start')).toBeGreaterThanOrEqual(290);
      await requestsAborted(path, 2);
      expect(http.requestsTo(path)).toHaveLength(2);
    } finally {
      http.release(path);
    }
  });

  it('ends a run TIMED_OUT at its deadline (StartWorkflowRunInput.timeoutMs), cancelling the waiting step', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [{ id: 'gate', kind: 'wait', config: { signal: 'never' } }]);
    const run = await waitForRunDetail(c, await startRun(c, { workflowId, timeoutMs: 500 }));
    expect(run.status).toBe('TIMED_OUT');
    expect(run.timeoutMs).toBe(500);
    expect(epochMs(run.finishedAt, 'run finish')).toBeGreaterThanOrEqual(epochMs(run.deadlineAt, 'run deadline'));
    expect(stepDetail(run, 'gate').status).toBe('CANCELLED');
    expect(eventsOf(run, 'RUN_TIMED_OUT')).toHaveLength(1);
    expect(run.events.at(-1)?.type).toBe('RUN_TIMED_OUT');
  });

  it("applies the workflow's timeoutMs when the start gives none, and a start's timeoutMs overrides it", async () => {
    const c = await client();
    const workflowId = await createWorkflowFrom(c, { name: 'timed', timeoutMs: 400, steps: [{ id: 'gate', kind: 'wait', config: { signal: 'never' } }] });
    const overridden = await startRun(c, { workflowId, timeoutMs: 600_000 });
    const run = await waitForRunDetail(c, await startRun(c, { workflowId }));
    expect(run.status).toBe('TIMED_OUT');
    expect(run.timeoutMs).toBe(400);
    expect(stepDetail(run, 'gate').status).toBe('CANCELLED');
    expect(eventsOf(run, 'RUN_TIMED_OUT')).toHaveLength(1);

    const long = await readRunDetail(c, overridden);
    expect(long.timeoutMs).toBe(600_000);
    expect(['QUEUED', 'RUNNING', 'WAITING']).toContain(long.status);
    await c.requestOk(OrchestrationCancelRunDocument, { id: overridden });
  });
});

describe('cancellation', () => {
  it('cancels a run with a request in flight: the request is aborted and later steps never start', async () => {
    const c = await client();
    const path = uniquePath('cancel');
    http.hold(path);
    try {
      const workflowId = await createWorkflow(c, [
        { id: 'slow', kind: 'http', config: { url: `${http.url}${path}` } },
        { id: 'next', kind: 'transform', dependsOn: ['slow'], config: { expression: '1' } },
      ]);
      const runId = await startRun(c, { workflowId });
      await requestsArrived(path);
      const { cancelWorkflowRun } = await c.requestOk(OrchestrationCancelRunDocument, { id: runId });
      expect(cancelWorkflowRun.status).toBe('CANCELLED');
      await requestsAborted(path);
      // Once the aborted attempt is recorded, the worker is done with the run.
      const run = await waitForRunDetail(c, runId, (r) => findStep(r, 'slow')?.attempts.every((a) => a.status !== 'RUNNING') ?? false);
      expect(run.status).toBe('CANCELLED');
      expect(stepDetail(run, 'slow').status).toBe('CANCELLED');
      expect(stepDetail(run, 'slow').attempts.map((a) => a.status)).toEqual(['CANCELLED']);
      const next = stepDetail(run, 'next');
      expect(next).toMatchObject({ status: 'CANCELLED', startedAt: null });
      expect(next.attempts).toEqual([]);
      expect(run.events.filter((e) => e.stepId === 'next' && e.type === 'STEP_STARTED')).toEqual([]);
      expect(run.events.at(-1)?.type).toBe('RUN_CANCELLED');
    } finally {
      http.release(path);
    }
  });
});

describe('wait steps and signals', () => {
  it('waits (run WAITING) until the signal, then completes with its payload', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [{ id: 'approval', kind: 'wait', config: { signal: 'go' } }]);
    const runId = await startRun(c, { workflowId });
    const waiting = await waitForRunDetail(c, runId, (r) => r.status === 'WAITING');
    expect(stepDetail(waiting, 'approval').status).toBe('WAITING');
    await signal(c, runId, 'go', { by: 'ada' });
    const run = await waitForRunDetail(c, runId);
    expect(run.status).toBe('COMPLETED');
    expect(stepDetail(run, 'approval')).toMatchObject({ status: 'COMPLETED', output: { by: 'ada' } });
    expect(run.output).toEqual({ approval: { by: 'ada' } });
    expect(eventsOf(run, 'SIGNAL_RECEIVED')).toHaveLength(1);
  });

  it('keeps a signal sent before the wait step is reached and consumes it there', async () => {
    const c = await client();
    const path = uniquePath('gate');
    http.hold(path);
    try {
      const workflowId = await createWorkflow(c, [
        { id: 'gate', kind: 'http', config: { url: `${http.url}${path}` } },
        { id: 'approval', kind: 'wait', dependsOn: ['gate'], config: { signal: 'go' } },
      ]);
      const runId = await startRun(c, { workflowId });
      await requestsArrived(path);
      await signal(c, runId, 'go', { by: 'grace' });
      http.release(path);
      const run = await waitForRunDetail(c, runId);
      expect(run.status).toBe('COMPLETED');
      expect(stepDetail(run, 'approval').output).toEqual({ by: 'grace' });
      const [received] = eventsOf(run, 'SIGNAL_RECEIVED');
      expect(epochMs(received?.at, 'signal event')).toBeLessThanOrEqual(epochMs(stepDetail(run, 'gate').finishedAt, 'gate finish'));
    } finally {
      http.release(path);
    }
  });

  it('consumes a signal sent right after the start', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [{ id: 'approval', kind: 'wait', config: { signal: 'go' } }]);
    const runId = await startRun(c, { workflowId });
    await signal(c, runId, 'go', { early: true });
    const run = await waitForRunDetail(c, runId);
    expect(run.status).toBe('COMPLETED');
    expect(run.output).toEqual({ approval: { early: true } });
  });

  it('times a wait out when no signal arrives within its timeoutMs', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [{ id: 'approval', kind: 'wait', config: { signal: 'go', timeoutMs: 300 } }]);
    const run = await waitForRunDetail(c, await startRun(c, { workflowId }));
    expect(run.status).toBe('FAILED');
    const approval = stepDetail(run, 'approval');
    expect(approval.status).toBe('TIMED_OUT');
    expect(epochMs(approval.finishedAt, 'wait finish') - epochMs(approval.startedAt, 'wait start')).toBeGreaterThanOrEqual(290);
  });
});

describe('when conditions', () => {
  const steps: StepInput[] = [
    { id: 'check', kind: 'transform', when: 'input.flag = true', config: { expression: '"ran"' } },
    { id: 'after', kind: 'transform', dependsOn: ['check'], config: { expression: '"after"' } },
  ];

  it('skips a step whose condition is false (STEP_SKIPPED) and still runs its dependents', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, steps);
    const run = await waitForRunDetail(c, await startRun(c, { workflowId, input: { flag: false } }));
    expect(run.status).toBe('COMPLETED');
    expect(stepDetail(run, 'check').status).toBe('SKIPPED');
    expect(eventsOf(run, 'STEP_SKIPPED').map((e) => e.stepId)).toEqual(['check']);
    expect(stepDetail(run, 'after')).toMatchObject({ status: 'COMPLETED', output: 'after' });
  });

  it('runs a step whose condition is true', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, steps);
    const run = await waitForRunDetail(c, await startRun(c, { workflowId, input: { flag: true } }));
    expect(run.status).toBe('COMPLETED');
    expect(stepDetail(run, 'check')).toMatchObject({ status: 'COMPLETED', output: 'ran' });
    expect(eventsOf(run, 'STEP_SKIPPED')).toEqual([]);
    expect(stepDetail(run, 'after').status).toBe('COMPLETED');
  });
});

describe('map steps', () => {
  it('runs the sub-step once per item, at most `concurrency` at once, with the outputs in item order', async () => {
    const c = await client();
    const path = `/delay/100${uniquePath('map')}`;
    const list = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const workflowId = await createWorkflow(c, [
      {
        id: 'fan',
        kind: 'map',
        config: {
          items: '{{ input.list }}',
          concurrency: 3,
          step: { kind: 'http', config: { url: `${http.url}${path}`, method: 'POST', body: { item: '{{ item }}', index: '{{ index }}' } } },
        },
      },
    ]);
    const run = await waitForRunDetail(c, await startRun(c, { workflowId, input: { list } }));
    expect(run.status).toBe('COMPLETED');
    expect(http.requestsTo(path)).toHaveLength(8);
    expect(http.peakConcurrency(path)).toBeLessThanOrEqual(3);
    expect(http.peakConcurrency(path)).toBeGreaterThan(1);
    const fan = stepDetail(run, 'fan');
    expect(fan.status).toBe('COMPLETED');
    const outputs = fan.output as { body: { echo: { item: string; index: number } } }[];
    expect(outputs.map((o) => o.body.echo)).toEqual(list.map((item, index) => ({ item, index })));
    expect(fan.items.map((i) => [i.itemIndex, i.stepId, i.status])).toEqual(list.map((_, i) => [i, `fan[${i}]`, 'COMPLETED']));
    expect(fan.items.map((i) => i.output)).toEqual(outputs);
  });

  it('fails the run when an item fails terminally', async () => {
    const c = await client();
    const path = uniquePath('map-items');
    const items = [`${path}/ok-1`, `/fail${path}`, `${path}/ok-2`];
    const workflowId = await createWorkflow(c, [
      { id: 'fan', kind: 'map', config: { items, concurrency: 1, step: { kind: 'http', config: { url: `${http.url}{{ item }}` } } } },
    ]);
    const run = await waitForRunDetail(c, await startRun(c, { workflowId }));
    expect(run.status).toBe('FAILED');
    const fan = stepDetail(run, 'fan');
    expect(fan.status).toBe('FAILED');
    expect(fan.items.find((i) => i.itemIndex === 1)?.status).toBe('FAILED');
    expect(fan.items[0]?.status).toBe('COMPLETED');
    expect(run.error).toContain('HTTP 500');
  });
});

describe('idempotent starts', () => {
  it('returns the same run for the same idempotencyKey, also for concurrent starts', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [{ id: 'one', kind: 'transform', config: { expression: '1' } }]);
    const first = await startRun(c, { workflowId, idempotencyKey: 'k-1' });
    expect(await startRun(c, { workflowId, idempotencyKey: 'k-1' })).toBe(first);
    const [x, y] = await Promise.all([startRun(c, { workflowId, idempotencyKey: 'k-2' }), startRun(c, { workflowId, idempotencyKey: 'k-2' })]);
    expect(x).toBe(y);
    expect(x).not.toBe(first);
    const other = await startRun(c, { workflowId, idempotencyKey: 'k-3' });
    expect([first, x]).not.toContain(other);
    const { workflow } = await c.requestOk(OrchestrationWorkflowDocument, { id: workflowId, first: 10 });
    expect(workflow?.runs.map((r) => r.id).sort()).toEqual([first, x, other].sort());
  });
});

describe('workflow versions', () => {
  const versioned = (result: string): StepInput[] => [
    { id: 'gate', kind: 'wait', config: { signal: 'go' } },
    { id: 'result', kind: 'transform', dependsOn: ['gate'], config: { expression: `"${result}"` } },
  ];

  it('keeps a run on the version it started with after updateWorkflow; new runs use the new version', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, versioned('v1'), 'pinned');
    const firstId = await startRun(c, { workflowId });
    await waitForRunDetail(c, firstId, (r) => r.status === 'WAITING');
    expect(await updateWorkflow(c, workflowId, { name: 'pinned', steps: versioned('v2') })).toBe(2);

    await signal(c, firstId, 'go');
    const first = await waitForRunDetail(c, firstId);
    expect(first).toMatchObject({ status: 'COMPLETED', workflowVersion: 1, output: { result: 'v1' } });

    const secondId = await startRun(c, { workflowId });
    await signal(c, secondId, 'go');
    const second = await waitForRunDetail(c, secondId);
    expect(second).toMatchObject({ status: 'COMPLETED', workflowVersion: 2, output: { result: 'v2' } });

    const v1 = await c.requestOk(OrchestrationWorkflowVersionDocument, { id: workflowId, version: 1 });
    expect(v1.workflow?.steps.find((s) => s.id === 'result')?.config).toEqual({ expression: '"v1"' });
    const latest = await c.requestOk(OrchestrationWorkflowVersionDocument, { id: workflowId });
    expect(latest.workflow?.version).toBe(2);
  });
});

describe('parallelism', () => {
  it('runs independent steps at the same time (a → b, c → d)', async () => {
    const c = await client();
    const [pathB, pathC] = [uniquePath('fan-b'), uniquePath('fan-c')];
    http.hold(pathB);
    http.hold(pathC);
    try {
      const workflowId = await createWorkflow(c, [
        { id: 'a', kind: 'transform', config: { expression: '"a"' } },
        { id: 'b', kind: 'http', dependsOn: ['a'], config: { url: `${http.url}${pathB}` } },
        { id: 'c', kind: 'http', dependsOn: ['a'], config: { url: `${http.url}${pathC}` } },
        { id: 'd', kind: 'transform', dependsOn: ['b', 'c'], config: { expression: 'steps.b.body.id & steps.c.body.id' } },
      ]);
      const runId = await startRun(c, { workflowId });
      // Both requests are open before either is answered.
      await requestsArrived(pathB);
      await requestsArrived(pathC);
      const midway = await readRunDetail(c, runId);
      expect(stepDetail(midway, 'd').status).toBe('QUEUED');
      http.release(pathB, 200, { id: 'B' });
      http.release(pathC, 200, { id: 'C' });
      const run = await waitForRunDetail(c, runId);
      expect(run.status).toBe('COMPLETED');
      expect(run.output).toEqual({ d: 'BC' });
      const [b, cStep, d] = [stepDetail(run, 'b'), stepDetail(run, 'c'), stepDetail(run, 'd')];
      expect(epochMs(b.startedAt, 'b start')).toBeLessThan(epochMs(cStep.finishedAt, 'c finish'));
      expect(epochMs(cStep.startedAt, 'c start')).toBeLessThan(epochMs(b.finishedAt, 'b finish'));
      expect(epochMs(d.startedAt, 'd start')).toBeGreaterThanOrEqual(Math.max(epochMs(b.finishedAt, 'b finish'), epochMs(cStep.finishedAt, 'c finish')));
    } finally {
      http.release(pathB);
      http.release(pathC);
    }
  });
});
