import { LRUCache } from 'lru-cache';
import { UnauthenticatedError } from '../errors.ts';
import { hashApiKeySecret, parseApiKey } from './api-key-format.ts';
import type { VerifiedToken } from './tokens.ts';

/** Options of {@link createApiKeyVerifier}. */
export interface ApiKeyVerifierOptions {
  /** URL of the session subgraph's `POST /internal/api-keys/verify`. */
  readonly verifyUrl: string;
  /** URL of the session subgraph's `POST /internal/api-keys/revoked` (subgraphs/session/api-key-routes.ts). */
  readonly revokedUrl: string;
  /** An internal token to call it with (the gateway's own service principal). */
  readonly internalToken: () => Promise<string>;
  /** Longest a verified key is remembered, in ms. @defaultValue 30000 */
  readonly cacheTtlMs?: number;
  /** Most keys remembered (least recently used go first). @defaultValue 10000 */
  readonly cacheSize?: number;
}

/** Most key ids sent in one `revokedAmong` request (the session subgraph's limit). */
const REVOCATION_CHECK_BATCH = 1000;

/** A verifier of API keys with `forget(keyId)`, called on revocation. */
export interface ApiKeyVerifier {
  (key: string): Promise<VerifiedToken>;
  /** Drops `keyId` from the cache: the next use is verified by the session subgraph again. */
  forget(keyId: string): void;
  /** Drops every cached key (revocations may have been missed): each next use is verified again. */
  forgetAll(): void;
  /**
   * Asks the session subgraph which of `keyIds` are revoked (or unknown), in batches of 1,000.
   * @throws when the session subgraph cannot answer (status in the message).
   */
  revokedAmong(keyIds: readonly string[]): Promise<string[]>;
}

/**
 * Verifies `orch_…` API keys by asking the session subgraph, remembering a verified key (by id, with the SHA-256 of
 * its secret, never the secret) for `cacheTtlMs` and never past its expiry; {@link ApiKeyVerifier.forget} drops it
 * (revocations, api-key-revocations.ts). Refusals are not remembered.
 * @throws {@link UnauthenticatedError} for a malformed, unknown, revoked or expired key.
 */
export function createApiKeyVerifier(options: ApiKeyVerifierOptions): ApiKeyVerifier {
  const ttlMs = options.cacheTtlMs ?? 30_000;
  const cache = new LRUCache<string, { secretHash: string; verified: VerifiedToken }>({ max: options.cacheSize ?? 10_000, ttl: ttlMs });
  const verify = async (key: string): Promise<VerifiedToken> => {
    const parts = parseApiKey(key);
    if (!parts) throw new UnauthenticatedError('API key is malformed', { reason: 'api-key' });
    const secretHash = hashApiKeySecret(parts.secret);
    const known = cache.get(parts.keyId);
    if (known && known.secretHash === secretHash && (known.verified.expiresAt === undefined || known.verified.expiresAt * 1000 > Date.now())) {
      return known.verified;
    }
    const response = await fetch(options.verifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.internalToken()}` },
      body: JSON.stringify({ key }),
    });
    if (response.status === 401) throw new UnauthenticatedError('API key is invalid, expired or revoked', { reason: 'api-key' });
    if (!response.ok) throw new UnauthenticatedError('API key could not be verified', { reason: 'api-key-unavailable' });
    const body = (await response.json()) as { principal: VerifiedToken['principal']; expiresAt: number | null };
    const verified: VerifiedToken = { principal: body.principal, expiresAt: body.expiresAt ?? undefined };
    const untilExpiryMs = verified.expiresAt === undefined ? ttlMs : verified.expiresAt * 1000 - Date.now();
    if (untilExpiryMs > 0) cache.set(parts.keyId, { secretHash, verified }, { ttl: Math.min(ttlMs, untilExpiryMs) });
    return verified;
  };
  const revokedAmong = async (keyIds: readonly string[]): Promise<string[]> => {
    const revoked: string[] = [];
    for (let i = 0; i < keyIds.length; i += REVOCATION_CHECK_BATCH) {
      const response = await fetch(options.revokedUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await options.internalToken()}` },
        body: JSON.stringify({ ids: keyIds.slice(i, i + REVOCATION_CHECK_BATCH) }),
      });
      if (!response.ok) throw new Error(`API key revocation check failed: HTTP ${response.status}`);
      revoked.push(...((await response.json()) as { revoked: string[] }).revoked);
    }
    return revoked;
  };
  return Object.assign(verify, { forget: (keyId: string) => void cache.delete(keyId), forgetAll: () => cache.clear(), revokedAmong });
}
