import type { NextFunction, Request, Response } from 'express';
import { Kind, parse, type OperationTypeNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { principalKey, type Principal } from '../platform/auth/principal.ts';
import { onBufferedResponse } from './buffered-response.ts';

/** Options of {@link createHttpDeduplication}. */
export interface HttpDeduplicationOptions {
  /** Called each time a request is answered with another one's response (for metrics). */
  readonly onShared?: () => void;
  /** Documents whose operation type is remembered, at most (least recently used first out). @defaultValue 1000 */
  readonly maxDocuments?: number;
  /**
   * Most lexical tokens parsed (`MAX_QUERY_TOKENS`): a longer document is not parsed to its end here, and goes through
   * untouched for Apollo Server to refuse (MAX_TOKENS_LIMIT). @defaultValue no limit
   */
  readonly maxTokens?: number | undefined;
}

/** A leader's response as sent: what its followers are answered with. */
interface SentResponse {
  readonly status: number;
  readonly headers: ReadonlyArray<readonly [string, string | number | readonly string[]]>;
  readonly body: Buffer;
}

/** Documents longer than this (in characters) are not remembered, so the cache stays small. */
const MAX_REMEMBERED_DOCUMENT_CHARS = 100_000;

/**
 * In-flight deduplication of whole GraphQL-over-HTTP requests, as an express middleware in front of Apollo Server
 * (after authentication and body parsing): while a query runs, an identical request — same principal
 * ({@link principalKey}: tenant, subject, scopes), same `query`, `operationName`, `variables` (their JSON text) and
 * `accept` header — waits and is answered with the exact bytes, status and headers the first one sent, without
 * parsing, validating, planning, executing or serialising again (the Apollo plugin of operation-deduplication.ts
 * does the same for operations that do not come over HTTP, e.g. subscription events' queries). Only queries: the
 * operation type comes from parsing the document once (remembered by text); mutations, subscriptions and documents
 * that do not parse go through untouched. After a mutation's response is sent, no request joins one that arrived
 * before it (read your writes). A leader whose response was not one buffered body (a stream) leaves its followers to
 * run on their own.
 */
export function createHttpDeduplication(options: HttpDeduplicationOptions = {}): (req: Request, res: Response, next: NextFunction) => void {
  const types = new LRUCache<string, OperationTypeNode | 'invalid'>({ max: options.maxDocuments ?? 1000 });
  const leaders = new Map<string, Promise<SentResponse | null>>();

  const operationType = (query: string, operationName: string | undefined): OperationTypeNode | undefined => {
    const cacheKey = `${operationName ?? ''}\u0000${query}`;
    let type = types.get(cacheKey);
    if (type === undefined) {
      type = typeOf(query, operationName, options.maxTokens);
      if (query.length <= MAX_REMEMBERED_DOCUMENT_CHARS) types.set(cacheKey, type);
    }
    return type === 'invalid' ? undefined : type;
  };

  return (req, res, next) => {
    const body = req.body as { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown } | undefined;
    const principal = res.locals['principal'] as Principal | undefined;
    if (req.method !== 'POST' || !principal || typeof body?.query !== 'string' || body.extensions !== undefined) return next();
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const type = operationType(body.query, operationName);
    if (type !== 'query') {
      if (type === 'mutation') res.on('finish', () => leaders.clear());
      return next();
    }
    const key = [principalKey(principal), req.headers.accept ?? '', operationName ?? '', JSON.stringify(body.variables ?? {}), body.query].join('\u0000');
    const leader = leaders.get(key);
    if (leader) {
      leader.then(
        (sent) => {
          if (!sent) return next();
          options.onShared?.();
          res.status(sent.status);
          for (const [name, value] of sent.headers) res.setHeader(name, value as string | number | string[]);
          res.end(sent.body);
        },
        () => next(),
      );
      return;
    }
    let settle!: (sent: SentResponse | null) => void;
    const promise = new Promise<SentResponse | null>((resolve) => {
      settle = resolve;
    });
    leaders.set(key, promise);
    let sent: SentResponse | null = null;
    onBufferedResponse(res, (body) => {
      sent = {
        status: res.statusCode,
        headers: Object.entries(res.getHeaders()).filter((entry): entry is [string, string | number | string[]] => entry[1] !== undefined),
        body,
      };
    });
    const done = (): void => {
      if (leaders.get(key) === promise) leaders.delete(key);
      settle(sent);
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}

/** The type of the operation `operationName` (or the only one) of `query`; `invalid` when it does not parse or is ambiguous. */
function typeOf(query: string, operationName: string | undefined, maxTokens: number | undefined): OperationTypeNode | 'invalid' {
  try {
    const operations = parse(query, { noLocation: true, ...(maxTokens === undefined ? {} : { maxTokens }) }).definitions.filter(
      (d) => d.kind === Kind.OPERATION_DEFINITION,
    );
    const chosen =
      operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((o) => o.name?.value === operationName);
    return chosen?.operation ?? 'invalid';
  } catch {
    return 'invalid';
  }
}
