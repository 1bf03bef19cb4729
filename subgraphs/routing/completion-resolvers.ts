import { requireScope } from '../../platform/auth/principal.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import { cooldownUntilByModel } from './loaders.ts';
import type { RoutingServices } from './routing-services.ts';
import { validateChatCompletion } from './services/completion-input.ts';

/**
 * Resolvers of chat completions: `createChatCompletion` (needs `routing:write`) maps its input to the completion
 * service, and `ModelProfile.cooldownUntil` reads the deployments' shared health. No logic here.
 */
export function completionResolvers(services: RoutingServices): Resolvers {
  return {
    Mutation: {
      createChatCompletion: (_parent, { input }, ctx) => {
        requireScope(ctx.principal, 'routing:write');
        return services.completions.complete(ctx.principal.tenantId, validateChatCompletion(input));
      },
    },
    ModelProfile: {
      cooldownUntil: (model, _args, ctx) => cooldownUntilByModel(ctx, services).load(model.id),
    },
  };
}
