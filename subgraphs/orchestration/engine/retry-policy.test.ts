import { describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../services/step-definition.ts';
import { retryDelayMs } from './retry-policy.ts';
import { ALWAYS_FINAL_ERROR_CODES, STEP_ERROR_CODES, StepError, type StepErrorCode } from './step-error.ts';

/** A policy with 5 attempts, 1 s doubling up to 10 s, no jitter (unless overridden). */
function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { maxAttempts: 5, initialIntervalMs: 1_000, backoffCoefficient: 2, maxIntervalMs: 10_000, jitter: 0, nonRetryableErrorCodes: [], ...overrides };
}

const failure = (code: StepErrorCode = 'UPSTREAM'): StepError => new StepError(code, `failed with ${code}`);

describe('retryDelayMs', () => {
  it('fails at once without a policy', () => {
    expect(retryDelayMs(null, 1, failure(), 0.5)).toBeUndefined();
  });

  it('fails once the attempts are exhausted', () => {
    expect(retryDelayMs(policy({ maxAttempts: 5 }), 4, failure(), 0.5)).toBe(8_000);
    expect(retryDelayMs(policy({ maxAttempts: 5 }), 5, failure(), 0.5)).toBeUndefined();
    expect(retryDelayMs(policy({ maxAttempts: 1 }), 1, failure(), 0.5)).toBeUndefined();
  });

  it('never retries the always-final codes, even when the policy does not list them', () => {
    for (const code of ALWAYS_FINAL_ERROR_CODES) expect(retryDelayMs(policy(), 1, failure(code), 0.5)).toBeUndefined();
    const retried = STEP_ERROR_CODES.filter((code) => !ALWAYS_FINAL_ERROR_CODES.includes(code));
    expect(retried).toEqual(['TIMEOUT', 'HTTP_STATUS', 'UPSTREAM', 'RATE_LIMITED', 'PROVIDER_UNAVAILABLE']);
    for (const code of retried) expect(retryDelayMs(policy(), 1, failure(code), 0.5)).toBe(1_000);
  });

  it("does not retry the policy's non-retryable codes, and retries the others", () => {
    const p = policy({ nonRetryableErrorCodes: ['HTTP_STATUS', 'NOT_A_CODE'] });
    expect(retryDelayMs(p, 1, failure('HTTP_STATUS'), 0.5)).toBeUndefined();
    expect(retryDelayMs(p, 1, failure('UPSTREAM'), 0.5)).toBe(1_000);
    expect(retryDelayMs(p, 1, failure('TIMEOUT'), 0.5)).toBe(1_000);
  });

  it('grows the delay by the coefficient after each attempt, up to maxIntervalMs (no jitter)', () => {
    const p = policy({ maxAttempts: 20 });
    const delays = [1, 2, 3, 4, 5, 6, 19].map((attempt) => retryDelayMs(p, attempt, failure(), 0.9));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
    expect(retryDelayMs(policy({ backoffCoefficient: 1 }), 4, failure(), 0.9)).toBe(1_000);
    expect(retryDelayMs(policy({ initialIntervalMs: 333, backoffCoefficient: 1.5 }), 2, failure(), 0)).toBe(500);
  });

  it('spreads the delay uniformly over [1 − jitter, 1 + jitter] times the backoff, the cap included', () => {
    const p = policy({ maxAttempts: 20, jitter: 0.2 });
    expect(retryDelayMs(p, 1, failure(), 0)).toBe(800);
    expect(retryDelayMs(p, 1, failure(), 0.5)).toBe(1_000);
    expect(retryDelayMs(p, 1, failure(), 0.999_999)).toBe(1_200);
    expect(retryDelayMs(p, 3, failure(), 0)).toBe(3_200);
    expect(retryDelayMs(p, 3, failure(), 0.999_999)).toBe(4_800);
    // The jitter applies after the cap, so a capped delay may reach maxIntervalMs × (1 + jitter).
    expect(retryDelayMs(p, 10, failure(), 0)).toBe(8_000);
    expect(retryDelayMs(p, 10, failure(), 0.999_999)).toBe(12_000);
    expect(retryDelayMs(policy({ jitter: 1 }), 1, failure(), 0)).toBe(0);
  });

  it('draws its own random factor when none is given, within the jitter bounds', () => {
    const p = policy({ jitter: 0.2 });
    for (let i = 0; i < 100; i += 1) {
      const delay = retryDelayMs(p, 2, failure());
      expect(delay).toBeGreaterThanOrEqual(1_600);
      expect(delay).toBeLessThanOrEqual(2_400);
    }
  });
});
