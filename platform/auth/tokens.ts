import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { UnauthenticatedError } from '../errors.ts';
import { createClientTokenKeys, SECRET_ALGORITHM, type ClientTokenKeys } from './client-token-keys.ts';
import type { Principal } from './principal.ts';

/**
 * JWTs of Orchestra (RFC 7519, signed with HS256 per RFC 7518 §3.2):
 * - client tokens, presented to the gateway: claims `sub`, `tenant`, `scopes` (array or space-separated string);
 *   besides HS256 ones, the gateway accepts tokens signed by an identity provider's JWKS (see client-token-keys.ts);
 * - internal tokens, minted by the gateway per subgraph fetch: the same claims, audience {@link INTERNAL_AUDIENCE},
 *   issuer {@link INTERNAL_ISSUER}, short-lived. Subgraphs accept nothing else.
 */

/** `aud` of internal tokens. */
export const INTERNAL_AUDIENCE = 'orchestra:subgraph';
/** `iss` of internal tokens. */
export const INTERNAL_ISSUER = 'orchestra:gateway';
/** Longest accepted tenant id, in characters. */
export const MAX_TENANT_ID_LENGTH = 128;

const ALGORITHM = SECRET_ALGORITHM;
const encoder = new TextEncoder();

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  tenant: z
    .string()
    .min(1)
    .max(MAX_TENANT_ID_LENGTH)
    .regex(/^[A-Za-z0-9._:-]+$/),
  scopes: z.union([z.array(z.string()), z.string().transform((s) => s.split(' ').filter(Boolean))]).default([]),
  /** Internal tokens only: the partner API key the gateway verified (Principal.apiKeyId). */
  akid: z.string().min(1).optional(),
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
  let jwt = new SignJWT({
    tenant: principal.tenantId,
    scopes: [...principal.scopes],
    ...(principal.apiKeyId !== undefined ? { akid: principal.apiKeyId } : {}),
  })
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
  /** Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds. @defaultValue 0 */
  readonly clockToleranceSeconds?: number | undefined;
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
  return verifyWithKeys(token, createClientTokenKeys({ secret: options.secret }), options);
}

/** Options of {@link createTokenVerifier}. */
export interface TokenVerifierOptions extends VerifyTokenOptions {
  /** Most verified tokens remembered (least recently used ones go first). @defaultValue 10000 */
  readonly cacheSize?: number;
  /** Longest a verified token is remembered, in ms (never past its `exp`). @defaultValue 300000 */
  readonly cacheTtlMs?: number;
  /**
   * URL of an identity provider's JSON Web Key Set (RFC 7517 §5): tokens whose `alg` is RS256, ES256 or EdDSA are
   * verified against it, HS256 ones against `secret`. Absent = HS256 only.
   */
  readonly jwksUrl?: string | undefined;
  /** Least time between two fetches of the key set for an unknown `kid`, in ms. @defaultValue 30000 */
  readonly jwksCooldownMs?: number | undefined;
}

/** Longest token remembered by a verifier, in characters; longer ones are verified every time. */
const MAX_CACHED_TOKEN_LENGTH = 4096;

/**
 * A verifier for one secret, issuer and audience: {@link verifyToken}'s checks, with the HMAC key imported once
 * and each token that verified remembered (by its exact text) until its `exp` or `cacheTtlMs`, whichever comes
 * first — a token's signature and claims cannot change, so a remembered one is answered without the HMAC and
 * claim checks (most requests of a client carry the same token). Failures are never remembered: a refused token
 * is verified again next time. An expired remembered token is forgotten and refused as {@link verifyToken} refuses it.
 * @returns `verify(token)`, which throws {@link UnauthenticatedError} as {@link verifyToken} does.
 */
export function createTokenVerifier(options: TokenVerifierOptions): (token: string) => Promise<VerifiedToken> {
  const keys = createClientTokenKeys(options);
  const toleranceMs = (options.clockToleranceSeconds ?? 0) * 1000;
  const ttlMs = options.cacheTtlMs ?? 300_000;
  const verified = new LRUCache<string, VerifiedToken>({ max: options.cacheSize ?? 10_000, ttl: ttlMs, ttlAutopurge: false });
  return async (token) => {
    const known = verified.get(token);
    if (known && (known.expiresAt === undefined || known.expiresAt * 1000 + toleranceMs > Date.now())) return known;
    if (known) verified.delete(token);
    const result = await verifyWithKeys(token, keys, options);
    if (token.length <= MAX_CACHED_TOKEN_LENGTH) {
      const untilExpiryMs = result.expiresAt === undefined ? ttlMs : result.expiresAt * 1000 + toleranceMs - Date.now();
      if (untilExpiryMs > 0) verified.set(token, result, { ttl: Math.min(ttlMs, untilExpiryMs) });
    }
    return result;
  };
}

async function verifyWithKeys(token: string, keys: ClientTokenKeys, options: VerifyTokenOptions): Promise<VerifiedToken> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keys.key, {
      algorithms: [...keys.algorithms],
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.audience ? { audience: options.audience } : {}),
      ...(options.clockToleranceSeconds ? { clockTolerance: options.clockToleranceSeconds } : {}),
    }));
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
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
    principal: {
      subject: claims.data.sub,
      tenantId: claims.data.tenant,
      scopes: claims.data.scopes,
      ...(claims.data.akid !== undefined ? { apiKeyId: claims.data.akid } : {}),
    },
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
