import { EventEmitter } from 'node:events';
import type { Redis } from '../redis/redis-client.ts';

/**
 * Revocations of API keys, from the session subgraph to every gateway instance, which drop the key from their
 * verification caches. With Redis: a pub/sub channel `<keyPrefix>api-key-revocations` carrying the key id (never the
 * secret); always also in-process (embedded mode: gateway and subgraphs share the process). Guarantee: once
 * `revokeApiKey` has answered, the publish has been sent; a gateway instance refuses the key as soon as it receives
 * the message. Redis pub/sub delivers at most once: a subscriber that was disconnected may have missed revocations, so
 * when it is subscribed again `onGap` runs (the gateway then forgets every cached key and asks the session subgraph
 * which keys of its open streams were revoked).
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
 * Calls `onRevoked(keyId)` for each revocation (in-process, and from Redis when `redis` is given), and `onGap()` each
 * time the Redis subscriber is ready again after its connection was lost (ioredis subscribes it again on its own;
 * what was published in between is lost).
 * @returns a function that stops listening.
 */
export async function subscribeApiKeyRevocations(
  onRevoked: (keyId: string) => void,
  redis?: { subscriber: Redis; keyPrefix: string; onGap?: () => void },
): Promise<() => Promise<void>> {
  local.on(EVENT, onRevoked);
  const channel = redis ? revocationChannel(redis.keyPrefix) : undefined;
  const onMessage = (received: string, message: string): void => {
    if (received === channel) onRevoked(message);
  };
  // 'ready' follows every (re)connection; the first one happened before we subscribed.
  let lost = false;
  const onClose = (): void => {
    lost = true;
  };
  const onReady = (): void => {
    if (!lost) return;
    lost = false;
    redis?.onGap?.();
  };
  if (redis && channel) {
    redis.subscriber.on('message', onMessage);
    redis.subscriber.on('close', onClose);
    redis.subscriber.on('ready', onReady);
    await redis.subscriber.subscribe(channel);
  }
  return async () => {
    local.off(EVENT, onRevoked);
    if (redis && channel) {
      redis.subscriber.off('message', onMessage);
      redis.subscriber.off('close', onClose);
      redis.subscriber.off('ready', onReady);
      await redis.subscriber.unsubscribe(channel);
    }
  };
}
