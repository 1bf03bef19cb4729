import { createSecretKey } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../errors.ts';

/** Algorithm of tokens signed with the shared secret (RFC 7518 §3.2, HMAC with SHA-256). */
export const SECRET_ALGORITHM = 'HS256';
/**
 * Algorithms accepted from the identity provider's key set: RS256 (RFC 7518 §3.3), ES256 (RFC 7518 §3.4) and EdDSA
 * (RFC 8037 §3.1). Never `none`, never HS256 against a JWKS key (no algorithm confusion).
 */
export const JWKS_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
/** Default of {@link ClientTokenKeysOptions.jwksCooldownMs}: jose's own. */
export const DEFAULT_JWKS_COOLDOWN_MS = 30_000;
/** Longest wait for the key set's HTTP answer, in ms. */
const JWKS_TIMEOUT_MS = 5_000;

/** Options of {@link createClientTokenKeys}. */
export interface ClientTokenKeysOptions {
  /** HS256 secret of the accepted tokens. */
  readonly secret: string;
  /** URL of a JSON Web Key Set (RFC 7517 §5); absent = only HS256 tokens are accepted. */
  readonly jwksUrl?: string | undefined;
  /**
   * Least time between two fetches of the key set, in ms: a token whose `kid` is unknown makes jose fetch the set
   * again only when this long has passed since the last fetch. @defaultValue {@link DEFAULT_JWKS_COOLDOWN_MS}
   */
  readonly jwksCooldownMs?: number | undefined;
}

/** What `jwtVerify` needs to verify a token with the secret or the key set. */
export interface ClientTokenKeys {
  /** The accepted `alg` header values. */
  readonly algorithms: readonly string[];
  /** Picks the key by the token's `alg`: HS256 → the secret, any other accepted one → the key set (by `kid`). */
  readonly key: JWTVerifyGetKey;
}

/**
 * The keys of client JWTs (RFC 7519): the HS256 secret and, when `jwksUrl` is set, the identity provider's key set,
 * fetched with jose's `createRemoteJWKSet` (keys cached; the set is fetched again for an unknown `kid`, at most once
 * per `jwksCooldownMs`). The JWKS URL is operator configuration, not chosen by a tenant, so the egress policy (which
 * guards tenant-chosen URLs) does not apply to it.
 * A key set that cannot be fetched or read is refused as {@link UnauthenticatedError} with reason `jwks` (HTTP 401),
 * never with the answer's body or the URL; a `kid` the set lacks is refused like a bad signature.
 */
export function createClientTokenKeys(options: ClientTokenKeysOptions): ClientTokenKeys {
  const secret = createSecretKey(new TextEncoder().encode(options.secret));
  const jwks = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl), {
        cooldownDuration: options.jwksCooldownMs ?? DEFAULT_JWKS_COOLDOWN_MS,
        timeoutDuration: JWKS_TIMEOUT_MS,
      })
    : undefined;
  return {
    algorithms: jwks ? [SECRET_ALGORITHM, ...JWKS_ALGORITHMS] : [SECRET_ALGORITHM],
    key: async (header, token) => {
      if (header.alg === SECRET_ALGORITHM) return secret;
      if (!jwks) throw new joseErrors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
      try {
        return await jwks(header, token);
      } catch (error) {
        if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) throw error;
        throw new UnauthenticatedError("The identity provider's key set (AUTH_JWKS_URL) could not be fetched: try again later", {
          reason: 'jwks',
        });
      }
    },
  };
}
