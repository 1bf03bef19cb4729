/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { MemoryItem as MemoryItemRecord } from '../entities/memory-item.ts';
import type { MemoryVersion as MemoryVersionRecord } from '../entities/memory-version.ts';
import type { MemoryDecision as MemoryDecisionRecord } from '../services/memory-extraction.ts';
import type { EntityReference as EntityReferenceRecord } from '../../../platform/subgraph/entity-reference.ts';
import type { SubgraphContext } from '../../../platform/subgraph/subgraph-context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** ISO-8601 date-time in UTC, e.g. 2026-11-21T10:00:00.000Z. */
  DateTime: { input: Date | string; output: Date | string; }
  /** Arbitrary JSON value. */
  JSON: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type AddMemoriesInput = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
  messages: Array<MemoryMessageInput>;
  /** A model or group of the tenant for both calls; absent = the router's choice (task type `memory-extraction`). */
  model?: InputMaybe<Scalars['String']['input']>;
  /** The namespace of added memories (1–200 characters); also the scope of the similar ones. */
  namespace: Scalars['String']['input'];
  runId?: InputMaybe<Scalars['ID']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  /** Where the conversation came from, kept on added memories. */
  source?: InputMaybe<MemorySourceInput>;
  /** Tags of added memories. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

export type AddMemoriesResult = {
  __typename?: 'AddMemoriesResult';
  decisions: Array<MemoryDecision>;
  /** The facts the model extracted. */
  facts: Array<Scalars['String']['output']>;
};

export type Agent = {
  __typename?: 'Agent';
  id: Scalars['ID']['output'];
  /** Live memories attached to the agent, newest first (at most `first`, default 50, max 200). */
  memories: Array<MemoryItem>;
};


export type AgentMemoriesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  namespace?: InputMaybe<Scalars['String']['input']>;
};

export type BulkMemoryResult = {
  __typename?: 'BulkMemoryResult';
  deletedIds: Array<Scalars['ID']['output']>;
  stored: Array<MemoryItem>;
};

/**
 * Who may share a cached response: `PUBLIC`, every request of the same tenant and scopes; `PRIVATE`, only the same
 * subject's. (Responses are never shared across tenants.)
 */
export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/** Why it happened. */
export type MemoryChangeCause =
  /** A client stored or deleted it (storeMemory, bulkMemory, deleteMemory). */
  | 'DIRECT_WRITE'
  /** Its ttl passed. */
  | 'EXPIRY'
  /** An extraction decided it (addMemories or a memory.extract step), for `reason`, with `modelCall`. */
  | 'EXTRACTION';

export type MemoryConnection = {
  __typename?: 'MemoryConnection';
  edges: Array<MemoryEdge>;
  pageInfo: MemoryPageInfo;
};

export type MemoryDecision = {
  __typename?: 'MemoryDecision';
  event: MemoryDecisionEvent;
  /** The memory added or updated, the one kept (NOOP), or the one deleted as it was. */
  memory?: Maybe<MemoryItem>;
  /** The content before an UPDATE or DELETE. */
  previousContent?: Maybe<Scalars['String']['output']>;
  reason: Scalars['String']['output'];
  /** The memory's text after the decision. */
  text: Scalars['String']['output'];
};

export type MemoryDecisionEvent =
  | 'ADD'
  | 'DELETE'
  | 'NOOP'
  | 'UPDATE';

export type MemoryEdge = {
  __typename?: 'MemoryEdge';
  cursor: Scalars['String']['output'];
  node: MemoryItem;
};

export type MemoryEmbeddingStatus =
  /** Embedding failed after every retry; the next store of new content tries again. */
  | 'FAILED'
  /** No embedder is configured: the item is found by lexical search only. */
  | 'NONE'
  /** Written after its content changed; the embedding indexer has not embedded it yet. */
  | 'PENDING'
  /** Its current content is embedded. */
  | 'READY';

/**
 * A filter of memories: every field given must hold; `and` all of its filters, `or` any, `not` none. At most 5 levels
 * of and/or/not and 50 conditions in all, lists of at most 100 values, each value at most 4 KiB; an empty filter
 * inside and/or/not is BAD_USER_INPUT naming it (e.g. `filter.or[1]`). Ids that are not UUIDs match nothing.
 */
export type MemoryFilter = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
  and?: InputMaybe<Array<MemoryFilter>>;
  createdAt?: InputMaybe<TimeRange>;
  /** Keys starting with this text (`%` and `_` are literal). */
  keyPrefix?: InputMaybe<Scalars['String']['input']>;
  /** Every condition must hold. */
  metadata?: InputMaybe<Array<MetadataCondition>>;
  namespace?: InputMaybe<Scalars['String']['input']>;
  not?: InputMaybe<MemoryFilter>;
  or?: InputMaybe<Array<MemoryFilter>>;
  runId?: InputMaybe<Scalars['ID']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  tags?: InputMaybe<MemoryTagsFilter>;
  updatedAt?: InputMaybe<TimeRange>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

/** One entry of a memory's history. */
export type MemoryHistoryEntry = {
  __typename?: 'MemoryHistoryEntry';
  /** When it happened. */
  at: Scalars['DateTime']['output'];
  cause: MemoryChangeCause;
  /** The subject of the principal that made the change; null for an expiry. */
  changedBy?: Maybe<Scalars['String']['output']>;
  /** The content then (for DELETED and EXPIRED: the last content). */
  content: Scalars['String']['output'];
  event: MemoryHistoryEvent;
  key?: Maybe<Scalars['String']['output']>;
  metadata?: Maybe<Scalars['JSON']['output']>;
  /** The model call of an extraction's decision. */
  modelCall?: Maybe<ModelCall>;
  namespace?: Maybe<Scalars['String']['output']>;
  /** An extraction's reason for its decision. */
  reason?: Maybe<Scalars['String']['output']>;
  /** The memory's version after the change (a delete or expiry counts as one more). */
  version: Scalars['Int']['output'];
};

/** What happened to a memory. */
export type MemoryHistoryEvent =
  | 'CREATED'
  | 'DELETED'
  | 'EXPIRED'
  | 'UPDATED';

/** A piece of agent or session memory. `content` is at most 65,536 characters. */
export type MemoryItem = {
  __typename?: 'MemoryItem';
  agent?: Maybe<Agent>;
  agentId?: Maybe<Scalars['ID']['output']>;
  content: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Whether its content has an embedding for semantic search: NONE without an embedder configured. */
  embeddingStatus: MemoryEmbeddingStatus;
  /** When the item stops being returned (set by `ttlSeconds`). */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** Its history, newest first (at most `first`, default 50, max 500): the versions, by whom and why. */
  history: Array<MemoryHistoryEntry>;
  id: Scalars['ID']['output'];
  key: Scalars['String']['output'];
  metadata?: Maybe<Scalars['JSON']['output']>;
  namespace: Scalars['String']['output'];
  run?: Maybe<WorkflowRun>;
  /** The workflow run it belongs to (mem0's run scope). */
  runId?: Maybe<Scalars['ID']['output']>;
  session?: Maybe<Session>;
  sessionId?: Maybe<Scalars['ID']['output']>;
  /** Where it came from; null when it was written without a source. */
  source?: Maybe<MemorySource>;
  /** Labels, in the order given, without duplicates. */
  tags: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** Whose memory it is (mem0's user scope): free text, e.g. an end user's id in the client's system. */
  userId?: Maybe<Scalars['String']['output']>;
  /** 1 for a new item, +1 for each store under the same key. */
  version: Scalars['Int']['output'];
};


/** A piece of agent or session memory. `content` is at most 65,536 characters. */
export type MemoryItemHistoryArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type MemoryMessageInput = {
  content: Scalars['String']['input'];
  /** system, user or assistant. */
  role: Scalars['String']['input'];
};

/** Exactly one of `store` and `deleteId` (a UUID); a delete of an id with no live item is not an error. */
export type MemoryOperationInput = {
  deleteId?: InputMaybe<Scalars['ID']['input']>;
  store?: InputMaybe<StoreMemoryInput>;
};

export type MemoryPageInfo = {
  __typename?: 'MemoryPageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** One hit, with the figures each ranking gave it (null where it was not in that list). */
export type MemorySearchHit = {
  __typename?: 'MemorySearchHit';
  item: MemoryItem;
  /** Position in the lexical list, from 1. */
  lexicalRank?: Maybe<Scalars['Int']['output']>;
  /** ts_rank_cd + trigram word similarity. */
  lexicalScore?: Maybe<Scalars['Float']['output']>;
  /** The mode's score, higher is better: the lexical score, the cosine similarity, or the fused RRF score. */
  score: Scalars['Float']['output'];
  /** Position in the semantic list, from 1. */
  semanticRank?: Maybe<Scalars['Int']['output']>;
  /** Cosine similarity of the embeddings, in [-1, 1]. */
  semanticSimilarity?: Maybe<Scalars['Float']['output']>;
};

export type MemorySearchMode =
  | 'HYBRID'
  | 'LEXICAL'
  | 'SEMANTIC';

export type MemorySearchResult = {
  __typename?: 'MemorySearchResult';
  /** Best first. */
  hits: Array<MemorySearchHit>;
  /** The mode that ran. */
  mode: MemorySearchMode;
  /**
   * Live items passing the filter that semantic ranking cannot see yet: PENDING (not embedded yet) or FAILED; 0 in
   * LEXICAL mode.
   */
  notEmbedded: Scalars['Int']['output'];
};

/** Where a memory came from: any of a transcript segment, a workflow run's step and a model call. */
export type MemorySource = {
  __typename?: 'MemorySource';
  /** The model call it came from, e.g. the extraction call (resolved by the routing subgraph). */
  modelCall?: Maybe<ModelCall>;
  /** The run whose step produced it. */
  run?: Maybe<WorkflowRun>;
  /** The transcript segment it was said in (resolved by the session subgraph). */
  segment?: Maybe<TranscriptSegment>;
  /** The step of `run`. */
  stepId?: Maybe<Scalars['String']['output']>;
};

/** Where a memory came from; ids are UUIDs, `stepId` 1–200 characters. */
export type MemorySourceInput = {
  modelCallId?: InputMaybe<Scalars['ID']['input']>;
  runId?: InputMaybe<Scalars['ID']['input']>;
  segmentId?: InputMaybe<Scalars['ID']['input']>;
  stepId?: InputMaybe<Scalars['String']['input']>;
};

export type MemoryTagsFilter = {
  /** Items with all of these tags. */
  all?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Items with any of these tags. */
  any?: InputMaybe<Array<Scalars['String']['input']>>;
};

/**
 * A condition on the JSON value at `path` (object keys from the root of `metadata`, 1–8 of them): exactly one
 * operator. `eq`/`ne`/`in` compare JSON values (`ne` also matches items without the path); `gt`/`gte`/`lt`/`lte`
 * compare numbers with JSON numbers and strings with JSON strings (code point order), other types never match;
 * `exists` tests presence; `contains` matches an array holding the value (or all of an array's values) or an object
 * containing the given object.
 */
export type MetadataCondition = {
  contains?: InputMaybe<Scalars['JSON']['input']>;
  eq?: InputMaybe<Scalars['JSON']['input']>;
  exists?: InputMaybe<Scalars['Boolean']['input']>;
  gt?: InputMaybe<Scalars['JSON']['input']>;
  gte?: InputMaybe<Scalars['JSON']['input']>;
  in?: InputMaybe<Array<InputMaybe<Scalars['JSON']['input']>>>;
  lt?: InputMaybe<Scalars['JSON']['input']>;
  lte?: InputMaybe<Scalars['JSON']['input']>;
  ne?: InputMaybe<Scalars['JSON']['input']>;
  path: Array<Scalars['String']['input']>;
};

export type ModelCall = {
  __typename?: 'ModelCall';
  id: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Turns a conversation into memories, as mem0 does (Chhikara et al., arXiv 2504.19413): one model call through the
   * router extracts facts, the most similar live memories of the same scope (namespace, userId, agentId, runId) are
   * found, and a second call decides per fact ADD, UPDATE, DELETE or NOOP with a reason; all decisions apply in one
   * transaction, each write's history entry with cause EXTRACTION, the reason and the model call. 1 to 100 messages of
   * 1 to 16,384 characters (BAD_USER_INPUT otherwise); a failed call or an answer that is not the JSON asked for is
   * UPSTREAM_FAILED and writes nothing.
   */
  addMemories: AddMemoriesResult;
  /**
   * Applies 1 to 100 stores and deletes, in order, in one transaction: all of them or none. An invalid operation
   * (BAD_USER_INPUT naming `operations[i]` or a field in it) writes nothing.
   */
  bulkMemory: BulkMemoryResult;
  /**
   * Deletes the caller's live memories passing `filter` (at least one condition; an empty filter is BAD_USER_INPUT),
   * at most 10,000 per call, each with a DELETED history entry, in one transaction; returns how many it deleted (call
   * again while it returns 10,000).
   */
  deleteMemories: Scalars['Int']['output'];
  /** Deletes a memory (its history stays); false when there was no live one to delete (also for an id that is not a UUID). */
  deleteMemory: Scalars['Boolean']['output'];
  /**
   * Stores `content` under (namespace, key): creates the item (version 1), or writes the next version of the live one,
   * replacing its content, metadata, sessionId, agentId and expiry. Limits in `StoreMemoryInput`; BAD_USER_INPUT names
   * the failing field (e.g. `input.content`) and nothing is written.
   */
  storeMemory: MemoryItem;
};


export type MutationAddMemoriesArgs = {
  input: AddMemoriesInput;
};


export type MutationBulkMemoryArgs = {
  operations: Array<MemoryOperationInput>;
};


export type MutationDeleteMemoriesArgs = {
  filter: MemoryFilter;
};


export type MutationDeleteMemoryArgs = {
  id: Scalars['ID']['input'];
};


export type MutationStoreMemoryArgs = {
  input: StoreMemoryInput;
};

export type Query = {
  __typename?: 'Query';
  /**
   * The caller's live memories passing `filter`, newest first (by `updatedAt`), at most `first` (default 50, max 200),
   * after the opaque cursor `after` of a previous page.
   */
  memories: MemoryConnection;
  /** A live (not deleted, not expired) memory of the caller's tenant, or null. */
  memory?: Maybe<MemoryItem>;
  /** The live memory stored under `key` in `namespace`, or null. */
  memoryByKey?: Maybe<MemoryItem>;
  /**
   * The history of memory `id`, newest first (at most `first`, default 50, max 500): every store, delete and expiry,
   * readable after the memory was deleted or expired. Empty for an unknown id (or one that is not a UUID).
   */
  memoryHistory: Array<MemoryHistoryEntry>;
  /**
   * Searches the caller's live memories for `query` (1 to 1,000 characters), best first, at most `limit` hits
   * (default 10, max 100), only those passing `filter` and with a score of at least `minScore`:
   * - LEXICAL: Postgres full-text search (`websearch_to_tsquery`, English) ranked by `ts_rank_cd`, plus trigram word
   *   similarity (pg_trgm) so that short or misspelt queries still match; score = ts_rank_cd + word similarity.
   * - SEMANTIC: cosine similarity of the query's embedding to each item's (needs an embedder: EMBEDDINGS_MODEL).
   * - HYBRID: both lists fused by Reciprocal Rank Fusion (Cormack, Clarke and Büttcher, SIGIR 2009), k = 60:
   *   score = Σ 1 / (60 + rank) over the lists an item is in.
   * `mode` defaults to HYBRID with an embedder, else LEXICAL; SEMANTIC or HYBRID without one is BAD_USER_INPUT.
   */
  searchMemory: MemorySearchResult;
};


export type QueryMemoriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MemoryFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMemoryArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMemoryByKeyArgs = {
  key: Scalars['String']['input'];
  namespace: Scalars['String']['input'];
};


export type QueryMemoryHistoryArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


export type QuerySearchMemoryArgs = {
  filter?: InputMaybe<MemoryFilter>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  minScore?: InputMaybe<Scalars['Float']['input']>;
  mode?: InputMaybe<MemorySearchMode>;
  query: Scalars['String']['input'];
};

export type Session = {
  __typename?: 'Session';
  id: Scalars['ID']['output'];
  /** Live memories attached to the session, newest first (at most `first`, default 50, max 200). */
  memories: Array<MemoryItem>;
};


export type SessionMemoriesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  namespace?: InputMaybe<Scalars['String']['input']>;
};

export type StoreMemoryInput = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
  /** At most 65,536 characters. */
  content: Scalars['String']['input'];
  /** 1–500 characters. */
  key: Scalars['String']['input'];
  /** Any JSON, at most 16 KiB (16,384 bytes) encoded. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** 1–200 characters. Strings here and in `key`, `content` and `metadata` must not contain U+0000. */
  namespace: Scalars['String']['input'];
  runId?: InputMaybe<Scalars['ID']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  source?: InputMaybe<MemorySourceInput>;
  /** At most 50, each 1–100 characters; duplicates are dropped. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Lifetime from now, in seconds (1 to 31,536,000); absent = forever. */
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** 1–200 characters. */
  userId?: InputMaybe<Scalars['String']['input']>;
};

/** `from` inclusive, `to` exclusive. */
export type TimeRange = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type TranscriptSegment = {
  __typename?: 'TranscriptSegment';
  id: Scalars['ID']['output'];
};

export type WorkflowRun = {
  __typename?: 'WorkflowRun';
  id: Scalars['ID']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Agent: Agent;
  MemoryItem: MemoryItem;
  Session: Session;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Agent:
    ( { __typename: 'Agent' }
    & GraphQLRecursivePick<FederationTypes['Agent'], {"id":true}> );
  MemoryItem:
    ( { __typename: 'MemoryItem' }
    & GraphQLRecursivePick<FederationTypes['MemoryItem'], {"id":true}> );
  Session:
    ( { __typename: 'Session' }
    & GraphQLRecursivePick<FederationTypes['Session'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AddMemoriesInput: AddMemoriesInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AddMemoriesResult: ResolverTypeWrapper<Omit<AddMemoriesResult, 'decisions'> & { decisions: Array<ResolversTypes['MemoryDecision']> }>;
  Agent: ResolverTypeWrapper<EntityReferenceRecord>;
  BulkMemoryResult: ResolverTypeWrapper<Omit<BulkMemoryResult, 'stored'> & { stored: Array<ResolversTypes['MemoryItem']> }>;
  CacheControlScope: CacheControlScope;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  MemoryChangeCause: MemoryChangeCause;
  MemoryConnection: ResolverTypeWrapper<Omit<MemoryConnection, 'edges'> & { edges: Array<ResolversTypes['MemoryEdge']> }>;
  MemoryDecision: ResolverTypeWrapper<MemoryDecisionRecord>;
  MemoryDecisionEvent: MemoryDecisionEvent;
  MemoryEdge: ResolverTypeWrapper<Omit<MemoryEdge, 'node'> & { node: ResolversTypes['MemoryItem'] }>;
  MemoryEmbeddingStatus: MemoryEmbeddingStatus;
  MemoryFilter: MemoryFilter;
  MemoryHistoryEntry: ResolverTypeWrapper<MemoryVersionRecord>;
  MemoryHistoryEvent: MemoryHistoryEvent;
  MemoryItem: ResolverTypeWrapper<MemoryItemRecord>;
  MemoryMessageInput: MemoryMessageInput;
  MemoryOperationInput: MemoryOperationInput;
  MemoryPageInfo: ResolverTypeWrapper<MemoryPageInfo>;
  MemorySearchHit: ResolverTypeWrapper<Omit<MemorySearchHit, 'item'> & { item: ResolversTypes['MemoryItem'] }>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  MemorySearchMode: MemorySearchMode;
  MemorySearchResult: ResolverTypeWrapper<Omit<MemorySearchResult, 'hits'> & { hits: Array<ResolversTypes['MemorySearchHit']> }>;
  MemorySource: ResolverTypeWrapper<Omit<MemorySource, 'modelCall' | 'run' | 'segment'> & { modelCall?: Maybe<ResolversTypes['ModelCall']>, run?: Maybe<ResolversTypes['WorkflowRun']>, segment?: Maybe<ResolversTypes['TranscriptSegment']> }>;
  MemorySourceInput: MemorySourceInput;
  MemoryTagsFilter: MemoryTagsFilter;
  MetadataCondition: MetadataCondition;
  ModelCall: ResolverTypeWrapper<EntityReferenceRecord>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Session: ResolverTypeWrapper<EntityReferenceRecord>;
  StoreMemoryInput: StoreMemoryInput;
  TimeRange: TimeRange;
  TranscriptSegment: ResolverTypeWrapper<EntityReferenceRecord>;
  WorkflowRun: ResolverTypeWrapper<EntityReferenceRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AddMemoriesInput: AddMemoriesInput;
  ID: Scalars['ID']['output'];
  AddMemoriesResult: Omit<AddMemoriesResult, 'decisions'> & { decisions: Array<ResolversParentTypes['MemoryDecision']> };
  Agent: EntityReferenceRecord;
  BulkMemoryResult: Omit<BulkMemoryResult, 'stored'> & { stored: Array<ResolversParentTypes['MemoryItem']> };
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  MemoryConnection: Omit<MemoryConnection, 'edges'> & { edges: Array<ResolversParentTypes['MemoryEdge']> };
  MemoryDecision: MemoryDecisionRecord;
  MemoryEdge: Omit<MemoryEdge, 'node'> & { node: ResolversParentTypes['MemoryItem'] };
  MemoryFilter: MemoryFilter;
  MemoryHistoryEntry: MemoryVersionRecord;
  MemoryItem: MemoryItemRecord;
  MemoryMessageInput: MemoryMessageInput;
  MemoryOperationInput: MemoryOperationInput;
  MemoryPageInfo: MemoryPageInfo;
  MemorySearchHit: Omit<MemorySearchHit, 'item'> & { item: ResolversParentTypes['MemoryItem'] };
  Float: Scalars['Float']['output'];
  MemorySearchResult: Omit<MemorySearchResult, 'hits'> & { hits: Array<ResolversParentTypes['MemorySearchHit']> };
  MemorySource: Omit<MemorySource, 'modelCall' | 'run' | 'segment'> & { modelCall?: Maybe<ResolversParentTypes['ModelCall']>, run?: Maybe<ResolversParentTypes['WorkflowRun']>, segment?: Maybe<ResolversParentTypes['TranscriptSegment']> };
  MemorySourceInput: MemorySourceInput;
  MemoryTagsFilter: MemoryTagsFilter;
  MetadataCondition: MetadataCondition;
  ModelCall: EntityReferenceRecord;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  Session: EntityReferenceRecord;
  StoreMemoryInput: StoreMemoryInput;
  TimeRange: TimeRange;
  TranscriptSegment: EntityReferenceRecord;
  WorkflowRun: EntityReferenceRecord;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
}>;

export type AuthenticatedDirectiveArgs = { };

export type AuthenticatedDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = AuthenticatedDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type RequiresScopesDirectiveArgs = {
  scopes: Array<Array<Scalars['String']['input']>>;
};

export type RequiresScopesDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = RequiresScopesDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AddMemoriesResultResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AddMemoriesResult'] = ResolversParentTypes['AddMemoriesResult']> = ResolversObject<{
  decisions?: Resolver<Array<ResolversTypes['MemoryDecision']>, ParentType, ContextType>;
  facts?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type AgentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Agent'] = ResolversParentTypes['Agent'], FederationReferenceType extends FederationReferenceTypes['Agent'] = FederationReferenceTypes['Agent']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agent']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memories?: Resolver<Array<ResolversTypes['MemoryItem']>, ParentType, ContextType, Partial<AgentMemoriesArgs>>;
}>;

export type BulkMemoryResultResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['BulkMemoryResult'] = ResolversParentTypes['BulkMemoryResult']> = ResolversObject<{
  deletedIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  stored?: Resolver<Array<ResolversTypes['MemoryItem']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MemoryConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemoryConnection'] = ResolversParentTypes['MemoryConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['MemoryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['MemoryPageInfo'], ParentType, ContextType>;
}>;

export type MemoryDecisionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemoryDecision'] = ResolversParentTypes['MemoryDecision']> = ResolversObject<{
  event?: Resolver<ResolversTypes['MemoryDecisionEvent'], ParentType, ContextType>;
  memory?: Resolver<Maybe<ResolversTypes['MemoryItem']>, ParentType, ContextType>;
  previousContent?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MemoryEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemoryEdge'] = ResolversParentTypes['MemoryEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['MemoryItem'], ParentType, ContextType>;
}>;

export type MemoryHistoryEntryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemoryHistoryEntry'] = ResolversParentTypes['MemoryHistoryEntry']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cause?: Resolver<ResolversTypes['MemoryChangeCause'], ParentType, ContextType>;
  changedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  event?: Resolver<ResolversTypes['MemoryHistoryEvent'], ParentType, ContextType>;
  key?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  modelCall?: Resolver<Maybe<ResolversTypes['ModelCall']>, ParentType, ContextType>;
  namespace?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MemoryItemResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemoryItem'] = ResolversParentTypes['MemoryItem'], FederationReferenceType extends FederationReferenceTypes['MemoryItem'] = FederationReferenceTypes['MemoryItem']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['MemoryItem']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agent?: Resolver<Maybe<ResolversTypes['Agent']>, ParentType, ContextType>;
  agentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  embeddingStatus?: Resolver<ResolversTypes['MemoryEmbeddingStatus'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['MemoryHistoryEntry']>, ParentType, ContextType, Partial<MemoryItemHistoryArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  namespace?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  run?: Resolver<Maybe<ResolversTypes['WorkflowRun']>, ParentType, ContextType>;
  runId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['Session']>, ParentType, ContextType>;
  sessionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['MemorySource']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  userId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MemoryPageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemoryPageInfo'] = ResolversParentTypes['MemoryPageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type MemorySearchHitResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemorySearchHit'] = ResolversParentTypes['MemorySearchHit']> = ResolversObject<{
  item?: Resolver<ResolversTypes['MemoryItem'], ParentType, ContextType>;
  lexicalRank?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lexicalScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  semanticRank?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  semanticSimilarity?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type MemorySearchResultResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemorySearchResult'] = ResolversParentTypes['MemorySearchResult']> = ResolversObject<{
  hits?: Resolver<Array<ResolversTypes['MemorySearchHit']>, ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['MemorySearchMode'], ParentType, ContextType>;
  notEmbedded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MemorySourceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemorySource'] = ResolversParentTypes['MemorySource']> = ResolversObject<{
  modelCall?: Resolver<Maybe<ResolversTypes['ModelCall']>, ParentType, ContextType>;
  run?: Resolver<Maybe<ResolversTypes['WorkflowRun']>, ParentType, ContextType>;
  segment?: Resolver<Maybe<ResolversTypes['TranscriptSegment']>, ParentType, ContextType>;
  stepId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ModelCallResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelCall'] = ResolversParentTypes['ModelCall']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addMemories?: Resolver<ResolversTypes['AddMemoriesResult'], ParentType, ContextType, RequireFields<MutationAddMemoriesArgs, 'input'>>;
  bulkMemory?: Resolver<ResolversTypes['BulkMemoryResult'], ParentType, ContextType, RequireFields<MutationBulkMemoryArgs, 'operations'>>;
  deleteMemories?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<MutationDeleteMemoriesArgs, 'filter'>>;
  deleteMemory?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteMemoryArgs, 'id'>>;
  storeMemory?: Resolver<ResolversTypes['MemoryItem'], ParentType, ContextType, RequireFields<MutationStoreMemoryArgs, 'input'>>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  memories?: Resolver<ResolversTypes['MemoryConnection'], ParentType, ContextType, Partial<QueryMemoriesArgs>>;
  memory?: Resolver<Maybe<ResolversTypes['MemoryItem']>, ParentType, ContextType, RequireFields<QueryMemoryArgs, 'id'>>;
  memoryByKey?: Resolver<Maybe<ResolversTypes['MemoryItem']>, ParentType, ContextType, RequireFields<QueryMemoryByKeyArgs, 'key' | 'namespace'>>;
  memoryHistory?: Resolver<Array<ResolversTypes['MemoryHistoryEntry']>, ParentType, ContextType, RequireFields<QueryMemoryHistoryArgs, 'id'>>;
  searchMemory?: Resolver<ResolversTypes['MemorySearchResult'], ParentType, ContextType, RequireFields<QuerySearchMemoryArgs, 'query'>>;
}>;

export type SessionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session'], FederationReferenceType extends FederationReferenceTypes['Session'] = FederationReferenceTypes['Session']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Session']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memories?: Resolver<Array<ResolversTypes['MemoryItem']>, ParentType, ContextType, Partial<SessionMemoriesArgs>>;
}>;

export type TranscriptSegmentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TranscriptSegment'] = ResolversParentTypes['TranscriptSegment']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type WorkflowRunResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WorkflowRun'] = ResolversParentTypes['WorkflowRun']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  AddMemoriesResult?: AddMemoriesResultResolvers<ContextType>;
  Agent?: AgentResolvers<ContextType>;
  BulkMemoryResult?: BulkMemoryResultResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  MemoryConnection?: MemoryConnectionResolvers<ContextType>;
  MemoryDecision?: MemoryDecisionResolvers<ContextType>;
  MemoryEdge?: MemoryEdgeResolvers<ContextType>;
  MemoryHistoryEntry?: MemoryHistoryEntryResolvers<ContextType>;
  MemoryItem?: MemoryItemResolvers<ContextType>;
  MemoryPageInfo?: MemoryPageInfoResolvers<ContextType>;
  MemorySearchHit?: MemorySearchHitResolvers<ContextType>;
  MemorySearchResult?: MemorySearchResultResolvers<ContextType>;
  MemorySource?: MemorySourceResolvers<ContextType>;
  ModelCall?: ModelCallResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  TranscriptSegment?: TranscriptSegmentResolvers<ContextType>;
  WorkflowRun?: WorkflowRunResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  requiresScopes?: RequiresScopesDirectiveResolver<any, any, ContextType>;
}>;
