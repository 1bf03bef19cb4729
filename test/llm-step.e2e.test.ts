import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientToken, createClient, newTenant, type GraphClient } from './kit/client.ts';
import { startFakeProvider, type FakeProvider } from './kit/fake-provider.ts';
import { createEchoModel, createFakeProviderModel } from './kit/fixtures.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflow, readRun, readRunDetail, startRun, stepDetail, stepOf, waitForRun } from './kit/runs.ts';
import { gatewayWsClient } from './kit/ws-client.ts';

/**
 * `llm` steps make their model calls through the routing service (the gateway's `/v1/chat/completions`), which holds
 * the operator's provider key; while the model streams, the partial answer reaches subscribers as STEP_OUTPUT_DELTA
 * events. Real servers (the fake provider stands in for the model’s API).
 */

/** The operator's key (`LLM_PROVIDERS`): it may reach the operator's provider and nothing else. */
const OPERATOR_KEY = 'sk-operator-llm-step-5a1f0c';
/** Gap between two streamed chunks, in ms: longer than the coalescing interval, so that several deltas go out. */
const CHUNK_GAP_MS = 300;
const CHUNKS = ['Otters ', 'hold ', 'hands ', 'while ', 'they ', 'sleep.'];
const ANSWER = CHUNKS.join('');

let operator: FakeProvider;
let graph: TestGraph;
const wsClients: Client[] = [];

beforeAll(async () => {
  operator = await startFakeProvider({ apiKey: OPERATOR_KEY });
  graph = await startGraph({
    env: {
      LLM_PROVIDERS: JSON.stringify({ fake: { baseUrl: operator.url, apiKey: OPERATOR_KEY } }),
      // The router makes one attempt, so that the step's own retry policy is what retries.
      LLM_MAX_RETRIES: '0',
      ROUTER_ALLOWED_FAILS: '100',
    },
  });
});
afterAll(async () => {
  for (const client of wsClients) await client.dispose();
  await graph?.close();
  await operator?.close();
});
beforeEach(() => operator.reset());

/** A tenant's client with an operator-provider model `op-model` (the provider's model `gpt-op`). */
async function tenantWithModel(): Promise<{ tenant: string; api: GraphClient }> {
  const tenant = newTenant();
  const api = await createClient(graph, { tenant });
  await createFakeProviderModel(api);
  return { tenant, api };
}

interface Delivered {
  cursor: string;
  type: string;
  stepId: string | null;
  payload: Record<string, unknown> | null;
}

const RUN_EVENTS = `subscription ($runId: ID!, $after: String) {
  workflowRunEvents(runId: $runId, after: $after) { cursor type stepId payload }
}`;

/** Subscribes to a run's events after `after` over WebSocket and collects them until the run's final event. */
async function subscribe(tenant: string, runId: string, after: string): Promise<Delivered[]> {
  const token = await clientToken(graph, { tenant, scopes: ['workflows:subscribe', 'workflows:read'] });
  const client = gatewayWsClient(graph.gatewayUrl, { authorization: `Bearer ${token}` });
  wsClients.push(client);
  return new Promise((resolve, reject) => {
    const events: Delivered[] = [];
    client.subscribe<{ workflowRunEvents: Delivered }>(
      { query: RUN_EVENTS, variables: { runId, after } },
      {
        next: (result) => {
          if (result.errors) reject(new Error(JSON.stringify(result.errors)));
          if (result.data) events.push(result.data.workflowRunEvents);
        },
        error: reject,
        complete: () => resolve(events),
      },
    );
  });
}

const deltasOf = (events: readonly Delivered[]): Delivered[] => events.filter((e) => e.type === 'STEP_OUTPUT_DELTA');

describe('llm step streaming through the routing service', () => {
  it('publishes the partial answer as it forms, then STEP_COMPLETED with all of it; a cursor after the first delta resumes with the rest', async () => {
    const { tenant, api } = await tenantWithModel();
    operator.script('gpt-op', { kind: 'slowStream', chunkDelayMs: CHUNK_GAP_MS, chunks: CHUNKS });
    const workflowId = await createWorkflow(api, [{ id: 'ask', kind: 'llm', config: { prompt: 'What do otters do?', model: 'op-model' } }]);
    const runId = await startRun(api, { workflowId });
    const events = await subscribe(tenant, runId, '0');

    const deltas = deltasOf(events);
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    const contents = deltas.map((d) => String(d.payload?.['content']));
    contents.forEach((content, i) => {
      expect(ANSWER.startsWith(content)).toBe(true);
      if (i > 0) expect(content.length).toBeGreaterThan((contents[i - 1] as string).length);
    });
    expect(deltas.map((d) => d.payload)).toEqual(
      contents.map((content, i) => ({ stepId: 'ask', attempt: 1, content, offset: 0, length: content.length, sequence: i + 1 })),
    );
    expect(deltas.every((d) => d.stepId === 'ask')).toBe(true);
    const types = events.map((e) => e.type);
    expect(types.indexOf('STEP_STARTED')).toBeLessThan(types.indexOf('STEP_OUTPUT_DELTA'));
    expect(types.lastIndexOf('STEP_OUTPUT_DELTA')).toBeLessThan(types.indexOf('STEP_COMPLETED'));
    expect(types.at(-1)).toBe('RUN_COMPLETED');

    const run = await readRun(api, runId);
    expect(run.status).toBe('COMPLETED');
    expect(events.map((e) => e.cursor)).toEqual(run.events.map((e) => e.cursor));
    const ask = stepOf(run, 'ask');
    expect(ask.output).toMatchObject({
      content: ANSWER,
      toolCalls: [],
      finishReason: 'stop',
      model: 'op-model',
      provider: 'fake',
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
      costUsd: expect.any(Number),
      latencyMs: expect.any(Number),
      routingDecisionId: expect.any(String),
      requestId: expect.any(String),
    });
    expect(ask.routingDecision?.id).toBe((ask.output as { routingDecisionId: string }).routingDecisionId);

    const firstDelta = deltas[0]?.cursor ?? '0';
    const resumed = await subscribe(tenant, runId, firstDelta);
    expect(resumed.map((e) => e.cursor)).toEqual(events.slice(events.findIndex((e) => e.cursor === firstDelta) + 1).map((e) => e.cursor));
    expect(deltasOf(resumed)).toHaveLength(deltas.length - 1);
    expect(resumed.some((e) => e.type === 'STEP_COMPLETED')).toBe(true);

    // The provider got the operator's key from the routing service; no client token of the tenant or the run reached it.
    const received = operator.requestsFor('gpt-op');
    expect(received).toHaveLength(1);
    expect(received[0]?.headers['authorization']).toBe(`Bearer ${OPERATOR_KEY}`);
    expect(JSON.stringify(received)).not.toContain(api.token);
    expect(JSON.stringify(received)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(JSON.stringify(run)).not.toContain(OPERATOR_KEY);
  });
});

describe('llm step requests', () => {
  it('sends `messages` (system, user, assistant, user) in order, templates resolved', async () => {
    const { api } = await tenantWithModel();
    operator.script('gpt-op', { kind: 'reply', content: 'Paris.' });
    const workflowId = await createWorkflow(api, [
      {
        id: 'ask',
        kind: 'llm',
        config: {
          model: 'op-model',
          stream: false,
          messages: [
            { role: 'system', content: 'Answer in one word.' },
            { role: 'user', content: 'Capital of {{ input.country }}?' },
            { role: 'assistant', content: 'Which country?' },
            { role: 'user', content: 'I said {{ input.country }}.' },
          ],
          temperature: 0,
          seed: 3,
        },
      },
    ]);
    const runId = await startRun(api, { workflowId, input: { country: 'France' } });
    const run = await waitForRun(api, runId);
    expect(run.status).toBe('COMPLETED');
    expect(stepOf(run, 'ask').output).toMatchObject({ content: 'Paris.', provider: 'fake', model: 'op-model' });
    expect(run.events.some((e) => e.type === 'STEP_OUTPUT_DELTA')).toBe(false);

    const [received] = operator.requestsFor('gpt-op');
    expect(received?.body).toMatchObject({
      model: 'gpt-op',
      messages: [
        { role: 'system', content: 'Answer in one word.' },
        { role: 'user', content: 'Capital of France?' },
        { role: 'assistant', content: 'Which country?' },
        { role: 'user', content: 'I said France.' },
      ],
      temperature: 0,
      seed: 3,
    });
  });

  it('fails the step with CONTEXT_LENGTH_EXCEEDED on a context-length failure, without retrying it', async () => {
    const { api } = await tenantWithModel();
    operator.script('gpt-op', { kind: 'contextLength' });
    const workflowId = await createWorkflow(api, [
      { id: 'ask', kind: 'llm', config: { prompt: 'a very long prompt', model: 'op-model' }, retry: { maxAttempts: 3, initialIntervalMs: 10 } },
    ]);
    const runId = await startRun(api, { workflowId });
    await waitForRun(api, runId);
    const run = await readRunDetail(api, runId);
    expect(run.status).toBe('FAILED');
    const ask = stepDetail(run, 'ask');
    expect(ask.status).toBe('FAILED');
    expect(ask.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'FAILED', errorCode: 'CONTEXT_LENGTH_EXCEEDED' })]);
    expect(run.events.some((e) => e.type === 'STEP_RETRYING')).toBe(false);
    expect(operator.requestsFor('gpt-op')).toHaveLength(1);
  });

  it('retries a rate-limited call by the step policy, with the RATE_LIMITED code on the failed attempt', async () => {
    const { api } = await tenantWithModel();
    operator.script('gpt-op', { kind: 'rateLimited', retryAfterSeconds: 0 }, { kind: 'reply', content: 'second time lucky' });
    const workflowId = await createWorkflow(api, [
      { id: 'ask', kind: 'llm', config: { prompt: 'hello', model: 'op-model' }, retry: { maxAttempts: 2, initialIntervalMs: 10 } },
    ]);
    const runId = await startRun(api, { workflowId });
    await waitForRun(api, runId);
    const run = await readRunDetail(api, runId);
    expect(run.status).toBe('COMPLETED');
    const ask = stepDetail(run, 'ask');
    expect(ask.attempts.map((a) => [a.attempt, a.status, a.errorCode])).toEqual([
      [1, 'FAILED', 'RATE_LIMITED'],
      [2, 'COMPLETED', null],
    ]);
    expect(ask.output).toMatchObject({ content: 'second time lucky' });
  });

  it('answers from the local echo provider through the same service, marked simulated', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    await createEchoModel(api);
    const workflowId = await createWorkflow(api, [{ id: 'ask', kind: 'llm', config: { prompt: 'ping', models: ['echo-1'] } }]);
    const run = await waitForRun(api, await startRun(api, { workflowId }));
    expect(run.status).toBe('COMPLETED');
    expect(stepOf(run, 'ask').output).toMatchObject({ content: 'echo: ping', provider: 'echo', model: 'echo-1', simulated: true });
    expect(stepOf(run, 'ask').routingDecision?.id).toBeTruthy();
    expect(operator.requests).toHaveLength(0);
  });

  it('refuses a config with both `prompt` and `messages`, or neither, naming the field', async () => {
    const api = await createClient(graph, { tenant: newTenant() });
    const create = (config: unknown) =>
      api.request('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', {
        input: { name: 'bad', steps: [{ id: 'ask', kind: 'llm', config }] },
      });
    const both = await create({ prompt: 'a', messages: [{ role: 'user', content: 'b' }] });
    expect(both.errors?.[0]?.extensions?.['field']).toBe('steps[0].config.messages');
    const neither = await create({ model: 'm' });
    expect(neither.errors?.[0]?.extensions?.['field']).toBe('steps[0].config.prompt');
  });
});

describe('the orchestration subgraph holds no provider credentials', () => {
  it('never reads LLM provider keys or calls a provider itself', async () => {
    const root = join(import.meta.dirname, '..', 'subgraphs', 'orchestration');
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('generated'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = await readFile(join(root, file), 'utf8');
      expect(source, file).not.toMatch(/LLM_PROVIDER|llm\.providers|apiKey|api_key|chat-completions-client|subgraphs\/routing/);
    }
  });
});
