import type { NextFunction, Request, Response } from 'express';
import { UnauthenticatedError } from '../errors.ts';
import { sendError } from '../http/http-server.ts';
import type { Principal } from './principal.ts';
import { bearerToken, createTokenVerifier } from './tokens.ts';

/** Options of {@link createAuthenticate}. */
export interface AuthenticateOptions {
  /** HS256 secret of the accepted tokens. */
  readonly secret: string;
  /** Required `iss`, if any. */
  readonly issuer?: string | undefined;
  /** Required `aud`, if any. */
  readonly audience?: string | undefined;
  /** Principal of requests without a token; absent = such requests are refused. */
  readonly anonymous?: Principal | undefined;
  /** Message of the refusal of a request without a token. @defaultValue `Missing bearer token` */
  readonly missingTokenMessage?: string;
}

/**
 * Express middleware that authenticates `Authorization: Bearer <JWT>` (HS256, claims `sub`, `tenant`, `scopes`) and
 * stores the principal in `res.locals.principal` and the token's expiry, if any, in `res.locals.tokenExpiresAt`
 * (epoch seconds; long-lived responses such as event streams end then). A missing token is refused with HTTP 401 `UNAUTHENTICATED` unless
 * `anonymous` is given; a malformed header and an invalid, expired or forged token are always refused.
 * Serves the gateway (client tokens) and the subgraphs (internal tokens, with their audience and issuer).
 */
export function createAuthenticate(options: AuthenticateOptions) {
  // One verifier per middleware: its key imported once, verified tokens remembered until they expire.
  const verify = createTokenVerifier({ secret: options.secret, issuer: options.issuer, audience: options.audience });
  return (req: Request, res: Response, next: NextFunction): void => {
    let token: string | undefined;
    try {
      token = bearerToken(req.headers.authorization);
    } catch (error) {
      sendError(res, error);
      return;
    }
    if (!token) {
      if (options.anonymous) {
        res.locals['principal'] = options.anonymous;
        next();
      } else {
        sendError(res, new UnauthenticatedError(options.missingTokenMessage ?? 'Missing bearer token', { reason: 'missing' }));
      }
      return;
    }
    verify(token).then(
      ({ principal, expiresAt }) => {
        res.locals['principal'] = principal;
        res.locals['tokenExpiresAt'] = expiresAt;
        next();
      },
      (error: unknown) => sendError(res, error),
    );
  };
}
