import type DataLoader from 'dataloader';
import { groupByKeys, pickByKeys } from '../../platform/loaders.ts';
import type { SubgraphContext } from '../../platform/subgraph/subgraph-context.ts';
import type { ModelCall } from './entities/model-call.ts';
import type { ModelProfile } from './entities/model-profile.ts';
import type { RoutingDecision } from './entities/routing-decision.ts';
import type { DeploymentHealth } from './services/deployment-health.ts';
import type { ModelCallLog } from './services/model-call-log.ts';
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

/** The request's loader of when a deployment's cooldown ends (null when it is not cooling down), by model id. */
export function cooldownUntilByModel(ctx: SubgraphContext, services: { readonly health: DeploymentHealth }): DataLoader<string, Date | null> {
  return ctx.loaders.get(`routing.cooldownUntilByModel`, async (ids: readonly string[]) => {
    const cooling = await services.health.cooldowns(ids);
    return ids.map((id) => {
      const until = cooling.get(id);
      return until === undefined ? null : new Date(until);
    });
  });
}

/** The services the model-call loaders read through. */
export interface ModelCallLoaderServices {
  readonly calls: ModelCallLog;
}

/** The request's loader of the tenant's model calls by id (null for unknown ids): one statement per batch. */
export function modelCallById(ctx: SubgraphContext, services: ModelCallLoaderServices): DataLoader<string, ModelCall | null> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`routing.modelCallById:${tenantId}`, async (ids: readonly string[]) =>
    pickByKeys(
      ids.map((id) => id.toLowerCase()),
      await services.calls.findMany(tenantId, ids),
      (c) => c.id,
    ),
  );
}

/**
 * The request's loader of what a session's model calls cost in USD (`Session.costUsd`: its ModelCalls plus the
 * outcome costs of its `route` decisions; 0 without any), by session id: one statement per batch.
 */
export function callCostBySession(ctx: SubgraphContext, services: ModelCallLoaderServices): DataLoader<string, number> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`routing.callCostBySession:${tenantId}`, async (ids: readonly string[]) => {
    const costs = await services.calls.costsOfSessions(tenantId, ids);
    return ids.map((id) => costs.get(id.toLowerCase()) ?? 0);
  });
}

/** The request's loader of what a run's model calls cost in USD (0 without any), by run id: one statement per batch. */
export function callCostByRun(ctx: SubgraphContext, services: ModelCallLoaderServices): DataLoader<string, number> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`routing.callCostByRun:${tenantId}`, async (ids: readonly string[]) => {
    const costs = await services.calls.costsOfRuns(tenantId, ids);
    return ids.map((id) => costs.get(id.toLowerCase()) ?? 0);
  });
}

/** The request's loader of a session's model calls (newest first, at most 1,000), by session id: one statement per batch. */
export function callsBySession(ctx: SubgraphContext, services: ModelCallLoaderServices): DataLoader<string, ModelCall[]> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`routing.callsBySession:${tenantId}`, async (ids: readonly string[]) =>
    groupByKeys(
      ids.map((id) => id.toLowerCase()),
      await services.calls.forSessions(tenantId, ids),
      (c) => c.sessionId ?? '',
    ),
  );
}

/** The request's loader of a run's model calls (oldest first, at most 1,000), by run id: one statement per batch. */
export function callsByRun(ctx: SubgraphContext, services: ModelCallLoaderServices): DataLoader<string, ModelCall[]> {
  const { tenantId } = ctx.principal;
  return ctx.loaders.get(`routing.callsByRun:${tenantId}`, async (ids: readonly string[]) =>
    groupByKeys(
      ids.map((id) => id.toLowerCase()),
      await services.calls.forRuns(tenantId, ids),
      (c) => c.runId ?? '',
    ),
  );
}
