import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, createClient, newTenant, waitFor } from './kit/client.ts';
import { readEventStream } from './kit/event-stream.ts';
import { startGraph, startSecondGateway, type TestGraph } from './kit/graph.ts';
import { createWorkflow, startRun, waitForRun } from './kit/runs.ts';
import { startTestHttpServer } from './kit/test-http-server.ts';
import { metricValue } from './kit/gateway-metrics.ts';

/** One HTTP answer of the gateway with the headers the response cache sets. */
interface CachedAnswer<TData> {
  readonly data: TData | null | undefined;
  readonly errors: unknown;
  readonly xCache: string | null;
  readonly age: string | null;
  readonly cacheControl: string | null;
}

async function post<TData>(url: string, authorization: string, query: string, variables?: unknown): Promise<CachedAnswer<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json()) as { data?: TData | null; errors?: unknown };
  return {
    data: json.data,
    errors: json.errors,
    xCache: response.headers.get('x-cache'),
    age: response.headers.get('age'),
    cacheControl: response.headers.get('cache-control'),
  };
}

const cacheLookups = (url: string, result: string): Promise<number> => metricValue(url, 'orchestra_gateway_response_cache_lookups_total', { result });

const SESSION = 'query ($id: ID!) { session(id: $id) { id title status } }';
const START = 'mutation ($title: String) { startSession(input: { title: $title }) { id } }';
const END = 'mutation ($id: ID!) { endSession(id: $id) { id status } }';
type SessionData = { session: { id: string; title: string; status: string } | null };

describe('response cache', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    // All four: without Redis the gateway caches only when every subgraph runs in its process.
    graph = await startGraph();
  });
  afterAll(async () => {
    await graph?.close();
  });

  async function bearer(tenant: string, subject = 'ada', scopes = ['admin']): Promise<string> {
    return `Bearer ${await clientToken(graph, { tenant, subject, scopes })}`;
  }

  async function startSession(authorization: string, title: string): Promise<string> {
    const started = await post<{ startSession: { id: string } }>(graph.gatewayUrl, authorization, START, { title });
    expect(started.xCache).toBeNull();
    return started.data?.startSession.id ?? '';
  }

  it('answers a repeated query from the cache, with max-age and age, and counts hits and misses', async () => {
    const authorization = await bearer(newTenant());
    const id = await startSession(authorization, 'cached');
    const [hitsBefore, missesBefore] = [await cacheLookups(graph.gatewayUrl, 'hit'), await cacheLookups(graph.gatewayUrl, 'miss')];

    const first = await post<SessionData>(graph.gatewayUrl, authorization, SESSION, { id });
    expect(first).toMatchObject({
      data: { session: { id, title: 'cached', status: 'ACTIVE' } },
      xCache: 'MISS',
      age: '0',
      cacheControl: 'private, max-age=30',
    });
    const second = await post<SessionData>(graph.gatewayUrl, authorization, SESSION, { id });
    expect(second.xCache).toBe('HIT');
    expect(second.data).toEqual(first.data);
    expect(Number(second.age)).toBeGreaterThanOrEqual(0);
    expect(second.cacheControl).toMatch(/^private, max-age=(30|29)$/);
    expect(await cacheLookups(graph.gatewayUrl, 'hit')).toBe(hitsBefore + 1);
    expect(await cacheLookups(graph.gatewayUrl, 'miss')).toBe(missesBefore + 1);

    // A request's own cache-control: no-cache computes anew (and stores), no-store goes around the cache.
    const noCache = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, 'cache-control': 'no-cache' },
      body: JSON.stringify({ query: SESSION, variables: { id } }),
    });
    expect(noCache.headers.get('x-cache')).toBe('MISS');
    const noStore = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, 'cache-control': 'no-store' },
      body: JSON.stringify({ query: SESSION, variables: { id } }),
    });
    expect(noStore.headers.get('x-cache')).toBeNull();
    expect(((await noStore.json()) as { data: SessionData }).data.session?.title).toBe('cached');

    // Other variables are another entry.
    const otherId = await startSession(authorization, 'other');
    expect((await post<SessionData>(graph.gatewayUrl, authorization, SESSION, { id: otherId })).xCache).toBe('MISS');
  });

  it('never answers one tenant, or other scopes, with another’s cached response', async () => {
    const ada = await bearer(newTenant());
    const id = await startSession(ada, 'tenant one');
    expect((await post<SessionData>(graph.gatewayUrl, ada, SESSION, { id })).xCache).toBe('MISS');
    expect((await post<SessionData>(graph.gatewayUrl, ada, SESSION, { id })).xCache).toBe('HIT');

    // The same document and variables from another tenant: its own execution, which finds no such session there.
    const other = await post<SessionData>(graph.gatewayUrl, await bearer(newTenant()), SESSION, { id });
    expect(other.data).toEqual({ session: null });
    expect(other.xCache).not.toBe('HIT');
    // The same tenant with fewer scopes is another entry too.
    const narrower = await post<SessionData>(graph.gatewayUrl, await bearer(newTenant(), 'bob', ['sessions:read']), SESSION, { id });
    expect(narrower.xCache).not.toBe('HIT');
  });

  it('computes concurrent misses of one key once, for the users who may share it', async () => {
    const tenant = newTenant();
    const id = await startSession(await bearer(tenant), 'popular');
    const [hitsBefore, missesBefore] = [await cacheLookups(graph.gatewayUrl, 'hit'), await cacheLookups(graph.gatewayUrl, 'miss')];
    // Five users of the tenant (distinct principals, so in-flight deduplication does not join them), at once.
    const users = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((subject) => bearer(tenant, subject)));
    const answers = await Promise.all(users.map((authorization) => post<SessionData>(graph.gatewayUrl, authorization, SESSION, { id })));
    for (const answer of answers) expect(answer.data?.session?.title).toBe('popular');
    expect(await cacheLookups(graph.gatewayUrl, 'miss')).toBe(missesBefore + 1);
    expect(await cacheLookups(graph.gatewayUrl, 'hit')).toBe(hitsBefore + 4);
    expect(answers.filter((a) => a.xCache === 'MISS')).toHaveLength(1);
  });

  it('serves no cached response after a mutation changed its data', async () => {
    const authorization = await bearer(newTenant());
    const id = await startSession(authorization, 'to end');
    await post(graph.gatewayUrl, authorization, SESSION, { id });
    expect((await post<SessionData>(graph.gatewayUrl, authorization, SESSION, { id })).xCache).toBe('HIT');
    const ended = await post<{ endSession: { status: string } }>(graph.gatewayUrl, authorization, END, { id });
    expect(ended.data?.endSession.status).toBe('ENDED');
    const after = await post<SessionData>(graph.gatewayUrl, authorization, SESSION, { id });
    expect(after.data?.session?.status).toBe('ENDED');
    expect(after.xCache).toBe('MISS');
  });

  it('does not cache mutations, answers with errors, or queries with a field that has no max-age', async () => {
    const authorization = await bearer(newTenant());
    // A cacheable document whose execution fails (a bad cursor): the error is never stored.
    const failing = 'query { sessions(first: 5, after: "not-a-cursor") { edges { node { id } } } }';
    const failed = await post(graph.gatewayUrl, authorization, failing);
    expect(failed.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(failed.xCache).toBeNull();
    expect((await post(graph.gatewayUrl, authorization, failing)).xCache).toBeNull();
    // A document that fails validation.
    expect((await post(graph.gatewayUrl, authorization, '{ session(id: "1") { nope } }')).xCache).toBeNull();
    // `__typename` alone is a root field without a hint: max-age 0.
    expect((await post(graph.gatewayUrl, authorization, '{ __typename }')).xCache).toBeNull();
    const introspection = await post(graph.gatewayUrl, authorization, '{ __schema { queryType { name } } }');
    expect(introspection.xCache).toBeNull();
  });

  it('a client that saw a run finish gets the finished run, though the engine — not a mutation — wrote it', async () => {
    await using server = await startTestHttpServer();
    server.hold('/slow');
    const tenant = newTenant();
    const api = await createClient(graph, { tenant });
    const authorization = `Bearer ${api.token}`;
    const workflowId = await createWorkflow(api, [{ id: 'slow', kind: 'http', config: { url: `${server.url}/slow` } }]);
    const runId = await startRun(api, { workflowId });
    await waitFor('the step to call the server', async () => (server.requestsTo('/slow').length > 0 ? true : undefined));
    const RUN = 'query ($id: ID!) { workflowRun(id: $id) { id status steps { stepId status } } }';
    type RunData = { workflowRun: { status: string; steps: { stepId: string; status: string }[] } };
    // Cached while the step runs (a miss may see the run a moment before; the second read must be a hit).
    await waitFor('a cached running run', async () => {
      const answer = await post<RunData>(graph.gatewayUrl, authorization, RUN, { id: runId });
      return answer.xCache === 'HIT' && answer.data?.workflowRun.status === 'RUNNING' ? true : undefined;
    });
    const finalEvent = graph.config.redis.url
      ? (async () => {
          // With Redis the gateway streams events: when the final one arrives, the cache must know of the writes before it.
          const body = { query: 'subscription ($runId: ID!) { workflowRunEvents(runId: $runId, after: "0") { type } }', variables: { runId } };
          for await (const event of readEventStream(graph.gatewayUrl, body, { authorization })) {
            if (event.event === 'next' && JSON.stringify(event.data).includes('RUN_COMPLETED')) return;
          }
        })()
      : waitForRun(api, runId);
    server.release('/slow', 200, { ok: true });
    await finalEvent;
    const finished = await post<RunData>(graph.gatewayUrl, authorization, RUN, { id: runId });
    expect(finished.data?.workflowRun).toMatchObject({ status: 'COMPLETED', steps: [{ stepId: 'slow', status: 'COMPLETED' }] });
  });

  it.skipIf(!process.env['REDIS_URL'])(
    'through two gateway instances and Redis: shared entries, and no stale answer after a write through the other',
    async () => {
      const second = await startSecondGateway(graph);
      try {
        const authorization = await bearer(newTenant());
        const id = await startSession(authorization, 'shared');
        expect((await post<SessionData>(graph.gatewayUrl, authorization, SESSION, { id })).xCache).toBe('MISS');
        // The other instance has nothing in process: it takes the entry from Redis.
        const fromRedis = await post<SessionData>(second.url, authorization, SESSION, { id });
        expect(fromRedis).toMatchObject({ xCache: 'HIT', data: { session: { status: 'ACTIVE' } } });
        expect((await post<SessionData>(second.url, authorization, SESSION, { id })).xCache).toBe('HIT');

        // A write through the first instance: the second's in-process entry must not be served afterwards.
        await post(graph.gatewayUrl, authorization, END, { id });
        const afterWrite = await post<SessionData>(second.url, authorization, SESSION, { id });
        expect(afterWrite).toMatchObject({ xCache: 'MISS', data: { session: { status: 'ENDED' } } });
        expect((await post<SessionData>(graph.gatewayUrl, authorization, SESSION, { id })).data?.session?.status).toBe('ENDED');
      } finally {
        await second.close();
      }
    },
  );

  it('answers bad input on its hit path as the gateway without the cache does, and hits through it', async () => {
    const uncached = await startSecondGateway(graph, { RESPONSE_CACHE: 'false' });
    try {
      const authorization = await bearer(newTenant());
      const id = await startSession(authorization, 'parity');
      const query = JSON.stringify({ query: SESSION, variables: { id } });
      const json = 'application/json';
      // [what, content type, body, extra headers]: every kind of request the hit path reads, or hands over unread.
      const cases: [string, string, string | Buffer, Record<string, string>?][] = [
        ['not JSON', json, '{"query": '],
        ['a JSON string (strict: not an object or array)', json, '"{ __typename }"'],
        ['a number after whitespace', json, ' \n 42'],
        ['an empty body', json, ''],
        ['a batch', json, `[${query}]`],
        ['a query that is not a string', json, JSON.stringify({ query: 42 })],
        ['variables of the wrong type', json, JSON.stringify({ query: SESSION, variables: { id: { not: 'an id' } } })],
        ['a document that does not parse', json, JSON.stringify({ query: '{ session(id: ' })],
        ['extensions (persisted query)', json, JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })],
        ['a UTF-8 byte order mark, then the query', `${json}; charset=utf-8`, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(query)])],
        ['another charset', `${json}; charset=latin1`, query],
        ['not JSON content', 'text/plain', query],
        ['over the body limit', json, JSON.stringify({ query: SESSION, variables: { id, pad: 'x'.repeat(graph.config.limits.maxRequestBytes) } })],
        ['no token', json, query, { authorization: '' }],
        ['not a bearer token', json, query, { authorization: 'Basic YWRhOnNlY3JldA==' }],
        ['a forged token', json, query, { authorization: `${authorization.slice(0, -4)}AAAA` }],
      ];
      for (const [what, contentType, body, headers] of cases) {
        const answers = await Promise.all(
          [graph.gatewayUrl, uncached.url].map(async (url) => {
            const response = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': contentType, ...headers }, body });
            return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
          }),
        );
        expect(answers[0], what).toEqual(answers[1]);
      }
      // A hit on the hit path, with the bytes the miss was answered with (another session: the cases above stored one).
      const hitId = await startSession(authorization, 'hit path');
      const hitQuery = JSON.stringify({ query: SESSION, variables: { id: hitId } });
      const miss = await fetch(graph.gatewayUrl, { method: 'POST', headers: { authorization, 'content-type': json }, body: hitQuery });
      const missBody = await miss.text();
      expect(miss.headers.get('x-cache')).toBe('MISS');
      const hit = await fetch(graph.gatewayUrl, { method: 'POST', headers: { authorization, 'content-type': `${json}; charset=UTF-8` }, body: hitQuery });
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.headers.get('content-length')).toBe(String(Buffer.byteLength(missBody)));
      expect(await hit.text()).toBe(missBody);
      // A request gone while its body arrives is dropped, and the gateway serves the next one.
      await new Promise<void>((resolve, reject) => {
        const request = httpRequest(graph.gatewayUrl, { method: 'POST', headers: { authorization, 'content-type': json, 'content-length': '1000' } });
        request.on('error', () => resolve());
        request.write('{"query": ', () => setTimeout(() => (request.destroy(), resolve()), 50));
        request.on('response', () => reject(new Error('answered a request whose body never arrived')));
      });
      expect((await post<SessionData>(graph.gatewayUrl, authorization, SESSION, { id: hitId })).xCache).toBe('HIT');
    } finally {
      await uncached.close();
    }
  });
});
