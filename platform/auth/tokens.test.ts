import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnauthenticatedError } from '../errors.ts';
import { bearerToken, createTokenVerifier, signToken, verifyToken } from './tokens.ts';

const SECRET = 'x'.repeat(40);
const principal = { tenantId: 'acme', subject: 'alice', scopes: ['memory:read'] };

describe('tokens', () => {
  it('round-trips a principal', async () => {
    const token = await signToken(principal, { secret: SECRET, ttlSeconds: 60, audience: 'a', issuer: 'i' });
    const verified = await verifyToken(token, { secret: SECRET, audience: 'a', issuer: 'i' });
    expect(verified.principal).toEqual(principal);
    expect(verified.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('refuses another secret, audience or an expired token', async () => {
    const token = await signToken(principal, { secret: SECRET, ttlSeconds: 60, audience: 'a' });
    await expect(verifyToken(token, { secret: 'y'.repeat(40) })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(verifyToken(token, { secret: SECRET, audience: 'b' })).rejects.toThrow(/aud/);
    const expired = await signToken(principal, { secret: SECRET, ttlSeconds: -5 });
    await expect(verifyToken(expired, { secret: SECRET })).rejects.toThrow(/expired/);
  });

  it('accepts space-separated scopes and refuses a token without a tenant', async () => {
    const { SignJWT } = await import('jose');
    const key = new TextEncoder().encode(SECRET);
    const spaced = await new SignJWT({ tenant: 'acme', scopes: 'a b' }).setProtectedHeader({ alg: 'HS256' }).setSubject('s').sign(key);
    expect((await verifyToken(spaced, { secret: SECRET })).principal.scopes).toEqual(['a', 'b']);
    const noTenant = await new SignJWT({ scopes: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('s').sign(key);
    await expect(verifyToken(noTenant, { secret: SECRET })).rejects.toThrow(/tenant/);
  });

  it('parses bearer headers', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(() => bearerToken('Basic abc')).toThrow(UnauthenticatedError);
  });
});

describe('createTokenVerifier', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a remembered token until it expires, then refuses it as expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T12:00:00Z'));
    const verify = createTokenVerifier({ secret: SECRET, issuer: 'i' });
    const token = await signToken(principal, { secret: SECRET, ttlSeconds: 60, issuer: 'i' });
    expect((await verify(token)).principal).toEqual(principal);
    expect((await verify(token)).principal).toEqual(principal);
    vi.setSystemTime(new Date('2026-12-06T12:01:01Z'));
    await expect(verify(token)).rejects.toThrow(/expired/);
  });

  it('never answers a forged or foreign token from what it remembers', async () => {
    const verify = createTokenVerifier({ secret: SECRET, audience: 'a' });
    const token = await signToken(principal, { secret: SECRET, ttlSeconds: 60, audience: 'a' });
    await verify(token);
    const [header, payload, signature] = token.split('.');
    const otherTenant = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), tenant: 'evil' })).toString(
      'base64url',
    );
    await expect(verify(`${header}.${otherTenant}.${signature}`)).rejects.toBeInstanceOf(UnauthenticatedError);
    const flipped = `${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1) ?? ''}`;
    await expect(verify(`${header}.${payload}.${flipped}`)).rejects.toBeInstanceOf(UnauthenticatedError);
    const foreign = await signToken(principal, { secret: 'y'.repeat(40), ttlSeconds: 60, audience: 'a' });
    await expect(verify(foreign)).rejects.toBeInstanceOf(UnauthenticatedError);
    const wrongAudience = await signToken(principal, { secret: SECRET, ttlSeconds: 60, audience: 'b' });
    await expect(verify(wrongAudience)).rejects.toThrow(/aud/);
    // A refusal is not remembered as a success, nor the other way round.
    expect((await verify(token)).principal.tenantId).toBe('acme');
  });
});
