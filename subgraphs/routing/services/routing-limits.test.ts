import { describe, expect, it } from 'vitest';
import { rejectedField } from '../../../test/kit/rejected-field.ts';
import type { ModelProfileInput } from '../generated/resolvers-types.ts';
import { DEFAULT_OUTPUT_TOKENS, validateModelInput, validateOutcome, validateRouteInput } from './routing-limits.ts';

const model: ModelProfileInput = {
  name: 'gpt-4o-mini',
  provider: 'openai',
  endpoint: 'https://api.openai.com/v1',
  inputCostPer1kTokensUsd: 0,
  outputCostPer1kTokensUsd: 0,
  latencyMs: 1,
  quality: 1,
  contextWindowTokens: 1,
};

describe('validateModelInput', () => {
  it('accepts boundary values and defaults enabled to true', () => {
    expect(validateModelInput(model)).toMatchObject({ enabled: true, endpoint: 'https://api.openai.com/v1' });
  });
  it('stores no endpoint for echo and refuses one given', () => {
    expect(validateModelInput({ ...model, provider: 'echo', endpoint: null }).endpoint).toBeNull();
    expect(rejectedField(() => validateModelInput({ ...model, provider: 'echo' }))).toBe('input.endpoint');
  });
  it('refuses a javascript: URL as endpoint', () => {
    expect(rejectedField(() => validateModelInput({ ...model, endpoint: 'javascript:alert(1)' }))).toBe('input.endpoint');
  });
  it('refuses a quality below 0', () => {
    expect(rejectedField(() => validateModelInput({ ...model, quality: -0.01 }))).toBe('input.quality');
  });
});

describe('validateRouteInput', () => {
  it('estimates input tokens as ⌈prompt length / 4⌉ and output tokens as 256 by default', () => {
    expect(validateRouteInput({ prompt: 'abcde' })).toMatchObject({ inputTokens: 2, outputTokens: DEFAULT_OUTPUT_TOKENS });
    expect(validateRouteInput({})).toMatchObject({ inputTokens: 0 });
  });
  it('prefers the given input tokens over the prompt', () => {
    expect(validateRouteInput({ prompt: 'x'.repeat(400), estimatedInputTokens: 7 }).inputTokens).toBe(7);
  });
  it('normalises the weights', () => {
    expect(validateRouteInput({ weights: { cost: 1, latency: 1, quality: 2 } }).weights).toEqual({ cost: 0.25, latency: 0.25, quality: 0.5 });
  });
  it('accepts task types of 1 to 64 letters, digits, "_", "-" and "." and refuses others', () => {
    expect(validateRouteInput({ taskType: 'code.review_v2-x' }).taskType).toBe('code.review_v2-x');
    expect(validateRouteInput({ taskType: 'x'.repeat(64) }).taskType).toHaveLength(64);
    expect(validateRouteInput({}).taskType).toBeUndefined();
    for (const taskType of ['', 'x'.repeat(65), 'two words', 'a/b', 'é']) {
      expect(rejectedField(() => validateRouteInput({ taskType }))).toBe('input.taskType');
    }
  });
});

describe('validateOutcome', () => {
  it('accepts zero latency and tokens and refuses fractional tokens', () => {
    expect(rejectedField(() => validateOutcome({ success: true, latencyMs: 0, inputTokens: 0, outputTokens: 0 }))).toBeUndefined();
    expect(rejectedField(() => validateOutcome({ success: true, outputTokens: 1.5 }))).toBe('outcome.outputTokens');
  });
  it('accepts a quality in [0, 1] and refuses one outside', () => {
    for (const quality of [0, 0.5, 1]) expect(rejectedField(() => validateOutcome({ success: true, quality }))).toBeUndefined();
    for (const quality of [-0.01, 1.01, Number.NaN]) expect(rejectedField(() => validateOutcome({ success: true, quality }))).toBe('outcome.quality');
  });
});
