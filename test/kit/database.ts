import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createSubgraphDataSource } from '../../platform/database/data-source.ts';
import { startEmbeddedPostgres } from '../../platform/database/embedded-postgres.ts';
import { orchestrationSubgraph } from '../../subgraphs/orchestration/index.ts';
import type { TestGraph } from './graph.ts';

/**
 * Counts a tenant's rows in `table` (schema-qualified, e.g. `orchestration.workflows`) straight in the graph's
 * database — for asserting that a refused write left nothing behind, including rows no query exposes.
 */
export async function countTenantRows(graph: TestGraph, table: string, tenantId: string): Promise<number> {
  if (!/^[a-z_]+\.[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const client = new pg.Client({ connectionString: graph.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * A tenant's rows of `table` (schema-qualified), the columns `columns`, ordered by `orderBy` (a column), straight
 * from the graph's database — for asserting what a write recorded that no query exposes (e.g. an outbox).
 */
export async function tenantRows(
  graph: TestGraph,
  table: string,
  tenantId: string,
  columns: readonly string[],
  orderBy: string,
): Promise<Record<string, unknown>[]> {
  const name = /^[a-z_]+$/;
  if (!/^[a-z_]+\.[a-z_]+$/.test(table) || !columns.every((c) => name.test(c)) || !name.test(orderBy)) throw new Error(`not a table or column name`);
  const client = new pg.Client({ connectionString: graph.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM ${table} WHERE tenant_id = $1 ORDER BY ${orderBy}`, [
      tenantId,
    ]);
    return rows;
  } finally {
    await client.end();
  }
}

/**
 * A database of a test file's own, for code that works on every tenant of its database (the event relay, cursor
 * assignment): a new database `orchestra_<label>_<random>` on the DATABASE_URL server, else an embedded PGlite.
 * `drop` removes it.
 */
export async function createScratchDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: undefined });
    return { url: embedded.url, drop: () => embedded.close() };
  }
  const name = `orchestra_${label}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A scratch database ({@link createScratchDatabase}) with the orchestration schema migrated, and a DataSource on it. */
export interface ScratchOrchestration {
  readonly url: string;
  readonly dataSource: DataSource;
  /** Destroys the DataSource and drops the database. */
  close(): Promise<void>;
}

/** Opens a {@link ScratchOrchestration} (pool of 20 connections). */
export async function openScratchOrchestration(label: string): Promise<ScratchOrchestration> {
  const database = await createScratchDatabase(label);
  const dataSource = await createSubgraphDataSource({
    url: database.url,
    schema: 'orchestration',
    entities: orchestrationSubgraph.entities,
    migrations: orchestrationSubgraph.migrations,
    poolSize: 20,
  });
  return {
    url: database.url,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
