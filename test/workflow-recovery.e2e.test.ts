import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, waitFor } from './kit/client.ts';
import { createWorkflow, readRun, startRun, stepOf, waitForRun } from './kit/runs.ts';

/** A graph whose orchestration process runs no worker: runs it starts stay QUEUED in Postgres. */
let apiOnly: TestGraph;
/** A server that holds every request open until the test answers it. */
let server: Server;
let serverUrl: string;
const pending: ServerResponse[] = [];
/**
 * This file's own task queue: the test files share one database and Redis, and another file's worker (and its
 * sweeper) would otherwise take these runs' steps.
 */
const queue = `recovery-${randomUUID()}`;

beforeAll(async () => {
  server = createServer((_req, res) => void pending.push(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  serverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  apiOnly = await startGraph({ subgraphs: ['orchestration'], env: { WORKER_ENABLED: 'false', WORKER_QUEUE: queue } });
});
afterAll(async () => {
  await apiOnly?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

/** Starts a graph whose worker shares the API-only graph's database and task queue. */
const startWorker = (): Promise<TestGraph> =>
  startGraph({ subgraphs: ['orchestration'], env: { DATABASE_URL: apiOnly.databaseUrl, WORKER_ENABLED: 'true', WORKER_QUEUE: queue } });

it('a starting worker re-runs steps a dead process left RUNNING and runs the steps still QUEUED', async () => {
  const tenant = newTenant();
  const api = await createClient(apiOnly, { tenant });
  const workflowId = await createWorkflow(api, [
    { id: 'a', kind: 'transform', config: { expression: 'input.n + 1' } },
    { id: 'b', kind: 'transform', dependsOn: ['a'], config: { expression: 'steps.a * 10' } },
  ]);
  const runId = await startRun(api, { workflowId, input: { n: 4 } });
  expect((await readRun(api, runId)).steps.map((s) => s.status)).toEqual(['QUEUED', 'QUEUED']);

  // Simulate a worker that claimed step `a` and died before finishing it.
  const db = new pg.Client({ connectionString: apiOnly.databaseUrl });
  await db.connect();
  try {
    await db.query(
      `UPDATE orchestration.step_runs SET status = 'RUNNING', attempt = 1, started_at = now() WHERE tenant_id = $1 AND run_id = $2 AND step_id = 'a'`,
      [tenant, runId],
    );
  } finally {
    await db.end();
  }

  await using worker = await startWorker();
  const client = await createClient(worker, { tenant });
  const run = await waitForRun(client, runId);
  expect(run.status).toBe('COMPLETED');
  expect(stepOf(run, 'a')).toMatchObject({ status: 'COMPLETED', attempt: 2, output: 5 });
  expect(run.output).toEqual({ b: 50 });
});

it('a stopping worker gives its in-flight step back (QUEUED), and the next worker runs it', async () => {
  const tenant = newTenant();
  const api = await createClient(apiOnly, { tenant });
  const workflowId = await createWorkflow(api, [{ id: 'call', kind: 'http', config: { url: `${serverUrl}/slow` } }]);
  const runId = await startRun(api, { workflowId });

  const first = await startWorker();
  try {
    await waitForRun(api, runId, (r) => stepOf(r, 'call').status === 'RUNNING');
    await waitFor('the request', async () => (pending.length === 1 ? true : undefined));
  } finally {
    await first.close();
  }
  const released = await readRun(api, runId);
  expect(stepOf(released, 'call')).toMatchObject({ status: 'QUEUED', attempt: 1 });

  await using second = await startWorker();
  await waitFor('the retried request', async () => (pending.length === 2 ? true : undefined));
  pending[1]?.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  const run = await waitForRun(await createClient(second, { tenant }), runId);
  expect(run.status).toBe('COMPLETED');
  expect(stepOf(run, 'call')).toMatchObject({ status: 'COMPLETED', attempt: 2, output: { status: 200, body: { ok: true } } });
});
