import type { Server } from 'node:http';
import { parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { LRUCache } from 'lru-cache';
import { WebSocketServer } from 'ws';
import type { Principal } from '../../platform/auth/principal.ts';
import { bearerToken, verifyToken } from '../../platform/auth/tokens.ts';
import { toGraphQLError, UnauthenticatedError } from '../../platform/errors.ts';
import type { EventDelivery } from './event-delivery.ts';

/** Interval of the WebSocket pings that keep idle connections open and detect dead ones, in ms. */
export const KEEP_ALIVE_MS = 12_000;
/** WebSocket close code sent to every client when the gateway shuts down: "Service Restart" (RFC 6455 §7.4 registry), reconnect. */
export const SHUTDOWN_CLOSE_CODE = 1012;

/** Options of {@link attachWebSocketSubscriptions}. */
export interface WebSocketSubscriptionsOptions {
  readonly httpServer: Server;
  /** Path of the GraphQL endpoint (`/graphql`). */
  readonly path: string;
  readonly delivery: EventDelivery;
  /** Verifies client tokens, as the HTTP endpoint does. */
  readonly auth: { readonly secret: string; readonly issuer: string | undefined };
  /** The principal of a connection without a token, when anonymous access is allowed. */
  readonly anonymous: Principal | undefined;
}

/** Close code of a socket whose token expired (graphql-ws' Unauthorized): reconnect with a new token. */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;

/** A connection's context: who it is, once `connection_init` checked its token, and its expiry timer. */
type ConnectionExtra = {
  principal?: Principal;
  expiry?: NodeJS.Timeout;
};

/** The per-subscription context handed from `onSubscribe` to `subscribe`. */
interface SubscriptionContext {
  readonly results: AsyncIterableIterator<ExecutionResult>;
}

/**
 * Serves GraphQL over WebSocket (`graphql-ws`, subprotocol `graphql-transport-ws`) on the gateway's HTTP server and
 * path. `connection_init` carries the token (`{ "authorization": "Bearer <jwt>" }`); a missing or invalid one closes
 * the socket with 4403 Forbidden (anonymous access aside), and the socket is closed with
 * {@link TOKEN_EXPIRED_CLOSE_CODE} when the token expires. Each `subscribe` goes to {@link EventDelivery}; refusals
 * (bad operation, missing scope, unknown run) come back as an `error` message with their `extensions.code`. Sockets
 * are pinged every {@link KEEP_ALIVE_MS}. Parsed documents are cached by their text (many subscribers send the same).
 * @returns `close()`: closes every socket with {@link SHUTDOWN_CLOSE_CODE}, then the WebSocket server.
 */
export function attachWebSocketSubscriptions(o: WebSocketSubscriptionsOptions): { close(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: o.httpServer, path: o.path });
  const documents = new LRUCache<string, DocumentNode>({ max: 1_000 });
  const parsed = (query: string): DocumentNode => {
    let document = documents.get(query);
    if (!document) {
      document = parse(query, { noLocation: true });
      documents.set(query, document);
    }
    return document;
  };
  const server = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      onConnect: async (ctx) => {
        const token = bearerToken(typeof ctx.connectionParams?.['authorization'] === 'string' ? ctx.connectionParams['authorization'] : undefined);
        if (!token) {
          if (!o.anonymous) return false;
          ctx.extra.principal = o.anonymous;
          return true;
        }
        try {
          const verified = await verifyToken(token, { secret: o.auth.secret, ...(o.auth.issuer ? { issuer: o.auth.issuer } : {}) });
          ctx.extra.principal = verified.principal;
          if (verified.expiresAt !== undefined) {
            const socket = ctx.extra.socket;
            ctx.extra.expiry = setTimeout(
              () => socket.close(TOKEN_EXPIRED_CLOSE_CODE, 'token expired: reconnect with a new token and resume after your last cursor'),
              Math.max(0, verified.expiresAt * 1000 - Date.now()),
            );
            ctx.extra.expiry.unref();
          }
          return true;
        } catch {
          return false;
        }
      },
      onClose: (ctx) => {
        if (ctx.extra.expiry) clearTimeout(ctx.extra.expiry);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const principal = ctx.extra.principal;
        try {
          if (!principal) throw new UnauthenticatedError('connection_init carried no valid token');
          const document = parsed(payload.query);
          const results = await o.delivery.subscribe({ document, operationName: payload.operationName, variables: payload.variables, principal });
          const context: SubscriptionContext = { results };
          return { schema: undefined as never, document, contextValue: context };
        } catch (error) {
          return [toGraphQLError(error)];
        }
      },
      // onSubscribe refuses every operation but a workflow event subscription, so graphql-ws never executes one itself.
      subscribe: (args) => (args.contextValue as SubscriptionContext).results,
    },
    wsServer,
    KEEP_ALIVE_MS,
  );
  return {
    async close() {
      for (const socket of wsServer.clients) socket.close(SHUTDOWN_CLOSE_CODE, 'gateway restarting; reconnect');
      await server.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

