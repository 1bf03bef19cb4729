import type { RetryPolicy } from '../services/step-definition.ts';
import { ALWAYS_FINAL_ERROR_CODES, type StepError } from './step-error.ts';

/**
 * Retry decisions, after Temporal's retry policy (docs.temporal.io, "Retry Policies"): the delay before attempt
 * n + 1 is `min(maxIntervalMs, initialIntervalMs × backoffCoefficient^(n − 1))`, spread by ±`jitter` ("Exponential
 * Backoff And Jitter", AWS Architecture Blog, 2015) so that steps failing together do not retry in lockstep.
 * A step without a policy makes one attempt.
 */

/**
 * The delay before the next attempt, or `undefined` when the step must fail now: no policy, attempts exhausted, a
 * code that is never retried (`ALWAYS_FINAL_ERROR_CODES`) or one the policy lists as non-retryable.
 * @param attempt - the attempt that just failed (1 for the first).
 * @param random - a uniform number in [0, 1) (injected for tests).
 * @returns the delay in ms (≥ 0), or undefined.
 */
export function retryDelayMs(policy: RetryPolicy | null, attempt: number, error: StepError, random: number = Math.random()): number | undefined {
  if (!policy || attempt >= policy.maxAttempts) return undefined;
  if (ALWAYS_FINAL_ERROR_CODES.includes(error.code) || policy.nonRetryableErrorCodes.includes(error.code)) return undefined;
  const base = Math.min(policy.maxIntervalMs, policy.initialIntervalMs * policy.backoffCoefficient ** (attempt - 1));
  const jitter = policy.jitter ?? 0;
  return Math.max(0, Math.round(base * (1 - jitter + 2 * jitter * random)));
}
