import { requireScope } from '../../platform/auth/principal.ts';
import { scalarResolvers } from '../../platform/scalars.ts';
import { entityReference } from '../../platform/subgraph/entity-reference.ts';
import type { SubgraphContext } from '../../platform/subgraph/subgraph-context.ts';
import { completionResolvers } from './completion-resolvers.ts';
import type { ModelProfile } from './entities/model-profile.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import { decisionById, decisionsBySession, modelById, type RoutingLoaderServices } from './loaders.ts';
import { modelCallResolvers } from './model-call-resolvers.ts';
import { providerResolvers } from './provider-resolvers.ts';
import type { RoutingServices } from './routing-services.ts';

/** The services the routing resolvers call. */
export type RoutingResolverServices = RoutingServices & RoutingLoaderServices;

/**
 * Merges resolver maps type by type (a later map's field wins); each area of the subgraph (models and routing here,
 * providers, model calls, completions) keeps its resolvers in its own file.
 */
function mergeResolvers(...maps: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      // Scalars are class instances, not field maps: they are taken as they are.
      if (typeof fields !== 'object' || fields === null || Object.getPrototypeOf(fields) !== Object.prototype) {
        (merged as Record<string, unknown>)[type] = fields;
        continue;
      }
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
    }
  }
  return merged as Resolvers;
}

/**
 * Resolvers of the routing subgraph: scope checks and argument mapping only; the services own the logic.
 * Reads (including the `Session` extension fields) need `routing:read`, writes `routing:write`.
 */
export function createRoutingResolvers(services: RoutingResolverServices): Resolvers {
  return mergeResolvers(modelResolvers(services), providerResolvers(services), modelCallResolvers(services), completionResolvers(services));
}

/** Models, routing decisions and the `Session` extension. */
function modelResolvers(services: RoutingResolverServices): Resolvers {
  const loadModel = async (ctx: SubgraphContext, id: string): Promise<ModelProfile> => {
    const model = await modelById(ctx, services).load(id);
    // Decisions reference models by foreign key and models are never deleted, so this cannot happen.
    if (!model) throw new Error(`model ${id} of a decision is missing`);
    return model;
  };
  return {
    ...scalarResolvers,
    Query: {
      models: (_parent, _args, ctx) => {
        requireScope(ctx.principal, 'routing:read');
        return services.models.list(ctx.principal.tenantId);
      },
      routingDecision: (_parent, { id }, ctx) => {
        requireScope(ctx.principal, 'routing:read');
        return services.routing.find(ctx.principal.tenantId, id);
      },
    },
    Mutation: {
      upsertModel: (_parent, { input }, ctx) => {
        requireScope(ctx.principal, 'routing:write');
        return services.models.upsert(ctx.principal.tenantId, input);
      },
      route: (_parent, { input }, ctx) => {
        requireScope(ctx.principal, 'routing:write');
        return services.routing.route(ctx.principal.tenantId, input);
      },
      recordRoutingOutcome: (_parent, { decisionId, outcome }, ctx) => {
        requireScope(ctx.principal, 'routing:write');
        return services.outcomes.record(ctx.principal.tenantId, decisionId, outcome);
      },
    },
    ModelProfile: {
      __resolveReference: (reference, ctx) => {
        requireScope(ctx.principal, 'routing:read');
        return modelById(ctx, services).load(reference.id);
      },
    },
    RoutingDecision: {
      __resolveReference: (reference, ctx) => {
        requireScope(ctx.principal, 'routing:read');
        return decisionById(ctx, services).load(reference.id);
      },
      model: (decision, _args, ctx) => loadModel(ctx, decision.modelId),
      candidates: (decision, _args, ctx) =>
        Promise.all(decision.candidates.map(async ({ modelId, modelName: _name, ...scores }) => ({ ...scores, model: await loadModel(ctx, modelId) }))),
      // A reference the gateway resolves in the session subgraph.
      session: (decision) => entityReference('Session', decision.sessionId),
    },
    RoutingOutcome: {
      // Outcomes stored before the router recorded its own have no flag.
      observed: (outcome) => outcome.observed ?? false,
    },
    Session: {
      routingDecisions: (session, _args, ctx) => {
        requireScope(ctx.principal, 'routing:read');
        return decisionsBySession(ctx, services).load(session.id);
      },
    },
  };
}
