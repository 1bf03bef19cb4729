import { BadUserInputError } from '../../../platform/errors.ts';
import { assertIntRange, assertJsonSize, assertLength, assertUuid, isUuid } from '../../../platform/validation.ts';
import {
  DEFAULT_HISTORY_ENTRIES,
  DEFAULT_MEMORIES_PER_PARENT,
  DEFAULT_SEARCH_LIMIT,
  MAX_BULK_OPERATIONS,
  MAX_CONTENT_CHARS,
  MAX_HISTORY_ENTRIES,
  MAX_KEY_CHARS,
  MAX_METADATA_BYTES,
  MAX_MEMORIES_PER_PARENT,
  MAX_NAMESPACE_CHARS,
  MAX_QUERY_CHARS,
  MAX_SEARCH_LIMIT,
  MAX_STEP_ID_CHARS,
  MAX_TAG_CHARS,
  MAX_TAGS,
  MAX_TTL_SECONDS,
  MAX_USER_ID_CHARS,
} from './memory-limits.ts';

/** What a client asks to store (GraphQL `StoreMemoryInput`); optional fields may be absent or null. */
export interface StoreMemoryRequest {
  readonly namespace: string;
  readonly key: string;
  readonly content: string;
  readonly metadata?: unknown;
  readonly userId?: string | null | undefined;
  readonly sessionId?: string | null | undefined;
  readonly agentId?: string | null | undefined;
  readonly runId?: string | null | undefined;
  readonly tags?: readonly string[] | null | undefined;
  readonly source?: MemorySourceRequest | null | undefined;
  readonly ttlSeconds?: number | null | undefined;
}

/** Where a memory came from (GraphQL `MemorySourceInput`); any of the fields, each optional. */
export interface MemorySourceRequest {
  readonly segmentId?: string | null | undefined;
  readonly runId?: string | null | undefined;
  readonly stepId?: string | null | undefined;
  readonly modelCallId?: string | null | undefined;
}

/** A validated source: ids lower-cased, absent fields null. */
export interface MemorySource {
  readonly segmentId: string | null;
  readonly runId: string | null;
  readonly stepId: string | null;
  readonly modelCallId: string | null;
}

/** The source of a memory written directly without one. */
export const NO_SOURCE: MemorySource = Object.freeze({ segmentId: null, runId: null, stepId: null, modelCallId: null });

/** A validated store: every optional field resolved to a value or null. */
export interface StoreMemoryCommand {
  readonly namespace: string;
  readonly key: string;
  readonly content: string;
  readonly metadata: unknown;
  readonly userId: string | null;
  readonly sessionId: string | null;
  readonly agentId: string | null;
  readonly runId: string | null;
  /** Distinct, in the order given. */
  readonly tags: readonly string[];
  readonly source: MemorySource;
  /** Lifetime from the write, in seconds; null = forever. */
  readonly ttlSeconds: number | null;
}

/** One validated operation of a bulk call. */
export type MemoryOperation =
  | { readonly kind: 'store'; readonly store: StoreMemoryCommand; readonly change?: MemoryOperationChange | undefined }
  | { readonly kind: 'delete'; readonly id: string; readonly change?: MemoryOperationChange | undefined };

/** Why one operation of a bulk is made, when it differs from the bulk's own (an extraction's decision). */
export interface MemoryOperationChange {
  readonly cause: 'DIRECT_WRITE' | 'EXTRACTION';
  readonly reason?: string | null | undefined;
  readonly modelCallId?: string | null | undefined;
}

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
  assertUuid(`${field}.runId`, input.runId);
  const userId = input.userId ?? null;
  if (userId !== null) {
    assertLength(`${field}.userId`, userId, MAX_USER_ID_CHARS, 1);
    assertNoNul(`${field}.userId`, userId);
  }
  const tags = parseTags(`${field}.tags`, input.tags ?? []);
  const source = parseSource(`${field}.source`, input.source);
  const ttlSeconds = input.ttlSeconds ?? null;
  if (ttlSeconds !== null) assertIntRange(`${field}.ttlSeconds`, ttlSeconds, 1, MAX_TTL_SECONDS);
  return {
    namespace: input.namespace,
    key: input.key,
    content: input.content,
    metadata: input.metadata ?? null,
    userId,
    sessionId: input.sessionId?.toLowerCase() ?? null,
    agentId: input.agentId?.toLowerCase() ?? null,
    runId: input.runId?.toLowerCase() ?? null,
    tags,
    source,
    ttlSeconds,
  };
}

/**
 * Validates tags: at most {@link MAX_TAGS}, each 1–{@link MAX_TAG_CHARS} characters without U+0000; duplicates are
 * dropped (the first stays).
 * @throws {@link BadUserInputError} naming `field` or `field[i]`.
 */
export function parseTags(field: string, tags: readonly string[]): string[] {
  if (tags.length > MAX_TAGS) throw new BadUserInputError(`"${field}" must have at most ${MAX_TAGS} tags`, { field });
  tags.forEach((tag, i) => {
    assertLength(`${field}[${i}]`, tag, MAX_TAG_CHARS, 1);
    assertNoNul(`${field}[${i}]`, tag);
  });
  return [...new Set(tags)];
}

/** Validates a source: ids are UUIDs, `stepId` 1–{@link MAX_STEP_ID_CHARS} characters. @throws {@link BadUserInputError} */
function parseSource(field: string, source: MemorySourceRequest | null | undefined): MemorySource {
  if (!source) return NO_SOURCE;
  assertUuid(`${field}.segmentId`, source.segmentId);
  assertUuid(`${field}.runId`, source.runId);
  assertUuid(`${field}.modelCallId`, source.modelCallId);
  const stepId = source.stepId ?? null;
  if (stepId !== null) {
    assertLength(`${field}.stepId`, stepId, MAX_STEP_ID_CHARS, 1);
    assertNoNul(`${field}.stepId`, stepId);
  }
  return {
    segmentId: source.segmentId?.toLowerCase() ?? null,
    runId: source.runId?.toLowerCase() ?? null,
    stepId,
    modelCallId: source.modelCallId?.toLowerCase() ?? null,
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

/** `first` of `memoryHistory` / `MemoryItem.history`: default {@link DEFAULT_HISTORY_ENTRIES}. @throws {@link BadUserInputError} */
export function parseHistoryFirst(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_HISTORY_ENTRIES;
  assertIntRange('first', first, 1, MAX_HISTORY_ENTRIES);
  return first;
}

/** Whether (namespace, key) is within the limits, i.e. could name a stored item at all. */
export function isPossibleName(namespace: string, key: string): boolean {
  return namespace.length >= 1 && namespace.length <= MAX_NAMESPACE_CHARS && key.length >= 1 && key.length <= MAX_KEY_CHARS;
}
