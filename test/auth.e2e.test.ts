import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_AUDIENCE, INTERNAL_ISSUER, signToken } from '../platform/auth/tokens.ts';
import { clientToken, newTenant, postGraphQL } from './kit/client.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

const QUERY = { query: 'query Sessions { sessions(first: 1) { edges { node { id } } } }' };
const OTHER_SECRET = 'a-secret-that-is-not-the-configured-one-at-all';

describe('authentication', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({ subgraphs: ['session'] });
  });
  afterAll(async () => {
    await graph.close();
  });

  it('refuses a gateway request without a token with 401 UNAUTHENTICATED', async () => {
    const response = await postGraphQL(graph.gatewayUrl, QUERY);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(response.data).toBeUndefined();
  });

  it('refuses a gateway request with a token signed by another secret', async () => {
    const forged = await signToken({ tenantId: newTenant(), subject: 'mallory', scopes: ['admin'] }, { secret: OTHER_SECRET, ttlSeconds: 60 });
    const response = await postGraphQL(graph.gatewayUrl, QUERY, { authorization: `Bearer ${forged}` });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token and a non-bearer scheme', async () => {
    const expired = await signToken({ tenantId: newTenant(), subject: 'u', scopes: ['admin'] }, { secret: graph.config.auth.jwtSecret, ttlSeconds: -120 });
    const response = await postGraphQL(graph.gatewayUrl, QUERY, { authorization: `Bearer ${expired}` });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.message).toMatch(/expired/i);
    const basic = await postGraphQL(graph.gatewayUrl, QUERY, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
  });

  it('serves a valid token', async () => {
    const token = await clientToken(graph, { tenant: newTenant(), scopes: ['sessions:read'] });
    const response = await postGraphQL<{ sessions: { edges: unknown[] } }>(graph.gatewayUrl, QUERY, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data?.sessions.edges).toEqual([]);
  });

  it('refuses a request straight to a subgraph without an internal token, or with a client token', async () => {
    const url = graph.subgraphUrls.session;
    const anonymous = await postGraphQL(url, QUERY);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const clientJwt = await clientToken(graph, { tenant: newTenant() });
    const withClientToken = await postGraphQL(url, QUERY, { authorization: `Bearer ${clientJwt}` });
    expect(withClientToken.status).toBe(401);
  });

  it('refuses a forged internal token at the subgraph and accepts a genuine one', async () => {
    const url = graph.subgraphUrls.session;
    const principal = { tenantId: newTenant(), subject: 'gw', scopes: ['admin'] };
    const forged = await signToken(principal, { secret: OTHER_SECRET, ttlSeconds: 60, audience: INTERNAL_AUDIENCE, issuer: INTERNAL_ISSUER });
    expect((await postGraphQL(url, QUERY, { authorization: `Bearer ${forged}` })).status).toBe(401);
    const genuine = await signToken(principal, {
      secret: graph.config.auth.internalTokenSecret,
      ttlSeconds: 60,
      audience: INTERNAL_AUDIENCE,
      issuer: INTERNAL_ISSUER,
    });
    const response = await postGraphQL<{ sessions: { edges: unknown[] } }>(url, QUERY, { authorization: `Bearer ${genuine}` });
    expect(response.status).toBe(200);
    expect(response.data?.sessions.edges).toEqual([]);
  });

  it('enforces scopes: a token without sessions:read is FORBIDDEN', async () => {
    const token = await clientToken(graph, { tenant: newTenant(), scopes: ['memory:read'] });
    const response = await postGraphQL(graph.gatewayUrl, QUERY, { authorization: `Bearer ${token}` });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('anonymous access', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({
      subgraphs: ['session'],
      env: { AUTH_ALLOW_ANONYMOUS: 'true', AUTH_ANONYMOUS_TENANT: newTenant(), AUTH_ANONYMOUS_SCOPES: 'sessions:read' },
    });
  });
  afterAll(async () => {
    await graph.close();
  });

  it('serves reads without a token when enabled, with only the anonymous scopes', async () => {
    const read = await postGraphQL<{ sessions: { edges: unknown[] } }>(graph.gatewayUrl, QUERY);
    expect(read.status).toBe(200);
    expect(read.data?.sessions.edges).toEqual([]);
    const write = await postGraphQL(graph.gatewayUrl, { query: 'mutation { startSession(input: {}) { id } }' });
    expect(write.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
