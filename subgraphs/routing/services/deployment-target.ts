import type { Dispatcher } from 'undici';
import type { EgressPolicy } from '../../../platform/egress/egress-policy.ts';
import { OrchestraError } from '../../../platform/errors.ts';
import type { ModelProfile } from '../entities/model-profile.ts';
import type { ProviderCatalog } from './provider-catalog.ts';
import { ProviderFailure } from './provider-failure.ts';

/** Where one call of a deployment goes, with which key, over which connection pool. */
export interface DeploymentTarget {
  /** The provider's (or the model's own endpoint's) OpenAI-compatible base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The key of that base URL's provider; undefined for a keyless endpoint. */
  readonly apiKey: string | undefined;
  /** The operator's pool for operator providers; the egress policy's (checked addresses only) for tenant-chosen targets. */
  readonly dispatcher: Dispatcher;
}

/** What {@link resolveDeploymentTarget} needs. */
export interface DeploymentTargetSources {
  readonly providers: Pick<ProviderCatalog, 'resolve'>;
  readonly egress: EgressPolicy;
  readonly operatorDispatcher: Dispatcher;
}

/**
 * The target of a call of `deployment` for the tenant: its provider's base URL and key (an operator provider's key
 * goes to that provider's own base URL only; a tenant provider's, decrypted, to its own), or the model's keyless
 * endpoint with no key. A tenant-chosen target (tenant provider, keyless endpoint) must pass the egress policy for
 * `${baseUrl}${path}` (e.g. `/chat/completions`, `/embeddings`) and is reached through the policy's pool.
 * @throws {@link ProviderFailure} `BAD_REQUEST` when the provider is not registered, `EGRESS_DENIED` when the policy
 *   refuses the target.
 */
export async function resolveDeploymentTarget(
  sources: DeploymentTargetSources,
  tenantId: string,
  deployment: ModelProfile,
  path: string,
): Promise<DeploymentTarget> {
  const provider = await sources.providers.resolve(tenantId, deployment.provider);
  let baseUrl: string;
  let apiKey: string | undefined;
  let egress: boolean;
  if (provider) {
    ({ baseUrl, apiKey, egress } = provider);
  } else if (deployment.endpoint) {
    // A keyless endpoint of the model's own: tenant-chosen, so under the egress policy, and never given a key.
    baseUrl = deployment.endpoint.replace(/\/+$/, '');
    apiKey = undefined;
    egress = true;
  } else {
    throw new ProviderFailure('BAD_REQUEST', `provider "${deployment.provider}" of model ${deployment.name} is not registered`);
  }
  if (egress) {
    try {
      await sources.egress.check(new URL(`${baseUrl}${path}`));
    } catch (error) {
      if (error instanceof OrchestraError) throw new ProviderFailure('EGRESS_DENIED', error.message);
      throw error;
    }
  }
  return { baseUrl, apiKey, dispatcher: egress ? sources.egress.dispatcher : sources.operatorDispatcher };
}
