import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import { createEchoModel, createSession } from './kit/fixtures.ts';
import { createWorkflow, startRun, waitForRun } from './kit/runs.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

describe('cross-tenant isolation', () => {
  let graph: TestGraph;
  let owner: GraphClient;
  let intruder: GraphClient;
  const ids = { session: '', memory: '', workflow: '', run: '', decision: '', segment: '' };

  beforeAll(async () => {
    graph = await startGraph();
    owner = await createClient(graph, { tenant: newTenant() });
    intruder = await createClient(graph, { tenant: newTenant() });
    ids.session = await createSession(owner, 'private');
    const appended = await owner.requestOk<{ appendTranscript: { id: string }[] }, unknown>(
      'mutation ($id: ID!) { appendTranscript(sessionId: $id, segments: [{ speaker: "a", text: "secret plans" }]) { id } }',
      { id: ids.session },
    );
    ids.segment = appended.appendTranscript[0]?.id ?? '';
    const stored = await owner.requestOk<{ storeMemory: { id: string } }, unknown>(
      'mutation ($s: ID!) { storeMemory(input: { namespace: "vault", key: "code", content: "the launch code is banana", sessionId: $s }) { id } }',
      { s: ids.session },
    );
    ids.memory = stored.storeMemory.id;
    await createEchoModel(owner);
    const routed = await owner.requestOk<{ route: { id: string } }, unknown>('mutation ($s: ID!) { route(input: { prompt: "hi", sessionId: $s }) { id } }', {
      s: ids.session,
    });
    ids.decision = routed.route.id;
    ids.workflow = await createWorkflow(owner, [{ id: 'a', kind: 'transform', config: { expression: '"done"' } }]);
    ids.run = await startRun(owner, { workflowId: ids.workflow, sessionId: ids.session });
    expect((await waitForRun(owner, ids.run)).status).toBe('COMPLETED');
  });
  afterAll(async () => {
    await graph.close();
  });

  it('sees nothing of another tenant by id', async () => {
    const data = await intruder.requestOk<Record<string, unknown>, unknown>(
      `query ($session: ID!, $memory: ID!, $workflow: ID!, $run: ID!, $decision: ID!) {
        session(id: $session) { id }
        memory(id: $memory) { id }
        memoryByKey(namespace: "vault", key: "code") { id }
        workflow(id: $workflow) { id }
        workflowRun(id: $run) { id }
        routingDecision(id: $decision) { id }
      }`,
      ids,
    );
    expect(data).toEqual({ session: null, memory: null, memoryByKey: null, workflow: null, workflowRun: null, routingDecision: null });
  });

  it('sees nothing of another tenant in lists and search', async () => {
    const data = await intruder.requestOk<Record<string, unknown>, unknown>(
      `{
        sessions { edges { node { id } } }
        workflowRuns { edges { node { id } } }
        searchMemory(query: "launch code banana") { hits { item { id } } }
        models { id }
      }`,
    );
    expect(data).toEqual({ sessions: { edges: [] }, workflowRuns: { edges: [] }, searchMemory: { hits: [] }, models: [] });
    // The owner, with the same queries, does see its data: the emptiness above is isolation, not absence.
    const own = await owner.requestOk<{ searchMemory: { hits: { item: { id: string } }[] }; workflowRuns: { edges: unknown[] } }, unknown>(
      '{ searchMemory(query: "launch code banana") { hits { item { id } } } workflowRuns { edges { node { id } } } }',
    );
    expect(own.searchMemory.hits.map((h) => h.item.id)).toEqual([ids.memory]);
    expect(own.workflowRuns.edges).toHaveLength(1);
  });

  it('cannot change another tenant’s data', async () => {
    const attempts = [
      ['mutation ($id: ID!) { endSession(id: $id) { id } }', { id: ids.session }],
      ['mutation ($id: ID!) { appendTranscript(sessionId: $id, segments: [{ speaker: "x", text: "y" }]) { id } }', { id: ids.session }],
      ['mutation ($id: ID!) { addTranslation(segmentId: $id, language: "fr", text: "z") { id } }', { id: ids.segment }],
      ['mutation ($id: ID!) { cancelWorkflowRun(id: $id) { id } }', { id: ids.run }],
      ['mutation ($id: ID!) { signalWorkflowRun(id: $id, name: "go") { id } }', { id: ids.run }],
      ['mutation ($id: ID!) { recordRoutingOutcome(decisionId: $id, outcome: { success: false }) { id } }', { id: ids.decision }],
      ['mutation ($id: ID!) { startWorkflowRun(input: { workflowId: $id }) { id } }', { id: ids.workflow }],
    ] as const;
    for (const [query, variables] of attempts) {
      const response = await intruder.request(query, variables);
      expect(response.errors?.[0]?.extensions?.['code'], query).toBe('NOT_FOUND');
    }
    const deleted = await intruder.requestOk<{ deleteMemory: boolean }, unknown>('mutation ($id: ID!) { deleteMemory(id: $id) }', { id: ids.memory });
    expect(deleted.deleteMemory).toBe(false);
    const still = await owner.requestOk<{ memory: { id: string } | null; session: { status: string } | null }, unknown>(
      'query ($m: ID!, $s: ID!) { memory(id: $m) { id } session(id: $s) { status } }',
      { m: ids.memory, s: ids.session },
    );
    expect(still).toEqual({ memory: { id: ids.memory }, session: { status: 'ACTIVE' } });
  });
});
