import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import { Agent, request, type Dispatcher } from 'undici';
import type { Principal } from '../platform/auth/principal.ts';
import type { Authenticator } from '../platform/auth/authenticate.ts';
import { bearerToken } from '../platform/auth/tokens.ts';
import { OrchestraError, UnauthenticatedError } from '../platform/errors.ts';
import { requestIdOf } from '../platform/http/http-server.ts';
import { traceCarrier } from '../platform/telemetry/spans.ts';
import type { Logger } from '../platform/logger.ts';
import type { InternalTokenCache } from './internal-token-cache.ts';
import { rateLimitedError, setRateLimitHeaders, type RequestRateLimits } from './request-rate-limits.ts';

/**
 * Largest body forwarded to `/v1/chat/completions` or `/v1/embeddings`, in bytes (4 MiB, the routing subgraph's own
 * limit: a request that declares more is refused here, one that streams more is refused there).
 * @see subgraphs/routing/openai-routes.ts
 */
export const OPENAI_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** The `/v1` routes the gateway forwards; anything else under `/v1` is a 404 (as OpenAI answers an unknown URL). */
const ROUTES: readonly { readonly method: string; readonly path: RegExp }[] = [
  { method: 'POST', path: /^\/v1\/chat\/completions$/ },
  { method: 'POST', path: /^\/v1\/embeddings$/ },
  { method: 'GET', path: /^\/v1\/models$/ },
  { method: 'GET', path: /^\/v1\/models\/[^/]+$/ },
];

/** Response headers passed from the routing subgraph to the client (besides the status). */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'x-accel-buffering', 'retry-after', 'x-should-retry', 'x-request-id'] as const;
/** Request headers passed to the routing subgraph (the client's `Authorization` is replaced by the internal token). */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'content-length', 'accept'] as const;

/** Options of {@link createOpenAiProxy}. */
export interface OpenAiProxyOptions {
  /**
   * The routing subgraph's GraphQL URL as the gateway reaches it (`config.endpoints.subgraphUrls.routing`); its
   * `/v1/*` routes are served beside it: `http://host:4003/graphql` → `http://host:4003/v1/...`.
   */
  readonly routingUrl: string;
  /** Client token verification: the gateway's one authenticator, the same as `POST /graphql`'s (HS256 and JWKS). */
  readonly authenticate: Authenticator;
  /** Principal of requests without a token; absent = such requests get 401. */
  readonly anonymous: Principal | undefined;
  /** The gateway's internal tokens by principal (shared with its subgraph data sources). */
  readonly internalTokens: InternalTokenCache;
  readonly logger: Logger;
  /** Request rate limits, counted per API key or subject and per tenant (as for `/graphql`); absent = none. */
  readonly rateLimits?: RequestRateLimits | undefined;
  /** The connection pool to the routing subgraph. @defaultValue a keep-alive undici `Agent` without timeouts of its own */
  readonly dispatcher?: Dispatcher;
}

/** The `/v1` handler and the pool's `close()` (idempotent). */
export interface OpenAiProxy {
  readonly handle: RequestHandler;
  close(): Promise<void>;
}

/**
 * The gateway's OpenAI-compatible API (`POST /v1/chat/completions`, `POST /v1/embeddings`, `GET /v1/models`,
 * `GET /v1/models/{id}`; OpenAI's API reference, https://platform.openai.com/docs/api-reference), so that the `openai`
 * client pointed at `http://<gateway>/v1` works unchanged. A thin proxy onto the routing subgraph's routes of the same paths:
 * 1. authenticates `Authorization: Bearer <client JWT>` with the verifier of `POST /graphql` (401 otherwise), and counts
 *    the request against `rateLimits` (429 `rate_limit_exceeded` with `Retry-After` over a limit);
 * 2. forwards method, path, query and body — streamed, never parsed here — with the principal's internal token
 *    (cached per principal, {@link InternalTokenCache}) and the request id (`x-request-id`, made when absent) over a
 *    pooled keep-alive connection;
 * 3. answers with the subgraph's status, `content-type`, `retry-after`, `x-should-retry` and `x-request-id` (and an
 *    event stream's `cache-control`, `x-accel-buffering`), piping the body through as it comes, with backpressure
 *    (server-sent chunks reach the client unbuffered);
 * 4. aborts the subgraph request when the client disconnects.
 * Its own errors are in OpenAI's error shape: 401 `invalid_api_key`, 404 `unknown_url`, 413 `request_too_large`,
 * 502 `upstream_failed` (the routing subgraph is unreachable).
 * The pool has no timeouts of its own: the completion service bounds each attempt (`LLM_TIMEOUT_MS`).
 */
export function createOpenAiProxy(options: OpenAiProxyOptions): OpenAiProxy {
  const base = new URL(options.routingUrl);
  const upstreamBase = `${base.origin}${base.pathname.replace(/\/graphql\/?$/, '')}`;
  const dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });
  const tokens = options.internalTokens;

  const authenticate = async (header: string | undefined): Promise<Principal> => {
    const token = bearerToken(header);
    if (!token) {
      if (options.anonymous) return options.anonymous;
      throw new UnauthenticatedError('Missing bearer token: send "Authorization: Bearer <token>"', { reason: 'missing' });
    }
    return (await options.authenticate(header)).principal;
  };

  const proxy = async (req: Request, res: Response): Promise<void> => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const path = req.originalUrl.split('?')[0] ?? '';
    if (!ROUTES.some((r) => r.method === req.method && r.path.test(path))) {
      return sendError(res, 404, { message: `Invalid URL (${req.method} ${path})`, type: 'invalid_request_error', code: 'unknown_url' });
    }
    if (Number(req.headers['content-length'] ?? 0) > OPENAI_MAX_REQUEST_BYTES) {
      return sendError(res, 413, {
        message: `Request body exceeds ${OPENAI_MAX_REQUEST_BYTES} bytes`,
        type: 'invalid_request_error',
        code: 'request_too_large',
      });
    }
    let principal: Principal;
    try {
      principal = await authenticate(req.headers.authorization);
    } catch (error) {
      if (!(error instanceof OrchestraError)) throw error;
      return sendError(res, 401, { message: error.message, type: 'invalid_request_error', code: 'invalid_api_key' });
    }
    if (options.rateLimits) {
      const decision = await options.rateLimits.consumeFor(req, principal);
      setRateLimitHeaders(res, decision);
      if (!decision.allowed) return sendError(res, 429, { message: rateLimitedError(decision).message, type: 'requests', code: 'rate_limit_exceeded' });
    }
    // The request's span context (`traceparent`) goes along, so the routing subgraph's spans join the caller's trace.
    const headers: Record<string, string> = { authorization: `Bearer ${await tokens.tokenFor(principal)}`, 'x-request-id': requestId, ...traceCarrier() };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    let upstream: Dispatcher.ResponseData;
    try {
      upstream = await request(`${upstreamBase}${req.originalUrl}`, {
        method: req.method === 'POST' ? 'POST' : 'GET',
        headers,
        body: req.method === 'POST' ? req : null,
        dispatcher,
        signal: abort.signal,
      });
    } catch (error) {
      if (abort.signal.aborted) return;
      options.logger.warn({ err: error, requestId }, 'routing subgraph unreachable for /v1');
      return sendError(res, 502, { message: 'The routing service is unavailable; retry later', type: 'server_error', code: 'upstream_failed' });
    }
    res.status(upstream.statusCode);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    // No flushHeaders(): the headers leave with the first piece of the body, in one write.
    try {
      await pipeline(upstream.body, res);
    } catch {
      // The client went away, or the subgraph cut the stream: pipeline has destroyed both ends (and so the request).
    }
  };

  let closing: Promise<void> | undefined;
  return {
    handle: (req, res) => {
      proxy(req, res).catch((error: unknown) => {
        options.logger.error({ err: error }, 'OpenAI-compatible proxy failed');
        if (res.headersSent) res.destroy();
        else sendError(res, 500, { message: 'Internal server error', type: 'server_error', code: null });
      });
    },
    close: () => (closing ??= options.dispatcher ? Promise.resolve() : dispatcher.close()),
  };
}

/** Ends a request with an OpenAI error body (`{ "error": { "message", "type", "param": null, "code" } }`). */
function sendError(res: Response, status: number, error: { message: string; type: string; code: string | null }): void {
  res.status(status).json({ error: { message: error.message, type: error.type, param: null, code: error.code } });
}
