import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';

/**
 * A real HTTP server: `/echo` answers the request it got as JSON, `/denied` 401, `/silent` never answers, `/held`
 * answers like `/echo` when the test calls `releaseHeld()`; `received` counts the requests per path.
 */
let server: Server;
let base: string;
const silent: ServerResponse[] = [];
let held: (() => void)[] = [];
const received = new Map<string, number>();
function releaseHeld(): void {
  for (const answer of held) answer();
  held = [];
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.set(req.url ?? '', (received.get(req.url ?? '') ?? 0) + 1);
      if (req.url === '/held') {
        held.push(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ method: req.method, authorization: req.headers.authorization, body }));
        });
        return;
      }
      if (req.url === '/silent') {
        silent.push(res);
        return;
      }
      const status = req.url === '/denied' ? 401 : 200;
      res.writeHead(status, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      res.end(JSON.stringify({ method: req.method, authorization: req.headers.authorization, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of silent) res.destroy();
  releaseHeld();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('createSubgraphFetcher', () => {
  it('sends method, headers and body, and answers status, headers and a body readable once', async () => {
    const fetcher = createSubgraphFetcher({ timeoutMs: 5_000 });
    const response = await fetcher(`${base}/echo`, { method: 'POST', headers: { authorization: 'Bearer t' }, body: '{"query":"{ a }"}' });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    const copy = response.clone();
    expect(await response.json()).toEqual({ method: 'POST', authorization: 'Bearer t', body: '{"query":"{ a }"}' });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(JSON.parse(await copy.text())).toMatchObject({ method: 'POST' });
  });

  it('answers an error status as not ok, with its reason phrase', async () => {
    const response = await createSubgraphFetcher({ timeoutMs: 5_000 })(`${base}/denied`, { method: 'POST', body: '{}' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(401);
    expect(response.statusText).toBe('Unauthorized');
  });

  it('fails with a TimeoutError when the subgraph does not answer within timeoutMs', async () => {
    const fetcher = createSubgraphFetcher({ timeoutMs: 200 });
    await expect(fetcher(`${base}/silent`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  describe('with deduplicate', () => {
    const QUERY = '{"query":"query Q__reviews__1($representations:[_Any!]!){_entities(representations:$representations){id}}","variables":{}}';
    const post = (body: string, authorization = 'Bearer principal-a') => ({ method: 'POST', headers: { authorization }, body });
    /** Waits until the server has received `n` requests to `/held` in all. */
    async function untilReceived(n: number): Promise<void> {
      while ((received.get('/held') ?? 0) < n) await new Promise((resolve) => setTimeout(resolve, 5));
    }

    it('sends identical concurrent query fetches of one principal once, and gives each caller its own parse of the answer', async () => {
      received.delete('/held');
      let shared = 0;
      const fetcher = createSubgraphFetcher({ timeoutMs: 5_000, deduplicate: true, onShared: () => shared++ });
      const answers = [fetcher(`${base}/held`, post(QUERY)), fetcher(`${base}/held`, post(QUERY)), fetcher(`${base}/held`, post(QUERY))];
      await untilReceived(1);
      releaseHeld();
      const bodies = await Promise.all(answers.map(async (a) => (await a).json()));
      expect(received.get('/held')).toBe(1);
      expect(shared).toBe(2);
      expect(bodies[0]).toEqual({ method: 'POST', authorization: 'Bearer principal-a', body: QUERY });
      expect(bodies[1]).toEqual(bodies[0]);
      expect(bodies[1]).not.toBe(bodies[0]);
    });

    it('never shares between principals, nor a mutation, nor across a write that ended meanwhile', async () => {
      received.delete('/held');
      const fetcher = createSubgraphFetcher({ timeoutMs: 5_000, deduplicate: true });
      const a = fetcher(`${base}/held`, post(QUERY, 'Bearer principal-a'));
      const b = fetcher(`${base}/held`, post(QUERY, 'Bearer principal-b'));
      const mutation = '{"query":"mutation M{store{id}}","variables":{}}';
      const m1 = fetcher(`${base}/held`, post(mutation));
      const m2 = fetcher(`${base}/held`, post(mutation));
      await untilReceived(4);
      releaseHeld();
      expect((await (await a).json()) as object).toMatchObject({ authorization: 'Bearer principal-a' });
      expect((await (await b).json()) as object).toMatchObject({ authorization: 'Bearer principal-b' });
      await Promise.all([m1, m2]);

      // A read in flight when a write ends takes no more joiners: the read sent after the write goes out itself.
      received.delete('/held');
      const before = fetcher(`${base}/held`, post(QUERY));
      await untilReceived(1);
      await fetcher(`${base}/echo`, post(mutation));
      const after = fetcher(`${base}/held`, post(QUERY));
      await untilReceived(2);
      releaseHeld();
      await Promise.all([before, after]);
      expect(received.get('/held')).toBe(2);
    });

    it('leaves every fetch its own request without the option', async () => {
      received.delete('/held');
      const fetcher = createSubgraphFetcher({ timeoutMs: 5_000 });
      const answers = [fetcher(`${base}/held`, post(QUERY)), fetcher(`${base}/held`, post(QUERY))];
      await untilReceived(2);
      releaseHeld();
      await Promise.all(answers);
      expect(received.get('/held')).toBe(2);
    });
  });
});
