import type { SubgraphDefinition } from '../../platform/subgraph/subgraph-definition.ts';
import { ModelProfileSchema } from './entities/model-profile.ts';
import { RoutingDecisionSchema } from './entities/routing-decision.ts';
import { ModelCallSchema } from './entities/model-call.ts';
import { ModelGroupSchema } from './entities/model-group.ts';
import { RouterSettingsSchema } from './entities/router-settings.ts';
import { TaskQualitySchema } from './entities/task-quality.ts';
import { TenantProviderSchema } from './entities/tenant-provider.ts';
import { CreateRouting1795231904819 } from './migrations/1795231904819-CreateRouting.ts';
import { ModelCalls1796300000000 } from './migrations/1796300000000-ModelCalls.ts';
import { RoutingEntityChanges1796700000000 } from './migrations/1796700000000-EntityChanges.ts';
import { RoutingEntityChangesPerTransaction1796800000000 } from './migrations/1796800000000-EntityChangesPerTransaction.ts';
import { createOpenAiRoutes } from './openai-routes.ts';
import { createRoutingResolvers } from './resolvers.ts';
import { createRoutingServices } from './routing-services.ts';

/**
 * The routing subgraph (Postgres schema `routing`): model profiles, routing decisions made by the scoring rule of
 * services/routing-score.ts, and their outcomes; extends `Session` with `routingDecisions` and `costUsd`. Also serves
 * the OpenAI-compatible `/v1/chat/completions` and `/v1/models` the gateway proxies (openai-routes.ts).
 */
export const routingSubgraph: SubgraphDefinition = {
  name: 'routing',
  entities: [ModelProfileSchema, RoutingDecisionSchema, TenantProviderSchema, ModelGroupSchema, RouterSettingsSchema, ModelCallSchema, TaskQualitySchema],
  migrations: [CreateRouting1795231904819, ModelCalls1796300000000, RoutingEntityChanges1796700000000, RoutingEntityChangesPerTransaction1796800000000],
  create(dependencies) {
    const services = createRoutingServices(dependencies);
    return Promise.resolve({
      resolvers: createRoutingResolvers(services),
      routes: createOpenAiRoutes(services),
      close: () => services.close(),
    });
  },
};
