/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { MemoryItem as MemoryItemRecord } from '../entities/memory-item.ts';
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

/** Every set field must match; `sessionId` / `agentId` that are not UUIDs match nothing. */
export type MemoryFilter = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
  namespace?: InputMaybe<Scalars['String']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
};

/** A piece of agent or session memory. `content` is at most 65,536 characters. */
export type MemoryItem = {
  __typename?: 'MemoryItem';
  agent?: Maybe<Agent>;
  agentId?: Maybe<Scalars['ID']['output']>;
  content: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** When the item stops being returned (set by `ttlSeconds`). */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  key: Scalars['String']['output'];
  metadata?: Maybe<Scalars['JSON']['output']>;
  namespace: Scalars['String']['output'];
  session?: Maybe<Session>;
  sessionId?: Maybe<Scalars['ID']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** 1 for a new item, +1 for each store under the same key. */
  version: Scalars['Int']['output'];
};

/** Exactly one of `store` and `deleteId` (a UUID); a delete of an id with no live item is not an error. */
export type MemoryOperationInput = {
  deleteId?: InputMaybe<Scalars['ID']['input']>;
  store?: InputMaybe<StoreMemoryInput>;
};

export type MemorySearchHit = {
  __typename?: 'MemorySearchHit';
  item: MemoryItem;
  /** Relevance (`ts_rank_cd`), higher is better. */
  score: Scalars['Float']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Applies 1 to 100 stores and deletes, in order, in one transaction: all of them or none. An invalid operation
   * (BAD_USER_INPUT naming `operations[i]` or a field in it) writes nothing.
   */
  bulkMemory: BulkMemoryResult;
  /** Deletes a memory and its versions; false when there was no live one to delete (also for an id that is not a UUID). */
  deleteMemory: Scalars['Boolean']['output'];
  /**
   * Stores `content` under (namespace, key): creates the item (version 1), or writes the next version of the live one,
   * replacing its content, metadata, sessionId, agentId and expiry. Limits in `StoreMemoryInput`; BAD_USER_INPUT names
   * the failing field (e.g. `input.content`) and nothing is written.
   */
  storeMemory: MemoryItem;
};


export type MutationBulkMemoryArgs = {
  operations: Array<MemoryOperationInput>;
};


export type MutationDeleteMemoryArgs = {
  id: Scalars['ID']['input'];
};


export type MutationStoreMemoryArgs = {
  input: StoreMemoryInput;
};

export type Query = {
  __typename?: 'Query';
  /** A live (not deleted, not expired) memory of the caller's tenant, or null. */
  memory?: Maybe<MemoryItem>;
  /** The live memory stored under `key` in `namespace`, or null. */
  memoryByKey?: Maybe<MemoryItem>;
  /**
   * Full-text search (Postgres `websearch_to_tsquery`, English) over live content; best first (`ts_rank_cd`).
   * `query` is 1 to 1,000 characters; `limit` defaults to 10, at most 100 (else BAD_USER_INPUT).
   */
  searchMemory: Array<MemorySearchHit>;
};


export type QueryMemoryArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMemoryByKeyArgs = {
  key: Scalars['String']['input'];
  namespace: Scalars['String']['input'];
};


export type QuerySearchMemoryArgs = {
  filter?: InputMaybe<MemoryFilter>;
  limit?: InputMaybe<Scalars['Int']['input']>;
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
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  /** Lifetime from now, in seconds (1 to 31,536,000); absent = forever. */
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
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
  Agent: ResolverTypeWrapper<EntityReferenceRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  BulkMemoryResult: ResolverTypeWrapper<Omit<BulkMemoryResult, 'stored'> & { stored: Array<ResolversTypes['MemoryItem']> }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  MemoryFilter: MemoryFilter;
  MemoryItem: ResolverTypeWrapper<MemoryItemRecord>;
  MemoryOperationInput: MemoryOperationInput;
  MemorySearchHit: ResolverTypeWrapper<Omit<MemorySearchHit, 'item'> & { item: ResolversTypes['MemoryItem'] }>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Session: ResolverTypeWrapper<EntityReferenceRecord>;
  StoreMemoryInput: StoreMemoryInput;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Agent: EntityReferenceRecord;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  BulkMemoryResult: Omit<BulkMemoryResult, 'stored'> & { stored: Array<ResolversParentTypes['MemoryItem']> };
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  MemoryFilter: MemoryFilter;
  MemoryItem: MemoryItemRecord;
  MemoryOperationInput: MemoryOperationInput;
  MemorySearchHit: Omit<MemorySearchHit, 'item'> & { item: ResolversParentTypes['MemoryItem'] };
  Float: Scalars['Float']['output'];
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  Session: EntityReferenceRecord;
  StoreMemoryInput: StoreMemoryInput;
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

export type MemoryItemResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemoryItem'] = ResolversParentTypes['MemoryItem'], FederationReferenceType extends FederationReferenceTypes['MemoryItem'] = FederationReferenceTypes['MemoryItem']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['MemoryItem']> | FederationReferenceType, FederationReferenceType, ContextType>;
  agent?: Resolver<Maybe<ResolversTypes['Agent']>, ParentType, ContextType>;
  agentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  namespace?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['Session']>, ParentType, ContextType>;
  sessionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MemorySearchHitResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MemorySearchHit'] = ResolversParentTypes['MemorySearchHit']> = ResolversObject<{
  item?: Resolver<ResolversTypes['MemoryItem'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  bulkMemory?: Resolver<ResolversTypes['BulkMemoryResult'], ParentType, ContextType, RequireFields<MutationBulkMemoryArgs, 'operations'>>;
  deleteMemory?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteMemoryArgs, 'id'>>;
  storeMemory?: Resolver<ResolversTypes['MemoryItem'], ParentType, ContextType, RequireFields<MutationStoreMemoryArgs, 'input'>>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  memory?: Resolver<Maybe<ResolversTypes['MemoryItem']>, ParentType, ContextType, RequireFields<QueryMemoryArgs, 'id'>>;
  memoryByKey?: Resolver<Maybe<ResolversTypes['MemoryItem']>, ParentType, ContextType, RequireFields<QueryMemoryByKeyArgs, 'key' | 'namespace'>>;
  searchMemory?: Resolver<Array<ResolversTypes['MemorySearchHit']>, ParentType, ContextType, RequireFields<QuerySearchMemoryArgs, 'query'>>;
}>;

export type SessionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session'], FederationReferenceType extends FederationReferenceTypes['Session'] = FederationReferenceTypes['Session']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Session']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memories?: Resolver<Array<ResolversTypes['MemoryItem']>, ParentType, ContextType, Partial<SessionMemoriesArgs>>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  Agent?: AgentResolvers<ContextType>;
  BulkMemoryResult?: BulkMemoryResultResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  MemoryItem?: MemoryItemResolvers<ContextType>;
  MemorySearchHit?: MemorySearchHitResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
}>;

