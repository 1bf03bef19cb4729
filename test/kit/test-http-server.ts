import { listenOnLoopback } from './loopback-server.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One request the {@link TestHttpServer} received (recorded once its body has arrived). */
export interface RecordedRequest {
  readonly method: string;
  /** The request target as sent, e.g. `/items/abc?x=1`. */
  readonly path: string;
  readonly body: string;
  readonly headers: IncomingMessage['headers'];
}

/**
 * A local HTTP server that `http` steps call. By default it answers 200 with JSON `{ path, method, echo }` (the parsed
 * request body). Paths starting with `/fail` answer 500; paths `/delay/<ms>/…` answer like the default after `<ms>`
 * milliseconds; requests to a path given to `hold` wait until `release(path)`. It records every request, the ones
 * the client aborted before an answer, and how many requests to each path were open at once.
 */
export interface TestHttpServer extends AsyncDisposable {
  /** Base URL, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Paths of the requests aborted by the client before an answer, in order. */
  readonly aborted: readonly string[];
  /** Holds the requests to exactly `path` (as in {@link RecordedRequest.path}) from now on, unanswered. */
  hold(path: string): void;
  /** Stops holding `path` and answers the held requests with `status` and the JSON `body`. */
  release(path: string, status?: number, body?: unknown): void;
  /** The requests to exactly `path` received so far. */
  requestsTo(path: string): readonly RecordedRequest[];
  /** The largest number of requests to exactly `path` that were open (received, not yet answered or aborted) at once. */
  peakConcurrency(path: string): number;
  /** Closes the server, dropping open connections (idempotent). */
  close(): Promise<void>;
}

/** `/delay/<ms>/…` paths: the answer is sent after `<ms>` milliseconds. */
const DELAY_PATH = /^\/delay\/(\d+)(?:\/|$)/;

/** Starts a {@link TestHttpServer} on a free loopback port. */
export async function startTestHttpServer(): Promise<TestHttpServer> {
  const requests: RecordedRequest[] = [];
  const aborted: string[] = [];
  const held = new Map<string, ServerResponse[]>();
  const holding = new Set<string>();
  const open = new Map<string, number>();
  const peak = new Map<string, number>();

  const answer = (res: ServerResponse, path: string, method: string | undefined, body: string): void => {
    if (res.destroyed) return;
    if (path.startsWith('/fail')) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-test': 'yes' })
      .end(JSON.stringify({ path, method, echo: body ? (JSON.parse(body) as unknown) : null }));
  };

  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? 'GET', path, body, headers: req.headers });
      const current = (open.get(path) ?? 0) + 1;
      open.set(path, current);
      peak.set(path, Math.max(peak.get(path) ?? 0, current));
      res.on('close', () => {
        open.set(path, (open.get(path) ?? 1) - 1);
        if (!res.writableEnded) aborted.push(path);
      });
      if (holding.has(path)) {
        held.set(path, [...(held.get(path) ?? []), res]);
        return;
      }
      const delay = DELAY_PATH.exec(path);
      if (delay) {
        setTimeout(() => answer(res, path, req.method, body), Number(delay[1]));
        return;
      }
      answer(res, path, req.method, body);
    });
  });
  const { origin, close } = await listenOnLoopback(server);

  return {
    url: `${origin}`,
    requests,
    aborted,
    hold: (path) => void holding.add(path),
    release(path, status = 200, body = { released: true }) {
      holding.delete(path);
      for (const res of held.get(path) ?? []) {
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }
      held.delete(path);
    },
    requestsTo: (path) => requests.filter((r) => r.path === path),
    peakConcurrency: (path) => peak.get(path) ?? 0,
    close,
    [Symbol.asyncDispose]: close,
  };
}
