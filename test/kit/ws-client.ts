import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A graphql-ws client of the gateway whose GraphQL URL is `gatewayUrl` (http → ws), sending `connectionParams` (e.g.
 * `{ authorization: 'Bearer …' }`) in its `connection_init`, with no reconnection attempts, so that a test sees every
 * close. `options` adds other client options (e.g. `on` listeners).
 */
export function gatewayWsClient(gatewayUrl: string, connectionParams: Record<string, unknown>, options: Partial<ClientOptions> = {}): Client {
  return createClient({ url: gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, ...options });
}

/**
 * Subscribes with `payload` (a `workflowRunEvents` subscription: `query`, `variables`, optional `extensions`) and
 * collects each event until the server completes the subscription (`error` undefined) or answers with errors (the
 * GraphQL errors of a `next`, or what `error` received).
 */
export function collectRunEvents<TEvent>(
  client: Client,
  payload: { query: string; variables: Record<string, unknown>; extensions?: Record<string, unknown> },
): Promise<{ events: TEvent[]; error: unknown }> {
  return new Promise((resolve) => {
    const events: TEvent[] = [];
    client.subscribe<{ workflowRunEvents: TEvent }>(payload, {
      next: (result) => {
        if (result.data) events.push(result.data.workflowRunEvents);
        if (result.errors) resolve({ events, error: result.errors });
      },
      error: (error) => resolve({ events, error }),
      complete: () => resolve({ events, error: undefined }),
    });
  });
}
