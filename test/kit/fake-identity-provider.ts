import { listenOnLoopback } from './loopback-server.ts';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/** Path of the key set on a {@link FakeIdentityProvider}. */
export const JWKS_PATH = '/.well-known/jwks.json';

/** What the fake identity provider answers on {@link JWKS_PATH}. */
export type JwksAnswer = { readonly kind: 'keys' } | { readonly kind: 'status'; readonly status: number; readonly body: string } | { readonly kind: 'reset' };

/** One signing key of the provider: its private half, and whether its public half is published. */
export interface ProviderKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256' | 'EdDSA';
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** Claims of a token the provider signs (RFC 7519 §4.1; `exp`/`iat` in epoch seconds). */
export interface ProviderClaims {
  readonly sub?: string;
  readonly tenant: string;
  readonly scopes?: readonly string[];
  readonly iss?: string;
  readonly aud?: string;
  /** Lifetime from now, in seconds (negative = already expired). @defaultValue 600 */
  readonly ttlSeconds?: number;
}

/**
 * A loopback identity provider: a JSON Web Key Set (RFC 7517 §5) on {@link JWKS_PATH} holding the public halves of
 * the keys {@link FakeIdentityProvider.publish} published, and `sign()` with any key it made (published or not).
 * Counts the GETs of the key set; `answer()` makes it fail (an HTTP status, or a reset connection).
 */
export interface FakeIdentityProvider extends AsyncDisposable {
  /** URL of the key set. */
  readonly jwksUrl: string;
  /** How many times the key set was requested. */
  readonly jwksRequests: () => number;
  /** Makes a key pair (not published). */
  createKey(alg: ProviderKey['alg'], kid: string): Promise<ProviderKey>;
  /** Adds `key`'s public half to the key set. */
  publish(key: ProviderKey): void;
  /** Sets what the key set's URL answers from now on. */
  answer(answer: JwksAnswer): void;
  /** Signs a client token with `key` (header `alg` and `kid` of the key). */
  sign(key: ProviderKey, claims: ProviderClaims): Promise<string>;
  close(): Promise<void>;
}

/** Starts a {@link FakeIdentityProvider} on a free loopback port. */
export async function startFakeIdentityProvider(): Promise<FakeIdentityProvider> {
  const published: JWK[] = [];
  let requests = 0;
  let current: JwksAnswer = { kind: 'keys' };
  const server: Server = createServer((req, res) => {
    if (req.url !== JWKS_PATH) return void res.writeHead(404).end();
    requests++;
    const answer = current;
    switch (answer.kind) {
      case 'keys':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
      case 'status':
        return void res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
      case 'reset':
        return void req.socket.destroy();
      default: {
        const unknown: never = answer;
        throw new Error(`unknown answer ${JSON.stringify(unknown)}`);
      }
    }
  });
  const { origin, close } = await listenOnLoopback(server);
  return {
    jwksUrl: `${origin}${JWKS_PATH}`,
    jwksRequests: () => requests,
    async createKey(alg, kid) {
      const { privateKey, publicKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : {});
      return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
    },
    publish: (key) => void published.push(key.publicJwk),
    answer: (answer) => void (current = answer),
    sign(key, claims) {
      let jwt = new SignJWT({ tenant: claims.tenant, scopes: [...(claims.scopes ?? ['admin'])] })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
        .setSubject(claims.sub ?? 'idp-user')
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.ttlSeconds ?? 600));
      if (claims.iss) jwt = jwt.setIssuer(claims.iss);
      if (claims.aud) jwt = jwt.setAudience(claims.aud);
      return jwt.sign(key.privateKey);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
