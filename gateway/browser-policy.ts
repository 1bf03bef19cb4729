import type { RequestListener } from 'node:http';
import cors from 'cors';
import type { OrchestraConfig } from '../platform/config.ts';
import { createSecurityHeaders } from './security-headers.ts';

/** Methods a CORS preflight allows: queries, mutations and graphql-sse's (`PUT` reserves a stream, `DELETE` ends one). */
const CORS_METHODS = 'GET,HEAD,POST,PUT,DELETE';
/** Response headers a cross-origin page may read besides the CORS-safelisted ones (Fetch standard §3.2.3). */
const CORS_EXPOSED_HEADERS = 'x-request-id,x-cache,age';

/** Options of {@link createBrowserPolicy}: `config.browser`, and the listener it wraps. */
export interface BrowserPolicyOptions extends Readonly<OrchestraConfig['browser']> {
  /** Gets every request after the headers are set, except CORS preflights (answered here). */
  readonly next: RequestListener;
}

/**
 * The gateway's answers to browsers, on the raw Node request listener so they cover every route and the response
 * cache's hit path (which answers before express): the security headers (see security-headers.ts), then CORS with the
 * `cors` package when `corsOrigins` is not empty — `access-control-allow-origin` for an allowed `Origin` (and
 * `vary: origin`), preflight `OPTIONS` answered with 204, `access-control-max-age: corsMaxAgeSeconds`, credentials
 * only with `corsAllowCredentials`. With no origins nothing CORS is sent: browsers keep pages of other origins from
 * reading answers (Fetch standard, CORS protocol).
 * @see https://fetch.spec.whatwg.org/#http-cors-protocol
 */
export function createBrowserPolicy(options: BrowserPolicyOptions): RequestListener {
  const { next } = options;
  const secure = createSecurityHeaders({ strictTransportSecurity: options.strictTransportSecurity });
  if (options.corsOrigins.length === 0) {
    return (req, res) => {
      secure(res);
      next(req, res);
    };
  }
  const corsMiddleware = cors({
    origin: options.corsOrigins.includes('*') ? '*' : [...options.corsOrigins],
    methods: CORS_METHODS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: options.corsAllowCredentials,
    maxAge: options.corsMaxAgeSeconds,
  });
  return (req, res) => {
    secure(res);
    corsMiddleware(req, res, () => next(req, res));
  };
}
