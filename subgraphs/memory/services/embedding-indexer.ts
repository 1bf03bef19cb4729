import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../../platform/logger.ts';
import type { Embedder } from './embedder.ts';
import type { MemoryItemCache } from './memory-item-cache.ts';
import type { TouchedItem } from './memory-sql.ts';
import type { VectorStore } from './vector-store.ts';

/** Attempts of one content before its item is FAILED (the next store of new content starts again). */
export const MAX_EMBEDDING_ATTEMPTS = 5;
/** How long a claimed item is reserved for the instance that claimed it, in seconds (a crashed one's claims free up then). */
export const EMBEDDING_LEASE_SECONDS = 60;
/** First retry delay, in seconds, doubled per attempt (at most {@link EMBEDDING_RETRY_MAX_SECONDS}). */
const EMBEDDING_RETRY_INITIAL_SECONDS = 2;
const EMBEDDING_RETRY_MAX_SECONDS = 300;

/** Options of {@link EmbeddingIndexer}. */
export interface EmbeddingIndexerOptions {
  readonly dataSource: DataSource;
  readonly embedder: Embedder;
  readonly vectors: VectorStore;
  /** Dropped after each item changes state, so `embeddingStatus` reads true at once. */
  readonly cache: MemoryItemCache;
  /** Items per embedder call. @defaultValue 64 */
  readonly batchSize?: number;
  /** How often to look for pending items, in ms. @defaultValue 1000 */
  readonly pollIntervalMs?: number;
  readonly logger: Logger;
}

/** A claimed item: what its embedding is made from. */
interface Claimed extends TouchedItem {
  readonly content: string;
  readonly attempts: number;
}

/** The content hash an embedding is made from and cached by: SHA-256 of the model and the content, hex. */
export function contentHash(model: string, content: string): string {
  return createHash('sha256').update(model).update('\u0000').update(content).digest('hex');
}

/**
 * Computes the embeddings of memory items after their writes committed — never inside a write's transaction. The
 * queue is the items table itself (a transactional outbox: a store that changes the content marks the item PENDING
 * in its own transaction): each round claims up to `batchSize` PENDING items in one statement (`FOR UPDATE SKIP
 * LOCKED`, leased for {@link EMBEDDING_LEASE_SECONDS}, so instances share the work without taking the same items),
 * reuses vectors of the same content the tenant had embedded before (by {@link contentHash}, from
 * `memory.embedding_cache`, per tenant: no tenant learns from timing or its call log what another stored),
 * embeds the rest per tenant in one call, and stores them; an item whose content changed meanwhile stays PENDING
 * for the next round. A failed call is retried with exponential backoff ({@link EMBEDDING_RETRY_INITIAL_SECONDS} s
 * doubling, or the router's Retry-After), and after {@link MAX_EMBEDDING_ATTEMPTS} attempts the item is FAILED with
 * the error. Rounds run every `pollIntervalMs` and right after a local write ({@link wake}); one at a time.
 */
export class EmbeddingIndexer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private again = false;
  private closed = false;
  private readonly batchSize: number;

  constructor(private readonly options: EmbeddingIndexerOptions) {
    this.batchSize = options.batchSize ?? 64;
  }

  /** Starts the polling loop. */
  async start(): Promise<void> {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs ?? 1000);
    this.timer.unref();
  }

  /** Runs a round now (or once more after the current one): called after writes that left items PENDING. */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.drain();
  }

  /** Rounds until no pending item is due; resolves with how many items were embedded. For tests and the benchmark. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      this.running ??= this.round().finally(() => (this.running = undefined));
      const done = await this.running;
      total += done;
      if (this.closed) return total;
      if (done < this.batchSize && !this.again) return total;
      this.again = false;
    }
  }

  /** Stops the loop and waits for the round in flight. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One round: claim, embed, store. @returns how many items it claimed. */
  private async round(): Promise<number> {
    const { dataSource, embedder, logger } = this.options;
    let claimed: Claimed[];
    try {
      claimed = await dataSource.query<Claimed[]>(
        `WITH claimed AS (
         UPDATE memory.memory_items m SET embedding_next_at = now() + interval '${EMBEDDING_LEASE_SECONDS} seconds'
         FROM (SELECT id FROM memory.memory_items
               WHERE embedding_status = 'PENDING' AND (embedding_next_at IS NULL OR embedding_next_at <= now())
               ORDER BY embedding_next_at NULLS FIRST, updated_at
               LIMIT $1 FOR UPDATE SKIP LOCKED) due
         WHERE m.id = due.id
         RETURNING m.id, m.tenant_id AS "tenantId", m.namespace, m.key, m.content, m.embedding_attempts AS attempts)
         SELECT * FROM claimed`,
        [this.batchSize],
      );
    } catch (error) {
      logger.warn({ err: error }, 'memory embedding round failed to claim items');
      return 0;
    }
    if (claimed.length === 0) return 0;
    const byTenant = new Map<string, Claimed[]>();
    for (const item of claimed) byTenant.set(item.tenantId, [...(byTenant.get(item.tenantId) ?? []), item]);
    for (const [tenantId, items] of byTenant) {
      try {
        const vectors = await this.vectorsOf(tenantId, items);
        await this.store(items, vectors);
      } catch (error) {
        logger.warn({ err: error, tenantId, items: items.length, model: embedder.model }, 'memory embedding failed; will retry');
        await this.fail(items, error);
      }
    }
    await this.options.cache.invalidate(claimed).catch((error: unknown) => logger.error({ err: error }, 'memory cache invalidation failed'));
    return claimed.length;
  }

  /** The vectors of `items`: cached ones by content hash, the others from one embedder call (then cached). */
  private async vectorsOf(tenantId: string, items: readonly Claimed[]): Promise<number[][]> {
    const { dataSource, embedder } = this.options;
    const hashes = items.map((i) => contentHash(embedder.model, i.content));
    const cached = await dataSource.query<{ hash: string; embedding: number[] }[]>(
      `SELECT content_hash AS hash, embedding FROM memory.embedding_cache WHERE tenant_id = $1 AND model = $2 AND content_hash = ANY($3::text[])`,
      [tenantId, embedder.model, [...new Set(hashes)]],
    );
    const known = new Map(cached.filter((c) => c.embedding.length === embedder.dimensions).map((c) => [c.hash, c.embedding.map(Number)]));
    const missing = [...new Set(hashes.filter((h) => !known.has(h)))];
    if (missing.length > 0) {
      const texts = missing.map((h) => items[hashes.indexOf(h)]?.content ?? '');
      const computed = await embedder.embed(tenantId, texts);
      missing.forEach((h, i) => known.set(h, computed[i] ?? []));
      await dataSource.query(
        `INSERT INTO memory.embedding_cache (tenant_id, model, content_hash, embedding)
         SELECT $1, $2, e.key, ARRAY(SELECT v::real FROM jsonb_array_elements_text(e.value) WITH ORDINALITY AS t(v, o) ORDER BY o)
         FROM jsonb_each($3::jsonb) AS e
         ON CONFLICT DO NOTHING`,
        [tenantId, embedder.model, JSON.stringify(Object.fromEntries(missing.map((h) => [h, known.get(h)])))],
      );
    }
    return hashes.map((h) => known.get(h) ?? []);
  }

  /** Stores the vectors and marks READY the items whose content is still the one embedded. */
  private async store(items: readonly Claimed[], vectors: readonly number[][]): Promise<void> {
    const { dataSource, embedder, vectors: store } = this.options;
    const hashes = items.map((i) => contentHash(embedder.model, i.content));
    await store.upsert(items.map((item, i) => ({ tenantId: item.tenantId, itemId: item.id, vector: vectors[i] ?? [] })));
    // Only where the content is still what was embedded; a newer store left it PENDING with its own content.
    await dataSource.query(
      `UPDATE memory.memory_items m SET embedding_status = 'READY', embedded_hash = u.hash, embedding_next_at = NULL, embedding_error = NULL
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, hash, content)
       WHERE m.id = u.id AND m.content = u.content AND m.embedding_status = 'PENDING'`,
      [items.map((i) => i.id), hashes, items.map((i) => i.content)],
    );
  }

  /** Counts a failed attempt: the next after a backoff, or FAILED after {@link MAX_EMBEDDING_ATTEMPTS}. */
  private async fail(items: readonly Claimed[], error: unknown): Promise<void> {
    const details = (error as { details?: { retryAfterMs?: number } }).details;
    const message = error instanceof Error ? error.message.slice(0, 500) : 'embedding failed';
    const delays = items.map((i) =>
      Math.max((details?.retryAfterMs ?? 0) / 1000, Math.min(EMBEDDING_RETRY_MAX_SECONDS, EMBEDDING_RETRY_INITIAL_SECONDS * 2 ** i.attempts)),
    );
    await this.options.dataSource
      .query(
        `UPDATE memory.memory_items m SET embedding_attempts = m.embedding_attempts + 1, embedding_error = $3,
           embedding_status = CASE WHEN m.embedding_attempts + 1 >= $4 THEN 'FAILED' ELSE 'PENDING' END,
           embedding_next_at = now() + u.delay * interval '1 second'
         FROM unnest($1::uuid[], $2::double precision[]) AS u(id, delay)
         WHERE m.id = u.id AND m.embedding_status = 'PENDING'`,
        [items.map((i) => i.id), delays, message, MAX_EMBEDDING_ATTEMPTS],
      )
      .catch((failure: unknown) => this.options.logger.error({ err: failure }, 'memory embedding failure could not be recorded'));
  }
}
