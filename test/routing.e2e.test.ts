import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import { fewestStatements } from './kit/statement-counter.ts';

/** Measured requests execute: the response cache would answer a repeat of the warm-up. */
const NO_CACHE = { 'cache-control': 'no-cache' };
import {
  GetRoutingDecisionDocument,
  ListModelsDocument,
  ListSessionsRoutingDocument,
  RecordRoutingOutcomeDocument,
  RouteRequestDocument,
  RoutingDecisionSessionDocument,
  SessionRoutingSummaryDocument,
  StartSessionDocument,
  UpsertModelDocument,
  type ModelProfileInput,
  type RouteInput,
} from './generated/graphql.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['session', 'routing'] });
});
afterAll(async () => {
  await graph.close();
});

const allScopes = ['routing:read', 'routing:write', 'sessions:read', 'sessions:write'];
const client = (tenant = newTenant(), scopes = allScopes): Promise<GraphClient> => createClient(graph, { tenant, scopes });
type Errors = readonly { extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['code'];
const fieldOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['field'];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function modelInput(name: string, overrides: Partial<ModelProfileInput> = {}): ModelProfileInput {
  return {
    name,
    provider: 'openai',
    endpoint: 'https://api.example.com/v1',
    inputCostPer1kTokensUsd: 1,
    outputCostPer1kTokensUsd: 1,
    latencyMs: 1000,
    quality: 0.8,
    contextWindowTokens: 8000,
    ...overrides,
  };
}

/** Three models that each win under a different weighting: cheap (cost), fast (latency), smart (quality). */
const TRIO = [
  modelInput('cheap', { inputCostPer1kTokensUsd: 0.1, outputCostPer1kTokensUsd: 0.1, latencyMs: 2000, quality: 0.5 }),
  modelInput('fast', { inputCostPer1kTokensUsd: 1, outputCostPer1kTokensUsd: 1, latencyMs: 500, quality: 0.7 }),
  modelInput('smart', { inputCostPer1kTokensUsd: 3, outputCostPer1kTokensUsd: 3, latencyMs: 1500, quality: 0.95 }),
];

async function withModels(models = TRIO, c?: GraphClient): Promise<GraphClient> {
  const owner = c ?? (await client());
  for (const input of models) await owner.requestOk(UpsertModelDocument, { input });
  return owner;
}

async function route(c: GraphClient, input: RouteInput) {
  return (await c.requestOk(RouteRequestDocument, { input })).route;
}

describe('upsertModel and models', () => {
  it('creates a model, updates it by name, and lists models by name', async () => {
    const c = await client();
    const { upsertModel: created } = await c.requestOk(UpsertModelDocument, { input: modelInput('zeta') });
    expect(created).toMatchObject({ name: 'zeta', provider: 'openai', enabled: true, successRate: 1, outcomeCount: 0, latencyMs: 1000 });
    const { upsertModel: updated } = await c.requestOk(UpsertModelDocument, {
      input: modelInput('zeta', { quality: 0.9, latencyMs: 700, enabled: false }),
    });
    expect(updated).toMatchObject({ id: created.id, quality: 0.9, latencyMs: 700, enabled: false, createdAt: created.createdAt });
    await c.requestOk(UpsertModelDocument, { input: modelInput('alpha', { provider: 'echo', endpoint: null }) });
    const { models } = await c.requestOk(ListModelsDocument, {});
    expect(models.map((m) => [m.name, m.endpoint])).toEqual([
      ['alpha', null],
      ['zeta', 'https://api.example.com/v1'],
    ]);
  });

  it.each([
    ['quality above 1', { quality: 1.5 }, 'input.quality'],
    ['a negative input cost', { inputCostPer1kTokensUsd: -0.1 }, 'input.inputCostPer1kTokensUsd'],
    ['a negative output cost', { outputCostPer1kTokensUsd: -1 }, 'input.outputCostPer1kTokensUsd'],
    ['a zero latency', { latencyMs: 0 }, 'input.latencyMs'],
    ['a zero context window', { contextWindowTokens: 0 }, 'input.contextWindowTokens'],
    ['a provider name with spaces', { provider: 'Open AI' }, 'input.provider'],
    ['a non-http endpoint', { endpoint: 'ftp://models.example.com' }, 'input.endpoint'],
    ['no endpoint for a network provider', { endpoint: null }, 'input.endpoint'],
    ['an empty name', { name: '' }, 'input.name'],
    ['a name with whitespace', { name: 'my model' }, 'input.name'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, overrides, field) => {
    const c = await client();
    const { errors } = await c.request(UpsertModelDocument, { input: modelInput('m', overrides) });
    expect([codeOf(errors), fieldOf(errors)]).toEqual(['BAD_USER_INPUT', field]);
    expect((await c.requestOk(ListModelsDocument, {})).models).toEqual([]);
  });
});

describe('route', () => {
  it('chooses by the documented rule with equal default weights and records every candidate', async () => {
    const c = await withModels();
    const decision = await route(c, { estimatedInputTokens: 1000, estimatedOutputTokens: 1000 });
    // Costs 0.2 / 2 / 6 USD and latencies 2000 / 500 / 1500 ms, min–max normalised; quality as is (successRate 1).
    const expected = {
      cheap: { costScore: 1, latencyScore: 0, qualityScore: 0.5, estimatedCostUsd: 0.2 },
      fast: { costScore: 4 / 5.8, latencyScore: 1, qualityScore: 0.7, estimatedCostUsd: 2 },
      smart: { costScore: 0, latencyScore: 500 / 1500, qualityScore: 0.95, estimatedCostUsd: 6 },
    };
    expect(decision.weights.cost).toBeCloseTo(1 / 3);
    expect(decision.weights.latency + decision.weights.cost + decision.weights.quality).toBeCloseTo(1);
    expect(decision.candidates.map((c) => c.model.name)).toEqual(['fast', 'cheap', 'smart']);
    for (const candidate of decision.candidates) {
      const want = expected[candidate.model.name as keyof typeof expected];
      expect(candidate.costScore).toBeCloseTo(want.costScore);
      expect(candidate.latencyScore).toBeCloseTo(want.latencyScore);
      expect(candidate.qualityScore).toBeCloseTo(want.qualityScore);
      expect(candidate.estimatedCostUsd).toBeCloseTo(want.estimatedCostUsd);
      expect(candidate.score).toBeCloseTo((want.costScore + want.latencyScore + want.qualityScore) / 3);
      expect(candidate.excludedReason).toBeNull();
    }
    expect(decision.model.name).toBe('fast');
    expect(decision.score).toBeCloseTo(decision.candidates[0]?.score ?? -1);
    expect(decision.estimatedCostUsd).toBeCloseTo(2);
    expect(decision.reason).toMatch(/^Chose "fast" with score 0\.797/);
    expect(decision.outcome).toBeNull();
    expect((await c.requestOk(GetRoutingDecisionDocument, { id: decision.id })).routingDecision).toEqual(decision);
  });

  it('follows the weights, and estimates input tokens from the prompt (4 characters each) and output as 256', async () => {
    const c = await withModels();
    const byCost = await route(c, { prompt: 'x'.repeat(4001), weights: { cost: 2, latency: 0, quality: 0 } });
    expect(byCost.model.name).toBe('cheap');
    expect(byCost.weights).toEqual({ cost: 1, latency: 0, quality: 0 });
    expect(byCost.estimatedCostUsd).toBeCloseTo((1001 / 1000) * 0.1 + (256 / 1000) * 0.1);
    expect((await route(c, { weights: { cost: 0, latency: 1, quality: 0 } })).model.name).toBe('fast');
    expect((await route(c, { weights: { cost: 0, latency: 0, quality: 1 } })).model.name).toBe('smart');
  });

  it('excludes models by constraint with a reason and no score', async () => {
    const c = await withModels([...TRIO, modelInput('tiny', { contextWindowTokens: 1500, inputCostPer1kTokensUsd: 0 })]);
    const decision = await route(c, { estimatedInputTokens: 1000, estimatedOutputTokens: 1000, maxCostUsd: 2.5, maxLatencyMs: 1800, minQuality: 0.6 });
    const reasons = Object.fromEntries(decision.candidates.map((x) => [x.model.name, x.excludedReason]));
    expect(reasons).toEqual({
      fast: null,
      cheap: expect.stringMatching(/^too slow/),
      smart: expect.stringMatching(/^over budget/),
      tiny: expect.stringMatching(/^context window too small/),
    });
    expect(decision.candidates.filter((x) => x.excludedReason !== null).map((x) => x.score)).toEqual([null, null, null]);
    expect(decision.model.name).toBe('fast');
    expect(decision.reason).toMatch(/excluded/);
    const filtered = await route(c, { models: ['smart', 'unknown'] });
    expect(filtered.model.name).toBe('smart');
    expect(filtered.candidates.filter((x) => x.excludedReason === 'not in the requested models')).toHaveLength(3);
  });

  it('never considers a disabled model', async () => {
    const c = await withModels([modelInput('off', { enabled: false, quality: 1 }), modelInput('on', { quality: 0.1 })]);
    const decision = await route(c, {});
    expect(decision.candidates.map((x) => x.model.name)).toEqual(['on']);
  });

  it('answers BAD_USER_INPUT with every exclusion reason when no model is left, and records nothing', async () => {
    const c = await withModels();
    const sessionId = (await c.requestOk(StartSessionDocument, { input: {} })).startSession.id;
    const { errors } = await c.request(RouteRequestDocument, { input: { minQuality: 0.99, sessionId } });
    expect(codeOf(errors)).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.extensions?.['excluded']).toEqual([
      { model: 'cheap', reason: expect.stringMatching(/quality too low/) },
      { model: 'fast', reason: expect.stringMatching(/quality too low/) },
      { model: 'smart', reason: expect.stringMatching(/quality too low/) },
    ]);
    expect((await c.requestOk(SessionRoutingSummaryDocument, { id: sessionId })).session).toEqual({ id: sessionId, costUsd: 0, routingDecisions: [] });
    const none = await (await client()).request(RouteRequestDocument, { input: {} });
    expect(codeOf(none.errors)).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['all-zero weights', { weights: { cost: 0, latency: 0, quality: 0 } }, 'input.weights'],
    ['a negative weight', { weights: { cost: -1, latency: 1, quality: 1 } }, 'input.weights.cost'],
    ['a negative budget', { maxCostUsd: -1 }, 'input.maxCostUsd'],
    ['a zero latency bound', { maxLatencyMs: 0 }, 'input.maxLatencyMs'],
    ['a minimum quality above 1', { minQuality: 1.5 }, 'input.minQuality'],
    ['negative input tokens', { estimatedInputTokens: -1 }, 'input.estimatedInputTokens'],
    ['an empty model filter', { models: [] }, 'input.models'],
    ['a session id that is not a UUID', { sessionId: 'nope' }, 'input.sessionId'],
  ])('refuses %s with BAD_USER_INPUT', async (_case, input, field) => {
    const c = await withModels();
    const { errors } = await c.request(RouteRequestDocument, { input });
    expect([codeOf(errors), fieldOf(errors)]).toEqual(['BAD_USER_INPUT', field]);
  });

  it('returns null for an unknown decision id and for an id that is not a UUID', async () => {
    const c = await client();
    expect((await c.requestOk(GetRoutingDecisionDocument, { id: UNKNOWN_ID })).routingDecision).toBeNull();
    expect((await c.requestOk(GetRoutingDecisionDocument, { id: 'nope' })).routingDecision).toBeNull();
  });
});

describe('recordRoutingOutcome', () => {
  it('records the cost from tokens and prices, and moves latency and success rate by one EWMA step, once', async () => {
    const c = await withModels([modelInput('only', { inputCostPer1kTokensUsd: 1, outputCostPer1kTokensUsd: 4, latencyMs: 500 })]);
    const decision = await route(c, {});
    const { recordRoutingOutcome } = await c.requestOk(RecordRoutingOutcomeDocument, {
      decisionId: decision.id,
      outcome: { success: false, latencyMs: 1500, inputTokens: 2000, outputTokens: 500, error: 'rate limited' },
    });
    expect(recordRoutingOutcome.outcome).toMatchObject({ success: false, latencyMs: 1500, inputTokens: 2000, outputTokens: 500, error: 'rate limited' });
    expect(recordRoutingOutcome.outcome?.costUsd).toBeCloseTo(2 * 1 + 0.5 * 4);
    const [model] = (await c.requestOk(ListModelsDocument, {})).models;
    expect(model?.latencyMs).toBeCloseTo(0.2 * 1500 + 0.8 * 500);
    expect(model?.successRate).toBeCloseTo(0.8);
    expect(model?.outcomeCount).toBe(1);
    expect((await c.requestOk(GetRoutingDecisionDocument, { id: decision.id })).routingDecision?.outcome).toEqual(recordRoutingOutcome.outcome);

    const again = await c.request(RecordRoutingOutcomeDocument, { decisionId: decision.id, outcome: { success: true } });
    expect(codeOf(again.errors)).toBe('CONFLICT');
    expect((await c.requestOk(ListModelsDocument, {})).models[0]?.outcomeCount).toBe(1);
  });

  it('keeps the latency when the outcome has none and counts absent tokens as 0', async () => {
    const c = await withModels([modelInput('only', { latencyMs: 500 })]);
    const decision = await route(c, {});
    const { recordRoutingOutcome } = await c.requestOk(RecordRoutingOutcomeDocument, { decisionId: decision.id, outcome: { success: true } });
    expect(recordRoutingOutcome.outcome?.costUsd).toBe(0);
    expect((await c.requestOk(ListModelsDocument, {})).models[0]).toMatchObject({ latencyMs: 500, successRate: 1, outcomeCount: 1 });
  });

  it('answers NOT_FOUND for unknown decisions and BAD_USER_INPUT for a bad outcome, writing nothing', async () => {
    const c = await withModels([modelInput('only')]);
    expect(codeOf((await c.request(RecordRoutingOutcomeDocument, { decisionId: UNKNOWN_ID, outcome: { success: true } })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await c.request(RecordRoutingOutcomeDocument, { decisionId: 'nope', outcome: { success: true } })).errors)).toBe('NOT_FOUND');
    const decision = await route(c, {});
    for (const [outcome, field] of [
      [{ success: true, inputTokens: -1 }, 'outcome.inputTokens'],
      [{ success: true, latencyMs: -5 }, 'outcome.latencyMs'],
      [{ success: false, error: 'e'.repeat(2001) }, 'outcome.error'],
    ] as const) {
      const { errors } = await c.request(RecordRoutingOutcomeDocument, { decisionId: decision.id, outcome });
      expect([codeOf(errors), fieldOf(errors)]).toEqual(['BAD_USER_INPUT', field]);
    }
    expect((await c.requestOk(GetRoutingDecisionDocument, { id: decision.id })).routingDecision?.outcome).toBeNull();
    expect((await c.requestOk(ListModelsDocument, {})).models[0]?.outcomeCount).toBe(0);
  });
});

describe('Session extension', () => {
  it('lists a session’s decisions newest first and sums their recorded costs', async () => {
    const c = await withModels([modelInput('only', { inputCostPer1kTokensUsd: 1, outputCostPer1kTokensUsd: 1 })]);
    const sessionId = (await c.requestOk(StartSessionDocument, { input: { title: 'priced' } })).startSession.id;
    const first = await route(c, { sessionId });
    const second = await route(c, { sessionId });
    const unrelated = await route(c, {});
    expect(first.sessionId).toBe(sessionId);
    await c.requestOk(RecordRoutingOutcomeDocument, { decisionId: first.id, outcome: { success: true, inputTokens: 1000, outputTokens: 500 } });
    await c.requestOk(RecordRoutingOutcomeDocument, { decisionId: second.id, outcome: { success: true, inputTokens: 250 } });
    await c.requestOk(RecordRoutingOutcomeDocument, { decisionId: unrelated.id, outcome: { success: true, inputTokens: 9000 } });
    const { session } = await c.requestOk(SessionRoutingSummaryDocument, { id: sessionId });
    expect(session?.costUsd).toBeCloseTo(1.5 + 0.25);
    expect(session?.routingDecisions.map((d) => d.id)).toEqual([second.id, first.id]);
    const linked = (await c.requestOk(RoutingDecisionSessionDocument, { id: first.id })).routingDecision;
    expect(linked?.session).toMatchObject({ id: sessionId, title: 'priced' });
    expect(linked?.session?.costUsd).toBeCloseTo(1.75);
    expect((await c.requestOk(RoutingDecisionSessionDocument, { id: unrelated.id })).routingDecision?.session).toBeNull();
  });

  it('loads decisions, models and costs of a page of sessions with the same number of statements for 2 and for 6', async () => {
    const measure = async (n: number): Promise<number> => {
      const c = await withModels([modelInput('a'), modelInput('b', { quality: 0.9 })]);
      for (let i = 0; i < n; i += 1) {
        const sessionId = (await c.requestOk(StartSessionDocument, { input: {} })).startSession.id;
        // Pinned to `b` by the filter: once outcomes are recorded the router samples (Thompson), and `a` could win a draw.
        const decision = await route(c, { sessionId, models: ['b'] });
        await c.requestOk(RecordRoutingOutcomeDocument, { decisionId: decision.id, outcome: { success: true, inputTokens: 1000 } });
      }
      await c.requestOk(ListSessionsRoutingDocument, { first: n }); // warm-up: connections and prepared plans
      return fewestStatements(async () => {
        const { sessions } = await c.requestOk(ListSessionsRoutingDocument, { first: n }, NO_CACHE);
        expect(sessions.edges).toHaveLength(n);
        for (const { node } of sessions.edges) {
          expect(node.costUsd).toBeCloseTo(1);
          expect(node.routingDecisions.map((d) => [d.model.name, d.candidates.map((x) => x.model.name)])).toEqual([['b', ['b', 'a']]]);
        }
      });
    };
    const forTwo = await measure(2);
    const forSix = await measure(6);
    expect(forTwo).toBeGreaterThan(0);
    expect(forSix).toBe(forTwo);
  });
});

describe('tenant isolation', () => {
  it('keeps another tenant from seeing or using a tenant’s models and decisions', async () => {
    const owner = await withModels([modelInput('shared-name')]);
    const decision = await route(owner, {});
    const other = await client();
    expect((await other.requestOk(ListModelsDocument, {})).models).toEqual([]);
    expect((await other.requestOk(GetRoutingDecisionDocument, { id: decision.id })).routingDecision).toBeNull();
    expect(codeOf((await other.request(RecordRoutingOutcomeDocument, { decisionId: decision.id, outcome: { success: true } })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await other.request(RouteRequestDocument, { input: {} })).errors)).toBe('BAD_USER_INPUT');
    const { upsertModel } = await other.requestOk(UpsertModelDocument, { input: modelInput('shared-name', { quality: 0.1 }) });
    const [ownModel] = (await owner.requestOk(ListModelsDocument, {})).models;
    expect(upsertModel.id).not.toBe(ownModel?.id);
    expect(ownModel?.quality).toBe(0.8);
    expect((await owner.requestOk(GetRoutingDecisionDocument, { id: decision.id })).routingDecision?.outcome).toBeNull();
  });
});

describe('scopes', () => {
  it('needs routing:write to write and routing:read to read', async () => {
    const tenant = newTenant();
    const owner = await withModels([modelInput('only')], await client(tenant));
    const decision = await route(owner, {});
    const reader = await client(tenant, ['routing:read']);
    for (const denied of [
      await reader.request(UpsertModelDocument, { input: modelInput('x') }),
      await reader.request(RouteRequestDocument, { input: {} }),
      await reader.request(RecordRoutingOutcomeDocument, { decisionId: decision.id, outcome: { success: true } }),
    ]) {
      expect([codeOf(denied.errors), denied.errors?.[0]?.extensions?.['scope']]).toEqual(['FORBIDDEN', 'routing:write']);
    }
    const sessionsOnly = await client(tenant, ['sessions:read', 'sessions:write']);
    for (const denied of [await sessionsOnly.request(ListModelsDocument, {}), await sessionsOnly.request(GetRoutingDecisionDocument, { id: decision.id })]) {
      expect([codeOf(denied.errors), denied.errors?.[0]?.extensions?.['scope']]).toEqual(['FORBIDDEN', 'routing:read']);
    }
    expect((await reader.requestOk(ListModelsDocument, {})).models.map((m) => m.outcomeCount)).toEqual([0]);
    expect((await reader.requestOk(GetRoutingDecisionDocument, { id: decision.id })).routingDecision?.outcome).toBeNull();
  });
});
