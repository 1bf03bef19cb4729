import { EntitySchema } from 'typeorm';

/** One fallback rule: after `model` (a model or group name, or `*`) failed for good, try `fallbacks` in order. */
export interface ModelFallback {
  model: string;
  fallbacks: string[];
}

/**
 * A tenant's router settings (table `routing.router_settings`, one row per tenant; absent = the defaults: no
 * fallbacks, limits or budgets).
 */
export interface RouterSettings {
  tenantId: string;
  fallbacks: ModelFallback[];
  contextWindowFallbacks: ModelFallback[];
  contentPolicyFallbacks: ModelFallback[];
  /** Requests per minute of the tenant; null = no limit. */
  requestsPerMinute: number | null;
  /** Tokens per minute of the tenant; null = no limit. */
  tokensPerMinute: number | null;
  /** USD per UTC day; null = no budget. */
  dailyBudgetUsd: number | null;
  /** USD per UTC month; null = no budget. */
  monthlyBudgetUsd: number | null;
  updatedAt: Date;
}

/** TypeORM schema of {@link RouterSettings}. */
export const RouterSettingsSchema = new EntitySchema<RouterSettings>({
  name: 'RouterSettings',
  tableName: 'router_settings',
  schema: 'routing',
  columns: {
    tenantId: { name: 'tenant_id', type: 'text', primary: true },
    fallbacks: { type: 'jsonb' },
    contextWindowFallbacks: { name: 'context_window_fallbacks', type: 'jsonb' },
    contentPolicyFallbacks: { name: 'content_policy_fallbacks', type: 'jsonb' },
    requestsPerMinute: { name: 'requests_per_minute', type: 'int', nullable: true },
    tokensPerMinute: { name: 'tokens_per_minute', type: 'int', nullable: true },
    dailyBudgetUsd: { name: 'daily_budget_usd', type: 'double precision', nullable: true },
    monthlyBudgetUsd: { name: 'monthly_budget_usd', type: 'double precision', nullable: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});

/** The settings of a tenant that saved none. */
export function defaultRouterSettings(tenantId: string): RouterSettings {
  return {
    tenantId,
    fallbacks: [],
    contextWindowFallbacks: [],
    contentPolicyFallbacks: [],
    requestsPerMinute: null,
    tokensPerMinute: null,
    dailyBudgetUsd: null,
    monthlyBudgetUsd: null,
    updatedAt: new Date(0),
  };
}
