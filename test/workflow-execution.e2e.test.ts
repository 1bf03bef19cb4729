import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, waitFor, type GraphClient } from './kit/client.ts';
import { OrchestrationCancelRunDocument, OrchestrationSignalRunDocument } from './generated/graphql.ts';
import { createWorkflow, eventTypes, readRun, startRun, stepOf, waitForRun } from './kit/runs.ts';
import { startTestHttpServer, type TestHttpServer } from './kit/test-http-server.ts';

let graph: TestGraph;
let http: TestHttpServer;
beforeAll(async () => {
  [graph, http] = await Promise.all([startGraph({ subgraphs: ['orchestration'] }), startTestHttpServer()]);
});
afterAll(async () => {
  await graph?.close();
  await http?.close();
});

const client = (): Promise<GraphClient> => createClient(graph, { tenant: newTenant() });

describe('http steps', () => {
  it('sends the resolved request and keeps status, headers and the parsed JSON body', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [
      { id: 'prep', kind: 'transform', config: { expression: '{ "id": input.id, "tags": ["a", "b"] }' } },
      {
        id: 'call',
        kind: 'http',
        dependsOn: ['prep'],
        config: { url: `${http.url}/items/{{ steps.prep.id }}`, method: 'POST', headers: { 'x-run': '{{ run.id }}' }, body: { tags: '{{ steps.prep.tags }}' } },
      },
    ]);
    const runId = await startRun(c, { workflowId, input: { id: 'abc' } });
    const run = await waitForRun(c, runId);
    expect(run.status).toBe('COMPLETED');
    const call = stepOf(run, 'call');
    expect(call.input).toMatchObject({ url: `${http.url}/items/abc`, method: 'POST', body: { tags: ['a', 'b'] } });
    expect(call.output).toMatchObject({ status: 200, headers: { 'x-test': 'yes' }, body: { path: '/items/abc', method: 'POST', echo: { tags: ['a', 'b'] } } });
    expect(run.output).toEqual({ call: call.output });
    const request = http.requests.find((r) => r.path === '/items/abc');
    expect(request?.headers['x-run']).toBe(runId);
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('fails the run on a non-2xx answer, keeping the error and cancelling the rest', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [
      { id: 'boom', kind: 'http', config: { url: `${http.url}/fail/1` } },
      { id: 'after', kind: 'transform', dependsOn: ['boom'], config: { expression: '1' } },
    ]);
    const run = await waitForRun(c, await startRun(c, { workflowId }));
    expect(run.status).toBe('FAILED');
    expect(run.error).toContain('step "boom" failed');
    expect(run.error).toContain('HTTP 500');
    expect(stepOf(run, 'boom')).toMatchObject({ status: 'FAILED', attempt: 1 });
    expect(stepOf(run, 'boom').error).toContain('upstream exploded');
    expect(stepOf(run, 'after').status).toBe('CANCELLED');
    const types = eventTypes(run);
    expect(types[0]).toBe('RUN_STARTED');
    expect(types.at(-1)).toBe('RUN_FAILED');
    expect(types).toContain('STEP_FAILED');
  });

  it('times a hanging request out (TIMED_OUT) and aborts it', async () => {
    const c = await client();
    http.hold('/slow/timeout');
    const workflowId = await createWorkflow(c, [{ id: 'slow', kind: 'http', timeoutMs: 300, config: { url: `${http.url}/slow/timeout` } }]);
    const run = await waitForRun(c, await startRun(c, { workflowId }));
    expect(run.status).toBe('FAILED');
    expect(stepOf(run, 'slow')).toMatchObject({ status: 'TIMED_OUT' });
    expect(stepOf(run, 'slow').error).toContain('timed out after 300 ms');
    await waitFor('the aborted request', async () => (http.aborted.includes('/slow/timeout') ? true : undefined));
    http.release('/slow/timeout');
  });
});

describe('failures of expressions', () => {
  it('fails a transform whose expression throws, with the message kept', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [{ id: 'bad', kind: 'transform', config: { expression: '$error("no good")' } }]);
    const run = await waitForRun(c, await startRun(c, { workflowId }));
    expect(run.status).toBe('FAILED');
    expect(stepOf(run, 'bad').error).toContain('no good');
  });
});

describe('cancelWorkflowRun', () => {
  it('cancels a running run, aborts its in-flight request, and refuses a second cancel', async () => {
    const c = await client();
    http.hold('/slow/cancel');
    const workflowId = await createWorkflow(c, [
      { id: 'slow', kind: 'http', config: { url: `${http.url}/slow/cancel` } },
      { id: 'next', kind: 'transform', dependsOn: ['slow'], config: { expression: '1' } },
    ]);
    const runId = await startRun(c, { workflowId });
    await waitForRun(c, runId, (r) => stepOf(r, 'slow').status === 'RUNNING');
    await waitFor('the request to arrive', async () => (http.requests.some((r) => r.path === '/slow/cancel') ? true : undefined));
    const { cancelWorkflowRun } = await c.requestOk(OrchestrationCancelRunDocument, { id: runId });
    expect(cancelWorkflowRun.status).toBe('CANCELLED');
    expect(cancelWorkflowRun.steps.map((s) => s.status)).toEqual(['CANCELLED', 'CANCELLED']);
    await waitFor('the aborted request', async () => (http.aborted.includes('/slow/cancel') ? true : undefined));
    const run = await readRun(c, runId);
    expect(run.status).toBe('CANCELLED');
    expect(eventTypes(run).at(-1)).toBe('RUN_CANCELLED');
    const again = await c.request(OrchestrationCancelRunDocument, { id: runId });
    expect(again.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    http.release('/slow/cancel');
  });

  it('answers NOT_FOUND for an unknown run', async () => {
    const c = await client();
    const response = await c.request(OrchestrationCancelRunDocument, { id: 'nope' });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });
});

describe('wait steps and signals', () => {
  const waitWorkflow = (gate: string) => [
    { id: 'gate', kind: 'http', config: { url: `${http.url}${gate}` } },
    { id: 'approval', kind: 'wait', dependsOn: ['gate'], config: { signal: 'approve' } },
    { id: 'done', kind: 'transform', dependsOn: ['approval'], config: { expression: '"approved by " & steps.approval.by' } },
  ];

  it('waits (run WAITING) until the signal arrives, then continues with its payload', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, waitWorkflow('/gate/after'));
    const runId = await startRun(c, { workflowId });
    const waiting = await waitForRun(c, runId, (r) => r.status === 'WAITING');
    expect(stepOf(waiting, 'approval').status).toBe('WAITING');
    await c.requestOk(OrchestrationSignalRunDocument, { id: runId, name: 'other', payload: { by: 'nobody' } });
    expect((await readRun(c, runId)).status).toBe('WAITING');
    await c.requestOk(OrchestrationSignalRunDocument, { id: runId, name: 'approve', payload: { by: 'ada' } });
    const run = await waitForRun(c, runId);
    expect(run.status).toBe('COMPLETED');
    expect(stepOf(run, 'approval').output).toEqual({ by: 'ada' });
    expect(run.output).toEqual({ done: 'approved by ada' });
    expect(eventTypes(run).filter((t) => t === 'SIGNAL_RECEIVED')).toHaveLength(2);
    const late = await c.request(OrchestrationSignalRunDocument, { id: runId, name: 'approve' });
    expect(late.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
  });

  it('consumes a signal sent before the wait step started', async () => {
    const c = await client();
    http.hold('/gate/before');
    const workflowId = await createWorkflow(c, waitWorkflow('/gate/before'));
    const runId = await startRun(c, { workflowId });
    await waitFor('the gate request', async () => (http.requests.some((r) => r.path === '/gate/before') ? true : undefined));
    await c.requestOk(OrchestrationSignalRunDocument, { id: runId, name: 'approve', payload: { by: 'grace' } });
    http.release('/gate/before');
    const run = await waitForRun(c, runId);
    expect(run.status).toBe('COMPLETED');
    expect(run.output).toEqual({ done: 'approved by grace' });
    expect(eventTypes(run).indexOf('SIGNAL_RECEIVED')).toBeLessThan(eventTypes(run).lastIndexOf('STEP_STARTED'));
  });

  it('times a wait out when its timeout passes without a signal', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [{ id: 'approval', kind: 'wait', config: { signal: 'approve', timeoutMs: 300 } }]);
    const run = await waitForRun(c, await startRun(c, { workflowId }));
    expect(run.status).toBe('FAILED');
    expect(stepOf(run, 'approval').status).toBe('TIMED_OUT');
  });
});
