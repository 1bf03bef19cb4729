import { createHash } from 'node:crypto';
import type { DataSource, EntitySchema, EntityManager } from 'typeorm';

/** Something that runs SQL: the DataSource's manager or a transaction's. */
export type SqlExecutor = Pick<EntityManager, 'query'>;

/**
 * Runs one parameterised statement (`$1`, `$2`, ...) and returns its rows. TypeORM returns `[rows, affected]` for
 * UPDATE and DELETE; this normalises that to the rows (those of `RETURNING`, else none).
 */
export async function queryRows<R = Record<string, unknown>>(executor: SqlExecutor, sql: string, params: unknown[] = []): Promise<R[]> {
  const result: unknown = await executor.query(sql, params);
  if (!Array.isArray(result)) return [];
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as R[];
  return result as R[];
}

/**
 * Maps a raw snake_case row to an entity's camelCase shape, by the column names of its TypeORM `EntitySchema`.
 * (Raw statements — CTEs, `unnest`, `LATERAL` — do not go through TypeORM's hydration.)
 */
export function rowMapper<T>(schema: EntitySchema<T>): (row: Record<string, unknown>) => T {
  const columns = Object.entries(schema.options.columns ?? {}).map(
    ([property, column]) => [property, (column as { name?: string } | undefined)?.name ?? property] as const,
  );
  return (row) => {
    const entity: Record<string, unknown> = {};
    for (const [property, name] of columns) entity[property] = row[name] ?? null;
    return entity as T;
  };
}

/** A JSON value as a `jsonb` parameter (node-postgres would send a JS array as a Postgres array). */
export function jsonParam(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Options of {@link poolExecutor}. */
export interface PoolExecutorOptions {
  /**
   * Send each statement as a named prepared statement (`orchestra_<sha1 of its text>`), so that Postgres parses and
   * plans it once per connection instead of on every call (for the engine's hot path, planning cost about three
   * times the execution). Not on an embedded PGlite (told apart by `version()`, asked once): it shares one session
   * between all its "connections", where a second `PREPARE` of the same name fails. @defaultValue false
   */
  readonly prepare?: boolean;
}

type PgPool = { query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[] }> };

/**
 * A {@link SqlExecutor} on the DataSource's `pg` pool itself, for the engine's hot path: one pooled `query` per
 * statement, without TypeORM's per-query QueryRunner. Autocommit: use it for single-statement transitions only.
 */
export function poolExecutor(dataSource: DataSource, options: PoolExecutorOptions = {}): SqlExecutor {
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  const names = new Map<string, string>();
  const nameOf = (sql: string): string => {
    let name = names.get(sql);
    if (name === undefined) {
      name = `orchestra_${createHash('sha1').update(sql).digest('hex')}`;
      names.set(sql, name);
    }
    return name;
  };
  let prepares: Promise<boolean> | undefined;
  const shouldPrepare = (): Promise<boolean> =>
    (prepares ??= pool.query({ text: `SELECT version() NOT LIKE '%PGlite%' AS separate_sessions`, values: [] }).then(
      (result) => (result.rows[0] as { separate_sessions?: boolean } | undefined)?.separate_sessions === true,
      (error: unknown) => {
        prepares = undefined;
        throw error;
      },
    ));
  return {
    query: async (sql: string, params?: unknown[]) => {
      const name = options.prepare && (await shouldPrepare()) ? nameOf(sql) : undefined;
      return (await pool.query({ text: sql, values: params ?? [], ...(name ? { name } : {}) })).rows;
    },
  } as SqlExecutor;
}
