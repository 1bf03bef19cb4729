import type { RoutingWeights, ScoringResult } from './routing-score.ts';

/**
 * A one-line, human-readable account of a routing choice: the winner with its score broken down by the weighted
 * terms, how many models were eligible, and why each other model was excluded. Example:
 * `Chose "small" with score 0.867 = 0.333·cost 1.000 + 0.333·latency 1.000 + 0.333·quality 0.600; 2 of 3 models
 * eligible; excluded "big": over budget (estimated $0.02 > $0.01).`
 */
export function describeChoice(result: ScoringResult, weights: RoutingWeights): string {
  const chosen = result.chosen;
  if (!chosen) return `No model chosen: all ${result.candidates.length} excluded.`;
  const f = (n: number): string => n.toFixed(3);
  const eligible = result.candidates.filter((c) => c.excludedReason === null).length;
  const excluded = result.candidates.filter((c) => c.excludedReason !== null).map((c) => `"${c.modelName}": ${c.excludedReason}`);
  return [
    `Chose "${chosen.modelName}" with score ${f(chosen.score)} = ${f(weights.cost)}·cost ${f(chosen.costScore)}` +
      ` + ${f(weights.latency)}·latency ${f(chosen.latencyScore)} + ${f(weights.quality)}·quality ${f(chosen.qualityScore)}`,
    `${eligible} of ${result.candidates.length} models eligible`,
    ...(excluded.length > 0 ? [`excluded ${excluded.join(', ')}`] : []),
  ].join('; ') + '.';
}
