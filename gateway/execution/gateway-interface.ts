import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';

/**
 * What `new ApolloServer({ gateway })` accepts (`GatewayInterface` of @apollo/server-gateway-interface, which
 * @apollo/server and @apollo/gateway each pin at their own major): `onSchemaLoadOrUpdate`, `load` and `stop`.
 * Derived from @apollo/server's constructor options, so that it is exactly the version the server calls.
 */
export type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** What {@link GatewayInterface.load} resolves to: the executor Apollo Server hands every operation to. */
export type GatewayLoadResult = Awaited<ReturnType<GatewayInterface['load']>>;

/** A gateway's executor: runs one validated operation, resolves to its `{ data, errors, extensions }`. */
export type GatewayExecutor = NonNullable<GatewayLoadResult['executor']>;

/** The request context Apollo Server passes to a {@link GatewayExecutor} (document, operation, variables, context, …). */
export type GatewayRequestContext = Parameters<GatewayExecutor>[0];

/** What a {@link GatewayExecutor} resolves to. */
export type GatewayExecutionResult = Awaited<ReturnType<GatewayExecutor>>;

/** The callback of {@link GatewayInterface.onSchemaLoadOrUpdate}: the new API schema and the supergraph SDL. */
export type GatewaySchemaListener = Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0];
