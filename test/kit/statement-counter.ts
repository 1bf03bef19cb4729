import pg from 'pg';

/** Counts SQL statements sent by every `pg` client of this process, at the driver (`Client.prototype.query`). */
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
    statements.push(typeof first === 'string' ? first : String((first as { text?: unknown } | null)?.text ?? ''));
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
