import type { DataSource } from 'typeorm';

/** SQLSTATEs of a concurrent creation of the same object: unique_violation, duplicate_table, duplicate_object. */
const CONCURRENT_DUPLICATE = new Set(['23505', '42P07', '42710']);

/**
 * Runs an idempotent DDL statement (`CREATE … IF NOT EXISTS`) that another instance may be running at the same moment:
 * Postgres can then fail one of them with a duplicate error although the object now exists, which is success here.
 * @throws what the statement throws otherwise.
 */
export async function createIfAbsent(dataSource: DataSource, sql: string): Promise<void> {
  try {
    await dataSource.query(sql);
  } catch (error) {
    if (!CONCURRENT_DUPLICATE.has((error as { code?: string }).code ?? '')) throw error;
  }
}

/**
 * Creates the extension `name` (`vector`, `pg_trgm`) when this Postgres offers it; whether it is installed after.
 * A server that offers it but refuses the creation (no privilege) counts as not having it, unless it exists already.
 */
export async function ensureExtension(dataSource: DataSource, name: 'vector' | 'pg_trgm'): Promise<boolean> {
  const available = await dataSource.query<{ installed: boolean }[]>(
    `SELECT installed_version IS NOT NULL AS installed FROM pg_available_extensions WHERE name = $1`,
    [name],
  );
  if (available.length === 0) return false;
  if (available[0]?.installed) return true;
  try {
    await createIfAbsent(dataSource, `CREATE EXTENSION IF NOT EXISTS ${name === 'vector' ? 'vector' : 'pg_trgm'}`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs pg_trgm where it can and indexes `memory_items.content` for trigram word similarity (GIN,
 * `gin_trgm_ops`), so that lexical search matches short or misspelt queries; whether trigrams are available.
 */
export async function ensureTrigramIndex(dataSource: DataSource): Promise<boolean> {
  if (!(await ensureExtension(dataSource, 'pg_trgm'))) return false;
  await createIfAbsent(dataSource, `CREATE INDEX IF NOT EXISTS memory_items_trgm ON memory.memory_items USING gin (content gin_trgm_ops)`);
  return true;
}
