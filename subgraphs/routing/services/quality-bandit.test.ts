import { describe, expect, it } from 'vitest';
import { createSeededRandom, sampleStandardNormal } from './beta-sampler.ts';
import { chooseByThompsonSampling, PRIOR_STRENGTH, qualityPosterior, taskTypeKey, UNTYPED_TASK, type QualityEvidence } from './quality-bandit.ts';
import { normaliseWeights, type RoutingRequest, type ScoredModel } from './routing-score.ts';

function model(name: string, overrides: Partial<ScoredModel> = {}): ScoredModel {
  return {
    id: name,
    name,
    inputCostPer1kTokensUsd: 1,
    outputCostPer1kTokensUsd: 1,
    latencyMs: 1000,
    quality: 0.8,
    contextWindowTokens: 100_000,
    ...overrides,
  };
}

const qualityOnly: RoutingRequest = { inputTokens: 1000, outputTokens: 1000, weights: normaliseWeights({ cost: 0, latency: 0, quality: 1 }) };

describe('qualityPosterior', () => {
  it('is the prior Beta(q·n₀, (1 − q)·n₀) with the configured quality as mean before any outcome', () => {
    expect(PRIOR_STRENGTH).toBe(2);
    const prior = qualityPosterior(0.8, undefined);
    expect(prior.alpha).toBeCloseTo(1.6);
    expect(prior.beta).toBeCloseTo(0.4);
    expect(prior).toMatchObject({ mean: 0.8, evidenceCount: 0 });
  });

  it('adds Σquality to α and Σ(1 − quality) to β (fractional Bernoulli update)', () => {
    const posterior = qualityPosterior(0.5, { qualitySum: 7.5, outcomeCount: 10 });
    expect(posterior).toMatchObject({ alpha: 8.5, beta: 3.5, evidenceCount: 10 });
    expect(posterior.mean).toBeCloseTo(8.5 / 12);
  });

  it('lets the evidence take over from the configured quality as it grows', () => {
    const after = (n: number): number => qualityPosterior(0.9, { qualitySum: 0.3 * n, outcomeCount: n }).mean;
    expect(after(2)).toBeCloseTo(0.6);
    expect(after(100)).toBeLessThan(0.32);
  });
});

describe('taskTypeKey', () => {
  it("learns requests without a task type under ''", () => {
    expect(UNTYPED_TASK).toBe('');
    expect(taskTypeKey(undefined)).toBe('');
    expect(taskTypeKey(null)).toBe('');
    expect(taskTypeKey('summarise')).toBe('summarise');
  });
});

describe('chooseByThompsonSampling', () => {
  it('draws nothing at cold start: the quality term is the configured quality and nothing is explored', () => {
    const random = (): number => {
      throw new Error('no draw expected at cold start');
    };
    const choice = chooseByThompsonSampling([model('a', { quality: 0.7 }), model('b', { quality: 0.9 })], qualityOnly, new Map(), { random });
    expect(choice).toMatchObject({ sampled: false, explored: false });
    expect(choice.result.chosen).toMatchObject({ modelName: 'b', qualityScore: 0.9, qualityEstimate: 0.9, evidenceCount: 0 });
    expect(choice.expected?.modelName).toBe('b');
  });

  it('draws every candidate once there is evidence, reporting the posterior mean and the evidence count', () => {
    const evidence = new Map<string, QualityEvidence>([['a', { qualitySum: 9, outcomeCount: 10 }]]);
    const choice = chooseByThompsonSampling([model('a', { quality: 0.5 }), model('b')], qualityOnly, evidence, { random: createSeededRandom(1) });
    expect(choice.sampled).toBe(true);
    const a = choice.result.candidates.find((c) => c.modelName === 'a');
    expect(a?.qualityEstimate).toBeCloseTo(10 / 12);
    expect(a?.evidenceCount).toBe(10);
    const b = choice.result.candidates.find((c) => c.modelName === 'b');
    expect(b).toMatchObject({ qualityEstimate: 0.8, evidenceCount: 0 });
    expect(b?.qualityScore).not.toBe(0.8);
  });

  it('marks a decision explored exactly when its model is not the one the posterior means choose', () => {
    // Close posteriors: both models win some draws.
    const evidence = new Map<string, QualityEvidence>([
      ['a', { qualitySum: 6, outcomeCount: 10 }],
      ['b', { qualitySum: 5.5, outcomeCount: 10 }],
    ]);
    const random = createSeededRandom(5);
    const choices = Array.from({ length: 300 }, () => chooseByThompsonSampling([model('a'), model('b')], qualityOnly, evidence, { random }));
    for (const c of choices) {
      expect(c.expected?.modelName).toBe('a');
      expect(c.explored).toBe(c.result.chosen?.modelName !== 'a');
    }
    const explored = choices.filter((c) => c.explored).length;
    expect(explored).toBeGreaterThan(30);
    expect(explored).toBeLessThan(150);
  });

  it('chooses a model about as often as it is the best under the posterior, and exploits overwhelming evidence', () => {
    const random = createSeededRandom(9);
    const strong = new Map<string, QualityEvidence>([
      ['a', { qualitySum: 95, outcomeCount: 100 }],
      ['b', { qualitySum: 20, outcomeCount: 100 }],
    ]);
    const picks = Array.from(
      { length: 500 },
      () => chooseByThompsonSampling([model('a'), model('b')], qualityOnly, strong, { random }).result.chosen?.modelName,
    );
    expect(picks.every((p) => p === 'a')).toBe(true);
  });

  it('learns the cheapest good-enough model per task from noisy outcomes, starting cold', () => {
    // cheap is as good as dear on "easy" and much worse on "hard"; a fifth of the weight on cost.
    const truth: Record<string, Record<string, number>> = { easy: { cheap: 0.9, dear: 0.92 }, hard: { cheap: 0.3, dear: 0.9 } };
    const models = [
      model('cheap', { inputCostPer1kTokensUsd: 0.1, outputCostPer1kTokensUsd: 0.1, quality: 0.6 }),
      model('dear', { inputCostPer1kTokensUsd: 5, outputCostPer1kTokensUsd: 5, quality: 0.9 }),
    ];
    const request: RoutingRequest = { ...qualityOnly, weights: normaliseWeights({ cost: 1, latency: 0, quality: 4 }) };
    const random = createSeededRandom(11);
    const noise = createSeededRandom(12);
    const evidence = new Map(Object.keys(truth).map((task) => [task, new Map<string, QualityEvidence>()]));
    const late: Record<string, string[]> = { easy: [], hard: [] };
    for (let round = 0; round < 300; round++) {
      for (const task of Object.keys(truth)) {
        const seen = evidence.get(task) ?? new Map<string, QualityEvidence>();
        const chosen = chooseByThompsonSampling(models, request, seen, { random }).result.chosen?.modelName ?? '';
        const quality = Math.min(1, Math.max(0, (truth[task]?.[chosen] ?? 0) + 0.1 * sampleStandardNormal(noise)));
        const before = seen.get(chosen) ?? { qualitySum: 0, outcomeCount: 0 };
        seen.set(chosen, { qualitySum: before.qualitySum + quality, outcomeCount: before.outcomeCount + 1 });
        if (round >= 200) late[task]?.push(chosen);
      }
    }
    expect(late['easy']?.filter((m) => m === 'cheap').length).toBeGreaterThan(90);
    expect(late['hard']?.filter((m) => m === 'dear').length).toBeGreaterThan(95);
  });
});
