import type { NextFunction, Request, Response } from 'express';
import type { Principal } from '../platform/auth/principal.ts';
import { bearerToken, verifyToken } from '../platform/auth/tokens.ts';
import { UnauthenticatedError } from '../platform/errors.ts';
import { sendError } from '../platform/http/http-server.ts';

/** Options of {@link createAuthenticate}. */
export interface AuthenticateOptions {
  /** HS256 secret of client JWTs. */
  readonly jwtSecret: string;
  /** Required `iss`, if any. */
  readonly jwtIssuer: string | undefined;
  /** Serve requests without a token as {@link AuthenticateOptions.anonymous}. @defaultValue false */
  readonly allowAnonymous: boolean;
  readonly anonymous: Principal;
}

/**
 * Express middleware authenticating gateway clients: `Authorization: Bearer <JWT>` (HS256, claims `sub`, `tenant`,
 * `scopes`). A valid token stores its principal in `res.locals.principal`. A missing token is refused with HTTP 401
 * `UNAUTHENTICATED` unless anonymous access is enabled; an invalid, expired or forged token is always refused.
 */
export function createAuthenticate(options: AuthenticateOptions) {
  return (req: Request, res: Response, next: NextFunction): void => {
    let token: string | undefined;
    try {
      token = bearerToken(req.headers.authorization);
    } catch (error) {
      sendError(res, error);
      return;
    }
    if (!token) {
      if (options.allowAnonymous) {
        res.locals['principal'] = options.anonymous;
        next();
      } else {
        sendError(res, new UnauthenticatedError('Missing bearer token', { reason: 'missing' }));
      }
      return;
    }
    verifyToken(token, { secret: options.jwtSecret, issuer: options.jwtIssuer }).then(
      ({ principal }) => {
        res.locals['principal'] = principal;
        next();
      },
      (error: unknown) => sendError(res, error),
    );
  };
}
