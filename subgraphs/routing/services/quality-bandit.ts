import { sampleBeta, type UniformRandom } from './beta-sampler.ts';
import { scoreCandidates, type QualityTerm, type RoutingRequest, type ScoredCandidate, type ScoredModel, type ScoringResult } from './routing-score.ts';

/**
 * The router's learning: a Beta–Bernoulli bandit per (tenant, task type, model), played by Thompson sampling.
 *
 * - **Prior**: Beta(α₀, β₀) with mean the model's configured quality q and strength n₀ = {@link PRIOR_STRENGTH}:
 *   α₀ = q · n₀, β₀ = (1 − q) · n₀. The configured quality counts as much as n₀ outcomes, so recorded outcomes take
 *   over quickly (after 8 outcomes it weighs 20 %) while a model nobody tried yet still gets drawn now and then.
 * - **Evidence**: each recorded outcome's quality r ∈ [0, 1] (success without a score counts 1, failure 0), summed
 *   per (tenant, task type, model) in `routing.task_quality` (S = Σr over n outcomes).
 * - **Posterior**: α = α₀ + S, β = β₀ + (n − S) — the fractional Bernoulli update, the expectation of Agrawal & Goyal's
 *   trick of drawing a Bernoulli(r) success per [0, 1] reward ("Analysis of Thompson Sampling for the Multi-armed
 *   Bandit Problem", COLT 2012), with less variance. `qualityEstimate` is its mean α / (α + β), `evidenceCount` is n.
 * - **Decision** (Thompson, "On the Likelihood that One Unknown Probability Exceeds Another in View of the Evidence
 *   of Two Samples", Biometrika 25, 1933; Chapelle & Li, "An Empirical Evaluation of Thompson Sampling", NIPS 2011):
 *   every candidate draws θ ~ Beta(α, β), and θ is the quality term of the scoring rule (routing-score.ts). A model
 *   is chosen with the probability that it is the best, so exploration fades as evidence grows. The decision is
 *   `explored` when the chosen model is not the one the posterior means would choose.
 * - **Cold start**: while no candidate of the task type has any evidence, nothing is drawn: the quality term is the
 *   configured quality (the prior mean) and the decision is the deterministic rule of routing-score.ts. Sampling
 *   starts with the first recorded outcome of the task type.
 * - **No task type**: learnt under the key {@link UNTYPED_TASK} (`''`), which no valid task type can equal.
 */

/** How many outcomes the configured quality weighs as, in the prior (n₀). */
export const PRIOR_STRENGTH = 2;
/** The task type key of requests without a task type (task types are 1–64 characters, so none collides). */
export const UNTYPED_TASK = '';

/** What recorded outcomes say about one model for one task type: Σ quality and how many. */
export interface QualityEvidence {
  readonly qualitySum: number;
  readonly outcomeCount: number;
}

/** A model's Beta posterior of quality for one task type. */
export interface QualityPosterior {
  readonly alpha: number;
  readonly beta: number;
  /** α / (α + β). */
  readonly mean: number;
  /** Recorded outcomes behind it (n). */
  readonly evidenceCount: number;
}

/** The learning key of a task type: the task type, or {@link UNTYPED_TASK} without one. */
export function taskTypeKey(taskType: string | null | undefined): string {
  return taskType ?? UNTYPED_TASK;
}

/** The posterior of a model of configured quality `configuredQuality` after `evidence` (none = the prior). */
export function qualityPosterior(configuredQuality: number, evidence: QualityEvidence | undefined, priorStrength = PRIOR_STRENGTH): QualityPosterior {
  const n = evidence?.outcomeCount ?? 0;
  const s = evidence?.qualitySum ?? 0;
  const alpha = configuredQuality * priorStrength + s;
  // n − S ≥ 0 in exact arithmetic; the clamp absorbs rounding of the summed scores.
  const beta = (1 - configuredQuality) * priorStrength + Math.max(0, n - s);
  return { alpha, beta, mean: alpha / (alpha + beta), evidenceCount: n };
}

/** Options of {@link chooseByThompsonSampling}. */
export interface ThompsonOptions {
  /** The uniform source of the draws (`Math.random` in production, seeded in tests). */
  readonly random: UniformRandom;
  /** Models the caller cannot use now, by id, with the reason. */
  readonly unavailable?: ReadonlyMap<string, string> | undefined;
  /** @defaultValue {@link PRIOR_STRENGTH} */
  readonly priorStrength?: number | undefined;
}

/** The outcome of {@link chooseByThompsonSampling}. */
export interface ThompsonChoice {
  /** The candidates as scored with the drawn quality terms (the decision). */
  readonly result: ScoringResult;
  /** The candidates as scored with the posterior means (no draw). */
  readonly expectedResult: ScoringResult;
  /** What the posterior means alone would choose; undefined when every model is excluded. */
  readonly expected: ScoredCandidate | undefined;
  /** Whether quality terms were drawn (false at cold start: no evidence for the task type yet). */
  readonly sampled: boolean;
  /** Whether the chosen model differs from {@link ThompsonChoice.expected}. */
  readonly explored: boolean;
}

/**
 * Scores `models` for `request` with Thompson-sampled quality terms (see the module comment). `evidence` holds the
 * task type's evidence by model id (absent = none). Pure apart from `options.random`.
 */
export function chooseByThompsonSampling(
  models: readonly ScoredModel[],
  request: RoutingRequest,
  evidence: ReadonlyMap<string, QualityEvidence>,
  options: ThompsonOptions,
): ThompsonChoice {
  const posteriors = new Map(models.map((m) => [m.id, qualityPosterior(m.quality, evidence.get(m.id), options.priorStrength)]));
  const posteriorOf = (model: ScoredModel): QualityPosterior => posteriors.get(model.id) ?? qualityPosterior(model.quality, undefined);
  const meanTerm = (model: ScoredModel): QualityTerm => {
    const p = posteriorOf(model);
    return { score: p.mean, estimate: p.mean, evidenceCount: p.evidenceCount };
  };
  const expected = scoreCandidates(models, request, { quality: meanTerm, unavailable: options.unavailable });
  const sampled = [...posteriors.values()].some((p) => p.evidenceCount > 0);
  if (!sampled) return { result: expected, expectedResult: expected, expected: expected.chosen, sampled, explored: false };
  const drawnTerm = (model: ScoredModel): QualityTerm => {
    const p = posteriorOf(model);
    return { score: sampleBeta(p.alpha, p.beta, options.random), estimate: p.mean, evidenceCount: p.evidenceCount };
  };
  const result = scoreCandidates(models, request, { quality: drawnTerm, unavailable: options.unavailable });
  const explored = result.chosen !== undefined && result.chosen.modelId !== expected.chosen?.modelId;
  return { result, expectedResult: expected, expected: expected.chosen, sampled, explored };
}
