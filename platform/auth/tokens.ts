import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
import { UnauthenticatedError } from '../errors.ts';
import type { Principal } from './principal.ts';

/**
 * JWTs of Orchestra (RFC 7519, signed with HS256 per RFC 7518 §3.2):
 * - client tokens, presented to the gateway: claims `sub`, `tenant`, `scopes` (array or space-separated string);
 * - internal tokens, minted by the gateway per subgraph fetch: the same claims, audience {@link INTERNAL_AUDIENCE},
 *   issuer {@link INTERNAL_ISSUER}, short-lived. Subgraphs accept nothing else.
 */

/** `aud` of internal tokens. */
export const INTERNAL_AUDIENCE = 'orchestra:subgraph';
/** `iss` of internal tokens. */
export const INTERNAL_ISSUER = 'orchestra:gateway';
/** Longest accepted tenant id, in characters. */
export const MAX_TENANT_ID_LENGTH = 128;

const ALGORITHM = 'HS256';
const encoder = new TextEncoder();

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  tenant: z
    .string()
    .min(1)
    .max(MAX_TENANT_ID_LENGTH)
    .regex(/^[A-Za-z0-9._:-]+$/),
  scopes: z.union([z.array(z.string()), z.string().transform((s) => s.split(' ').filter(Boolean))]).default([]),
});

/** Options of {@link signToken}. */
export interface SignTokenOptions {
  /** HS256 secret. */
  readonly secret: string;
  /** Lifetime, in seconds. */
  readonly ttlSeconds: number;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
}

/** Signs a token for `principal`. Returns the compact JWS. */
export async function signToken(principal: Principal, options: SignTokenOptions): Promise<string> {
  let jwt = new SignJWT({ tenant: principal.tenantId, scopes: [...principal.scopes] })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(principal.subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + options.ttlSeconds);
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(encoder.encode(options.secret));
}

/** Options of {@link verifyToken}. */
export interface VerifyTokenOptions {
  readonly secret: string;
  /** Required `iss`, if any. */
  readonly issuer?: string | undefined;
  /** Required `aud`, if any. */
  readonly audience?: string | undefined;
}

/** A verified token's principal and its expiry (epoch seconds). */
export interface VerifiedToken {
  readonly principal: Principal;
  readonly expiresAt: number | undefined;
}

/**
 * Verifies signature, algorithm, expiry and (when given) issuer and audience, then the claims' shape.
 * @throws {@link UnauthenticatedError} for any failure, with a message that says which.
 */
export async function verifyToken(token: string, options: VerifyTokenOptions): Promise<VerifiedToken> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, encoder.encode(options.secret), {
      algorithms: [ALGORITHM],
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.audience ? { audience: options.audience } : {}),
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('Token expired', { reason: 'expired' });
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw new UnauthenticatedError(`Token claim "${error.claim}" is invalid`, { reason: 'claim' });
    }
    throw new UnauthenticatedError('Token is malformed or its signature is invalid', { reason: 'signature' });
  }
  const claims = ClaimsSchema.safeParse(payload);
  if (!claims.success) {
    throw new UnauthenticatedError('Token lacks valid "sub", "tenant" or "scopes" claims', { reason: 'claims' });
  }
  return {
    principal: { subject: claims.data.sub, tenantId: claims.data.tenant, scopes: claims.data.scopes },
    expiresAt: payload.exp,
  };
}

/**
 * Extracts the token from an `Authorization: Bearer <token>` header value (RFC 6750 §2.1).
 * Returns `undefined` when the header is absent.
 * @throws {@link UnauthenticatedError} when the header is present but not a bearer token.
 */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (header === undefined || header === null || header === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"', { reason: 'scheme' });
  return match[1];
}
