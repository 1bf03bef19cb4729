import type { ModelGroupStrategy } from '../entities/model-group.ts';
import type { UniformRandom } from './beta-sampler.ts';

/**
 * How a model group picks among its eligible deployments, for every strategy but `WEIGHTED_SCORE` (which is the
 * scoring rule itself). Meanings as `ModelGroupStrategy` in schema/routing.graphql documents them; the rules follow
 * LiteLLM's router strategies (`lowest-cost`, `latency-based-routing`, `least-busy`, `simple-shuffle`):
 *
 * - `LOWEST_COST`: the lowest estimated cost of the call; ties go to the lower latency, then the name.
 * - `LOWEST_LATENCY`: the lowest expected latency (`latencyMs`, moved by recorded outcomes); ties go to the lower
 *   cost, then the name.
 * - `LEAST_BUSY`: the fewest calls in flight (shared through Redis when there is one); ties are drawn uniformly at
 *   random, so idle deployments share the load.
 * - `SHUFFLE`: at random, weighted by `requestsPerMinute` when every deployment sets it, uniformly otherwise (a
 *   deployment without a limit has no weight to compare).
 */

/** The strategies {@link pickByStrategy} applies. */
export type GroupPickStrategy = Exclude<ModelGroupStrategy, 'WEIGHTED_SCORE'>;

/** What a strategy knows of one eligible deployment. */
export interface StrategyCandidate {
  readonly modelId: string;
  readonly modelName: string;
  readonly estimatedCostUsd: number;
  readonly latencyMs: number;
  readonly requestsPerMinute: number | null;
}

/** What a strategy may consult besides the candidates. */
export interface StrategyContext {
  /** Calls in flight by model id (absent = 0); only `LEAST_BUSY` reads it. */
  readonly inFlight: ReadonlyMap<string, number>;
  readonly random: UniformRandom;
}

/** A strategy's pick, with a readable account of why (e.g. `the lowest estimated cost ($0.0012)`). */
export interface StrategyPick {
  readonly modelId: string;
  readonly why: string;
}

/**
 * Picks one of `candidates` (at least one) by `strategy`.
 * @throws RangeError when `candidates` is empty.
 */
export function pickByStrategy(strategy: GroupPickStrategy, candidates: readonly StrategyCandidate[], context: StrategyContext): StrategyPick {
  if (candidates.length === 0) throw new RangeError('a group strategy needs at least one candidate');
  switch (strategy) {
    case 'LOWEST_COST': {
      const best = lowest(candidates, (c) => [c.estimatedCostUsd, c.latencyMs]);
      return { modelId: best.modelId, why: `the lowest estimated cost ($${formatUsd(best.estimatedCostUsd)})` };
    }
    case 'LOWEST_LATENCY': {
      const best = lowest(candidates, (c) => [c.latencyMs, c.estimatedCostUsd]);
      return { modelId: best.modelId, why: `the lowest expected latency (${Math.round(best.latencyMs * 100) / 100} ms)` };
    }
    case 'LEAST_BUSY': {
      const busy = (c: StrategyCandidate): number => context.inFlight.get(c.modelId) ?? 0;
      const fewest = Math.min(...candidates.map(busy));
      const idlest = candidates.filter((c) => busy(c) === fewest);
      const pick = idlest[Math.floor(context.random() * idlest.length)] ?? idlest[0]!;
      return { modelId: pick.modelId, why: `the fewest calls in flight (${fewest})` };
    }
    case 'SHUFFLE': {
      const weighted = candidates.every((c) => c.requestsPerMinute !== null);
      const weights = candidates.map((c) => (weighted ? (c.requestsPerMinute ?? 1) : 1));
      const pick = candidates[drawIndex(weights, context.random)] ?? candidates[0]!;
      return {
        modelId: pick.modelId,
        why: weighted ? `drawn at random weighted by requests per minute (${pick.requestsPerMinute} of ${sum(weights)})` : 'drawn uniformly at random',
      };
    }
    default: {
      const unknown: never = strategy;
      throw new RangeError(`unknown group strategy ${String(unknown)}`);
    }
  }
}

/** The candidate with the lexically smallest key, then name. */
function lowest(candidates: readonly StrategyCandidate[], key: (c: StrategyCandidate) => readonly number[]): StrategyCandidate {
  return [...candidates].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const d = (ka[i] ?? 0) - (kb[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.modelName < b.modelName ? -1 : a.modelName > b.modelName ? 1 : 0;
  })[0]!;
}

/** An index drawn with probability proportional to its weight (all > 0). */
function drawIndex(weights: readonly number[], random: UniformRandom): number {
  let point = random() * sum(weights);
  for (let i = 0; i < weights.length; i++) {
    point -= weights[i] ?? 0;
    if (point < 0) return i;
  }
  return weights.length - 1;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function formatUsd(value: number): string {
  return String(Number(value.toPrecision(4)));
}
