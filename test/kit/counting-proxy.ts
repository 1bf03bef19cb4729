import { createServer } from 'node:http';
import { listenOnLoopback } from './loopback-server.ts';

/** A {@link startCountingProxy} server: where it listens, how many requests it forwarded, and `close()`. */
export interface CountingProxy {
  /** The proxy's URL for `target`'s path (e.g. `http://127.0.0.1:40123/graphql`). */
  readonly url: string;
  /** Requests forwarded so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of `target` (a subgraph's URL) that counts the requests it forwards, so that a test can see
 * whether a gateway called that subgraph. Forwards the method, path, body and the `authorization`, `content-type`
 * and `accept` headers; answers with the target's status, content type and body.
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const targetUrl = new URL(target);
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      fetch(new URL(req.url ?? '/', targetUrl.origin), { method: req.method ?? 'GET', headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) })
        .then(async (response) => {
          res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(502).end();
        });
    });
  });
  const { origin, close } = await listenOnLoopback(server);
  return {
    url: `${origin}${targetUrl.pathname}`,
    get requests() {
      return requests;
    },
    close,
  };
}
