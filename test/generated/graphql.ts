/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CreateWorkflowInput = {
  /** 1–200 characters. */
  name: string;
  /** 1 to 100 steps. */
  steps: Array<StepInput>;
  /** Default timeout of a run, in ms: 1 to 604,800,000 (7 days). Null = none. */
  timeoutMs?: number | null | undefined;
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
  agentId?: string | number | null | undefined;
  and?: Array<MemoryFilter> | null | undefined;
  createdAt?: TimeRange | null | undefined;
  /** Keys starting with this text (`%` and `_` are literal). */
  keyPrefix?: string | null | undefined;
  /** Every condition must hold. */
  metadata?: Array<MetadataCondition> | null | undefined;
  namespace?: string | null | undefined;
  not?: MemoryFilter | null | undefined;
  or?: Array<MemoryFilter> | null | undefined;
  runId?: string | number | null | undefined;
  sessionId?: string | number | null | undefined;
  tags?: MemoryTagsFilter | null | undefined;
  updatedAt?: TimeRange | null | undefined;
  userId?: string | null | undefined;
};

/** Exactly one of `store` and `deleteId` (a UUID); a delete of an id with no live item is not an error. */
export type MemoryOperationInput = {
  deleteId?: string | number | null | undefined;
  store?: StoreMemoryInput | null | undefined;
};

export type MemorySearchMode =
  | 'HYBRID'
  | 'LEXICAL'
  | 'SEMANTIC';

/** Where a memory came from; ids are UUIDs, `stepId` 1–200 characters. */
export type MemorySourceInput = {
  modelCallId?: string | number | null | undefined;
  runId?: string | number | null | undefined;
  segmentId?: string | number | null | undefined;
  stepId?: string | null | undefined;
};

export type MemoryTagsFilter = {
  /** Items with all of these tags. */
  all?: Array<string> | null | undefined;
  /** Items with any of these tags. */
  any?: Array<string> | null | undefined;
};

/**
 * A condition on the JSON value at `path` (object keys from the root of `metadata`, 1–8 of them): exactly one
 * operator. `eq`/`ne`/`in` compare JSON values (`ne` also matches items without the path); `gt`/`gte`/`lt`/`lte`
 * compare numbers with JSON numbers and strings with JSON strings (code point order), other types never match;
 * `exists` tests presence; `contains` matches an array holding the value (or all of an array's values) or an object
 * containing the given object.
 */
export type MetadataCondition = {
  contains?: unknown;
  eq?: unknown;
  exists?: boolean | null | undefined;
  gt?: unknown;
  gte?: unknown;
  in?: Array<unknown> | null | undefined;
  lt?: unknown;
  lte?: unknown;
  ne?: unknown;
  path: Array<string>;
};

export type ModelFallbackInput = {
  /** 1 to 5 model or group names, tried in order (LiteLLM's `ROUTER_MAX_FALLBACKS` is 5). */
  fallbacks: Array<string>;
  /** A model or group name, or `*` for any. */
  model: string;
};

export type ModelGroupInput = {
  name: string;
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

export type ModelProfileInput = {
  /** > 0. */
  contextWindowTokens: number;
  enabled?: boolean | null | undefined;
  /**
   * An http(s) URL of at most 2048 characters, for a provider name that is not registered (a keyless endpoint of the
   * model's own, under the egress policy). Must be absent for `echo`, operator and tenant providers (their base URL is
   * used), or equal to that provider's `baseUrl`.
   */
  endpoint?: string | null | undefined;
  /** Model group (1–200 characters, no whitespace); default the model's name. */
  group?: string | null | undefined;
  /** ≥ 0. */
  inputCostPer1kTokensUsd: number;
  /** > 0. */
  latencyMs: number;
  /** 1 to 200 characters, no whitespace. */
  name: string;
  /** ≥ 0. */
  outputCostPer1kTokensUsd: number;
  /** Lower-case letters, digits, `_` and `-`, starting with a letter; at most 64 characters. */
  provider: string;
  /** Name sent to the provider (1–200 characters, no whitespace); default the model's name. */
  providerModel?: string | null | undefined;
  /** In [0, 1]. */
  quality: number;
  /** > 0; absent = no limit. */
  requestsPerMinute?: number | null | undefined;
  /** > 0; absent = no limit. */
  tokensPerMinute?: number | null | undefined;
};

export type ParticipantInput = {
  /** At most 200 characters. */
  displayName?: string | null | undefined;
  /** At most 200 characters. */
  externalId?: string | null | undefined;
  /** 1 to 200 characters. */
  id: string;
  role: ParticipantRole;
};

export type ParticipantRole =
  | 'AGENT'
  | 'BOT'
  | 'OBSERVER'
  | 'USER';

export type ProviderInput = {
  /** Write-only, 1–4096 characters. Absent on update: the current key is kept; an empty string removes it. */
  apiKey?: string | null | undefined;
  /** http(s) base URL of its OpenAI-compatible API (at most 2048 characters), checked by the egress policy when called. */
  baseUrl: string;
  /** Lower-case letters, digits, `_` and `-`, starting with a letter; at most 64; not an operator provider's or `echo`. */
  name: string;
};

/** Who registered a provider. */
export type ProviderOwner =
  /** The operator, in `LLM_PROVIDERS`. */
  | 'OPERATOR'
  /** The tenant, with `upsertProvider`. */
  | 'TENANT';

export type RegisterAgentInput = {
  /** At most 65,536 bytes of JSON. */
  config?: unknown;
  /** At most 2,000 characters. */
  description?: string | null | undefined;
  /** At most 65,536 characters. */
  instructions?: string | null | undefined;
  /** At most 200 characters. */
  model?: string | null | undefined;
  /** 1–200 characters. */
  name: string;
};

export type RetryPolicyInput = {
  /** Factor applied to the delay after each attempt, ≥ 1. Default 2. */
  backoffCoefficient?: number | null | undefined;
  /** Delay before the second attempt, in ms, > 0. Default 1000. */
  initialIntervalMs?: number | null | undefined;
  /** Random spread of each delay, as a fraction: the delay is multiplied by a factor in [1 − jitter, 1 + jitter]. 0 to 1, default 0.2. */
  jitter?: number | null | undefined;
  /** Attempts in all, 1 to 20. Default 3. */
  maxAttempts?: number | null | undefined;
  /** Largest delay, in ms, ≥ initialIntervalMs. Default 100 × initialIntervalMs. */
  maxIntervalMs?: number | null | undefined;
  /** Step error codes that fail the step at once (e.g. HTTP_STATUS, EXPRESSION); see docs/workflow-engine.md. */
  nonRetryableErrorCodes?: Array<string> | null | undefined;
};

export type RouteInput = {
  /** 0 to 10,000,000. */
  estimatedInputTokens?: number | null | undefined;
  /** Expected output, in tokens: 0 to 10,000,000. Default 256. */
  estimatedOutputTokens?: number | null | undefined;
  /** Exclude models whose estimated cost exceeds this, in USD. */
  maxCostUsd?: number | null | undefined;
  /** Exclude models slower than this, in ms. */
  maxLatencyMs?: number | null | undefined;
  /** Exclude models below this quality. */
  minQuality?: number | null | undefined;
  /** Only consider these model or model group names (1 to 100). */
  models?: Array<string> | null | undefined;
  /**
   * The prompt (at most 1,000,000 characters); its length estimates input tokens when `estimatedInputTokens` is absent
   * (4 characters per token, rounded up).
   */
  prompt?: string | null | undefined;
  sessionId?: string | number | null | undefined;
  /** What the request is for (e.g. `summarise`, `classify`; 1–64 characters of letters, digits, `_`, `-`, `.`): the router learns per task type. */
  taskType?: string | null | undefined;
  weights?: RoutingWeightsInput | null | undefined;
};

export type RouterSettingsInput = {
  contentPolicyFallbacks?: Array<ModelFallbackInput> | null | undefined;
  contextWindowFallbacks?: Array<ModelFallbackInput> | null | undefined;
  /** ≥ 0. */
  dailyBudgetUsd?: number | null | undefined;
  fallbacks?: Array<ModelFallbackInput> | null | undefined;
  /** ≥ 0. */
  monthlyBudgetUsd?: number | null | undefined;
  /** > 0. */
  requestsPerMinute?: number | null | undefined;
  /** > 0. */
  tokensPerMinute?: number | null | undefined;
};

export type RoutingOutcomeInput = {
  /** At most 2000 characters. */
  error?: string | null | undefined;
  /** 0 to 10,000,000; absent counts as 0 in `costUsd`. */
  inputTokens?: number | null | undefined;
  /** Observed latency, in ms; ≥ 0. When absent the model's latency is left as is. */
  latencyMs?: number | null | undefined;
  /** 0 to 10,000,000; absent counts as 0 in `costUsd`. */
  outputTokens?: number | null | undefined;
  /**
   * How good the answer was, in [0, 1] (an evaluator's score, user feedback); the router learns from it. Absent: success
   * counts as 1 and failure as 0.
   */
  quality?: number | null | undefined;
  success: boolean;
};

/** Weights of the scoring rule; each ≥ 0, not all 0; normalised to sum to 1. Default 1/3 each. */
export type RoutingWeightsInput = {
  cost: number;
  latency: number;
  quality: number;
};

export type SessionEndWorkflowInput = {
  /**
   * Also add the transcript to the run's input, as `messages` in the shape of the `memory.extract` step's: the final
   * segments in order, each `{ role: "user", content: "<speaker>: <text>" }` — the latest 100 that fit in 196,608 bytes (less when `input` leaves less of a run's 262,144 bytes).
   */
  includeTranscript?: boolean | null | undefined;
  /** The run's input: a JSON object of at most 262,144 bytes, to which `sessionId` is added. Default `{}`. */
  input?: unknown;
  /** The workflow (1 to 200 characters); an unknown one leaves `endRunError` after the retries. */
  workflowId: string | number;
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
  /** Any JSON, at most 16 KiB encoded. */
  metadata?: unknown;
  /**
   * A workflow to start when the session ends (by `endSession`, or its bot reaching ENDED or FAILED), e.g. one that
   * summarises the transcript into memories. The run is correlated to the session (`WorkflowRun.sessionId`,
   * `Session.endRun`) and recorded as a RUN_STARTED session event.
   */
  onEnd?: SessionEndWorkflowInput | null | undefined;
  /** At most 50, with distinct ids; they join at the session's start. */
  participants?: Array<ParticipantInput> | null | undefined;
  /** At most 200 characters. */
  title?: string | null | undefined;
};

export type StartWorkflowRunInput = {
  /** 1–200 characters. The same key within 24 hours returns the run it started (CONFLICT if that run is of another workflow). */
  idempotencyKey?: string | null | undefined;
  /** At most 262,144 bytes of JSON. */
  input?: unknown;
  /** -1000 to 1000, default 0; steps of higher-priority runs are taken first. */
  priority?: number | null | undefined;
  /** A session id (a UUID). */
  sessionId?: string | number | null | undefined;
  /** Run timeout, in ms (1 to 604,800,000); overrides the workflow's `timeoutMs`. */
  timeoutMs?: number | null | undefined;
  workflowId: string | number;
};

export type StepAttemptStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'DISCARDED'
  | 'FAILED'
  | 'LOST'
  | 'RUNNING'
  | 'TIMED_OUT';

export type StepInput = {
  /** The kind's config (see docs/workflow-expressions.md); strings may hold `{{ expr }}` JSONata templates. */
  config?: unknown;
  /** Ids of other steps of the workflow that must be done (COMPLETED or SKIPPED) first. */
  dependsOn?: Array<string> | null | undefined;
  /** Unique within the workflow: letters, digits, `_` and `-`, at most 64 characters. */
  id: string;
  /** One of transform, http, llm, memory.store, memory.search, memory.extract, wait, map (see docs/workflow-engine.md). */
  kind: string;
  retry?: RetryPolicyInput | null | undefined;
  /** Timeout of one attempt, in ms: 1 to 3,600,000; of a `wait` step, how long it waits (unless its `config.timeoutMs` says): 1 to 604,800,000 (7 days). */
  timeoutMs?: number | null | undefined;
  /** JSONata condition; the step is SKIPPED when it is falsy. */
  when?: string | null | undefined;
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
  agentId?: string | number | null | undefined;
  /** At most 65,536 characters. */
  content: string;
  /** 1–500 characters. */
  key: string;
  /** Any JSON, at most 16 KiB (16,384 bytes) encoded. */
  metadata?: unknown;
  /** 1–200 characters. Strings here and in `key`, `content` and `metadata` must not contain U+0000. */
  namespace: string;
  runId?: string | number | null | undefined;
  sessionId?: string | number | null | undefined;
  source?: MemorySourceInput | null | undefined;
  /** At most 50, each 1–100 characters; duplicates are dropped. */
  tags?: Array<string> | null | undefined;
  /** Lifetime from now, in seconds (1 to 31,536,000); absent = forever. */
  ttlSeconds?: number | null | undefined;
  /** 1–200 characters. */
  userId?: string | null | undefined;
};

/** `from` inclusive, `to` exclusive. */
export type TimeRange = {
  from?: Date | string | null | undefined;
  to?: Date | string | null | undefined;
};

export type TranscriptSegmentInput = {
  /** Recognition confidence from 0 to 1. */
  confidence?: number | null | undefined;
  /** Offset from the session's start, in ms; ≥ 0 and ≥ `startMs`. */
  endMs?: number | null | undefined;
  /** False for a draft (an interim result) that later appends with the same `segmentKey` replace; a draft needs a `segmentKey` (BAD_USER_INPUT otherwise). */
  final?: boolean | null | undefined;
  /** BCP 47 language tag, e.g. `en` or `pt-BR`. */
  language?: string | null | undefined;
  /**
   * 1 to 200 characters, unique within the session (e.g. the recogniser's utterance id): appending a segment with the
   * key of a stored draft replaces the draft; with the key of a final segment, it must repeat it exactly (a retry).
   * Without a key, every append is a new segment.
   */
  segmentKey?: string | null | undefined;
  /** 1 to 200 characters. */
  speaker: string;
  /** Offset from the session's start, in ms; ≥ 0. */
  startMs?: number | null | undefined;
  /** 1 to 10,000 characters. */
  text: string;
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
  /**
   * The answer of a running `llm` step so far, while the model streams it: published at most once per step per 100 ms
   * (the first at once, then the latest at the end of each interval), never after the step's STEP_COMPLETED, which
   * carries the whole answer. Payload: `{ stepId, attempt, content, offset, length, sequence }` — `content` is the answer
   * so far from character `offset` (0 unless the answer is longer than 16,384 UTF-16 code units, then its last ones),
   * `length` the answer's length so far, `sequence` the event's number within the attempt (1, 2, ...). A new attempt
   * starts a new answer.
   */
  | 'STEP_OUTPUT_DELTA'
  /** An attempt failed and another is scheduled (payload: attempt, error, errorCode, delayMs). */
  | 'STEP_RETRYING'
  | 'STEP_SKIPPED'
  | 'STEP_STARTED';

export type WorkflowRunFilter = {
  sessionId?: string | number | null | undefined;
  status?: WorkflowRunStatus | null | undefined;
  workflowId?: string | number | null | undefined;
};

export type WorkflowRunStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'TIMED_OUT'
  | 'WAITING';

export type MemoryItemFieldsFragment = { id: string, namespace: string, key: string, content: string, metadata: unknown, sessionId: string | null, agentId: string | null, version: number, createdAt: Date | string, updatedAt: Date | string, expiresAt: Date | string | null };

export type MemoryStoreMutationVariables = Exact<{
  input: StoreMemoryInput;
}>;


export type MemoryStoreMutation = { storeMemory: { id: string, namespace: string, key: string, content: string, metadata: unknown, sessionId: string | null, agentId: string | null, version: number, createdAt: Date | string, updatedAt: Date | string, expiresAt: Date | string | null } };

export type MemoryByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type MemoryByIdQuery = { memory: { id: string, namespace: string, key: string, content: string, metadata: unknown, sessionId: string | null, agentId: string | null, version: number, createdAt: Date | string, updatedAt: Date | string, expiresAt: Date | string | null } | null };

export type MemoryByKeyQueryVariables = Exact<{
  namespace: string;
  key: string;
}>;


export type MemoryByKeyQuery = { memoryByKey: { id: string, namespace: string, key: string, content: string, metadata: unknown, sessionId: string | null, agentId: string | null, version: number, createdAt: Date | string, updatedAt: Date | string, expiresAt: Date | string | null } | null };

export type MemorySearchQueryVariables = Exact<{
  query: string;
  mode?: MemorySearchMode | null | undefined;
  filter?: MemoryFilter | null | undefined;
  limit?: number | null | undefined;
  minScore?: number | null | undefined;
}>;


export type MemorySearchQuery = { searchMemory: { mode: MemorySearchMode, notEmbedded: number, hits: Array<{ score: number, lexicalRank: number | null, lexicalScore: number | null, semanticRank: number | null, semanticSimilarity: number | null, item: { id: string, key: string, content: string, embeddingStatus: MemoryEmbeddingStatus } }> } };

export type MemoryDeleteMutationVariables = Exact<{
  id: string | number;
}>;


export type MemoryDeleteMutation = { deleteMemory: boolean };

export type MemoryBulkMutationVariables = Exact<{
  operations: Array<MemoryOperationInput> | MemoryOperationInput;
}>;


export type MemoryBulkMutation = { bulkMemory: { deletedIds: Array<string>, stored: Array<{ id: string, key: string, version: number }> } };

export type MemoryLinksQueryVariables = Exact<{
  id: string | number;
}>;


export type MemoryLinksQuery = { memory: { id: string, session: { id: string } | null, agent: { id: string } | null } | null };

export type MemoryStartSessionMutationVariables = Exact<{
  input: StartSessionInput;
}>;


export type MemoryStartSessionMutation = { startSession: { id: string } };

export type MemoryOfSessionQueryVariables = Exact<{
  id: string | number;
  namespace?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type MemoryOfSessionQuery = { session: { id: string, memories: Array<{ id: string, key: string }> } | null };

export type MemoryOfSessionsQueryVariables = Exact<{
  first?: number | null | undefined;
  perSession?: number | null | undefined;
}>;


export type MemoryOfSessionsQuery = { sessions: { edges: Array<{ node: { id: string, memories: Array<{ id: string, key: string, session: { id: string } | null }> } }> } };

export type OrchestrationRunFieldsFragment = { id: string, workflowId: string, workflowVersion: number, status: WorkflowRunStatus, input: unknown, output: unknown, error: string | null, sessionId: string | null, priority: number, createdAt: Date | string, startedAt: Date | string | null, finishedAt: Date | string | null, steps: Array<{ id: string, stepId: string, kind: string, status: StepRunStatus, attempt: number, input: unknown, output: unknown, error: string | null, startedAt: Date | string | null, finishedAt: Date | string | null, durationMs: number | null, routingDecision: { id: string } | null }> };

export type OrchestrationRegisterAgentMutationVariables = Exact<{
  input: RegisterAgentInput;
}>;


export type OrchestrationRegisterAgentMutation = { registerAgent: { id: string, name: string, description: string | null, instructions: string | null, model: string | null, config: unknown, createdAt: Date | string } };

export type OrchestrationAgentQueryVariables = Exact<{
  id: string | number;
}>;


export type OrchestrationAgentQuery = { agent: { id: string, name: string, model: string | null } | null };

export type OrchestrationCreateWorkflowMutationVariables = Exact<{
  input: CreateWorkflowInput;
}>;


export type OrchestrationCreateWorkflowMutation = { createWorkflow: { id: string, name: string, version: number, createdAt: Date | string, steps: Array<{ id: string, kind: string, dependsOn: Array<string>, config: unknown, when: string | null, timeoutMs: number | null, retry: { maxAttempts: number, initialIntervalMs: number, backoffCoefficient: number, maxIntervalMs: number, nonRetryableErrorCodes: Array<string> } | null }> } };

export type OrchestrationWorkflowQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
}>;


export type OrchestrationWorkflowQuery = { workflow: { id: string, name: string, version: number, runs: Array<{ id: string, status: WorkflowRunStatus }> } | null };

export type OrchestrationStartRunMutationVariables = Exact<{
  input: StartWorkflowRunInput;
}>;


export type OrchestrationStartRunMutation = { startWorkflowRun: { id: string, workflowId: string, workflowVersion: number, status: WorkflowRunStatus, input: unknown, output: unknown, error: string | null, sessionId: string | null, priority: number, createdAt: Date | string, startedAt: Date | string | null, finishedAt: Date | string | null, steps: Array<{ id: string, stepId: string, kind: string, status: StepRunStatus, attempt: number, input: unknown, output: unknown, error: string | null, startedAt: Date | string | null, finishedAt: Date | string | null, durationMs: number | null, routingDecision: { id: string } | null }> } };

export type OrchestrationRunQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type OrchestrationRunQuery = { workflowRun: { id: string, workflowId: string, workflowVersion: number, status: WorkflowRunStatus, input: unknown, output: unknown, error: string | null, sessionId: string | null, priority: number, createdAt: Date | string, startedAt: Date | string | null, finishedAt: Date | string | null, workflow: { id: string, name: string }, events: Array<{ cursor: string, type: WorkflowEventType, runId: string, workflowId: string, stepId: string | null, at: Date | string, payload: unknown, run: { id: string, status: WorkflowRunStatus } }>, steps: Array<{ id: string, stepId: string, kind: string, status: StepRunStatus, attempt: number, input: unknown, output: unknown, error: string | null, startedAt: Date | string | null, finishedAt: Date | string | null, durationMs: number | null, routingDecision: { id: string } | null }> } | null };

export type OrchestrationWorkflowEventsQueryVariables = Exact<{
  workflowId?: string | number | null | undefined;
  after?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type OrchestrationWorkflowEventsQuery = { workflowEvents: Array<{ cursor: string, type: WorkflowEventType, runId: string, workflowId: string, stepId: string | null, at: Date | string, payload: unknown, run: { id: string } }> };

export type OrchestrationRunsQueryVariables = Exact<{
  filter?: WorkflowRunFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrchestrationRunsQuery = { workflowRuns: { edges: Array<{ cursor: string, node: { id: string, status: WorkflowRunStatus, workflowId: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type OrchestrationCancelRunMutationVariables = Exact<{
  id: string | number;
}>;


export type OrchestrationCancelRunMutation = { cancelWorkflowRun: { id: string, workflowId: string, workflowVersion: number, status: WorkflowRunStatus, input: unknown, output: unknown, error: string | null, sessionId: string | null, priority: number, createdAt: Date | string, startedAt: Date | string | null, finishedAt: Date | string | null, steps: Array<{ id: string, stepId: string, kind: string, status: StepRunStatus, attempt: number, input: unknown, output: unknown, error: string | null, startedAt: Date | string | null, finishedAt: Date | string | null, durationMs: number | null, routingDecision: { id: string } | null }> } };

export type OrchestrationSignalRunMutationVariables = Exact<{
  id: string | number;
  name: string;
  payload?: unknown;
}>;


export type OrchestrationSignalRunMutation = { signalWorkflowRun: { id: string, status: WorkflowRunStatus } };

export type OrchestrationUpsertModelMutationVariables = Exact<{
  input: ModelProfileInput;
}>;


export type OrchestrationUpsertModelMutation = { upsertModel: { id: string, name: string, provider: string } };

export type OrchestrationStartSessionMutationVariables = Exact<{
  input: StartSessionInput;
}>;


export type OrchestrationStartSessionMutation = { startSession: { id: string } };

export type OrchestrationSessionRunsQueryVariables = Exact<{
  id: string | number;
}>;


export type OrchestrationSessionRunsQuery = { session: { id: string, runs: Array<{ id: string, status: WorkflowRunStatus, workflow: { id: string } }> } | null };

export type OrchestrationRoutingDecisionQueryVariables = Exact<{
  id: string | number;
}>;


export type OrchestrationRoutingDecisionQuery = { routingDecision: { id: string, sessionId: string | null, model: { name: string, provider: string }, outcome: { success: boolean, inputTokens: number | null, outputTokens: number | null } | null } | null };

export type OrchestrationMemoryByKeyQueryVariables = Exact<{
  namespace: string;
  key: string;
}>;


export type OrchestrationMemoryByKeyQuery = { memoryByKey: { id: string, content: string, sessionId: string | null } | null };

export type OrchestrationStepRunDetailFieldsFragment = { id: string, stepId: string, kind: string, status: StepRunStatus, attempt: number, itemIndex: number | null, readyAt: Date | string | null, notBefore: Date | string | null, input: unknown, output: unknown, error: string | null, startedAt: Date | string | null, finishedAt: Date | string | null, attempts: Array<{ attempt: number, status: StepAttemptStatus, error: string | null, errorCode: string | null, workerId: string | null, startedAt: Date | string, finishedAt: Date | string | null }> };

export type OrchestrationRunDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type OrchestrationRunDetailQuery = { workflowRun: { id: string, workflowId: string, workflowVersion: number, status: WorkflowRunStatus, input: unknown, output: unknown, error: string | null, queue: string, timeoutMs: number | null, deadlineAt: Date | string | null, createdAt: Date | string, startedAt: Date | string | null, finishedAt: Date | string | null, steps: Array<{ id: string, stepId: string, kind: string, status: StepRunStatus, attempt: number, itemIndex: number | null, readyAt: Date | string | null, notBefore: Date | string | null, input: unknown, output: unknown, error: string | null, startedAt: Date | string | null, finishedAt: Date | string | null, items: Array<{ id: string, stepId: string, kind: string, status: StepRunStatus, attempt: number, itemIndex: number | null, readyAt: Date | string | null, notBefore: Date | string | null, input: unknown, output: unknown, error: string | null, startedAt: Date | string | null, finishedAt: Date | string | null, attempts: Array<{ attempt: number, status: StepAttemptStatus, error: string | null, errorCode: string | null, workerId: string | null, startedAt: Date | string, finishedAt: Date | string | null }> }>, attempts: Array<{ attempt: number, status: StepAttemptStatus, error: string | null, errorCode: string | null, workerId: string | null, startedAt: Date | string, finishedAt: Date | string | null }> }>, events: Array<{ cursor: string, type: WorkflowEventType, stepId: string | null, at: Date | string, payload: unknown }> } | null };

export type OrchestrationCreateWorkflowFromMutationVariables = Exact<{
  input: CreateWorkflowInput;
}>;


export type OrchestrationCreateWorkflowFromMutation = { createWorkflow: { id: string, version: number, timeoutMs: number | null } };

export type OrchestrationUpdateWorkflowMutationVariables = Exact<{
  id: string | number;
  input: CreateWorkflowInput;
}>;


export type OrchestrationUpdateWorkflowMutation = { updateWorkflow: { id: string, version: number, timeoutMs: number | null, updatedAt: Date | string, steps: Array<{ id: string, kind: string, config: unknown }> } };

export type OrchestrationWorkflowVersionQueryVariables = Exact<{
  id: string | number;
  version?: number | null | undefined;
}>;


export type OrchestrationWorkflowVersionQuery = { workflow: { id: string, version: number, timeoutMs: number | null, steps: Array<{ id: string, kind: string, config: unknown }> } | null };

export type OrchestrationRunDetailsQueryVariables = Exact<{
  filter?: WorkflowRunFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrchestrationRunDetailsQuery = { workflowRuns: { edges: Array<{ node: { id: string, status: WorkflowRunStatus, priority: number, input: unknown, output: unknown, createdAt: Date | string, startedAt: Date | string | null, finishedAt: Date | string | null, steps: Array<{ id: string, stepId: string, kind: string, status: StepRunStatus, attempt: number, itemIndex: number | null, readyAt: Date | string | null, notBefore: Date | string | null, input: unknown, output: unknown, error: string | null, startedAt: Date | string | null, finishedAt: Date | string | null, attempts: Array<{ attempt: number, status: StepAttemptStatus, error: string | null, errorCode: string | null, workerId: string | null, startedAt: Date | string, finishedAt: Date | string | null }> }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type OrchestrationWorkflowVersionDetailQueryVariables = Exact<{
  id: string | number;
  version?: number | null | undefined;
}>;


export type OrchestrationWorkflowVersionDetailQuery = { workflow: { id: string, name: string, version: number, timeoutMs: number | null, createdAt: Date | string, updatedAt: Date | string, steps: Array<{ id: string, kind: string, dependsOn: Array<string>, config: unknown, when: string | null, timeoutMs: number | null, retry: { maxAttempts: number, initialIntervalMs: number, backoffCoefficient: number, maxIntervalMs: number, jitter: number, nonRetryableErrorCodes: Array<string> } | null }> } | null };

export type ProviderFieldsFragment = { id: string, name: string, owner: ProviderOwner, baseUrl: string, hasApiKey: boolean, apiKeyHint: string | null, createdAt: Date | string | null, updatedAt: Date | string | null };

export type RouterSettingsFieldsFragment = { requestsPerMinute: number | null, tokensPerMinute: number | null, dailyBudgetUsd: number | null, monthlyBudgetUsd: number | null, spentTodayUsd: number, spentThisMonthUsd: number, fallbacks: Array<{ model: string, fallbacks: Array<string> }>, contextWindowFallbacks: Array<{ model: string, fallbacks: Array<string> }>, contentPolicyFallbacks: Array<{ model: string, fallbacks: Array<string> }> };

export type ListProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type ListProvidersQuery = { providers: Array<{ id: string, name: string, owner: ProviderOwner, baseUrl: string, hasApiKey: boolean, apiKeyHint: string | null, createdAt: Date | string | null, updatedAt: Date | string | null }> };

export type UpsertProviderMutationVariables = Exact<{
  input: ProviderInput;
}>;


export type UpsertProviderMutation = { upsertProvider: { id: string, name: string, owner: ProviderOwner, baseUrl: string, hasApiKey: boolean, apiKeyHint: string | null, createdAt: Date | string | null, updatedAt: Date | string | null } };

export type DeleteProviderMutationVariables = Exact<{
  name: string;
}>;


export type DeleteProviderMutation = { deleteProvider: boolean };

export type UpsertProviderModelMutationVariables = Exact<{
  input: ModelProfileInput;
}>;


export type UpsertProviderModelMutation = { upsertModel: { id: string, name: string, provider: string, endpoint: string | null, group: string } };

export type ListModelGroupsQueryVariables = Exact<{ [key: string]: never; }>;


export type ListModelGroupsQuery = { modelGroups: Array<{ name: string, strategy: ModelGroupStrategy, deployments: Array<{ name: string, provider: string }> }> };

export type UpsertModelGroupMutationVariables = Exact<{
  input: ModelGroupInput;
}>;


export type UpsertModelGroupMutation = { upsertModelGroup: { name: string, strategy: ModelGroupStrategy, deployments: Array<{ name: string }> } };

export type GetRouterSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type GetRouterSettingsQuery = { routerSettings: { requestsPerMinute: number | null, tokensPerMinute: number | null, dailyBudgetUsd: number | null, monthlyBudgetUsd: number | null, spentTodayUsd: number, spentThisMonthUsd: number, fallbacks: Array<{ model: string, fallbacks: Array<string> }>, contextWindowFallbacks: Array<{ model: string, fallbacks: Array<string> }>, contentPolicyFallbacks: Array<{ model: string, fallbacks: Array<string> }> } };

export type UpdateRouterSettingsMutationVariables = Exact<{
  input: RouterSettingsInput;
}>;


export type UpdateRouterSettingsMutation = { updateRouterSettings: { requestsPerMinute: number | null, tokensPerMinute: number | null, dailyBudgetUsd: number | null, monthlyBudgetUsd: number | null, spentTodayUsd: number, spentThisMonthUsd: number, fallbacks: Array<{ model: string, fallbacks: Array<string> }>, contextWindowFallbacks: Array<{ model: string, fallbacks: Array<string> }>, contentPolicyFallbacks: Array<{ model: string, fallbacks: Array<string> }> } };

export type RoutingModelFieldsFragment = { id: string, name: string, provider: string, endpoint: string | null, inputCostPer1kTokensUsd: number, outputCostPer1kTokensUsd: number, latencyMs: number, quality: number, contextWindowTokens: number, enabled: boolean, successRate: number, outcomeCount: number, createdAt: Date | string, updatedAt: Date | string };

export type RoutingDecisionFieldsFragment = { id: string, score: number, reason: string, estimatedCostUsd: number, sessionId: string | null, createdAt: Date | string, model: { id: string, name: string }, weights: { cost: number, latency: number, quality: number }, candidates: Array<{ score: number | null, costScore: number, latencyScore: number, qualityScore: number, estimatedCostUsd: number, excludedReason: string | null, model: { id: string, name: string } }>, outcome: { success: boolean, latencyMs: number | null, inputTokens: number | null, outputTokens: number | null, costUsd: number, error: string | null, recordedAt: Date | string } | null };

export type UpsertModelMutationVariables = Exact<{
  input: ModelProfileInput;
}>;


export type UpsertModelMutation = { upsertModel: { id: string, name: string, provider: string, endpoint: string | null, inputCostPer1kTokensUsd: number, outputCostPer1kTokensUsd: number, latencyMs: number, quality: number, contextWindowTokens: number, enabled: boolean, successRate: number, outcomeCount: number, createdAt: Date | string, updatedAt: Date | string } };

export type ListModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ListModelsQuery = { models: Array<{ id: string, name: string, provider: string, endpoint: string | null, inputCostPer1kTokensUsd: number, outputCostPer1kTokensUsd: number, latencyMs: number, quality: number, contextWindowTokens: number, enabled: boolean, successRate: number, outcomeCount: number, createdAt: Date | string, updatedAt: Date | string }> };

export type RouteRequestMutationVariables = Exact<{
  input: RouteInput;
}>;


export type RouteRequestMutation = { route: { id: string, score: number, reason: string, estimatedCostUsd: number, sessionId: string | null, createdAt: Date | string, model: { id: string, name: string }, weights: { cost: number, latency: number, quality: number }, candidates: Array<{ score: number | null, costScore: number, latencyScore: number, qualityScore: number, estimatedCostUsd: number, excludedReason: string | null, model: { id: string, name: string } }>, outcome: { success: boolean, latencyMs: number | null, inputTokens: number | null, outputTokens: number | null, costUsd: number, error: string | null, recordedAt: Date | string } | null } };

export type RecordRoutingOutcomeMutationVariables = Exact<{
  decisionId: string | number;
  outcome: RoutingOutcomeInput;
}>;


export type RecordRoutingOutcomeMutation = { recordRoutingOutcome: { id: string, score: number, reason: string, estimatedCostUsd: number, sessionId: string | null, createdAt: Date | string, model: { id: string, name: string }, weights: { cost: number, latency: number, quality: number }, candidates: Array<{ score: number | null, costScore: number, latencyScore: number, qualityScore: number, estimatedCostUsd: number, excludedReason: string | null, model: { id: string, name: string } }>, outcome: { success: boolean, latencyMs: number | null, inputTokens: number | null, outputTokens: number | null, costUsd: number, error: string | null, recordedAt: Date | string } | null } };

export type GetRoutingDecisionQueryVariables = Exact<{
  id: string | number;
}>;


export type GetRoutingDecisionQuery = { routingDecision: { id: string, score: number, reason: string, estimatedCostUsd: number, sessionId: string | null, createdAt: Date | string, model: { id: string, name: string }, weights: { cost: number, latency: number, quality: number }, candidates: Array<{ score: number | null, costScore: number, latencyScore: number, qualityScore: number, estimatedCostUsd: number, excludedReason: string | null, model: { id: string, name: string } }>, outcome: { success: boolean, latencyMs: number | null, inputTokens: number | null, outputTokens: number | null, costUsd: number, error: string | null, recordedAt: Date | string } | null } | null };

export type RoutingDecisionSessionQueryVariables = Exact<{
  id: string | number;
}>;


export type RoutingDecisionSessionQuery = { routingDecision: { id: string, session: { id: string, title: string | null, costUsd: number } | null } | null };

export type SessionRoutingSummaryQueryVariables = Exact<{
  id: string | number;
}>;


export type SessionRoutingSummaryQuery = { session: { id: string, costUsd: number, routingDecisions: Array<{ id: string, estimatedCostUsd: number, model: { name: string }, outcome: { costUsd: number } | null }> } | null };

export type ListSessionsRoutingQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ListSessionsRoutingQuery = { sessions: { edges: Array<{ node: { id: string, costUsd: number, routingDecisions: Array<{ id: string, model: { name: string }, candidates: Array<{ model: { name: string } }> }> } }> } };

export type SessionCoreFieldsFragment = { id: string, kind: SessionKind, status: SessionStatus, title: string | null, metadata: unknown, startedAt: Date | string, endedAt: Date | string | null, participants: Array<{ id: string, role: ParticipantRole, displayName: string | null }> };

export type TranscriptSegmentFieldsFragment = { id: string, sessionId: string, sequence: number, speaker: string, text: string, language: string | null, startMs: number | null, endMs: number | null, createdAt: Date | string };

export type StartSessionMutationVariables = Exact<{
  input: StartSessionInput;
}>;


export type StartSessionMutation = { startSession: { id: string, kind: SessionKind, status: SessionStatus, title: string | null, metadata: unknown, startedAt: Date | string, endedAt: Date | string | null, participants: Array<{ id: string, role: ParticipantRole, displayName: string | null }> } };

export type EndSessionMutationVariables = Exact<{
  id: string | number;
}>;


export type EndSessionMutation = { endSession: { id: string, kind: SessionKind, status: SessionStatus, title: string | null, metadata: unknown, startedAt: Date | string, endedAt: Date | string | null, participants: Array<{ id: string, role: ParticipantRole, displayName: string | null }> } };

export type AppendTranscriptMutationVariables = Exact<{
  sessionId: string | number;
  segments: Array<TranscriptSegmentInput> | TranscriptSegmentInput;
}>;


export type AppendTranscriptMutation = { appendTranscript: Array<{ id: string, sessionId: string, sequence: number, speaker: string, text: string, language: string | null, startMs: number | null, endMs: number | null, createdAt: Date | string }> };

export type AddTranslationMutationVariables = Exact<{
  segmentId: string | number;
  language: string;
  text: string;
}>;


export type AddTranslationMutation = { addTranslation: { id: string, segmentId: string, language: string, text: string, createdAt: Date | string } };

export type GetSessionQueryVariables = Exact<{
  id: string | number;
}>;


export type GetSessionQuery = { session: { id: string, kind: SessionKind, status: SessionStatus, title: string | null, metadata: unknown, startedAt: Date | string, endedAt: Date | string | null, transcript: Array<{ id: string, sessionId: string, sequence: number, speaker: string, text: string, language: string | null, startMs: number | null, endMs: number | null, createdAt: Date | string, translations: Array<{ id: string, language: string, text: string }> }>, participants: Array<{ id: string, role: ParticipantRole, displayName: string | null }> } | null };

export type ListSessionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ListSessionsQuery = { sessions: { edges: Array<{ cursor: string, node: { id: string, title: string | null, startedAt: Date | string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ListSessionTranscriptsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ListSessionTranscriptsQuery = { sessions: { edges: Array<{ node: { id: string, transcript: Array<{ id: string, sequence: number, translations: Array<{ language: string }> }> } }> } };

export const MemoryItemFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemoryItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemoryItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]} as unknown as DocumentNode<MemoryItemFieldsFragment, unknown>;
export const OrchestrationRunFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrchestrationRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorkflowRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"workflowVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stepId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"routingDecision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationRunFieldsFragment, unknown>;
export const OrchestrationStepRunDetailFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrchestrationStepRunDetailFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StepRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stepId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"itemIndex"}},{"kind":"Field","name":{"kind":"Name","value":"readyAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"workerId"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]} as unknown as DocumentNode<OrchestrationStepRunDetailFieldsFragment, unknown>;
export const ProviderFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProviderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"hasApiKey"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyHint"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<ProviderFieldsFragment, unknown>;
export const RouterSettingsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RouterSettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RouterSettings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fallbacks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"fallbacks"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contextWindowFallbacks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"fallbacks"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contentPolicyFallbacks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"fallbacks"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"dailyBudgetUsd"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBudgetUsd"}},{"kind":"Field","name":{"kind":"Name","value":"spentTodayUsd"}},{"kind":"Field","name":{"kind":"Name","value":"spentThisMonthUsd"}}]}}]} as unknown as DocumentNode<RouterSettingsFieldsFragment, unknown>;
export const RoutingModelFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RoutingModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"inputCostPer1kTokensUsd"}},{"kind":"Field","name":{"kind":"Name","value":"outputCostPer1kTokensUsd"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"quality"}},{"kind":"Field","name":{"kind":"Name","value":"contextWindowTokens"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<RoutingModelFieldsFragment, unknown>;
export const RoutingDecisionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RoutingDecisionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RoutingDecision"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"weights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"latency"}},{"kind":"Field","name":{"kind":"Name","value":"quality"}}]}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"costScore"}},{"kind":"Field","name":{"kind":"Name","value":"latencyScore"}},{"kind":"Field","name":{"kind":"Name","value":"qualityScore"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"excludedReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<RoutingDecisionFieldsFragment, unknown>;
export const SessionCoreFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionCoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}}]}}]} as unknown as DocumentNode<SessionCoreFieldsFragment, unknown>;
export const TranscriptSegmentFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TranscriptSegmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TranscriptSegment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"startMs"}},{"kind":"Field","name":{"kind":"Name","value":"endMs"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<TranscriptSegmentFieldsFragment, unknown>;
export const MemoryStoreDocument = {"__meta__":{"hash":"sha256:0159055411ae87cdf8d506143ad3f229c06b7e9e9b2755adcabbe88ac970b6b8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MemoryStore"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StoreMemoryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"storeMemory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MemoryItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemoryItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemoryItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]} as unknown as DocumentNode<MemoryStoreMutation, MemoryStoreMutationVariables>;
export const MemoryByIdDocument = {"__meta__":{"hash":"sha256:def80008f4c9995e8c80bd46619f8b2f0fac29ef47f9d0028c3b961aabf6c949"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemoryById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MemoryItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemoryItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemoryItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]} as unknown as DocumentNode<MemoryByIdQuery, MemoryByIdQueryVariables>;
export const MemoryByKeyDocument = {"__meta__":{"hash":"sha256:0740ef330e1c651379738ac13d239f4d9e05ea7f9b56ea9f113445268265443a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemoryByKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"namespace"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memoryByKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"namespace"},"value":{"kind":"Variable","name":{"kind":"Name","value":"namespace"}}},{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MemoryItemFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MemoryItemFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MemoryItem"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"namespace"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]} as unknown as DocumentNode<MemoryByKeyQuery, MemoryByKeyQueryVariables>;
export const MemorySearchDocument = {"__meta__":{"hash":"sha256:44e60e2fa63c035442062697d1b30263811c8cce8bf5464b53987eff960b897c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemorySearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MemorySearchMode"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"MemoryFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"minScore"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"searchMemory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"mode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mode"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"minScore"},"value":{"kind":"Variable","name":{"kind":"Name","value":"minScore"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"notEmbedded"}},{"kind":"Field","name":{"kind":"Name","value":"hits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"lexicalRank"}},{"kind":"Field","name":{"kind":"Name","value":"lexicalScore"}},{"kind":"Field","name":{"kind":"Name","value":"semanticRank"}},{"kind":"Field","name":{"kind":"Name","value":"semanticSimilarity"}},{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"embeddingStatus"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MemorySearchQuery, MemorySearchQueryVariables>;
export const MemoryDeleteDocument = {"__meta__":{"hash":"sha256:f8bbebd8cde8e3885ada7905ac494e640f4edd7a50988f7a3bea3a9cd2111fed"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MemoryDelete"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteMemory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<MemoryDeleteMutation, MemoryDeleteMutationVariables>;
export const MemoryBulkDocument = {"__meta__":{"hash":"sha256:9011c463938dc90b1c6be10861891c7fcc4b8a7fa35206398fda2b0d56da2f62"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MemoryBulk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"operations"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MemoryOperationInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bulkMemory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"operations"},"value":{"kind":"Variable","name":{"kind":"Name","value":"operations"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stored"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}}]}}]}}]} as unknown as DocumentNode<MemoryBulkMutation, MemoryBulkMutationVariables>;
export const MemoryLinksDocument = {"__meta__":{"hash":"sha256:19910581f20eef8810bff0cbbd6d057b7099bda2c738236fdadacb29426f4074"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemoryLinks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<MemoryLinksQuery, MemoryLinksQueryVariables>;
export const MemoryStartSessionDocument = {"__meta__":{"hash":"sha256:40fff744205f9e3864dee6158a8e2e2baaa95e8efe94d5d5aa122799cab44557"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MemoryStartSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<MemoryStartSessionMutation, MemoryStartSessionMutationVariables>;
export const MemoryOfSessionDocument = {"__meta__":{"hash":"sha256:f8304743331464cc4ddf8251adb56feecb480009523221de1578ac3db6203b8c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemoryOfSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"namespace"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"memories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"namespace"},"value":{"kind":"Variable","name":{"kind":"Name","value":"namespace"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}}]} as unknown as DocumentNode<MemoryOfSessionQuery, MemoryOfSessionQueryVariables>;
export const MemoryOfSessionsDocument = {"__meta__":{"hash":"sha256:c4309179492c1c0378a5c74746487e8b18fca1d92a2b2da2551ebcc5db57251f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MemoryOfSessions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"perSession"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"memories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"perSession"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MemoryOfSessionsQuery, MemoryOfSessionsQueryVariables>;
export const OrchestrationRegisterAgentDocument = {"__meta__":{"hash":"sha256:05960a0eb030e0af517218633e39a2ad08079b383e22b5472835436dfea52c45"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OrchestrationRegisterAgent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterAgentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerAgent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"instructions"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<OrchestrationRegisterAgentMutation, OrchestrationRegisterAgentMutationVariables>;
export const OrchestrationAgentDocument = {"__meta__":{"hash":"sha256:f32db8336a9e72e5492987df29d91730ad477e53a13c7a5fe0afc4a7c67bd175"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationAgent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"model"}}]}}]}}]} as unknown as DocumentNode<OrchestrationAgentQuery, OrchestrationAgentQueryVariables>;
export const OrchestrationCreateWorkflowDocument = {"__meta__":{"hash":"sha256:ce9875944b1067b9cc2969cc9a248dc8e8d5ddea639e8977bb5c4d33764db904"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OrchestrationCreateWorkflow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWorkflowInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWorkflow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dependsOn"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"when"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutMs"}},{"kind":"Field","name":{"kind":"Name","value":"retry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maxAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"initialIntervalMs"}},{"kind":"Field","name":{"kind":"Name","value":"backoffCoefficient"}},{"kind":"Field","name":{"kind":"Name","value":"maxIntervalMs"}},{"kind":"Field","name":{"kind":"Name","value":"nonRetryableErrorCodes"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationCreateWorkflowMutation, OrchestrationCreateWorkflowMutationVariables>;
export const OrchestrationWorkflowDocument = {"__meta__":{"hash":"sha256:a384450dc2b7a3de16232bea6fa6b5ae43ee5f14beeacad39a5c0b808ced8b4c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationWorkflow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationWorkflowQuery, OrchestrationWorkflowQueryVariables>;
export const OrchestrationStartRunDocument = {"__meta__":{"hash":"sha256:3f7fe36d3c0c5e9357ce8ffb4c8f2e399fa9b28e7c7ff7394b3f097032aa1fe4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OrchestrationStartRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartWorkflowRunInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startWorkflowRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrchestrationRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrchestrationRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorkflowRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"workflowVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stepId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"routingDecision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationStartRunMutation, OrchestrationStartRunMutationVariables>;
export const OrchestrationRunDocument = {"__meta__":{"hash":"sha256:535fdb6e25ee4574c3a331ee264f57f3901f83d646cb33613a8e07af60c3810c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrchestrationRunFields"}},{"kind":"Field","name":{"kind":"Name","value":"workflow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"stepId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrchestrationRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorkflowRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"workflowVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stepId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"routingDecision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationRunQuery, OrchestrationRunQueryVariables>;
export const OrchestrationWorkflowEventsDocument = {"__meta__":{"hash":"sha256:2f7b8600f62d8a23b8e57bce5dcc5f96f232333525b2b3d8013a5c86c3d156f7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationWorkflowEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"workflowId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"workflowId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"workflowId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"runId"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"stepId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationWorkflowEventsQuery, OrchestrationWorkflowEventsQueryVariables>;
export const OrchestrationRunsDocument = {"__meta__":{"hash":"sha256:6e979cd11bfb715a2f98e611f54196329a0d657c2850804f918fa678ec317c16"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WorkflowRunFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationRunsQuery, OrchestrationRunsQueryVariables>;
export const OrchestrationCancelRunDocument = {"__meta__":{"hash":"sha256:3b2ddd6f825f4bed41973ae78f04a156e4f15dcb8b6be6f9b153c63c1b87a52b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OrchestrationCancelRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelWorkflowRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrchestrationRunFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrchestrationRunFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WorkflowRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"workflowVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stepId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"routingDecision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationCancelRunMutation, OrchestrationCancelRunMutationVariables>;
export const OrchestrationSignalRunDocument = {"__meta__":{"hash":"sha256:9eec4870350e65d1e1260bbfd148f784fbef6f27fff47cf6f4c01c8b9add0b6b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OrchestrationSignalRun"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"payload"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signalWorkflowRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"payload"},"value":{"kind":"Variable","name":{"kind":"Name","value":"payload"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<OrchestrationSignalRunMutation, OrchestrationSignalRunMutationVariables>;
export const OrchestrationUpsertModelDocument = {"__meta__":{"hash":"sha256:b0165c6821b7e5d1f43c5045fa18d5dfb4ad57a0e3ffbe38e11597285212fa75"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OrchestrationUpsertModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}}]}}]}}]} as unknown as DocumentNode<OrchestrationUpsertModelMutation, OrchestrationUpsertModelMutationVariables>;
export const OrchestrationStartSessionDocument = {"__meta__":{"hash":"sha256:06b6cc2d33d06dc3e7f969163dcdf72cfdd1b594942bc9701106e47ca4865a83"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OrchestrationStartSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<OrchestrationStartSessionMutation, OrchestrationStartSessionMutationVariables>;
export const OrchestrationSessionRunsDocument = {"__meta__":{"hash":"sha256:c0371df4d6917f26e9d705c400770672e9dd5a846a15f59e06fa2c8c7f523703"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationSessionRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"workflow"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationSessionRunsQuery, OrchestrationSessionRunsQueryVariables>;
export const OrchestrationRoutingDecisionDocument = {"__meta__":{"hash":"sha256:3d78b980a28da2b338f0736d25f8c74007a6961b7a4f47776f884bf93526abd4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationRoutingDecision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routingDecision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationRoutingDecisionQuery, OrchestrationRoutingDecisionQueryVariables>;
export const OrchestrationMemoryByKeyDocument = {"__meta__":{"hash":"sha256:09af9f840ee870062f62ad18f80d51fee044f0d1a67d14f16fffc0867247de15"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationMemoryByKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"namespace"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memoryByKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"namespace"},"value":{"kind":"Variable","name":{"kind":"Name","value":"namespace"}}},{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}}]}}]}}]} as unknown as DocumentNode<OrchestrationMemoryByKeyQuery, OrchestrationMemoryByKeyQueryVariables>;
export const OrchestrationRunDetailDocument = {"__meta__":{"hash":"sha256:38b3832b7c17a06798404959fae5ba65606a167181df31b897855660f11e476a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationRunDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowRun"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"workflowId"}},{"kind":"Field","name":{"kind":"Name","value":"workflowVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutMs"}},{"kind":"Field","name":{"kind":"Name","value":"deadlineAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrchestrationStepRunDetailFields"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrchestrationStepRunDetailFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"stepId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrchestrationStepRunDetailFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StepRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stepId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"itemIndex"}},{"kind":"Field","name":{"kind":"Name","value":"readyAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"workerId"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]} as unknown as DocumentNode<OrchestrationRunDetailQuery, OrchestrationRunDetailQueryVariables>;
export const OrchestrationCreateWorkflowFromDocument = {"__meta__":{"hash":"sha256:d1b60ddac1a90964f885764fe86cb1c17abe07bc9a5127c2fcdc42f664b43fde"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OrchestrationCreateWorkflowFrom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWorkflowInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWorkflow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutMs"}}]}}]}}]} as unknown as DocumentNode<OrchestrationCreateWorkflowFromMutation, OrchestrationCreateWorkflowFromMutationVariables>;
export const OrchestrationUpdateWorkflowDocument = {"__meta__":{"hash":"sha256:1694d2427764875b011ec5f198e353f32b988a340ce79c620f80c2668bc9ef17"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OrchestrationUpdateWorkflow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWorkflowInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateWorkflow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutMs"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"config"}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationUpdateWorkflowMutation, OrchestrationUpdateWorkflowMutationVariables>;
export const OrchestrationWorkflowVersionDocument = {"__meta__":{"hash":"sha256:6f59eb8ca57320a5bd95523979942dad5c7048100ce7fe6bff1aeb67ebb657e4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationWorkflowVersion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutMs"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"config"}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationWorkflowVersionQuery, OrchestrationWorkflowVersionQueryVariables>;
export const OrchestrationRunDetailsDocument = {"__meta__":{"hash":"sha256:6c40c8bd972a3aec81ddb9c1ad70b2414544b177f8cd4283c6e092e8e680eaa8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationRunDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WorkflowRunFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflowRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OrchestrationStepRunDetailFields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OrchestrationStepRunDetailFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StepRun"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stepId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"itemIndex"}},{"kind":"Field","name":{"kind":"Name","value":"readyAt"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"input"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"workerId"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]} as unknown as DocumentNode<OrchestrationRunDetailsQuery, OrchestrationRunDetailsQueryVariables>;
export const OrchestrationWorkflowVersionDetailDocument = {"__meta__":{"hash":"sha256:7dc255389ea144d43cbae0e25c7cc1c4ab4ab1a41913a6bab55a78585c94c932"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrchestrationWorkflowVersionDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workflow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutMs"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dependsOn"}},{"kind":"Field","name":{"kind":"Name","value":"config"}},{"kind":"Field","name":{"kind":"Name","value":"when"}},{"kind":"Field","name":{"kind":"Name","value":"timeoutMs"}},{"kind":"Field","name":{"kind":"Name","value":"retry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maxAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"initialIntervalMs"}},{"kind":"Field","name":{"kind":"Name","value":"backoffCoefficient"}},{"kind":"Field","name":{"kind":"Name","value":"maxIntervalMs"}},{"kind":"Field","name":{"kind":"Name","value":"jitter"}},{"kind":"Field","name":{"kind":"Name","value":"nonRetryableErrorCodes"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrchestrationWorkflowVersionDetailQuery, OrchestrationWorkflowVersionDetailQueryVariables>;
export const ListProvidersDocument = {"__meta__":{"hash":"sha256:00dcc7cfeabe2ee3059822ed6e6d8d934151bf07955cf2e95f56435281bf826a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListProviders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProviderFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProviderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"hasApiKey"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyHint"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<ListProvidersQuery, ListProvidersQueryVariables>;
export const UpsertProviderDocument = {"__meta__":{"hash":"sha256:af131d8d7c38963629457d89f9cf2f21f639a5d19496b4838fd9e746a1713e46"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertProvider"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProviderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertProvider"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProviderFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProviderFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Provider"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"hasApiKey"}},{"kind":"Field","name":{"kind":"Name","value":"apiKeyHint"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<UpsertProviderMutation, UpsertProviderMutationVariables>;
export const DeleteProviderDocument = {"__meta__":{"hash":"sha256:52302d54310e1e1d3437ebfa874fc092741b937ab8f5891421b112a15cb761a1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteProvider"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteProvider"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}]}}]} as unknown as DocumentNode<DeleteProviderMutation, DeleteProviderMutationVariables>;
export const UpsertProviderModelDocument = {"__meta__":{"hash":"sha256:84e5ab9de168b3f1b0042af05ee48f4a636cb9305094c2a9943b687aca68b9a0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertProviderModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"group"}}]}}]}}]} as unknown as DocumentNode<UpsertProviderModelMutation, UpsertProviderModelMutationVariables>;
export const ListModelGroupsDocument = {"__meta__":{"hash":"sha256:d99d6d38c22b7503ce87a2449b58df90e8fda8e01f375d866db2b48d200811cb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListModelGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"}},{"kind":"Field","name":{"kind":"Name","value":"deployments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}}]}}]}}]}}]} as unknown as DocumentNode<ListModelGroupsQuery, ListModelGroupsQueryVariables>;
export const UpsertModelGroupDocument = {"__meta__":{"hash":"sha256:989a456a1cdc8b528dfd0d92e1323bab85ff25b7959a2ade26a352b2faa0e230"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertModelGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelGroupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertModelGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"}},{"kind":"Field","name":{"kind":"Name","value":"deployments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<UpsertModelGroupMutation, UpsertModelGroupMutationVariables>;
export const GetRouterSettingsDocument = {"__meta__":{"hash":"sha256:c6bbe1129924484fc7bdf7e00cf6c84aaf1f6913b91953bb3833f61940f2b110"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GetRouterSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routerSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RouterSettingsFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RouterSettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RouterSettings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fallbacks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"fallbacks"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contextWindowFallbacks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"fallbacks"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contentPolicyFallbacks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"fallbacks"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"dailyBudgetUsd"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBudgetUsd"}},{"kind":"Field","name":{"kind":"Name","value":"spentTodayUsd"}},{"kind":"Field","name":{"kind":"Name","value":"spentThisMonthUsd"}}]}}]} as unknown as DocumentNode<GetRouterSettingsQuery, GetRouterSettingsQueryVariables>;
export const UpdateRouterSettingsDocument = {"__meta__":{"hash":"sha256:3b04a2933ed167bf67f76629c4ef5b2ec9edf2eb52340b38935fad2a74e4b1ab"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateRouterSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RouterSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateRouterSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RouterSettingsFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RouterSettingsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RouterSettings"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fallbacks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"fallbacks"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contextWindowFallbacks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"fallbacks"}}]}},{"kind":"Field","name":{"kind":"Name","value":"contentPolicyFallbacks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"fallbacks"}}]}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"dailyBudgetUsd"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyBudgetUsd"}},{"kind":"Field","name":{"kind":"Name","value":"spentTodayUsd"}},{"kind":"Field","name":{"kind":"Name","value":"spentThisMonthUsd"}}]}}]} as unknown as DocumentNode<UpdateRouterSettingsMutation, UpdateRouterSettingsMutationVariables>;
export const UpsertModelDocument = {"__meta__":{"hash":"sha256:90030926961168edc0622d2709b8304598d88a397fbdcf522e4b91b93d0cd769"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RoutingModelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RoutingModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"inputCostPer1kTokensUsd"}},{"kind":"Field","name":{"kind":"Name","value":"outputCostPer1kTokensUsd"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"quality"}},{"kind":"Field","name":{"kind":"Name","value":"contextWindowTokens"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<UpsertModelMutation, UpsertModelMutationVariables>;
export const ListModelsDocument = {"__meta__":{"hash":"sha256:74724d5572282c611b90cc4f77170c7ec7c1110f481b92bd605b1bbab79f8d6f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListModels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RoutingModelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RoutingModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ModelProfile"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"inputCostPer1kTokensUsd"}},{"kind":"Field","name":{"kind":"Name","value":"outputCostPer1kTokensUsd"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"quality"}},{"kind":"Field","name":{"kind":"Name","value":"contextWindowTokens"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"successRate"}},{"kind":"Field","name":{"kind":"Name","value":"outcomeCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<ListModelsQuery, ListModelsQueryVariables>;
export const RouteRequestDocument = {"__meta__":{"hash":"sha256:ce170338c2ee039c9eaebaaa5e881e03a6cec5af5fb69cb14baa418d19e045b8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RouteRequest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RouteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"route"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RoutingDecisionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RoutingDecisionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RoutingDecision"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"weights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"latency"}},{"kind":"Field","name":{"kind":"Name","value":"quality"}}]}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"costScore"}},{"kind":"Field","name":{"kind":"Name","value":"latencyScore"}},{"kind":"Field","name":{"kind":"Name","value":"qualityScore"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"excludedReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<RouteRequestMutation, RouteRequestMutationVariables>;
export const RecordRoutingOutcomeDocument = {"__meta__":{"hash":"sha256:4045a8dff9a9f2c1bb5d0178fa8d3802893a5ecfeee7e845c1d8e06a9fd14c5c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordRoutingOutcome"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"decisionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"outcome"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RoutingOutcomeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordRoutingOutcome"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"decisionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"decisionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"outcome"},"value":{"kind":"Variable","name":{"kind":"Name","value":"outcome"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RoutingDecisionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RoutingDecisionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RoutingDecision"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"weights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"latency"}},{"kind":"Field","name":{"kind":"Name","value":"quality"}}]}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"costScore"}},{"kind":"Field","name":{"kind":"Name","value":"latencyScore"}},{"kind":"Field","name":{"kind":"Name","value":"qualityScore"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"excludedReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<RecordRoutingOutcomeMutation, RecordRoutingOutcomeMutationVariables>;
export const GetRoutingDecisionDocument = {"__meta__":{"hash":"sha256:be2046b54809857c693d8f1930dcab9b28cc5b6178323ba0812cb300a8c4958f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GetRoutingDecision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routingDecision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RoutingDecisionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RoutingDecisionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RoutingDecision"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"weights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"latency"}},{"kind":"Field","name":{"kind":"Name","value":"quality"}}]}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"costScore"}},{"kind":"Field","name":{"kind":"Name","value":"latencyScore"}},{"kind":"Field","name":{"kind":"Name","value":"qualityScore"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"excludedReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"success"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"inputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"outputTokens"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<GetRoutingDecisionQuery, GetRoutingDecisionQueryVariables>;
export const RoutingDecisionSessionDocument = {"__meta__":{"hash":"sha256:b63db48121dc4f4bdc146b3dfbbf2a2fc876c984ae920404d5466cb0075e2219"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RoutingDecisionSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"routingDecision"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}}]}}]}}]} as unknown as DocumentNode<RoutingDecisionSessionQuery, RoutingDecisionSessionQueryVariables>;
export const SessionRoutingSummaryDocument = {"__meta__":{"hash":"sha256:e9340146789a9436377b0710f0794a571760795f4ca6c7f70e86ac7c5c14cfc1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SessionRoutingSummary"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"routingDecisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedCostUsd"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"outcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"costUsd"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SessionRoutingSummaryQuery, SessionRoutingSummaryQueryVariables>;
export const ListSessionsRoutingDocument = {"__meta__":{"hash":"sha256:41ada50746043cd5dd54f31997d0520fd3edaab76756afa46d5f7562e6455c8a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListSessionsRouting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"routingDecisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ListSessionsRoutingQuery, ListSessionsRoutingQueryVariables>;
export const StartSessionDocument = {"__meta__":{"hash":"sha256:de0083cf4517260f5de81b81ff2964af07489ae0f1498295ae9fbee52ff6d53b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionCoreFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionCoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}}]}}]} as unknown as DocumentNode<StartSessionMutation, StartSessionMutationVariables>;
export const EndSessionDocument = {"__meta__":{"hash":"sha256:d0ce507083a7c8602a41cd9257a18d11606bec3a8a1e510fc590d93c83801ae5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionCoreFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionCoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}}]}}]} as unknown as DocumentNode<EndSessionMutation, EndSessionMutationVariables>;
export const AppendTranscriptDocument = {"__meta__":{"hash":"sha256:45485bf831dec9e305712305367e1a043daf82d755c9f22deff363a4397ecbee"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AppendTranscript"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segments"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TranscriptSegmentInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appendTranscript"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"segments"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segments"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TranscriptSegmentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TranscriptSegmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TranscriptSegment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"startMs"}},{"kind":"Field","name":{"kind":"Name","value":"endMs"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<AppendTranscriptMutation, AppendTranscriptMutationVariables>;
export const AddTranslationDocument = {"__meta__":{"hash":"sha256:0e1d4181421e056576b0eb285428e88edfc722e9e722654a3d4f6ad746acd3e8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddTranslation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"language"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addTranslation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"segmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"language"},"value":{"kind":"Variable","name":{"kind":"Name","value":"language"}}},{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"segmentId"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<AddTranslationMutation, AddTranslationMutationVariables>;
export const GetSessionDocument = {"__meta__":{"hash":"sha256:8bc49ec57bd41c391789c3bc691727868552d45e61fc9120413c3977cc7e47ba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GetSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionCoreFields"}},{"kind":"Field","name":{"kind":"Name","value":"transcript"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TranscriptSegmentFields"}},{"kind":"Field","name":{"kind":"Name","value":"translations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionCoreFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TranscriptSegmentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TranscriptSegment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sessionId"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"startMs"}},{"kind":"Field","name":{"kind":"Name","value":"endMs"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<GetSessionQuery, GetSessionQueryVariables>;
export const ListSessionsDocument = {"__meta__":{"hash":"sha256:a64ffa905f5069ce5e94a40378fa617df6eca00b62996220ce74f7ceb5b5a9f7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListSessions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ListSessionsQuery, ListSessionsQueryVariables>;
export const ListSessionTranscriptsDocument = {"__meta__":{"hash":"sha256:0e1de957a8fec888532aa21efa35ba22651df5f49f92df030fc3bb973b700972"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListSessionTranscripts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"transcript"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"translations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"language"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ListSessionTranscriptsQuery, ListSessionTranscriptsQueryVariables>;