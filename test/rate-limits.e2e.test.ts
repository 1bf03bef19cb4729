import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, newTenant, waitFor } from './kit/client.ts';
import { startGraph, startSecondGateway, type TestGraph } from './kit/graph.ts';
import { metricValue } from './kit/gateway-metrics.ts';
import { gatewayWsClient } from './kit/ws-client.ts';

const redisUrl = process.env['REDIS_URL'];

/** A cacheable query (memories carry `@cacheControl(maxAge: 30)`), so repeats are answered by the cache's hit path. */
const CACHED = '{ memories(first: 1) { edges { node { id } } } }';

/** POSTs `query` as `identity` and returns the status, the rate-limit headers and the body. */
async function post(url: string, token: string, query = CACHED) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const headers = Object.fromEntries(
    ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy', 'retry-after', 'x-cache'].map((h) => [h, response.headers.get(h)]),
  );
  return {
    status: response.status,
    headers,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] },
  };
}

describe('gateway request rate limits', () => {
  /** 4 requests a minute per subject, 6 per tenant; 2 open subscriptions per subject. */
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({
      env: { RATE_LIMIT_SUBJECT_REQUESTS: '4', RATE_LIMIT_TENANT_REQUESTS: '6', RATE_LIMIT_API_KEY_REQUESTS: '0', SUBSCRIPTION_MAX_PER_PRINCIPAL: '2' },
    });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('counts every request of a subject, cached answers included, and refuses the one over the limit with 429, Retry-After and RateLimit headers', async () => {
    const tenant = newTenant();
    const token = await clientToken(graph, { tenant, subject: 'alice' });
    const refusalsBefore = await metricValue(graph.gatewayUrl, 'orchestra_gateway_rate_limit_refusals_total{limit="subject"}');
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await post(graph.gatewayUrl, token));
    expect(answers.slice(0, 4).map((a) => a.status)).toEqual([200, 200, 200, 200]);
    // The subject's limit is the one closest to exhaustion (4 - n left, against the tenant's 6 - n).
    expect(answers.slice(0, 4).map((a) => a.headers['ratelimit-remaining'])).toEqual(['3', '2', '1', '0']);
    expect(answers[0]?.headers['ratelimit-limit']).toBe('4');
    expect(answers[0]?.headers['ratelimit-policy']).toBe('4;w=60;comment="subject", 6;w=60;comment="tenant"');
    // Answered from the cache after the first: the hit path counts too.
    expect(answers[3]?.headers['x-cache']).toBe('HIT');

    const refused = answers[4];
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused?.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused?.headers['ratelimit-remaining']).toBe('0');
    expect(refused?.body.errors).toEqual([
      {
        message: expect.stringContaining('Rate limit reached (subject)'),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: Number(refused?.headers['retry-after']), limits: ['subject'] },
      },
    ]);
    expect(refused?.body.data).toBeUndefined();
    expect(await metricValue(graph.gatewayUrl, 'orchestra_gateway_rate_limit_refusals_total{limit="subject"}')).toBe(refusalsBefore + 1);

    // Another subject of the same tenant has its own count.
    expect((await post(graph.gatewayUrl, await clientToken(graph, { tenant, subject: 'bob' }))).status).toBe(200);
  });

  it('counts all the subjects of a tenant together against the tenant limit', async () => {
    const tenant = newTenant();
    const statuses: number[] = [];
    const limits: unknown[] = [];
    for (const subject of ['a', 'a', 'b', 'b', 'c', 'c', 'd']) {
      const answer = await post(graph.gatewayUrl, await clientToken(graph, { tenant, subject }));
      statuses.push(answer.status);
      if (answer.status === 429) limits.push(answer.body.errors?.[0]?.extensions['limits']);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(limits).toEqual([['tenant']]);
    // Other tenants are not affected.
    expect((await post(graph.gatewayUrl, await clientToken(graph, { tenant: newTenant(), subject: 'a' }))).status).toBe(200);
  });

  it('counts /v1 requests and refuses them in OpenAI error shape', async () => {
    const token = await clientToken(graph, { tenant: newTenant() });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await fetch(new URL('/v1/models', graph.gatewayUrl), { headers: { authorization: `Bearer ${token}` } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await last?.json()).toEqual({
      error: { message: expect.stringContaining('Rate limit reached'), type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
  });

  it('counts WebSocket subscribes as requests, and allows at most SUBSCRIPTION_MAX_PER_PRINCIPAL open subscriptions per subject', async () => {
    const tenant = newTenant();
    const client = gatewayWsClient(graph.gatewayUrl, { authorization: `Bearer ${await clientToken(graph, { tenant, subject: 'partner' })}` });
    const errors: unknown[][] = [];
    const refusalsBefore = await metricValue(graph.gatewayUrl, 'orchestra_gateway_rate_limit_refusals_total{limit="subscriptions"}');
    const open = (): (() => void) =>
      client.subscribe(
        { query: 'subscription { workflowEvents { cursor } }' },
        { next: () => {}, error: (e) => errors.push(e as unknown[]), complete: () => {} },
      );
    const first = open();
    const second = open();
    open();
    await waitFor('the third subscription to be refused', async () => (errors.length > 0 ? true : undefined));
    expect(errors[0]).toEqual([expect.objectContaining({ extensions: { code: 'RATE_LIMITED', limit: 'subscriptions', maxSubscriptions: 2 } })]);
    expect(await metricValue(graph.gatewayUrl, 'orchestra_gateway_rate_limit_refusals_total{limit="subscriptions"}')).toBe(refusalsBefore + 1);
    // Ending one frees its place (once the gateway has seen the end); the subject's fifth request is then refused.
    first();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ended: unknown[] = [];
    const fourth = client.subscribe(
      { query: 'subscription { workflowEvents { cursor } }' },
      { next: () => {}, error: (e) => ended.push(e), complete: () => ended.push('complete') },
    );
    open();
    await waitFor('the fifth subscription to be refused', async () => (errors.length > 1 ? true : undefined));
    expect(errors[1]).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED', limits: ['subject'] }) })]);
    expect(ended).toEqual([]);
    fourth();
    second();
    await client.dispose();
  });

  it.skipIf(!redisUrl)('shares the counts and the subscription quota among gateway instances through Redis', async () => {
    await using second = await startSecondGateway(graph, {
      RATE_LIMIT_SUBJECT_REQUESTS: '4',
      RATE_LIMIT_TENANT_REQUESTS: '6',
      SUBSCRIPTION_MAX_PER_PRINCIPAL: '2',
    });
    const tenant = newTenant();
    const token = await clientToken(graph, { tenant, subject: 'carol' });
    const statuses = [];
    for (const url of [graph.gatewayUrl, second.url, graph.gatewayUrl, second.url, graph.gatewayUrl]) statuses.push((await post(url, token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);

    const other = newTenant();
    const wsOf = async (url: string) => gatewayWsClient(url, { authorization: `Bearer ${await clientToken(graph, { tenant: other, subject: 'dave' })}` });
    const a = await wsOf(graph.gatewayUrl);
    const b = await wsOf(second.url);
    const errors: unknown[][] = [];
    const sink = { next: () => {}, error: (e: unknown) => errors.push(e as unknown[]), complete: () => {} };
    a.subscribe({ query: 'subscription { workflowEvents { cursor } }' }, sink);
    a.subscribe({ query: 'subscription { workflowEvents { cursor } }' }, sink);
    // Both leases are taken before the other instance is asked for a third.
    await new Promise((resolve) => setTimeout(resolve, 500));
    b.subscribe({ query: 'subscription { workflowEvents { cursor } }' }, sink);
    await waitFor('the subscription on the other instance to be refused', async () => (errors.length > 0 ? true : undefined));
    expect(errors[0]).toEqual([expect.objectContaining({ extensions: { code: 'RATE_LIMITED', limit: 'subscriptions', maxSubscriptions: 2 } })]);
    await a.dispose();
    await b.dispose();
  });
});
