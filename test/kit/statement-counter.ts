import pg from 'pg';
import { BACKGROUND_SQL_MARK } from '../../platform/database/background-statement.ts';

/**
 * Counts SQL statements sent by every `pg` client of this process, at the driver (`Client.prototype.query`), but those
 * of background loops (the event relay's passes, the entity-change relays' polls: BACKGROUND_SQL_MARK).
 */
export interface StatementCounter extends Disposable {
  /** Statements sent since the counter started or was last reset. */
  readonly count: number;
  /** The statements' texts, in order (for failure messages). */
  readonly statements: readonly string[];
  reset(): void;
  stop(): void;
}

/**
 * Starts counting statements at the `pg` driver. Only one counter may run at a time; `stop()` (or `using`) restores
 * the driver. Counts everything in the process, so run it while nothing else queries (e.g. with the worker off and the event relay polling rarely: `EVENT_RELAY_INTERVAL_MS`).
 */
export function countStatements(): StatementCounter {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let statements: string[] = [];
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : String((first as { text?: unknown } | null)?.text ?? '');
    // The relays run on their own (a pass nudged by a write just before the measurement can end inside it); what a
    // request costs is the rest.
    if (!text.startsWith(BACKGROUND_SQL_MARK)) statements.push(text);
    return original.apply(this, args);
  };
  const stop = (): void => {
    prototype.query = original;
  };
  return {
    get count() {
      return statements.length;
    },
    get statements() {
      return statements;
    },
    reset() {
      statements = [];
    },
    stop,
    [Symbol.dispose]: stop,
  };
}

/**
 * The fewest statements `request` sends over `runs` runs: a statement of a background loop (a relay's pass, another
 * file's timers in the process) can land inside one run, so the fewest is the request's own count. `request` may
 * assert on its answer; it runs `runs` times.
 */
export async function fewestStatements(request: () => Promise<unknown>, runs = 3): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < runs; i++) {
    using counter = countStatements();
    await request();
    counts.push(counter.count);
  }
  return Math.min(...counts);
}
