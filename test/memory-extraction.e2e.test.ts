import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import { startFakeProvider, type FakeProvider } from './kit/fake-provider.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflow, startRun, stepOf, waitForRun } from './kit/runs.ts';

const KEY = 'sk-extraction-operator-51a0';
let provider: FakeProvider;
let graph: TestGraph;
beforeAll(async () => {
  provider = await startFakeProvider({ apiKey: KEY });
  graph = await startGraph({
    subgraphs: ['memory', 'routing', 'orchestration'],
    env: { LLM_PROVIDERS: JSON.stringify({ fake: { baseUrl: provider.url, apiKey: KEY } }) },
  });
});
afterAll(async () => {
  await graph?.close();
  await provider?.close();
});
beforeEach(() => provider.reset());

const SCOPES = ['memory:read', 'memory:write', 'routing:read', 'routing:write'];
const ADD = `mutation ($input: AddMemoriesInput!) {
  addMemories(input: $input) { facts decisions { event text reason previousContent memory { id key content userId tags } } }
}`;
interface Decision {
  event: string;
  text: string;
  reason: string;
  previousContent: string | null;
  memory: { id: string; key: string; content: string; userId: string | null; tags: string[] } | null;
}

async function tenantWithModel(scopes: readonly string[] = SCOPES): Promise<GraphClient> {
  const c = await createClient(graph, { tenant: newTenant(), subject: 'ana', scopes });
  await c.requestOk(
    `mutation { upsertModel(input: { name: "extractor", provider: "fake", providerModel: "ext-m", inputCostPer1kTokensUsd: 0.001,
      outputCostPer1kTokensUsd: 0.002, latencyMs: 100, quality: 0.8, contextWindowTokens: 100000 }) { id } }`,
  );
  return c;
}

const conversation = [
  { role: 'user', content: 'I moved from Paris to Berlin last month.' },
  { role: 'assistant', content: 'Nice! How do you like it?' },
  { role: 'user', content: 'Love it. And I drink coffee now, no more tea.' },
];

describe('addMemories', () => {
  it("extracts facts, decides against the scope's similar memories, and applies every decision with its reason and model call", async () => {
    const c = await tenantWithModel();
    const { storeMemory: paris } = await c.requestOk<{ storeMemory: { id: string } }, unknown>(
      'mutation { storeMemory(input: { namespace: "profile", key: "city", content: "Lives in Paris", userId: "ana" }) { id } }',
    );
    await c.requestOk('mutation { storeMemory(input: { namespace: "elsewhere", key: "city", content: "Lives in Rome", userId: "ana" }) { id } }');
    provider.script(
      'ext-m',
      { kind: 'reply', content: JSON.stringify({ facts: ['Lives in Berlin', 'Drinks coffee', 'Lives in Berlin'] }) },
      {
        kind: 'reply',
        content: JSON.stringify({
          memory: [
            { id: '0', event: 'UPDATE', text: 'Lives in Berlin (moved from Paris)', reason: 'the user moved' },
            { id: 'new', event: 'ADD', text: 'Drinks coffee, not tea', reason: 'a new preference' },
            { id: '7', event: 'DELETE', text: 'x', reason: 'an id that was never offered' },
          ],
        }),
      },
    );
    const { addMemories } = await c.requestOk<{ addMemories: { facts: string[]; decisions: Decision[] } }, unknown>(ADD, {
      input: { messages: conversation, namespace: 'profile', userId: 'ana', tags: ['chat'], model: 'extractor' },
    });
    expect(addMemories.facts).toEqual(['Lives in Berlin', 'Drinks coffee']);
    expect(addMemories.decisions.map((d) => [d.event, d.text])).toEqual([
      ['UPDATE', 'Lives in Berlin (moved from Paris)'],
      ['ADD', 'Drinks coffee, not tea'],
    ]);
    const [update, add] = addMemories.decisions;
    expect(update).toMatchObject({ previousContent: 'Lives in Paris', memory: { id: paris.id, key: 'city', content: 'Lives in Berlin (moved from Paris)' } });
    expect(update?.reason).toContain('the user moved');
    expect(add?.memory).toMatchObject({ content: 'Drinks coffee, not tea', userId: 'ana', tags: ['chat'] });

    // What the model saw: the versioned prompts, the conversation, and only the scope's similar memory.
    const bodies = provider.requestsFor('ext-m').map((r) => JSON.stringify(r.body));
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain('You extract facts worth remembering');
    expect(bodies[0]).toContain('I moved from Paris to Berlin last month.');
    expect(bodies[1]).toContain('Lives in Paris');
    expect(bodies[1]).not.toContain('Lives in Rome');

    // The history says why, and which model call decided it; the calls are the tenant's, under their task type.
    const { memoryHistory } = await c.requestOk<
      { memoryHistory: { event: string; cause: string; changedBy: string; reason: string; modelCall: { id: string } | null }[] },
      unknown
    >('query ($id: ID!) { memoryHistory(id: $id) { event cause changedBy reason modelCall { id } } }', { id: paris.id });
    expect(memoryHistory[0]).toMatchObject({ event: 'UPDATED', cause: 'EXTRACTION', changedBy: 'ana' });
    const { modelCalls } = await c.requestOk<{ modelCalls: { edges: { node: { id: string; taskType: string } }[] } }, unknown>(
      '{ modelCalls(filter: { taskType: "memory-extraction" }) { edges { node { id taskType } } } }',
    );
    expect(modelCalls.edges).toHaveLength(2);
    expect(modelCalls.edges.map((e) => e.node.id)).toContain(memoryHistory[0]?.modelCall?.id);
  });

  it('writes nothing when the model answers other than the JSON asked for, and refuses bad messages before calling', async () => {
    const c = await tenantWithModel();
    provider.script('ext-m', { kind: 'reply', content: 'Sure! Here are the facts: the user lives in Berlin.' });
    const failed = await c.request(ADD, { input: { messages: conversation, namespace: 'p2', model: 'extractor' } });
    expect(failed.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_FAILED');
    const { memories } = await c.requestOk<{ memories: { edges: unknown[] } }, unknown>('{ memories(filter: { namespace: "p2" }) { edges { cursor } } }');
    expect(memories.edges).toEqual([]);

    provider.reset();
    for (const [messages, field] of [
      [[], 'input.messages'],
      [[{ role: 'tool', content: 'x' }], 'input.messages[0].role'],
      [[{ role: 'user', content: '' }], 'input.messages[0].content'],
    ] as const) {
      const refused = await c.request(ADD, { input: { messages, namespace: 'p2' } });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(provider.requestsFor('ext-m')).toHaveLength(0);
  });
});

describe('a memory.extract step', () => {
  it('turns the conversation of its config into memories whose source is the run and the step, and outputs the decisions', async () => {
    const c = await tenantWithModel(['admin']);
    await c.requestOk('mutation { storeMemory(input: { namespace: "profile", key: "drink", content: "Drinks tea", userId: "ana" }) { id } }');
    provider.script(
      'ext-m',
      { kind: 'reply', content: JSON.stringify({ facts: ['Drinks coffee', 'Lives in Berlin'] }) },
      {
        kind: 'reply',
        content: JSON.stringify({
          memory: [
            { id: '0', event: 'DELETE', text: 'Drinks tea', reason: 'no more tea' },
            { id: 'new', event: 'ADD', text: 'Drinks coffee', reason: 'a new preference' },
            { id: 'new', event: 'ADD', text: 'Lives in Berlin', reason: 'where the user lives' },
          ],
        }),
      },
    );
    const workflowId = await createWorkflow(c, [
      {
        id: 'remember',
        kind: 'memory.extract',
        config: { messages: '{{ input.messages }}', namespace: 'profile', userId: '{{ input.user }}', tags: ['from-run'], model: 'extractor' },
      },
    ]);
    const runId = await startRun(c, { workflowId, input: { messages: conversation, user: 'ana' } });
    const run = await waitForRun(c, runId);
    expect(run.status).toBe('COMPLETED');
    const output = stepOf(run, 'remember').output as { facts: string[]; decisions: { event: string; text: string; memory: { id: string } | null }[] };
    expect(output.facts).toEqual(['Drinks coffee', 'Lives in Berlin']);
    expect(output.decisions.map((d) => [d.event, d.text])).toEqual([
      ['DELETE', 'Drinks tea'],
      ['ADD', 'Drinks coffee'],
      ['ADD', 'Lives in Berlin'],
    ]);
    expect(JSON.stringify(provider.requestsFor('ext-m')[0]?.body)).toContain('I drink coffee now, no more tea.');

    const { memories } = await c.requestOk<
      { memories: { edges: { node: { content: string; tags: string[]; source: { run: { id: string } | null; stepId: string | null } | null } }[] } },
      unknown
    >('{ memories(filter: { namespace: "profile", userId: "ana" }) { edges { node { content tags source { run { id } stepId } } } } }');
    const nodes = memories.edges.map((e) => e.node);
    expect(nodes.map((n) => n.content).sort()).toEqual(['Drinks coffee', 'Lives in Berlin']);
    for (const node of nodes) expect(node).toMatchObject({ tags: ['from-run'], source: { run: { id: runId }, stepId: 'remember' } });
  });

  it('refuses a definition whose messages are not a conversation, naming the field', async () => {
    const c = await tenantWithModel(['admin']);
    const refused = await c.request('mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }', {
      input: { name: 'bad', steps: [{ id: 'x', kind: 'memory.extract', config: { namespace: 'p', messages: [{ role: 'robot', content: 'hi' }] } }] },
    });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain('messages');
  });
});
