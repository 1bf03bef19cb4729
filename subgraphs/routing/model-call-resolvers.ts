import { requireScope } from '../../platform/auth/principal.ts';
import type { SubgraphContext } from '../../platform/subgraph/subgraph-context.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import {
  callCostByRun,
  callCostBySession,
  callsByRun,
  callsBySession,
  decisionById,
  modelById,
  modelCallById,
  type ModelCallLoaderServices,
  type RoutingLoaderServices,
} from './loaders.ts';

/** The services the model-call resolvers read through. */
export type ModelCallResolverServices = ModelCallLoaderServices & RoutingLoaderServices;

/**
 * Resolvers of model calls: `Query.modelCall`, `modelCalls` (filtered, cursor-paged), `spend`, the `ModelCall`
 * entity, and what the calls add to `Session` and `WorkflowRun` (`costUsd`, `modelCalls`). Everything needs
 * `routing:read` (FORBIDDEN otherwise); lists and costs of many parents are batched by DataLoaders (one statement
 * per kind and request tick). `Session` and `WorkflowRun` are references of other subgraphs: a foreign or unknown
 * id simply has no calls (0 USD, an empty list), since every read is scoped to the caller's tenant.
 */
export function modelCallResolvers(services: ModelCallResolverServices): Resolvers {
  const read = (ctx: SubgraphContext): string => {
    requireScope(ctx.principal, 'routing:read');
    return ctx.principal.tenantId;
  };
  return {
    Query: {
      modelCall: (_parent, { id }, ctx) => services.calls.find(read(ctx), id),
      modelCalls: (_parent, { filter, first, after }, ctx) => services.calls.list(read(ctx), filter, { first, after }),
      spend: (_parent, { groupBy, filter }, ctx) => services.calls.spend(read(ctx), groupBy, filter),
    },
    ModelCall: {
      __resolveReference: (reference, ctx) => {
        read(ctx);
        return modelCallById(ctx, services).load(reference.id);
      },
      deployment: async (call, _args, ctx) => {
        const model = await modelById(ctx, services).load(call.modelId);
        // Calls reference models by foreign key and models are never deleted, so this cannot happen.
        if (!model) throw new Error(`model ${call.modelId} of call ${call.id} is missing`);
        return model;
      },
      // SDL `model` is the name sent to the provider; the deployment's own name is `deployment.name`.
      model: (call) => call.providerModel,
      routingDecision: (call, _args, ctx) => (call.routingDecisionId ? decisionById(ctx, services).load(call.routingDecisionId) : null),
    },
    Session: {
      costUsd: (session, _args, ctx) => (read(ctx), callCostBySession(ctx, services).load(session.id)),
      modelCalls: (session, _args, ctx) => (read(ctx), callsBySession(ctx, services).load(session.id)),
    },
    WorkflowRun: {
      costUsd: (run, _args, ctx) => (read(ctx), callCostByRun(ctx, services).load(run.id)),
      modelCalls: (run, _args, ctx) => (read(ctx), callsByRun(ctx, services).load(run.id)),
    },
  };
}
