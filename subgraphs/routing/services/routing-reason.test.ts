import { describe, expect, it } from 'vitest';
import { describeChoice, describeGroupChoice } from './routing-reason.ts';
import { DEFAULT_WEIGHTS, scoreCandidates, type QualityTerm, type ScoredModel } from './routing-score.ts';

const models: ScoredModel[] = [
  { id: 'a', name: 'small', inputCostPer1kTokensUsd: 0.1, outputCostPer1kTokensUsd: 0.1, latencyMs: 500, quality: 0.6, contextWindowTokens: 10_000 },
  { id: 'b', name: 'big', inputCostPer1kTokensUsd: 10, outputCostPer1kTokensUsd: 10, latencyMs: 900, quality: 0.9, contextWindowTokens: 10_000 },
];
const request = { inputTokens: 1000, outputTokens: 1000, weights: DEFAULT_WEIGHTS };

describe('describeChoice', () => {
  it('breaks the score down and says the quality was the prior at cold start', () => {
    const result = scoreCandidates(models, request, {});
    expect(describeChoice(result, DEFAULT_WEIGHTS, { taskType: null, sampled: false, explored: false, expected: result.chosen })).toBe(
      'Chose "small" with score 0.867 = 0.333·cost 1.000 + 0.333·latency 1.000 + 0.333·quality 0.600; no task type: nothing learnt yet, ' +
        'quality is the configured prior 0.600 (not sampled); 2 of 2 models eligible.',
    );
  });

  it('names the estimate, the evidence, the draw and what exploring passed over', () => {
    const term: QualityTerm = { score: 0.71, estimate: 0.65, evidenceCount: 14 };
    const result = scoreCandidates(models, { ...request, maxCostUsd: 1 }, { quality: () => term });
    const expected = { ...result.candidates[0]!, modelName: 'other', qualityEstimate: 0.8, evidenceCount: 3 };
    const reason = describeChoice(result, DEFAULT_WEIGHTS, { taskType: 'classify', sampled: true, explored: true, expected });
    expect(reason).toContain('task type "classify": quality estimate 0.650 from 14 outcomes, sampled 0.710');
    expect(reason).toContain('explored (the best expected score is "other", estimate 0.800 from 3 outcomes)');
    expect(reason).toContain('excluded "big": over budget');
    expect(describeChoice(result, DEFAULT_WEIGHTS, { taskType: 'classify', sampled: true, explored: false, expected: result.chosen })).toContain(
      'exploited (also the best expected score)',
    );
  });
});

describe('describeGroupChoice', () => {
  it('names the group, its strategy and why', () => {
    const result = scoreCandidates(models, request);
    const reason = describeGroupChoice(result, result.candidates[1]!, {
      group: 'gpt',
      strategy: 'LOWEST_LATENCY',
      why: 'the lowest expected latency (900 ms)',
    });
    expect(reason).toBe('Chose "big" by group "gpt"\'s strategy LOWEST_LATENCY: the lowest expected latency (900 ms); 2 of 2 models eligible.');
  });
});
