import type { RoutingWeights, ScoredCandidate, ScoringResult } from './routing-score.ts';

/** What the reason says about learning: the task type and how Thompson sampling went (quality-bandit.ts). */
export interface LearningAccount {
  /** Null without a task type. */
  readonly taskType: string | null;
  /** Whether quality terms were drawn (false at cold start). */
  readonly sampled: boolean;
  readonly explored: boolean;
  /** What the posterior means would have chosen. */
  readonly expected: ScoredCandidate | undefined;
}

/** How a group strategy chose, for {@link describeGroupChoice}. */
export interface GroupAccount {
  readonly group: string;
  readonly strategy: string;
  /** E.g. `the lowest estimated cost ($0.0012)`. */
  readonly why: string;
}

const f = (n: number): string => n.toFixed(3);

/**
 * A one-line, human-readable account of a routing choice: the winner with its score broken down by the weighted
 * terms, what the quality term rests on (estimate, evidence, sampled or not, explored or exploited), how many models
 * were eligible, and why each other model was excluded. Example:
 * `Chose "small" with score 0.867 = 0.333·cost 1.000 + 0.333·latency 1.000 + 0.333·quality 0.600; task type
 * "classify": quality estimate 0.620 from 14 outcomes, sampled 0.600; exploited (also the best expected score);
 * 2 of 3 models eligible; excluded "big": over budget (estimated $0.02 > $0.01).`
 */
export function describeChoice(result: ScoringResult, weights: RoutingWeights, learning?: LearningAccount): string {
  const chosen = result.chosen;
  if (!chosen) return `No model chosen: all ${result.candidates.length} excluded.`;
  return (
    [
      `Chose "${chosen.modelName}" with score ${f(chosen.score)} = ${f(weights.cost)}·cost ${f(chosen.costScore)}` +
        ` + ${f(weights.latency)}·latency ${f(chosen.latencyScore)} + ${f(weights.quality)}·quality ${f(chosen.qualityScore)}`,
      ...(learning ? describeLearning(chosen, learning) : []),
      ...describeField(result),
    ].join('; ') + '.'
  );
}

/** Like {@link describeChoice}, for a choice made by a model group's strategy rather than the score. */
export function describeGroupChoice(result: ScoringResult, chosen: ScoredCandidate, account: GroupAccount): string {
  return [`Chose "${chosen.modelName}" by group "${account.group}"'s strategy ${account.strategy}: ${account.why}`, ...describeField(result)].join('; ') + '.';
}

function describeLearning(chosen: ScoredCandidate, learning: LearningAccount): string[] {
  const task = learning.taskType === null ? 'no task type' : `task type "${learning.taskType}"`;
  const outcomes = `${chosen.evidenceCount} outcome${chosen.evidenceCount === 1 ? '' : 's'}`;
  if (!learning.sampled) return [`${task}: nothing learnt yet, quality is the configured prior ${f(chosen.qualityEstimate)} (not sampled)`];
  const basis = `${task}: quality estimate ${f(chosen.qualityEstimate)} from ${outcomes}, sampled ${f(chosen.qualityScore)}`;
  const verdict =
    learning.explored && learning.expected
      ? `explored (the best expected score is "${learning.expected.modelName}", estimate ${f(learning.expected.qualityEstimate)} from ${learning.expected.evidenceCount} outcomes)`
      : 'exploited (also the best expected score)';
  return [basis, verdict];
}

function describeField(result: ScoringResult): string[] {
  const eligible = result.candidates.filter((c) => c.excludedReason === null).length;
  const excluded = result.candidates.filter((c) => c.excludedReason !== null).map((c) => `"${c.modelName}": ${c.excludedReason}`);
  return [`${eligible} of ${result.candidates.length} models eligible`, ...(excluded.length > 0 ? [`excluded ${excluded.join(', ')}`] : [])];
}
