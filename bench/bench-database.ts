import pg from 'pg';

/** A database created for one bench run. */
export interface BenchDatabase {
  /** Its URL: the server's, with the database's name as path. */
  readonly url: string;
  /** Drops it, closing what is still connected to it. */
  drop(): Promise<void>;
}

/**
 * Creates database `name` on the server of `serverUrl` (connecting to its `postgres` database). A fresh database per
 * bench run keeps one run's history (deleted rows, grown files and indexes) out of the next one's figures. The
 * subgraphs create their schemas with their migrations when they open it.
 */
export async function createBenchDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const run = async (sql: string): Promise<void> => {
    const pgClient = new pg.Client({ connectionString: admin.toString() });
    await pgClient.connect();
    try {
      await pgClient.query(sql);
    } finally {
      await pgClient.end();
    }
  };
  const quoted = `"${name.replaceAll('"', '""')}"`;
  await run(`CREATE DATABASE ${quoted}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`) };
}
