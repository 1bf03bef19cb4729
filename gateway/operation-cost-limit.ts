import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { GatewayContext } from './gateway-context.ts';
import { CostEstimatedTooExpensiveError, toGraphQLError } from '../platform/errors.ts';
import { NO_COST_DIRECTIVES, readCostDirectives, type CostDirectives } from './cost-directives.ts';
import { estimateOperationCost, type CostedOperation } from './operation-cost.ts';

/** Options of {@link createOperationCostLimit}. */
export interface OperationCostLimitOptions {
  /** Largest estimated cost accepted (`MAX_QUERY_COST`); null = none, the estimate is only reported. */
  readonly maxCost: number | null;
  /** Size of a list nothing sizes, in items (`QUERY_COST_LIST_SIZE`). */
  readonly defaultListSize: number;
  /** Called once per refused operation (HTTP or subscription): the refusal counter. @defaultValue none */
  readonly onRefused?: (() => void) | undefined;
}

/** The gateway's cost limit: the Apollo Server plugin, the check subscriptions call, and the supergraph it reads. */
export interface OperationCostLimit {
  /** Refuses over-expensive operations in `didResolveOperation`; sets `extensions.cost.estimated` on answers. */
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  /**
   * Estimates `operation` against the newest supergraph. @returns the estimate.
   * @throws {@link CostEstimatedTooExpensiveError} (`details.cost`: `{ estimated, max }`) over the maximum.
   */
  check(operation: CostedOperation): number;
  /** Takes a loaded or reloaded supergraph: its API schema and `@cost`/`@listSize` (gateway `onSchemaLoadOrUpdate`). */
  useSupergraph(coreSupergraphSdl: string, apiSchema: GraphQLSchema): void;
}

/**
 * Demand control of the gateway, as Apollo Router's: each operation's cost is estimated before execution
 * (gateway/operation-cost.ts, the IBM GraphQL Cost Directives spec over the supergraph's `@cost`/`@listSize`) and one
 * over `maxCost` is refused with `COST_ESTIMATED_TOO_EXPENSIVE`, HTTP 400, `extensions.cost: { estimated, max }`,
 * before any plan is executed or subgraph called. Every other answer carries `extensions.cost.estimated`.
 * Subscription operations sent as plain HTTP are left to the transport check (subscription-transport.ts); the
 * WebSocket and SSE transports call {@link OperationCostLimit.check} themselves, and the queries the gateway makes
 * for a subscription it admitted (`context.internal`: replay pages of up to 1,000 events, batched run lookups) are
 * estimated but not refused.
 */
export function createOperationCostLimit(options: OperationCostLimitOptions): OperationCostLimit {
  let directives: CostDirectives = NO_COST_DIRECTIVES;
  let schema: GraphQLSchema | undefined;
  const estimate = (operation: CostedOperation, against: GraphQLSchema): number =>
    estimateOperationCost(operation, { schema: against, directives, defaultListSize: options.defaultListSize });
  const refuseOver = (estimated: number): void => {
    if (options.maxCost === null || estimated <= options.maxCost) return;
    options.onRefused?.();
    throw new CostEstimatedTooExpensiveError(
      `The operation's estimated cost ${estimated} is over the limit of ${options.maxCost} (MAX_QUERY_COST): ask for fewer items or fields`,
      { cost: { estimated, max: options.maxCost } },
    );
  };
  return {
    plugin: {
      requestDidStart: async () => {
        let estimated: number | undefined;
        return {
          didResolveOperation: async ({ document, operationName, request, operation, schema: apiSchema, contextValue }) => {
            if (operation?.operation === 'subscription') return;
            const cost = estimate({ document, operationName, variables: request.variables }, apiSchema);
            try {
              if (!contextValue.internal) refuseOver(cost);
            } catch (refusal) {
              const error = toGraphQLError(refusal);
              // Apollo Server answers an error thrown here with `extensions.http.status` (and strips it from the body).
              error.extensions['http'] = { status: 400 };
              throw error;
            }
            estimated = cost;
          },
          willSendResponse: async ({ response }) => {
            if (estimated === undefined || response.body.kind !== 'single') return;
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost: { estimated } };
          },
        };
      },
    },
    check(operation) {
      if (!schema) throw new Error('the supergraph is not loaded yet');
      const cost = estimate(operation, schema);
      refuseOver(cost);
      return cost;
    },
    useSupergraph(coreSupergraphSdl, apiSchema) {
      directives = readCostDirectives(coreSupergraphSdl);
      schema = apiSchema;
    },
  };
}
