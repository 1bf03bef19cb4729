import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphFetcher } from './subgraph-fetcher.ts';

/** A real HTTP server: `/echo` answers the request it got as JSON, `/denied` 401, `/silent` never answers. */
let server: Server;
let base: string;
const silent: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
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
});
