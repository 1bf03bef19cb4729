import { Redis } from 'ioredis';

export type { Redis } from 'ioredis';

/** Options of {@link createRedisClient}. */
export interface RedisClientOptions {
  readonly url: string;
  /** Name shown by `CLIENT LIST`. */
  readonly connectionName: string;
}

/**
 * Connects an ioredis client and waits until it is ready. Commands fail fast (after 2 retries) instead of queueing
 * forever when Redis is down; the client reconnects in the background.
 * @throws when Redis cannot be reached within ioredis' first connection attempt.
 */
export async function createRedisClient(options: RedisClientOptions): Promise<Redis> {
  const client = new Redis(options.url, {
    connectionName: options.connectionName,
    maxRetriesPerRequest: 2,
    lazyConnect: true,
    enableAutoPipelining: true,
  });
  await client.connect();
  return client;
}
