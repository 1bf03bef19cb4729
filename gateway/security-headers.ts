import type { ServerResponse } from 'node:http';

/** Options of {@link createSecurityHeaders}. */
export interface SecurityHeadersOptions {
  /**
   * Adds `strict-transport-security: max-age=31536000` (browsers then use HTTPS only for this host, for a year).
   * Only behind HTTPS: the gateway sets it with `NODE_ENV=production` (`config.browser.strictTransportSecurity`).
   * @defaultValue false
   */
  readonly strictTransportSecurity?: boolean | undefined;
}

/** `max-age` of `strict-transport-security`, in seconds: one year (OWASP HTTP Strict Transport Security Cheat Sheet). */
export const STRICT_TRANSPORT_SECURITY_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * The headers every gateway answer carries, for an API that serves JSON and event streams, never pages (OWASP REST
 * Security and HTTP Headers cheat sheets): no MIME sniffing, no referrer, nothing loaded or run if an answer is
 * ever rendered (CSP `default-src 'none'`), never framed (`x-frame-options` and CSP `frame-ancestors`, which does not
 * fall back to `default-src`), HSTS when asked. (Express's own 404 page replaces the CSP with `default-src 'none'`.) Computed once; setting them costs a few `setHeader` calls per request.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html
 * @returns a function setting them on a response (before its headers are written; `writeHead` keeps them).
 */
export function createSecurityHeaders(options: SecurityHeadersOptions = {}): (res: ServerResponse) => void {
  const headers: ReadonlyArray<readonly [string, string]> = Object.freeze([
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'no-referrer'],
    ['x-frame-options', 'DENY'],
    ['content-security-policy', "default-src 'none'; frame-ancestors 'none'"],
    ...(options.strictTransportSecurity ? [['strict-transport-security', `max-age=${STRICT_TRANSPORT_SECURITY_MAX_AGE_SECONDS}`] as const] : []),
  ]);
  return (res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
  };
}
