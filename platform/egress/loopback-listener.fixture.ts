import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Test fixture of the egress tests (unit and end-to-end): an HTTP listener on one port of one or more loopback
 * addresses, which counts every TCP connection it accepted, so a test can assert that a refused request reached
 * nothing (not even a connection).
 */

/** One request a {@link LoopbackListener} received. */
export interface ReceivedRequest {
  readonly method: string;
  /** The request target, e.g. `/a?b=1`. */
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Answers one request; the default answers 200 `text/plain` with the path. */
export type ListenerHandler = (request: ReceivedRequest, response: ServerResponse) => void;

/** A listener started by {@link startLoopbackListener}. */
export interface LoopbackListener extends AsyncDisposable {
  /** The port, the same on every address. */
  readonly port: number;
  /** `http://<first address>:<port>` (IPv6 in brackets). */
  readonly url: string;
  /** TCP connections accepted so far, on any of the addresses. */
  readonly connections: number;
  /** Requests received so far, in arrival order. */
  readonly requests: readonly ReceivedRequest[];
  /** Closes every server, dropping open connections (idempotent). */
  close(): Promise<void>;
}

/** Options of {@link startLoopbackListener}. */
export interface LoopbackListenerOptions {
  /** Loopback addresses to listen on, all on one port. @defaultValue `['127.0.0.1']` */
  readonly addresses?: readonly string[];
  readonly handler?: ListenerHandler;
}

const answerPath: ListenerHandler = (request, response) => void response.writeHead(200, { 'content-type': 'text/plain' }).end(request.path);

/**
 * Starts the listener: the first address gets a free port, the others the same port.
 * @throws the listen error (e.g. `EADDRINUSE` when another process holds that port on a further address).
 */
export async function startLoopbackListener(options: LoopbackListenerOptions = {}): Promise<LoopbackListener> {
  const [first = '127.0.0.1', ...others] = options.addresses ?? ['127.0.0.1'];
  const handler = options.handler ?? answerPath;
  const requests: ReceivedRequest[] = [];
  let connections = 0;
  const servers: Server[] = [];
  const listen = async (address: string, port: number): Promise<number> => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        requests.push(request);
        handler(request, res);
      });
    });
    server.on('connection', () => connections++);
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  };
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    ).then(() => undefined));
  try {
    const port = await listen(first, 0);
    for (const address of others) await listen(address, port);
    return {
      port,
      url: `http://${first.includes(':') ? `[${first}]` : first}:${port}`,
      get connections() {
        return connections;
      },
      requests,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
