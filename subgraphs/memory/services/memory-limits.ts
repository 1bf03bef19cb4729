/** Limits of the memory subgraph; each is enforced with BAD_USER_INPUT and documented in schema/memory.graphql. */

/** Longest `namespace`, in characters (shortest: 1). */
export const MAX_NAMESPACE_CHARS = 200;
/** Longest `key`, in characters (shortest: 1). */
export const MAX_KEY_CHARS = 500;
/** Longest `content`, in characters. */
export const MAX_CONTENT_CHARS = 65_536;
/** Largest `metadata`, in UTF-8 bytes of its JSON encoding (16 KiB). */
export const MAX_METADATA_BYTES = 16_384;
/** Longest `ttlSeconds` (365 days); the shortest is 1. */
export const MAX_TTL_SECONDS = 31_536_000;
/** Most operations in one `bulkMemory` call (fewest: 1). */
export const MAX_BULK_OPERATIONS = 100;
/** Longest `searchMemory` query, in characters (shortest: 1). */
export const MAX_QUERY_CHARS = 1_000;
/** `searchMemory` hits when `limit` is absent. */
export const DEFAULT_SEARCH_LIMIT = 10;
/** Largest `searchMemory` `limit`. */
export const MAX_SEARCH_LIMIT = 100;
/** `Session.memories` / `Agent.memories` items when `first` is absent. */
export const DEFAULT_MEMORIES_PER_PARENT = 50;
/** Largest `first` of `Session.memories` / `Agent.memories`. */
export const MAX_MEMORIES_PER_PARENT = 200;
/** Longest `userId`, in characters (shortest: 1). */
export const MAX_USER_ID_CHARS = 200;
/** Most tags of one item. */
export const MAX_TAGS = 50;
/** Longest tag, in characters (shortest: 1). */
export const MAX_TAG_CHARS = 100;
/** Longest `source.stepId`, in characters (shortest: 1). */
export const MAX_STEP_ID_CHARS = 200;
/** `memoryHistory` / `MemoryItem.history` entries when `first` is absent. */
export const DEFAULT_HISTORY_ENTRIES = 50;
/** Largest `first` of `memoryHistory` / `MemoryItem.history`. */
export const MAX_HISTORY_ENTRIES = 500;
