import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import { createSpanningSession } from './kit/fixtures.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

interface SpanningResult {
  session: {
    id: string;
    title: string;
    transcript: { text: string }[];
    memories: { key: string; session: { id: string; title: string } }[];
    runs: {
      status: string;
      steps: { stepId: string; status: string; output: unknown; routingDecision: { model: { name: string }; session: { id: string } } | null }[];
    }[];
    routingDecisions: { model: { provider: string }; outcome: { success: boolean } | null }[];
    costUsd: number;
  };
}

describe('the supergraph', () => {
  let graph: TestGraph;
  let client: GraphClient;
  beforeAll(async () => {
    graph = await startGraph();
    client = await createClient(graph, { tenant: newTenant() });
  });
  afterAll(async () => {
    await graph.close();
  });

  it('answers one query spanning all four subgraphs, entity references included', async () => {
    const { sessionId, runStatus } = await createSpanningSession(client, 'spanning');
    expect(runStatus).toBe('COMPLETED');

    const data = await client.requestOk<SpanningResult, unknown>(
      `query ($id: ID!) {
        session(id: $id) {
          id title
          transcript { text }
          memories { key session { id title } }
          runs { status steps { stepId status output routingDecision { model { name } session { id } } } }
          routingDecisions { model { provider } outcome { success } }
          costUsd
        }
      }`,
      { id: sessionId },
    );
    const session = data.session;
    expect(session.title).toBe('spanning');
    expect(session.transcript.map((s) => s.text)).toEqual(['hello there']);
    expect(session.memories).toEqual([{ key: 'k', session: { id: sessionId, title: 'spanning' } }]);
    expect(session.runs).toHaveLength(1);
    expect(session.runs[0]?.status).toBe('COMPLETED');
    const ask = session.runs[0]?.steps.find((s) => s.stepId === 'ask');
    expect(ask?.routingDecision).toEqual({ model: { name: 'echo-1' }, session: { id: sessionId } });
    expect(JSON.stringify(ask?.output)).toContain('echo');
    expect(session.routingDecisions).toEqual([{ model: { provider: 'echo' }, outcome: { success: true } }]);
    expect(session.costUsd).toBeGreaterThan(0);
  });
});
