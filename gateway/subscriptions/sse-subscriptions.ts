import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { context } from '@opentelemetry/api';
import type { GraphQLError } from 'graphql';
import { createHandler, type Request as SseRequest, type Response as SseResponse } from 'graphql-sse';
import { principalKey, type Principal } from '../../platform/auth/principal.ts';
import { ERROR_CODES, ForbiddenError, toGraphQLError, UnauthenticatedError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ApiKeyRevocationWatch } from './api-key-revocation-watch.ts';
import type { DeliveryStream } from './delivery-stream.ts';
import type { EventDelivery } from './event-delivery.ts';
import { SubscribeSpan } from './subscription-spans.ts';

/** Header and query parameter of graphql-sse's single connection mode (its stream reservation token). */
export const STREAM_TOKEN_HEADER = 'x-graphql-event-stream-token';
const STREAM_TOKEN_QUERY = 'token';

/** Options of {@link createSseSubscriptions}. */
export interface SseSubscriptionsOptions {
  readonly delivery: EventDelivery;
  /** Signs the single connection mode's stream tokens, binding each to the identity that reserved it. */
  readonly secret: string;
  readonly logger: Logger;
  /**
   * Ends subscriptions made with a partner API key when the key is revoked (UNAUTHENTICATED with
   * `extensions.lastCursor`); none = they last until ended or their key expires.
   */
  readonly revocations?: ApiKeyRevocationWatch;
}

/** What the route hands graphql-sse with each request: who asks (set by the authentication middleware). */
interface RequestContext {
  readonly res: Response;
}

/** GraphQL over SSE on the gateway's `/graphql`: an Express route, with `close()` for shutdown. */
export interface SseSubscriptions {
  /** Whether a request on `/graphql` belongs to GraphQL over SSE (else it is a plain GraphQL request). */
  accepts(req: Request): boolean;
  /** The route (after authentication and body parsing). */
  handle(req: Request, res: Response, next: NextFunction): void;
  /** Drops every open event stream (clients reconnect, with `Last-Event-ID`) and ends its subscriptions. */
  close(): void;
}

/**
 * Serves event subscriptions (workflow and session events) over SSE (`graphql-sse`, both modes of its protocol, on the same path as
 * queries): "distinct connections" (`GET`/`POST` with `Accept: text/event-stream`, one subscription per response) and
 * "single connection" (`PUT` reserves a stream token, `GET` opens the stream, `POST`s with the token add operations,
 * `DELETE ?operationId=` ends one). The principal comes from the route's authentication (`Authorization: Bearer`), as
 * for queries; a stream token only works for the identity that reserved it.
 *
 * Every `next` event carries `id: <cursor>` (the SSE event id, WHATWG HTML §9.2), so an `EventSource` that
 * reconnects sends `Last-Event-ID` and, in distinct connections mode, resumes right after it — from the stream or
 * Postgres, with no gap or duplicate. Results also carry `extensions.cursor`. When the request's token expires, the
 * subscription ends with an UNAUTHENTICATED error (`extensions.lastCursor`): resubscribe with a new token. So it does
 * when the partner API key it was made with is revoked (`extensions.reason: "revoked"`), on every gateway instance.
 * Each subscription is a {@link SubscribeSpan}, a child of its request's HTTP span; its errors carry `extensions.traceId`.
 */
export function createSseSubscriptions(o: SseSubscriptionsOptions): SseSubscriptions {
  const open = new Set<Response>();
  const sign = (token: string, principal: Principal): string =>
    createHmac('sha256', o.secret)
      .update(`${token}\n${principalKey(principal)}`)
      .digest('base64url');
  const handler = createHandler<Request, RequestContext>({
    authenticate: (req) => {
      const res = req.context.res;
      const principal = res.locals['principal'] as Principal;
      const given = req.headers.get(STREAM_TOKEN_HEADER) ?? new URL(req.url, 'http://localhost/').searchParams.get(STREAM_TOKEN_QUERY);
      if (!given) {
        const token = randomUUID();
        return `${token}.${sign(token, principal)}`;
      }
      const [token = '', signature = ''] = given.split('.');
      const expected = Buffer.from(sign(token, principal));
      const actual = Buffer.from(signature);
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
        return [
          JSON.stringify({ errors: [toGraphQLError(new ForbiddenError('stream token not issued to this identity')).toJSON()] }),
          { status: 403, statusText: 'Forbidden', headers: { 'content-type': 'application/json; charset=utf-8' } },
        ];
      }
      return given;
    },
    onSubscribe: async (req, params) => {
      const res = req.context.res;
      const principal = res.locals['principal'] as Principal;
      let results: DeliveryStream;
      // A child of the request's HTTP span (whose parent is the request's `traceparent`).
      const span = new SubscribeSpan('sse', context.active());
      try {
        if (!principal) throw new UnauthenticatedError('Missing bearer token');
        const lastEventId = req.headers.get('last-event-id') ?? undefined;
        span.describe(params.query, params.operationName, params.variables, (text) => o.delivery.parse(text));
        results = await span.run(() =>
          o.delivery.subscribe({
            query: params.query,
            operationName: params.operationName,
            variables: params.variables,
            principal,
            resumeAfter: lastEventId || undefined,
            trace: span.link,
          }),
        );
        span.admitted();
      } catch (error) {
        return refusal(span.refused(error));
      }
      const expiresAt = res.locals['tokenExpiresAt'] as number | undefined;
      if (expiresAt !== undefined) {
        const timer = setTimeout(
          () => endUnauthenticated(results, 'token expired: subscribe again with a new token, after extensions.lastCursor', 'expired'),
          Math.max(0, expiresAt * 1000 - Date.now()),
        );
        timer.unref();
        results.onDetach(() => clearTimeout(timer));
      }
      if (principal.apiKeyId !== undefined && o.revocations) {
        const unwatch = o.revocations.watch(principal.apiKeyId, () =>
          endUnauthenticated(results, 'API key revoked: subscribe again with another credential, after extensions.lastCursor', 'revoked'),
        );
        results.onDetach(unwatch);
      }
      return results;
    },
  });

  return {
    accepts(req) {
      const accept = req.headers.accept ?? '';
      return accept.includes('text/event-stream') || req.method === 'PUT' || req.method === 'DELETE' || req.headers[STREAM_TOKEN_HEADER] !== undefined;
    },
    handle(req, res, next) {
      serve(req, res).catch((error: unknown) => {
        if (res.headersSent) {
          o.logger.warn({ err: error }, 'event stream failed');
          res.destroy();
        } else next(error);
      });
    },
    close() {
      for (const res of open) res.destroy();
      open.clear();
    },
  };

  async function serve(req: Request, res: Response): Promise<void> {
    const sseRequest: SseRequest<Request, RequestContext> = {
      method: req.method,
      url: req.originalUrl,
      headers: { get: (key) => headerValue(req.headers[key]) },
      body: () => Promise.resolve((req.body as Record<string, unknown> | string | undefined) ?? ''),
      raw: req,
      context: { res },
    };
    const [body, init] = await handler(sseRequest);
    res.writeHead(init.status, init.statusText, init.headers);
    if (!body || typeof body === 'string') {
      res.end(body);
      return;
    }
    open.add(res);
    res.once('close', () => {
      open.delete(res);
      void body.return(undefined);
    });
    for await (const message of body) {
      if (!res.writable) break;
      const written = res.write(withEventId(message));
      if (!written) await new Promise((resolve) => res.once('drain', resolve));
    }
    open.delete(res);
    res.end();
  }
}

/** Ends `results` with UNAUTHENTICATED (`reason`, and `lastCursor` to resume after with a valid credential). */
function endUnauthenticated(results: DeliveryStream, message: string, reason: 'expired' | 'revoked'): void {
  results.fail(new UnauthenticatedError(message, { reason, lastCursor: results.lastCursor }));
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(',') : value;
}

/** The `extensions.cursor` that ends every result (see `SubscriptionGroup`): `…"extensions":{"cursor":"<n>"}}` then `}` in single connection mode. */
const TRAILING_CURSOR = /"extensions":\{"cursor":"(\d+)"\}\}\}?\n\n$/;

/** Prefixes a `next` event with `id: <cursor>`, so that an EventSource reconnects with `Last-Event-ID`. */
function withEventId(message: string): string {
  if (!message.startsWith('event: next')) return message;
  const cursor = TRAILING_CURSOR.exec(message)?.[1];
  return cursor ? `id: ${cursor}\n${message}` : message;
}

/**
 * A subscription refused before its stream starts, answered as graphql-sse answers its own validation errors: a JSON
 * `{ errors }` body with the error code's HTTP status (400 for a code without one). (An `ExecutionResult` without
 * `data` is not one to graphql-sse, which then answered 400 "Unable to detect operation AST" and lost the error.)
 */
function refusal(graphqlError: GraphQLError): SseResponse {
  const code = graphqlError.extensions['code'];
  const status = typeof code === 'string' && code in ERROR_CODES ? ERROR_CODES[code as keyof typeof ERROR_CODES].httpStatus : 400;
  return [
    JSON.stringify({ errors: [graphqlError.toJSON()] }),
    { status, statusText: 'Refused', headers: { 'content-type': 'application/json; charset=utf-8' } },
  ];
}
