/**
 * Smoothing factor of the exponentially weighted moving averages that recorded outcomes feed (a model's `latencyMs`
 * and `successRate`): `next = α · observed + (1 − α) · previous`. With α = 0.2 an observation's weight halves about
 * every 3 outcomes, so a model's figures follow a change within ~10 outcomes without jumping on one outlier.
 */
export const OUTCOME_EWMA_ALPHA = 0.2;

/** One EWMA step: `α · observed + (1 − α) · previous` (α defaults to {@link OUTCOME_EWMA_ALPHA}). */
export function ewma(previous: number, observed: number, alpha = OUTCOME_EWMA_ALPHA): number {
  return alpha * observed + (1 - alpha) * previous;
}
