import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant } from './kit/client.ts';
import {
  OrchestrationMemoryByKeyDocument,
  OrchestrationRoutingDecisionDocument,
  OrchestrationSessionRunsDocument,
  OrchestrationStartSessionDocument,
  OrchestrationUpsertModelDocument,
} from './generated/graphql.ts';
import { createWorkflow, eventTypes, startRun, stepOf, waitForRun } from './kit/runs.ts';

let graph: TestGraph;
let server: Server;
let serverUrl: string;
let held: ServerResponse | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    held = res;
    void req;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  serverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

it('runs transform → (memory.store ∥ http) → llm (echo model) to COMPLETED through all four subgraphs', async () => {
  const client = await createClient(graph, { tenant: newTenant() });
  await client.requestOk(OrchestrationUpsertModelDocument, {
    input: {
      name: 'echo-small',
      provider: 'echo',
      inputCostPer1kTokensUsd: 0.001,
      outputCostPer1kTokensUsd: 0.002,
      latencyMs: 10,
      quality: 0.5,
      contextWindowTokens: 8192,
    },
  });
  const session = await client.requestOk(OrchestrationStartSessionDocument, { input: { title: 'workflow flow' } });
  const sessionId = session.startSession.id;
  const workflowId = await createWorkflow(client, [
    { id: 'prepare', kind: 'transform', config: { expression: '{ "topic": $uppercase(input.topic), "key": "note-" & input.n }' } },
    {
      id: 'remember',
      kind: 'memory.store',
      dependsOn: ['prepare'],
      config: { namespace: 'flow', key: '{{ steps.prepare.key }}', content: 'About {{ steps.prepare.topic }}' },
    },
    { id: 'fetch', kind: 'http', dependsOn: ['prepare'], config: { url: `${serverUrl}/facts/{{ steps.prepare.topic }}` } },
    {
      id: 'answer',
      kind: 'llm',
      dependsOn: ['remember', 'fetch'],
      config: { prompt: 'Summarise {{ steps.fetch.body.fact }} (memory {{ steps.remember.key }})', models: ['echo-small'], maxTokens: 64 },
    },
  ]);
  const runId = await startRun(client, { workflowId, input: { topic: 'otters', n: 7 }, sessionId });

  // The two middle steps run in parallel: memory.store completes while the http request is still held open.
  const midway = await waitForRun(client, runId, (r) => stepOf(r, 'remember').status === 'COMPLETED' && stepOf(r, 'fetch').status === 'RUNNING');
  expect(stepOf(midway, 'answer').status).toBe('QUEUED');
  await expect.poll(() => held !== undefined).toBe(true);
  held?.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ fact: 'otters hold hands' }));

  const run = await waitForRun(client, runId);
  expect(run.status).toBe('COMPLETED');
  expect(run.sessionId).toBe(sessionId);
  expect(stepOf(run, 'prepare').output).toEqual({ topic: 'OTTERS', key: 'note-7' });
  expect(stepOf(run, 'remember').output).toMatchObject({ namespace: 'flow', key: 'note-7', version: 1 });
  expect(stepOf(run, 'fetch').output).toMatchObject({ status: 200, body: { fact: 'otters hold hands' } });
  const answer = stepOf(run, 'answer');
  expect(answer.input).toMatchObject({ prompt: 'Summarise otters hold hands (memory note-7)' });
  expect(answer.output).toMatchObject({
    provider: 'echo',
    simulated: true,
    model: 'echo-small',
    content: 'echo: Summarise otters hold hands (memory note-7)',
  });
  expect(run.output).toEqual({ answer: answer.output });

  const types = eventTypes(run);
  expect(types[0]).toBe('RUN_STARTED');
  expect(types.at(-1)).toBe('RUN_COMPLETED');
  expect(types.filter((t) => t === 'STEP_COMPLETED')).toHaveLength(4);

  const decisionId = answer.routingDecision?.id;
  expect(decisionId).toBeTruthy();
  const decision = await client.requestOk(OrchestrationRoutingDecisionDocument, { id: decisionId as string });
  expect(decision.routingDecision).toMatchObject({ sessionId, model: { name: 'echo-small', provider: 'echo' }, outcome: { success: true } });
  expect(decision.routingDecision?.outcome?.outputTokens).toBeGreaterThan(0);

  const memory = await client.requestOk(OrchestrationMemoryByKeyDocument, { namespace: 'flow', key: 'note-7' });
  expect(memory.memoryByKey).toMatchObject({ content: 'About OTTERS', sessionId });

  const sessionRuns = await client.requestOk(OrchestrationSessionRunsDocument, { id: sessionId });
  expect(sessionRuns.session?.runs).toEqual([{ id: runId, status: 'COMPLETED', workflow: { id: workflowId } }]);
});
