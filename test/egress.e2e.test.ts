import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackListener, type LoopbackListener, type ReceivedRequest } from '../platform/egress/loopback-listener.fixture.ts';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflow, startRun, stepDetail, waitForRunDetail, type StepRunDetail } from './kit/runs.ts';

/**
 * The egress policy seen through the graph: `http` steps to loopback in every spelling fail with `EGRESS_DENIED`
 * (final: no retry) and the loopback listener ("victim") never gets a connection; redirects are checked at each hop
 * and followed at most 5 times. The graph allows exactly one origin, the redirector's `localhost:<port>`, so every
 * other loopback target is denied as with an empty `EGRESS_ALLOW`.
 */

let graph: TestGraph;
/** Listens on 127.0.0.1, 127.0.0.2 and ::1 (one port), so any spelling of loopback would reach it. */
let victim: LoopbackListener;
/** On 127.0.0.1, reached as `localhost:<port>` (allowed): `/to-victim` redirects to the victim, `/hops/<n>` n times. */
let redirector: LoopbackListener;

const redirect = (response: ServerResponse, location: string): void => void response.writeHead(302, { location }).end();

function redirectorHandler(request: ReceivedRequest, response: ServerResponse): void {
  const hops = /^\/hops\/(\d+)$/.exec(request.path);
  if (request.path === '/to-victim') redirect(response, `http://127.0.0.1:${victim.port}/stolen`);
  else if (hops && Number(hops[1]) > 0) redirect(response, `/hops/${Number(hops[1]) - 1}`);
  else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ arrived: request.path }));
}

beforeAll(async () => {
  [victim, redirector] = await Promise.all([
    startLoopbackListener({ addresses: ['127.0.0.1', '127.0.0.2', '::1'] }),
    startLoopbackListener({ handler: redirectorHandler }),
  ]);
  graph = await startGraph({ subgraphs: ['orchestration'], env: { EGRESS_ALLOW: `localhost:${redirector.port}` } });
});
afterAll(async () => {
  await graph?.close();
  await victim?.close();
  await redirector?.close();
});

const client = (): Promise<GraphClient> => createClient(graph, { tenant: newTenant() });

/** Runs a workflow of one `http` step to `url` (retried up to 3 times if it were retryable) and returns the step. */
async function runHttpStep(url: string): Promise<StepRunDetail> {
  const c = await client();
  const workflowId = await createWorkflow(c, [{ id: 'call', kind: 'http', config: { url }, retry: { maxAttempts: 3, initialIntervalMs: 50 } }]);
  const run = await waitForRunDetail(c, await startRun(c, { workflowId }));
  return stepDetail(run, 'call');
}

describe('http steps to loopback', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['[::1]', '[::1]'],
    ['[0:0:0:0:0:0:0:1]', '[::1]'],
    ['127.0.0.2', '127.0.0.2'],
    ['127.1', '127.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['2130706433', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]'],
  ])('fail with EGRESS_DENIED for %s, once, and the listener gets nothing', async (host, named) => {
    const step = await runHttpStep(`http://${host}:${victim.port}/secret?token=t0p`);
    expect(step.status).toBe('FAILED');
    expect(step.attempts.map((a) => a.errorCode)).toEqual(['EGRESS_DENIED']);
    expect(step.error).toContain(`Egress to ${named}:${victim.port} denied`);
    expect(step.error).not.toContain('t0p');
    expect(victim.connections).toBe(0);
  });
});

describe('http step redirects', () => {
  it('reach an allowed host', async () => {
    const step = await runHttpStep(`http://localhost:${redirector.port}/hops/0`);
    expect(step.status).toBe('COMPLETED');
    expect(step.output).toMatchObject({ status: 200, body: { arrived: '/hops/0' } });
  });

  it('are refused at the hop that leaves for a denied address, which gets nothing', async () => {
    const before = redirector.requests.length;
    const step = await runHttpStep(`http://localhost:${redirector.port}/to-victim`);
    expect(step.status).toBe('FAILED');
    expect(step.attempts.map((a) => a.errorCode)).toEqual(['EGRESS_DENIED']);
    expect(step.error).toContain(`Egress to 127.0.0.1:${victim.port} denied`);
    expect(redirector.requests.slice(before).map((r) => r.path)).toEqual(['/to-victim']);
    expect(victim.connections).toBe(0);
  });

  it('are followed 5 times; the 6th fails the step', async () => {
    const five = await runHttpStep(`http://localhost:${redirector.port}/hops/5`);
    expect(five.status).toBe('COMPLETED');
    expect(five.output).toMatchObject({ status: 200, body: { arrived: '/hops/0' } });
    const six = await runHttpStep(`http://localhost:${redirector.port}/hops/6`);
    expect(six.status).toBe('FAILED');
    expect(six.attempts[0]?.errorCode).toBe('UPSTREAM');
    expect(six.error).toContain('redirected more than 5 times');
  });
});
