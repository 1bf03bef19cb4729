import { Agent } from 'undici';
import { createEgressPolicy } from '../../platform/egress/egress-policy.ts';
import { createSecretBox } from '../../platform/secrets/secret-box.ts';
import type { SubgraphDependencies } from '../../platform/subgraph/subgraph-definition.ts';
import { CompletionLimits } from './services/completion-limits.ts';
import { CompletionService } from './services/completion-service.ts';
import { createDeploymentHealth, type DeploymentHealth } from './services/deployment-health.ts';
import { EmbeddingModels } from './services/embedding-models.ts';
import { EmbeddingService } from './services/embedding-service.ts';
import { ModelCallLog } from './services/model-call-log.ts';
import { ModelGroupService } from './services/model-group-service.ts';
import { ModelService } from './services/model-service.ts';
import { OutcomeService } from './services/outcome-service.ts';
import { ProviderCatalog } from './services/provider-catalog.ts';
import { RouterSettingsService } from './services/router-settings-service.ts';
import { RoutingService } from './services/routing-service.ts';
import { createRoutingStateVersions } from './services/routing-state-version.ts';
import { RoutingStateCache } from './services/routing-state.ts';

/**
 * Every service of the routing subgraph, built once per process from its dependencies (the composition root: the
 * only place that knows how services depend on each other). Resolvers and HTTP routes receive this object.
 */
export interface RoutingServices {
  readonly models: ModelService;
  readonly routing: RoutingService;
  readonly outcomes: OutcomeService;
  /** Operator and tenant providers; the only holder of keys (`resolve`). */
  readonly providers: ProviderCatalog;
  readonly groups: ModelGroupService;
  readonly settings: RouterSettingsService;
  readonly calls: ModelCallLog;
  /** Failures, cooldowns and calls in flight per deployment, shared by every instance through Redis. */
  readonly health: DeploymentHealth;
  /** Chat completions: the one code path of every model call. */
  readonly completions: CompletionService;
  /** Embeddings (`/v1/embeddings`): the same providers, keys, limits, budgets and call log as completions. */
  readonly embeddings: EmbeddingService;
  /** Closes the outbound connection pools (idempotent). */
  close(): Promise<void>;
}

/** Builds the routing services over the subgraph's DataSource, Redis and configuration. */
export function createRoutingServices({ dataSource, config, redis, logger }: SubgraphDependencies): RoutingServices {
  const providers = new ProviderCatalog(dataSource, config.models.providers, createSecretBox(config.models.secretsEncryptionKey));
  const versions = createRoutingStateVersions(redis?.client, config.redis.keyPrefix);
  const models = new ModelService(dataSource, providers, versions);
  const calls = new ModelCallLog(dataSource);
  const groups = new ModelGroupService(dataSource, models, versions);
  const settings = new RouterSettingsService(dataSource, calls, versions);
  const states = new RoutingStateCache(dataSource, versions, models, settings, { maxAgeMs: config.models.routingStateMaxAgeMs });
  const routing = new RoutingService(dataSource, states);
  const outcomes = new OutcomeService(dataSource, versions);
  const health = createDeploymentHealth({
    redis: redis?.client,
    keyPrefix: config.redis.keyPrefix,
    allowedFails: config.models.allowedFails,
    cooldownMs: config.models.cooldownSeconds * 1000,
  });
  // Tenant-chosen targets (tenant providers, keyless endpoints) go through the egress policy; the operator's own
  // providers are not tenant-chosen and get a plain pool.
  const egress = createEgressPolicy({ allow: config.egress.allow });
  const operatorDispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const limits = new CompletionLimits(redis?.client, config.redis.keyPrefix);
  const retry = {
    timeoutMs: config.models.timeoutMs,
    maxRetries: config.models.maxRetries,
    retryInitialMs: config.models.retryInitialMs,
    retryMaxMs: config.models.retryMaxMs,
  };
  const completions = new CompletionService({
    models,
    routing,
    providers,
    states,
    calls,
    outcomes,
    health,
    limits,
    egress,
    operatorDispatcher,
    retry,
    logger,
  });
  const embeddings = new EmbeddingService({
    models: new EmbeddingModels(dataSource, providers),
    providers,
    states,
    calls,
    health,
    limits,
    egress,
    operatorDispatcher,
    retry,
    logger,
  });
  let closed: Promise<void> | undefined;
  return {
    models,
    providers,
    groups,
    settings,
    calls,
    routing,
    outcomes,
    health,
    completions,
    embeddings,
    close: () => (closed ??= Promise.all([egress.close(), operatorDispatcher.close()]).then(() => undefined)),
  };
}
