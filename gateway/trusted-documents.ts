import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import {
  BadUserInputError,
  PersistedQueryHashMismatchError,
  PersistedQueryNotFoundError,
  TrustedDocumentNotFoundError,
  TrustedDocumentRequiredError,
} from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import type { Redis } from '../platform/redis/redis-client.ts';
import { readOperationManifest } from './execution/operation-manifest.ts';

/** `TRUSTED_DOCUMENTS` (see `OrchestraConfig.trustedDocuments.mode`). */
export type TrustedDocumentsMode = 'off' | 'allow' | 'enforce';

/** Options of {@link createTrustedDocuments}. */
export interface TrustedDocumentsOptions {
  readonly mode: TrustedDocumentsMode;
  /** Manifest files (`TRUSTED_DOCUMENTS_PATH`), each an object of sha256 hex to document text. */
  readonly manifestPaths: readonly string[];
  /** Most APQ registrations kept in process when {@link redis} is absent (`APQ_CACHE_ENTRIES`). */
  readonly apqCacheEntries: number;
  /** When set: the published manifest (hash {@link trustedDocumentsKey}) and the APQ store (`<prefix>apq:<hash>`). */
  readonly redis?: Redis | undefined;
  /** `REDIS_KEY_PREFIX`. */
  readonly keyPrefix: string;
  readonly logger: Logger;
}

/** A GraphQL-over-HTTP request body, as far as this module reads it. */
export interface GraphQLRequestBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } & Record<string, unknown>;
  [key: string]: unknown;
}

/** Resolves persisted-document requests into plain ones; see {@link createTrustedDocuments}. */
export interface TrustedDocuments {
  /**
   * The body with `query` set to the document it names (by `documentId` or APQ hash), `documentId` and
   * `extensions.persistedQuery` removed; a body with only `query` is checked against the mode. Idempotent: a resolved
   * body resolves to itself.
   * @throws {@link TrustedDocumentNotFoundError}, {@link PersistedQueryNotFoundError},
   *   {@link PersistedQueryHashMismatchError}, {@link TrustedDocumentRequiredError}, {@link BadUserInputError}.
   */
  resolve(body: GraphQLRequestBody): Promise<GraphQLRequestBody>;
  /** Express middleware for `/graphql`: resolves `req.body` (POST) or `req.query` (GET) in place; errors go to `next`. */
  readonly middleware: (req: Request, res: Response, next: NextFunction) => void;
  /** Number of documents loaded from the manifest files. */
  readonly fileDocuments: number;
}

/** The Redis hash of the published manifest: field = sha256 hex, value = document text (`npm run manifest -- --publish`). */
export function trustedDocumentsKey(keyPrefix: string): string {
  return `${keyPrefix}trusted-documents`;
}

/** How long an APQ registration lives in Redis, in seconds (Apollo Server's Redis cache has no TTL; a week bounds it). */
const APQ_TTL_SECONDS = 7 * 24 * 3600;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The lowercase hex SHA-256 of a document's UTF-8 text: the id of the manifest and of APQ. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Trusted documents and automatic persisted queries (APQ).
 * - `documentId` (GraphQL-over-HTTP persisted documents convention, as Hive Gateway and Apollo Router accept it):
 *   `"sha256:<hex>"` or `"<hex>"`, looked up in the manifest files, then in the Redis-published manifest (read on a
 *   miss, so a publish is picked up without a restart). Accepted in every mode; unknown → TRUSTED_DOCUMENT_NOT_FOUND.
 * - APQ (Apollo's protocol, https://www.apollographql.com/docs/apollo-server/performance/apq):
 *   `extensions.persistedQuery { version: 1, sha256Hash }`. Hash only: a manifest document, else a registered one,
 *   else PERSISTED_QUERY_NOT_FOUND. Hash and `query`: the hash is verified (PERSISTED_QUERY_HASH_MISMATCH) and the
 *   document registered (Redis `<prefix>apq:<hash>` for a week when Redis is configured, else an in-process LRU).
 * - `enforce`: a document that is not a manifest document (by id, hash, or identical text) is refused
 *   (TRUSTED_DOCUMENT_REQUIRED), APQ registrations included — the APQ store is not consulted.
 * @throws when a manifest file cannot be read, or holds a hash-shaped id that is not the SHA-256 of its document.
 */
export async function createTrustedDocuments(options: TrustedDocumentsOptions): Promise<TrustedDocuments> {
  const { mode, redis, keyPrefix, logger } = options;
  const fileDocuments = new Map<string, string>();
  for (const path of options.manifestPaths) {
    for (const document of await readOperationManifest(path)) {
      const hash = documentHash(document.source);
      // A hash-shaped id must be the text's: the id clients send and the hash of the text they send are one key.
      const declared = hashOfId(document.id);
      if (declared !== undefined && declared !== hash) {
        throw new Error(`trusted-document manifest ${path}: id ${document.id} is not the SHA-256 of its document (that is ${hash})`);
      }
      fileDocuments.set(hash, document.source);
    }
  }
  // Redis-published documents once seen; they never change for a hash (the hash is of the text).
  const publishedSeen = new Map<string, string>();
  const registered = new LRUCache<string, string>({ max: options.apqCacheEntries });

  async function manifestDocument(hash: string): Promise<string | undefined> {
    const known = fileDocuments.get(hash) ?? publishedSeen.get(hash);
    if (known !== undefined || !redis) return known;
    const published = await redis.hget(trustedDocumentsKey(keyPrefix), hash);
    if (published === null || documentHash(published) !== hash) return undefined;
    publishedSeen.set(hash, published);
    return published;
  }

  async function registeredDocument(hash: string): Promise<string | undefined> {
    if (!redis) return registered.get(hash);
    return (await redis.get(`${keyPrefix}apq:${hash}`)) ?? undefined;
  }

  async function register(hash: string, text: string): Promise<void> {
    if (!redis) registered.set(hash, text);
    else await redis.set(`${keyPrefix}apq:${hash}`, text, 'EX', APQ_TTL_SECONDS);
  }

  async function resolve(body: GraphQLRequestBody): Promise<GraphQLRequestBody> {
    const { documentId, extensions, ...rest } = body;
    const persisted = extensions?.persistedQuery;
    const otherExtensions = extensions && persisted !== undefined ? withoutPersistedQuery(extensions) : extensions;
    const done = (query: string): GraphQLRequestBody => ({ ...rest, query, ...(otherExtensions ? { extensions: otherExtensions } : {}) });
    if (documentId !== undefined) {
      const hash = typeof documentId === 'string' ? hashOfId(documentId) : undefined;
      if (hash === undefined) throw new BadUserInputError('documentId must be "sha256:<64 hex>" or "<64 hex>"', { field: 'documentId' });
      const text = await manifestDocument(hash);
      if (text === undefined) throw new TrustedDocumentNotFoundError(`No trusted document has the id ${documentId}`, { documentId });
      return done(text);
    }
    if (persisted !== undefined && persisted !== null) {
      const hash = persisted.sha256Hash;
      if (persisted.version !== 1 || typeof hash !== 'string' || !SHA256_HEX.test(hash)) {
        throw new BadUserInputError('extensions.persistedQuery must be { version: 1, sha256Hash: "<64 lowercase hex>" }', {
          field: 'extensions.persistedQuery',
        });
      }
      if (typeof body.query === 'string') {
        if (documentHash(body.query) !== hash) throw new PersistedQueryHashMismatchError('sha256Hash is not the SHA-256 of the query', { sha256Hash: hash });
        if ((await manifestDocument(hash)) !== undefined) return done(body.query);
        if (mode === 'enforce') throw required();
        await register(hash, body.query);
        return done(body.query);
      }
      const text = (await manifestDocument(hash)) ?? (mode === 'enforce' ? undefined : await registeredDocument(hash));
      if (text === undefined) throw new PersistedQueryNotFoundError('PersistedQueryNotFound', { sha256Hash: hash });
      return done(text);
    }
    if (mode === 'enforce' && typeof body.query === 'string' && (await manifestDocument(documentHash(body.query))) === undefined) throw required();
    return body;
  }

  function middleware(req: Request, _res: Response, next: NextFunction): void {
    const fromQuery = req.method === 'GET';
    const body = fromQuery ? getParameters(req.query as Record<string, unknown>) : (req.body as unknown);
    // Batches and non-objects go on unchanged to Apollo, which answers them (enforce: a batch is refused here).
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      if (mode === 'enforce' && Array.isArray(body)) return next(required());
      return next();
    }
    resolve(body as GraphQLRequestBody).then((resolved) => {
      if (resolved === body) return next();
      if (fromQuery) {
        const query: Record<string, unknown> = { ...(req.query as Record<string, unknown>), query: resolved.query };
        delete query['documentId'];
        if (resolved.extensions) query['extensions'] = JSON.stringify(resolved.extensions);
        else delete query['extensions'];
        // Express 5's req.query is a getter: define the resolved parameters on the request itself, and in its URL,
        // which Apollo's Express integration reads GET parameters from.
        Object.defineProperty(req, 'query', { value: query, configurable: true, writable: true });
        req.url = `${req.path}?${searchOf(query)}`;
      } else {
        req.body = resolved;
      }
      next();
    }, next);
  }

  logger.info({ mode, fileDocuments: fileDocuments.size, redis: redis !== undefined }, 'trusted documents');
  return { resolve, middleware, fileDocuments: fileDocuments.size };

  function required(): TrustedDocumentRequiredError {
    return new TrustedDocumentRequiredError('This gateway only runs trusted documents: send the documentId of a published document');
  }
}

/** The sha256 hex of a `documentId` (`sha256:<hex>` or `<hex>`), or undefined for any other form. */
function hashOfId(id: string): string | undefined {
  const hex = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  const lower = hex.toLowerCase();
  return SHA256_HEX.test(lower) ? lower : undefined;
}

function withoutPersistedQuery(extensions: Record<string, unknown>): Record<string, unknown> | undefined {
  const { persistedQuery: _dropped, ...rest } = extensions;
  return Object.keys(rest).length === 0 ? undefined : rest;
}

/** Query-string text of GET parameters (string values, as Express parsed them; others as JSON). */
function searchOf(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return search.toString();
}

/** A GET request's parameters as a body (`extensions` is JSON text in the query string, GraphQL over HTTP §GET). */
function getParameters(query: Record<string, unknown>): unknown {
  const { extensions } = query;
  if (typeof extensions !== 'string') return query;
  try {
    return { ...query, extensions: JSON.parse(extensions) as unknown };
  } catch {
    return query;
  }
}
