import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

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
 * Starts PGlite (Postgres compiled to WebAssembly) behind `@electric-sql/pglite-socket` on a free loopback port.
 * For laptops only: every connection shares one Postgres session, so code must never wait on another connection
 * while it holds a transaction open. Takes a few seconds: start it once per process.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  let db: PGlite;
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    db = await PGlite.create(join(options.dataDir, 'pglite'));
  } else {
    db = await PGlite.create();
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections ?? 64 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      await server.stop();
      await db.close();
    })());
  return { url, close, [Symbol.asyncDispose]: close };
}
