import type { DataSource } from 'typeorm';
import { BACKGROUND_SQL_MARK } from '../database/background-statement.ts';
import { ENTITY_CHANGES_TABLE } from '../database/entity-change-log.ts';
import type { Logger } from '../logger.ts';
import type { EntityVersions } from './entity-versions.ts';

/** Default of {@link EntityChangeRelayOptions.batchSize}. */
export const DEFAULT_ENTITY_CHANGE_BATCH_SIZE = 1000;

/** A timestamp column of a table of the subgraph's schema whose passing changes what the API returns. */
export interface RowExpiry {
  readonly table: string;
  readonly column: string;
}

/**
 * How far back the first pass looks for expiries, in ms: ones that passed while no relay ran (a restart) raise
 * versions too, so a response cached before them (max-age at most this) is not served after.
 */
export const EXPIRY_LOOKBACK_MS = 60 * 60 * 1000;

/** Options of {@link EntityChangeRelay}. */
export interface EntityChangeRelayOptions {
  /** The subgraph's DataSource; its schema holds the entity-change log (platform/database/entity-change-log.ts). */
  readonly dataSource: DataSource;
  /** The subgraph's name (= its Postgres schema): the version each drained change raises. */
  readonly subgraph: string;
  readonly versions: EntityVersions;
  /** Pause between passes, in ms (`config.responseCache.relayIntervalMs`); writes outside requests wait at most this long. */
  readonly intervalMs: number;
  /** Log rows taken per transaction, at most. @defaultValue {@link DEFAULT_ENTITY_CHANGE_BATCH_SIZE} */
  readonly batchSize?: number;
  /**
   * Times at which rows change what the API returns without a write (e.g. a memory's `expires_at`: from then on it is
   * hidden): each pass also raises the version of every tenant with such a time in (last pass, now]. The column
   * should be indexed. @defaultValue none
   */
  readonly expiries?: readonly RowExpiry[] | undefined;
  readonly logger: Logger;
}

/**
 * Drains one subgraph's entity-change log into {@link EntityVersions}: in one transaction, takes the oldest rows
 * (`FOR UPDATE`, so that two relays — two replicas of the subgraph — never both miss a row, and a {@link flush} waits
 * for rows another relay is publishing), raises the version of each tenant they name, then deletes them; a failed
 * raise rolls the transaction back and the rows are taken again at the next pass (at least once: a version raised
 * twice only costs a cache miss). Runs every `intervalMs`, and on {@link flush} — which the subgraph server calls
 * before answering a mutation, so that a client that has the mutation's answer never reads a cached response the
 * write made stale, through any gateway instance.
 */
export class EntityChangeRelay {
  readonly #options: EntityChangeRelayOptions;
  readonly #batchSize: number;
  #timer: NodeJS.Timeout | undefined;
  /** The pass running now, if any. */
  #running: Promise<void> | undefined;
  /** A pass that will start after the running one: later flushes share it. */
  #queued: Promise<void> | undefined;
  #closed = false;
  /** The database time up to which expiries were published (ISO 8601); undefined before the first pass. */
  #expiriesUntil: string | undefined;

  constructor(options: EntityChangeRelayOptions) {
    this.#options = options;
    this.#batchSize = options.batchSize ?? DEFAULT_ENTITY_CHANGE_BATCH_SIZE;
  }

  /** Starts the periodic passes (idempotent). */
  start(): void {
    if (this.#timer || this.#closed) return;
    const tick = (): void => {
      this.flush()
        .catch((error: unknown) => this.#options.logger.warn({ err: error, subgraph: this.#options.subgraph }, 'entity-change relay pass failed; retrying'))
        .finally(() => {
          if (!this.#closed) this.#timer = setTimeout(tick, this.#options.intervalMs);
        });
    };
    this.#timer = setTimeout(tick, this.#options.intervalMs);
  }

  /**
   * Publishes every change committed before the call: resolves after a pass that started after it has drained the log.
   * @throws what the pass threw (the database or the version store failed); the changes stay logged.
   */
  flush(): Promise<void> {
    if (this.#queued) return this.#queued;
    const previous = this.#running ?? Promise.resolve();
    const next: Promise<void> = previous
      .catch(() => undefined)
      .then(() => {
        this.#queued = undefined;
        this.#running = next;
        return this.#drain();
      })
      .finally(() => {
        if (this.#running === next) this.#running = undefined;
      });
    this.#queued = next;
    return next;
  }

  /**
   * Stops the passes, then publishes what is logged (the last writes of a stopping process, e.g. a worker giving its
   * steps back), so that once `close()` resolves no cache serves what they changed. A failure is logged (a relay of
   * another process publishes the changes later).
   */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.flush().catch((error: unknown) =>
      this.#options.logger.warn({ err: error, subgraph: this.#options.subgraph }, 'entity-change relay: last pass failed'),
    );
  }

  async #drain(): Promise<void> {
    await this.#publishExpiries();
    const { dataSource, subgraph, versions } = this.#options;
    const table = `${subgraph}.${ENTITY_CHANGES_TABLE}`;
    for (;;) {
      // An idle pass costs this one statement, not a transaction.
      const pending = (await dataSource.query(`${BACKGROUND_SQL_MARK} SELECT EXISTS (SELECT 1 FROM ${table}) AS pending`)) as Array<{
        pending: boolean;
      }>;
      if (!pending[0]?.pending) return;
      // The transaction's own statements carry the mark too (TypeORM's would not): a background loop's, all of them.
      const runner = dataSource.createQueryRunner();
      let taken: number;
      try {
        await runner.query(`${BACKGROUND_SQL_MARK} BEGIN`);
        try {
          const result = await runner.query(
            `${BACKGROUND_SQL_MARK} WITH taken AS (SELECT id FROM ${table} ORDER BY id LIMIT $1 FOR UPDATE)
             DELETE FROM ${table} c USING taken WHERE c.id = taken.id RETURNING c.tenant_id`,
            [this.#batchSize],
            true,
          );
          const rows = result.records as Array<{ tenant_id: string }>;
          if (rows.length > 0) await versions.raise(subgraph, [...new Set(rows.map((r) => r.tenant_id))]);
          await runner.query(`${BACKGROUND_SQL_MARK} COMMIT`);
          taken = rows.length;
        } catch (error) {
          await runner.query(`${BACKGROUND_SQL_MARK} ROLLBACK`).catch(() => undefined);
          throw error;
        }
      } finally {
        await runner.release();
      }
      if (taken < this.#batchSize) return;
    }
  }

  /** Raises the versions of the tenants whose rows expired since the last pass (by the database's clock). */
  async #publishExpiries(): Promise<void> {
    const { expiries, dataSource, subgraph, versions } = this.#options;
    if (!expiries || expiries.length === 0) return;
    // One statement: the database's time, and the tenants with an expiry in (from, then].
    const expired = expiries.map(
      ({ table, column }) => `SELECT tenant_id FROM ${subgraph}.${table}, clock WHERE ${column} > clock.since AND ${column} <= clock.now`,
    );
    const [row] = (await dataSource.query(
      `${BACKGROUND_SQL_MARK} WITH clock AS (SELECT now() AS now, COALESCE($1::timestamptz, now() - make_interval(secs => $2)) AS since)
       SELECT (SELECT now FROM clock) AS now, ARRAY(SELECT DISTINCT tenant_id FROM (${expired.join(' UNION ALL ')}) e) AS tenants`,
      [this.#expiriesUntil ?? null, EXPIRY_LOOKBACK_MS / 1000],
    )) as Array<{ now: Date; tenants: string[] }>;
    if (!row) return;
    if (row.tenants.length > 0) await versions.raise(subgraph, row.tenants);
    this.#expiriesUntil = row.now.toISOString();
  }
}
