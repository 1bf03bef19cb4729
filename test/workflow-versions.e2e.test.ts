import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import { countTenantRows } from './kit/database.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflowFrom, startRuns } from './kit/runs.ts';
import { fewestStatements } from './kit/statement-counter.ts';

/** Measured requests execute: the response cache would answer a repeat of the warm-up. */
const NO_CACHE = { 'cache-control': 'no-cache' };
import {
  OrchestrationCreateWorkflowDocument,
  OrchestrationUpdateWorkflowDocument,
  OrchestrationWorkflowVersionDetailDocument,
  type CreateWorkflowInput,
  type StepInput,
} from './generated/graphql.ts';

const transform = (id: string, expression: string, dependsOn: string[] = []): StepInput => ({ id, kind: 'transform', dependsOn, config: { expression } });
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Reads version `version` (latest when absent) of a workflow with its full definition. */
async function readVersion(client: GraphClient, id: string, version?: number) {
  return (await client.requestOk(OrchestrationWorkflowVersionDetailDocument, { id, version })).workflow;
}

describe('workflow versions', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ subgraphs: ['orchestration'] });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('stores updateWorkflow as version 2, serves the latest by default and any version on request', async () => {
    const tenant = newTenant();
    const client = await createClient(graph, { tenant });
    const id = await createWorkflowFrom(client, { name: 'v1', steps: [transform('a', 'input')], timeoutMs: 60_000 });
    const v1 = await readVersion(client, id);
    expect(v1).toMatchObject({ id, name: 'v1', version: 1, timeoutMs: 60_000, steps: [{ id: 'a', config: { expression: 'input' } }] });

    const input: CreateWorkflowInput = {
      name: 'v2',
      steps: [
        transform('a', 'input'),
        { ...transform('b', 'steps.a + 1', ['a']), retry: { maxAttempts: 2, jitter: 0, nonRetryableErrorCodes: ['EXPRESSION'] } },
      ],
    };
    const { updateWorkflow } = await client.requestOk(OrchestrationUpdateWorkflowDocument, { id, input });
    expect(updateWorkflow).toMatchObject({ id, version: 2, timeoutMs: null, steps: [{ id: 'a' }, { id: 'b' }] });

    const latest = await readVersion(client, id);
    expect(latest).toMatchObject({ id, name: 'v2', version: 2, timeoutMs: null });
    expect(latest?.steps[1]?.retry).toEqual({
      maxAttempts: 2,
      initialIntervalMs: 1000,
      backoffCoefficient: 2,
      maxIntervalMs: 100_000,
      jitter: 0,
      nonRetryableErrorCodes: ['EXPRESSION'],
    });
    expect(latest?.createdAt).toBe(v1?.createdAt);
    expect(new Date(String(latest?.updatedAt)).getTime()).toBeGreaterThanOrEqual(new Date(String(v1?.updatedAt)).getTime());

    expect(await readVersion(client, id, 1)).toEqual(v1);
    expect(await readVersion(client, id, 2)).toEqual(latest);
    expect(await readVersion(client, id, 3)).toBeNull();
    expect(await countTenantRows(graph, 'orchestration.workflow_versions', tenant)).toBe(2);
  });

  it('refuses an invalid update with BAD_USER_INPUT and leaves the version unchanged', async () => {
    const tenant = newTenant();
    const client = await createClient(graph, { tenant });
    const id = await createWorkflowFrom(client, { name: 'stable', steps: [transform('a', '1')] });
    const cyclic = { name: 'stable', steps: [transform('a', '1', ['b']), transform('b', '1', ['a'])] };
    const response = await client.request(OrchestrationUpdateWorkflowDocument, { id, input: cyclic });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain('cycle a -> b -> a');
    const badTimeout = await client.request(OrchestrationUpdateWorkflowDocument, { id, input: { name: 'stable', steps: [transform('a', '2')], timeoutMs: 0 } });
    expect(badTimeout.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await readVersion(client, id)).toMatchObject({ version: 1, steps: [{ id: 'a', config: { expression: '1' } }] });
    expect(await countTenantRows(graph, 'orchestration.workflow_versions', tenant)).toBe(1);
  });

  it("answers NOT_FOUND for an unknown id, a non-UUID and another tenant's workflow", async () => {
    const alice = await createClient(graph, { tenant: newTenant() });
    const bob = await createClient(graph, { tenant: newTenant() });
    const id = await createWorkflowFrom(alice, { name: 'mine', steps: [transform('a', '1')] });
    const input = { name: 'theirs', steps: [transform('a', '2')] };
    for (const [client, target] of [
      [alice, UNKNOWN_ID],
      [alice, 'not-a-uuid'],
      [bob, id],
    ] as const) {
      const response = await client.request(OrchestrationUpdateWorkflowDocument, { id: target, input });
      expect(response.errors?.[0]?.extensions?.['code'], target).toBe('NOT_FOUND');
    }
    expect(await readVersion(bob, id, 1)).toBeNull();
    expect(await readVersion(alice, 'not-a-uuid', 1)).toBeNull();
    expect(await readVersion(alice, id)).toMatchObject({ name: 'mine', version: 1 });
  });

  it('requires workflows:write to update', async () => {
    const tenant = newTenant();
    const writer = await createClient(graph, { tenant });
    const reader = await createClient(graph, { tenant, scopes: ['workflows:read'] });
    const id = await createWorkflowFrom(writer, { name: 'guarded', steps: [transform('a', '1')] });
    const denied = await reader.request(OrchestrationUpdateWorkflowDocument, { id, input: { name: 'x', steps: [transform('a', '2')] } });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await readVersion(reader, id)).toMatchObject({ version: 1 });
  });

  it('stores a map step with its item step shown under config.step', async () => {
    const client = await createClient(graph, { tenant: newTenant() });
    const step = { kind: 'transform', config: { expression: 'item * 2 + index' }, retry: { maxAttempts: 2 }, timeoutMs: 1000 };
    const id = await createWorkflowFrom(client, { name: 'map', steps: [{ id: 'each', kind: 'map', config: { items: '{{ input.list }}', step } }] });
    const workflow = await readVersion(client, id);
    expect(workflow?.steps[0]).toMatchObject({
      id: 'each',
      kind: 'map',
      config: {
        items: '{{ input.list }}',
        concurrency: 10,
        step: { kind: 'transform', config: step.config, timeoutMs: 1000, retry: { maxAttempts: 2, jitter: 0.2 } },
      },
    });
  });

  const ITEM_STEP = { kind: 'transform', config: { expression: 'item' } };
  const map = (config: Record<string, unknown>): StepInput[] => [{ id: 'each', kind: 'map', config: { step: ITEM_STEP, ...config } }];
  it.each([
    ['a cycle', [transform('a', '1', ['b']), transform('b', '1', ['a'])], 'cycle a -> b -> a'],
    ['an unknown dependency', [transform('a', '1', ['ghost'])], 'steps[0].dependsOn: unknown step "ghost"'],
    ['an unknown kind', [{ id: 'a', kind: 'teleport' }], 'steps[0].kind: unknown kind'],
    ['retry.maxAttempts 0', [{ ...transform('a', '1'), retry: { maxAttempts: 0 } }], 'steps[0].retry.maxAttempts'],
    ['retry.jitter 2', [{ ...transform('a', '1'), retry: { jitter: 2 } }], 'steps[0].retry.jitter'],
    ['an unknown non-retryable code', [{ ...transform('a', '1'), retry: { nonRetryableErrorCodes: ['TEAPOT'] } }], 'steps[0].retry.nonRetryableErrorCodes[0]'],
    ['a map whose item step waits', map({ items: [1], step: { kind: 'wait', config: { signal: 'go' } } }), 'steps[0].config.step.kind'],
    ['a map of 1001 items', map({ items: Array.from({ length: 1001 }, (_, i) => i) }), 'steps[0].config.items'],
    ['a map concurrency of 101', map({ items: [1], concurrency: 101 }), 'steps[0].config.concurrency'],
  ])('createWorkflow refuses %s with BAD_USER_INPUT and writes nothing', async (_name, steps, message) => {
    const tenant = newTenant();
    const client = await createClient(graph, { tenant });
    const response = await client.request(OrchestrationCreateWorkflowDocument, { input: { name: 'bad', steps: steps as StepInput[] } });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain(message);
    expect(await countTenantRows(graph, 'orchestration.workflows', tenant)).toBe(0);
    expect(await countTenantRows(graph, 'orchestration.workflow_versions', tenant)).toBe(0);
  });

  it.each([0, 604_800_001, 1.5])('createWorkflow refuses timeoutMs %s', async (timeoutMs) => {
    const client = await createClient(graph, { tenant: newTenant() });
    const response = await client.request(OrchestrationCreateWorkflowDocument, { input: { name: 'bad', steps: [transform('a', '1')], timeoutMs } });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('StepRun attempts and items batching', () => {
  const QUERY = `query ($workflowId: ID!, $first: Int!) {
    workflowRuns(filter: { workflowId: $workflowId }, first: $first) {
      edges { node { id steps { stepId attempts { attempt status } items { stepId attempts { attempt } } } } }
    }
  }`;
  type Listed = { workflowRuns: { edges: { node: { steps: { stepId: string; attempts: unknown[]; items: unknown[] }[] } }[] } };

  let graph: TestGraph;
  beforeAll(async () => {
    // The worker stays off so that only the measured query talks to Postgres while statements are counted.
    // A task queue no worker takes from: the test files share one database and Redis, and another file's worker would
    // otherwise run these runs' steps while the statements are counted.
    graph = await startGraph({
      subgraphs: ['orchestration'],
      env: { WORKER_ENABLED: 'false', WORKER_QUEUE: `unworked-${randomUUID()}`, EVENT_RELAY_INTERVAL_MS: '3600000' },
    });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('reads the steps, attempts and map items of 3 and of 30 runs in the same number of statements', async () => {
    const measure = async (n: number): Promise<number> => {
      const client = await createClient(graph, { tenant: newTenant() });
      const workflowId = await createWorkflowFrom(client, {
        name: 'batched',
        steps: [
          transform('a', '1'),
          { id: 'each', kind: 'map', dependsOn: ['a'], config: { items: [1, 2], step: { kind: 'transform', config: { expression: 'item' } } } },
        ],
      });
      await startRuns(
        client,
        Array.from({ length: n }, () => ({ workflowId })),
      );
      await client.requestOk(QUERY, { workflowId, first: n }); // warm-up: connections and prepared plans
      return fewestStatements(async () => {
        const data = await client.requestOk<Listed, unknown>(QUERY, { workflowId, first: n }, NO_CACHE);
        expect(data.workflowRuns.edges).toHaveLength(n);
        for (const { node } of data.workflowRuns.edges) expect(node.steps.map((s) => s.stepId)).toEqual(['a', 'each']);
      });
    };
    const forThree = await measure(3);
    const forThirty = await measure(30);
    expect(forThree).toBeGreaterThan(0);
    expect(forThirty).toBe(forThree);
  });
});
