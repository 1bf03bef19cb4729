import type { ServerResponse } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { EgressDeniedError, PayloadTooLargeError, UpstreamError } from '../errors.ts';
import { egressFetch } from './egress-fetch.ts';
import { createEgressPolicy } from './egress-policy.ts';
import { startLoopbackListener, type ReceivedRequest } from './loopback-listener.fixture.ts';

/** The listeners of these tests are on 127.0.0.1, which this policy allows. */
const loopback = createEgressPolicy({ allow: ['127.0.0.1'] });
afterAll(() => loopback.close());

const redirect = (response: ServerResponse, status: number, location: string): void => void response.writeHead(status, { location }).end();

/** `/hops/<n>` redirects to `/hops/<n - 1>`; `/hops/0` answers 200. */
const chain = (request: ReceivedRequest, response: ServerResponse): void => {
  const left = Number(/^\/hops\/(\d+)$/.exec(request.path)?.[1] ?? 0);
  if (left > 0) redirect(response, 302, `/hops/${left - 1}`);
  else response.writeHead(200, { 'content-type': 'text/plain' }).end('arrived');
};

describe('egressFetch', () => {
  it('returns status, lower-case headers (repeated ones joined) and the body', async () => {
    await using server = await startLoopbackListener({
      handler: (_request, response) => {
        response.setHeader('X-Many', ['a', 'b']);
        response.writeHead(418, { 'Content-Type': 'text/plain' }).end('teapot');
      },
    });
    const response = await egressFetch(loopback, `${server.url}/tea`, {}, { maxRedirects: 0 });
    expect(response).toMatchObject({ status: 418, body: 'teapot', headers: { 'content-type': 'text/plain', 'x-many': 'a, b' } });
    expect(response.url.href).toBe(`${server.url}/tea`);
  });

  it('refuses a denied target before sending anything', async () => {
    await using server = await startLoopbackListener();
    const policy = createEgressPolicy({ allow: [] });
    try {
      await expect(egressFetch(policy, server.url, { method: 'POST', body: 'x' }, { maxRedirects: 5 })).rejects.toBeInstanceOf(EgressDeniedError);
      expect(server.connections).toBe(0);
    } finally {
      await policy.close();
    }
  });

  it('checks every redirect again: a hop to a denied address is refused there and the target gets nothing', async () => {
    await using victim = await startLoopbackListener();
    await using redirector = await startLoopbackListener({ handler: (_request, response) => redirect(response, 302, `${victim.url}/stolen`) });
    const policy = createEgressPolicy({ allow: [`localhost:${redirector.port}`] });
    try {
      const error = await egressFetch(policy, `http://localhost:${redirector.port}/start`, {}, { maxRedirects: 5 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EgressDeniedError);
      expect((error as EgressDeniedError).details).toEqual({ host: '127.0.0.1', addressClass: 'loopback' });
      expect(redirector.requests.map((r) => r.path)).toEqual(['/start']);
      expect(victim.connections).toBe(0);
    } finally {
      await policy.close();
    }
  });

  it('follows at most maxRedirects redirects; one more fails without being followed', async () => {
    await using server = await startLoopbackListener({ handler: chain });
    const five = await egressFetch(loopback, `${server.url}/hops/5`, {}, { maxRedirects: 5 });
    expect(five).toMatchObject({ status: 200, body: 'arrived' });
    expect(five.url.pathname).toBe('/hops/0');
    const before = server.requests.length;
    const error = await egressFetch(loopback, `${server.url}/hops/6`, {}, { maxRedirects: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).message).toContain('more than 5 times');
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/hops/6', '/hops/5', '/hops/4', '/hops/3', '/hops/2', '/hops/1']);
  });

  it('follows no redirect with maxRedirects 0 (model calls)', async () => {
    await using server = await startLoopbackListener({ handler: chain });
    await expect(egressFetch(loopback, `${server.url}/hops/1`, {}, { maxRedirects: 0 })).rejects.toThrow('more than 0 times');
    expect(server.requests).toHaveLength(1);
  });

  it('returns a redirect status without Location as it is', async () => {
    await using server = await startLoopbackListener({ handler: (_request, response) => void response.writeHead(302).end('nowhere') });
    await expect(egressFetch(loopback, server.url, {}, { maxRedirects: 5 })).resolves.toMatchObject({ status: 302, body: 'nowhere' });
  });

  it.each([
    [301, 'POST', 'GET'],
    [302, 'POST', 'GET'],
    [303, 'POST', 'GET'],
    [303, 'PUT', 'GET'],
    [302, 'PUT', 'PUT'],
    [307, 'POST', 'POST'],
    [308, 'PUT', 'PUT'],
  ] as const)('after %i, a %s continues as %s (the Fetch standard)', async (status, method, expected) => {
    await using server = await startLoopbackListener({
      handler: (request, response) => (request.path === '/from' ? redirect(response, status, '/to') : void response.writeHead(200).end()),
    });
    await egressFetch(loopback, `${server.url}/from`, { method, body: '{"a":1}', headers: { 'Content-Type': 'application/json' } }, { maxRedirects: 1 });
    const hop = server.requests[1];
    expect(hop?.method).toBe(expected);
    if (expected === 'GET') {
      expect(hop?.body).toBe('');
      expect(hop?.headers['content-type']).toBeUndefined();
    } else {
      expect(hop?.body).toBe('{"a":1}');
      expect(hop?.headers['content-type']).toBe('application/json');
    }
  });

  it('drops authorization and cookie when a redirect leaves the origin, and keeps them within it', async () => {
    await using other = await startLoopbackListener();
    await using server = await startLoopbackListener({
      handler: (request, response) => {
        if (request.path === '/same') redirect(response, 302, '/landed');
        else if (request.path === '/away') redirect(response, 302, `${other.url}/landed`);
        else response.writeHead(200).end();
      },
    });
    const headers = { Authorization: 'Bearer sk-secret', Cookie: 'session=1', 'x-keep': 'yes' };
    await egressFetch(loopback, `${server.url}/same`, { headers }, { maxRedirects: 1 });
    expect(server.requests[1]?.headers).toMatchObject({ authorization: 'Bearer sk-secret', cookie: 'session=1', 'x-keep': 'yes' });
    await egressFetch(loopback, `${server.url}/away`, { headers }, { maxRedirects: 1 });
    const landed = other.requests[0]?.headers;
    expect(landed?.['x-keep']).toBe('yes');
    expect(landed?.authorization).toBeUndefined();
    expect(landed?.cookie).toBeUndefined();
  });

  it('fails a body over maxBodyBytes, declared or streamed', async () => {
    await using server = await startLoopbackListener({
      handler: (request, response) => {
        if (request.path === '/declared') response.writeHead(200, { 'content-length': '11' }).end('x'.repeat(11));
        else {
          response.writeHead(200);
          response.write('x'.repeat(6));
          response.end('x'.repeat(6));
        }
      },
    });
    await expect(egressFetch(loopback, `${server.url}/fits`, {}, { maxRedirects: 0, maxBodyBytes: 12 })).resolves.toMatchObject({ body: 'x'.repeat(12) });
    for (const path of ['/declared', '/streamed']) {
      const error = await egressFetch(loopback, `${server.url}${path}`, {}, { maxRedirects: 0, maxBodyBytes: 10 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PayloadTooLargeError);
      expect((error as PayloadTooLargeError).details).toEqual({ limit: 10 });
    }
  });

  it('aborts with the signal', async () => {
    await using server = await startLoopbackListener();
    const controller = new AbortController();
    controller.abort();
    await expect(egressFetch(loopback, server.url, { signal: controller.signal }, { maxRedirects: 0 })).rejects.toThrow();
    expect(server.requests).toHaveLength(0);
  });
});
