import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { decodeEncryptionKey } from '../config.ts';

/**
 * Authenticated encryption of small secrets at rest (tenants' provider API keys), with AES-256-GCM as NIST
 * SP 800-38D specifies it: a random 96-bit IV per message (SP 800-38D §8.2.2, the RBG-based construction, so the same
 * key never sees an IV twice in practice), a 128-bit tag (the full tag length, §5.2.1.2), and additional authenticated
 * data that binds the ciphertext to where it is stored, so a sealed value copied elsewhere fails to open.
 * @see https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf
 */

/** IV (nonce) length, in bytes: 96 bits, the length SP 800-38D recommends. */
export const SECRET_IV_BYTES = 12;
/** Authentication tag length, in bytes: the full 128 bits. */
export const SECRET_TAG_BYTES = 16;
/** AES-256 key length, in bytes. */
export const SECRET_KEY_BYTES = 32;

/** A sealed secret: what is stored instead of the plaintext. */
export interface SealedSecret {
  readonly ciphertext: Buffer;
  /** {@link SECRET_IV_BYTES} random bytes, fresh per seal. */
  readonly iv: Buffer;
  /** {@link SECRET_TAG_BYTES}-byte GCM authentication tag. */
  readonly tag: Buffer;
}

/** Seals and opens secrets under one key. */
export interface SecretBox {
  /**
   * Encrypts `plaintext` (UTF-8) bound to `aad` (e.g. `${tenantId}:${providerName}`); `aad` is authenticated, not
   * stored: the same value must be given to {@link SecretBox.open}.
   */
  seal(plaintext: string, aad: string): SealedSecret;
  /**
   * Decrypts a sealed secret.
   * @throws {@link SecretOpenError} when the ciphertext, IV or tag was altered, or `aad` or the key differ from the
   * seal's. The error says nothing about the secret.
   */
  open(sealed: SealedSecret, aad: string): string;
}

/** A sealed secret that does not open: tampered, bound to other data, or sealed under another key. */
export class SecretOpenError extends Error {
  override readonly name = 'SecretOpenError';
  constructor() {
    super('the secret cannot be decrypted: it was altered, moved, or sealed under another key');
  }
}

const ALGORITHM = 'aes-256-gcm';

/**
 * Creates a {@link SecretBox} over an AES-256 key given as 32 raw bytes, 64 hex digits or the base64 of 32 bytes
 * (`SECRETS_ENCRYPTION_KEY`, see `config.models.secretsEncryptionKey`).
 * @throws {Error} when the key is not 32 bytes (the message does not contain the key).
 */
export function createSecretBox(key: string | Buffer): SecretBox {
  const bytes = typeof key === 'string' ? decodeEncryptionKey(key) : Buffer.from(key);
  if (bytes?.length !== SECRET_KEY_BYTES) throw new Error(`the secrets encryption key must be ${SECRET_KEY_BYTES} bytes (64 hex digits or base64)`);
  return {
    seal(plaintext, aad) {
      const iv = randomBytes(SECRET_IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, bytes, iv, { authTagLength: SECRET_TAG_BYTES });
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return { ciphertext, iv, tag: cipher.getAuthTag() };
    },
    open({ ciphertext, iv, tag }, aad) {
      if (iv.length !== SECRET_IV_BYTES || tag.length !== SECRET_TAG_BYTES) throw new SecretOpenError();
      try {
        const decipher = createDecipheriv(ALGORITHM, bytes, iv, { authTagLength: SECRET_TAG_BYTES });
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretOpenError();
      }
    },
  };
}
