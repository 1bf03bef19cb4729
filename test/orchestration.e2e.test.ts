import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { countTenantRows } from './kit/database.ts';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import {
  OrchestrationAgentDocument,
  OrchestrationCreateWorkflowDocument,
  OrchestrationRegisterAgentDocument,
  OrchestrationRunDocument,
  OrchestrationRunsDocument,
  OrchestrationStartRunDocument,
  OrchestrationWorkflowDocument,
  OrchestrationWorkflowEventsDocument,
  type OrchestrationWorkflowEventsQuery,
  type OrchestrationWorkflowEventsQueryVariables,
  type StepInput,
} from './generated/graphql.ts';
import { createWorkflow, startRun, waitForRun, type RunView } from './kit/runs.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['orchestration'] });
});
afterAll(async () => {
  await graph?.close();
});

const transform = (id: string, expression: string, dependsOn: string[] = []): StepInput => ({ id, kind: 'transform', dependsOn, config: { expression } });

describe('createWorkflow', () => {
  it('stores a validated definition as version 1 with normalised steps', async () => {
    const client = await createClient(graph, { tenant: newTenant() });
    const { createWorkflow: wf } = await client.requestOk(OrchestrationCreateWorkflowDocument, {
      input: { name: 'normalise', steps: [transform('a', 'input'), { ...transform('b', 'steps.a', ['a']), retry: { maxAttempts: 4 }, timeoutMs: 5000 }] },
    });
    expect(wf.version).toBe(1);
    expect(wf.steps[0]).toMatchObject({ id: 'a', kind: 'transform', dependsOn: [], retry: null, when: null });
    expect(wf.steps[1]).toMatchObject({ dependsOn: ['a'], timeoutMs: 5000, retry: { maxAttempts: 4, initialIntervalMs: 1000, backoffCoefficient: 2 } });
    const read = await client.requestOk(OrchestrationWorkflowDocument, { id: wf.id });
    expect(read.workflow).toMatchObject({ id: wf.id, name: 'normalise', runs: [] });
  });

  it.each([
    ['a cycle', [transform('a', '1', ['b']), transform('b', '1', ['a'])], 'cycle a -> b -> a'],
    ['an unknown dependency', [transform('a', '1', ['ghost'])], 'unknown step "ghost"'],
    ['an unknown kind', [{ id: 'a', kind: 'teleport' }], 'unknown kind'],
    ['a bad config field', [{ id: 'a', kind: 'http', config: { url: 'http://x.test', method: 'BREW' } }], 'steps[0].config.method'],
    ['a bad expression', [transform('a', 'input.(')], 'steps[0].config.expression'],
    ['a bad retry policy', [{ ...transform('a', '1'), retry: { backoffCoefficient: 0.5 } }], 'steps[0].retry.backoffCoefficient'],
  ])('rejects %s with BAD_USER_INPUT and writes nothing', async (_name, steps, message) => {
    const tenant = newTenant();
    const client = await createClient(graph, { tenant });
    const response = await client.request(OrchestrationCreateWorkflowDocument, { input: { name: 'bad', steps: steps as StepInput[] } });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain(message);
    expect(await countTenantRows(graph, 'orchestration.workflows', tenant)).toBe(0);
  });
});

describe('startWorkflowRun', () => {
  it('runs a transform chain to COMPLETED, with the sink outputs as the run output', async () => {
    const client = await createClient(graph, { tenant: newTenant() });
    const workflowId = await createWorkflow(client, [
      transform('double', 'input.n * 2'),
      { ...transform('skipped', '"never"', ['double']), when: 'steps.double > 100' },
      transform('sum', '{ "total": steps.double + 1, "skipped": steps.skipped }', ['double', 'skipped']),
    ]);
    const runId = await startRun(client, { workflowId, input: { n: 20 } });
    const run = await waitForRun(client, runId);
    expect(run.status).toBe('COMPLETED');
    expect(run.output).toEqual({ sum: { total: 41, skipped: null } });
    expect(run.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['double', 'COMPLETED'],
      ['skipped', 'SKIPPED'],
      ['sum', 'COMPLETED'],
    ]);
    expect(run.events.map((e) => e.type)).toEqual([
      'RUN_STARTED',
      'STEP_STARTED',
      'STEP_COMPLETED',
      'STEP_SKIPPED',
      'STEP_STARTED',
      'STEP_COMPLETED',
      'RUN_COMPLETED',
    ]);
    expect(run.events.every((e) => e.run.id === runId && e.run.status === 'COMPLETED' && e.workflowId === workflowId)).toBe(true);
    expect(run.events.find((e) => e.type === 'STEP_SKIPPED')?.stepId).toBe('skipped');
    const after = run.events[2]?.cursor;
    const later = await client.requestOk(OrchestrationRunDocument, { id: runId, after });
    expect(later.workflowRun?.events.map((e) => e.type)).toEqual(['STEP_SKIPPED', 'STEP_STARTED', 'STEP_COMPLETED', 'RUN_COMPLETED']);
  });

  it('is idempotent per key within 24 hours', async () => {
    const client = await createClient(graph, { tenant: newTenant() });
    const workflowId = await createWorkflow(client, [transform('a', '1')]);
    const first = await startRun(client, { workflowId, idempotencyKey: 'order-42' });
    const again = await startRun(client, { workflowId, idempotencyKey: 'order-42' });
    const other = await startRun(client, { workflowId, idempotencyKey: 'order-43' });
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    const runs = await client.requestOk(OrchestrationRunsDocument, { filter: { workflowId } });
    expect(runs.workflowRuns.edges).toHaveLength(2);
  });

  it('answers NOT_FOUND for an unknown workflow and BAD_USER_INPUT for a non-UUID session or oversized input', async () => {
    const tenant = newTenant();
    const client = await createClient(graph, { tenant });
    const unknown = await client.request(OrchestrationStartRunDocument, { input: { workflowId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const workflowId = await createWorkflow(client, [transform('a', '1')]);
    const badSession = await client.request(OrchestrationStartRunDocument, { input: { workflowId, sessionId: 'not-a-uuid' } });
    expect(badSession.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const big = await client.request(OrchestrationStartRunDocument, { input: { workflowId, input: { blob: 'x'.repeat(262_145) } } });
    expect(big.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const runs = await client.requestOk(OrchestrationRunsDocument, {});
    expect(runs.workflowRuns.edges).toEqual([]);
    for (const table of ['orchestration.workflow_runs', 'orchestration.step_runs', 'orchestration.workflow_events']) {
      expect(await countTenantRows(graph, table, tenant), table).toBe(0);
    }
  });
});

describe('tenancy, scopes and listing', () => {
  it('never shows one tenant the workflows, runs or agents of another', async () => {
    const alice = await createClient(graph, { tenant: newTenant() });
    const bob = await createClient(graph, { tenant: newTenant() });
    const workflowId = await createWorkflow(alice, [transform('a', '1')]);
    const runId = await startRun(alice, { workflowId });
    const { registerAgent } = await alice.requestOk(OrchestrationRegisterAgentDocument, { input: { name: 'helper', model: 'echo-1' } });
    expect((await bob.requestOk(OrchestrationWorkflowDocument, { id: workflowId })).workflow).toBeNull();
    expect((await bob.requestOk(OrchestrationRunDocument, { id: runId })).workflowRun).toBeNull();
    expect((await bob.requestOk(OrchestrationAgentDocument, { id: registerAgent.id })).agent).toBeNull();
    expect((await bob.requestOk(OrchestrationRunsDocument, {})).workflowRuns.edges).toEqual([]);
    const start = await bob.request(OrchestrationStartRunDocument, { input: { workflowId } });
    expect(start.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect((await alice.requestOk(OrchestrationAgentDocument, { id: registerAgent.id })).agent).toMatchObject({ name: 'helper', model: 'echo-1' });
  });

  it('requires workflows:write to create and workflows:read to read', async () => {
    const tenant = newTenant();
    const reader = await createClient(graph, { tenant, scopes: ['workflows:read'] });
    const denied = await reader.request(OrchestrationCreateWorkflowDocument, { input: { name: 'x', steps: [transform('a', '1')] } });
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const writer = await createClient(graph, { tenant, scopes: ['workflows:write'] });
    const noRead = await writer.request(OrchestrationRunsDocument, {});
    expect(noRead.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('pages runs newest first by keyset and filters by workflow and status', async () => {
    const client = await createClient(graph, { tenant: newTenant() });
    const workflowId = await createWorkflow(client, [transform('a', '1')]);
    const otherId = await createWorkflow(client, [transform('a', '2')]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await startRun(client, { workflowId }));
    await startRun(client, { workflowId: otherId });
    const seen: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const page = (await client.requestOk(OrchestrationRunsDocument, { filter: { workflowId }, first: 2, after })).workflowRuns;
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
    for (const id of ids) await waitForRun(client, id);
    const completed = await client.requestOk(OrchestrationRunsDocument, { filter: { status: 'COMPLETED' }, first: 100 });
    expect(completed.workflowRuns.edges).toHaveLength(6);
    const wf = await client.requestOk(OrchestrationWorkflowDocument, { id: workflowId, first: 3 });
    expect(wf.workflow?.runs.map((r) => r.id)).toEqual([...ids].reverse().slice(0, 3));
  });
});

describe('workflowEvents', () => {
  /** An event as both `workflowEvents` and `WorkflowRun.events` show it, without the run's current status. */
  type ListedEvent = OrchestrationWorkflowEventsQuery['workflowEvents'][number];
  const view = (e: RunView['events'][number] | ListedEvent) => ({
    cursor: e.cursor,
    type: e.type,
    runId: e.runId,
    workflowId: e.workflowId,
    stepId: e.stepId,
    at: e.at,
    payload: e.payload,
  });
  const listEvents = async (client: GraphClient, variables: OrchestrationWorkflowEventsQueryVariables): Promise<ListedEvent[]> =>
    (await client.requestOk(OrchestrationWorkflowEventsDocument, variables)).workflowEvents;
  /** The runs' `WorkflowRun.events`, merged in cursor order. */
  const mergedEvents = (runs: readonly RunView[]) => runs.flatMap((r) => r.events.map(view)).sort((a, b) => (BigInt(a.cursor) < BigInt(b.cursor) ? -1 : 1));
  const expectIncreasingCursors = (events: readonly { cursor: string }[]) =>
    events.slice(1).forEach((e, i) => expect(BigInt(e.cursor) > BigInt((events[i] as { cursor: string }).cursor)).toBe(true));

  /** A tenant with two finished runs of workflow `a` (two steps) and one of workflow `b`. */
  async function tenantWithTwoWorkflows() {
    const client = await createClient(graph, { tenant: newTenant() });
    const a = await createWorkflow(client, [transform('one', '1'), transform('two', 'steps.one + 1', ['one'])]);
    const b = await createWorkflow(client, [transform('only', '3')]);
    const runIds = [await startRun(client, { workflowId: a }), await startRun(client, { workflowId: b }), await startRun(client, { workflowId: a })];
    const runs = await Promise.all(runIds.map((id) => waitForRun(client, id)));
    return { client, a, b, runsOfA: runs.filter((r) => r.workflowId === a), runsOfB: runs.filter((r) => r.workflowId === b) };
  }

  it('returns the events of one workflow in strictly increasing cursor order: its runs’ WorkflowRun.events, merged', async () => {
    const { client, a, b, runsOfA, runsOfB } = await tenantWithTwoWorkflows();
    const ofA = await listEvents(client, { workflowId: a });
    expectIncreasingCursors(ofA);
    expect(ofA.map(view)).toEqual(mergedEvents(runsOfA));
    expect(ofA.every((e) => e.workflowId === a && runsOfA.some((r) => r.id === e.run.id))).toBe(true);
    expect((await listEvents(client, { workflowId: b })).map(view)).toEqual(mergedEvents(runsOfB));
    // Without a workflow: every event of the tenant.
    const all = await listEvents(client, {});
    expectIncreasingCursors(all);
    expect(all.map(view)).toEqual(mergedEvents([...runsOfA, ...runsOfB]));
  });

  it('pages with after + first with no gap and no duplicate', async () => {
    const { client, a, runsOfA } = await tenantWithTwoWorkflows();
    const expected = mergedEvents(runsOfA);
    const seen: ListedEvent[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listEvents(client, { workflowId: a, after, first: 5 });
      expect(page.length).toBeLessThanOrEqual(5);
      seen.push(...page);
      if (page.length < 5) break;
      after = page.at(-1)?.cursor;
    }
    expect(seen.map(view)).toEqual(expected);
    const middle = expected[4]?.cursor;
    expect((await listEvents(client, { workflowId: a, after: middle })).map(view)).toEqual(expected.slice(5));
    expect(await listEvents(client, { workflowId: a, after: expected.at(-1)?.cursor })).toEqual([]);
  });

  it('shows a run’s events as soon as the mutation returns, without waiting for the relay', async () => {
    const client = await createClient(graph, { tenant: newTenant() });
    const workflowId = await createWorkflow(client, [transform('a', '1')]);
    const runId = await startRun(client, { workflowId });
    const [first] = await listEvents(client, { workflowId });
    expect(first).toMatchObject({ type: 'RUN_STARTED', runId, workflowId });
  });

  it('never shows another tenant’s events', async () => {
    const { a } = await tenantWithTwoWorkflows();
    const other = await createClient(graph, { tenant: newTenant() });
    expect(await listEvents(other, { workflowId: a })).toEqual([]);
    expect(await listEvents(other, {})).toEqual([]);
  });

  it.each([
    ['first 0', { first: 0 }, '"first"'],
    ['first 1001', { first: 1001 }, '"first"'],
    ['a non-decimal after', { after: 'abc' }, '"after"'],
    ['a negative after', { after: '-1' }, '"after"'],
  ])('answers BAD_USER_INPUT for %s', async (_name, variables: OrchestrationWorkflowEventsQueryVariables, message) => {
    const client = await createClient(graph, { tenant: newTenant() });
    const response = await client.request(OrchestrationWorkflowEventsDocument, variables);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain(message);
  });

  it('accepts first 1000 and a non-UUID workflow id (which names none)', async () => {
    const client = await createClient(graph, { tenant: newTenant() });
    expect(await listEvents(client, { first: 1000 })).toEqual([]);
    expect(await listEvents(client, { workflowId: 'not-a-uuid' })).toEqual([]);
  });

  it('requires workflows:read', async () => {
    const tenant = newTenant();
    const writer = await createClient(graph, { tenant, scopes: ['workflows:write'] });
    const denied = await writer.request(OrchestrationWorkflowEventsDocument, {});
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const reader = await createClient(graph, { tenant, scopes: ['workflows:read'] });
    expect(await listEvents(reader, {})).toEqual([]);
  });
});
