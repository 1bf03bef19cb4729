import { createSeededRandom, sampleStandardNormal, type UniformRandom } from '../subgraphs/routing/services/beta-sampler.ts';
import { estimateCostUsd, scoreCandidates, type RoutingWeights, type ScoredModel } from '../subgraphs/routing/services/routing-score.ts';

/**
 * The simulated world of the routing benchmark (bench/routing.bench.ts): five models, six task types and a hidden
 * matrix of true quality per (task, model) that the router never sees — it sees only the outcomes the benchmark
 * records. The design follows what real model line-ups look like:
 *
 * - cheap models are good enough on easy tasks (classification, extraction) and poor on hard ones (reasoning, code);
 * - no model is best everywhere: `large` (best on average) loses translation to `medium` and code to `coder`;
 * - the cheapest good-enough model (within {@link GOOD_ENOUGH_GAP} of the task's best) differs by task type:
 *   nano, small, medium, medium, coder, large.
 *
 * Prices are per 1,000 tokens, in the range of 2025 list prices of such tiers. Each model is registered with one
 * configured quality, its average over the tasks (like a leaderboard's overall score): the router's prior.
 */

/** A model of the benchmark, as registered with `upsertModel` (`provider: echo`, so nothing leaves the process). */
export interface BenchModel {
  readonly name: string;
  readonly inputCostPer1kTokensUsd: number;
  readonly outputCostPer1kTokensUsd: number;
  readonly latencyMs: number;
}

/** The size of a request, in tokens. */
export interface RequestSize {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** A task type: its typical request size (the "mixed" workload) and the hidden true quality of each model on it. */
export interface BenchTask extends RequestSize {
  readonly name: string;
  /** True quality in [0, 1], by model name. */
  readonly quality: Readonly<Record<string, number>>;
}

export const BENCH_MODELS: readonly BenchModel[] = [
  { name: 'nano', inputCostPer1kTokensUsd: 0.0001, outputCostPer1kTokensUsd: 0.0004, latencyMs: 300 },
  { name: 'small', inputCostPer1kTokensUsd: 0.0005, outputCostPer1kTokensUsd: 0.0015, latencyMs: 500 },
  { name: 'coder', inputCostPer1kTokensUsd: 0.003, outputCostPer1kTokensUsd: 0.006, latencyMs: 900 },
  { name: 'medium', inputCostPer1kTokensUsd: 0.0025, outputCostPer1kTokensUsd: 0.01, latencyMs: 900 },
  { name: 'large', inputCostPer1kTokensUsd: 0.01, outputCostPer1kTokensUsd: 0.03, latencyMs: 2000 },
];

export const BENCH_TASKS: readonly BenchTask[] = [
  { name: 'classify', inputTokens: 300, outputTokens: 20, quality: { nano: 0.9, small: 0.92, coder: 0.85, medium: 0.93, large: 0.94 } },
  { name: 'extract', inputTokens: 1500, outputTokens: 200, quality: { nano: 0.8, small: 0.9, coder: 0.86, medium: 0.91, large: 0.92 } },
  { name: 'summarise', inputTokens: 4000, outputTokens: 300, quality: { nano: 0.7, small: 0.84, coder: 0.78, medium: 0.9, large: 0.91 } },
  { name: 'translate', inputTokens: 800, outputTokens: 800, quality: { nano: 0.72, small: 0.83, coder: 0.7, medium: 0.9, large: 0.88 } },
  { name: 'code', inputTokens: 1500, outputTokens: 1200, quality: { nano: 0.4, small: 0.6, coder: 0.92, medium: 0.72, large: 0.86 } },
  { name: 'reasoning', inputTokens: 1000, outputTokens: 1500, quality: { nano: 0.3, small: 0.5, coder: 0.7, medium: 0.68, large: 0.9 } },
];

/** The request size of the "uniform" workload: every task type alike, so costs differ only by the model chosen. */
export const UNIFORM_SIZE: RequestSize = { inputTokens: 1000, outputTokens: 500 };

/** Standard deviation of an outcome's quality around the true quality (an evaluator's noise). */
export const OUTCOME_NOISE_SD = 0.1;
/** A model is good enough for a task within this much of the task's best true quality. */
export const GOOD_ENOUGH_GAP = 0.05;

/** True quality of `model` on `task`. */
export function trueQuality(task: BenchTask, model: string): number {
  const q = task.quality[model];
  if (q === undefined) throw new Error(`no true quality of ${model} on ${task.name}`);
  return q;
}

/** A model's average true quality over the tasks: its configured (public) quality, to 2 decimals. */
export function averageQuality(model: string): number {
  const sum = BENCH_TASKS.reduce((s, t) => s + trueQuality(t, model), 0);
  return Math.round((sum / BENCH_TASKS.length) * 100) / 100;
}

/** The single best model: the best average true quality. */
export function bestSingleModel(): string {
  return [...BENCH_MODELS].sort((a, b) => averageQuality(b.name) - averageQuality(a.name))[0]?.name ?? '';
}

/** The cheapest model within {@link GOOD_ENOUGH_GAP} of the task's best true quality (for requests of `size`). */
export function cheapestGoodEnough(task: BenchTask, size: RequestSize = UNIFORM_SIZE): string {
  const best = Math.max(...BENCH_MODELS.map((m) => trueQuality(task, m.name)));
  const good = BENCH_MODELS.filter((m) => trueQuality(task, m.name) >= best - GOOD_ENOUGH_GAP - 1e-9);
  return [...good].sort((a, b) => costOf(a, size) - costOf(b, size))[0]?.name ?? '';
}

/**
 * What the router would choose for `task` (requests of `size`) if it knew the true qualities: the scoring rule
 * with them as the quality term.
 */
export function idealChoice(task: BenchTask, size: RequestSize, weights: RoutingWeights): string {
  const models: ScoredModel[] = BENCH_MODELS.map((m) => ({ ...m, id: m.name, quality: trueQuality(task, m.name), contextWindowTokens: 1_000_000 }));
  return scoreCandidates(models, { ...size, weights }).chosen?.modelName ?? '';
}

/** Cost of one request of `size` on `model`, in USD. */
export function costOf(model: BenchModel, size: RequestSize): number {
  return estimateCostUsd(model, size.inputTokens, size.outputTokens);
}

/**
 * Checks the design claims of this module's comment against the matrix (a changed matrix must keep them).
 * @throws Error naming the claim that fails.
 */
export function checkMatrix(): void {
  const best = bestSingleModel();
  const winners = new Set(BENCH_TASKS.map((t) => [...BENCH_MODELS].sort((a, b) => trueQuality(t, b.name) - trueQuality(t, a.name))[0]?.name));
  if (BENCH_TASKS.length < 6 || BENCH_MODELS.length < 5) throw new Error('the benchmark needs at least 6 task types and 5 models');
  if (winners.size < 2) throw new Error(`one model (${best}) is best on every task`);
  if (new Set(BENCH_TASKS.map((t) => cheapestGoodEnough(t))).size < 2) throw new Error('the cheapest good-enough model is the same for every task');
}

/** A seeded source of noisy outcomes: quality = clip(true + N(0, {@link OUTCOME_NOISE_SD}), 0, 1). */
export function createOracle(seed: number): { readonly random: UniformRandom; outcome(task: BenchTask, model: string): number } {
  const random = createSeededRandom(seed);
  return {
    random,
    outcome: (task, model) => Math.min(1, Math.max(0, trueQuality(task, model) + OUTCOME_NOISE_SD * sampleStandardNormal(random))),
  };
}
