import { describe, expect, it } from 'vitest';
import { OUTCOME_EWMA_ALPHA, ewma } from './outcome-average.ts';

describe('ewma', () => {
  it('moves the average a fifth of the way to the observation (α = 0.2)', () => {
    expect(OUTCOME_EWMA_ALPHA).toBe(0.2);
    expect(ewma(1000, 2000)).toBeCloseTo(1200);
    expect(ewma(1, 0)).toBeCloseTo(0.8);
  });
  it('stays put when the observation equals the average', () => {
    expect(ewma(0.5, 0.5)).toBe(0.5);
  });
});
