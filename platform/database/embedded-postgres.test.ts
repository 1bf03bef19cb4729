import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';

describe('embedded Postgres', () => {
  let embedded: EmbeddedPostgres;
  let pool: pg.Pool;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres({ dataDir: undefined });
    pool = new pg.Pool({ connectionString: embedded.url, max: 8 });
  });
  afterAll(async () => {
    await pool.end();
    await embedded.close();
  });

  it('keeps extended-protocol cycles apart while other connections run transactions', async () => {
    // A Parse … Sync cycle split by another connection's transaction would meet that connection's unnamed
    // statement ("unnamed prepared statement does not exist" / "bind message supplies 2 parameters …").
    await pool.query('CREATE TABLE IF NOT EXISTS mixed (a int, b int, c int)');
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        if (i % 2 === 1) {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query('INSERT INTO mixed VALUES ($1, $2, $3)', [i, i, i]);
            await client.query('SELECT $1::int, $2::int, $3::int, $4::int', [1, 2, 3, 4]);
            await client.query('COMMIT');
          } finally {
            client.release();
          }
          return true;
        }
        const { rows } = await pool.query<{ x: number; y: string }>('SELECT $1::int AS x, $2::text AS y', [i, 'v']);
        return rows[0]?.x === i && rows[0]?.y === 'v';
      }),
    );
    expect(outcomes.every(Boolean)).toBe(true);
    expect((await pool.query<{ n: string }>('SELECT count(*) AS n FROM mixed')).rows[0]?.n).toBe('100');
  });

  it('keeps concurrent extended-protocol queries of many connections apart', async () => {
    // Different parameter counts per query: an interleaved Bind would meet another connection's statement.
    const results = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const arity = (i % 5) + 1;
        const params = Array.from({ length: arity }, (_, j) => i * 10 + j);
        const columns = params.map((_, j) => `$${j + 1}::int AS c${j}`).join(', ');
        const { rows } = await pool.query(`SELECT ${columns}`, params);
        return Object.values(rows[0] as Record<string, number>).join(',') === params.join(',');
      }),
    );
    expect(results.every(Boolean)).toBe(true);
  });

  it('isolates a transaction from other connections until it commits', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS t (v int)');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO t VALUES ($1)', [1]);
      const other = pool.query<{ n: string }>('SELECT count(*) AS n FROM t');
      await client.query('INSERT INTO t VALUES ($1)', [2]);
      await client.query('COMMIT');
      // The other connection waited for the session: it sees both rows, never one.
      expect((await other).rows[0]?.n).toBe('2');
    } finally {
      client.release();
    }
  });
});
