import pg from 'pg';
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
