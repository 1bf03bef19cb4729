import { BadUserInputError } from '../../../platform/errors.ts';
import { assertIntRange, assertJsonSize, assertLength, assertUuid, isUuid } from '../../../platform/validation.ts';
import {
  DEFAULT_MEMORIES_PER_PARENT,
  DEFAULT_SEARCH_LIMIT,
  MAX_BULK_OPERATIONS,
  MAX_CONTENT_CHARS,
  MAX_KEY_CHARS,
  MAX_METADATA_BYTES,
  MAX_MEMORIES_PER_PARENT,
  MAX_NAMESPACE_CHARS,
  MAX_QUERY_CHARS,
  MAX_SEARCH_LIMIT,
  MAX_TTL_SECONDS,
} from './memory-limits.ts';

/** What a client asks to store (GraphQL `StoreMemoryInput`); optional fields may be absent or null. */
export interface StoreMemoryRequest {
  readonly namespace: string;
  readonly key: string;
  readonly content: string;
  readonly metadata?: unknown;
  readonly sessionId?: string | null | undefined;
  readonly agentId?: string | null | undefined;
  readonly ttlSeconds?: number | null | undefined;
}

/** A validated store: every optional field resolved to a value or null. */
export interface StoreMemoryCommand {
  readonly namespace: string;
  readonly key: string;
  readonly content: string;
  readonly metadata: unknown;
  readonly sessionId: string | null;
  readonly agentId: string | null;
  /** Lifetime from the write, in seconds; null = forever. */
  readonly ttlSeconds: number | null;
}

/** One validated operation of a bulk call. */
export type MemoryOperation = { readonly kind: 'store'; readonly store: StoreMemoryCommand } | { readonly kind: 'delete'; readonly id: string };

/** What a client sends as one bulk operation (GraphQL `MemoryOperationInput`). */
export interface MemoryOperationRequest {
  readonly store?: StoreMemoryRequest | null | undefined;
  readonly deleteId?: string | null | undefined;
}

/**
 * Validates a store against the limits of memory-limits.ts.
 * @param field - path of the input in the request (`input`, `operations[3].store`), prefixed to the failing field.
 * @throws {@link BadUserInputError} naming the first failing field, e.g. `input.content`.
 */
export function parseStoreInput(input: StoreMemoryRequest, field = 'input'): StoreMemoryCommand {
  assertLength(`${field}.namespace`, input.namespace, MAX_NAMESPACE_CHARS, 1);
  assertLength(`${field}.key`, input.key, MAX_KEY_CHARS, 1);
  assertLength(`${field}.content`, input.content, MAX_CONTENT_CHARS);
  assertJsonSize(`${field}.metadata`, input.metadata, MAX_METADATA_BYTES);
  assertNoNul(`${field}.namespace`, input.namespace);
  assertNoNul(`${field}.key`, input.key);
  assertNoNul(`${field}.content`, input.content);
  if (jsonContainsNul(input.metadata)) {
    throw new BadUserInputError(`"${field}.metadata" must not contain the NUL character (U+0000)`, { field: `${field}.metadata` });
  }
  assertUuid(`${field}.sessionId`, input.sessionId);
  assertUuid(`${field}.agentId`, input.agentId);
  const ttlSeconds = input.ttlSeconds ?? null;
  if (ttlSeconds !== null) assertIntRange(`${field}.ttlSeconds`, ttlSeconds, 1, MAX_TTL_SECONDS);
  return {
    namespace: input.namespace,
    key: input.key,
    content: input.content,
    metadata: input.metadata ?? null,
    sessionId: input.sessionId?.toLowerCase() ?? null,
    agentId: input.agentId?.toLowerCase() ?? null,
    ttlSeconds,
  };
}

/**
 * Postgres text and jsonb cannot hold U+0000: reject it as input rather than fail in the driver.
 * @throws {@link BadUserInputError} naming `field`.
 */
function assertNoNul(field: string, value: string): void {
  if (value.includes('\u0000')) {
    throw new BadUserInputError(`"${field}" must not contain the NUL character (U+0000)`, { field });
  }
}

/** Whether any string (key or value) inside a JSON value contains U+0000. */
function jsonContainsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(jsonContainsNul);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || jsonContainsNul(inner));
  }
  return false;
}

/**
 * Validates the operations of a bulk call: 1 to {@link MAX_BULK_OPERATIONS} of them, each with exactly one of
 * `store` and `deleteId`, every store valid and every `deleteId` a UUID.
 * @throws {@link BadUserInputError} naming `operations` or the failing `operations[i]` (or a field inside it).
 */
export function parseOperations(operations: readonly MemoryOperationRequest[]): MemoryOperation[] {
  if (operations.length < 1 || operations.length > MAX_BULK_OPERATIONS) {
    throw new BadUserInputError(`"operations" must hold 1 to ${MAX_BULK_OPERATIONS} operations (got ${operations.length})`, {
      field: 'operations',
      max: MAX_BULK_OPERATIONS,
    });
  }
  return operations.map((operation, i): MemoryOperation => {
    const field = `operations[${i}]`;
    const { store, deleteId } = operation;
    const hasStore = store !== null && store !== undefined;
    if (hasStore === (deleteId !== null && deleteId !== undefined)) {
      throw new BadUserInputError(`"${field}" must set exactly one of "store" and "deleteId"`, { field });
    }
    if (hasStore) return { kind: 'store', store: parseStoreInput(store, `${field}.store`) };
    if (!deleteId || !isUuid(deleteId)) {
      throw new BadUserInputError(`"${field}.deleteId" is not a valid id`, { field: `${field}.deleteId` });
    }
    return { kind: 'delete', id: deleteId.toLowerCase() };
  });
}

/** Validated arguments of a search. */
export interface SearchRequest {
  readonly query: string;
  /** Most hits to return. */
  readonly limit: number;
}

/**
 * Validates `searchMemory`'s `query` (1 to {@link MAX_QUERY_CHARS} characters) and `limit`
 * (1 to {@link MAX_SEARCH_LIMIT}; absent = {@link DEFAULT_SEARCH_LIMIT}).
 * @throws {@link BadUserInputError} naming `query` or `limit`.
 */
export function parseSearch(query: string, limit: number | null | undefined): SearchRequest {
  assertLength('query', query, MAX_QUERY_CHARS, 1);
  if (limit === null || limit === undefined) return { query, limit: DEFAULT_SEARCH_LIMIT };
  assertIntRange('limit', limit, 1, MAX_SEARCH_LIMIT);
  return { query, limit };
}

/**
 * Validates the `first` of `Session.memories` / `Agent.memories`: 1 to {@link MAX_MEMORIES_PER_PARENT};
 * absent = {@link DEFAULT_MEMORIES_PER_PARENT}.
 * @throws {@link BadUserInputError} naming `first`.
 */
export function parseMemoriesFirst(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_MEMORIES_PER_PARENT;
  assertIntRange('first', first, 1, MAX_MEMORIES_PER_PARENT);
  return first;
}

/** Whether (namespace, key) is within the limits, i.e. could name a stored item at all. */
export function isPossibleName(namespace: string, key: string): boolean {
  return namespace.length >= 1 && namespace.length <= MAX_NAMESPACE_CHARS && key.length >= 1 && key.length <= MAX_KEY_CHARS;
}
