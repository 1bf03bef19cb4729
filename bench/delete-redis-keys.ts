import type { Redis } from '../platform/redis/redis-client.ts';

/** Deletes every Redis key matching `pattern` (SCAN, then DEL in batches). */
export async function deleteRedisKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
