import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEIGHTS,
  estimateCostUsd,
  normaliseWeights,
  scoreCandidates,
  type QualityTerm,
  type RoutingRequest,
  type ScoredModel,
} from './routing-score.ts';

function model(name: string, overrides: Partial<ScoredModel> = {}): ScoredModel {
  return {
    id: `id-${name}`,
    name,
    inputCostPer1kTokensUsd: 1,
    outputCostPer1kTokensUsd: 1,
    latencyMs: 1000,
    quality: 0.5,
    contextWindowTokens: 100_000,
    ...overrides,
  };
}

function request(overrides: Partial<RoutingRequest> = {}): RoutingRequest {
  return { inputTokens: 1000, outputTokens: 1000, weights: DEFAULT_WEIGHTS, ...overrides };
}

describe('estimateCostUsd', () => {
  it('charges tokens / 1000 times the per-1k price of each direction', () => {
    expect(estimateCostUsd({ inputCostPer1kTokensUsd: 0.5, outputCostPer1kTokensUsd: 2 }, 2000, 500)).toBeCloseTo(2);
  });
});

describe('normaliseWeights', () => {
  it('defaults to a third each', () => {
    expect(normaliseWeights(undefined)).toEqual({ cost: 1 / 3, latency: 1 / 3, quality: 1 / 3 });
  });
  it('scales weights to sum to 1', () => {
    expect(normaliseWeights({ cost: 2, latency: 0, quality: 2 })).toEqual({ cost: 0.5, latency: 0, quality: 0.5 });
  });
  it('rejects negative or all-zero weights', () => {
    expect(() => normaliseWeights({ cost: -1, latency: 1, quality: 1 })).toThrow(RangeError);
    expect(() => normaliseWeights({ cost: 0, latency: 0, quality: 0 })).toThrow(RangeError);
  });
});

describe('scoreCandidates', () => {
  it('gives the cheapest and the fastest a score of 1 and the dearest and slowest 0 (min–max)', () => {
    const cheap = model('cheap', { inputCostPer1kTokensUsd: 0.1, outputCostPer1kTokensUsd: 0.1, latencyMs: 3000 });
    const mid = model('mid', { inputCostPer1kTokensUsd: 0.55, outputCostPer1kTokensUsd: 0.55, latencyMs: 2000 });
    const fast = model('fast', { inputCostPer1kTokensUsd: 1, outputCostPer1kTokensUsd: 1, latencyMs: 1000 });
    const { candidates } = scoreCandidates([cheap, mid, fast], request());
    const byName = new Map(candidates.map((c) => [c.modelName, c]));
    expect(byName.get('cheap')).toMatchObject({ costScore: 1, latencyScore: 0 });
    expect(byName.get('fast')).toMatchObject({ costScore: 0, latencyScore: 1 });
    expect(byName.get('mid')?.costScore).toBeCloseTo(0.5);
    expect(byName.get('mid')?.latencyScore).toBeCloseTo(0.5);
  });

  it('scores 1 on cost and latency when all candidates are equal there', () => {
    const { candidates } = scoreCandidates([model('a'), model('b')], request());
    for (const c of candidates) expect(c).toMatchObject({ costScore: 1, latencyScore: 1 });
  });

  it('computes score = w_c·cost + w_l·latency + w_q·quality, the configured quality without a quality term', () => {
    const a = model('a', { inputCostPer1kTokensUsd: 0, outputCostPer1kTokensUsd: 0, latencyMs: 2000, quality: 0.4 });
    const b = model('b', { latencyMs: 1000, quality: 0.9 });
    const weights = normaliseWeights({ cost: 1, latency: 2, quality: 1 });
    const { candidates } = scoreCandidates([a, b], request({ weights }));
    const scoreA = candidates.find((c) => c.modelName === 'a');
    expect(scoreA).toMatchObject({ qualityScore: 0.4, qualityEstimate: 0.4, evidenceCount: 0 });
    expect(scoreA?.score).toBeCloseTo(0.25 * 1 + 0.5 * 0 + 0.25 * 0.4);
    const scoreB = candidates.find((c) => c.modelName === 'b');
    expect(scoreB?.score).toBeCloseTo(0.25 * 0 + 0.5 * 1 + 0.25 * 0.9);
  });

  it('uses the given quality term in the score and checks minQuality against its estimate', () => {
    const terms: Record<string, QualityTerm> = {
      a: { score: 0.9, estimate: 0.7, evidenceCount: 12 },
      b: { score: 0.6, estimate: 0.8, evidenceCount: 3 },
      c: { score: 1, estimate: 0.2, evidenceCount: 40 },
    };
    const quality = (m: ScoredModel): QualityTerm => terms[m.name] ?? { score: 0, estimate: 0, evidenceCount: 0 };
    const weights = normaliseWeights({ cost: 0, latency: 0, quality: 1 });
    const result = scoreCandidates([model('a'), model('b'), model('c', { quality: 0.99 })], request({ weights, minQuality: 0.5 }), { quality });
    expect(result.chosen).toMatchObject({ modelName: 'a', score: 0.9, qualityScore: 0.9, qualityEstimate: 0.7, evidenceCount: 12 });
    // c's configured quality passes, but what outcomes taught (0.2) does not; an excluded model shows its estimate.
    expect(result.candidates.find((x) => x.modelName === 'c')).toMatchObject({
      excludedReason: 'quality too low (0.2 < 0.5)',
      qualityScore: 0.2,
      evidenceCount: 40,
    });
  });

  it('matches the models filter by model or group name, and excludes unavailable models with their reason', () => {
    const models = [model('gpt@azure', { group: 'gpt' }), model('gpt@openai', { group: 'gpt' }), model('other')];
    const result = scoreCandidates(models, request({ modelNames: ['gpt'] }), { unavailable: new Map([['id-gpt@azure', 'cooling down']]) });
    const reasons = Object.fromEntries(result.candidates.map((c) => [c.modelName, c.excludedReason]));
    expect(reasons).toEqual({ 'gpt@azure': 'cooling down', 'gpt@openai': null, other: 'not in the requested models' });
    expect(result.chosen?.modelName).toBe('gpt@openai');
  });

  it('chooses the highest score and lists candidates best first', () => {
    const best = model('best', { quality: 1 });
    const worse = model('worse', { quality: 0.2 });
    const result = scoreCandidates([worse, best], request());
    expect(result.chosen?.modelName).toBe('best');
    expect(result.candidates.map((c) => c.modelName)).toEqual(['best', 'worse']);
  });

  it('breaks a tie by lower estimated cost, then by name', () => {
    // Quality-only weights make cost irrelevant to the score, so both tie on score.
    const weights = normaliseWeights({ cost: 0, latency: 0, quality: 1 });
    const dear = model('a-dear', { inputCostPer1kTokensUsd: 2 });
    const cheap = model('z-cheap', { inputCostPer1kTokensUsd: 1 });
    expect(scoreCandidates([dear, cheap], request({ weights })).chosen?.modelName).toBe('z-cheap');
    expect(scoreCandidates([model('b'), model('a')], request({ weights })).chosen?.modelName).toBe('a');
  });

  it('excludes by name filter, context window, budget, latency and quality, with a reason and no score', () => {
    const models = [
      model('unlisted'),
      model('small', { contextWindowTokens: 1500 }),
      model('dear', { inputCostPer1kTokensUsd: 10 }),
      model('slow', { latencyMs: 9000 }),
      model('weak', { quality: 0.1 }),
      model('ok'),
    ];
    const result = scoreCandidates(
      models,
      request({
        modelNames: ['small', 'dear', 'slow', 'weak', 'ok'],
        maxCostUsd: 5,
        maxLatencyMs: 5000,
        minQuality: 0.3,
      }),
    );
    const reasons = Object.fromEntries(result.candidates.map((c) => [c.modelName, c.excludedReason]));
    expect(reasons['unlisted']).toBe('not in the requested models');
    expect(reasons['small']).toMatch(/context window too small \(1500 < 2000 tokens\)/);
    expect(reasons['dear']).toMatch(/over budget \(estimated \$11 > \$5\)/);
    expect(reasons['slow']).toMatch(/too slow/);
    expect(reasons['weak']).toMatch(/quality too low/);
    expect(reasons['ok']).toBeNull();
    expect(result.chosen?.modelName).toBe('ok');
    expect(result.candidates.filter((c) => c.excludedReason !== null).every((c) => c.score === null)).toBe(true);
  });

  it('normalises only over the remaining candidates', () => {
    const dear = model('dear', { inputCostPer1kTokensUsd: 100 });
    const a = model('a', { inputCostPer1kTokensUsd: 1 });
    const b = model('b', { inputCostPer1kTokensUsd: 3 });
    const { candidates } = scoreCandidates([dear, a, b], request({ maxCostUsd: 10 }));
    expect(candidates.find((c) => c.modelName === 'b')?.costScore).toBe(0);
    expect(candidates.find((c) => c.modelName === 'a')?.costScore).toBe(1);
  });

  it('chooses nothing when every model is excluded', () => {
    const result = scoreCandidates([model('a'), model('b')], request({ minQuality: 0.9 }));
    expect(result.chosen).toBeUndefined();
    expect(result.candidates).toHaveLength(2);
  });
});
