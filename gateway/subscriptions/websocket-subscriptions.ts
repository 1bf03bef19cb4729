import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionResult } from 'graphql';
import { MessageType } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { Authenticator } from '../../platform/auth/authenticate.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { bearerToken } from '../../platform/auth/tokens.ts';
import { UnauthenticatedError } from '../../platform/errors.ts';
import type { ApiKeyRevocationWatch } from './api-key-revocation-watch.ts';
import type { ResultWriter } from './delivery-stream.ts';
import type { EventDelivery } from './event-delivery.ts';
import type { SharedResult } from './shared-result.ts';
import { SubscribeSpan, subscribeParent } from './subscription-spans.ts';
import { encodeTextFrame } from './websocket-frame.ts';
import { WebSocketKeepAlive } from './websocket-keep-alive.ts';

/** Default of {@link WebSocketSubscriptionsOptions.keepAliveMs}. */
export const DEFAULT_KEEP_ALIVE_MS = 12_000;
/** WebSocket close code sent to every client when the gateway shuts down: "Service Restart" (RFC 6455 §7.4 registry), reconnect. */
export const SHUTDOWN_CLOSE_CODE = 1012;

/** Options of {@link attachWebSocketSubscriptions}. */
export interface WebSocketSubscriptionsOptions {
  readonly httpServer: Server;
  /** Path of the GraphQL endpoint (`/graphql`). */
  readonly path: string;
  readonly delivery: EventDelivery;
  /** Verifies client tokens: the gateway's one authenticator, the same as the HTTP endpoint's (HS256 and JWKS). */
  readonly authenticate: Authenticator;
  /**
   * Counts each `subscribe` against the principal's request rate limits. @throws a RateLimitedError when over
   * them (the subscription is refused with RATE_LIMITED). @defaultValue no limit
   */
  readonly admit?: ((principal: Principal) => Promise<void>) | undefined;
  /** The principal of a connection without a token, when anonymous access is allowed. */
  readonly anonymous: Principal | undefined;
  /**
   * Interval of the WebSocket pings that keep idle connections open through proxies and detect dead peers (a peer
   * that does not answer one with a pong before the next is terminated), in ms; 0 = none.
   * @defaultValue {@link DEFAULT_KEEP_ALIVE_MS}
   */
  readonly keepAliveMs?: number;
  /**
   * Resolves a subscribe payload's persisted document (`documentId` / `extensions.persistedQuery`) and applies
   * `TRUSTED_DOCUMENTS` (gateway/trusted-documents.ts `TrustedDocuments.resolve`); none = the payload as sent.
   */
  readonly resolveDocument?: (payload: Record<string, unknown>) => Promise<{ query?: unknown }>;
  /**
   * Ends connections authenticated with a partner API key when the key is revoked (closed with
   * {@link TOKEN_EXPIRED_CLOSE_CODE}); none = they last until closed or their key expires.
   */
  readonly revocations?: ApiKeyRevocationWatch;
}

/** Close code of a socket whose token expired (graphql-ws' Unauthorized): reconnect with a new token. */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;

/** A connection's context: who it is, once `connection_init` checked its token, its expiry timer and revocation watch. */
type ConnectionExtra = {
  principal?: Principal;
  expiry?: NodeJS.Timeout;
  unwatch?: () => void;
};

/** The per-subscription context handed from `onSubscribe` to `subscribe`. */
interface SubscriptionContext {
  readonly results: AsyncIterableIterator<ExecutionResult>;
}

/**
 * Writes one subscription's `next` messages (graphql-transport-ws, "Next") straight onto its connection: each message
 * is one WebSocket frame ({@link encodeTextFrame}) holding the subscription's own prefix, then the result's JSON —
 * serialised and encoded once for every subscriber it goes to — written to the TCP socket in one `write`. A delivery
 * thus costs one buffer copy and one socket write, instead of graphql-ws' per-subscriber serialisation and promise
 * chain and `ws`' per-message string flattening, options and corked two-part write. graphql-ws still runs the
 * protocol (handshake, subscribe, complete, close) through `ws`, and sends the `complete` once the stream ends, after
 * these messages.
 *
 * Frames go out whole and in call order next to those of `ws`, which writes each of its frames synchronously to the
 * same socket as long as it never defers one: permessage-deflate stays off ({@link attachWebSocketSubscriptions}).
 * Once `ws` has begun the closing handshake (its close frame sent, RFC 6455 §5.5.1), no data frame may follow: the
 * message is then dropped, as `ws` drops a send on a closing socket.
 */
class WebSocketResultWriter implements ResultWriter {
  private readonly prefix: Buffer;

  /**
   * @param socket - the `ws` socket of the connection (its state says whether frames may still be sent);
   * @param connection - the TCP socket under it (the HTTP upgrade request's socket), written to directly;
   * @param id - the subscription's id (graphql-transport-ws `subscribe` message).
   */
  constructor(
    private readonly socket: WebSocket,
    private readonly connection: Duplex,
    id: string,
  ) {
    this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"${MessageType.Next}","payload":`);
  }

  write(result: SharedResult, written: () => void): void {
    if (this.socket.readyState !== WebSocket.OPEN || this.connection.destroyed) {
      written();
      return;
    }
    // The callback runs once the frame was handed to the kernel, or with an error (which `written` ignores) when the
    // socket closed.
    this.connection.write(encodeTextFrame([this.prefix, result.utf8(), CLOSING_BRACE]), written);
  }
}

const CLOSING_BRACE = Buffer.from('}');

/**
 * Serves GraphQL over WebSocket (`graphql-ws`, subprotocol `graphql-transport-ws`) on the gateway's HTTP server and
 * path. `connection_init` carries the token (`{ "authorization": "Bearer <jwt>" }`); a missing or invalid one closes
 * the socket with 4403 Forbidden (anonymous access aside), and the socket is closed with
 * {@link TOKEN_EXPIRED_CLOSE_CODE} when the token expires, or when the partner API key it carried is revoked. Each `subscribe` goes to {@link EventDelivery}; refusals
 * (bad operation, missing scope, unknown run) come back as an `error` message with their `extensions.code`. Each
 * `subscribe` is a {@link SubscribeSpan} (parent: `traceparent` in the message's `extensions` or the
 * `connection_init` payload), and errors carry its `extensions.traceId`. Sockets
 * are pinged every `keepAliveMs`. Documents are parsed once per text by the delivery (many subscribers send the same).
 * @returns `close()`: closes every socket with {@link SHUTDOWN_CLOSE_CODE}, then the WebSocket server.
 */
export function attachWebSocketSubscriptions(o: WebSocketSubscriptionsOptions): { close(): Promise<void> } {
  // No permessage-deflate: `ws` then writes every frame at once, which the result writers' own frames rely on.
  const wsServer = new WebSocketServer({ server: o.httpServer, path: o.path, perMessageDeflate: false });
  const server = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      onConnect: async (ctx) => {
        const authorization = typeof ctx.connectionParams?.['authorization'] === 'string' ? ctx.connectionParams['authorization'] : undefined;
        const token = bearerToken(authorization);
        if (!token) {
          if (!o.anonymous) return false;
          ctx.extra.principal = o.anonymous;
          return true;
        }
        try {
          const verified = await o.authenticate(authorization);
          ctx.extra.principal = verified.principal;
          if (verified.expiresAt !== undefined) {
            const socket = ctx.extra.socket;
            ctx.extra.expiry = setTimeout(
              () => socket.close(TOKEN_EXPIRED_CLOSE_CODE, 'token expired: reconnect with a new token and resume after your last cursor'),
              Math.max(0, verified.expiresAt * 1000 - Date.now()),
            );
            ctx.extra.expiry.unref();
          }
          const keyId = verified.principal.apiKeyId;
          // A socket closed meanwhile already ran onClose: watching it now would never stop.
          if (keyId !== undefined && o.revocations && ctx.extra.socket.readyState === WebSocket.OPEN) {
            const socket = ctx.extra.socket;
            ctx.extra.unwatch = o.revocations.watch(keyId, () =>
              socket.close(TOKEN_EXPIRED_CLOSE_CODE, 'API key revoked: reconnect with another credential and resume after your last cursor'),
            );
          }
          return true;
        } catch {
          return false;
        }
      },
      onClose: (ctx) => {
        if (ctx.extra.expiry) clearTimeout(ctx.extra.expiry);
        ctx.extra.unwatch?.();
      },
      onSubscribe: async (ctx, id, payload) => {
        const principal = ctx.extra.principal;
        const span = new SubscribeSpan('websocket', subscribeParent(payload.extensions, ctx.connectionParams));
        try {
          if (!principal) throw new UnauthenticatedError('connection_init carried no valid token');
          await o.admit?.(principal);
          // graphql-ws requires a string `query`: a persisted document is sent as `query: ""` with its `documentId`
          // (or `extensions.persistedQuery`), which `resolveDocument` turns into its text.
          const request = o.resolveDocument ? await o.resolveDocument({ ...payload, query: payload.query === '' ? undefined : payload.query }) : payload;
          const query = typeof request.query === 'string' ? request.query : '';
          const { operationName, variables } = payload;
          span.describe(query, operationName, variables, (text) => o.delivery.parse(text));
          const results = await span.run(() => o.delivery.subscribe({ query, operationName, variables, principal, trace: span.link }));
          results.writeTo(new WebSocketResultWriter(ctx.extra.socket, ctx.extra.request.socket, id));
          const document = o.delivery.parse(query);
          const context: SubscriptionContext = { results };
          span.admitted();
          return { schema: undefined as never, document, contextValue: context };
        } catch (error) {
          return [span.refused(error)];
        }
      },
      // onSubscribe refuses every operation but an event subscription (of a feed), so graphql-ws never executes one itself.
      subscribe: (args) => (args.contextValue as SubscriptionContext).results,
    },
    wsServer,
    // Our keep-alive instead of graphql-ws' (two timers and a listener per socket and ping, pings in bursts).
    0,
  );
  const keepAliveMs = o.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS;
  const keepAlive = keepAliveMs > 0 ? new WebSocketKeepAlive(wsServer, keepAliveMs) : undefined;
  return {
    async close() {
      keepAlive?.close();
      for (const socket of wsServer.clients) socket.close(SHUTDOWN_CLOSE_CODE, 'gateway restarting; reconnect');
      await server.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
