import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './beta-sampler.ts';
import { pickByStrategy, type StrategyCandidate, type StrategyContext } from './group-strategy.ts';

function deployment(name: string, overrides: Partial<StrategyCandidate> = {}): StrategyCandidate {
  return { modelId: `id-${name}`, modelName: name, estimatedCostUsd: 1, latencyMs: 1000, requestsPerMinute: null, ...overrides };
}

const idle: StrategyContext = { inFlight: new Map(), random: () => 0 };

describe('pickByStrategy', () => {
  it('LOWEST_COST takes the cheapest estimated call, then the lower latency, then the name', () => {
    const pick = pickByStrategy('LOWEST_COST', [deployment('a', { estimatedCostUsd: 2 }), deployment('b', { estimatedCostUsd: 0.5 })], idle);
    expect(pick).toEqual({ modelId: 'id-b', why: 'the lowest estimated cost ($0.5)' });
    const tie = [deployment('z', { latencyMs: 900 }), deployment('y', { latencyMs: 1200 }), deployment('x', { latencyMs: 900 })];
    expect(pickByStrategy('LOWEST_COST', tie, idle).modelId).toBe('id-x');
  });

  it('LOWEST_LATENCY takes the lowest expected latency, then the lower cost', () => {
    const pick = pickByStrategy(
      'LOWEST_LATENCY',
      [deployment('a', { latencyMs: 300, estimatedCostUsd: 3 }), deployment('b', { latencyMs: 300, estimatedCostUsd: 2 }), deployment('c', { latencyMs: 900 })],
      idle,
    );
    expect(pick).toEqual({ modelId: 'id-b', why: 'the lowest expected latency (300 ms)' });
  });

  it('LEAST_BUSY takes the fewest calls in flight, drawing among equally idle deployments', () => {
    const candidates = [deployment('a'), deployment('b'), deployment('c')];
    const inFlight = new Map([
      ['id-a', 3],
      ['id-c', 1],
    ]);
    expect(pickByStrategy('LEAST_BUSY', candidates, { inFlight, random: () => 0.99 })).toEqual({ modelId: 'id-b', why: 'the fewest calls in flight (0)' });
    expect(pickByStrategy('LEAST_BUSY', candidates, { inFlight: new Map(), random: () => 0 }).modelId).toBe('id-a');
    expect(pickByStrategy('LEAST_BUSY', candidates, { inFlight: new Map(), random: () => 0.99 }).modelId).toBe('id-c');
  });

  it('SHUFFLE draws in proportion to requests per minute when every deployment has one', () => {
    const candidates = [deployment('a', { requestsPerMinute: 100 }), deployment('b', { requestsPerMinute: 300 })];
    const context: StrategyContext = { inFlight: new Map(), random: createSeededRandom(4) };
    const picks = Array.from({ length: 4000 }, () => pickByStrategy('SHUFFLE', candidates, context));
    const shareOfB = picks.filter((p) => p.modelId === 'id-b').length / picks.length;
    expect(shareOfB).toBeGreaterThan(0.72);
    expect(shareOfB).toBeLessThan(0.78);
    expect(picks[0]?.why).toMatch(/^drawn at random weighted by requests per minute \((100|300) of 400\)$/);
  });

  it('SHUFFLE draws uniformly when a deployment has no requests per minute', () => {
    const candidates = [deployment('a', { requestsPerMinute: 1000 }), deployment('b')];
    const context: StrategyContext = { inFlight: new Map(), random: createSeededRandom(8) };
    const picks = Array.from({ length: 4000 }, () => pickByStrategy('SHUFFLE', candidates, context));
    const shareOfA = picks.filter((p) => p.modelId === 'id-a').length / picks.length;
    expect(shareOfA).toBeGreaterThan(0.46);
    expect(shareOfA).toBeLessThan(0.54);
    expect(picks[0]?.why).toBe('drawn uniformly at random');
  });

  it('refuses an empty candidate list', () => {
    expect(() => pickByStrategy('LOWEST_COST', [], idle)).toThrow(RangeError);
  });
});
