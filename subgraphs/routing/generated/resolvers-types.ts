/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ModelProfile as ModelProfileRecord } from '../entities/model-profile.ts';
import type { RoutingDecision as RoutingDecisionRecord } from '../entities/routing-decision.ts';
import type { ModelCall as ModelCallRecord } from '../entities/model-call.ts';
import type { ProviderDescription as ProviderDescriptionRecord } from '../services/provider-catalog.ts';
import type { ModelGroupDescription as ModelGroupDescriptionRecord } from '../services/model-groups.ts';
import type { RouterSettings as RouterSettingsRecord } from '../entities/router-settings.ts';
import type { ChatCompletionResult as ChatCompletionResultRecord } from '../services/chat-completion.ts';
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

/**
 * Who may share a cached response: `PUBLIC`, every request of the same tenant and scopes; `PRIVATE`, only the same
 * subject's. (Responses are never shared across tenants.)
 */
export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/** The answer of a chat completion, with what it took. */
export type ChatCompletion = {
  __typename?: 'ChatCompletion';
  /** Every attempt, in order (the last one answered). */
  attempts: Array<ModelCall>;
  content?: Maybe<Scalars['String']['output']>;
  /** Cost of every attempt, in USD. */
  costUsd: Scalars['Float']['output'];
  decision: RoutingDecision;
  /** The deployment that answered. */
  deployment: ModelProfile;
  /** `stop`, `length`, `tool_calls` or `content_filter`, as the provider said. */
  finishReason?: Maybe<Scalars['String']['output']>;
  /** The completion request's id (shared by its attempts' `ModelCall.requestId`). */
  id: Scalars['ID']['output'];
  /** From the request to the answer, every attempt and wait included, in ms. */
  latencyMs: Scalars['Float']['output'];
  /** From the request to the first token of the answering attempt, in ms (null when not streamed). */
  timeToFirstTokenMs?: Maybe<Scalars['Float']['output']>;
  toolCalls: Array<ToolCall>;
  usage: TokenUsage;
};

export type ChatCompletionInput = {
  maxCostUsd?: InputMaybe<Scalars['Float']['input']>;
  maxLatencyMs?: InputMaybe<Scalars['Float']['input']>;
  /** 1 to 1,000,000; also the router's estimate of output tokens (default 256). */
  maxTokens?: InputMaybe<Scalars['Int']['input']>;
  /** The memory item the call serves (e.g. an extraction), if any. */
  memoryId?: InputMaybe<Scalars['ID']['input']>;
  /** 1 to 1,000 messages, at most 1,000,000 characters in all. */
  messages: Array<ChatMessageInput>;
  minQuality?: InputMaybe<Scalars['Float']['input']>;
  /** A model or model group name; absent: the router chooses under the constraints below. */
  model?: InputMaybe<Scalars['String']['input']>;
  /** Only route among these model or group names (1 to 100). */
  models?: InputMaybe<Array<Scalars['String']['input']>>;
  /** OpenAI's `response_format`: `{ "type": "json_object" }` or `{ "type": "json_schema", "json_schema": { ... } }`. */
  responseFormat?: InputMaybe<Scalars['JSON']['input']>;
  /** The workflow run and step the call serves (set by `llm` steps). */
  runId?: InputMaybe<Scalars['ID']['input']>;
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** The session the call serves (its cost shows on `Session.costUsd`). */
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  stepId?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 4 stop sequences. */
  stop?: InputMaybe<Array<Scalars['String']['input']>>;
  /** What the request is for (see `RouteInput.taskType`); the router learns per task type. */
  taskType?: InputMaybe<Scalars['String']['input']>;
  /** 0 to 2. */
  temperature?: InputMaybe<Scalars['Float']['input']>;
  /** Timeout of each attempt, in ms (1 to 600,000); default `LLM_TIMEOUT_MS`. */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
  /** `"none"`, `"auto"`, `"required"` or `{ "type": "function", "function": { "name": ... } }`, as OpenAI's `tool_choice`. */
  toolChoice?: InputMaybe<Scalars['JSON']['input']>;
  /** 1 to 128 tools. */
  tools?: InputMaybe<Array<ToolInput>>;
  weights?: InputMaybe<RoutingWeightsInput>;
};

export type ChatMessageInput = {
  /** Text of the message; may be absent for an assistant message with tool calls. */
  content?: InputMaybe<Scalars['String']['input']>;
  /** Optional participant name. */
  name?: InputMaybe<Scalars['String']['input']>;
  role: ChatRole;
  /** For `TOOL` messages: the id of the tool call answered. */
  toolCallId?: InputMaybe<Scalars['String']['input']>;
  /** For `ASSISTANT` messages: the tool calls it made. */
  toolCalls?: InputMaybe<Array<ToolCallInput>>;
};

/** The author of a chat message (OpenAI's roles). */
export type ChatRole =
  | 'ASSISTANT'
  | 'SYSTEM'
  | 'TOOL'
  | 'USER';

/** One attempt of a model call: which deployment, what it cost and took, how it ended. */
export type ModelCall = {
  __typename?: 'ModelCall';
  /** 1 for the first attempt of the request. */
  attempt: Scalars['Int']['output'];
  /** From the provider's usage and the deployment's prices at the time, in USD. */
  costUsd: Scalars['Float']['output'];
  createdAt: Scalars['DateTime']['output'];
  deployment: ModelProfile;
  /** What failed, without credentials. */
  error?: Maybe<Scalars['String']['output']>;
  errorClass?: Maybe<ModelCallErrorClass>;
  id: Scalars['ID']['output'];
  inputTokens: Scalars['Int']['output'];
  kind: ModelCallKind;
  latencyMs: Scalars['Float']['output'];
  memoryId?: Maybe<Scalars['ID']['output']>;
  /** The model name sent to the provider. */
  model: Scalars['String']['output'];
  outputTokens: Scalars['Int']['output'];
  provider: Scalars['String']['output'];
  /** The completion request it is an attempt of. */
  requestId: Scalars['ID']['output'];
  routingDecision?: Maybe<RoutingDecision>;
  runId?: Maybe<Scalars['ID']['output']>;
  sessionId?: Maybe<Scalars['ID']['output']>;
  status: ModelCallStatus;
  stepId?: Maybe<Scalars['String']['output']>;
  streamed: Scalars['Boolean']['output'];
  taskType?: Maybe<Scalars['String']['output']>;
  timeToFirstTokenMs?: Maybe<Scalars['Float']['output']>;
};

export type ModelCallConnection = {
  __typename?: 'ModelCallConnection';
  edges: Array<ModelCallEdge>;
  pageInfo: PageInfo;
};

export type ModelCallEdge = {
  __typename?: 'ModelCallEdge';
  cursor: Scalars['String']['output'];
  node: ModelCall;
};

/** The class of a failed model call, from the provider's answer. */
export type ModelCallErrorClass =
  /** Another 4xx. */
  | 'BAD_REQUEST'
  /** The caller went away (client disconnect, run cancelled). */
  | 'CANCELLED'
  | 'CONTENT_FILTERED'
  | 'CONTEXT_LENGTH_EXCEEDED'
  /** The egress policy refused the target before sending. */
  | 'EGRESS_DENIED'
  /** 401/403: the provider refused the key. */
  | 'PROVIDER_AUTH_FAILED'
  /** 5xx or a connection failure. */
  | 'PROVIDER_UNAVAILABLE'
  /** 429; `Retry-After` honoured. */
  | 'RATE_LIMITED'
  | 'TIMEOUT';

export type ModelCallFilter = {
  /** From this time on (inclusive). */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** A deployment (model) name. */
  model?: InputMaybe<Scalars['String']['input']>;
  runId?: InputMaybe<Scalars['ID']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<ModelCallStatus>;
  stepId?: InputMaybe<Scalars['String']['input']>;
  taskType?: InputMaybe<Scalars['String']['input']>;
  /** Before this time. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type ModelCallKind =
  | 'CHAT_COMPLETION'
  | 'EMBEDDING';

export type ModelCallStatus =
  | 'FAILED'
  | 'SUCCEEDED';

/** Where a failed call goes next: the model or group `model`, then each of `fallbacks` in order. */
export type ModelFallback = {
  __typename?: 'ModelFallback';
  fallbacks: Array<Scalars['String']['output']>;
  model: Scalars['String']['output'];
};

export type ModelFallbackInput = {
  /** 1 to 5 model or group names, tried in order (LiteLLM's `ROUTER_MAX_FALLBACKS` is 5). */
  fallbacks: Array<Scalars['String']['input']>;
  /** A model or group name, or `*` for any. */
  model: Scalars['String']['input'];
};

/** Several deployments of one model name (e.g. one model at two providers), picked by a strategy. */
export type ModelGroup = {
  __typename?: 'ModelGroup';
  /** The enabled and disabled models of the group, by name. */
  deployments: Array<ModelProfile>;
  name: Scalars['String']['output'];
  strategy: ModelGroupStrategy;
};

export type ModelGroupInput = {
  name: Scalars['String']['input'];
  strategy: ModelGroupStrategy;
};

/**
 * How a model group picks among its deployments that are not cooling down:
 * `LOWEST_COST` the cheapest estimated call; `LOWEST_LATENCY` the lowest expected latency; `WEIGHTED_SCORE` the
 * router's score (cost, latency, learnt quality, with the request's weights); `LEAST_BUSY` the fewest calls in flight
 * (across instances with Redis); `SHUFFLE` at random, weighted by requests per minute when set.
 */
export type ModelGroupStrategy =
  | 'LEAST_BUSY'
  | 'LOWEST_COST'
  | 'LOWEST_LATENCY'
  | 'SHUFFLE'
  | 'WEIGHTED_SCORE';

/** An LLM the router can choose, with its price, speed and quality. */
export type ModelProfile = {
  __typename?: 'ModelProfile';
  contextWindowTokens: Scalars['Int']['output'];
  /** While the deployment is in cooldown (it failed too often within a minute): when it ends. */
  cooldownUntil?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  enabled: Scalars['Boolean']['output'];
  /**
   * Base URL of the model's own OpenAI-compatible API (e.g. http://ollama.internal:11434/v1), reached without a key;
   * null for models on a registered provider (the provider's `baseUrl` is used) and for `echo`.
   */
  endpoint?: Maybe<Scalars['String']['output']>;
  /** The model group it is a deployment of (default: its name); `createChatCompletion(model:)` may name the group. */
  group: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  inputCostPer1kTokensUsd: Scalars['Float']['output'];
  /** Expected latency of one call, in ms: the configured value, then an exponentially weighted average of outcomes. */
  latencyMs: Scalars['Float']['output'];
  /** Model name sent to the provider, unique per tenant (e.g. `gpt-4o-mini`). */
  name: Scalars['String']['output'];
  outcomeCount: Scalars['Int']['output'];
  outputCostPer1kTokensUsd: Scalars['Float']['output'];
  /**
   * Provider name: an operator provider (`LLM_PROVIDERS`), one of the tenant's own (`upsertProvider`), `echo` (answers
   * locally without a network call, for demos and tests), or any other name for a keyless endpoint of the model's own.
   */
  provider: Scalars['String']['output'];
  /** The model name sent to the provider (default: its name), e.g. `gpt-4o-mini` for a model named `gpt-4o-mini@azure`. */
  providerModel: Scalars['String']['output'];
  /** Quality in [0, 1]. */
  quality: Scalars['Float']['output'];
  /** Requests per minute this deployment takes; null = no limit. */
  requestsPerMinute?: Maybe<Scalars['Int']['output']>;
  /** Share of successful recorded outcomes (exponentially weighted), in [0, 1]; 1 before any outcome. */
  successRate: Scalars['Float']['output'];
  /** Tokens (in + out, estimated before the call) per minute this deployment takes; null = no limit. */
  tokensPerMinute?: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type ModelProfileInput = {
  /** > 0. */
  contextWindowTokens: Scalars['Int']['input'];
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /**
   * An http(s) URL of at most 2048 characters, for a provider name that is not registered (a keyless endpoint of the
   * model's own, under the egress policy). Must be absent for `echo`, operator and tenant providers (their base URL is
   * used), or equal to that provider's `baseUrl`.
   */
  endpoint?: InputMaybe<Scalars['String']['input']>;
  /** Model group (1–200 characters, no whitespace); default the model's name. */
  group?: InputMaybe<Scalars['String']['input']>;
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
  /** Name sent to the provider (1–200 characters, no whitespace); default the model's name. */
  providerModel?: InputMaybe<Scalars['String']['input']>;
  /** In [0, 1]. */
  quality: Scalars['Float']['input'];
  /** > 0; absent = no limit. */
  requestsPerMinute?: InputMaybe<Scalars['Int']['input']>;
  /** > 0; absent = no limit. */
  tokensPerMinute?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Makes a chat completion: the deployment is `model` (a model or model group name) or the router's choice under the
   * constraints; failures are retried (retryable classes only, preferring another deployment of the group), then the
   * tenant's fallbacks are tried; every attempt is a `ModelCall`. Errors: BAD_USER_INPUT, BUDGET_EXCEEDED,
   * RATE_LIMITED (`extensions.retryAfterSeconds`), and the class of the last failure (`CONTEXT_LENGTH_EXCEEDED`,
   * `CONTENT_FILTERED`, `PROVIDER_AUTH_FAILED`, `PROVIDER_UNAVAILABLE`, `TIMEOUT`, `BAD_REQUEST`, `EGRESS_DENIED`) with
   * `extensions.attempts`.
   */
  createChatCompletion: ChatCompletion;
  /** Deletes the tenant's provider `name` and its key; false when it had none. CONFLICT while a model uses it. */
  deleteProvider: Scalars['Boolean']['output'];
  /**
   * Records how the chosen model did (once per decision; CONFLICT the second time). Sets the outcome's `costUsd` from
   * the tokens and the model's prices, moves the model's `latencyMs` and `successRate` by one exponentially weighted
   * step (α = 0.2), and adds the outcome's quality (`quality`, or 1 for success and 0 for failure) to what the router
   * learnt for (tenant, task type, model). A decision of a completion already has the router's own outcome
   * (`observed`, which teaches nothing of quality): then only a `quality` may be added, once.
   */
  recordRoutingOutcome: RoutingDecision;
  /**
   * Chooses one of the tenant's enabled models and records the decision. Rule: estimated cost =
   * inputTokens/1000 · input price + outputTokens/1000 · output price; models failing a constraint (`models`, matching a
   * model or group name; context window < input + output tokens; `maxCostUsd`; `maxLatencyMs`; `minQuality`, against
   * the quality estimate for the task type) are excluded with a reason; cost and latency are min–max normalised over
   * the rest (cheapest/fastest 1, dearest/slowest 0, all equal 1); quality score = a draw from the model's Beta
   * posterior of quality for (tenant, `taskType`, model) — prior mean the configured `quality` with the weight of 2
   * outcomes, each recorded outcome adding its quality (Thompson sampling); before any outcome of the task type it is
   * the configured `quality`, undrawn; score = weighted sum with weights normalised to 1. Highest score wins; ties go to
   * the lower estimated cost, then the name. When the remaining models are all deployments of one group whose strategy
   * is not `WEIGHTED_SCORE`, the strategy chooses instead. BAD_USER_INPUT (with `excluded` reasons) when no model is
   * left.
   */
  route: RoutingDecision;
  /** Updates the tenant's fallbacks, limits and budgets: a field left out is kept, a null clears it. */
  updateRouterSettings: RouterSettings;
  /**
   * Creates or updates (by name) a model profile. An update resets `latencyMs` to the given value and keeps
   * `successRate` and `outcomeCount`.
   */
  upsertModel: ModelProfile;
  /** Sets the strategy of model group `name` (the group exists while a model names it). */
  upsertModelGroup: ModelGroup;
  /**
   * Registers a provider of the tenant's own, or updates it by name (a new `apiKey` rotates the key). The key is
   * encrypted at rest (AES-256-GCM) and never returned: only `apiKeyHint`. BAD_USER_INPUT for an operator provider's
   * name, a bad URL or key.
   */
  upsertProvider: Provider;
};


export type MutationCreateChatCompletionArgs = {
  input: ChatCompletionInput;
};


export type MutationDeleteProviderArgs = {
  name: Scalars['String']['input'];
};


export type MutationRecordRoutingOutcomeArgs = {
  decisionId: Scalars['ID']['input'];
  outcome: RoutingOutcomeInput;
};


export type MutationRouteArgs = {
  input: RouteInput;
};


export type MutationUpdateRouterSettingsArgs = {
  input: RouterSettingsInput;
};


export type MutationUpsertModelArgs = {
  input: ModelProfileInput;
};


export type MutationUpsertModelGroupArgs = {
  input: ModelGroupInput;
};


export type MutationUpsertProviderArgs = {
  input: ProviderInput;
};

/** Relay-style page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/**
 * A model provider: an OpenAI-compatible API at `baseUrl` with a key that is sent to that base URL only. Keys are
 * write-only: never returned, logged, put in events, errors or traces.
 */
export type Provider = {
  __typename?: 'Provider';
  /** The key's last 4 characters (e.g. `…9f2c`) for the tenant's providers; null for the operator's or without a key. */
  apiKeyHint?: Maybe<Scalars['String']['output']>;
  baseUrl: Scalars['String']['output'];
  /** When the tenant's provider was registered or last changed; null for the operator's. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  hasApiKey: Scalars['Boolean']['output'];
  /** `operator:<name>` for the operator's, a UUID for the tenant's. */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  owner: ProviderOwner;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type ProviderInput = {
  /** Write-only, 1–4096 characters. Absent on update: the current key is kept; an empty string removes it. */
  apiKey?: InputMaybe<Scalars['String']['input']>;
  /** http(s) base URL of its OpenAI-compatible API (at most 2048 characters), checked by the egress policy when called. */
  baseUrl: Scalars['String']['input'];
  /** Lower-case letters, digits, `_` and `-`, starting with a letter; at most 64; not an operator provider's or `echo`. */
  name: Scalars['String']['input'];
};

/** Who registered a provider. */
export type ProviderOwner =
  /** The operator, in `LLM_PROVIDERS`. */
  | 'OPERATOR'
  /** The tenant, with `upsertProvider`. */
  | 'TENANT';

export type Query = {
  __typename?: 'Query';
  /** One model call (one attempt of a completion), or null. */
  modelCall?: Maybe<ModelCall>;
  /** The tenant's model calls, newest first, filtered; `first` 1–100 (default 20), `after` a cursor of this list. */
  modelCalls: ModelCallConnection;
  /** The tenant's model groups: every group name its models use, with its strategy (`WEIGHTED_SCORE` unless set). */
  modelGroups: Array<ModelGroup>;
  /** The tenant's model profiles (deployments), by name. */
  models: Array<ModelProfile>;
  /** The providers the tenant may use: the operator's (`LLM_PROVIDERS`) that allow it, then its own, each by name. */
  providers: Array<Provider>;
  /** The tenant's fallbacks, limits and budgets, with what it spent today and this month (UTC). */
  routerSettings: RouterSettings;
  routingDecision?: Maybe<RoutingDecision>;
  /** Spend of the tenant's model calls rolled up by model, UTC day or task type, largest cost first (at most 1,000 rows). */
  spend: Array<SpendRow>;
};


export type QueryModelCallArgs = {
  id: Scalars['ID']['input'];
};


export type QueryModelCallsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ModelCallFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRoutingDecisionArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySpendArgs = {
  filter?: InputMaybe<ModelCallFilter>;
  groupBy: SpendGrouping;
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
  /** Only consider these model or model group names (1 to 100). */
  models?: InputMaybe<Array<Scalars['String']['input']>>;
  /**
   * The prompt (at most 1,000,000 characters); its length estimates input tokens when `estimatedInputTokens` is absent
   * (4 characters per token, rounded up).
   */
  prompt?: InputMaybe<Scalars['String']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  /** What the request is for (e.g. `summarise`, `classify`; 1–64 characters of letters, digits, `_`, `-`, `.`): the router learns per task type. */
  taskType?: InputMaybe<Scalars['String']['input']>;
  weights?: InputMaybe<RoutingWeightsInput>;
};

/** The tenant's router settings. */
export type RouterSettings = {
  __typename?: 'RouterSettings';
  /** Tried when a call failed with CONTENT_FILTERED. */
  contentPolicyFallbacks: Array<ModelFallback>;
  /** Tried when a call failed with CONTEXT_LENGTH_EXCEEDED: models with larger windows. */
  contextWindowFallbacks: Array<ModelFallback>;
  /** USD per UTC day; null = no budget. */
  dailyBudgetUsd?: Maybe<Scalars['Float']['output']>;
  /** Tried after a call failed for good with any retryable class (rate limit, unavailable, timeout). */
  fallbacks: Array<ModelFallback>;
  /** USD per UTC month; null = no budget. */
  monthlyBudgetUsd?: Maybe<Scalars['Float']['output']>;
  /** Requests per minute of the tenant, across instances; null = no limit. */
  requestsPerMinute?: Maybe<Scalars['Int']['output']>;
  /** Cost of the tenant's model calls since the start of the UTC month, in USD. */
  spentThisMonthUsd: Scalars['Float']['output'];
  /** Cost of the tenant's model calls since the start of the UTC day, in USD. */
  spentTodayUsd: Scalars['Float']['output'];
  /** Tokens per minute of the tenant (estimated before each call), across instances; null = no limit. */
  tokensPerMinute?: Maybe<Scalars['Int']['output']>;
};

export type RouterSettingsInput = {
  contentPolicyFallbacks?: InputMaybe<Array<ModelFallbackInput>>;
  contextWindowFallbacks?: InputMaybe<Array<ModelFallbackInput>>;
  /** ≥ 0. */
  dailyBudgetUsd?: InputMaybe<Scalars['Float']['input']>;
  fallbacks?: InputMaybe<Array<ModelFallbackInput>>;
  /** ≥ 0. */
  monthlyBudgetUsd?: InputMaybe<Scalars['Float']['input']>;
  /** > 0. */
  requestsPerMinute?: InputMaybe<Scalars['Int']['input']>;
  /** > 0. */
  tokensPerMinute?: InputMaybe<Scalars['Int']['input']>;
};

export type RoutingCandidate = {
  __typename?: 'RoutingCandidate';
  /** 1 for the cheapest remaining candidate, 0 for the dearest (min–max); 0 when excluded. */
  costScore: Scalars['Float']['output'];
  estimatedCostUsd: Scalars['Float']['output'];
  /** How many recorded outcomes of this tenant, task type and model the estimate rests on. */
  evidenceCount: Scalars['Int']['output'];
  /** Why the model could not be chosen (over budget, context too small, ...), or null. */
  excludedReason?: Maybe<Scalars['String']['output']>;
  /** 1 for the fastest remaining candidate, 0 for the slowest (min–max); 0 when excluded. */
  latencyScore: Scalars['Float']['output'];
  model: ModelProfile;
  /** Posterior mean of the model's quality for the task type: the configured quality, moved by recorded outcomes. */
  qualityEstimate: Scalars['Float']['output'];
  /**
   * The quality term used in the score: a draw from the model's Beta posterior of quality for the task type (Thompson
   * sampling); equals `qualityEstimate` when nothing was learnt yet and the prior is the configured `quality`.
   */
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
  /** Whether the chosen model differs from the one with the best expected score (Thompson sampling explored). */
  explored: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  model: ModelProfile;
  outcome?: Maybe<RoutingOutcome>;
  reason: Scalars['String']['output'];
  score: Scalars['Float']['output'];
  session?: Maybe<Session>;
  sessionId?: Maybe<Scalars['ID']['output']>;
  /** The task type the decision was made for (learning is per tenant, task type and model), if any. */
  taskType?: Maybe<Scalars['String']['output']>;
  weights: RoutingWeights;
};

export type RoutingOutcome = {
  __typename?: 'RoutingOutcome';
  /** Actual cost, from the tokens and the model's prices. */
  costUsd: Scalars['Float']['output'];
  error?: Maybe<Scalars['String']['output']>;
  inputTokens?: Maybe<Scalars['Int']['output']>;
  latencyMs?: Maybe<Scalars['Float']['output']>;
  /** True when the router recorded it itself, from a completion attempt it made; `quality` is then the caller's, if given. */
  observed: Scalars['Boolean']['output'];
  outputTokens?: Maybe<Scalars['Int']['output']>;
  /** The quality score given, in [0, 1]; null when only success was recorded (then it counted as 1 or 0). */
  quality?: Maybe<Scalars['Float']['output']>;
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
  /**
   * How good the answer was, in [0, 1] (an evaluator's score, user feedback); the router learns from it. Absent: success
   * counts as 1 and failure as 0.
   */
  quality?: InputMaybe<Scalars['Float']['input']>;
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
  /**
   * What the session's model calls cost, in USD: every ModelCall made for it, plus the recorded outcome costs of
   * `route` decisions for it (calls made outside Orchestra).
   */
  costUsd: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  /** The session's model calls, newest first (at most 1,000; use `modelCalls(filter: { sessionId })` to page). */
  modelCalls: Array<ModelCall>;
  /** Routing decisions made for the session, newest first. */
  routingDecisions: Array<RoutingDecision>;
};

export type SpendGrouping =
  /** By UTC day (`YYYY-MM-DD`). */
  | 'DAY'
  /** By deployment name. */
  | 'MODEL'
  /** By task type (`(none)` without one). */
  | 'TASK_TYPE';

export type SpendRow = {
  __typename?: 'SpendRow';
  calls: Scalars['Int']['output'];
  costUsd: Scalars['Float']['output'];
  failedCalls: Scalars['Int']['output'];
  inputTokens: Scalars['Int']['output'];
  key: Scalars['String']['output'];
  outputTokens: Scalars['Int']['output'];
};

export type TokenUsage = {
  __typename?: 'TokenUsage';
  inputTokens: Scalars['Int']['output'];
  outputTokens: Scalars['Int']['output'];
  totalTokens: Scalars['Int']['output'];
};

export type ToolCall = {
  __typename?: 'ToolCall';
  /** The arguments as a JSON string. */
  arguments: Scalars['String']['output'];
  id: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

export type ToolCallInput = {
  /** The arguments as a JSON string, as the model produced them. */
  arguments: Scalars['String']['input'];
  id: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

/** A function the model may call (OpenAI's `tools[].function`). */
export type ToolInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1–64 characters of letters, digits, `_` and `-`. */
  name: Scalars['String']['input'];
  /** JSON Schema of the arguments. */
  parameters?: InputMaybe<Scalars['JSON']['input']>;
};

export type WorkflowRun = {
  __typename?: 'WorkflowRun';
  /** What the run's model calls (its `llm` steps) cost, in USD. */
  costUsd: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  /** The run's model calls, oldest first (at most 1,000; use `modelCalls(filter: { runId })` to page). */
  modelCalls: Array<ModelCall>;
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
  ModelCall: ModelCall;
  ModelProfile: ModelProfile;
  Provider: Provider;
  RoutingDecision: RoutingDecision;
  Session: Session;
  WorkflowRun: WorkflowRun;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  ModelCall:
    ( { __typename: 'ModelCall' }
    & GraphQLRecursivePick<FederationTypes['ModelCall'], {"id":true}> );
  ModelProfile:
    ( { __typename: 'ModelProfile' }
    & GraphQLRecursivePick<FederationTypes['ModelProfile'], {"id":true}> );
  Provider:
    ( { __typename: 'Provider' }
    & GraphQLRecursivePick<FederationTypes['Provider'], {"id":true}> );
  RoutingDecision:
    ( { __typename: 'RoutingDecision' }
    & GraphQLRecursivePick<FederationTypes['RoutingDecision'], {"id":true}> );
  Session:
    ( { __typename: 'Session' }
    & GraphQLRecursivePick<FederationTypes['Session'], {"id":true}> );
  WorkflowRun:
    ( { __typename: 'WorkflowRun' }
    & GraphQLRecursivePick<FederationTypes['WorkflowRun'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CacheControlScope: CacheControlScope;
  ChatCompletion: ResolverTypeWrapper<ChatCompletionResultRecord>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ChatCompletionInput: ChatCompletionInput;
  ChatMessageInput: ChatMessageInput;
  ChatRole: ChatRole;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  ModelCall: ResolverTypeWrapper<ModelCallRecord>;
  ModelCallConnection: ResolverTypeWrapper<Omit<ModelCallConnection, 'edges'> & { edges: Array<ResolversTypes['ModelCallEdge']> }>;
  ModelCallEdge: ResolverTypeWrapper<Omit<ModelCallEdge, 'node'> & { node: ResolversTypes['ModelCall'] }>;
  ModelCallErrorClass: ModelCallErrorClass;
  ModelCallFilter: ModelCallFilter;
  ModelCallKind: ModelCallKind;
  ModelCallStatus: ModelCallStatus;
  ModelFallback: ResolverTypeWrapper<ModelFallback>;
  ModelFallbackInput: ModelFallbackInput;
  ModelGroup: ResolverTypeWrapper<ModelGroupDescriptionRecord>;
  ModelGroupInput: ModelGroupInput;
  ModelGroupStrategy: ModelGroupStrategy;
  ModelProfile: ResolverTypeWrapper<ModelProfileRecord>;
  ModelProfileInput: ModelProfileInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Provider: ResolverTypeWrapper<ProviderDescriptionRecord>;
  ProviderInput: ProviderInput;
  ProviderOwner: ProviderOwner;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RouteInput: RouteInput;
  RouterSettings: ResolverTypeWrapper<RouterSettingsRecord>;
  RouterSettingsInput: RouterSettingsInput;
  RoutingCandidate: ResolverTypeWrapper<Omit<RoutingCandidate, 'model'> & { model: ResolversTypes['ModelProfile'] }>;
  RoutingDecision: ResolverTypeWrapper<RoutingDecisionRecord>;
  RoutingOutcome: ResolverTypeWrapper<RoutingOutcome>;
  RoutingOutcomeInput: RoutingOutcomeInput;
  RoutingWeights: ResolverTypeWrapper<RoutingWeights>;
  RoutingWeightsInput: RoutingWeightsInput;
  Session: ResolverTypeWrapper<EntityReferenceRecord>;
  SpendGrouping: SpendGrouping;
  SpendRow: ResolverTypeWrapper<SpendRow>;
  TokenUsage: ResolverTypeWrapper<TokenUsage>;
  ToolCall: ResolverTypeWrapper<ToolCall>;
  ToolCallInput: ToolCallInput;
  ToolInput: ToolInput;
  WorkflowRun: ResolverTypeWrapper<EntityReferenceRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ChatCompletion: ChatCompletionResultRecord;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  ChatCompletionInput: ChatCompletionInput;
  ChatMessageInput: ChatMessageInput;
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  ModelCall: ModelCallRecord;
  ModelCallConnection: Omit<ModelCallConnection, 'edges'> & { edges: Array<ResolversParentTypes['ModelCallEdge']> };
  ModelCallEdge: Omit<ModelCallEdge, 'node'> & { node: ResolversParentTypes['ModelCall'] };
  ModelCallFilter: ModelCallFilter;
  ModelFallback: ModelFallback;
  ModelFallbackInput: ModelFallbackInput;
  ModelGroup: ModelGroupDescriptionRecord;
  ModelGroupInput: ModelGroupInput;
  ModelProfile: ModelProfileRecord;
  ModelProfileInput: ModelProfileInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Provider: ProviderDescriptionRecord;
  ProviderInput: ProviderInput;
  Query: Record<PropertyKey, never>;
  RouteInput: RouteInput;
  RouterSettings: RouterSettingsRecord;
  RouterSettingsInput: RouterSettingsInput;
  RoutingCandidate: Omit<RoutingCandidate, 'model'> & { model: ResolversParentTypes['ModelProfile'] };
  RoutingDecision: RoutingDecisionRecord;
  RoutingOutcome: RoutingOutcome;
  RoutingOutcomeInput: RoutingOutcomeInput;
  RoutingWeights: RoutingWeights;
  RoutingWeightsInput: RoutingWeightsInput;
  Session: EntityReferenceRecord;
  SpendRow: SpendRow;
  TokenUsage: TokenUsage;
  ToolCall: ToolCall;
  ToolCallInput: ToolCallInput;
  ToolInput: ToolInput;
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

export type ChatCompletionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ChatCompletion'] = ResolversParentTypes['ChatCompletion']> = ResolversObject<{
  attempts?: Resolver<Array<ResolversTypes['ModelCall']>, ParentType, ContextType>;
  content?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  costUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['RoutingDecision'], ParentType, ContextType>;
  deployment?: Resolver<ResolversTypes['ModelProfile'], ParentType, ContextType>;
  finishReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  timeToFirstTokenMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  toolCalls?: Resolver<Array<ResolversTypes['ToolCall']>, ParentType, ContextType>;
  usage?: Resolver<ResolversTypes['TokenUsage'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type ModelCallResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelCall'] = ResolversParentTypes['ModelCall'], FederationReferenceType extends FederationReferenceTypes['ModelCall'] = FederationReferenceTypes['ModelCall']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ModelCall']> | FederationReferenceType, FederationReferenceType, ContextType>;
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  costUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deployment?: Resolver<ResolversTypes['ModelProfile'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorClass?: Resolver<Maybe<ResolversTypes['ModelCallErrorClass']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ModelCallKind'], ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  memoryId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  routingDecision?: Resolver<Maybe<ResolversTypes['RoutingDecision']>, ParentType, ContextType>;
  runId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  sessionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ModelCallStatus'], ParentType, ContextType>;
  stepId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  streamed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  taskType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timeToFirstTokenMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type ModelCallConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelCallConnection'] = ResolversParentTypes['ModelCallConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ModelCallEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type ModelCallEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelCallEdge'] = ResolversParentTypes['ModelCallEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ModelCall'], ParentType, ContextType>;
}>;

export type ModelFallbackResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelFallback'] = ResolversParentTypes['ModelFallback']> = ResolversObject<{
  fallbacks?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ModelGroupResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelGroup'] = ResolversParentTypes['ModelGroup']> = ResolversObject<{
  deployments?: Resolver<Array<ResolversTypes['ModelProfile']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  strategy?: Resolver<ResolversTypes['ModelGroupStrategy'], ParentType, ContextType>;
}>;

export type ModelProfileResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ModelProfile'] = ResolversParentTypes['ModelProfile'], FederationReferenceType extends FederationReferenceTypes['ModelProfile'] = FederationReferenceTypes['ModelProfile']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ModelProfile']> | FederationReferenceType, FederationReferenceType, ContextType>;
  contextWindowTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cooldownUntil?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  endpoint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  group?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inputCostPer1kTokensUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcomeCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outputCostPer1kTokensUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  provider?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  providerModel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quality?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  requestsPerMinute?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  successRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tokensPerMinute?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  createChatCompletion?: Resolver<ResolversTypes['ChatCompletion'], ParentType, ContextType, RequireFields<MutationCreateChatCompletionArgs, 'input'>>;
  deleteProvider?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteProviderArgs, 'name'>>;
  recordRoutingOutcome?: Resolver<ResolversTypes['RoutingDecision'], ParentType, ContextType, RequireFields<MutationRecordRoutingOutcomeArgs, 'decisionId' | 'outcome'>>;
  route?: Resolver<ResolversTypes['RoutingDecision'], ParentType, ContextType, RequireFields<MutationRouteArgs, 'input'>>;
  updateRouterSettings?: Resolver<ResolversTypes['RouterSettings'], ParentType, ContextType, RequireFields<MutationUpdateRouterSettingsArgs, 'input'>>;
  upsertModel?: Resolver<ResolversTypes['ModelProfile'], ParentType, ContextType, RequireFields<MutationUpsertModelArgs, 'input'>>;
  upsertModelGroup?: Resolver<ResolversTypes['ModelGroup'], ParentType, ContextType, RequireFields<MutationUpsertModelGroupArgs, 'input'>>;
  upsertProvider?: Resolver<ResolversTypes['Provider'], ParentType, ContextType, RequireFields<MutationUpsertProviderArgs, 'input'>>;
}>;

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ProviderResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Provider'] = ResolversParentTypes['Provider'], FederationReferenceType extends FederationReferenceTypes['Provider'] = FederationReferenceTypes['Provider']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Provider']> | FederationReferenceType, FederationReferenceType, ContextType>;
  apiKeyHint?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  baseUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  hasApiKey?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['ProviderOwner'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  modelCall?: Resolver<Maybe<ResolversTypes['ModelCall']>, ParentType, ContextType, RequireFields<QueryModelCallArgs, 'id'>>;
  modelCalls?: Resolver<ResolversTypes['ModelCallConnection'], ParentType, ContextType, Partial<QueryModelCallsArgs>>;
  modelGroups?: Resolver<Array<ResolversTypes['ModelGroup']>, ParentType, ContextType>;
  models?: Resolver<Array<ResolversTypes['ModelProfile']>, ParentType, ContextType>;
  providers?: Resolver<Array<ResolversTypes['Provider']>, ParentType, ContextType>;
  routerSettings?: Resolver<ResolversTypes['RouterSettings'], ParentType, ContextType>;
  routingDecision?: Resolver<Maybe<ResolversTypes['RoutingDecision']>, ParentType, ContextType, RequireFields<QueryRoutingDecisionArgs, 'id'>>;
  spend?: Resolver<Array<ResolversTypes['SpendRow']>, ParentType, ContextType, RequireFields<QuerySpendArgs, 'groupBy'>>;
}>;

export type RouterSettingsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RouterSettings'] = ResolversParentTypes['RouterSettings']> = ResolversObject<{
  contentPolicyFallbacks?: Resolver<Array<ResolversTypes['ModelFallback']>, ParentType, ContextType>;
  contextWindowFallbacks?: Resolver<Array<ResolversTypes['ModelFallback']>, ParentType, ContextType>;
  dailyBudgetUsd?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  fallbacks?: Resolver<Array<ResolversTypes['ModelFallback']>, ParentType, ContextType>;
  monthlyBudgetUsd?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  requestsPerMinute?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  spentThisMonthUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  spentTodayUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tokensPerMinute?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type RoutingCandidateResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RoutingCandidate'] = ResolversParentTypes['RoutingCandidate']> = ResolversObject<{
  costScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  estimatedCostUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  evidenceCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  excludedReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latencyScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['ModelProfile'], ParentType, ContextType>;
  qualityEstimate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  qualityScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type RoutingDecisionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RoutingDecision'] = ResolversParentTypes['RoutingDecision'], FederationReferenceType extends FederationReferenceTypes['RoutingDecision'] = FederationReferenceTypes['RoutingDecision']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['RoutingDecision']> | FederationReferenceType, FederationReferenceType, ContextType>;
  candidates?: Resolver<Array<ResolversTypes['RoutingCandidate']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  estimatedCostUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  explored?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['ModelProfile'], ParentType, ContextType>;
  outcome?: Resolver<Maybe<ResolversTypes['RoutingOutcome']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['Session']>, ParentType, ContextType>;
  sessionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  taskType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  weights?: Resolver<ResolversTypes['RoutingWeights'], ParentType, ContextType>;
}>;

export type RoutingOutcomeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RoutingOutcome'] = ResolversParentTypes['RoutingOutcome']> = ResolversObject<{
  costUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  inputTokens?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  latencyMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  observed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  outputTokens?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  quality?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
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
  modelCalls?: Resolver<Array<ResolversTypes['ModelCall']>, ParentType, ContextType>;
  routingDecisions?: Resolver<Array<ResolversTypes['RoutingDecision']>, ParentType, ContextType>;
}>;

export type SpendRowResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SpendRow'] = ResolversParentTypes['SpendRow']> = ResolversObject<{
  calls?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  costUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  failedCalls?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  inputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TokenUsageResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TokenUsage'] = ResolversParentTypes['TokenUsage']> = ResolversObject<{
  inputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outputTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalTokens?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ToolCallResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ToolCall'] = ResolversParentTypes['ToolCall']> = ResolversObject<{
  arguments?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type WorkflowRunResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WorkflowRun'] = ResolversParentTypes['WorkflowRun'], FederationReferenceType extends FederationReferenceTypes['WorkflowRun'] = FederationReferenceTypes['WorkflowRun']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['WorkflowRun']> | FederationReferenceType, FederationReferenceType, ContextType>;
  costUsd?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modelCalls?: Resolver<Array<ResolversTypes['ModelCall']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  ChatCompletion?: ChatCompletionResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  ModelCall?: ModelCallResolvers<ContextType>;
  ModelCallConnection?: ModelCallConnectionResolvers<ContextType>;
  ModelCallEdge?: ModelCallEdgeResolvers<ContextType>;
  ModelFallback?: ModelFallbackResolvers<ContextType>;
  ModelGroup?: ModelGroupResolvers<ContextType>;
  ModelProfile?: ModelProfileResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Provider?: ProviderResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RouterSettings?: RouterSettingsResolvers<ContextType>;
  RoutingCandidate?: RoutingCandidateResolvers<ContextType>;
  RoutingDecision?: RoutingDecisionResolvers<ContextType>;
  RoutingOutcome?: RoutingOutcomeResolvers<ContextType>;
  RoutingWeights?: RoutingWeightsResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  SpendRow?: SpendRowResolvers<ContextType>;
  TokenUsage?: TokenUsageResolvers<ContextType>;
  ToolCall?: ToolCallResolvers<ContextType>;
  WorkflowRun?: WorkflowRunResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  requiresScopes?: RequiresScopesDirectiveResolver<any, any, ContextType>;
}>;
