import { randomUUID } from 'node:crypto';
import { In, type DataSource, type Repository } from 'typeorm';
import { isUuid } from '../../../platform/validation.ts';
import { ModelProfileSchema, type ModelProfile } from '../entities/model-profile.ts';
import type { ModelProfileInput } from '../generated/resolvers-types.ts';
import type { ProviderCatalog } from './provider-catalog.ts';
import { ECHO_PROVIDER, validateModelInput, type ModelProviderKind } from './routing-limits.ts';
import type { RoutingStateVersions } from './routing-state-version.ts';

/** What the model service asks the provider catalog: whether a model's provider is registered, and where. */
export type ModelProviderLookup = Pick<ProviderCatalog, 'describe' | 'isOperatorProvider'>;

/** Owns model profiles: creating or updating them by name, and reading them, always within one tenant. */
export class ModelService {
  private readonly models: Repository<ModelProfile>;

  /** @param providers tells registered providers (the operator's and the tenant's) from keyless endpoints' labels. */
  /** @param versions told of every committed change, so that routing states reload (routing-state-version.ts). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: ModelProviderLookup,
    private readonly versions: Pick<RoutingStateVersions, 'changed'>,
  ) {
    this.models = dataSource.getRepository(ModelProfileSchema);
  }

  /**
   * Creates the tenant's model `input.name`, or updates its configuration when it exists (one upsert). An update
   * resets `latencyMs` to the configured value and keeps `successRate` and `outcomeCount`. A model on `echo` or a
   * registered provider stores no endpoint; any other provider name needs the model's own (keyless) endpoint.
   * @throws {@link BadUserInputError} when the input breaks a rule of routing-limits.ts (nothing is written).
   */
  async upsert(tenantId: string, input: ModelProfileInput): Promise<ModelProfile> {
    const m = validateModelInput(input, await this.providerKind(tenantId, input.provider));
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO routing.model_profiles (id, tenant_id, name, provider, endpoint, input_cost_per_1k_tokens_usd,
         output_cost_per_1k_tokens_usd, latency_ms, quality, context_window_tokens, enabled, group_name, provider_model,
         requests_per_minute, tokens_per_minute)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (tenant_id, name) DO UPDATE SET provider = EXCLUDED.provider, endpoint = EXCLUDED.endpoint,
         input_cost_per_1k_tokens_usd = EXCLUDED.input_cost_per_1k_tokens_usd,
         output_cost_per_1k_tokens_usd = EXCLUDED.output_cost_per_1k_tokens_usd, latency_ms = EXCLUDED.latency_ms,
         quality = EXCLUDED.quality, context_window_tokens = EXCLUDED.context_window_tokens,
         enabled = EXCLUDED.enabled, group_name = EXCLUDED.group_name, provider_model = EXCLUDED.provider_model,
         requests_per_minute = EXCLUDED.requests_per_minute, tokens_per_minute = EXCLUDED.tokens_per_minute,
         updated_at = now()
       RETURNING id`,
      [
        randomUUID(),
        tenantId,
        m.name,
        m.provider,
        m.endpoint,
        m.inputCostPer1kTokensUsd,
        m.outputCostPer1kTokensUsd,
        m.latencyMs,
        m.quality,
        m.contextWindowTokens,
        m.enabled,
        m.group,
        m.providerModel,
        m.requestsPerMinute,
        m.tokensPerMinute,
      ],
    );
    await this.versions.changed(tenantId);
    return this.models.findOneByOrFail({ tenantId, id: rows[0]?.id ?? '' });
  }

  /** What `provider` is for the tenant, as far as a model's endpoint goes. */
  private async providerKind(tenantId: string, provider: string): Promise<ModelProviderKind> {
    if (provider === ECHO_PROVIDER) return { kind: 'echo' };
    const registered = await this.providers.describe(tenantId, provider);
    if (registered) return { kind: 'registered', baseUrl: registered.baseUrl };
    return this.providers.isOperatorProvider(provider) ? { kind: 'unavailable' } : { kind: 'keyless' };
  }

  /** The tenant's models (enabled or not), by name. */
  list(tenantId: string): Promise<ModelProfile[]> {
    return this.models.find({ where: { tenantId }, order: { name: 'ASC' } });
  }

  /** The tenant's enabled models, by name (the candidates of `route`). */
  listEnabled(tenantId: string): Promise<ModelProfile[]> {
    return this.models.find({ where: { tenantId, enabled: true }, order: { name: 'ASC' } });
  }

  /** The tenant's models among `ids` (non-UUIDs skipped), in one statement, in no particular order. */
  async findMany(tenantId: string, ids: readonly string[]): Promise<ModelProfile[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.models.findBy({ tenantId, id: In(valid) });
  }
}
