import { LRUCache } from 'lru-cache';

/** Default of {@link ApiKeyRevocationWatchOptions.rememberedRevocations}. */
export const DEFAULT_REMEMBERED_REVOCATIONS = 10_000;

/** Options of {@link ApiKeyRevocationWatch}. */
export interface ApiKeyRevocationWatchOptions {
  /**
   * Most revoked key ids remembered (least recently revoked go first), so that a connection whose key was verified
   * just before its revocation arrived is still ended when it starts watching just after. @defaultValue
   * {@link DEFAULT_REMEMBERED_REVOCATIONS}
   */
  readonly rememberedRevocations?: number;
  /** Receives what a watcher threw (the other watchers still run). @defaultValue ignored */
  readonly onWatcherError?: (error: unknown) => void;
}

/**
 * The long-lived streams of one gateway instance (WebSocket connections, SSE subscriptions) authenticated with a
 * partner API key, each ended as soon as the key's revocation reaches the instance (platform/auth/api-key-revocations.ts:
 * in-process and over Redis pub/sub, so every instance hears it). A revocation is final (a revoked key never becomes
 * valid again), so a watch that starts after it (the key was verified from cache, or by a read that raced the
 * revocation) ends at once.
 */
export class ApiKeyRevocationWatch {
  private readonly watchers = new Map<string, Set<() => void>>();
  private readonly revoked: LRUCache<string, true>;
  private readonly onWatcherError: (error: unknown) => void;

  constructor(options: ApiKeyRevocationWatchOptions = {}) {
    this.onWatcherError = options.onWatcherError ?? (() => undefined);
    this.revoked = new LRUCache({ max: options.rememberedRevocations ?? DEFAULT_REMEMBERED_REVOCATIONS });
  }

  /**
   * Calls `onRevoked` once when `keyId` is revoked (on the next microtask if it already was).
   * @returns a function that stops watching (idempotent; call it when the stream ends for any other reason).
   */
  watch(keyId: string, onRevoked: () => void): () => void {
    if (this.revoked.has(keyId)) {
      queueMicrotask(onRevoked);
      return () => undefined;
    }
    let set = this.watchers.get(keyId);
    if (!set) {
      set = new Set();
      this.watchers.set(keyId, set);
    }
    set.add(onRevoked);
    return () => {
      const current = this.watchers.get(keyId);
      if (!current?.delete(onRevoked)) return;
      if (current.size === 0) this.watchers.delete(keyId);
    };
  }

  /** The ids of the keys that open streams use. */
  keyIds(): string[] {
    return [...this.watchers.keys()];
  }

  /** Ends every stream watching `keyId` (a revocation arrived; repeated deliveries of it are harmless). */
  revoke(keyId: string): void {
    this.revoked.set(keyId, true);
    const set = this.watchers.get(keyId);
    this.watchers.delete(keyId);
    for (const onRevoked of set ?? []) {
      try {
        onRevoked();
      } catch (error) {
        this.onWatcherError(error);
      }
    }
  }
}
