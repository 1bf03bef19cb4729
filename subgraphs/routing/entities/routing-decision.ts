import { EntitySchema } from 'typeorm';
import type { RoutingWeights, ScoredCandidate } from '../services/routing-score.ts';

/** The outcome of a decision's call, stored once in the decision's `outcome` jsonb. */
export interface StoredRoutingOutcome {
  success: boolean;
  /** The quality score given, in [0, 1]; null when only success was recorded. */
  quality: number | null;
  latencyMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** From the tokens and the chosen model's prices at recording time, in USD. */
  costUsd: number;
  error: string | null;
  /** ISO-8601 time of recording. */
  recordedAt: string;
  /**
   * True when the router recorded it itself, from a completion attempt it made (success or a deployment's failure,
   * without a quality score); the caller may then add its quality once with `recordRoutingOutcome`.
   */
  observed?: boolean;
}

/**
 * A routing choice (table `routing.routing_decisions`): the chosen model, every candidate as evaluated by the
 * scoring rule, the normalised weights, a readable reason, and later the outcome. Also the codegen mapper type of
 * `RoutingDecision`.
 */
export interface RoutingDecision {
  id: string;
  tenantId: string;
  sessionId: string | null;
  /** The chosen {@link ModelProfile}. */
  modelId: string;
  score: number;
  weights: RoutingWeights;
  /** Every model considered, best first, excluded ones last. */
  candidates: ScoredCandidate[];
  reason: string;
  inputTokens: number;
  outputTokens: number;
  estimatedCostUsd: number;
  /** The task type it was made for; null = none. */
  taskType: string | null;
  /** Whether Thompson sampling chose another model than the best expected score. */
  explored: boolean;
  /** The completion request (`ModelCall.requestId`) it served; null for `route`. */
  requestId: string | null;
  /** Null until `recordRoutingOutcome`. */
  outcome: StoredRoutingOutcome | null;
  /** The outcome's cost in USD (copied out of `outcome` so sums stay in SQL); null until recorded. */
  costUsd: number | null;
  createdAt: Date;
}

/** TypeORM schema of {@link RoutingDecision}. */
export const RoutingDecisionSchema = new EntitySchema<RoutingDecision>({
  name: 'RoutingDecision',
  tableName: 'routing_decisions',
  schema: 'routing',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    sessionId: { name: 'session_id', type: 'uuid', nullable: true },
    modelId: { name: 'model_id', type: 'uuid' },
    score: { type: 'double precision' },
    weights: { type: 'jsonb' },
    candidates: { type: 'jsonb' },
    reason: { type: 'text' },
    inputTokens: { name: 'input_tokens', type: 'int' },
    outputTokens: { name: 'output_tokens', type: 'int' },
    estimatedCostUsd: { name: 'estimated_cost_usd', type: 'double precision' },
    taskType: { name: 'task_type', type: 'text', nullable: true },
    explored: { type: 'boolean' },
    requestId: { name: 'request_id', type: 'uuid', nullable: true },
    outcome: { type: 'jsonb', nullable: true },
    costUsd: { name: 'cost_usd', type: 'double precision', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
});
