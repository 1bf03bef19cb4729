import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserPolicy, type BrowserPolicyOptions } from './browser-policy.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real HTTP server answering `ok` behind the policy; returns its URL and how many requests reached the listener. */
async function serve(options: Omit<BrowserPolicyOptions, 'next'>): Promise<{ url: string; reached: () => number }> {
  let reached = 0;
  const next: RequestListener = (_req, res) => {
    reached++;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  };
  const server = createServer(createBrowserPolicy({ ...options, next }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, reached: () => reached };
}

const base = { corsOrigins: [], corsMaxAgeSeconds: 600, corsAllowCredentials: false, strictTransportSecurity: false };

describe('createBrowserPolicy', () => {
  it('adds strict-transport-security only when asked, next to the fixed headers that writeHead keeps', async () => {
    const plain = await serve(base);
    const hsts = await serve({ ...base, strictTransportSecurity: true });
    const plainAnswer = await fetch(plain.url);
    expect(plainAnswer.headers.get('strict-transport-security')).toBeNull();
    expect(plainAnswer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(plainAnswer.headers.get('content-type')).toBe('text/plain');
    expect((await fetch(hsts.url)).headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('answers a preflight itself when CORS is on, and passes it on when it is off', async () => {
    const on = await serve({ ...base, corsOrigins: ['*'] });
    const off = await serve(base);
    const preflight = { method: 'OPTIONS', headers: { origin: 'https://a.example', 'access-control-request-method': 'POST' } };
    const answered = await fetch(on.url, preflight);
    expect(answered.status).toBe(204);
    expect(answered.headers.get('access-control-allow-origin')).toBe('*');
    expect(answered.headers.get('access-control-max-age')).toBe('600');
    expect(on.reached()).toBe(0);
    expect((await fetch(off.url, preflight)).status).toBe(200);
    expect(off.reached()).toBe(1);
  });
});
