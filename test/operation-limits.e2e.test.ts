import type { GraphQLFormattedError } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayServer } from '../gateway/gateway-server.ts';
import { clientToken, newTenant, postGraphQL } from './kit/client.ts';
import { startCountingProxy, type CountingProxy } from './kit/counting-proxy.ts';
import { limitRefusals } from './kit/gateway-metrics.ts';
import { startGraph, startSecondGateway, type TestGraph } from './kit/graph.ts';
import { gatewayWsClient } from './kit/ws-client.ts';

/**
 * The gateway's operation limits (gateway/operation-limits.ts) over real HTTP, WebSocket and SSE, in both modes: each
 * refusal has its own code (Apollo Router's), HTTP 400, a message naming the limit's value and `extensions.limit`; it
 * is counted in `orchestra_gateway_operation_limit_refusals_total{limit}`; nothing reaches a subgraph.
 */
const LIMITS = {
  MAX_QUERY_DEPTH: '5',
  MAX_QUERY_ALIASES: '3',
  MAX_QUERY_DIRECTIVES: '2',
  MAX_QUERY_TOKENS: '40',
  MAX_ROOT_FIELDS: '2',
  GATEWAY_INTROSPECTION: 'false',
};

/** `count` aliased copies of `cursor` inside one `sessions` selection (each alias counts once). */
function aliases(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `c${i}: cursor`).join(' ');
  return `{ sessions { edges { ${fields} } } }`;
}

/** `count` copies of `cursor @include(if: true)` (a directive is repeatable across fields, not on one). */
function directives(count: number): string {
  return `{ sessions { edges { ${'cursor @include(if: true) '.repeat(count)}} } }`;
}

/** A document of exactly `count` tokens: graphql counts every token but <EOF>; `{ sessions { edges {` + `}}}` is 8. */
function tokens(count: number): string {
  return `{ sessions { edges { ${'cursor '.repeat(count - 8)}} } }`;
}

/** One limit: a document at it (accepted, executed) and one over it (refused), over HTTP. */
interface LimitCase {
  readonly limit: string;
  readonly code: string;
  readonly max: number | undefined;
  readonly accepted: string;
  readonly refused: string;
  readonly message: RegExp;
}

const HTTP_CASES: readonly LimitCase[] = [
  {
    limit: 'depth',
    code: 'MAX_DEPTH_LIMIT',
    max: 5,
    accepted: '{ sessions { edges { node { transcript { text } } } } }',
    refused: '{ sessions { edges { node { transcript { translations { id } } } } } }',
    message: /depth limit of 5 exceeded, found 6/,
  },
  { limit: 'aliases', code: 'MAX_ALIASES_LIMIT', max: 3, accepted: aliases(3), refused: aliases(4), message: /Aliases limit of 3 exceeded, found 4/ },
  {
    limit: 'root_fields',
    code: 'MAX_ROOT_FIELDS_LIMIT',
    max: 2,
    accepted: '{ sessions { edges { cursor } } s2: sessions { edges { cursor } } }',
    // Through a fragment on the root type: two fields there, one beside.
    refused: '{ ...Roots sessions { edges { cursor } } } fragment Roots on Query { a: sessions { edges { cursor } } b: sessions { edges { cursor } } }',
    message: /Root fields limit of 2 exceeded, found 3/,
  },
  {
    limit: 'directives',
    code: 'MAX_DIRECTIVES_LIMIT',
    max: 2,
    accepted: directives(2),
    refused: directives(3),
    message: /Directives limit of 2 exceeded, found 3/,
  },
  { limit: 'tokens', code: 'MAX_TOKENS_LIMIT', max: 40, accepted: tokens(40), refused: tokens(41), message: /Token limit of 40 exceeded.*more than 40 tokens/ },
  {
    limit: 'introspection',
    code: 'INTROSPECTION_DISABLED',
    max: undefined,
    accepted: '{ __typename sessions { edges { __typename cursor } } }',
    refused: '{ sessions { edges { cursor } } __schema { queryType { name } } }',
    message: /Introspection is not allowed.*__schema/,
  },
];

describe('operation limits over HTTP', () => {
  let graph: TestGraph;
  let proxy: CountingProxy;
  let gateway: GatewayServer;
  let authorization: string;
  beforeAll(async () => {
    graph = await startGraph({ subgraphs: ['session'], env: LIMITS });
    // A gateway of the same limits whose session fetches go through a counting proxy: refusals must not reach it.
    proxy = await startCountingProxy(graph.subgraphUrls.session);
    gateway = await startSecondGateway(graph, { ...LIMITS, SESSION_URL: proxy.url, RESPONSE_CACHE: 'false' });
    authorization = `Bearer ${await clientToken(graph, { tenant: newTenant() })}`;
  });
  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
    await graph?.close();
  });

  for (const c of HTTP_CASES) {
    it(`${c.limit}: accepts an operation at the limit, and refuses one over it with 400 ${c.code}, extensions.limit, counted, no subgraph fetch`, async () => {
      const fetchesBeforeAccepted = proxy.requests;
      const accepted = await postGraphQL(gateway.url, { query: c.accepted }, { authorization });
      expect(accepted.errors).toBeUndefined();
      expect(accepted.data).toBeTruthy();
      expect(proxy.requests).toBeGreaterThan(fetchesBeforeAccepted);

      const refusalsBefore = await limitRefusals(gateway.url, c.limit);
      const fetchesBefore = proxy.requests;
      const refused = await postGraphQL(gateway.url, { query: c.refused }, { authorization });
      expect(refused.status).toBe(400);
      expect(refused.data).toBeUndefined();
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringMatching(c.message),
        extensions: { code: c.code, limit: c.max === undefined ? { name: c.limit } : { name: c.limit, max: c.max } },
      });
      expect(await limitRefusals(gateway.url, c.limit)).toBe(refusalsBefore + 1);
      expect(proxy.requests).toBe(fetchesBefore);
    });
  }

  it('refuses __type too when introspection is off, and a GET request’s operation like a POST’s', async () => {
    const type = await postGraphQL(gateway.url, { query: '{ __type(name: "Session") { name } }' }, { authorization });
    expect(type.status).toBe(400);
    expect(type.errors?.[0]?.extensions?.['code']).toBe('INTROSPECTION_DISABLED');
    const url = new URL(gateway.url);
    url.searchParams.set('query', HTTP_CASES[0]?.refused ?? '');
    const get = await fetch(url, { headers: { authorization, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as { errors: GraphQLFormattedError[] }).errors[0]?.extensions?.['code']).toBe('MAX_DEPTH_LIMIT');
  });

  it('answers introspection when GATEWAY_INTROSPECTION=true', async () => {
    const open = await startSecondGateway(graph, { ...LIMITS, GATEWAY_INTROSPECTION: 'true' });
    try {
      const answer = await postGraphQL<{ __schema: { queryType: { name: string } } }>(
        open.url,
        { query: '{ __schema { queryType { name } } }' },
        { authorization },
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.__schema.queryType.name).toBe('Query');
    } finally {
      await open.close();
    }
  });
});

/** One limit over which a workflow event subscription is refused (every limit but the HTTP-only batch). */
const SUBSCRIPTION_CASES: readonly { limit: string; code: string; query: string }[] = [
  { limit: 'depth', code: 'MAX_DEPTH_LIMIT', query: 'subscription { workflowEvents { run { events { run { events { cursor } } } } } }' },
  { limit: 'aliases', code: 'MAX_ALIASES_LIMIT', query: 'subscription { workflowEvents { a: cursor b: cursor c: cursor d: cursor } }' },
  {
    limit: 'root_fields',
    code: 'MAX_ROOT_FIELDS_LIMIT',
    query:
      'subscription { workflowEvents { cursor } ...More } fragment More on Subscription { workflowEvents { type } workflowRunEvents(runId: "r") { cursor } }',
  },
  { limit: 'directives', code: 'MAX_DIRECTIVES_LIMIT', query: `subscription { workflowEvents { ${'cursor @include(if: true) '.repeat(3)}} }` },
  { limit: 'tokens', code: 'MAX_TOKENS_LIMIT', query: `subscription { workflowEvents { ${'cursor '.repeat(40)}} }` },
  { limit: 'introspection', code: 'INTROSPECTION_DISABLED', query: 'subscription { __schema { queryType { name } } }' },
];

describe('operation limits of subscriptions', () => {
  let graph: TestGraph;
  let token: string;
  const clients: Client[] = [];
  beforeAll(async () => {
    graph = await startGraph({ subgraphs: ['session', 'orchestration'], env: LIMITS });
    token = await clientToken(graph, { tenant: newTenant() });
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await graph?.close();
  });

  /** Subscribes over WebSocket; resolves with the `error` message's errors (or what else ended the subscription). */
  function subscribeOverWebSocket(query: string): Promise<unknown> {
    const client = gatewayWsClient(graph.gatewayUrl, { authorization: `Bearer ${token}` });
    clients.push(client);
    return new Promise((resolve) => {
      client.subscribe(
        { query },
        { next: (result) => resolve({ next: result }), error: (error: unknown) => resolve(error), complete: () => resolve('complete') },
      );
    });
  }

  /** Subscribes over SSE (distinct connections): a refusal is answered before any stream, with its code's HTTP status. */
  async function subscribeOverSse(query: string): Promise<{ status: number; contentType: string | null; body: unknown }> {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() };
  }

  for (const c of SUBSCRIPTION_CASES) {
    it(`${c.limit}: refuses the subscription over WebSocket and SSE with ${c.code}, counted each time`, async () => {
      const before = await limitRefusals(graph.gatewayUrl, c.limit);
      const ws = await subscribeOverWebSocket(c.query);
      expect(ws).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: c.code, limit: expect.objectContaining({ name: c.limit }) }) }),
      ]);
      const sse = await subscribeOverSse(c.query);
      expect(sse).toMatchObject({
        status: 400,
        contentType: expect.stringContaining('application/json'),
        body: { errors: [{ extensions: { code: c.code, limit: { name: c.limit } } }] },
      });
      expect(await limitRefusals(graph.gatewayUrl, c.limit)).toBe(before + 2);
    });
  }

  it('lets a subscription within every limit through to the delivery, whose own refusal keeps its code over SSE too', async () => {
    const query = 'subscription { workflowRunEvents(runId: "00000000-0000-0000-0000-000000000000") { cursor run { id } } }';
    // The run does not exist: refused by the delivery (NOT_FOUND), past every limit.
    expect(await subscribeOverWebSocket(query)).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    // Before, graphql-sse answered every refusal with a bare 400 "Unable to detect operation AST".
    expect(await subscribeOverSse(query)).toMatchObject({ status: 404, body: { errors: [{ extensions: { code: 'NOT_FOUND' } }] } });
  });
});
