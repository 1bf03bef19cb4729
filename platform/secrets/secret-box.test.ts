import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, SECRET_IV_BYTES, SECRET_TAG_BYTES, SecretOpenError, type SealedSecret } from './secret-box.ts';

const KEY = randomBytes(32);
const SECRET = 'sk-live-0123456789abcdef-ünïcode';
const AAD = 't-1:openai';

const flipFirstBit = (buffer: Buffer): Buffer => {
  const copy = Buffer.from(buffer);
  copy[0] = (copy[0] ?? 0) ^ 1;
  return copy;
};

describe('createSecretBox', () => {
  it('opens what it sealed, with a fresh 12-byte IV and a 16-byte tag each time', () => {
    const box = createSecretBox(KEY);
    const a = box.seal(SECRET, AAD);
    const b = box.seal(SECRET, AAD);
    expect(box.open(a, AAD)).toBe(SECRET);
    expect(a.iv).toHaveLength(SECRET_IV_BYTES);
    expect(a.tag).toHaveLength(SECRET_TAG_BYTES);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.includes(Buffer.from(SECRET))).toBe(false);
  });

  it('accepts the key as hex or base64, as SECRETS_ENCRYPTION_KEY gives it', () => {
    const sealed = createSecretBox(KEY.toString('hex')).seal(SECRET, AAD);
    expect(createSecretBox(KEY.toString('base64')).open(sealed, AAD)).toBe(SECRET);
  });

  it('refuses a key that is not 32 bytes, without echoing it', () => {
    expect(() => createSecretBox('c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => createSecretBox('c2hvcnQ=')).not.toThrow(/c2hvcnQ/);
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });

  it('throws when the ciphertext, IV or tag was tampered with', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal(SECRET, AAD);
    const tampered: SealedSecret[] = [
      { ...sealed, ciphertext: flipFirstBit(sealed.ciphertext) },
      { ...sealed, iv: flipFirstBit(sealed.iv) },
      { ...sealed, tag: flipFirstBit(sealed.tag) },
      { ...sealed, tag: sealed.tag.subarray(0, 12) },
    ];
    for (const t of tampered) expect(() => box.open(t, AAD)).toThrow(SecretOpenError);
  });

  it('throws when opened with other additional data (a row copied to another tenant or name)', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal(SECRET, AAD);
    expect(() => box.open(sealed, 't-2:openai')).toThrow(SecretOpenError);
    expect(() => box.open(sealed, 't-1:azure')).toThrow(SecretOpenError);
  });

  it('throws when opened under another key, and the error names no secret', () => {
    const sealed = createSecretBox(KEY).seal(SECRET, AAD);
    const other = createSecretBox(randomBytes(32));
    let error: unknown;
    try {
      other.open(sealed, AAD);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SecretOpenError);
    expect(String((error as Error).message)).not.toContain(SECRET);
  });
});
