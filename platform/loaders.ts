import DataLoader from 'dataloader';

/**
 * Request-scoped registry of DataLoaders. A resolver asks for a loader by name and batch function; the first call
 * in a request creates it, later calls in the same request reuse it, so every lookup of one kind in one request is
 * batched (and de-duplicated) into one call of the batch function per tick.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /**
   * Returns the request's loader called `name`, created with `batch` on first use.
   * `batch` must return one value (or `null`, or an Error) per key, in key order (DataLoader's contract).
   */
  get<K, V, C = K>(name: string, batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V, C>): DataLoader<K, V, C> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V, C>(batch, options) as unknown as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as unknown as DataLoader<K, V, C>;
  }
}

/** Groups `rows` by `keyOf` and returns one array per key of `keys`, in order (for one-to-many batch functions). */
export function groupByKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** Returns the row of each key (or `null`), in key order (for one-to-one batch functions). */
export function pickByKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}
