import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../errors.ts';
import { bearerToken, signToken, verifyToken } from './tokens.ts';

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
