import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { CsrfRefusedError } from '../platform/errors.ts';

/**
 * Headers whose presence (non-empty) proves a request is not a "simple" cross-site request: a browser sends them only
 * after a CORS preflight the gateway answered (Fetch standard §3.2.2, CORS-safelisted request headers; none of these
 * is one). `apollo-require-preflight` and `x-apollo-operation-name` are Apollo Server's
 * (`csrfPrevention.requestHeaders`'s defaults); `authorization` is the bearer token every authenticated client sends.
 * @see https://fetch.spec.whatwg.org/#cors-safelisted-request-header
 */
export const CSRF_PREVENTION_HEADERS: readonly string[] = Object.freeze(['apollo-require-preflight', 'x-apollo-operation-name', 'authorization']);

/** Content types an HTML form (or `fetch` in `no-cors` mode) may send cross-site without a preflight (Fetch standard). */
const SIMPLE_CONTENT_TYPES: ReadonlySet<string> = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

const MESSAGE =
  'This request has been blocked as a potential cross-site request forgery (CSRF): send a content-type other than ' +
  `${[...SIMPLE_CONTENT_TYPES].join(', ')} (e.g. application/json), or a non-empty ${CSRF_PREVENTION_HEADERS.join(', ')} header`;

/**
 * Whether a request could only come from a page allowed by CORS (or from a non-browser client): it has a content
 * type that is not CORS-safelisted, or one of {@link CSRF_PREVENTION_HEADERS}. The same rule as Apollo Server's
 * `csrfPrevention` (a request without a content type, such as a `GET`, needs one of the headers).
 */
export function isPreflighted(headers: IncomingHttpHeaders): boolean {
  const contentType = headers['content-type'];
  if (contentType !== undefined) {
    const essence = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
    if (!SIMPLE_CONTENT_TYPES.has(essence)) return true;
  }
  return CSRF_PREVENTION_HEADERS.some((name) => {
    const value = headers[name];
    return value !== undefined && value.length > 0;
  });
}

/**
 * Express middleware refusing what a page on another origin could make a browser send without a preflight — an
 * HTML form post, an `<img>` or `<script>` GET, an `EventSource` — with {@link CsrfRefusedError} (HTTP 400), so no
 * operation, event stream or `/v1` call runs for it (OWASP CSRF Prevention Cheat Sheet, "custom request headers").
 * Mounted on `/graphql` (including graphql-sse, which Apollo's own `csrfPrevention` does not see) and `/v1`.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
 */
export function createCsrfPrevention() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (isPreflighted(req.headers)) return next();
    next(new CsrfRefusedError(MESSAGE));
  };
}
