import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../platform/auth/principal.ts';
import type { EntityVersions } from '../platform/events/entity-versions.ts';
import type { Logger } from '../platform/logger.ts';
import type { Redis } from '../platform/redis/redis-client.ts';
import { onBufferedResponse } from './buffered-response.ts';
import { STREAM_TOKEN_HEADER } from './subscriptions/sse-subscriptions.ts';
import { cachePolicyOf, SupergraphCacheModel, type CachePolicy } from './cache-policy.ts';

/** Outcome of one lookup: served from the cache, nothing cached, or an entry a committed write made stale. */
export type ResponseCacheResult = 'hit' | 'miss' | 'invalidated';

/** Options of {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** Versions of (tenant, subgraph), raised by the subgraphs' entity-change relays. */
  readonly versions: EntityVersions;
  /** The shared tier; absent: in-process only (embedded mode). Not closed here. */
  readonly redis?: Redis | undefined;
  /** Prefix of every Redis key (`config.redis.keyPrefix`). */
  readonly keyPrefix: string;
  /** Size of the in-process tier, in bytes of response body (`config.responseCache.maxBytes`). */
  readonly maxBytes: number;
  /** Largest body cached, in bytes (`config.responseCache.maxEntryBytes`). */
  readonly maxEntryBytes: number;
  /** Called with each lookup's outcome (metrics). */
  readonly onLookup?: (result: ResponseCacheResult) => void;
  /**
   * The anonymous principal (AUTH_ALLOW_ANONYMOUS), compared by identity: its answers are keyed apart from an
   * authenticated caller's with the same tenant and scopes, whose answers may hold `@authenticated` fields.
   * @defaultValue none
   */
  readonly anonymous?: Principal | undefined;
  /**
   * Most lexical tokens parsed to find a document's cache policy (`MAX_QUERY_TOKENS`): a longer one is not parsed to
   * its end, and goes around the cache for Apollo Server to refuse (MAX_TOKENS_LIMIT). @defaultValue no limit
   */
  readonly maxTokens?: number | undefined;
  readonly logger: Logger;
}

/**
 * A cached response: its body (bytes as sent: a hit writes them without encoding again) and content type, when it was
 * made (ms since the epoch), for how long (s), and the versions it was made at. In Redis it is JSON, with `body` as
 * a UTF-8 string.
 */
interface CachedResponse {
  readonly body: Buffer;
  readonly contentType: string;
  readonly storedAtMs: number;
  readonly maxAgeS: number;
  /** The versions of the policy's subgraphs, read before the response was computed, in the policy's order. */
  readonly versions: readonly number[];
}

/** Documents whose policy is remembered, at most; and the longest remembered (in characters). */
const MAX_POLICIES = 1000;
const MAX_REMEMBERED_DOCUMENT_CHARS = 100_000;

/**
 * The gateway's response cache: a hit path in front of express ({@link ResponseCache.answerHit}, see
 * cache-hit-path.ts) and an express middleware in front of Apollo Server (after authentication and body parsing,
 * before in-flight deduplication) that stores answers and serves concurrent misses; together they answer a query from an in-process LRU or Redis when every field it
 * selects has a `@cacheControl` max-age (see cache-policy.ts) and no committed write to the subgraphs its data came
 * from, for its tenant, happened since it was computed.
 *
 * - Key: the supergraph's hash, the tenant, the scopes (sorted; the schema's `@requiresScopes` make answers differ by
 *   them), whether the caller is the anonymous principal (`@authenticated`), the subject when the policy is `PRIVATE`, the
 *   `accept` header, operation name, variables (their JSON text) and document text. Never shared across tenants.
 * - Freshness: before a miss is executed, the versions of its subgraphs are read (platform/events/entity-versions.ts)
 *   and stored with the response; a lookup reads them again (one Redis round trip, `MGET`) and serves the entry only
 *   if none changed and its max-age has not passed. A write commits, then its subgraph raises the version — before a
 *   mutation's answer is sent, within `ENTITY_CHANGE_RELAY_INTERVAL_MS` for other writes — so an answer computed
 *   before the write is never served after the raise, on any gateway instance.
 * - Stored only: HTTP 200 JSON answers without `errors`, of at most `maxEntryBytes`, to `POST` requests without
 *   `extensions` (persisted queries go around the cache).
 * - Concurrent misses of one key are computed once: the others wait and get that answer (if its versions are theirs).
 * - A request's `cache-control: no-cache` is computed anew (and stored); `no-store` goes around the cache.
 * - Headers: a cacheable answer carries `cache-control: private, max-age=<seconds left>` (tenant data: never for
 *   shared caches), `age` (RFC 9111 §5.1, seconds since it was computed) and `x-cache: HIT` or `MISS`.
 * - A new supergraph changes every key (and empties the in-process tier and the remembered policies).
 * - Redis failures make lookups misses and skip the store (logged at debug); answers are never wrong for it.
 */
export class ResponseCache {
  readonly #options: ResponseCacheOptions;
  readonly #entries: LRUCache<string, CachedResponse>;
  readonly #policies = new LRUCache<string, CachePolicy | 'none'>({ max: MAX_POLICIES });
  /** Each request's candidate (null: around the cache), computed once. */
  readonly #candidates = new WeakMap<IncomingMessage, Candidate | null>();
  /** Answers being computed after a miss, by key: later misses of the key wait for them. */
  readonly #filling = new Map<string, Promise<CachedResponse | undefined>>();
  #model: SupergraphCacheModel | undefined;
  #schema: GraphQLSchema | undefined;
  #supergraphHash = '';

  constructor(options: ResponseCacheOptions) {
    this.#options = options;
    this.#entries = new LRUCache<string, CachedResponse>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.body.length),
      ttlAutopurge: false,
    });
  }

  /**
   * Takes a new supergraph: its SDL (for the hints and the subgraphs of each field) and its API schema.
   * @throws Error when the SDL is not a Federation 2 supergraph.
   */
  useSupergraph(supergraphSdl: string, apiSchema: GraphQLSchema): void {
    this.#model = new SupergraphCacheModel(parse(supergraphSdl, { noLocation: true }));
    this.#schema = apiSchema;
    this.#supergraphHash = createHash('sha256').update(supergraphSdl).digest('hex').slice(0, 16);
    this.#policies.clear();
    this.#entries.clear();
  }

  /**
   * Answers `res` from the cache when `req` (authenticated as `principal`, with the parsed JSON `body`) has a fresh
   * entry: the response cache's hit path (cache-hit-path.ts), in front of express. Counts the hit.
   * @returns whether it answered; when not, the request goes on to {@link ResponseCache.middleware}, which reuses
   *   this lookup (one version read per request).
   */
  async answerHit(req: IncomingMessage, res: ServerResponse, principal: Principal, body: unknown): Promise<boolean> {
    const candidate = this.#candidateOf(req, principal, body);
    if (!candidate || candidate.revalidate) return false;
    const { entry } = await candidate.lookup;
    if (!entry) return false;
    this.#options.onLookup?.('hit');
    serve(res, entry);
    return true;
  }

  /** The express middleware (see the class). */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const principal = res.locals['principal'] as Principal | undefined;
    const candidate = principal && this.#candidateOf(req, principal, req.body);
    if (!candidate) return next();
    const { key, revalidate } = candidate;
    candidate.lookup.then(
      ({ result, entry, versions }) => {
        if (entry) {
          this.#options.onLookup?.('hit');
          serve(res, entry);
          return;
        }
        // A miss while the same key is being computed waits for that answer: no stampede of identical executions.
        const filling = revalidate ? undefined : this.#filling.get(key);
        if (filling) {
          filling.then((filled) => {
            const usable = filled !== undefined && sameVersions(filled.versions, versions);
            this.#options.onLookup?.(usable ? 'hit' : result);
            if (usable) serve(res, filled);
            else next();
          }, next);
          return;
        }
        this.#options.onLookup?.(result);
        let settle!: (entry: CachedResponse | undefined) => void;
        const promise = new Promise<CachedResponse | undefined>((resolve) => {
          settle = resolve;
        });
        const done = (stored: CachedResponse | undefined): void => {
          if (this.#filling.get(key) === promise) this.#filling.delete(key);
          settle(stored);
        };
        this.#filling.set(key, promise);
        this.#storeOnSend(res, key, candidate.policy, versions, done);
        res.once('close', () => done(undefined));
        next();
      },
      (error: unknown) => {
        this.#options.logger.debug({ err: error }, 'response cache lookup failed');
        next();
      },
    );
  };

  /**
   * What the cache makes of a request, once per request (the hit path and the middleware share it): undefined when
   * it goes around the cache (not a `POST` of a query without `extensions`, `cache-control: no-store`, an event
   * stream's request, or a document without a policy); else its key and policy, whether it is recomputed
   * (`no-cache`), and its lookup (started here; a `no-cache` one only reads the versions).
   */
  #candidateOf(req: IncomingMessage, principal: Principal, body: unknown): Candidate | undefined {
    const known = this.#candidates.get(req);
    if (known !== undefined) return known ?? undefined;
    const candidate = this.#newCandidate(req, principal, body);
    this.#candidates.set(req, candidate ?? null);
    return candidate;
  }

  #newCandidate(req: IncomingMessage, principal: Principal, body: unknown): Candidate | undefined {
    const request = body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown } | undefined;
    if (req.method !== 'POST' || typeof request?.query !== 'string' || request.extensions !== undefined) return undefined;
    // graphql-sse's requests (a stream, or an operation added to a reserved stream) are answered on their stream.
    if ((req.headers.accept ?? '').includes('text/event-stream') || req.headers[STREAM_TOKEN_HEADER] !== undefined) return undefined;
    // A request's own cache-control (RFC 9111 §5.2.1): no-store — neither served nor stored; no-cache — computed anew (and stored).
    const requested = req.headers['cache-control'] ?? '';
    if (/\bno-store\b/i.test(requested)) return undefined;
    const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
    const policy = this.#policyOf(request.query, operationName);
    if (!policy) return undefined;
    const revalidate = /\bno-cache\b/i.test(requested);
    const key = this.#keyOf(principal, policy, req.headers.accept ?? '', operationName, request.variables, request.query);
    const lookup = revalidate
      ? this.#options.versions.read(principal.tenantId, policy.subgraphs).then((versions): Lookup => ({ result: 'miss', versions }))
      : this.#lookup(key, principal.tenantId, policy);
    // Handled by whoever reads it; this keeps a failure that nobody reads (a request gone) from being unhandled.
    lookup.catch(() => undefined);
    return { key, policy, revalidate, lookup };
  }

  /** The policy of a document, remembered by its text and operation name; undefined when not cacheable. */
  #policyOf(query: string, operationName: string | undefined): CachePolicy | undefined {
    if (!this.#model || !this.#schema) return undefined;
    const rememberedKey = `${operationName ?? ''}\u0000${query}`;
    let policy = this.#policies.get(rememberedKey);
    if (policy === undefined) {
      let document: DocumentNode | undefined;
      try {
        const maxTokens = this.#options.maxTokens;
        document = parse(query, { noLocation: true, ...(maxTokens === undefined ? {} : { maxTokens }) });
      } catch {
        document = undefined;
      }
      policy = (document && cachePolicyOf(this.#model, this.#schema, document, operationName)) || 'none';
      if (query.length <= MAX_REMEMBERED_DOCUMENT_CHARS) this.#policies.set(rememberedKey, policy);
    }
    return policy === 'none' ? undefined : policy;
  }

  #keyOf(principal: Principal, policy: CachePolicy, accept: string, operationName: string | undefined, variables: unknown, query: string): string {
    const hash = createHash('sha256');
    for (const part of [
      this.#supergraphHash,
      principal.tenantId,
      [...principal.scopes].sort().join(' '),
      principal === this.#options.anonymous ? 'anonymous' : 'authenticated',
      policy.scope === 'PRIVATE' ? principal.subject : '',
      accept,
      operationName ?? '',
      JSON.stringify(variables ?? {}),
      query,
    ]) {
      hash.update(part).update('\u0000');
    }
    return `${this.#options.keyPrefix}response-cache:${hash.digest('base64url')}`;
  }

  /**
   * The fresh entry under `key`, if any (from process memory, else Redis), and the current versions of the policy's
   * subgraphs.
   * @throws when the versions cannot be read (the request then goes around the cache).
   */
  async #lookup(key: string, tenantId: string, policy: CachePolicy): Promise<Lookup> {
    const local = this.#entries.get(key);
    const { redis } = this.#options;
    let versions: readonly number[];
    let entry = local;
    if (local || !redis) {
      versions = await this.#options.versions.read(tenantId, policy.subgraphs);
    } else {
      const [stored, current] = await Promise.all([
        redis.get(key).catch((error: unknown) => {
          this.#options.logger.debug({ err: error }, 'response cache: Redis read failed');
          return null;
        }),
        this.#options.versions.read(tenantId, policy.subgraphs),
      ]);
      versions = current;
      entry = stored ? parseEntry(stored) : undefined;
    }
    if (!entry) return { result: 'miss', versions };
    const fresh = Date.now() < entry.storedAtMs + entry.maxAgeS * 1000 && sameVersions(entry.versions, versions);
    if (!fresh) {
      this.#entries.delete(key);
      return { result: 'invalidated', versions };
    }
    if (!local) this.#entries.set(key, entry, { ttl: Math.max(1, entry.storedAtMs + entry.maxAgeS * 1000 - Date.now()) });
    return { result: 'hit', entry, versions };
  }

  /**
   * Once `res` is sent, stores its answer if it qualifies (marking it `x-cache: MISS`, `cache-control`, `age: 0`), and
   * calls `stored` with the entry (undefined when it did not qualify).
   */
  #storeOnSend(res: Response, key: string, policy: CachePolicy, versions: readonly number[], stored: (entry: CachedResponse | undefined) => void): void {
    const storedAtMs = Date.now();
    onBufferedResponse(res, (body) => stored(this.#store(res, body, key, policy, versions, storedAtMs)));
  }

  #store(res: Response, body: Buffer, key: string, policy: CachePolicy, versions: readonly number[], storedAtMs: number): CachedResponse | undefined {
    const contentType = String(res.getHeader('content-type') ?? '');
    if (res.headersSent || res.statusCode !== 200 || !/json/.test(contentType) || body.length > this.#options.maxEntryBytes) return undefined;
    const text = body.toString('utf8');
    if (!hasNoErrors(text)) return undefined;
    res.setHeader('cache-control', `private, max-age=${policy.maxAgeS}`);
    res.setHeader('age', '0');
    res.setHeader('x-cache', 'MISS');
    const entry: CachedResponse = { body, contentType, storedAtMs, maxAgeS: policy.maxAgeS, versions };
    this.#entries.set(key, entry, { ttl: policy.maxAgeS * 1000 });
    this.#options.redis?.set(key, JSON.stringify({ ...entry, body: text }), 'PX', policy.maxAgeS * 1000).catch((error: unknown) => {
      this.#options.logger.debug({ err: error }, 'response cache: Redis write failed');
    });
    return entry;
  }
}

/** A request the cache may answer (see ResponseCache's candidateOf). */
interface Candidate {
  readonly key: string;
  readonly policy: CachePolicy;
  /** `cache-control: no-cache`: computed anew, never answered from the cache. */
  readonly revalidate: boolean;
  readonly lookup: Promise<Lookup>;
}

/** What a lookup found: its outcome, the fresh entry on a hit, and the current versions of the policy's subgraphs. */
interface Lookup {
  readonly result: ResponseCacheResult;
  readonly entry?: CachedResponse | undefined;
  readonly versions: readonly number[];
}

/** Answers `res` with a cached entry: its body, `age`, the max-age left, `x-cache: HIT`. */
function serve(res: ServerResponse, entry: CachedResponse): void {
  const ageS = Math.floor((Date.now() - entry.storedAtMs) / 1000);
  res.writeHead(200, {
    'content-type': entry.contentType,
    'content-length': entry.body.length,
    'cache-control': `private, max-age=${Math.max(0, entry.maxAgeS - ageS)}`,
    age: String(ageS),
    'x-cache': 'HIT',
  });
  res.end(entry.body);
}

/** Whether two version lists (of the same policy's subgraphs) are equal. */
function sameVersions(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Whether a JSON GraphQL response has no `errors` (a response with errors is never cached). */
function hasNoErrors(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as { errors?: unknown; data?: unknown };
    return parsed.errors === undefined && parsed.data !== undefined && parsed.data !== null;
  } catch {
    return false;
  }
}

/** An entry read back from Redis, or undefined when it is not one (another version's format). */
function parseEntry(text: string): CachedResponse | undefined {
  try {
    const value = JSON.parse(text) as Partial<Omit<CachedResponse, 'body'> & { body: string }>;
    if (typeof value.body !== 'string' || typeof value.contentType !== 'string' || typeof value.storedAtMs !== 'number' || typeof value.maxAgeS !== 'number')
      return undefined;
    if (!Array.isArray(value.versions)) return undefined;
    return {
      body: Buffer.from(value.body, 'utf8'),
      contentType: value.contentType,
      storedAtMs: value.storedAtMs,
      maxAgeS: value.maxAgeS,
      versions: value.versions,
    };
  } catch {
    return undefined;
  }
}
