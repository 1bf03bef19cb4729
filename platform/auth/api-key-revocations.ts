import { EventEmitter } from 'node:events';
import type { Redis } from '../redis/redis-client.ts';

/**
 * Revocations of API keys, from the session subgraph to every gateway instance, which drop the key from their
 * verification caches. With Redis: a pub/sub channel `<keyPrefix>api-key-revocations` carrying the key id (never the
 * secret); always also in-process (embedded mode: gateway and subgraphs share the process). Guarantee: once
 * `revokeApiKey` has answered, the publish has been sent; a gateway instance refuses the key as soon as it receives
 * the message (Redis pub/sub: at most once, so an instance disconnected from Redis at that instant keeps the key for
 * at most its cache TTL, `API_KEY_CACHE_TTL_MS`).
 */
const local = new EventEmitter();
local.setMaxListeners(0);
const EVENT = 'revoked';

/** The Redis channel of revocations. */
export function revocationChannel(keyPrefix: string): string {
  return `${keyPrefix}api-key-revocations`;
}

/** Publishes that `keyId` was revoked: in-process now, and on Redis when given. */
export async function publishApiKeyRevocation(keyId: string, redis?: { client: Redis; keyPrefix: string }): Promise<void> {
  local.emit(EVENT, keyId);
  if (redis) await redis.client.publish(revocationChannel(redis.keyPrefix), keyId);
}

/**
 * Calls `onRevoked(keyId)` for each revocation (in-process, and from Redis when `redis` is given).
 * @returns a function that stops listening.
 */
export async function subscribeApiKeyRevocations(
  onRevoked: (keyId: string) => void,
  redis?: { subscriber: Redis; keyPrefix: string },
): Promise<() => Promise<void>> {
  local.on(EVENT, onRevoked);
  const channel = redis ? revocationChannel(redis.keyPrefix) : undefined;
  const onMessage = (received: string, message: string): void => {
    if (received === channel) onRevoked(message);
  };
  if (redis && channel) {
    redis.subscriber.on('message', onMessage);
    await redis.subscriber.subscribe(channel);
  }
  return async () => {
    local.off(EVENT, onRevoked);
    if (redis && channel) {
      redis.subscriber.off('message', onMessage);
      await redis.subscriber.unsubscribe(channel);
    }
  };
}
