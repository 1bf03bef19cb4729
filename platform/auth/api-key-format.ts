import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Partner API keys: `orch_<keyId>_<secret>`, where `keyId` (16 random bytes, base64url, 22 characters) names the
 * stored row and `secret` is 32 random bytes, base64url (43 characters). A JWT has two dots and never starts with
 * `orch_`, so the gateway tells the two apart by the prefix. Only SHA-256 of the secret is stored.
 */
export const API_KEY_PREFIX = 'orch_';

const KEY_PATTERN = /^orch_([A-Za-z0-9_-]{22})_([A-Za-z0-9_-]{43})$/;

/** The parts of an API key. */
export interface ApiKeyParts {
  readonly keyId: string;
  readonly secret: string;
}

/** Whether `token` is meant as an API key (its prefix); such a token is never verified as a JWT. */
export function isApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** Splits an API key into its id and secret; `undefined` when it is not well-formed. */
export function parseApiKey(token: string): ApiKeyParts | undefined {
  const match = KEY_PATTERN.exec(token);
  if (!match?.[1] || !match[2]) return undefined;
  return { keyId: match[1], secret: match[2] };
}

/** A new key: id, secret and the text shown to its owner once. */
export function generateApiKey(): ApiKeyParts & { readonly key: string } {
  const keyId = randomBytes(16).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, key: `${API_KEY_PREFIX}${keyId}_${secret}` };
}

/** SHA-256 of `secret`, hex (what the table stores). */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function apiKeySecretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKeySecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
