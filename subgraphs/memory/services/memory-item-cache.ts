import { isUuid } from '../../../platform/validation.ts';
import { isPossibleName } from './memory-input.ts';
import type { TieredCache } from '../../../platform/cache/tiered-cache.ts';
import type { MemoryItem } from '../entities/memory-item.ts';
import type { MemoryName, MemoryReader } from './memory-reader.ts';
import type { TouchedItem } from './memory-sql.ts';

/** Cache key of an item by id; contains the tenant id (JSON, so no separator can be forged by a namespace or key). */
export function idCacheKey(tenantId: string, id: string): string {
  return JSON.stringify([tenantId, 'id', id]);
}

/** Cache key of an item by (namespace, key); contains the tenant id. */
export function nameCacheKey(tenantId: string, name: MemoryName): string {
  return JSON.stringify([tenantId, 'key', name.namespace, name.key]);
}

/**
 * Restores a cached item: values read back from the Redis tier are parsed JSON, so dates are ISO strings; they become
 * `Date`s again. Returns null for an item whose `expiresAt` has passed since it was cached (expired items are never
 * returned, whatever the cache holds).
 * @param nowMs - the current time, in ms since the epoch.
 */
export function reviveCachedItem(value: MemoryItem | null, nowMs: number): MemoryItem | null {
  if (value === null) return null;
  const expiresAt = value.expiresAt === null ? null : new Date(value.expiresAt);
  if (expiresAt !== null && expiresAt.getTime() <= nowMs) return null;
  return { ...value, createdAt: new Date(value.createdAt), updatedAt: new Date(value.updatedAt), expiresAt };
}

/**
 * Live memory items read through the tiered cache (in-process LRU → Redis → Postgres). Items are cached under their
 * id and, separately, under their (namespace, key); writers call {@link MemoryItemCache.invalidate} with every item
 * they touched, after their transaction committed.
 */
export class MemoryItemCache {
  constructor(
    private readonly cache: TieredCache<MemoryItem>,
    private readonly reader: MemoryReader,
  ) {}

  /** The live item of each id (null when absent, expired or not a UUID), in `ids` order. */
  async getByIds(tenantId: string, ids: readonly string[]): Promise<(MemoryItem | null)[]> {
    const normalized = ids.map((id) => (isUuid(id) ? id.toLowerCase() : null));
    const lookups = [...new Set(normalized.filter((id): id is string => id !== null))];
    if (lookups.length === 0) return ids.map(() => null);
    const values = await this.cache.getMany(
      lookups.map((id) => idCacheKey(tenantId, id)),
      async (missing) => {
        const wanted = new Set(missing);
        const rows = await this.reader.findByIds(
          tenantId,
          lookups.filter((id) => wanted.has(idCacheKey(tenantId, id))),
        );
        return new Map(rows.map((row) => [idCacheKey(tenantId, row.id), row]));
      },
    );
    const nowMs = Date.now();
    const found = new Map(lookups.map((id, i) => [id, reviveCachedItem(values[i] ?? null, nowMs)]));
    return normalized.map((id) => (id === null ? null : (found.get(id) ?? null)));
  }

  /** The live item of each (namespace, key) (null when absent, expired or outside the limits), in `names` order. */
  async getByNames(tenantId: string, names: readonly MemoryName[]): Promise<(MemoryItem | null)[]> {
    const possible = names.filter((name) => isPossibleName(name.namespace, name.key));
    if (possible.length === 0) return names.map(() => null);
    const keys = possible.map((name) => nameCacheKey(tenantId, name));
    const values = await this.cache.getMany(keys, async (missing) => {
      const wanted = new Set(missing);
      const rows = await this.reader.findByNames(
        tenantId,
        possible.filter((name) => wanted.has(nameCacheKey(tenantId, name))),
      );
      return new Map(rows.map((row) => [nameCacheKey(tenantId, row), row]));
    });
    const nowMs = Date.now();
    const found = new Map(keys.map((key, i) => [key, reviveCachedItem(values[i] ?? null, nowMs)]));
    return names.map((name) => found.get(nameCacheKey(tenantId, name)) ?? null);
  }

  /**
   * Drops the by-id and by-name entries of `items` from every tier of every instance. Call only after the write that
   * touched them committed.
   * @throws when Redis fails to take the invalidation (the local LRU tier is already cleared by then).
   */
  async invalidate(items: readonly TouchedItem[]): Promise<void> {
    if (items.length === 0) return;
    const keys = new Set<string>();
    for (const item of items) {
      keys.add(idCacheKey(item.tenantId, item.id));
      keys.add(nameCacheKey(item.tenantId, item));
    }
    await this.cache.invalidate([...keys]);
  }

  /** Stops listening for other instances' invalidations (idempotent). */
  async close(): Promise<void> {
    await this.cache.close();
  }
}
