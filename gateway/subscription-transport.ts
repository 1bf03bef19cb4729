import type { ApolloServerPlugin } from '@apollo/server';
import { SubscriptionTransportRequiredError, toGraphQLError } from '../platform/errors.ts';

/**
 * An Apollo Server plugin refusing subscription operations that reach Apollo as plain HTTP requests (the graphql-sse
 * route takes those with `Accept: text/event-stream` before Apollo sees them): HTTP 400
 * SUBSCRIPTION_TRANSPORT_REQUIRED, naming the transports that serve them, instead of the gateway's executor failing
 * (a 500). Refused once the operation is known, before any plan or subgraph call.
 */
export function createSubscriptionTransportCheck<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation }) => {
        if (operation?.operation !== 'subscription') return;
        const error = toGraphQLError(
          new SubscriptionTransportRequiredError(
            'Subscriptions are served over WebSocket (subprotocol graphql-transport-ws) or SSE (Accept: text/event-stream) on this URL, not as a plain HTTP request',
          ),
        );
        // Apollo Server answers an error thrown here with `extensions.http.status` (and strips it from the body).
        error.extensions['http'] = { status: 400 };
        throw error;
      },
    }),
  };
}
