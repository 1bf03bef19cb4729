import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpDeduplication } from './http-deduplication.ts';

/**
 * A real HTTP server: authentication stands in as `x-tenant` → `res.locals.principal`; behind the deduplication,
 * the handler counts its calls, holds each answer until `release()`, and answers with its call number, or streams
 * its answer in two writes when the query asks for `stream`.
 */
/** The deduplication's MAX_QUERY_TOKENS: the longest document here has 20 tokens. */
const MAX_TOKENS = 30;
let server: Server;
let url: string;
let calls = 0;
const held = new Map<number, () => void>();
let shared = 0;
/** Answers the held call `call`, or every held call. */
const release = (call?: number): void => {
  for (const [n, answer] of held) {
    if (call !== undefined && n !== call) continue;
    held.delete(n);
    answer();
  }
};

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.use((req, res, next) => {
    res.locals['principal'] = { tenantId: String(req.headers['x-tenant']), subject: 'ada', scopes: ['admin'] };
    next();
  });
  app.use(createHttpDeduplication({ onShared: () => shared++, maxTokens: MAX_TOKENS }));
  app.post('/graphql', (req, res) => {
    const call = ++calls;
    held.set(call, () => {
      if (String((req.body as { query: string }).query).includes('stream')) {
        res.status(200).type('application/json');
        res.write('{"data":');
        res.end(`{"call":${call}}}`);
      } else {
        res.status(200).json({ data: { call } });
      }
    });
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  release();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  calls = 0;
  shared = 0;
});

function post(body: unknown, tenant = 't1'): Promise<{ status: number; text: string; etag: string | null }> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tenant': tenant }, body: JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    text: await r.text(),
    etag: r.headers.get('etag'),
  }));
}

/** Waits until the handler has been called `n` times, then answers every held call. */
async function releaseAfter(n: number): Promise<void> {
  while (calls < n) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 50));
  release();
}

describe('createHttpDeduplication', () => {
  it('answers identical concurrent queries of one principal with the first one’s bytes, status and headers', async () => {
    const query = { query: 'query Q($id: ID) { item(id: $id) { id } }', variables: { id: '1' }, operationName: 'Q' };
    const answers = Promise.all([post(query), post(query), post(query)]);
    await releaseAfter(1);
    const [a, b, c] = await answers;
    expect(calls).toBe(1);
    expect(shared).toBe(2);
    expect(a).toEqual({ status: 200, text: '{"data":{"call":1}}', etag: expect.any(String) });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('runs each request of another principal, other variables, a mutation, or a document that does not parse', async () => {
    const query = { query: '{ items { id } }' };
    const answers = Promise.all([
      post(query, 't1'),
      post(query, 't2'),
      post({ query: 'query ($n: Int) { items(first: $n) { id } }', variables: { n: 1 } }),
      post({ query: 'query ($n: Int) { items(first: $n) { id } }', variables: { n: 2 } }),
      post({ query: 'mutation { add { id } }' }),
      post({ query: 'mutation { add { id } }' }),
      post({ query: '{ items { id ' }),
      post({ query: '{ items { id ' }),
    ]);
    await releaseAfter(8);
    expect(new Set((await answers).map((a) => a.text)).size).toBe(8);
    expect(shared).toBe(0);
  });

  it('runs each request of a document over maxTokens, which it does not parse to its end (Apollo Server refuses it)', async () => {
    const long = { query: `{ items { ${'id '.repeat(MAX_TOKENS)}} }` };
    const answers = Promise.all([post(long), post(long)]);
    // Answers every call as it comes: shared or not, both requests end.
    const releasing = setInterval(release, 5);
    const texts = (await answers).map((a) => a.text);
    clearInterval(releasing);
    expect(shared).toBe(0);
    expect(calls).toBe(2);
    expect(new Set(texts).size).toBe(2);
  });

  it('leaves followers of a streamed answer to run on their own, and no query joins a read from before a mutation’s answer', async () => {
    // The follower waits for the leader, then runs itself: its call comes after the leader's answer.
    const streamed = Promise.all([post({ query: '{ stream }' }), post({ query: '{ stream }' })]);
    await releaseAfter(1);
    await releaseAfter(2);
    expect((await streamed).map((a) => a.text).sort()).toEqual(['{"data":{"call":1}}', '{"data":{"call":2}}']);

    // The early read is still held when the mutation's answer is sent: the late read must not join it.
    calls = 0;
    const early = post({ query: '{ items { id } }' });
    while (calls < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const write = post({ query: 'mutation { add { id } }' });
    while (calls < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    release(2);
    await write;
    const late = post({ query: '{ items { id } }' });
    await releaseAfter(3);
    expect((await early).text).toBe('{"data":{"call":1}}');
    expect((await late).text).toBe('{"data":{"call":3}}');
  });
});
