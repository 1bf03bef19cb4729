import { requireScope } from '../../platform/auth/principal.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import type { RoutingServices } from './routing-services.ts';

/** The services the provider, model group and router settings resolvers call. */
export type ProviderResolverServices = Pick<RoutingServices, 'providers' | 'groups' | 'settings'>;

/**
 * Resolvers of providers, model groups and router settings: scope checks and argument mapping only (the services
 * validate and own the logic). Reads need `routing:read`, writes `routing:write`. No resolver ever sees a key:
 * `Provider` resolves from a `ProviderDescription`, which has none.
 */
export function providerResolvers(services: ProviderResolverServices): Resolvers {
  return {
    Query: {
      providers: (_parent, _args, ctx) => {
        requireScope(ctx.principal, 'routing:read');
        return services.providers.list(ctx.principal.tenantId);
      },
      modelGroups: (_parent, _args, ctx) => {
        requireScope(ctx.principal, 'routing:read');
        return services.groups.list(ctx.principal.tenantId);
      },
      routerSettings: (_parent, _args, ctx) => {
        requireScope(ctx.principal, 'routing:read');
        return services.settings.get(ctx.principal.tenantId);
      },
    },
    Mutation: {
      upsertProvider: (_parent, { input }, ctx) => {
        requireScope(ctx.principal, 'routing:write');
        return services.providers.upsert(ctx.principal.tenantId, input);
      },
      deleteProvider: (_parent, { name }, ctx) => {
        requireScope(ctx.principal, 'routing:write');
        return services.providers.delete(ctx.principal.tenantId, name);
      },
      upsertModelGroup: (_parent, { input }, ctx) => {
        requireScope(ctx.principal, 'routing:write');
        return services.groups.upsert(ctx.principal.tenantId, input);
      },
      updateRouterSettings: (_parent, { input }, ctx) => {
        requireScope(ctx.principal, 'routing:write');
        return services.settings.update(ctx.principal.tenantId, input);
      },
    },
    Provider: {
      __resolveReference: (reference, ctx) => {
        requireScope(ctx.principal, 'routing:read');
        return services.providers.find(ctx.principal.tenantId, reference.id);
      },
    },
    RouterSettings: {
      spentTodayUsd: (_settings, _args, ctx) => services.settings.spentUsd(ctx.principal.tenantId, 'day'),
      spentThisMonthUsd: (_settings, _args, ctx) => services.settings.spentUsd(ctx.principal.tenantId, 'month'),
    },
  };
}
