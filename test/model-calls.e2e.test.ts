import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_AUDIENCE, INTERNAL_ISSUER, signToken } from '../platform/auth/tokens.ts';
import { createSubgraphDataSource } from '../platform/database/data-source.ts';
import { ModelCallSchema, type ModelCall } from '../subgraphs/routing/entities/model-call.ts';
import { ModelCallLog } from '../subgraphs/routing/services/model-call-log.ts';
import { observeCooldown } from '../subgraphs/routing/services/model-call-metrics.ts';
import { createClient, newTenant, postGraphQL, type GraphClient } from './kit/client.ts';
import { createSession } from './kit/fixtures.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflow, startRun } from './kit/runs.ts';
import { fewestStatements } from './kit/statement-counter.ts';

/** Measured requests execute: the response cache would answer a repeat of the warm-up. */
const NO_CACHE = { 'cache-control': 'no-cache' };

// Model calls are seeded straight into routing.model_calls through ModelCallLog.record (what the completion service
// calls per attempt), then read through the gateway.

let graph: TestGraph;
let dataSource: DataSource;
let log: ModelCallLog;
beforeAll(async () => {
  // The worker stays off (runs only need to exist) and the relay polls rarely, so statement counts are the query's own.
  graph = await startGraph({
    subgraphs: ['session', 'routing', 'orchestration'],
    env: { WORKER_ENABLED: 'false', WORKER_QUEUE: `unworked-${randomUUID()}`, EVENT_RELAY_INTERVAL_MS: '3600000' },
  });
  dataSource = await createSubgraphDataSource({ url: graph.databaseUrl ?? '', schema: 'routing', entities: [ModelCallSchema], migrations: [], poolSize: 2 });
  log = new ModelCallLog(dataSource);
});
afterAll(async () => {
  await dataSource?.destroy();
  await graph?.close();
});

type Errors = readonly { extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['code'];
const fieldOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['field'];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (offsetMs: number): Date => new Date(T0 + offsetMs);
const HOUR_MS = 3_600_000;

interface Deployment {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly providerModel: string;
}

/** Registers an `echo` deployment (0.5 USD per 1k input tokens, 1 USD per 1k output tokens). */
async function deployment(c: GraphClient, name: string, providerModel = `${name}-upstream`): Promise<Deployment> {
  const data = await c.requestOk<{ upsertModel: Deployment }, unknown>(
    'mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id name provider providerModel } }',
    {
      input: {
        name,
        provider: 'echo',
        providerModel,
        inputCostPer1kTokensUsd: 0.5,
        outputCostPer1kTokensUsd: 1,
        latencyMs: 100,
        quality: 0.8,
        contextWindowTokens: 8000,
      },
    },
  );
  return data.upsertModel;
}

/** A successful call of `model` at T0, with `overrides`. */
function callOf(tenantId: string, model: Deployment, overrides: Partial<ModelCall> = {}): ModelCall {
  return {
    id: randomUUID(),
    tenantId,
    requestId: randomUUID(),
    attempt: 1,
    kind: 'CHAT_COMPLETION',
    modelId: model.id,
    modelName: model.name,
    provider: model.provider,
    providerModel: model.providerModel,
    taskType: null,
    sessionId: null,
    runId: null,
    stepId: null,
    memoryId: null,
    routingDecisionId: null,
    status: 'SUCCEEDED',
    errorClass: null,
    error: null,
    inputTokens: 100,
    outputTokens: 50,
    costUsd: 0.125,
    latencyMs: 800,
    timeToFirstTokenMs: null,
    streamed: false,
    createdAt: at(0),
    ...overrides,
  };
}

async function record(...calls: ModelCall[]): Promise<ModelCall[]> {
  for (const call of calls) await log.record(call);
  return calls;
}

/** A client of a fresh tenant with every scope. */
async function tenantClient(): Promise<{ tenant: string; c: GraphClient }> {
  const tenant = newTenant();
  return { tenant, c: await createClient(graph, { tenant }) };
}

const LIST = `query ($filter: ModelCallFilter, $first: Int, $after: String) {
  modelCalls(filter: $filter, first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
}`;
interface Listed {
  modelCalls: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const listIds = async (c: GraphClient, filter: Record<string, unknown>, first = 100): Promise<string[]> =>
  (await c.requestOk<Listed, unknown>(LIST, { filter, first })).modelCalls.edges.map((e) => e.node.id);

/** The tenant's call ids in the documented order, straight from Postgres. */
async function idsInOrder(tenantId: string): Promise<string[]> {
  const rows: { id: string }[] = await dataSource.query(`SELECT id FROM routing.model_calls WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC`, [
    tenantId,
  ]);
  return rows.map((r) => r.id);
}

const SPEND = `query ($groupBy: SpendGrouping!, $filter: ModelCallFilter) {
  spend(groupBy: $groupBy, filter: $filter) { key calls failedCalls inputTokens outputTokens costUsd }
}`;
type SpendRow = { key: string; calls: number; failedCalls: number; inputTokens: number; outputTokens: number; costUsd: number };

describe('modelCalls', () => {
  it('pages newest first without gaps or duplicates, with equal and sub-millisecond times in one stable order', async () => {
    const { tenant, c } = await tenantClient();
    const model = await deployment(c, 'pager');
    // 23 calls: 6 at one instant, 5 at another, the rest a second apart.
    const calls = await record(...Array.from({ length: 23 }, (_, i) => callOf(tenant, model, { createdAt: at(i < 6 ? 0 : i < 11 ? 5000 : i * 1000) })));
    // Three more that differ below a millisecond (JavaScript's Date cannot hold their order); the first page of two
    // ends between them.
    const fine = await record(...[0, 1, 2].map(() => callOf(tenant, model, { createdAt: at(60_000) })));
    for (const [i, call] of fine.entries()) {
      await dataSource.query(`UPDATE routing.model_calls SET created_at = created_at + make_interval(secs => $2) WHERE id = $1`, [call.id, (i + 1) * 0.0002]);
    }
    const expected = await idsInOrder(tenant);
    expect(expected).toHaveLength(calls.length + fine.length);

    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 1; ; pages++) {
      const { modelCalls }: Listed = await c.requestOk<Listed, unknown>(LIST, { first: 2, after });
      seen.push(...modelCalls.edges.map((e) => e.node.id));
      expect(modelCalls.pageInfo.endCursor).toBe(modelCalls.edges.at(-1)?.cursor ?? null);
      if (!modelCalls.pageInfo.hasNextPage) {
        expect(pages).toBe(Math.ceil(expected.length / 2));
        break;
      }
      after = modelCalls.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(seen.slice(0, 3)).toEqual([fine[2]?.id, fine[1]?.id, fine[0]?.id]);
    // The default page size is 20.
    expect((await c.requestOk<Listed, unknown>(LIST, {})).modelCalls.edges).toHaveLength(20);
  });

  it('filters by session, run, step, deployment, task type, status and time (from inclusive, to exclusive)', async () => {
    const { tenant, c } = await tenantClient();
    const [alpha, beta] = [await deployment(c, 'alpha'), await deployment(c, 'beta')];
    const sessionId = await createSession(c);
    const runId = randomUUID();
    const [a, b, d, e] = await record(
      callOf(tenant, alpha, { sessionId, taskType: 'summarise', createdAt: at(0) }),
      callOf(tenant, beta, { runId, stepId: 'draft', taskType: 'summarise', createdAt: at(HOUR_MS) }),
      callOf(tenant, beta, { runId, stepId: 'review', status: 'FAILED', errorClass: 'RATE_LIMITED', error: '429', createdAt: at(2 * HOUR_MS) }),
      callOf(tenant, alpha, { sessionId, status: 'FAILED', errorClass: 'TIMEOUT', createdAt: at(3 * HOUR_MS) }),
    ).then((list) => list.map((call) => call.id));
    const cases: [Record<string, unknown>, (string | undefined)[]][] = [
      [{}, [e, d, b, a]],
      [{ sessionId }, [e, a]],
      [{ sessionId: sessionId.toUpperCase() }, [e, a]],
      [{ runId }, [d, b]],
      [{ runId, stepId: 'review' }, [d]],
      [{ model: 'beta' }, [d, b]],
      [{ taskType: 'summarise' }, [b, a]],
      [{ status: 'FAILED' }, [e, d]],
      [{ status: 'SUCCEEDED', model: 'alpha' }, [a]],
      [{ from: at(HOUR_MS).toISOString() }, [e, d, b]],
      [{ to: at(HOUR_MS).toISOString() }, [a]],
      [{ from: at(HOUR_MS).toISOString(), to: at(3 * HOUR_MS).toISOString() }, [d, b]],
      [{ model: 'gamma' }, []],
      // Ids that are not UUIDs name no call (as workflowRuns' filter does).
      [{ sessionId: 'not-a-uuid' }, []],
      [{ runId: 'not-a-uuid' }, []],
    ];
    for (const [filter, ids] of cases) expect(await listIds(c, filter), JSON.stringify(filter)).toEqual(ids);
  });

  it.each([
    ['first 0', { first: 0 }, 'first'],
    ['first 101', { first: 101 }, 'first'],
    ['a cursor that is not base64 of ours', { after: 'not-a-cursor' }, 'after'],
    ['a cursor with a non-UUID id', { after: Buffer.from('2026-03-01T10:00:00.000Z|x').toString('base64url') }, 'after'],
    ['a cursor with a bad time', { after: Buffer.from(`yesterday|${UNKNOWN_ID}`).toString('base64url') }, 'after'],
  ])('refuses %s with BAD_USER_INPUT', async (_case, variables, field) => {
    const { c } = await tenantClient();
    const { errors } = await c.request(LIST, variables);
    expect([codeOf(errors), fieldOf(errors)]).toEqual(['BAD_USER_INPUT', field]);
  });

  it('accepts first 1 and 100, and a cursor past the end gives an empty page', async () => {
    const { tenant, c } = await tenantClient();
    const model = await deployment(c, 'edges');
    await record(callOf(tenant, model, { createdAt: at(0) }), callOf(tenant, model, { createdAt: at(1) }));
    const one = await c.requestOk<Listed, unknown>(LIST, { first: 1 });
    expect(one.modelCalls.edges).toHaveLength(1);
    expect(one.modelCalls.pageInfo.hasNextPage).toBe(true);
    const rest = await c.requestOk<Listed, unknown>(LIST, { first: 100, after: one.modelCalls.pageInfo.endCursor });
    expect(rest.modelCalls.edges).toHaveLength(1);
    expect(rest.modelCalls.pageInfo).toEqual({ hasNextPage: false, endCursor: rest.modelCalls.edges[0]?.cursor });
    const past = await c.requestOk<Listed, unknown>(LIST, { after: rest.modelCalls.pageInfo.endCursor });
    expect(past.modelCalls).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('ModelCall', () => {
  it('shows the deployment, the model name sent to the provider, the decision and how the attempt ended', async () => {
    const { tenant, c } = await tenantClient();
    const model = await deployment(c, 'gpt-4o-mini@azure', 'gpt-4o-mini');
    const decision = await c.requestOk<{ route: { id: string } }, unknown>('mutation ($input: RouteInput!) { route(input: $input) { id } }', { input: {} });
    const [call] = await record(
      callOf(tenant, model, {
        attempt: 2,
        taskType: 'classify',
        stepId: 'label',
        routingDecisionId: decision.route.id,
        status: 'FAILED',
        errorClass: 'PROVIDER_UNAVAILABLE',
        error: 'HTTP 503',
        inputTokens: 7,
        outputTokens: 0,
        costUsd: 0,
        latencyMs: 12.5,
        timeToFirstTokenMs: 3.25,
        streamed: true,
        createdAt: at(0),
      }),
    );
    const fields = `id requestId attempt kind deployment { id name } provider model taskType sessionId runId stepId memoryId
      routingDecision { id } status errorClass error inputTokens outputTokens costUsd latencyMs timeToFirstTokenMs streamed createdAt`;
    const data = await c.requestOk<{ modelCall: unknown }, unknown>(`query ($id: ID!) { modelCall(id: $id) { ${fields} } }`, { id: call?.id });
    expect(data.modelCall).toEqual({
      id: call?.id,
      requestId: call?.requestId,
      attempt: 2,
      kind: 'CHAT_COMPLETION',
      deployment: { id: model.id, name: 'gpt-4o-mini@azure' },
      provider: 'echo',
      model: 'gpt-4o-mini',
      taskType: 'classify',
      sessionId: null,
      runId: null,
      stepId: 'label',
      memoryId: null,
      routingDecision: { id: decision.route.id },
      status: 'FAILED',
      errorClass: 'PROVIDER_UNAVAILABLE',
      error: 'HTTP 503',
      inputTokens: 7,
      outputTokens: 0,
      costUsd: 0,
      latencyMs: 12.5,
      timeToFirstTokenMs: 3.25,
      streamed: true,
      createdAt: '2026-03-01T10:00:00.000Z',
    });
    for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
      expect((await c.requestOk<{ modelCall: unknown }, unknown>('query ($id: ID!) { modelCall(id: $id) { id } }', { id })).modelCall).toBeNull();
    }
  });
});

describe('spend', () => {
  it('rolls calls up by deployment, UTC day and task type, largest cost first, under the filter', async () => {
    const { tenant, c } = await tenantClient();
    const [alpha, beta] = [await deployment(c, 'alpha'), await deployment(c, 'beta')];
    const day1 = Date.parse('2026-03-01T23:30:00.000Z') - T0;
    const day2 = Date.parse('2026-03-02T00:30:00.000Z') - T0;
    await record(
      callOf(tenant, alpha, { taskType: 'summarise', inputTokens: 100, outputTokens: 10, costUsd: 0.25, createdAt: at(day1) }),
      callOf(tenant, alpha, { taskType: null, inputTokens: 200, outputTokens: 20, costUsd: 0.5, createdAt: at(day2) }),
      callOf(tenant, beta, {
        taskType: 'summarise',
        status: 'FAILED',
        errorClass: 'TIMEOUT',
        inputTokens: 50,
        outputTokens: 0,
        costUsd: 0,
        createdAt: at(day1),
      }),
      callOf(tenant, beta, { taskType: 'classify', inputTokens: 1000, outputTokens: 500, costUsd: 1, createdAt: at(day2) }),
    );
    const spend = async (groupBy: string, filter?: Record<string, unknown>): Promise<SpendRow[]> =>
      (await c.requestOk<{ spend: SpendRow[] }, unknown>(SPEND, { groupBy, filter })).spend;

    expect(await spend('MODEL')).toEqual([
      { key: 'beta', calls: 2, failedCalls: 1, inputTokens: 1050, outputTokens: 500, costUsd: 1 },
      { key: 'alpha', calls: 2, failedCalls: 0, inputTokens: 300, outputTokens: 30, costUsd: 0.75 },
    ]);
    expect(await spend('DAY')).toEqual([
      { key: '2026-03-02', calls: 2, failedCalls: 0, inputTokens: 1200, outputTokens: 520, costUsd: 1.5 },
      { key: '2026-03-01', calls: 2, failedCalls: 1, inputTokens: 150, outputTokens: 10, costUsd: 0.25 },
    ]);
    expect(await spend('TASK_TYPE')).toEqual([
      { key: 'classify', calls: 1, failedCalls: 0, inputTokens: 1000, outputTokens: 500, costUsd: 1 },
      { key: '(none)', calls: 1, failedCalls: 0, inputTokens: 200, outputTokens: 20, costUsd: 0.5 },
      { key: 'summarise', calls: 2, failedCalls: 1, inputTokens: 150, outputTokens: 10, costUsd: 0.25 },
    ]);
    expect(await spend('MODEL', { from: '2026-03-02T00:00:00.000Z' })).toEqual([
      { key: 'beta', calls: 1, failedCalls: 0, inputTokens: 1000, outputTokens: 500, costUsd: 1 },
      { key: 'alpha', calls: 1, failedCalls: 0, inputTokens: 200, outputTokens: 20, costUsd: 0.5 },
    ]);
    expect(await spend('DAY', { status: 'FAILED' })).toEqual([{ key: '2026-03-01', calls: 1, failedCalls: 1, inputTokens: 50, outputTokens: 0, costUsd: 0 }]);
    expect(await spend('MODEL', { sessionId: 'not-a-uuid' })).toEqual([]);
    // What the budgets read: the cost since a time, inclusive.
    expect(await log.spentSinceUsd(tenant, at(day2))).toBe(1.5);
    expect(await log.spentSinceUsd(tenant, at(0))).toBe(1.75);
  });
});

const SESSION_COST = `query ($id: ID!) { session(id: $id) { id costUsd modelCalls { id } } }`;
type SessionCost = { session: { id: string; costUsd: number; modelCalls: { id: string }[] } | null };

describe('Session.costUsd and Session.modelCalls', () => {
  it("sums the session's calls and the outcome costs of its route decisions, without counting a completion's decision twice", async () => {
    const { tenant, c } = await tenantClient();
    const model = await deployment(c, 'priced');
    const sessionId = await createSession(c);
    const other = await createSession(c);
    const empty = await createSession(c);
    const [older, newer] = await record(
      callOf(tenant, model, { sessionId, costUsd: 0.25, createdAt: at(0) }),
      callOf(tenant, model, { sessionId, costUsd: 0.5, createdAt: at(1000) }),
      callOf(tenant, model, { sessionId: other, costUsd: 8, createdAt: at(0) }),
    );
    const routeAndRecord = async (): Promise<string> => {
      const { route } = await c.requestOk<{ route: { id: string } }, unknown>('mutation ($input: RouteInput!) { route(input: $input) { id } }', {
        input: { sessionId, estimatedInputTokens: 1000, estimatedOutputTokens: 500 },
      });
      // 1000 input tokens at 0.5 USD per 1k + 500 output tokens at 1 USD per 1k = 1 USD.
      await c.requestOk('mutation ($id: ID!, $o: RoutingOutcomeInput!) { recordRoutingOutcome(decisionId: $id, outcome: $o) { id } }', {
        id: route.id,
        o: { success: true, inputTokens: 1000, outputTokens: 500 },
      });
      return route.id;
    };
    await routeAndRecord();
    // A decision of a completion request: its cost is already in the request's ModelCalls.
    const completionDecision = await routeAndRecord();
    await dataSource.query(`UPDATE routing.routing_decisions SET request_id = $2 WHERE id = $1`, [completionDecision, randomUUID()]);

    const { session } = await c.requestOk<SessionCost, unknown>(SESSION_COST, { id: sessionId });
    expect(session).toEqual({ id: sessionId, costUsd: 0.25 + 0.5 + 1, modelCalls: [{ id: newer?.id }, { id: older?.id }] });
    expect((await c.requestOk<SessionCost, unknown>(SESSION_COST, { id: empty })).session).toEqual({ id: empty, costUsd: 0, modelCalls: [] });
  });
});

describe('WorkflowRun.costUsd and WorkflowRun.modelCalls', () => {
  it("sums a run's calls and lists them oldest first", async () => {
    const { tenant, c } = await tenantClient();
    const model = await deployment(c, 'stepper');
    const workflowId = await createWorkflow(c, [{ id: 'only', kind: 'transform', config: { expression: '1' } }]);
    const runId = await startRun(c, { workflowId });
    const otherRun = await startRun(c, { workflowId });
    const [first, second] = await record(
      callOf(tenant, model, { runId, stepId: 'draft', costUsd: 0.125, createdAt: at(0) }),
      callOf(tenant, model, { runId, stepId: 'draft', attempt: 2, costUsd: 0.25, createdAt: at(2000) }),
      callOf(tenant, model, { runId: otherRun, costUsd: 4, createdAt: at(1000) }),
    );
    const query = `query ($id: ID!) { workflowRun(id: $id) { id costUsd modelCalls { id stepId attempt } } }`;
    const data = await c.requestOk<{ workflowRun: unknown }, unknown>(query, { id: runId });
    expect(data.workflowRun).toEqual({
      id: runId,
      costUsd: 0.375,
      modelCalls: [
        { id: first?.id, stepId: 'draft', attempt: 1 },
        { id: second?.id, stepId: 'draft', attempt: 2 },
      ],
    });
    expect(await listIds(c, { runId })).toEqual([second?.id, first?.id]);
  });
});

describe('batching', () => {
  it('reads the cost and calls of 3 and of 30 sessions in the same number of statements', async () => {
    const QUERY = `query ($first: Int!) {
      sessions(first: $first) { edges { node { id costUsd modelCalls { id deployment { name } routingDecision { id } } } } }
    }`;
    type Listed = { sessions: { edges: { node: { costUsd: number; modelCalls: { deployment: { name: string } }[] } }[] } };
    const measure = async (n: number): Promise<number> => {
      const { tenant, c } = await tenantClient();
      const models = [await deployment(c, 'one'), await deployment(c, 'two')];
      for (let i = 0; i < n; i++) {
        const sessionId = await createSession(c, `s${i}`);
        await record(callOf(tenant, models[i % 2] as Deployment, { sessionId, costUsd: 0.5 }));
      }
      await c.requestOk(QUERY, { first: n }); // warm-up: connections and prepared plans
      return fewestStatements(async () => {
        const data = await c.requestOk<Listed, unknown>(QUERY, { first: n }, NO_CACHE);
        expect(data.sessions.edges).toHaveLength(n);
        for (const { node } of data.sessions.edges) {
          expect(node.costUsd).toBe(0.5);
          expect(node.modelCalls).toHaveLength(1);
        }
      });
    };
    const forThree = await measure(3);
    const forThirty = await measure(30);
    expect(forThree).toBeGreaterThan(0);
    expect(forThirty).toBe(forThree);
  });
});

/** Posts `query` straight to the routing subgraph as the gateway would, with an internal token for `tenantId`. */
async function askRouting<TData>(tenantId: string, query: string, variables: unknown, scopes = ['routing:read']) {
  const token = await signToken(
    { tenantId, subject: 'gateway', scopes },
    { secret: graph.config.auth.internalTokenSecret, ttlSeconds: 60, audience: INTERNAL_AUDIENCE, issuer: INTERNAL_ISSUER },
  );
  return postGraphQL<TData>(graph.subgraphUrls.routing, { query, variables }, { authorization: `Bearer ${token}` });
}

describe('tenancy and scopes', () => {
  it("never shows another tenant's calls, costs or spend", async () => {
    const { tenant, c } = await tenantClient();
    const model = await deployment(c, 'private');
    const sessionId = await createSession(c);
    const runId = randomUUID();
    const [call] = await record(callOf(tenant, model, { sessionId, runId, costUsd: 2 }));
    const stranger = await createClient(graph, { tenant: newTenant() });
    expect(await listIds(stranger, {})).toEqual([]);
    expect(await listIds(stranger, { sessionId })).toEqual([]);
    expect(
      (await stranger.requestOk<{ modelCall: unknown }, unknown>('query ($id: ID!) { modelCall(id: $id) { id } }', { id: call?.id })).modelCall,
    ).toBeNull();
    expect((await stranger.requestOk<{ spend: unknown[] }, unknown>(SPEND, { groupBy: 'MODEL' })).spend).toEqual([]);
    expect((await stranger.requestOk<SessionCost, unknown>(SESSION_COST, { id: sessionId })).session).toBeNull();

    // The entities as the gateway resolves them in the routing subgraph: the owner's and a stranger's view.
    const entities = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Session { id costUsd modelCalls { id } } ... on WorkflowRun { id costUsd modelCalls { id } } ... on ModelCall { id }
    } }`;
    const representations = [
      { __typename: 'Session', id: sessionId },
      { __typename: 'WorkflowRun', id: runId },
      { __typename: 'ModelCall', id: call?.id },
    ];
    const own = await askRouting<{ _entities: unknown[] }>(tenant, entities, { r: representations });
    expect(own.data?._entities).toEqual([
      { id: sessionId, costUsd: 2, modelCalls: [{ id: call?.id }] },
      { id: runId, costUsd: 2, modelCalls: [{ id: call?.id }] },
      { id: call?.id },
    ]);
    const foreign = await askRouting<{ _entities: unknown[] }>(newTenant(), entities, { r: representations });
    expect(foreign.data?._entities).toEqual([{ id: sessionId, costUsd: 0, modelCalls: [] }, { id: runId, costUsd: 0, modelCalls: [] }, null]);
  });

  it('needs routing:read for calls, spend and the costs of sessions and runs', async () => {
    const tenant = newTenant();
    const owner = await createClient(graph, { tenant });
    const sessionId = await createSession(owner);
    const sessionsOnly = await createClient(graph, { tenant, scopes: ['sessions:read'] });
    for (const [query, variables] of [
      [LIST, {}],
      [SPEND, { groupBy: 'DAY' }],
      ['query ($id: ID!) { modelCall(id: $id) { id } }', { id: UNKNOWN_ID }],
      ['query ($id: ID!) { session(id: $id) { costUsd } }', { id: sessionId }],
      ['query ($id: ID!) { session(id: $id) { modelCalls { id } } }', { id: sessionId }],
    ] as const) {
      const { errors } = await sessionsOnly.request(query, variables);
      expect(codeOf(errors), query).toBe('FORBIDDEN');
    }
    const entity = await askRouting<unknown>(
      tenant,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on WorkflowRun { costUsd } } }',
      { r: [{ __typename: 'WorkflowRun', id: UNKNOWN_ID }] },
      ['workflows:read'],
    );
    expect(codeOf(entity.errors)).toBe('FORBIDDEN');
  });
});

describe('metrics', () => {
  it("counts every recorded call and cooldown under the deployment's name on the routing subgraph's /metrics", async () => {
    const { tenant, c } = await tenantClient();
    const name = `metered-${randomUUID().slice(0, 8)}`;
    const model = await deployment(c, name);
    await record(
      callOf(tenant, model, { inputTokens: 120, outputTokens: 30, costUsd: 0.25, latencyMs: 1500, timeToFirstTokenMs: 200, streamed: true }),
      callOf(tenant, model, { status: 'FAILED', errorClass: 'RATE_LIMITED', inputTokens: 10, outputTokens: 0, costUsd: 0, latencyMs: 50 }),
    );
    observeCooldown(name);
    const response = await fetch(new URL('/metrics', graph.subgraphUrls.routing));
    expect(response.status).toBe(200);
    const body = await response.text();
    const sample = (metric: string): string | undefined =>
      body.split('\n').find((line) => line.startsWith(metric) && line.includes(`deployment="${name}"`) && !line.startsWith('#'));
    const value = (metric: string, ...labels: string[]): number => {
      const line = body.split('\n').find((l) => l.startsWith(`${metric}{`) && [`deployment="${name}"`, ...labels].every((label) => l.includes(label)));
      return Number(line?.split(' ').at(-1));
    };
    expect(value('orchestra_model_calls_total', 'provider="echo"', 'status="SUCCEEDED"', 'error_class="none"')).toBe(1);
    expect(value('orchestra_model_calls_total', 'status="FAILED"', 'error_class="RATE_LIMITED"')).toBe(1);
    expect(value('orchestra_model_call_tokens_total', 'direction="input"')).toBe(130);
    expect(value('orchestra_model_call_tokens_total', 'direction="output"')).toBe(30);
    expect(value('orchestra_model_call_cost_usd_total')).toBe(0.25);
    expect(value('orchestra_model_call_latency_seconds_count', 'status="SUCCEEDED"')).toBe(1);
    expect(value('orchestra_model_call_latency_seconds_sum', 'status="SUCCEEDED"')).toBe(1.5);
    expect(value('orchestra_model_call_time_to_first_token_seconds_count')).toBe(1);
    expect(value('orchestra_deployment_cooldowns_total')).toBe(1);
    expect(sample('orchestra_model_call_latency_seconds_bucket')).toBeDefined();
  });
});
