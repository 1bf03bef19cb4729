import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signToken } from '../platform/auth/tokens.ts';
import { newTenant, postGraphQL } from './kit/client.ts';
import { startFakeIdentityProvider, type FakeIdentityProvider, type ProviderClaims, type ProviderKey } from './kit/fake-identity-provider.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

/**
 * Client JWTs from an identity provider's JSON Web Key Set (RFC 7517) beside HS256 ones, through the real gateway:
 * `/graphql`, WebSocket subscriptions (with Redis) and `/v1/models` all take them; bad ones are 401 UNAUTHENTICATED.
 */
const QUERY = { query: 'query Sessions { sessions(first: 1) { edges { node { id } } } }' };
const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'orchestra-gateway';
const SKEW_SECONDS = 30;

describe('client tokens from a JWKS', () => {
  let idp: FakeIdentityProvider;
  let graph: TestGraph;
  let rsa: ProviderKey;
  let ec: ProviderKey;

  beforeAll(async () => {
    idp = await startFakeIdentityProvider();
    rsa = await idp.createKey('RS256', 'rsa-1');
    ec = await idp.createKey('ES256', 'ec-1');
    idp.publish(rsa);
    idp.publish(ec);
    graph = await startGraph({
      // orchestration too: in embedded mode the WebSocket server serves its in-process event stream.
      subgraphs: ['session', 'routing', 'orchestration'],
      env: {
        AUTH_JWKS_URL: idp.jwksUrl,
        AUTH_JWT_ISSUER: ISSUER,
        AUTH_JWT_AUDIENCE: AUDIENCE,
        AUTH_CLOCK_SKEW_SECONDS: String(SKEW_SECONDS),
        // Fetch the set again at once for an unknown kid, so the rotation test needs no 30 s wait.
        AUTH_JWKS_COOLDOWN_MS: '0',
      },
    });
  });
  afterAll(async () => {
    await graph?.close();
    await idp?.close();
  });

  const sign = (key: ProviderKey, claims: Partial<ProviderClaims> = {}): Promise<string> =>
    idp.sign(key, { tenant: newTenant(), iss: ISSUER, aud: AUDIENCE, ...claims });
  const query = (token: string) => postGraphQL<{ sessions: { edges: unknown[] } }>(graph.gatewayUrl, QUERY, { authorization: `Bearer ${token}` });
  async function expectRefused(token: string, message?: RegExp): Promise<void> {
    const response = await query(token);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    if (message) expect(response.errors?.[0]?.message).toMatch(message);
  }

  it('answers a query with an RS256 and an ES256 token from the key set', async () => {
    for (const key of [rsa, ec]) {
      const response = await query(await sign(key));
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      expect(response.data?.sessions.edges).toEqual([]);
    }
  });

  it('still answers a HS256 token signed with the secret, alongside', async () => {
    const token = await signToken(
      { tenantId: newTenant(), subject: 'u', scopes: ['admin'] },
      { secret: graph.config.auth.jwtSecret, ttlSeconds: 60, issuer: ISSUER, audience: AUDIENCE },
    );
    const response = await query(token);
    expect(response.status).toBe(200);
    expect(response.data?.sessions.edges).toEqual([]);
  });

  it('serves GET /v1/models with a JWKS token, and refuses one of another issuer there', async () => {
    const ok = await fetch(`${graph.gatewayUrl.replace(/\/graphql$/, '')}/v1/models`, {
      headers: { authorization: `Bearer ${await sign(ec, { scopes: ['routing:read'] })}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ object: 'list', data: [] });
    const refused = await fetch(`${graph.gatewayUrl.replace(/\/graphql$/, '')}/v1/models`, {
      headers: { authorization: `Bearer ${await sign(ec, { iss: 'https://other.example.test/' })}` },
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
  });

  it('acknowledges a WebSocket connection_init with a JWKS token, and closes one with a foreign key', async () => {
    const outsider = await idp.createKey('RS256', 'rsa-1'); // same kid as a published key, another key pair
    const connect = (token: string) =>
      new Promise<{ ack: boolean; code: number | undefined }>((resolve) => {
        const socket = new WebSocket(graph.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
        socket.on('message', (data: Buffer) => {
          if ((JSON.parse(data.toString()) as { type: string }).type === 'connection_ack') {
            socket.close();
            resolve({ ack: true, code: undefined });
          }
        });
        socket.on('close', (code) => resolve({ ack: false, code }));
      });
    expect(await connect(await sign(rsa))).toEqual({ ack: true, code: undefined });
    expect(await connect(await sign(ec))).toEqual({ ack: true, code: undefined });
    expect(await connect(await sign(outsider))).toEqual({ ack: false, code: 4403 });
  });

  it('accepts a token signed with a rotated-in key after fetching the key set again', async () => {
    const rotated = await idp.createKey('EdDSA', 'ed-2');
    const token = await sign(rotated);
    const before = idp.jwksRequests();
    await expectRefused(token); // not published yet: unknown kid
    idp.publish(rotated);
    const response = await query(await sign(rotated));
    expect(response.status).toBe(200);
    expect(response.data?.sessions.edges).toEqual([]);
    expect(idp.jwksRequests()).toBeGreaterThanOrEqual(before + 2);
  });

  it('refuses a wrong issuer, a wrong audience, a missing audience and a token expired beyond the skew', async () => {
    await expectRefused(await sign(rsa, { iss: 'https://other.example.test/' }), /"iss"/);
    await expectRefused(await sign(rsa, { aud: 'someone-else' }), /"aud"/);
    await expectRefused(await idp.sign(rsa, { tenant: newTenant(), iss: ISSUER }), /"aud"/);
    await expectRefused(await sign(rsa, { ttlSeconds: -(SKEW_SECONDS + 60) }), /expired/i);
  });

  it('accepts a token expired within the clock skew', async () => {
    const response = await query(await sign(rsa, { ttlSeconds: -5 }));
    expect(response.status).toBe(200);
  });

  it('refuses an unknown kid and a key pair that is not in the key set', async () => {
    await expectRefused(await sign(await idp.createKey('ES256', 'never-published')), /signature/);
    await expectRefused(await sign(await idp.createKey('ES256', 'ec-1')), /signature/);
  });

  it('refuses algorithm confusion: an RS256 header signed with the HS256 secret, and alg "none"', async () => {
    const secret = new TextEncoder().encode(graph.config.auth.jwtSecret);
    const claims = { tenant: newTenant(), scopes: ['admin'], sub: 'mallory', iss: ISSUER, aud: AUDIENCE };
    const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(secret);
    const [, payload, signature] = hs.split('.');
    const asRs256 = `${Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'rsa-1' })).toString('base64url')}.${payload}.${signature}`;
    await expectRefused(asRs256, /signature/);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    await expectRefused(none, /signature/);
  });

  it('answers 401 UNAUTHENTICATED, not 500, when the key set cannot be fetched, without its body', async () => {
    const key = await idp.createKey('RS256', 'while-down');
    try {
      idp.answer({ kind: 'status', status: 503, body: 'idp-internal-detail' });
      const failed = await query(await sign(key));
      expect(failed.status).toBe(401);
      expect(failed.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(failed.errors?.[0]?.extensions?.['reason']).toBe('jwks');
      expect(JSON.stringify(failed)).not.toContain('idp-internal-detail');
      idp.answer({ kind: 'reset' });
      const reset = await query(await sign(key));
      expect(reset.status).toBe(401);
      expect(reset.errors?.[0]?.extensions?.['reason']).toBe('jwks');
    } finally {
      idp.answer({ kind: 'keys' });
    }
  });
});
