import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { poolExecutor } from '../subgraphs/orchestration/services/sql.ts';
import { createScratchDatabase } from './kit/database.ts';

/**
 * The engine's pool executor on one pooled connection: named prepared statements on a Postgres server (DATABASE_URL
 * set), plain ones on the embedded PGlite, whose single session would refuse a second PREPARE of a name.
 */
describe('poolExecutor', () => {
  let pool: pg.Pool;
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createScratchDatabase('sql');
    drop = database.drop;
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    // The executor uses only the DataSource's `pg` pool (TypeORM's `driver.master`).
    dataSource = { driver: { master: pool } } as unknown as DataSource;
  });
  afterAll(async () => {
    await pool?.end();
    await drop?.();
  });

  it('prepares each statement once per connection on a server, and runs them unnamed on PGlite', async () => {
    const prepared = poolExecutor(dataSource, { prepare: true });
    const sql = 'SELECT $1::int + 1 AS n';
    for (const n of [1, 2, 3]) expect(await prepared.query(sql, [n])).toEqual([{ n: n + 1 }]);
    const names: { name: string }[] = await poolExecutor(dataSource).query(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'orchestra_%'`);
    expect(names).toHaveLength(process.env['DATABASE_URL'] ? 1 : 0);
  });
});
