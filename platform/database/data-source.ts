import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { Logger } from '../logger.ts';
import { TracedPgClient } from './traced-pg-client.ts';

/** Options of {@link createSubgraphDataSource}. */
export interface SubgraphDataSourceOptions {
  /** Postgres URL (the real server or the embedded one's socket). */
  readonly url: string;
  /** Postgres schema the subgraph owns (`memory`, `orchestration`, `routing`, `session`). */
  readonly schema: string;
  /** TypeORM entity schemas of the subgraph. */
  readonly entities: MixedList<EntitySchema>;
  /** Migration classes of the subgraph, oldest first. */
  readonly migrations: MixedList<new () => unknown>;
  /** Connections in the pool. @defaultValue 10 */
  readonly poolSize?: number;
  readonly logger?: Logger;
  /** Whether each query inside a trace is a span ({@link TracedPgClient}); on when tracing is (`config.tracing`). @defaultValue false */
  readonly traced?: boolean;
}

/** Key of the advisory lock that serialises migrations across processes (any 64-bit constant, fixed forever). */
const MIGRATION_LOCK_KEY = 7_202_611_210;

/**
 * Creates and initialises the TypeORM DataSource of one subgraph and brings its schema up to date: creates the
 * Postgres schema if needed, then runs pending migrations (table `<schema>.migrations`) under a Postgres advisory lock,
 * so that several processes starting at once migrate once. Never uses `synchronize`.
 * @throws whatever the driver throws when Postgres is unreachable or a migration fails (the process should exit).
 */
export async function createSubgraphDataSource(options: SubgraphDataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: `orchestra-${options.schema}`,
    extra: { max: options.poolSize ?? 10, ...(options.traced ? { Client: TracedPgClient } : {}) },
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length > 0) {
        options.logger?.info({ schema: options.schema, migrations: applied.map((m) => m.name) }, 'migrations applied');
      }
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  } finally {
    if (!runner.isReleased) await runner.release();
  }
  return dataSource;
}
