import type { Server } from 'node:http';

/** A test server listening on the loopback: its origin and an idempotent `close()`. */
export interface LoopbackServer {
  /** e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly origin: string;
  /** Closes the server, dropping open connections (idempotent). */
  close(): Promise<void>;
}

/** Starts `server` on a free loopback port (127.0.0.1). */
export async function listenOnLoopback(server: Server): Promise<LoopbackServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }));
  return { origin, close };
}
