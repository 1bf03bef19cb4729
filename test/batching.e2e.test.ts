import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import { createSession } from './kit/fixtures.ts';
import { createWorkflow, startRun } from './kit/runs.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { fewestStatements } from './kit/statement-counter.ts';

const QUERY = `query ($first: Int!) {
  sessions(first: $first) {
    edges { node {
      id title transcript { text }
      memories { id key }
      runs { id status workflow { name } }
      routingDecisions { id }
      costUsd
    } }
  }
}`;

/** Creates a tenant with `n` sessions, each with a memory and a run, and returns its client. */
async function tenantWithSessions(graph: TestGraph, n: number): Promise<GraphClient> {
  const client = await createClient(graph, { tenant: newTenant() });
  const workflowId = await createWorkflow(client, [{ id: 'only', kind: 'transform', config: { expression: '1' } }]);
  for (let i = 0; i < n; i++) {
    const sessionId = await createSession(client, `s${i}`);
    await client.requestOk('mutation ($s: ID!, $k: String!) { storeMemory(input: { namespace: "n", key: $k, content: "c", sessionId: $s }) { id } }', {
      s: sessionId,
      k: `k${i}`,
    });
    await startRun(client, { workflowId, sessionId });
  }
  return client;
}

describe('DataLoader batching', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    // The worker stays off so that only the measured query talks to Postgres while statements are counted.
    // A task queue no worker takes from: the test files share one database and Redis, and another file's worker would
    // otherwise run these runs' steps while the statements are counted.
    // The response cache off: the warm-up would answer the measured request.
    graph = await startGraph({
      env: { WORKER_ENABLED: 'false', WORKER_QUEUE: `unworked-${randomUUID()}`, EVENT_RELAY_INTERVAL_MS: '3600000', RESPONSE_CACHE: 'false' },
    });
  });
  afterAll(async () => {
    await graph.close();
  });

  it('issues the same number of SQL statements for 5 and for 50 sessions with their memories and runs', async () => {
    const small = await tenantWithSessions(graph, 5);
    const large = await tenantWithSessions(graph, 50);
    const measure = async (client: GraphClient, n: number): Promise<number> => {
      await client.requestOk(QUERY, { first: n }); // warm-up: connections and prepared plans
      return fewestStatements(async () => {
        const data = await client.requestOk<{ sessions: { edges: { node: { memories: unknown[]; runs: unknown[] } }[] } }, unknown>(QUERY, {
          first: n,
        });
        expect(data.sessions.edges).toHaveLength(n);
        for (const edge of data.sessions.edges) {
          expect(edge.node.memories).toHaveLength(1);
          expect(edge.node.runs).toHaveLength(1);
        }
      });
    };
    const forFive = await measure(small, 5);
    const forFifty = await measure(large, 50);
    expect(forFive).toBeGreaterThan(0);
    expect(forFifty).toBe(forFive);
  });
});
