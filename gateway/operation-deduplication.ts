import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { principalKey } from '../platform/auth/principal.ts';
import type { GatewayContext } from './gateway-context.ts';

/** Options of {@link createOperationDeduplication}. */
export interface OperationDeduplicationOptions {
  /** Called each time an operation is answered with another one's result (for metrics). */
  readonly onShared?: () => void;
}

/** What a leader's followers get: its response, or null when they must execute themselves. */
type SharedResponse = GraphQLResponse | null;

/**
 * In-flight deduplication of whole operations, as an Apollo Server plugin: while a query executes, an identical one
 * — same document (by hash), operation name and variables (their JSON text), and the same principal
 * ({@link principalKey}: tenant, subject, scopes) — waits for it instead of executing again, and is answered with
 * its result: the same data, formatted errors, status and headers. Mutations and subscriptions always execute; two
 * principals never share. Hive Gateway calls the same thing "deduplicate inflight requests".
 *
 * The leader is registered in `responseForOperation` (after parsing, validation and variable coercion, so a bad
 * request never waits) and settled in `willSendResponse`, which Apollo Server calls on every path after it. A leader
 * whose response is incremental (`@defer`) or that ends without one leaves its followers to execute themselves.
 * When a mutation's response is sent, every leader in flight stops taking followers: a query sent after a write's
 * answer never gets a result read before it (read your writes). A follower may get a result read up to one execution
 * time before it arrived, as a cache of age 0 would.
 * @returns the plugin, and `inFlight()`: how many operations lead now (for tests and metrics).
 */
export function createOperationDeduplication(options: OperationDeduplicationOptions = {}): {
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  inFlight(): number;
} {
  const leaders = new Map<string, Promise<SharedResponse>>();
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      let led: { key: string; promise: Promise<SharedResponse>; settle: (response: SharedResponse) => void } | undefined;
      let wrote = false;
      return {
        async responseForOperation(requestContext) {
          if (requestContext.operation.operation !== 'query') {
            wrote = requestContext.operation.operation === 'mutation';
            return null;
          }
          const principal = requestContext.contextValue.principal;
          const key = [
            principalKey(principal),
            requestContext.queryHash,
            requestContext.operationName ?? '',
            JSON.stringify(requestContext.request.variables ?? {}),
          ].join('\u0000');
          const leader = leaders.get(key);
          if (leader) {
            const shared = await leader;
            if (shared) options.onShared?.();
            return shared && copyResponse(shared);
          }
          let settle!: (response: SharedResponse) => void;
          const promise = new Promise<SharedResponse>((resolve) => {
            settle = resolve;
          });
          leaders.set(key, promise);
          led = { key, promise, settle };
          return null;
        },
        async willSendResponse(requestContext) {
          // A query that arrives after a mutation's answer never joins one that started before it: read your writes.
          if (wrote) leaders.clear();
          if (!led) return;
          if (leaders.get(led.key) === led.promise) leaders.delete(led.key);
          const { body, http } = requestContext.response;
          led.settle(body?.kind === 'single' ? { body: { kind: 'single', singleResult: body.singleResult }, http: copyHead(http) } : null);
          led = undefined;
        },
      };
    },
  };
  return { plugin, inFlight: () => leaders.size };
}

/** A response to hand to one follower: the result object is shared (it is only serialised), the head is its own. */
function copyResponse(response: GraphQLResponse): GraphQLResponse {
  return { body: response.body, http: copyHead(response.http) };
}

function copyHead(http: GraphQLResponse['http']): GraphQLResponse['http'] {
  return { ...(http.status !== undefined ? { status: http.status } : {}), headers: new HeaderMap(http.headers) };
}
