import type DataLoader from 'dataloader';
import { groupByKeys, pickByKeys } from '../../platform/loaders.ts';
import type { SubgraphContext } from '../../platform/subgraph/subgraph-context.ts';
import type { ModelProfile } from './entities/model-profile.ts';
import type { RoutingDecision } from './entities/routing-decision.ts';
import type { ModelService } from './services/model-service.ts';
import type { RoutingService } from './services/routing-service.ts';

/** The services the routing loaders read through. */
export interface RoutingLoaderServices {
  readonly models: ModelService;
  readonly routing: RoutingService;
}

/** The request's loader of the tenant's models by id (null for unknown ids): one statement per batch. */
export function modelById(ctx: SubgraphContext, services: RoutingLoaderServices): DataLoader<string, ModelProfile | null> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`routing.modelById:${tenantId}`, async (ids: readonly string[]) =>
    pickByKeys(ids, await services.models.findMany(tenantId, ids), (m) => m.id),
  );
}

/** The request's loader of the tenant's routing decisions by id (null for unknown ids): one statement per batch. */
export function decisionById(ctx: SubgraphContext, services: RoutingLoaderServices): DataLoader<string, RoutingDecision | null> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`routing.decisionById:${tenantId}`, async (ids: readonly string[]) =>
    pickByKeys(ids, await services.routing.findMany(tenantId, ids), (d) => d.id),
  );
}

/** The request's loader of a session's routing decisions (newest first), by session id. */
export function decisionsBySession(ctx: SubgraphContext, services: RoutingLoaderServices): DataLoader<string, RoutingDecision[]> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`routing.decisionsBySession:${tenantId}`, async (ids: readonly string[]) =>
    groupByKeys(ids, await services.routing.forSessions(tenantId, ids), (d) => d.sessionId ?? ''),
  );
}

/** The request's loader of a session's summed outcome cost in USD (0 without outcomes), by session id. */
export function costBySession(ctx: SubgraphContext, services: RoutingLoaderServices): DataLoader<string, number> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`routing.costBySession:${tenantId}`, async (ids: readonly string[]) => {
    const costs = await services.routing.costsOfSessions(tenantId, ids);
    return ids.map((id) => costs.get(id) ?? 0);
  });
}
