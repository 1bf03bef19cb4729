import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createClient as createWsClient } from 'graphql-ws';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { signToken } from '../platform/auth/tokens.ts';
import { loadConfig } from '../platform/config.ts';
import { waitFor } from './kit/client.ts';
import { freePorts } from './kit/free-ports.ts';

describe('the orchestra process', () => {
  it('serves every service from one command and stops cleanly on SIGTERM', async () => {
    const { gateway, child, stderr } = await startOrchestra({});
    const exited = once(child, 'exit');
    try {
      const report = await waitFor(
        'readiness',
        async () => {
          const response = await fetch(`http://127.0.0.1:${gateway}/readyz`).catch(() => undefined);
          return response?.ok ? ((await response.json()) as { subgraphs: Record<string, string> }) : undefined;
        },
        60_000,
        200,
      );
      expect(report.subgraphs).toEqual({ memory: 'ok', orchestration: 'ok', routing: 'ok', session: 'ok' });
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code, stderr()).toBe(0);
      await expect(fetch(`http://127.0.0.1:${gateway}/healthz`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);

  it('without Redis (embedded mode) serves subscriptions over WebSocket, and a resume by cursor gives exactly the later events', async () => {
    const { gateway } = await startOrchestra({}, ['DATABASE_URL', 'REDIS_URL']);
    await waitFor('readiness', async () => ((await fetch(`http://127.0.0.1:${gateway}/readyz`).catch(() => undefined))?.ok ? true : undefined), 60_000, 200);
    const config = loadConfig({ ...process.env });
    const authorization = `Bearer ${await signToken(
      { tenantId: `embedded-${randomUUID()}`, subject: 'ada', scopes: ['admin'] },
      { secret: config.auth.jwtSecret, ttlSeconds: 300, issuer: config.auth.jwtIssuer },
    )}`;
    const graphql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const response = await fetch(`http://127.0.0.1:${gateway}/graphql`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const json = (await response.json()) as { data?: T; errors?: unknown };
      if (!json.data) throw new Error(`GraphQL failed: ${JSON.stringify(json)}`);
      return json.data;
    };
    const runId = await startGatedRun(graphql, 'embedded subscription');
    const client = createWsClient({
      url: `ws://127.0.0.1:${gateway}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization },
      retryAttempts: 0,
    });
    onTestFinished(() => client.dispose());
    const subscribe = (after: string, enough: (events: { cursor: string; type: string }[]) => boolean) =>
      new Promise<{ cursor: string; type: string }[]>((resolve, reject) => {
        const events: { cursor: string; type: string }[] = [];
        const stop = client.subscribe<{ workflowRunEvents: { cursor: string; type: string } }>(
          {
            query: 'subscription ($runId: ID!, $after: String) { workflowRunEvents(runId: $runId, after: $after) { cursor type } }',
            variables: { runId, after },
          },
          {
            next: (result) => {
              if (result.data) events.push(result.data.workflowRunEvents);
              if (enough(events)) {
                stop();
                resolve(events);
              }
            },
            error: reject,
            complete: () => resolve(events),
          },
        );
      });
    // Live: the events up to the wait, then (after the signal) the rest, as the relay publishes them.
    const first = await subscribe('0', (events) => events.some((e) => e.type === 'STEP_STARTED'));
    const live = subscribe(first.at(-1)?.cursor ?? '0', () => false);
    await graphql('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: runId });
    const rest = await live;
    expect(rest.at(-1)?.type).toBe('RUN_COMPLETED');
    const { workflowRun } = await graphql<{ workflowRun: { events: { cursor: string }[] } }>(
      'query ($id: ID!) { workflowRun(id: $id) { events { cursor } } }',
      { id: runId },
    );
    const stored = workflowRun.events.map((e) => e.cursor);
    expect([...first, ...rest].map((e) => e.cursor)).toEqual(stored);
    // Resume by cursor: exactly the events after it.
    const resumed = await subscribe(stored[1] ?? '0', () => false);
    expect(resumed.map((e) => e.cursor)).toEqual(stored.slice(2));
  }, 120_000);

  it('with GATEWAY_WORKERS=2 serves the gateway from two worker processes, replaces one that dies, sums their metrics in every scrape, and stops them all on SIGTERM', async () => {
    const { gateway, child, stderr } = await startOrchestra({ GATEWAY_WORKERS: '2' });
    const exited = once(child, 'exit');
    const ready = () =>
      waitFor('readiness', async () => ((await fetch(`http://127.0.0.1:${gateway}/readyz`).catch(() => undefined))?.ok ? true : undefined), 60_000, 200);
    try {
      await ready();
      const workers = await waitFor('two gateway workers', async () => {
        const pids = await childPids(child.pid ?? 0);
        return pids.length === 2 ? pids : undefined;
      });
      process.kill(workers[0] ?? 0, 'SIGKILL');
      const replaced = await waitFor('a replacement worker', async () => {
        const pids = await childPids(child.pid ?? 0);
        return pids.length === 2 && !pids.includes(workers[0] ?? 0) ? pids : undefined;
      });
      expect(replaced).toContain(workers[1]);
      await ready();

      // Six queries on six connections (handed out round-robin), then scrapes on new connections: each answers the sum.
      // (Each its own variables: the response cache would answer repeats without an operation.)
      const config = loadConfig({ ...process.env });
      const token = await signToken(
        { tenantId: 'cluster-metrics', subject: 'ada', scopes: ['admin'] },
        { secret: config.auth.jwtSecret, ttlSeconds: 300, issuer: config.auth.jwtIssuer },
      );
      for (let i = 0; i < 6; i++) {
        const answer = await onNewConnection(
          gateway,
          'POST',
          '/graphql',
          { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          JSON.stringify({ query: 'query ($first: Int) { sessions(first: $first) { edges { cursor } } }', variables: { first: i + 1 } }),
        );
        expect(answer.status).toBe(200);
      }
      for (let i = 0; i < 3; i++) {
        const metrics = await onNewConnection(gateway, 'GET', '/metrics');
        expect(metrics.body).toMatch(/orchestra_gateway_operations_total\{type="query",outcome="ok"\} 6\b/);
      }
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code, stderr()).toBe(0);
      expect(await childPids(child.pid ?? 0)).toEqual([]);
      await expect(fetch(`http://127.0.0.1:${gateway}/healthz`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);

  it.skipIf(!process.env['REDIS_URL'])(
    'with GATEWAY_WORKERS=2 and Redis, a subscriber that reconnects resumes from its cursor on whichever worker takes the connection',
    async () => {
      const { gateway, child } = await startOrchestra({ GATEWAY_WORKERS: '2' });
      await waitFor('readiness', async () => ((await fetch(`http://127.0.0.1:${gateway}/readyz`).catch(() => undefined))?.ok ? true : undefined), 60_000, 200);
      await waitFor('two gateway workers', async () => ((await childPids(child.pid ?? 0)).length === 2 ? true : undefined));
      const config = loadConfig({ ...process.env });
      const authorization = `Bearer ${await signToken(
        { tenantId: `cluster-resume-${randomUUID()}`, subject: 'ada', scopes: ['admin'] },
        { secret: config.auth.jwtSecret, ttlSeconds: 300, issuer: config.auth.jwtIssuer },
      )}`;
      const graphql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
        const answer = await onNewConnection(
          gateway,
          'POST',
          '/graphql',
          { authorization, 'content-type': 'application/json' },
          JSON.stringify({ query, variables }),
        );
        const json = JSON.parse(answer.body) as { data?: T; errors?: unknown };
        if (!json.data) throw new Error(`GraphQL failed: ${answer.body}`);
        return json.data;
      };
      const runId = await startGatedRun(graphql, 'resume across workers');
      const subscription = JSON.stringify({
        query: 'subscription ($runId: ID!) { workflowRunEvents(runId: $runId, after: "0") { cursor type } }',
        variables: { runId },
      });
      const headers = { authorization, 'content-type': 'application/json', accept: 'text/event-stream' };

      // The first connection takes the events up to the wait, then drops.
      const first = await eventsOnNewConnection(gateway, headers, subscription, (events) => events.some((e) => e.type === 'STEP_STARTED'));
      const lastSeen = first.at(-1)?.cursor ?? '';
      await graphql('mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: runId });
      await waitFor('the run to finish', async () => {
        const { workflowRun } = await graphql<{ workflowRun: { status: string } }>('query ($id: ID!) { workflowRun(id: $id) { status } }', { id: runId });
        return workflowRun.status === 'COMPLETED' ? true : undefined;
      });
      const { workflowRun } = await graphql<{ workflowRun: { events: { cursor: string }[] } }>(
        'query ($id: ID!) { workflowRun(id: $id) { events { cursor } } }',
        { id: runId },
      );
      const stored = workflowRun.events.map((e) => e.cursor);
      // Two reconnections on two new connections: the cluster hands them out round-robin, so one of them is on the
      // other worker. Each resumes exactly after the last event seen, to the end of the run.
      for (let i = 0; i < 2; i++) {
        const resumed = await eventsOnNewConnection(gateway, { ...headers, 'last-event-id': lastSeen }, subscription, () => false);
        expect([...first, ...resumed].map((e) => e.cursor)).toEqual(stored);
        expect(resumed.at(-1)?.type).toBe('RUN_COMPLETED');
      }
    },
    120_000,
  );
});

/**
 * Reads the workflow events of one SSE subscription on a connection of its own until the server ends it, or `enough`
 * says so (then drops the connection): each event's cursor and type, checking that the SSE id is the cursor.
 */
async function eventsOnNewConnection(
  port: number,
  headers: Record<string, string>,
  body: string,
  enough: (events: readonly { cursor: string; type: string }[]) => boolean,
): Promise<{ cursor: string; type: string }[]> {
  return new Promise((resolve, reject) => {
    const events: { cursor: string; type: string }[] = [];
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/graphql', headers, agent: false }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`event stream refused: HTTP ${res.statusCode}`));
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            block
              .find((line) => line.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          if (field('event') !== 'next') continue;
          const event = (JSON.parse(field('data') ?? '{}') as { data: { workflowRunEvents: { cursor: string; type: string } } }).data.workflowRunEvents;
          expect(field('id')).toBe(event.cursor);
          events.push(event);
          if (enough(events)) {
            req.destroy();
            resolve(events);
            return;
          }
        }
      });
      res.on('end', () => resolve(events));
      res.on('error', () => resolve(events));
    });
    req.on('error', (error) => (req.destroyed ? resolve(events) : reject(error)));
    req.end(body);
  });
}

/** One HTTP request on a connection of its own (no keep-alive agent), answered as status and body text. */
async function onNewConnection(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The pids of the live processes whose parent is `parent` (Linux: /proc/<pid>/stat, field 4). */
async function childPids(parent: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[1]) === parent) pids.push(Number(entry));
  }
  return pids;
}

/** Spawns `orchestra start` on free ports with an in-memory embedded database and `env`; its stderr is collected. */
async function startOrchestra(
  env: Record<string, string>,
  unset: readonly string[] = [],
): Promise<{ gateway: number; child: ChildProcess; stderr: () => string }> {
  const [gateway, memory, orchestration, routing, session] = await freePorts(5);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.includes(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/orchestra.ts', 'start'], {
    env: {
      ...inherited,
      EMBEDDED_DATA_DIR: ':memory:',
      LOG_LEVEL: 'warn',
      GATEWAY_PORT: String(gateway),
      MEMORY_PORT: String(memory),
      ORCHESTRATION_PORT: String(orchestration),
      ROUTING_PORT: String(routing),
      SESSION_PORT: String(session),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Killed however the test ends, a timeout included (its own finally does not run then).
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { gateway: gateway ?? 0, child, stderr: () => stderr };
}

/**
 * Creates a workflow whose step `gate` waits for the signal `go` before `after` runs, and starts a run of it, through
 * `graphql` (a POST to the gateway that returns `data` or throws). Returns the run's id.
 */
async function startGatedRun(graphql: <T>(query: string, variables: Record<string, unknown>) => Promise<T>, name: string): Promise<string> {
  const { createWorkflow } = await graphql<{ createWorkflow: { id: string } }>(
    'mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }',
    {
      input: {
        name,
        steps: [
          { id: 'gate', kind: 'wait', config: { signal: 'go' } },
          { id: 'after', kind: 'transform', dependsOn: ['gate'], config: { expression: '2' } },
        ],
      },
    },
  );
  const { startWorkflowRun } = await graphql<{ startWorkflowRun: { id: string } }>(
    'mutation ($input: StartWorkflowRunInput!) { startWorkflowRun(input: $input) { id } }',
    {
      input: { workflowId: createWorkflow.id },
    },
  );
  return startWorkflowRun.id;
}
