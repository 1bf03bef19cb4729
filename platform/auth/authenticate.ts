import type { NextFunction, Request, Response } from 'express';
import { UnauthenticatedError } from '../errors.ts';
import { sendError } from '../http/http-server.ts';
import { isApiKey } from './api-key-format.ts';
import type { Principal } from './principal.ts';
import { bearerToken, createTokenVerifier, type VerifiedToken } from './tokens.ts';

/** Options of {@link createAuthenticator} and {@link createAuthenticate}. */
export interface AuthenticateOptions {
  /** HS256 secret of the accepted tokens. */
  readonly secret: string;
  /** Required `iss`, if any. */
  readonly issuer?: string | undefined;
  /** Required `aud`, if any. */
  readonly audience?: string | undefined;
  /** Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds. @defaultValue 0 */
  readonly clockToleranceSeconds?: number | undefined;
  /** URL of the identity provider's JSON Web Key Set (RFC 7517 §5), beside the secret; absent = HS256 only. */
  readonly jwksUrl?: string | undefined;
  /** Least time between two fetches of the key set for an unknown `kid`, in ms. @defaultValue 30000 */
  readonly jwksCooldownMs?: number | undefined;
  /** Principal of requests without a token; absent = such requests are refused. */
  readonly anonymous?: Principal | undefined;
  /** Message of the refusal of a request without a token. @defaultValue `Missing bearer token` */
  readonly missingTokenMessage?: string;
  /** Verifier of `orch_…` partner API keys (api-key-verifier.ts); absent = such tokens are refused as malformed JWTs. */
  readonly apiKeys?: ((key: string) => Promise<VerifiedToken>) | undefined;
}

/**
 * Authenticates one request by its `Authorization` header value (absent: `undefined`).
 * @returns the principal and the token's expiry (epoch seconds; undefined for anonymous requests and tokens without `exp`).
 * @throws {@link UnauthenticatedError} for a missing token (unless anonymous requests are allowed), a malformed header,
 *   and an invalid, expired or forged token.
 */
export type Authenticator = (authorization: string | undefined) => Promise<VerifiedToken>;

/**
 * The {@link Authenticator} of `Authorization: Bearer <JWT>` (HS256, and RS256/ES256/EdDSA from `jwksUrl` when set;
 * claims `sub`, `tenant`, `scopes`), with one token verifier: its keys imported once, verified tokens remembered
 * until they expire (see createTokenVerifier).
 */
export function createAuthenticator(options: AuthenticateOptions): Authenticator {
  const verify = createTokenVerifier({
    secret: options.secret,
    issuer: options.issuer,
    audience: options.audience,
    clockToleranceSeconds: options.clockToleranceSeconds,
    jwksUrl: options.jwksUrl,
    jwksCooldownMs: options.jwksCooldownMs,
  });
  const anonymous: VerifiedToken | undefined = options.anonymous ? { principal: options.anonymous, expiresAt: undefined } : undefined;
  return async (authorization) => {
    const token = bearerToken(authorization);
    if (token && options.apiKeys && isApiKey(token)) return options.apiKeys(token);
    if (token) return verify(token);
    if (anonymous) return anonymous;
    throw new UnauthenticatedError(options.missingTokenMessage ?? 'Missing bearer token', { reason: 'missing' });
  };
}

/**
 * Express middleware that authenticates a request with `authenticate` (or a new {@link createAuthenticator} of the
 * given options) and stores the principal in `res.locals.principal` and the token's expiry, if any, in
 * `res.locals.tokenExpiresAt` (epoch seconds; long-lived responses such as event streams end then). A refusal is
 * answered with HTTP 401 `UNAUTHENTICATED`.
 * Serves the gateway (client tokens) and the subgraphs (internal tokens, with their audience and issuer).
 */
export function createAuthenticate(authenticate: AuthenticateOptions | Authenticator) {
  const authenticator = typeof authenticate === 'function' ? authenticate : createAuthenticator(authenticate);
  return (req: Request, res: Response, next: NextFunction): void => {
    authenticator(req.headers.authorization).then(
      ({ principal, expiresAt }) => {
        res.locals['principal'] = principal;
        res.locals['tokenExpiresAt'] = expiresAt;
        next();
      },
      (error: unknown) => sendError(res, error),
    );
  };
}
