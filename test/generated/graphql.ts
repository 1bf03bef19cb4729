/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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
  join__DirectiveArguments: { input: unknown; output: unknown; }
  join__FieldSet: { input: unknown; output: unknown; }
  join__FieldValue: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
};

/** An AI agent: a name, instructions and a preferred model. */
export type Agent = {
  __typename?: 'Agent';
  config?: Maybe<Scalars['JSON']['output']>;
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  instructions?: Maybe<Scalars['String']['output']>;
  /** Live memories attached to the agent, newest first (at most `first`, default 50, max 200). */
  memories: Array<MemoryItem>;
  /** Preferred model name, if any. */
  model?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
};


/** An AI agent: a name, instructions and a preferred model. */
export type AgentMemoriesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  namespace?: InputMaybe<Scalars['String']['input']>;
};

export type BulkMemoryResult = {
  __typename?: 'BulkMemoryResult';
  deletedIds: Array<Scalars['ID']['output']>;
  stored: Array<MemoryItem>;
};

export type CreateWorkflowInput = {
  name: Scalars['String']['input'];
  /** 1 to 100 steps. */
  steps: Array<StepInput>;
};

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

/** Exactly one of `store` and `deleteId`. */
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
  contextWindowTokens: Scalars['Int']['input'];
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  endpoint?: InputMaybe<Scalars['String']['input']>;
  inputCostPer1kTokensUsd: Scalars['Float']['input'];
  latencyMs: Scalars['Float']['input'];
  name: Scalars['String']['input'];
  outputCostPer1kTokensUsd: Scalars['Float']['input'];
  provider: Scalars['String']['input'];
  quality: Scalars['Float']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds or replaces the translation of a segment into `language` (BCP 47 tag, e.g. `fr` or `pt-BR`). */
  addTranslation: Translation;
  /** Appends segments (at most 500 per call) to an active session's transcript, numbered in order. */
  appendTranscript: Array<TranscriptSegment>;
  /** Applies up to 100 stores and deletes in one transaction: all of them or none. */
  bulkMemory: BulkMemoryResult;
  /** Cancels a run that has not finished; in-flight steps are aborted. CONFLICT if it already finished. */
  cancelWorkflowRun: WorkflowRun;
  /** Validates and stores a workflow: unknown kinds, unknown or cyclic dependencies are BAD_USER_INPUT. */
  createWorkflow: Workflow;
  /** Deletes a memory; false when there was none to delete. */
  deleteMemory: Scalars['Boolean']['output'];
  /** Ends an active session. CONFLICT if it has already ended. */
  endSession: Session;
  /** Records how the chosen model did; updates the model's observed latency and success rate. Once per decision. */
  recordRoutingOutcome: RoutingDecision;
  registerAgent: Agent;
  /** Chooses a model for a request by the documented scoring rule and records the decision. */
  route: RoutingDecision;
  /** Delivers a named signal (with an optional payload) to a run that has not finished. */
  signalWorkflowRun: WorkflowRun;
  startSession: Session;
  /** Starts a run of a workflow; its steps execute in dependency order, independent steps in parallel. */
  startWorkflowRun: WorkflowRun;
  /** Stores `content` under (namespace, key): creates the item, or writes a new version of it. */
  storeMemory: MemoryItem;
  /** Creates or updates (by name) a model profile. */
  upsertModel: ModelProfile;
};


export type MutationAddTranslationArgs = {
  language: Scalars['String']['input'];
  segmentId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
};


export type MutationAppendTranscriptArgs = {
  segments: Array<TranscriptSegmentInput>;
  sessionId: Scalars['ID']['input'];
};


export type MutationBulkMemoryArgs = {
  operations: Array<MemoryOperationInput>;
};


export type MutationCancelWorkflowRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateWorkflowArgs = {
  input: CreateWorkflowInput;
};


export type MutationDeleteMemoryArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEndSessionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRecordRoutingOutcomeArgs = {
  decisionId: Scalars['ID']['input'];
  outcome: RoutingOutcomeInput;
};


export type MutationRegisterAgentArgs = {
  input: RegisterAgentInput;
};


export type MutationRouteArgs = {
  input: RouteInput;
};


export type MutationSignalWorkflowRunArgs = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  payload?: InputMaybe<Scalars['JSON']['input']>;
};


export type MutationStartSessionArgs = {
  input: StartSessionInput;
};


export type MutationStartWorkflowRunArgs = {
  input: StartWorkflowRunInput;
};


export type MutationStoreMemoryArgs = {
  input: StoreMemoryInput;
};


export type MutationUpsertModelArgs = {
  input: ModelProfileInput;
};

/** Relay-style page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Participant = {
  __typename?: 'Participant';
  displayName?: Maybe<Scalars['String']['output']>;
  id: Scalars['String']['output'];
  role: ParticipantRole;
};

export type ParticipantInput = {
  displayName?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  role: ParticipantRole;
};

export type ParticipantRole =
  | 'AGENT'
  | 'BOT'
  | 'OBSERVER'
  | 'USER';

export type Query = {
  __typename?: 'Query';
  agent?: Maybe<Agent>;
  /** A live (not deleted, not expired) memory of the caller's tenant, or null. */
  memory?: Maybe<MemoryItem>;
  /** The live memory stored under `key` in `namespace`, or null. */
  memoryByKey?: Maybe<MemoryItem>;
  /** The tenant's model profiles, by name. */
  models: Array<ModelProfile>;
  routingDecision?: Maybe<RoutingDecision>;
  /** Full-text search (Postgres `websearch_to_tsquery`, English) over content; best first. `limit` defaults to 10, at most 100. */
  searchMemory: Array<MemorySearchHit>;
  /** A session of the caller's tenant, or null. */
  session?: Maybe<Session>;
  /** The tenant's sessions, newest first. `first` defaults to 20, at most 100; `after` is an `endCursor`. */
  sessions: SessionConnection;
  /** A workflow by id (its latest version). */
  workflow?: Maybe<Workflow>;
  workflowRun?: Maybe<WorkflowRun>;
  /** The tenant's runs, newest first. `first` defaults to 20, at most 100; `after` is an `endCursor`. */
  workflowRuns: WorkflowRunConnection;
};


export type QueryAgentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMemoryArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMemoryByKeyArgs = {
  key: Scalars['String']['input'];
  namespace: Scalars['String']['input'];
};


export type QueryRoutingDecisionArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySearchMemoryArgs = {
  filter?: InputMaybe<MemoryFilter>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
};


export type QuerySessionArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryWorkflowArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkflowRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkflowRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<WorkflowRunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RegisterAgentInput = {
  config?: InputMaybe<Scalars['JSON']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  instructions?: InputMaybe<Scalars['String']['input']>;
  model?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type RetryPolicy = {
  __typename?: 'RetryPolicy';
  backoffCoefficient: Scalars['Float']['output'];
  initialIntervalMs: Scalars['Int']['output'];
  maxAttempts: Scalars['Int']['output'];
  maxIntervalMs: Scalars['Int']['output'];
  nonRetryableErrorCodes: Array<Scalars['String']['output']>;
};

export type RetryPolicyInput = {
  backoffCoefficient?: InputMaybe<Scalars['Float']['input']>;
  initialIntervalMs?: InputMaybe<Scalars['Int']['input']>;
  maxAttempts?: InputMaybe<Scalars['Int']['input']>;
  maxIntervalMs?: InputMaybe<Scalars['Int']['input']>;
  nonRetryableErrorCodes?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type RouteInput = {
  estimatedInputTokens?: InputMaybe<Scalars['Int']['input']>;
  /** Expected output, in tokens. Default 256. */
  estimatedOutputTokens?: InputMaybe<Scalars['Int']['input']>;
  /** Exclude models whose estimated cost exceeds this, in USD. */
  maxCostUsd?: InputMaybe<Scalars['Float']['input']>;
  /** Exclude models slower than this, in ms. */
  maxLatencyMs?: InputMaybe<Scalars['Float']['input']>;
  /** Exclude models below this quality. */
  minQuality?: InputMaybe<Scalars['Float']['input']>;
  /** Only consider these model names. */
  models?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The prompt; its length estimates input tokens when `estimatedInputTokens` is absent (4 characters per token). */
  prompt?: InputMaybe<Scalars['String']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  weights?: InputMaybe<RoutingWeightsInput>;
};

export type RoutingCandidate = {
  __typename?: 'RoutingCandidate';
  costScore: Scalars['Float']['output'];
  estimatedCostUsd: Scalars['Float']['output'];
  /** Why the model could not be chosen (over budget, context too small, ...), or null. */
  excludedReason?: Maybe<Scalars['String']['output']>;
  latencyScore: Scalars['Float']['output'];
  model: ModelProfile;
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
  error?: InputMaybe<Scalars['String']['input']>;
  inputTokens?: InputMaybe<Scalars['Int']['input']>;
  latencyMs?: InputMaybe<Scalars['Float']['input']>;
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

/** A conversation between users, bots and agents; memories, runs and routing decisions attach to it. */
export type Session = {
  __typename?: 'Session';
  /** Sum of the recorded outcomes' costs, in USD. */
  costUsd: Scalars['Float']['output'];
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  kind: SessionKind;
  /** Live memories attached to the session, newest first (at most `first`, default 50, max 200). */
  memories: Array<MemoryItem>;
  metadata?: Maybe<Scalars['JSON']['output']>;
  participants: Array<Participant>;
  /** Routing decisions made for the session, newest first. */
  routingDecisions: Array<RoutingDecision>;
  /** Runs started for the session, newest first (at most `first`, default 20, max 100). */
  runs: Array<WorkflowRun>;
  startedAt: Scalars['DateTime']['output'];
  status: SessionStatus;
  title?: Maybe<Scalars['String']['output']>;
  /** Transcript segments in order. */
  transcript: Array<TranscriptSegment>;
};


/** A conversation between users, bots and agents; memories, runs and routing decisions attach to it. */
export type SessionMemoriesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  namespace?: InputMaybe<Scalars['String']['input']>;
};


/** A conversation between users, bots and agents; memories, runs and routing decisions attach to it. */
export type SessionRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type SessionConnection = {
  __typename?: 'SessionConnection';
  edges: Array<SessionEdge>;
  pageInfo: PageInfo;
};

export type SessionEdge = {
  __typename?: 'SessionEdge';
  cursor: Scalars['String']['output'];
  node: Session;
};

/** Who a session is with. */
export type SessionKind =
  | 'BOT'
  | 'USER';

export type SessionStatus =
  | 'ACTIVE'
  | 'ENDED';

export type StartSessionInput = {
  kind?: SessionKind;
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  participants?: InputMaybe<Array<ParticipantInput>>;
  title?: InputMaybe<Scalars['String']['input']>;
};

export type StartWorkflowRunInput = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** At most 262,144 bytes of JSON. */
  input?: InputMaybe<Scalars['JSON']['input']>;
  priority?: InputMaybe<Scalars['Int']['input']>;
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  workflowId: Scalars['ID']['input'];
};

export type StepDefinition = {
  __typename?: 'StepDefinition';
  config?: Maybe<Scalars['JSON']['output']>;
  dependsOn: Array<Scalars['String']['output']>;
  id: Scalars['String']['output'];
  /** One of transform, http, llm, memory.store, memory.search, wait, map. */
  kind: Scalars['String']['output'];
  retry?: Maybe<RetryPolicy>;
  timeoutMs?: Maybe<Scalars['Int']['output']>;
  /** JSONata condition on `{ input, steps }`; the step is SKIPPED when it is false. */
  when?: Maybe<Scalars['String']['output']>;
};

export type StepInput = {
  config?: InputMaybe<Scalars['JSON']['input']>;
  dependsOn?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Unique within the workflow: letters, digits, `_` and `-`, at most 64 characters. */
  id: Scalars['String']['input'];
  kind: Scalars['String']['input'];
  retry?: InputMaybe<RetryPolicyInput>;
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
  when?: InputMaybe<Scalars['String']['input']>;
};

/** The execution of one step of a run. */
export type StepRun = {
  __typename?: 'StepRun';
  /** Attempts made so far (1 for the first). */
  attempt: Scalars['Int']['output'];
  durationMs?: Maybe<Scalars['Int']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  input?: Maybe<Scalars['JSON']['output']>;
  kind: Scalars['String']['output'];
  output?: Maybe<Scalars['JSON']['output']>;
  /** For `llm` steps: the routing decision that chose the model. */
  routingDecision?: Maybe<RoutingDecision>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: StepRunStatus;
  stepId: Scalars['String']['output'];
};

export type StepRunStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SKIPPED'
  | 'TIMED_OUT'
  | 'WAITING';

export type StoreMemoryInput = {
  agentId?: InputMaybe<Scalars['ID']['input']>;
  /** At most 65,536 characters. */
  content: Scalars['String']['input'];
  /** 1–500 characters. */
  key: Scalars['String']['input'];
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /** 1–200 characters. */
  namespace: Scalars['String']['input'];
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  /** Lifetime from now, in seconds (1 to 31,536,000); absent = forever. */
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Events of the tenant's runs (of one workflow, when given), in cursor order. */
  workflowEvents: WorkflowEvent;
  /** Events of one run, in cursor order; with `after`, every event after that cursor first. */
  workflowRunEvents: WorkflowEvent;
};


export type SubscriptionWorkflowEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  workflowId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionWorkflowRunEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  runId: Scalars['ID']['input'];
};

export type TranscriptSegment = {
  __typename?: 'TranscriptSegment';
  createdAt: Scalars['DateTime']['output'];
  /** Offset of the segment's end from the session's start, in ms. */
  endMs?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  /** BCP 47 language tag of `text`. */
  language?: Maybe<Scalars['String']['output']>;
  /** Position in the transcript, from 1. */
  sequence: Scalars['Int']['output'];
  sessionId: Scalars['ID']['output'];
  speaker: Scalars['String']['output'];
  /** Offset of the segment's start from the session's start, in ms. */
  startMs?: Maybe<Scalars['Int']['output']>;
  text: Scalars['String']['output'];
  translations: Array<Translation>;
};

export type TranscriptSegmentInput = {
  endMs?: InputMaybe<Scalars['Int']['input']>;
  language?: InputMaybe<Scalars['String']['input']>;
  speaker: Scalars['String']['input'];
  startMs?: InputMaybe<Scalars['Int']['input']>;
  /** At most 10,000 characters. */
  text: Scalars['String']['input'];
};

export type Translation = {
  __typename?: 'Translation';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  language: Scalars['String']['output'];
  segmentId: Scalars['ID']['output'];
  text: Scalars['String']['output'];
};

/** A workflow: a directed acyclic graph of named steps. */
export type Workflow = {
  __typename?: 'Workflow';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The workflow's runs, newest first (at most `first`, default 20, max 100). */
  runs: Array<WorkflowRun>;
  steps: Array<StepDefinition>;
  version: Scalars['Int']['output'];
};


/** A workflow: a directed acyclic graph of named steps. */
export type WorkflowRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A state change of a run, in its tenant's cursor order. */
export type WorkflowEvent = {
  __typename?: 'WorkflowEvent';
  at: Scalars['DateTime']['output'];
  /** Per-tenant, strictly increasing position of the event (a decimal integer as a string). */
  cursor: Scalars['String']['output'];
  payload?: Maybe<Scalars['JSON']['output']>;
  run: WorkflowRun;
  runId: Scalars['ID']['output'];
  stepId?: Maybe<Scalars['String']['output']>;
  type: WorkflowEventType;
  workflowId: Scalars['ID']['output'];
};

export type WorkflowEventType =
  | 'RUN_CANCELLED'
  | 'RUN_COMPLETED'
  | 'RUN_FAILED'
  | 'RUN_STARTED'
  | 'RUN_TIMED_OUT'
  | 'SIGNAL_RECEIVED'
  | 'STEP_COMPLETED'
  | 'STEP_FAILED'
  | 'STEP_SKIPPED'
  | 'STEP_STARTED';

/** One execution of a workflow. */
export type WorkflowRun = {
  __typename?: 'WorkflowRun';
  createdAt: Scalars['DateTime']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** The run's events in cursor order (after `after`, if given). */
  events: Array<WorkflowEvent>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  input?: Maybe<Scalars['JSON']['output']>;
  /** Outputs of the steps no other step depends on, by step id. */
  output?: Maybe<Scalars['JSON']['output']>;
  priority: Scalars['Int']['output'];
  session?: Maybe<Session>;
  sessionId?: Maybe<Scalars['ID']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: WorkflowRunStatus;
  /** The run's steps in definition order. */
  steps: Array<StepRun>;
  workflow: Workflow;
  workflowId: Scalars['ID']['output'];
  /** The workflow version the run executes. */
  workflowVersion: Scalars['Int']['output'];
};


/** One execution of a workflow. */
export type WorkflowRunEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
};

export type WorkflowRunConnection = {
  __typename?: 'WorkflowRunConnection';
  edges: Array<WorkflowRunEdge>;
  pageInfo: PageInfo;
};

export type WorkflowRunEdge = {
  __typename?: 'WorkflowRunEdge';
  cursor: Scalars['String']['output'];
  node: WorkflowRun;
};

export type WorkflowRunFilter = {
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<WorkflowRunStatus>;
  workflowId?: InputMaybe<Scalars['ID']['input']>;
};

export type WorkflowRunStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'TIMED_OUT'
  | 'WAITING';

export type Join__ContextArgument = {
  context: Scalars['String']['input'];
  name: Scalars['String']['input'];
  selection: Scalars['join__FieldValue']['input'];
  type: Scalars['String']['input'];
};

export type Join__Graph =
  | 'MEMORY'
  | 'ORCHESTRATION'
  | 'ROUTING'
  | 'SESSION';

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type SessionStatus =
  | 'ACTIVE'
  | 'ENDED';

export type SessionByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type SessionByIdQuery = { session: { id: string, status: SessionStatus, costUsd: number, memories: Array<{ id: string }>, runs: Array<{ id: string }> } | null };


export const SessionByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SessionById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"memories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}}]}}]} as unknown as DocumentNode<SessionByIdQuery, SessionByIdQueryVariables>;