/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ModelProfile as ModelProfileRecord } from '../entities/model-profile.ts';
import type { RoutingDecision as RoutingDecisionRecord } from '../entities/routing-decision.ts';
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

/** An LLM the router can choose, with its price, speed and quality. */
export type ModelProfile = {
  __typename?: 'ModelProfile';
  contextWindowTokens: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  enabled: Scalars['Boolean']['output'];
  /** Base URL of the provider's OpenAI-compatible API (e.g. https://api.openai.com/v1); null for `echo`. */
  endpoint?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  inputCostPer1kTokensUsd: Scalars['Float']['output'];
  /** Expected latency of one call, in ms: the configured value, then an exponentially weighted average of outcomes. */
  latencyMs: Scalars['Float']['output'];
  /** Model name sent to the provider, unique per tenant (e.g. `gpt-4o-mini`). */
  name: Scalars['String']['output'];
  outcomeCount: Scalars['Int']['output'];
  outputCostPer1kTokensUsd: Scalars['Float']['output'];
  /** Provider name (e.g. `openai`); `echo` answers locally without a network call (for demos and tests). */
  provider: Scalars['String']['output'];
  /** Quality in [0, 1]. */
  quality: Scalars['Float']['output'];
  /** Share of successful recorded outcomes (exponentially weighted), in [0, 1]; 1 before any outcome. */
  successRate: Scalars['Float']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type ModelProfileInput = {
  /** > 0. */
  contextWindowTokens: Scalars['Int']['input'];
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** An http(s) URL of at most 2048 characters; required unless the provider is `echo` (stored as null for `echo`). */
  endpoint?: InputMaybe<Scalars['String']['input']>;
  /** ≥ 0. */
  inputCostPer1kTokensUsd: Scalars['Float']['input'];
  /** > 0. */
  latencyMs: Scalars['Float']['input'];
  /** 1 to 200 characters, no whitespace. */
  name: Scalars['String']['input'];
  /** ≥ 0. */
  outputCostPer1kTokensUsd: Scalars['Float']['input'];
  /** Lower-case letters, digits, `_` and `-`, starting with a letter; at most 64 characters. */
  provider: Scalars['String']['input'];
  /** In [0, 1]. */
  quality: Scalars['Float']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Records how the chosen model did (once per decision; CONFLICT the second time). Sets the outcome's `costUsd` from
   * the tokens and the model's prices, and moves the model's `latencyMs` and `successRate` by one exponentially
   * weighted step (α = 0.2).
   */
  recordRoutingOutcome: RoutingDecision;
  /**
   * Chooses one of the tenant's enabled models and records the decision. Rule: estimated cost =
   * inputTokens/1000 · input price + outputTokens/1000 · output price; models failing a constraint (`models`, context
   * window < input + output tokens, `maxCostUsd`, `maxLatencyMs`, `minQuality`) are excluded with a reason; cost and
   * latency are min–max normalised over the rest (cheapest/fastest 1, dearest/slowest 0, all equal 1); quality score =
   * quality · successRate; score = weighted sum with weights normalised to 1. Highest score wins; ties go to the lower
   * estimated cost, then the name. BAD_USER_INPUT (with `excluded` reasons) when no model is left.
   */
  route: RoutingDecision;
  /**
   * Creates or updates (by name) a model profile. An update resets `latencyMs` to the given value and keeps
   * `successRate` and `outcomeCount`.
   */
  upsertModel: ModelProfile;
};


export type MutationRecordRoutingOutcomeArgs = {
  decisionId: Scalars['ID']['input'];
  outcome: RoutingOutcomeInput;
};


export type MutationRouteArgs = {
  input: RouteInput;
};


export type MutationUpsertModelArgs = {
  input: ModelProfileInput;
};

export type Query = {
  __typename?: 'Query';
  /** The tenant's model profiles, by name. */
  models: Array<ModelProfile>;
  routingDecision?: Maybe<RoutingDecision>;
};


export type QueryRoutingDecisionArgs = {
  id: Scalars['ID']['input'];
};

export type RouteInput = {
  /** 0 to 10,000,000. */
  estimatedInputTokens?: InputMaybe<Scalars['Int']['input']>;
  /** Expected output, in tokens: 0 to 10,000,000. Default 256. */
  estimatedOutputTokens?: InputMaybe<Scalars['Int']['input']>;
  /** Exclude models whose estimated cost exceeds this, in USD. */
  maxCostUsd?: InputMaybe<Scalars['Float']['input']>;
  /** Exclude models slower than this, in ms. */
  maxLatencyMs?: InputMaybe<Scalars['Float']['input']>;
  /** Exclude models below this quality. */
  minQuality?: InputMaybe<Scalars['Float']['input']>;
  /** Only consider these model names (1 to 100). */
  models?: InputMaybe<Array<Scalars['String']['input']>>;
  /**
   * The prompt (at most 1,000,000 characters); its length estimates input tokens when `estimatedInputTokens` is absent
   * (4 characters per token, rounded up).
   */
  prompt?: InputMaybe<Scalars['String']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  weights?: InputMaybe<RoutingWeightsInput>;
};

export type RoutingCandidate = {
  __typename?: 'RoutingCandidate';
  /** 1 for the cheapest remaining candidate, 0 for the dearest (min–max); 0 when excluded. */
  costScore: Scalars['Float']['output'];
  estimatedCostUsd: Scalars['Float']['output'];
  /** Why the model could not be chosen (over budget, context too small, ...), or null. */
  excludedReason?: Maybe<Scalars['String']['output']>;
  /** 1 for the fastest remaining candidate, 0 for the slowest (min–max); 0 when excluded. */
  latencyScore: Scalars['Float']['output'];
  model: ModelProfile;
  /** quality · successRate. */
  qualityScore: Scalars['Float']['output'];
  /** Weighted score in [0, 1]; null when the model was excluded. */
  score?: Maybe<Scalars['Float']['output']>;
};

/** Why a model was chosen: every candidate with its score, the weights, and (later) the outcome. */
export type RoutingDecision = {
  __typename?: 'RoutingDecision';
  candidates: Array<RoutingCandidate>;
  createdAt: Scalars['DateTime']['output'];
  estimatedCostUsd: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  model: ModelProfile;
  outcome?: Maybe<RoutingOutcome>;
  reason: Scalars['String']['output'];
  score: Scalars['Float']['output'];
  session?: Maybe<Session>;
  sessionId?: Maybe<Scalars['ID']['output']>;
  weights: RoutingWeights;
};

export type RoutingOutcome = {
  __typename?: 'RoutingOutcome';
  /** Actual cost, from the tokens and the model's prices. */
  costUsd: Scalars['Float']['output'];
  error?: Maybe<Scalars['String']['output']>;
  inputTokens?: Maybe<Scalars['Int']['output']>;
  latencyMs?: Maybe<Scalars['Float']['output']>;
  outputTokens?: Maybe<Scalars['Int']['output']>;
  recordedAt: Scalars['DateTime']['output'];
  success: Scalars['Boolean']['output'];
};

export type RoutingOutcomeInput = {
  /** At most 2000 characters. */
  error?: InputMaybe<Scalars['String']['input']>;
  /** 0 to 10,000,000; absent counts as 0 in `costUsd`. */
  inputTokens?: InputMaybe<Scalars['Int']['input']>;
  /** Observed latency, in ms; ≥ 0. When absent the model's latency is left as is. */
  latencyMs?: InputMaybe<Scalars['Float']['input']>;
  /** 0 to 10,000,000; absent counts as 0 in `costUsd`. */
  outputTokens?: InputMaybe<Scalars['Int']['input']>;
  success: Scalars['Boolean']['input'];
};

export type RoutingWeights = {
  __typename?: 'RoutingWeights';
  cost: Scalars['Float']['output'];
  latency: Scalars['Float']['output'];
  quality: Scalars['Float']['output'];
};

/** Weights of the scoring rule; each ≥ 0, not all 0; normalised to sum to 1. Default 1/3 each. */
export type RoutingWeightsInput = {
  cost: Scalars['Float']['input'];
  latency: Scalars['Float']['input'];
  quality: Scalars['Float']['input'];
};

export type Session = {
  __typename?: 'Session';
  /** Sum of the recorded outcomes' costs, in USD. */
  costUsd: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  /** Routing decisions made for the session, newest first. */
  routingDecisions: Array<RoutingDecision>;
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
  ModelProfile: ModelProfile;
  RoutingDecision: RoutingDecision;
  Session: Session;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  ModelProfile:
    ( { __typename: 'ModelProfile' }
    & GraphQLRecursivePick<FederationTypes['ModelProfile'], {"id":true}> );
  RoutingDecision:
    ( { __typename: 'RoutingDecision' }
    & GraphQLRecursivePick<FederationTypes['RoutingDecision'], {"id":true}> );
  Session:
    ( { __typename: 'Session' }
    & GraphQLRecursivePick<FederationTypes['Session'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  ModelProfile: ResolverTypeWrapper<ModelProfileRecord>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ModelProfileInput: ModelProfileInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RouteInput: RouteInput;
  RoutingCandidate: ResolverTypeWrapper<Omit<RoutingCandidate, 'model'> & { model: ResolversTypes['ModelProfile'] }>;
  RoutingDecision: ResolverTypeWrapper<RoutingDecisionRecord>;
  RoutingOutcome: ResolverTypeWrapper<RoutingOutcome>;
  RoutingOutcomeInput: RoutingOutcomeInput;
  RoutingWeights: ResolverTypeWrapper<RoutingWeights>;
  RoutingWeightsInput: RoutingWeightsInput;
  Session: ResolverTypeWrapper<EntityReferenceRecord>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  ModelProfile: ModelProfileRecord;
  Int: Scalars['Int']['output'];
  Boolean: Scalars['Boolean']['output'];
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Float: Scalars['Float']['output'];
  ModelProfileInput: ModelProfileInput;
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  RouteInput: RouteInput;
  RoutingCandidate: Omit<RoutingCandidate, 'model'> & { model: ResolversParentTypes['ModelProfile'] };
  RoutingDecision: RoutingDecisionRecord;
  RoutingOutcome: RoutingOutcome;
  RoutingOutcomeInput: RoutingOutcomeInput;
  RoutingWeights: RoutingWeights;
  RoutingWeightsInput: RoutingWeightsInput;
  Session: EntityReferenceRecord;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type ModelProfileResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelProfile'] = ResolversParentTypes['ModelProfile'], FederationReferenceType extends FederationReferenceTypes['ModelProfile'] = FederationReferenceTypes['ModelProfile']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ModelProfile']> | FederationReferenceType, FederationReferenceType, ContextType>;
  contextWindowTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  endpoint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inputCostPer1kTokensUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcomeCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outputCostPer1kTokensUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quality?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  successRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  recordRoutingOutcome?: Resolver<ResolversTypes['RoutingDecision'], ParentType, ContextType, RequireFields<MutationRecordRoutingOutcomeArgs, 'decisionId' | 'outcome'>>;
  route?: Resolver<ResolversTypes['RoutingDecision'], ParentType, ContextType, RequireFields<MutationRouteArgs, 'input'>>;
  upsertModel?: Resolver<ResolversTypes['ModelProfile'], ParentType, ContextType, RequireFields<MutationUpsertModelArgs, 'input'>>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  models?: Resolver<Array<ResolversTypes['ModelProfile']>, ParentType, ContextType>;
  routingDecision?: Resolver<Maybe<ResolversTypes['RoutingDecision']>, ParentType, ContextType, RequireFields<QueryRoutingDecisionArgs, 'id'>>;
}>;

export type RoutingCandidateResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RoutingCandidate'] = ResolversParentTypes['RoutingCandidate']> = ResolversObject<{
  costScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  estimatedCostUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  excludedReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latencyScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['ModelProfile'], ParentType, ContextType>;
  qualityScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type RoutingDecisionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RoutingDecision'] = ResolversParentTypes['RoutingDecision'], FederationReferenceType extends FederationReferenceTypes['RoutingDecision'] = FederationReferenceTypes['RoutingDecision']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['RoutingDecision']> | FederationReferenceType, FederationReferenceType, ContextType>;
  candidates?: Resolver<Array<ResolversTypes['RoutingCandidate']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  estimatedCostUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['ModelProfile'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['RoutingOutcome']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['Session']>, ParentType, ContextType>;
  sessionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  weights?: Resolver<ResolversTypes['RoutingWeights'], ParentType, ContextType>;
}>;

export type RoutingOutcomeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RoutingOutcome'] = ResolversParentTypes['RoutingOutcome']> = ResolversObject<{
  costUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  inputTokens?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  latencyMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  outputTokens?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  success?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type RoutingWeightsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RoutingWeights'] = ResolversParentTypes['RoutingWeights']> = ResolversObject<{
  cost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  latency?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  quality?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type SessionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session'], FederationReferenceType extends FederationReferenceTypes['Session'] = FederationReferenceTypes['Session']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Session']> | FederationReferenceType, FederationReferenceType, ContextType>;
  costUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  routingDecisions?: Resolver<Array<ResolversTypes['RoutingDecision']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  ModelProfile?: ModelProfileResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RoutingCandidate?: RoutingCandidateResolvers<ContextType>;
  RoutingDecision?: RoutingDecisionResolvers<ContextType>;
  RoutingOutcome?: RoutingOutcomeResolvers<ContextType>;
  RoutingWeights?: RoutingWeightsResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
}>;

