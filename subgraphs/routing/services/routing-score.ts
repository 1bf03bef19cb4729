/**
 * The routing rule, as one pure function ({@link scoreCandidates}) with no I/O, so it can be tested exhaustively.
 *
 * For a request of `inputTokens` in and `outputTokens` out, each enabled model gets:
 *
 * 1. **Estimated cost**: `estimatedCostUsd = inputTokens / 1000 · inputCostPer1kTokensUsd
 *    + outputTokens / 1000 · outputCostPer1kTokensUsd`.
 * 2. **Exclusion**, first reason wins: neither its name nor its group is in the `models` filter; unavailable (given
 *    by the caller: cooling down, already failed); `contextWindowTokens < inputTokens + outputTokens`;
 *    `estimatedCostUsd > maxCostUsd`; `latencyMs > maxLatencyMs`; quality estimate `< minQuality`. An excluded model
 *    keeps its `excludedReason`, has `score = null` and cost and latency scores of 0.
 * 3. **Normalisation** over the remaining candidates (min–max, lower is better):
 *    `costScore = (maxCost − cost) / (maxCost − minCost)`, `latencyScore = (maxLatency − latency) /
 *    (maxLatency − minLatency)`; when all candidates are equal on a dimension its score is 1 for all.
 *    `qualityScore` is the quality term the caller gives per model ({@link QualityTerm}): the router passes a draw
 *    from the model's Beta posterior for the task type (quality-bandit.ts); without one it is the configured quality.
 * 4. **Score**: `score = w_c · costScore + w_l · latencyScore + w_q · qualityScore`, the weights normalised to sum
 *    to 1 (default 1/3 each), so a score lies in [0, 1].
 * 5. **Choice**: the highest score wins; a tie (within {@link SCORE_TIE_EPSILON}) goes to the lower estimated cost,
 *    then to the lexically smaller name.
 */

/** Scores closer than this are a tie (absorbs floating-point noise of the weighted sum). */
export const SCORE_TIE_EPSILON = 1e-9;

/** Weight of each dimension; {@link normaliseWeights} makes them sum to 1. */
export interface RoutingWeights {
  readonly cost: number;
  readonly latency: number;
  readonly quality: number;
}

/** Weights used when a request gives none: 1/3 each. */
export const DEFAULT_WEIGHTS: RoutingWeights = Object.freeze({ cost: 1 / 3, latency: 1 / 3, quality: 1 / 3 });

/** What the rule needs to know of a model. */
export interface ScoredModel {
  readonly id: string;
  readonly name: string;
  /** The model group it is a deployment of; the `models` filter matches it as well as the name. */
  readonly group?: string | undefined;
  readonly inputCostPer1kTokensUsd: number;
  readonly outputCostPer1kTokensUsd: number;
  /** Expected latency of one call, in ms. */
  readonly latencyMs: number;
  /** The configured quality, in [0, 1]: the prior of what outcomes teach. */
  readonly quality: number;
  readonly contextWindowTokens: number;
}

/** A request to route: its size and constraints. */
export interface RoutingRequest {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Normalised weights (see {@link normaliseWeights}). */
  readonly weights: RoutingWeights;
  readonly maxCostUsd?: number | undefined;
  readonly maxLatencyMs?: number | undefined;
  /** Excludes models whose quality estimate (for the task type) is below this. */
  readonly minQuality?: number | undefined;
  /** Only models with these names or model group names are considered; absent = all. */
  readonly modelNames?: readonly string[] | undefined;
}

/** What the rule uses of a model's quality. */
export interface QualityTerm {
  /** The quality term of the score, in [0, 1] (a posterior draw under Thompson sampling). */
  readonly score: number;
  /** The expected quality (posterior mean), in [0, 1]; `minQuality` is checked against it. */
  readonly estimate: number;
  /** Recorded outcomes the estimate rests on. */
  readonly evidenceCount: number;
}

/** Inputs of the rule besides the models and the request. */
export interface ScoringOptions {
  /** The quality term per model; absent = the configured quality, with no evidence. */
  readonly quality?: ((model: ScoredModel) => QualityTerm) | undefined;
  /** Models the caller cannot use now (by id), each with its reason (e.g. `cooling down`). */
  readonly unavailable?: ReadonlyMap<string, string> | undefined;
}

/** One model's evaluation. */
export interface ScoredCandidate {
  readonly modelId: string;
  readonly modelName: string;
  /** Weighted score in [0, 1]; null when excluded. */
  readonly score: number | null;
  readonly costScore: number;
  readonly latencyScore: number;
  readonly qualityScore: number;
  /** Posterior mean of the model's quality for the request's task type. */
  readonly qualityEstimate: number;
  /** Recorded outcomes the estimate rests on. */
  readonly evidenceCount: number;
  readonly estimatedCostUsd: number;
  readonly excludedReason: string | null;
}

/** The rule's answer: every candidate (best first, excluded last by name) and the winner, if any. */
export interface ScoringResult {
  readonly candidates: readonly ScoredCandidate[];
  /** The best candidate; undefined when every model was excluded. */
  readonly chosen: (ScoredCandidate & { readonly score: number }) | undefined;
}

/**
 * Normalises weights to sum to 1; absent → {@link DEFAULT_WEIGHTS}.
 * @throws RangeError when a weight is negative or not finite, or all are 0 (callers validate input first).
 */
export function normaliseWeights(weights: RoutingWeights | undefined): RoutingWeights {
  if (!weights) return DEFAULT_WEIGHTS;
  const values = [weights.cost, weights.latency, weights.quality];
  if (values.some((w) => !Number.isFinite(w) || w < 0)) throw new RangeError('weights must be finite and ≥ 0');
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new RangeError('weights must not all be 0');
  return { cost: weights.cost / sum, latency: weights.latency / sum, quality: weights.quality / sum };
}

/** Estimated cost of a call in USD: tokens / 1000 × the per-1k prices. */
export function estimateCostUsd(
  model: Pick<ScoredModel, 'inputCostPer1kTokensUsd' | 'outputCostPer1kTokensUsd'>,
  inputTokens: number,
  outputTokens: number,
): number {
  return (inputTokens / 1000) * model.inputCostPer1kTokensUsd + (outputTokens / 1000) * model.outputCostPer1kTokensUsd;
}

/** The quality term without learning: the configured quality, as is. */
export function configuredQuality(model: ScoredModel): QualityTerm {
  return { score: model.quality, estimate: model.quality, evidenceCount: 0 };
}

/** Applies the rule described at the top of this module to `models` for `request`. Pure. */
export function scoreCandidates(models: readonly ScoredModel[], request: RoutingRequest, options: ScoringOptions = {}): ScoringResult {
  const qualityOf = options.quality ?? configuredQuality;
  const evaluated = models.map((model) => {
    const estimatedCostUsd = estimateCostUsd(model, request.inputTokens, request.outputTokens);
    const quality = qualityOf(model);
    return { model, quality, estimatedCostUsd, excludedReason: exclusionReason(model, quality, estimatedCostUsd, request, options) };
  });
  const remaining = evaluated.filter((e) => e.excludedReason === null);
  const costScore = minMaxLowerIsBetter(remaining.map((e) => e.estimatedCostUsd));
  const latencyScore = minMaxLowerIsBetter(remaining.map((e) => e.model.latencyMs));
  const { weights } = request;
  const included: (ScoredCandidate & { score: number })[] = remaining.map((e) => {
    const c = costScore(e.estimatedCostUsd);
    const l = latencyScore(e.model.latencyMs);
    const q = e.quality.score;
    return {
      modelId: e.model.id,
      modelName: e.model.name,
      score: weights.cost * c + weights.latency * l + weights.quality * q,
      costScore: c,
      latencyScore: l,
      qualityScore: q,
      qualityEstimate: e.quality.estimate,
      evidenceCount: e.quality.evidenceCount,
      estimatedCostUsd: e.estimatedCostUsd,
      excludedReason: null,
    };
  });
  included.sort(compareCandidates);
  const excluded: ScoredCandidate[] = evaluated
    .filter((e) => e.excludedReason !== null)
    .map((e) => ({
      modelId: e.model.id,
      modelName: e.model.name,
      score: null,
      costScore: 0,
      latencyScore: 0,
      // Nothing is drawn for an excluded model: its term is its estimate.
      qualityScore: e.quality.estimate,
      qualityEstimate: e.quality.estimate,
      evidenceCount: e.quality.evidenceCount,
      estimatedCostUsd: e.estimatedCostUsd,
      excludedReason: e.excludedReason,
    }))
    .sort((a, b) => compareNames(a.modelName, b.modelName));
  return { candidates: [...included, ...excluded], chosen: included[0] };
}

function exclusionReason(model: ScoredModel, quality: QualityTerm, estimatedCostUsd: number, request: RoutingRequest, options: ScoringOptions): string | null {
  const names = request.modelNames;
  if (names && !names.includes(model.name) && !(model.group !== undefined && names.includes(model.group))) {
    return 'not in the requested models';
  }
  const unavailable = options.unavailable?.get(model.id);
  if (unavailable !== undefined) return unavailable;
  const needed = request.inputTokens + request.outputTokens;
  if (model.contextWindowTokens < needed) {
    return `context window too small (${model.contextWindowTokens} < ${needed} tokens)`;
  }
  if (request.maxCostUsd !== undefined && estimatedCostUsd > request.maxCostUsd) {
    return `over budget (estimated $${formatUsd(estimatedCostUsd)} > $${formatUsd(request.maxCostUsd)})`;
  }
  if (request.maxLatencyMs !== undefined && model.latencyMs > request.maxLatencyMs) {
    return `too slow (${round(model.latencyMs)} ms > ${round(request.maxLatencyMs)} ms)`;
  }
  if (request.minQuality !== undefined && quality.estimate < request.minQuality) {
    return `quality too low (${round3(quality.estimate)} < ${request.minQuality})`;
  }
  return null;
}

/** Min–max normalisation where lower is better: the minimum scores 1, the maximum 0; all equal → 1. */
function minMaxLowerIsBetter(values: readonly number[]): (value: number) => number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const range = max - min;
  return (value) => (range > 0 ? (max - value) / range : 1);
}

/** Best first: higher score, then lower estimated cost, then name. */
function compareCandidates(a: ScoredCandidate & { score: number }, b: ScoredCandidate & { score: number }): number {
  if (Math.abs(a.score - b.score) > SCORE_TIE_EPSILON) return b.score - a.score;
  if (a.estimatedCostUsd !== b.estimatedCostUsd) return a.estimatedCostUsd - b.estimatedCostUsd;
  return compareNames(a.modelName, b.modelName);
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatUsd(value: number): string {
  return String(Number(value.toPrecision(4)));
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function round3(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
