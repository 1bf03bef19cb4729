import { mkdir } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { listen } from '../http/http-server.ts';
import { PGliteSessionQueue } from './pglite-session-queue.ts';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Directory of the data files; `undefined` keeps everything in memory (tests). */
  readonly dataDir: string | undefined;
  /** Connections the socket accepts at once (all share one PGlite session). @defaultValue 64 */
  readonly maxConnections?: number;
}

/** A running embedded Postgres, reachable by the ordinary `pg` driver at {@link EmbeddedPostgres.url}. */
export interface EmbeddedPostgres extends AsyncDisposable {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts PGlite (Postgres compiled to WebAssembly) behind a loopback socket speaking the Postgres wire protocol
 * (`@electric-sql/pglite-socket` handlers over {@link PGliteSessionQueue}). For laptops only: every connection shares
 * one Postgres session, handed to one connection at a time, so code must never wait on another connection while it
 * holds a transaction open. Ships the pgvector and pg_trgm extensions. Takes a few seconds: start it once per process.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  // pgvector and pg_trgm are loaded, so `CREATE EXTENSION vector` / `pg_trgm` work as on a server that has them.
  const extensions = { vector, pg_trgm };
  let db: PGlite;
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    db = await PGlite.create(join(options.dataDir, 'pglite'), { extensions });
  } else {
    db = await PGlite.create({ extensions });
  }
  const queryQueue = new PGliteSessionQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server = createServer((socket: Socket) => {
    const handler = new PGLiteSocketHandler({
      queryQueue: queryQueue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    void handler.attach(socket);
  });
  server.maxConnections = options.maxConnections ?? 64;
  const port = await listen(server, 0, '127.0.0.1');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      await Promise.all([...handlers].map((h) => h.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    })());
  return { url, close, [Symbol.asyncDispose]: close };
}
