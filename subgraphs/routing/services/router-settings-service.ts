import type { DataSource, Repository } from 'typeorm';
import { BadUserInputError } from '../../../platform/errors.ts';
import { defaultRouterSettings, RouterSettingsSchema, type ModelFallback, type RouterSettings } from '../entities/router-settings.ts';
import type { ModelFallbackInput, RouterSettingsInput } from '../generated/resolvers-types.ts';
import type { ModelCallLog } from './model-call-log.ts';
import { assertModelName } from './routing-limits.ts';
import type { RoutingStateVersions } from './routing-state-version.ts';

/** Most rules in one fallback list. */
export const MAX_FALLBACK_RULES = 100;
/** Most names one rule falls back to, in order (LiteLLM's `ROUTER_MAX_FALLBACKS`). */
export const MAX_FALLBACKS_PER_RULE = 5;
/** The `model` of a fallback rule that applies to any model. */
export const ANY_MODEL = '*';

/** The fallback lists of {@link RouterSettings}, by input field, with their columns. */
const FALLBACK_COLUMNS = {
  fallbacks: 'fallbacks',
  contextWindowFallbacks: 'context_window_fallbacks',
  contentPolicyFallbacks: 'content_policy_fallbacks',
} as const;
/** The limits and budgets of {@link RouterSettings}, by input field, with their columns. */
const NUMBER_COLUMNS = {
  requestsPerMinute: 'requests_per_minute',
  tokensPerMinute: 'tokens_per_minute',
  dailyBudgetUsd: 'daily_budget_usd',
  monthlyBudgetUsd: 'monthly_budget_usd',
} as const;

/** A row of `routing.router_settings` as `RETURNING *` gives it. */
interface RouterSettingsRow {
  tenant_id: string;
  fallbacks: ModelFallback[];
  context_window_fallbacks: ModelFallback[];
  content_policy_fallbacks: ModelFallback[];
  requests_per_minute: number | null;
  tokens_per_minute: number | null;
  daily_budget_usd: number | null;
  monthly_budget_usd: number | null;
  updated_at: Date;
}

/** A spending period of a budget, in UTC. */
export type SpendPeriod = 'day' | 'month';

/** Owns a tenant's router settings (fallbacks, limits, budgets) and reports what it spent per budget period. */
export class RouterSettingsService {
  private readonly settings: Repository<RouterSettings>;

  /**
   * @param calls the model call log, which the spend of a period is summed from.
   * @param versions told of every committed change, so that routing states reload (routing-state-version.ts).
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly calls: Pick<ModelCallLog, 'spentSinceUsd'>,
    private readonly versions: Pick<RoutingStateVersions, 'changed'>,
  ) {
    this.settings = dataSource.getRepository(RouterSettingsSchema);
  }

  /** The tenant's settings, or the defaults (no fallbacks, limits or budgets) when it saved none. */
  async get(tenantId: string): Promise<RouterSettings> {
    return (await this.settings.findOneBy({ tenantId })) ?? defaultRouterSettings(tenantId);
  }

  /**
   * Updates the tenant's settings in one upsert: a field left out is kept, a null clears it (an empty list, no limit,
   * no budget). Rules: each fallback list at most {@link MAX_FALLBACK_RULES} rules with distinct `model`s (a model or
   * group name of 1–200 characters without whitespace, or `*`), each with 1 to {@link MAX_FALLBACKS_PER_RULE}
   * fallback names (not `*`); limits are positive integers; budgets finite and ≥ 0.
   * @throws {@link BadUserInputError} naming the first offending field (nothing is written).
   */
  async update(tenantId: string, input: RouterSettingsInput): Promise<RouterSettings> {
    const sets: { column: string; value: unknown; cast: '' | '::jsonb' }[] = [];
    for (const [field, column] of Object.entries(FALLBACK_COLUMNS) as [keyof typeof FALLBACK_COLUMNS, string][]) {
      const rules = input[field];
      if (rules !== undefined) sets.push({ column, value: JSON.stringify(validateFallbacks(`input.${field}`, rules ?? [])), cast: '::jsonb' });
    }
    for (const [field, column] of Object.entries(NUMBER_COLUMNS) as [keyof typeof NUMBER_COLUMNS, string][]) {
      const value = input[field];
      if (value === undefined) continue;
      if (value !== null) validateNumber(`input.${field}`, field, value);
      sets.push({ column, value, cast: '' });
    }
    // Column names come from the constants above, never from the input; values are parameters.
    const rows: RouterSettingsRow[] = await this.dataSource.query(
      `INSERT INTO routing.router_settings (tenant_id${sets.map((s) => `, ${s.column}`).join('')})
       VALUES ($1${sets.map((s, i) => `, $${i + 2}${s.cast}`).join('')})
       ON CONFLICT (tenant_id) DO UPDATE SET ${[...sets.map((s) => `${s.column} = EXCLUDED.${s.column}`), 'updated_at = now()'].join(', ')}
       RETURNING *`,
      [tenantId, ...sets.map((s) => s.value)],
    );
    const row = rows[0];
    if (!row) throw new Error('the router settings upsert returned no row');
    await this.versions.changed(tenantId);
    return fromRow(row);
  }

  /** What the tenant's model calls cost since the start of the UTC day or month of `now`, in USD. */
  spentUsd(tenantId: string, period: SpendPeriod, now: Date = new Date()): Promise<number> {
    const since =
      period === 'day'
        ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
        : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    return this.calls.spentSinceUsd(tenantId, since);
  }
}

function validateFallbacks(field: string, rules: readonly ModelFallbackInput[]): ModelFallback[] {
  if (rules.length > MAX_FALLBACK_RULES) fail(field, `must have at most ${MAX_FALLBACK_RULES} rules`);
  const seen = new Set<string>();
  return rules.map((rule, i) => {
    if (rule.model !== ANY_MODEL) assertModelName(`${field}[${i}].model`, rule.model);
    if (seen.has(rule.model)) fail(`${field}[${i}].model`, `repeats "${rule.model}": give each model one rule`);
    seen.add(rule.model);
    if (rule.fallbacks.length < 1 || rule.fallbacks.length > MAX_FALLBACKS_PER_RULE) {
      fail(`${field}[${i}].fallbacks`, `must list 1 to ${MAX_FALLBACKS_PER_RULE} model or group names`);
    }
    rule.fallbacks.forEach((name, j) => {
      if (name === ANY_MODEL) fail(`${field}[${i}].fallbacks[${j}]`, `must name a model or group ("${ANY_MODEL}" only matches, as a rule's model)`);
      assertModelName(`${field}[${i}].fallbacks[${j}]`, name);
    });
    return { model: rule.model, fallbacks: [...rule.fallbacks] };
  });
}

function validateNumber(field: string, name: keyof typeof NUMBER_COLUMNS, value: number): void {
  if (name === 'requestsPerMinute' || name === 'tokensPerMinute') {
    if (!(Number.isInteger(value) && value > 0)) fail(field, 'must be a positive integer (null removes the limit)');
  } else if (!(Number.isFinite(value) && value >= 0)) {
    fail(field, 'must be a finite number of at least 0 (null removes the budget)');
  }
}

function fromRow(row: RouterSettingsRow): RouterSettings {
  return {
    tenantId: row.tenant_id,
    fallbacks: row.fallbacks,
    contextWindowFallbacks: row.context_window_fallbacks,
    contentPolicyFallbacks: row.content_policy_fallbacks,
    requestsPerMinute: row.requests_per_minute,
    tokensPerMinute: row.tokens_per_minute,
    dailyBudgetUsd: row.daily_budget_usd,
    monthlyBudgetUsd: row.monthly_budget_usd,
    updatedAt: row.updated_at,
  };
}

function fail(field: string, rule: string): never {
  throw new BadUserInputError(`"${field}" ${rule}`, { field });
}
