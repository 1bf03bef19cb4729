import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Authenticator } from '../platform/auth/authenticate.ts';
import type { Principal } from '../platform/auth/principal.ts';
import type { Logger } from '../platform/logger.ts';
import type { ResponseCache } from './response-cache.ts';

/** Options of {@link createCacheHitPath}. */
export interface CacheHitPathOptions {
  readonly cache: ResponseCache;
  /** The same authenticator as the `/graphql` route's. */
  readonly authenticate: Authenticator;
  /** Largest request body read, in bytes (`config.limits.maxRequestBytes`, the route's body limit). */
  readonly maxRequestBytes: number;
  /**
   * Admits an authenticated request before it is answered here (rate limits): false hands it to express unread,
   * which refuses it. @defaultValue every request admitted
   */
  readonly admit?: ((req: IncomingMessage, res: ServerResponse, principal: Principal) => Promise<boolean>) | undefined;
  /**
   * Turns a persisted-document body (`documentId`, APQ) into the document's (gateway/trusted-documents.ts): the
   * resolved body is looked up and handed over; when it throws, the body goes on unresolved and express answers.
   */
  readonly resolveBody?: (body: unknown) => Promise<unknown>;
  /** The express app: gets every request not answered here, with the body this path read (see {@link createJsonBody}). */
  readonly next: RequestListener;
  readonly logger: Logger;
}

/** A body read by the hit path for express: parsed, or the error express.json would have passed on. */
type ReadBody = { readonly body: unknown } | { readonly error: Error };

/** Bodies read by the hit path and not yet taken by the route's {@link createJsonBody}. */
const readBodies = new WeakMap<IncomingMessage, ReadBody>();

/** `application/json`, with no charset or UTF-8's (what this path reads; express.json reads the other `utf-*`). */
const JSON_UTF8 = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * The response cache's hit path: a Node `http` request listener in front of the express app that answers
 * `POST /graphql` from the response cache without express's routing, body parsing and middleware chain (about a
 * fifth of a hit's CPU time when it went through them). Requests it cannot answer go to express unchanged in
 * behaviour:
 * - handed over untouched (body unread): other methods and paths (`/graphql` exactly, no query string), bodies that
 *   are not `application/json` in UTF-8, encoded (`content-encoding`), without `content-length` or over
 *   `maxRequestBytes`, and requests that fail authentication (express refuses them with its own answer);
 * - handed over with the body read, when the cache has no fresh answer: the route's {@link createJsonBody} takes it
 *   as `req.body`, or — for a body express.json would refuse as not JSON (body-parser's strict rules: after optional
 *   whitespace a `{` or `[`, an empty body is `{}`) — the same error, so the answer is express's own.
 * The lookup is the one the cache middleware then uses (one version read per request).
 */
export function createCacheHitPath(options: CacheHitPathOptions): RequestListener {
  const { cache, authenticate, admit, maxRequestBytes, resolveBody, next, logger } = options;
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/graphql') return next(req, res);
    const length = Number(req.headers['content-length']);
    const encoding = req.headers['content-encoding'];
    if (
      !Number.isSafeInteger(length) ||
      length > maxRequestBytes ||
      req.headers['transfer-encoding'] !== undefined ||
      (encoding !== undefined && encoding.toLowerCase() !== 'identity') ||
      !JSON_UTF8.test(req.headers['content-type'] ?? '')
    ) {
      return next(req, res);
    }
    const answer = (principal: Principal): void =>
      void readBody(req, length).then(
        (unresolved) => {
          if ('error' in unresolved) return handOver(req, res, unresolved, next);
          // A body the trusted documents refuse is never answered from the cache: express refuses it.
          const resolved = resolveBody
            ? resolveBody(unresolved.body).then(
                (body): ReadBody | undefined => ({ body }),
                () => undefined,
              )
            : Promise.resolve(unresolved);
          return resolved.then((read) => {
            if (!read) return handOver(req, res, unresolved, next);
            cache.answerHit(req, res, principal, 'body' in read ? read.body : undefined).then(
              (answered) => {
                if (!answered) handOver(req, res, read, next);
              },
              (error: unknown) => {
                logger.debug({ err: error }, 'response cache hit path failed');
                if (!res.headersSent) handOver(req, res, read, next);
              },
            );
          });
        },
        // The request failed or was aborted while its body arrived: nobody waits for an answer.
        () => res.destroy(),
      );
    authenticate(req.headers.authorization).then(
      ({ principal }) => {
        if (!admit) return answer(principal);
        // Over a limit (or the limits failed): express refuses it, with the same decision.
        admit(req, res, principal).then(
          (admitted) => (admitted ? answer(principal) : next(req, res)),
          () => next(req, res),
        );
      },
      () => next(req, res),
    );
  };
}

/**
 * The `/graphql` route's body parser: the body {@link createCacheHitPath} read, if it read one (parsed, or
 * express.json's error for it), else express.json with `limitBytes`.
 */
export function createJsonBody(limitBytes: number) {
  const json = express.json({ limit: limitBytes });
  return (req: Request, res: Response, next: NextFunction): void => {
    const read = readBodies.get(req);
    if (!read) return json(req, res, next);
    readBodies.delete(req);
    if ('error' in read) return next(read.error);
    req.body = read.body;
    next();
  };
}

function handOver(req: IncomingMessage, res: ServerResponse, read: ReadBody, next: RequestListener): void {
  readBodies.set(req, read);
  next(req, res);
}

/**
 * Reads `length` bytes of body (Node's HTTP parser ends the request after `content-length` bytes) and parses them as
 * express.json does (strict: see {@link createCacheHitPath}; a UTF-8 byte order mark is dropped as iconv-lite drops it).
 * @returns the body, or the error express.json would give (`type: 'entity.parse.failed'`, HTTP 400).
 * @throws when the request errs or is aborted before its end.
 */
function readBody(req: IncomingMessage, length: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    req.once('error', reject);
    req.once('aborted', () => reject(new Error('request aborted')));
    req.once('end', () => {
      if (received !== length) return reject(new Error('request body shorter than its content-length'));
      let text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received)).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      resolve(parseStrictJson(text));
    });
  });
}

/** body-parser's strict JSON (see {@link createCacheHitPath}): the value, or its error. */
function parseStrictJson(text: string): ReadBody {
  if (text.length === 0) return { body: {} };
  const first = /^[\x20\x09\x0a\x0d]*(.|$)/s.exec(text)?.[1];
  if (first === '{' || first === '[') {
    try {
      return { body: JSON.parse(text) as unknown };
    } catch (error) {
      return { error: parseError(error instanceof Error ? error.message : 'invalid JSON') };
    }
  }
  return { error: parseError(`Unexpected token ${first ?? 'end'} in JSON`) };
}

/** The error body-parser passes on for a body that is not JSON (what the error handler answers with 400). */
function parseError(message: string): Error {
  return Object.assign(new SyntaxError(message), { type: 'entity.parse.failed', status: 400, statusCode: 400, expose: true });
}
