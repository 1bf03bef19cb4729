import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, waitFor } from './kit/client.ts';
import { startFakeProvider, type FakeProvider } from './kit/fake-provider.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflow } from './kit/runs.ts';

const KEY = 'sk-session-end-operator-7c21';
let provider: FakeProvider;
let graph: TestGraph;
beforeAll(async () => {
  provider = await startFakeProvider({ apiKey: KEY });
  graph = await startGraph({
    subgraphs: ['session', 'memory', 'routing', 'orchestration'],
    env: { LLM_PROVIDERS: JSON.stringify({ fake: { baseUrl: provider.url, apiKey: KEY } }), SESSION_END_POLL_INTERVAL_MS: '100' },
  });
});
afterAll(async () => {
  await graph?.close();
  await provider?.close();
});

describe("README's onEnd example", () => {
  it('summarises the transcript of an ended BOT session into memories of the session', async () => {
    const c = await createClient(graph, { tenant: newTenant(), subject: 'ana', scopes: ['admin'] });
    await c.requestOk(
      `mutation { upsertModel(input: { name: "extractor", provider: "fake", providerModel: "ext-m", inputCostPer1kTokensUsd: 0.001,
        outputCostPer1kTokensUsd: 0.002, latencyMs: 100, quality: 0.8, contextWindowTokens: 100000 }) { id } }`,
    );
    provider.script(
      'ext-m',
      { kind: 'reply', content: JSON.stringify({ facts: ['Moves the launch to May'] }) },
      { kind: 'reply', content: JSON.stringify({ memory: [{ id: 'new', event: 'ADD', text: 'Moves the launch to May', reason: 'a decision' }] }) },
    );
    const workflowId = await createWorkflow(
      c,
      [
        {
          id: 'remember',
          kind: 'memory.extract',
          config: { messages: '{{ input.messages }}', namespace: '{{ input.namespace }}', userId: '{{ input.userId }}', tags: ['meeting'], model: 'extractor' },
        },
      ],
      'remember the meeting',
    );
    const { startSession } = await c.requestOk<{ startSession: { id: string } }, unknown>(
      `mutation($input: StartSessionInput!) { startSession(input: $input) { id } }`,
      { input: { kind: 'BOT', title: 'Weekly sync', onEnd: { workflowId, input: { namespace: 'meetings', userId: 'user-42' }, includeTranscript: true } } },
    );
    const id = startSession.id;
    await c.requestOk(
      `mutation($sessionId: ID!, $segments: [TranscriptSegmentInput!]!) { appendTranscript(sessionId: $sessionId, segments: $segments) { id } }`,
      {
        sessionId: id,
        segments: [
          { speaker: 'ana', text: 'Let us move the launch to May.' },
          { speaker: 'bo', text: 'Agreed.' },
        ],
      },
    );
    for (const state of ['JOINING', 'IN_CALL', 'LEAVING', 'ENDED']) {
      await c.requestOk(`mutation($id: ID!, $state: BotState!) { changeBotState(sessionId: $id, state: $state) { id } }`, { id, state });
    }

    const session = await waitFor('the end run to complete', async () => {
      const data = await c.requestOk<{ session: { endRun: { id: string; status: string } | null; endRunError: string | null } }, unknown>(
        `query($id: ID!) { session(id: $id) { endRun { id status } endRunError } }`,
        { id },
        { 'cache-control': 'no-cache' },
      );
      if (data.session.endRunError) throw new Error(data.session.endRunError);
      return data.session.endRun?.status === 'COMPLETED' ? data.session : undefined;
    });
    expect(session.endRun?.id).toBeDefined();
    const sent = JSON.stringify(provider.requestsFor('ext-m')[0]?.body);
    expect(sent).toContain('ana: Let us move the launch to May.');
    expect(sent).toContain('bo: Agreed.');
    const { memories } = await c.requestOk<
      { memories: { edges: { node: { content: string; sessionId: string | null; userId: string | null; tags: string[] } }[] } },
      unknown
    >(`{ memories(filter: { namespace: "meetings" }) { edges { node { content sessionId userId tags } } } }`);
    expect(memories.edges.map((e) => e.node)).toEqual([{ content: 'Moves the launch to May', sessionId: id, userId: 'user-42', tags: ['meeting'] }]);
  });
});
