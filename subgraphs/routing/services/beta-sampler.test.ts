import { describe, expect, it } from 'vitest';
import { createSeededRandom, sampleBeta, sampleLogGamma, sampleStandardNormal, type UniformRandom } from './beta-sampler.ts';

const DRAWS = 40_000;

/** Mean and (population) variance of `n` draws. */
function moments(n: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSquares += x * x;
  }
  const mean = sum / n;
  return { mean, variance: sumSquares / n - mean * mean };
}

describe('createSeededRandom', () => {
  it('repeats its sequence for a seed, differs for another, and stays in [0, 1)', () => {
    const take = (random: UniformRandom): number[] => Array.from({ length: 1000 }, () => random());
    const a = take(createSeededRandom(42));
    expect(take(createSeededRandom(42))).toEqual(a);
    expect(take(createSeededRandom(43))).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(moments(DRAWS, createSeededRandom(7)).mean).toBeCloseTo(0.5, 2);
  });
});

describe('sampleStandardNormal', () => {
  it('has mean 0 and variance 1', () => {
    const random = createSeededRandom(1);
    const { mean, variance } = moments(DRAWS, () => sampleStandardNormal(random));
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });
});

describe('sampleLogGamma (Marsaglia & Tsang)', () => {
  it.each([0.3, 1, 2.5, 10])('gives Gamma(%d) draws with mean and variance equal to the shape', (shape) => {
    const random = createSeededRandom(Math.round(shape * 1000));
    const { mean, variance } = moments(DRAWS, () => Math.exp(sampleLogGamma(shape, random)));
    // Within 5 standard errors of the mean (σ/√n), and 10 % of the variance (a heavy-tailed estimate for small shapes).
    expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / DRAWS));
    expect(Math.abs(variance - shape) / shape).toBeLessThan(0.1);
  });

  it('refuses a shape that is not positive', () => {
    const random = createSeededRandom(1);
    expect(() => sampleLogGamma(0, random)).toThrow(RangeError);
    expect(() => sampleLogGamma(Number.NaN, random)).toThrow(RangeError);
  });
});

describe('sampleBeta', () => {
  it.each([
    [1, 1],
    [0.5, 0.5],
    [2, 5],
    [30, 3],
    [1.6, 0.4],
    [0.05, 1.95],
  ])('gives Beta(%d, %d) draws in [0, 1] with its mean and variance', (alpha, beta) => {
    const random = createSeededRandom(Math.round(alpha * 100 + beta));
    const draws: number[] = [];
    const { mean, variance } = moments(DRAWS, () => {
      const x = sampleBeta(alpha, beta, random);
      draws.push(x);
      return x;
    });
    const n = alpha + beta;
    const wantMean = alpha / n;
    const wantVariance = (alpha * beta) / (n * n * (n + 1));
    expect(draws.every((x) => x >= 0 && x <= 1)).toBe(true);
    expect(Math.abs(mean - wantMean)).toBeLessThan(5 * Math.sqrt(wantVariance / DRAWS));
    expect(Math.abs(variance - wantVariance) / wantVariance).toBeLessThan(0.1);
  });

  it('stays finite for shapes far below 1, where U^(1/a) underflows', () => {
    const random = createSeededRandom(3);
    for (let i = 0; i < 1000; i++) {
      const x = sampleBeta(0.002, 0.003, random);
      expect(Number.isFinite(x) && x >= 0 && x <= 1).toBe(true);
    }
  });

  it('is the point mass at 0 or 1 when a parameter is 0, and refuses bad parameters', () => {
    const random = createSeededRandom(1);
    expect(sampleBeta(0, 2, random)).toBe(0);
    expect(sampleBeta(2, 0, random)).toBe(1);
    expect(() => sampleBeta(0, 0, random)).toThrow(RangeError);
    expect(() => sampleBeta(-1, 1, random)).toThrow(RangeError);
    expect(() => sampleBeta(1, Number.POSITIVE_INFINITY, random)).toThrow(RangeError);
  });
});
