import type { Server } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { ERROR_CODES, OrchestraError, PayloadTooLargeError, BadUserInputError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { reachableHost } from './reachable-host.ts';

/** Starts `server` on `port` (0 = any free port) and resolves with the bound port. */
export function listen(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A listening GraphQL HTTP service: its `/graphql` URL, its port and an idempotent `close()`. */
export interface GraphQLHttpService extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts `server` on `port`/`host` and returns its `/graphql` URL with an idempotent `close()` that runs `stop`
 * (e.g. Apollo Server's drain) and then closes the server.
 */
export async function serveGraphQL(server: Server, port: number, host: string, stop: () => Promise<void>): Promise<GraphQLHttpService> {
  const boundPort = await listen(server, port, host);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await stop();
      await closeServer(server);
    })());
  return { url: `http://${reachableHost(host)}:${boundPort}/graphql`, port: boundPort, close, [Symbol.asyncDispose]: close };
}

/** Closes `server`, ending idle keep-alive sockets so that close does not wait for them. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/**
 * Ends an HTTP request outside GraphQL execution (auth, body parsing) with a GraphQL-shaped error body
 * (`{"errors":[{"message","extensions":{"code"}}]}`) and the code's HTTP status. Unknown errors become 500
 * with a generic message; body-parser's own errors (too large, bad JSON) map to their codes.
 */
export function sendError(res: Response, error: unknown, logger?: Logger): void {
  const known = asOrchestraError(error);
  if (!known) logger?.error({ err: error }, 'unhandled request error');
  const code = known?.code ?? 'INTERNAL_SERVER_ERROR';
  const message = known?.message ?? 'Internal server error';
  res
    .status(known?.httpStatus ?? ERROR_CODES.INTERNAL_SERVER_ERROR.httpStatus)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { ...(known?.details ?? {}), code } }] }));
}

function asOrchestraError(error: unknown): OrchestraError | undefined {
  if (error instanceof OrchestraError) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    const limit = (error as { limit?: number }).limit;
    return new PayloadTooLargeError(`Request body exceeds ${limit ?? 'the'} bytes`, { limitBytes: limit });
  }
  if (type === 'entity.parse.failed') return new BadUserInputError('Request body is not valid JSON');
  return undefined;
}

/** The request's `x-request-id` (first value), or a fresh UUID: the id logs and subgraph fetches carry. */
export function requestIdOf(req: Request): string {
  const value = req.headers['x-request-id'];
  return (Array.isArray(value) ? value[0] : value) || randomUUID();
}
