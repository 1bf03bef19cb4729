import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { BadUserInputError } from '../../../platform/errors.ts';
import { ModelProfileSchema, type ModelProfile } from '../entities/model-profile.ts';
import type { ProviderCatalog } from './provider-catalog.ts';
import { ECHO_PROVIDER } from './routing-limits.ts';

/** Expected latency of the deployment of a `<provider>/<model>` name, in ms (shown on its ModelProfile only). */
export const OPERATOR_EMBEDDING_LATENCY_MS = 100;
/** Context window of the deployment of a `<provider>/<model>` name, in tokens (OpenAI's embedding models' input limit). */
export const OPERATOR_EMBEDDING_CONTEXT_TOKENS = 8191;
/** Quality of the deployment of a `<provider>/<model>` name (unused: embeddings are not scored). */
const OPERATOR_EMBEDDING_QUALITY = 0.5;

/**
 * Which deployments an embeddings request's `model` names, in this order:
 * - a model or group name of the tenant's enabled models (`upsertModel`): its deployments, the cheapest per input
 *   token first (then by name) — embeddings are not scored, and `echo` deployments make none;
 * - `<operatorProvider>/<providerModel>`, e.g. `openai/text-embedding-3-small`: the model `providerModel` of that
 *   operator provider (`LLM_PROVIDERS`), when the tenant may use it (what the memory subgraph's `EMBEDDINGS_MODEL`
 *   names). A model call needs a deployment (`ModelCall.deployment`), so its calls are recorded against a deployment
 *   of the tenant named exactly so, created on first use, **disabled** (never a chat candidate nor in `/v1/models`,
 *   but listed by `models`) and **unpriced** (cost 0). To price it, the tenant registers that name itself with
 *   `upsertModel` on the same provider and provider model, with its prices and `enabled: false`; enabled, it is a
 *   model of the tenant like any other (then also a candidate of chat completions that name no model).
 * Anything else is BAD_USER_INPUT (`field: model`).
 */
export class EmbeddingModels {
  private readonly profiles: Repository<ModelProfile>;

  /**
   * @param dataSource the routing subgraph's (`routing.model_profiles`).
   * @param providers tells operator providers and who may use them.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: Pick<ProviderCatalog, 'isOperatorProvider' | 'describe'>,
  ) {
    this.profiles = dataSource.getRepository(ModelProfileSchema);
  }

  /**
   * The deployments `model` names, in the order they are tried (see the class comment); `enabled` are the tenant's
   * enabled models (its routing state's).
   * @throws {@link BadUserInputError} (`field: model`) when it names none that makes embeddings.
   */
  async deploymentsOf(tenantId: string, model: string, enabled: readonly ModelProfile[]): Promise<readonly ModelProfile[]> {
    const named = enabled.filter((m) => m.name === model || m.group === model);
    if (named.length > 0) {
      const usable = named
        .filter((m) => m.provider !== ECHO_PROVIDER)
        .sort((a, b) => a.inputCostPer1kTokensUsd - b.inputCostPer1kTokensUsd || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (usable.length === 0) {
        throw new BadUserInputError(`The model '${model}' is on provider '${ECHO_PROVIDER}', which makes no embeddings`, { field: 'model', model });
      }
      return usable;
    }
    const slash = model.indexOf('/');
    const provider = slash > 0 ? model.slice(0, slash) : '';
    const providerModel = model.slice(slash + 1);
    if (provider && providerModel && this.providers.isOperatorProvider(provider)) {
      if (!(await this.providers.describe(tenantId, provider))) {
        throw new BadUserInputError(`The model '${model}' names operator provider '${provider}', which this tenant may not use`, { field: 'model', model });
      }
      return [await this.operatorDeployment(tenantId, model, provider, providerModel)];
    }
    throw new BadUserInputError(`The model '${model}' does not exist: name an enabled model or group of the tenant, or '<operatorProvider>/<providerModel>'`, {
      field: 'model',
      model,
    });
  }

  /**
   * The tenant's deployment named `name` for `providerModel` of operator provider `provider`: the existing one, or a
   * disabled, unpriced one created now (one INSERT, racing creators agree on the first).
   * @throws {@link BadUserInputError} when the tenant's model of that name is on another provider or provider model.
   */
  private async operatorDeployment(tenantId: string, name: string, provider: string, providerModel: string): Promise<ModelProfile> {
    let deployment = await this.profiles.findOneBy({ tenantId, name });
    if (!deployment) {
      await this.dataSource.query(
        `INSERT INTO routing.model_profiles (id, tenant_id, name, provider, endpoint, input_cost_per_1k_tokens_usd,
           output_cost_per_1k_tokens_usd, latency_ms, quality, context_window_tokens, enabled, group_name, provider_model)
         VALUES ($1, $2, $3, $4, NULL, 0, 0, $5, $6, $7, false, $3, $8)
         ON CONFLICT (tenant_id, name) DO NOTHING`,
        [randomUUID(), tenantId, name, provider, OPERATOR_EMBEDDING_LATENCY_MS, OPERATOR_EMBEDDING_QUALITY, OPERATOR_EMBEDDING_CONTEXT_TOKENS, providerModel],
      );
      deployment = await this.profiles.findOneByOrFail({ tenantId, name });
    }
    if (deployment.provider !== provider || deployment.providerModel !== providerModel || deployment.endpoint !== null) {
      throw new BadUserInputError(
        `The model '${name}' is a disabled model of the tenant on provider '${deployment.provider}' (model '${deployment.providerModel}'): enable it, or register it on '${provider}' with providerModel '${providerModel}'`,
        { field: 'model', model: name },
      );
    }
    return deployment;
  }
}
