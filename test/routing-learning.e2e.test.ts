import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadUserInputError } from '../platform/errors.ts';
import { createSubgraphDataSource } from '../platform/database/data-source.ts';
import { ModelGroupSchema } from '../subgraphs/routing/entities/model-group.ts';
import { ModelProfileSchema } from '../subgraphs/routing/entities/model-profile.ts';
import { ModelCallSchema } from '../subgraphs/routing/entities/model-call.ts';
import { RouterSettingsSchema } from '../subgraphs/routing/entities/router-settings.ts';
import { RoutingDecisionSchema } from '../subgraphs/routing/entities/routing-decision.ts';
import { TaskQualitySchema } from '../subgraphs/routing/entities/task-quality.ts';
import { CreateRouting1795231904819 } from '../subgraphs/routing/migrations/1795231904819-CreateRouting.ts';
import { ModelCalls1796300000000 } from '../subgraphs/routing/migrations/1796300000000-ModelCalls.ts';
import { createSeededRandom } from '../subgraphs/routing/services/beta-sampler.ts';
import { ModelCallLog } from '../subgraphs/routing/services/model-call-log.ts';
import { ModelService, type ModelProviderLookup } from '../subgraphs/routing/services/model-service.ts';
import { RouterSettingsService } from '../subgraphs/routing/services/router-settings-service.ts';
import { RoutingService, UNAVAILABLE_REASON, type DecideRequest } from '../subgraphs/routing/services/routing-service.ts';
import { createRoutingStateVersions } from '../subgraphs/routing/services/routing-state-version.ts';
import { RoutingStateCache } from '../subgraphs/routing/services/routing-state.ts';
import { DEFAULT_WEIGHTS } from '../subgraphs/routing/services/routing-score.ts';
import { countTenantRows } from './kit/database.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import type { ModelProfileInput, RouteInput, RoutingOutcomeInput } from './generated/graphql.ts';

/**
 * The router's learning per (tenant, task type, model) through the real graph: recorded outcomes move the Beta
 * posterior (quality-bandit.ts) that Thompson sampling draws from, and model groups pick by their strategy.
 *
 * Sampling is random; each assertion on a sampled choice rests on enough evidence that the other choice needs a draw
 * more than 6 standard deviations off (probability below 1e-6 per decision), so the tests are deterministic in
 * practice.
 */

let graph: TestGraph;
/** A DataSource of the graph's database, for calling `RoutingService.decide` (the completion service's entry) directly. */
let dataSource: DataSource;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['session', 'routing'] });
  dataSource = await createSubgraphDataSource({
    url: graph.databaseUrl ?? '',
    schema: 'routing',
    entities: [ModelProfileSchema, RoutingDecisionSchema, ModelGroupSchema, TaskQualitySchema, RouterSettingsSchema, ModelCallSchema],
    migrations: [CreateRouting1795231904819, ModelCalls1796300000000],
    poolSize: 2,
  });
});
afterAll(async () => {
  await dataSource?.destroy();
  await graph?.close();
});

const client = (tenant = newTenant()): Promise<GraphClient> => createClient(graph, { tenant, scopes: ['routing:read', 'routing:write'] });
type Errors = readonly { extensions?: Record<string, unknown> }[] | undefined;
const codeAndField = (errors: Errors): unknown[] => [errors?.[0]?.extensions?.['code'], errors?.[0]?.extensions?.['field']];

interface Candidate {
  model: { name: string };
  score: number | null;
  qualityScore: number;
  qualityEstimate: number;
  evidenceCount: number;
  excludedReason: string | null;
}
interface Decision {
  id: string;
  taskType: string | null;
  explored: boolean;
  reason: string;
  model: { name: string };
  candidates: Candidate[];
  outcome: { success: boolean; quality: number | null } | null;
}

const DECISION =
  'id taskType explored reason model { name } outcome { success quality } candidates { model { name } score qualityScore qualityEstimate evidenceCount excludedReason }';
const ROUTE = `mutation ($input: RouteInput!) { route(input: $input) { ${DECISION} } }`;
const RECORD = `mutation ($id: ID!, $outcome: RoutingOutcomeInput!) { recordRoutingOutcome(decisionId: $id, outcome: $outcome) { ${DECISION} } }`;
const GET = `query ($id: ID!) { routingDecision(id: $id) { ${DECISION} } }`;
const UPSERT_MODEL = 'mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id outcomeCount } }';
const UPSERT_GROUP =
  'mutation ($name: String!, $strategy: ModelGroupStrategy!) { upsertModelGroup(input: { name: $name, strategy: $strategy }) { name strategy } }';
const MODELS = '{ models { name outcomeCount } }';

function echoModel(name: string, overrides: Partial<ModelProfileInput> = {}): ModelProfileInput {
  return {
    name,
    provider: 'echo',
    inputCostPer1kTokensUsd: 1,
    outputCostPer1kTokensUsd: 1,
    latencyMs: 1000,
    quality: 0.8,
    contextWindowTokens: 100_000,
    ...overrides,
  };
}

async function withModels(models: readonly ModelProfileInput[], c?: GraphClient): Promise<GraphClient> {
  const owner = c ?? (await client());
  for (const input of models) await owner.requestOk(UPSERT_MODEL, { input });
  return owner;
}

async function route(c: GraphClient, input: RouteInput): Promise<Decision> {
  return (await c.requestOk<{ route: Decision }, { input: RouteInput }>(ROUTE, { input })).route;
}

async function record(c: GraphClient, id: string, outcome: RoutingOutcomeInput): Promise<Decision> {
  return (await c.requestOk<{ recordRoutingOutcome: Decision }, unknown>(RECORD, { id, outcome })).recordRoutingOutcome;
}

/** Records `count` outcomes of `model` for `taskType` (each on a decision pinned to the model by the filter). */
async function teach(c: GraphClient, taskType: string | undefined, model: string, count: number, outcome: RoutingOutcomeInput): Promise<void> {
  for (let i = 0; i < count; i++) {
    const decision = await route(c, { ...(taskType === undefined ? {} : { taskType }), models: [model] });
    await record(c, decision.id, outcome);
  }
}

const candidate = (decision: Decision, name: string): Candidate | undefined => decision.candidates.find((x) => x.model.name === name);

describe('learning per task type', () => {
  it('picks the cheap model for the task it does well and the good one for the task it does badly', async () => {
    // Same configured quality; cheap costs a twentieth. A quarter of the weight on cost: the good model wins only
    // where its learnt quality is more than 1/3 higher.
    const c = await withModels([
      echoModel('cheap', { inputCostPer1kTokensUsd: 0.1, outputCostPer1kTokensUsd: 0.1 }),
      echoModel('good', { inputCostPer1kTokensUsd: 2, outputCostPer1kTokensUsd: 2 }),
    ]);
    const weights = { cost: 1, latency: 0, quality: 3 };
    const cold = await route(c, { taskType: 'extract', weights });
    expect(cold).toMatchObject({ taskType: 'extract', explored: false, model: { name: 'cheap' } });
    expect(cold.reason).toContain('nothing learnt yet');

    await Promise.all([
      teach(c, 'extract', 'cheap', 40, { success: true, quality: 0.95 }),
      teach(c, 'extract', 'good', 40, { success: true, quality: 0.95 }),
      teach(c, 'prove', 'cheap', 40, { success: true, quality: 0.05 }),
      teach(c, 'prove', 'good', 40, { success: true, quality: 0.95 }),
    ]);

    for (let i = 0; i < 5; i++) {
      const easy = await route(c, { taskType: 'extract', weights });
      expect(easy.model.name).toBe('cheap');
      expect(easy.reason).toMatch(/task type "extract": quality estimate 0\.94\d from 40 outcomes, sampled 0\.\d{3}; (exploited|explored)/);
      const hard = await route(c, { taskType: 'prove', weights });
      expect(hard.model.name).toBe('good');
      expect(candidate(hard, 'cheap')?.qualityEstimate).toBeCloseTo((1.6 + 40 * 0.05) / 42);
      expect(candidate(hard, 'good')?.qualityEstimate).toBeCloseTo((1.6 + 40 * 0.95) / 42);
      // The choice is what the posterior means choose too, so it exploited.
      expect([easy.explored, hard.explored]).toEqual([false, false]);
    }
  });

  it('reports the posterior mean and the evidence; success without a score counts 1 and failure 0', async () => {
    const c = await withModels([echoModel('only', { quality: 0.5 })]);
    const first = await route(c, { taskType: 'summarise' });
    expect(candidate(first, 'only')).toMatchObject({ qualityScore: 0.5, qualityEstimate: 0.5, evidenceCount: 0 });
    // Prior Beta(1, 1) (quality 0.5, strength 2): the mean after outcomes r₁…rₙ is (1 + Σr) / (2 + n).
    const steps: [RoutingOutcomeInput, number, number | null][] = [
      [{ success: true }, 2 / 3, null],
      [{ success: false }, 2 / 4, null],
      [{ success: true, quality: 0.25 }, 2.25 / 5, 0.25],
    ];
    let decision = first;
    for (const [index, [outcome, mean, stored]] of steps.entries()) {
      const recorded = await record(c, decision.id, outcome);
      expect(recorded.outcome).toEqual({ success: outcome.success, quality: stored });
      decision = await route(c, { taskType: 'summarise' });
      const only = candidate(decision, 'only');
      expect(only?.evidenceCount).toBe(index + 1);
      expect(only?.qualityEstimate).toBeCloseTo(mean);
      expect(decision.reason).toContain(`from ${index + 1} outcome${index === 0 ? '' : 's'}`);
    }
    // One model: the draw cannot change the choice, so nothing is explored.
    expect(decision.explored).toBe(false);
    // Another task type and no task type learn apart.
    const other = await route(c, { taskType: 'translate' });
    expect(candidate(other, 'only')).toMatchObject({ qualityEstimate: 0.5, evidenceCount: 0 });
    const untyped = await route(c, {});
    expect(untyped.taskType).toBeNull();
    expect(candidate(untyped, 'only')?.evidenceCount).toBe(0);
    await record(c, untyped.id, { success: true });
    expect(candidate(await route(c, {}), 'only')).toMatchObject({ evidenceCount: 1 });
    expect(candidate(await route(c, { taskType: 'translate' }), 'only')?.evidenceCount).toBe(0);
  });

  it('refuses a quality outside [0, 1] with BAD_USER_INPUT and learns nothing', async () => {
    const tenant = newTenant();
    const c = await withModels([echoModel('only')], await client(tenant));
    const decision = await route(c, { taskType: 'classify' });
    for (const quality of [1.5, -0.1]) {
      const { errors } = await c.request(RECORD, { id: decision.id, outcome: { success: true, quality } });
      expect(codeAndField(errors)).toEqual(['BAD_USER_INPUT', 'outcome.quality']);
    }
    expect((await c.requestOk<{ routingDecision: Decision }, unknown>(GET, { id: decision.id })).routingDecision.outcome).toBeNull();
    expect(candidate(await route(c, { taskType: 'classify' }), 'only')?.evidenceCount).toBe(0);
    expect((await c.requestOk<{ models: { outcomeCount: number }[] }, unknown>(MODELS)).models).toEqual([{ name: 'only', outcomeCount: 0 }]);
    expect(await countTenantRows(graph, 'routing.task_quality', tenant)).toBe(0);
  });

  it('refuses a task type that is not 1–64 letters, digits, "_", "-" or "."', async () => {
    const c = await withModels([echoModel('only')]);
    for (const taskType of ['two words', 'x'.repeat(65), '']) {
      const { errors } = await c.request(ROUTE, { input: { taskType } });
      expect(codeAndField(errors)).toEqual(['BAD_USER_INPUT', 'input.taskType']);
    }
  });

  it('keeps what one tenant taught from another tenant with the same model names and task type', async () => {
    const owner = await withModels([echoModel('shared', { quality: 0.5 })]);
    await teach(owner, 'classify', 'shared', 3, { success: true, quality: 1 });
    expect(candidate(await route(owner, { taskType: 'classify' }), 'shared')).toMatchObject({ evidenceCount: 3, qualityEstimate: 0.8 });
    const other = await withModels([echoModel('shared', { quality: 0.5 })]);
    const fresh = await route(other, { taskType: 'classify' });
    expect(candidate(fresh, 'shared')).toMatchObject({ evidenceCount: 0, qualityEstimate: 0.5, qualityScore: 0.5 });
    expect(fresh.reason).toContain('nothing learnt yet');
  });
});

describe('model groups', () => {
  it('lets a group of deployments pick by its strategy, and the score decide across groups', async () => {
    const c = await withModels([
      echoModel('gpt@east', { group: 'gpt', inputCostPer1kTokensUsd: 1, outputCostPer1kTokensUsd: 1, latencyMs: 300 }),
      echoModel('gpt@west', { group: 'gpt', inputCostPer1kTokensUsd: 0.5, outputCostPer1kTokensUsd: 0.5, latencyMs: 900 }),
      echoModel('other', { inputCostPer1kTokensUsd: 0.1, outputCostPer1kTokensUsd: 0.1 }),
    ]);
    const byDefault = await route(c, { models: ['gpt'] });
    expect(byDefault.reason).toMatch(/^Chose "gpt@\w+" with score/);
    expect(candidate(byDefault, 'other')?.excludedReason).toBe('not in the requested models');

    await c.requestOk(UPSERT_GROUP, { name: 'gpt', strategy: 'LOWEST_COST' });
    const cheapest = await route(c, { models: ['gpt'], estimatedInputTokens: 1000, estimatedOutputTokens: 1000 });
    expect(cheapest.model.name).toBe('gpt@west');
    expect(cheapest.reason).toMatch(/^Chose "gpt@west" by group "gpt"'s strategy LOWEST_COST: the lowest estimated cost \(\$1\)/);
    expect(cheapest.explored).toBe(false);

    await c.requestOk(UPSERT_GROUP, { name: 'gpt', strategy: 'LOWEST_LATENCY' });
    const fastest = await route(c, { models: ['gpt'] });
    expect(fastest.model.name).toBe('gpt@east');
    expect(fastest.reason).toContain('strategy LOWEST_LATENCY: the lowest expected latency (300 ms)');
    // A filter naming the group twice over (group and a deployment) is still one group.
    expect((await route(c, { models: ['gpt', 'gpt@west'] })).model.name).toBe('gpt@east');

    // Candidates of two groups: the scoring rule decides, whatever the group's strategy.
    const across = await route(c, { weights: { cost: 1, latency: 0, quality: 0 } });
    expect(across.model.name).toBe('other');
    expect(across.reason).toMatch(/^Chose "other" with score/);
  });
});

describe('decide (the selection the completion service calls)', () => {
  /** The models need no provider lookup to be listed; `upsert` is not called here. */
  const noProviders: ModelProviderLookup = { describe: () => Promise.resolve(undefined), isOperatorProvider: () => false } as unknown as ModelProviderLookup;
  const service = (seed = 1): RoutingService => {
    // The graph writes the models; this service reads them afresh on every decision (no state kept: maxAgeMs 0).
    const versions = createRoutingStateVersions(undefined, '');
    const models = new ModelService(dataSource, noProviders, versions);
    const settings = new RouterSettingsService(dataSource, new ModelCallLog(dataSource), versions);
    const states = new RoutingStateCache(dataSource, versions, models, settings, { maxAgeMs: 0 });
    return new RoutingService(dataSource, states, { random: createSeededRandom(seed) });
  };
  const request = (overrides: Partial<DecideRequest> = {}): DecideRequest => ({ inputTokens: 100, outputTokens: 100, weights: DEFAULT_WEIGHTS, ...overrides });
  const deployments = [
    echoModel('gpt@east', { group: 'gpt', latencyMs: 300, requestsPerMinute: 100 }),
    echoModel('gpt@west', { group: 'gpt', latencyMs: 900, requestsPerMinute: 300 }),
    echoModel('other', { inputCostPer1kTokensUsd: 0.1, outputCostPer1kTokensUsd: 0.1 }),
  ];
  const idOf = async (c: GraphClient, name: string): Promise<string> =>
    (await c.requestOk<{ models: { id: string; name: string }[] }, unknown>('{ models { id name } }')).models.find((m) => m.name === name)?.id ?? '';

  it('expands a group name, excludes unavailable deployments with their reason, and stores the request, task type and session', async () => {
    const tenant = newTenant();
    const c = await withModels(deployments, await client(tenant));
    const [east, west] = await Promise.all([idOf(c, 'gpt@east'), idOf(c, 'gpt@west')]);
    const requestId = randomUUID();
    const decision = await service().decide(tenant, request({ modelNames: ['gpt'], taskType: 'chat', requestId }), { exclude: new Set([east]) });
    expect(decision).toMatchObject({ modelId: west, taskType: 'chat', requestId, explored: false, sessionId: null });
    const reasons = Object.fromEntries(decision.candidates.map((x) => [x.modelName, x.excludedReason]));
    expect(reasons).toEqual({ 'gpt@west': null, 'gpt@east': UNAVAILABLE_REASON, other: 'not in the requested models' });
    expect((await c.requestOk<{ routingDecision: Decision }, unknown>(GET, { id: decision.id })).routingDecision).toMatchObject({
      taskType: 'chat',
      model: { name: 'gpt@west' },
    });

    const both = new Map([
      [east, 'cooling down'],
      [west, 'already failed'],
    ]);
    const refused = await service()
      .decide(tenant, request({ modelNames: ['gpt'] }), { exclude: both })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BadUserInputError);
    expect((refused as BadUserInputError).details?.['excluded']).toEqual([
      { model: 'gpt@east', reason: 'cooling down' },
      { model: 'gpt@west', reason: 'already failed' },
      { model: 'other', reason: 'not in the requested models' },
    ]);
  });

  it('lets a LEAST_BUSY group ask for the calls in flight of its eligible deployments only', async () => {
    const tenant = newTenant();
    const c = await withModels(deployments, await client(tenant));
    const [east, west] = await Promise.all([idOf(c, 'gpt@east'), idOf(c, 'gpt@west')]);
    await c.requestOk(UPSERT_GROUP, { name: 'gpt', strategy: 'LEAST_BUSY' });
    const asked: (readonly string[])[] = [];
    const inFlight = (ids: readonly string[]): Promise<Map<string, number>> => {
      asked.push([...ids].sort());
      return Promise.resolve(
        new Map([
          [east, 4],
          [west, 1],
        ]),
      );
    };
    const decision = await service().decide(tenant, request({ modelNames: ['gpt'] }), { inFlight });
    expect(decision.modelId).toBe(west);
    expect(decision.reason).toContain('strategy LEAST_BUSY: the fewest calls in flight (1)');
    expect(asked).toEqual([[east, west].sort()]);
    // Without the group filter two groups are eligible: the score decides and nobody is asked.
    await service().decide(tenant, request(), { inFlight });
    expect(asked).toHaveLength(1);
  });

  it('lets a SHUFFLE group draw its deployments in proportion to their requests per minute', async () => {
    const tenant = newTenant();
    const c = await withModels(deployments, await client(tenant));
    const west = await idOf(c, 'gpt@west');
    await c.requestOk(UPSERT_GROUP, { name: 'gpt', strategy: 'SHUFFLE' });
    const router = service(7);
    const picks = [];
    for (let i = 0; i < 40; i++) picks.push(await router.decide(tenant, request({ modelNames: ['gpt'] })));
    const westShare = picks.filter((d) => d.modelId === west).length / picks.length;
    // Expected 3/4 (300 of 400 requests per minute); the seeded draw gives a fixed share.
    expect(westShare).toBeGreaterThan(0.5);
    expect(westShare).toBeLessThan(1);
    expect(picks[0]?.reason).toMatch(/strategy SHUFFLE: drawn at random weighted by requests per minute \((100|300) of 400\)/);
  });
});
