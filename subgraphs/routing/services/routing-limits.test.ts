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
  it('stores no endpoint for echo, with or without one given', () => {
    expect(validateModelInput({ ...model, provider: 'echo', endpoint: null }).endpoint).toBeNull();
    expect(validateModelInput({ ...model, provider: 'echo' }).endpoint).toBeNull();
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
});

describe('validateOutcome', () => {
  it('accepts zero latency and tokens and refuses fractional tokens', () => {
    expect(rejectedField(() => validateOutcome({ success: true, latencyMs: 0, inputTokens: 0, outputTokens: 0 }))).toBeUndefined();
    expect(rejectedField(() => validateOutcome({ success: true, outputTokens: 1.5 }))).toBe('outcome.outputTokens');
  });
});
