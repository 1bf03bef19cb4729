import { EntitySchema } from 'typeorm';

/**
 * An LLM the router can choose (table `routing.model_profiles`, unique by name per tenant), with its prices, its
 * expected latency and quality, and what outcomes taught about it. Also the codegen mapper type of `ModelProfile`.
 */
export interface ModelProfile {
  id: string;
  tenantId: string;
  /** Model name sent to the provider; unique per tenant. */
  name: string;
  /** Provider name: an operator's, the tenant's own, `echo` (answers locally), or a keyless endpoint's label. */
  provider: string;
  /** http(s) base URL of a keyless endpoint of the model's own; null on a registered provider and for `echo`. */
  endpoint: string | null;
  /** The model group it is a deployment of (default: its name). */
  group: string;
  /** The model name sent to the provider (default: its name). */
  providerModel: string;
  /** Requests per minute it takes; null = no limit. */
  requestsPerMinute: number | null;
  /** Tokens (in + out, estimated) per minute it takes; null = no limit. */
  tokensPerMinute: number | null;
  inputCostPer1kTokensUsd: number;
  outputCostPer1kTokensUsd: number;
  /** Expected latency of one call, in ms: the configured value, then an EWMA of recorded outcomes. */
  latencyMs: number;
  /** In [0, 1]. */
  quality: number;
  contextWindowTokens: number;
  enabled: boolean;
  /** EWMA of recorded outcomes' success (1/0), in [0, 1]; 1 before any outcome. */
  successRate: number;
  outcomeCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** TypeORM schema of {@link ModelProfile}. */
export const ModelProfileSchema = new EntitySchema<ModelProfile>({
  name: 'ModelProfile',
  tableName: 'model_profiles',
  schema: 'routing',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    name: { type: 'text' },
    provider: { type: 'text' },
    endpoint: { type: 'text', nullable: true },
    group: { name: 'group_name', type: 'text' },
    providerModel: { name: 'provider_model', type: 'text' },
    requestsPerMinute: { name: 'requests_per_minute', type: 'int', nullable: true },
    tokensPerMinute: { name: 'tokens_per_minute', type: 'int', nullable: true },
    inputCostPer1kTokensUsd: { name: 'input_cost_per_1k_tokens_usd', type: 'double precision' },
    outputCostPer1kTokensUsd: { name: 'output_cost_per_1k_tokens_usd', type: 'double precision' },
    latencyMs: { name: 'latency_ms', type: 'double precision' },
    quality: { type: 'double precision' },
    contextWindowTokens: { name: 'context_window_tokens', type: 'int' },
    enabled: { type: 'boolean' },
    successRate: { name: 'success_rate', type: 'double precision' },
    outcomeCount: { name: 'outcome_count', type: 'int' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
