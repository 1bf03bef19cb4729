import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, newTenant } from './kit/client.ts';
import { startGraph, startSecondGateway, type TestGraph } from './kit/graph.ts';

const ALLOWED = 'https://app.example';
const OTHER = 'https://evil.example';
const SESSION = 'query ($id: ID!) { session(id: $id) { id title } }';
const START = 'mutation ($title: String) { startSession(input: { title: $title }) { id } }';

/** A gateway answer: status, headers and body text. */
interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The `extensions.code` of the first GraphQL error of an answer, if any. */
function errorCode(answer: Answer): unknown {
  return (JSON.parse(answer.text) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code;
}

describe('browsers: CSRF prevention, CORS and security headers', () => {
  let graph: TestGraph;
  let authorization: string;
  beforeAll(async () => {
    // All four subgraphs: without Redis the response cache needs every subgraph in the gateway's process.
    graph = await startGraph({ env: { CORS_ORIGINS: `${ALLOWED},https://other-app.example`, CORS_MAX_AGE_SECONDS: '120' } });
    authorization = `Bearer ${await clientToken(graph, { tenant: newTenant(), scopes: ['admin'] })}`;
  });
  afterAll(async () => {
    await graph?.close();
  });

  describe('CSRF prevention', () => {
    const query = JSON.stringify({ query: '{ __typename }' });

    it.each([
      ['text/plain', 'text/plain;charset=UTF-8'],
      ['multipart/form-data', 'multipart/form-data; boundary=x'],
      ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
    ])('refuses a %s POST to /graphql without a preflight-forcing header with 400 CSRF_REFUSED', async (_name, contentType) => {
      const answer = await send(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': contentType }, body: query });
      expect(answer.status).toBe(400);
      expect(errorCode(answer)).toBe('CSRF_REFUSED');
      expect(answer.text).toContain('cross-site request forgery');
      expect(answer.text).toContain('apollo-require-preflight');
    });

    it('lets a text/plain or multipart POST with apollo-require-preflight through to authentication', async () => {
      for (const contentType of ['text/plain', 'multipart/form-data; boundary=x']) {
        const answer = await send(graph.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': contentType, 'apollo-require-preflight': 'true' },
          body: query,
        });
        expect({ contentType, status: answer.status, code: errorCode(answer) }).toEqual({ contentType, status: 401, code: 'UNAUTHENTICATED' });
      }
    });

    it('refuses a GET event stream (what an EventSource on another origin sends) before it subscribes', async () => {
      const url = `${graph.gatewayUrl}?query=${encodeURIComponent('subscription { workflowRunEvents(runId: "x") { cursor } }')}`;
      const refused = await send(url, { headers: { accept: 'text/event-stream' } });
      expect(refused.status).toBe(400);
      expect(errorCode(refused)).toBe('CSRF_REFUSED');
      const preflighted = await send(url, { headers: { accept: 'text/event-stream', 'x-apollo-operation-name': 'events' } });
      expect(preflighted.status).toBe(401);
    });

    it('serves a GET query with the bearer token (a non-safelisted header), in Apollo Server too', async () => {
      const answer = await send(`${graph.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { authorization } });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toEqual({ data: { __typename: 'Query' }, extensions: { cost: { estimated: 0 } } });
    });

    it('refuses a form POST to /v1 without a preflight-forcing header', async () => {
      const answer = await send(new URL('/v1/chat/completions', graph.gatewayUrl).href, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ model: 'any', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(answer.status).toBe(400);
      expect(errorCode(answer)).toBe('CSRF_REFUSED');
    });
  });

  describe('CORS', () => {
    async function post(origin: string, body: unknown): Promise<Answer> {
      return send(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization, origin }, body: JSON.stringify(body) });
    }

    it('allows a listed origin on a normal answer and on a response-cache hit, and no other origin', async () => {
      const started = await post(ALLOWED, { query: START, variables: { title: 'cors' } });
      expect(started.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(started.headers.get('vary')).toMatch(/origin/i);
      const id = (JSON.parse(started.text) as { data: { startSession: { id: string } } }).data.startSession.id;

      const miss = await post(ALLOWED, { query: SESSION, variables: { id } });
      expect(miss.headers.get('x-cache')).toBe('MISS');
      const hit = await post(ALLOWED, { query: SESSION, variables: { id } });
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(hit.headers.get('access-control-expose-headers')).toContain('x-cache');

      const otherHit = await post(OTHER, { query: SESSION, variables: { id } });
      expect(otherHit.headers.get('x-cache')).toBe('HIT');
      expect(otherHit.headers.get('access-control-allow-origin')).toBeNull();
      expect((await post(OTHER, { query: START, variables: {} })).headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers a preflight from a listed origin with 204, the methods, the asked headers and the max age; another origin gets no allow-origin', async () => {
      const preflight = (origin: string): Promise<Answer> =>
        send(graph.gatewayUrl, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
        });
      const allowed = await preflight(ALLOWED);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      expect(allowed.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
      expect(allowed.headers.get('access-control-max-age')).toBe('120');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      expect((await preflight(OTHER)).headers.get('access-control-allow-origin')).toBeNull();
    });

    it('sends no CORS headers at all without CORS_ORIGINS, and allows credentials only when told', async () => {
      const plain = await startSecondGateway(graph, { CORS_ORIGINS: '' });
      const credentialed = await startSecondGateway(graph, { CORS_ORIGINS: ALLOWED, CORS_ALLOW_CREDENTIALS: 'true' });
      try {
        const init = {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization, origin: ALLOWED },
          body: JSON.stringify({ query: '{ __typename }' }),
        };
        const none = await send(plain.url, init);
        expect(none.status).toBe(200);
        expect([...none.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
        const withCredentials = await send(credentialed.url, init);
        expect(withCredentials.headers.get('access-control-allow-origin')).toBe(ALLOWED);
        expect(withCredentials.headers.get('access-control-allow-credentials')).toBe('true');
      } finally {
        await plain.close();
        await credentialed.close();
      }
    });
  });

  describe('security headers', () => {
    const expected = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    };
    const securityHeaders = (answer: Answer): Record<string, string | null> => ({
      ...Object.fromEntries(Object.keys(expected).map((name) => [name, answer.headers.get(name)])),
      'strict-transport-security': answer.headers.get('strict-transport-security'),
    });

    it('are on every route, a refused request and a response-cache hit; no HSTS outside production', async () => {
      const started = await send(graph.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: START, variables: { title: 'headers' } }),
      });
      const id = (JSON.parse(started.text) as { data: { startSession: { id: string } } }).data.startSession.id;
      const cached = {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: SESSION, variables: { id } }),
      };
      await send(graph.gatewayUrl, cached);
      const hit = await send(graph.gatewayUrl, cached);
      expect(hit.headers.get('x-cache')).toBe('HIT');
      const answers = {
        hit,
        healthz: await send(new URL('/healthz', graph.gatewayUrl).href, {}),
        metrics: await send(new URL('/metrics', graph.gatewayUrl).href, {}),
        v1: await send(new URL('/v1/models', graph.gatewayUrl).href, { headers: { authorization } }),
        unauthenticated: await send(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      };
      for (const [route, answer] of Object.entries(answers)) {
        expect({ route, ...securityHeaders(answer) }).toEqual({ route, ...expected, 'strict-transport-security': null });
      }
      // Express's 404 page sets its own CSP (`default-src 'none'`); x-frame-options still forbids framing.
      const notFound = await send(new URL('/nowhere', graph.gatewayUrl).href, {});
      expect(notFound.status).toBe(404);
      expect(securityHeaders(notFound)).toEqual({ ...expected, 'content-security-policy': "default-src 'none'", 'strict-transport-security': null });
    });
  });
});
