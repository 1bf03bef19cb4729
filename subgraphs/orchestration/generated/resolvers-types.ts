/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Agent as AgentRecord } from '../entities/agent.ts';
import type { Workflow as WorkflowRecord } from '../entities/workflow.ts';
import type { WorkflowRun as WorkflowRunRecord } from '../entities/workflow-run.ts';
import type { StepRun as StepRunRecord } from '../entities/step-run.ts';
import type { StepAttempt as StepAttemptRecord } from '../entities/step-attempt.ts';
import type { WorkflowEvent as WorkflowEventRecord } from '../entities/workflow-event.ts';
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

/** An AI agent: a name, instructions and a preferred model. */
export type Agent = {
  __typename?: 'Agent';
  config?: Maybe<Scalars['JSON']['output']>;
  createdAt: Scalars['DateTime']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  instructions?: Maybe<Scalars['String']['output']>;
  /** Preferred model name, if any. */
  model?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
};

/**
 * Who may share a cached response: `PUBLIC`, every request of the same tenant and scopes; `PRIVATE`, only the same
 * subject's. (Responses are never shared across tenants.)
 */
export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

export type CreateWorkflowInput = {
  /** 1–200 characters. */
  name: Scalars['String']['input'];
  /** 1 to 100 steps. */
  steps: Array<StepInput>;
  /** Default timeout of a run, in ms: 1 to 604,800,000 (7 days). Null = none. */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Cancels a run that has not finished; in-flight steps are aborted. CONFLICT if it already finished. */
  cancelWorkflowRun: WorkflowRun;
  /** Validates and stores a workflow: unknown kinds, unknown or cyclic dependencies are BAD_USER_INPUT. */
  createWorkflow: Workflow;
  registerAgent: Agent;
  /**
   * Delivers a named signal (with an optional payload) to a run that has not finished; a `wait` step waiting for that
   * name completes with the payload. `name`: 1–200 characters; `payload`: at most 262,144 bytes of JSON.
   * CONFLICT if the run already finished.
   */
  signalWorkflowRun: WorkflowRun;
  /**
   * Starts a run of a workflow's latest version; its steps execute in dependency order, independent steps in parallel,
   * on the workers of the run's task queue. With an `idempotencyKey` used in the last 24 hours, returns that run.
   */
  startWorkflowRun: WorkflowRun;
  /**
   * Changes a workflow: validates the new definition like `createWorkflow` and stores it as the next version. Runs
   * already started keep executing the version they started with; new runs use the new one.
   */
  updateWorkflow: Workflow;
};


export type MutationCancelWorkflowRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateWorkflowArgs = {
  input: CreateWorkflowInput;
};


export type MutationRegisterAgentArgs = {
  input: RegisterAgentInput;
};


export type MutationSignalWorkflowRunArgs = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  payload?: InputMaybe<Scalars['JSON']['input']>;
};


export type MutationStartWorkflowRunArgs = {
  input: StartWorkflowRunInput;
};


export type MutationUpdateWorkflowArgs = {
  id: Scalars['ID']['input'];
  input: CreateWorkflowInput;
};

/** Relay-style page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  agent?: Maybe<Agent>;
  /** A workflow by id: its latest version, or the given `version`. */
  workflow?: Maybe<Workflow>;
  /**
   * The tenant's events (of one workflow, when `workflowId` is given) with a cursor greater than `after` (from the first
   * when absent), in cursor order: the replay of `Subscription.workflowEvents` from Postgres. Page on with the last
   * cursor as `after`. At most `first` events: default 100, max 1000. BAD_USER_INPUT when `first` is outside 1..1000
   * or `after` is not an event cursor (a decimal integer).
   */
  workflowEvents: Array<WorkflowEvent>;
  workflowRun?: Maybe<WorkflowRun>;
  /** The tenant's runs, newest first. `first` defaults to 20, at most 100; `after` is an `endCursor`. */
  workflowRuns: WorkflowRunConnection;
};


export type QueryAgentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkflowArgs = {
  id: Scalars['ID']['input'];
  version?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryWorkflowEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  workflowId?: InputMaybe<Scalars['ID']['input']>;
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
  /** At most 65,536 bytes of JSON. */
  config?: InputMaybe<Scalars['JSON']['input']>;
  /** At most 2,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** At most 65,536 characters. */
  instructions?: InputMaybe<Scalars['String']['input']>;
  /** At most 200 characters. */
  model?: InputMaybe<Scalars['String']['input']>;
  /** 1–200 characters. */
  name: Scalars['String']['input'];
};

export type RetryPolicy = {
  __typename?: 'RetryPolicy';
  backoffCoefficient: Scalars['Float']['output'];
  initialIntervalMs: Scalars['Int']['output'];
  jitter: Scalars['Float']['output'];
  maxAttempts: Scalars['Int']['output'];
  maxIntervalMs: Scalars['Int']['output'];
  nonRetryableErrorCodes: Array<Scalars['String']['output']>;
};

export type RetryPolicyInput = {
  /** Factor applied to the delay after each attempt, ≥ 1. Default 2. */
  backoffCoefficient?: InputMaybe<Scalars['Float']['input']>;
  /** Delay before the second attempt, in ms, > 0. Default 1000. */
  initialIntervalMs?: InputMaybe<Scalars['Int']['input']>;
  /** Random spread of each delay, as a fraction: the delay is multiplied by a factor in [1 − jitter, 1 + jitter]. 0 to 1, default 0.2. */
  jitter?: InputMaybe<Scalars['Float']['input']>;
  /** Attempts in all, 1 to 20. Default 3. */
  maxAttempts?: InputMaybe<Scalars['Int']['input']>;
  /** Largest delay, in ms, ≥ initialIntervalMs. Default 100 × initialIntervalMs. */
  maxIntervalMs?: InputMaybe<Scalars['Int']['input']>;
  /** Step error codes that fail the step at once (e.g. HTTP_STATUS, EXPRESSION); see docs/workflow-engine.md. */
  nonRetryableErrorCodes?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type RoutingDecision = {
  __typename?: 'RoutingDecision';
  id: Scalars['ID']['output'];
};

export type Session = {
  __typename?: 'Session';
  id: Scalars['ID']['output'];
  /** Runs started for the session, newest first (at most `first`, default 20, max 100). */
  runs: Array<WorkflowRun>;
};


export type SessionRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type StartWorkflowRunInput = {
  /** 1–200 characters. The same key within 24 hours returns the run it started (CONFLICT if that run is of another workflow). */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** At most 262,144 bytes of JSON. */
  input?: InputMaybe<Scalars['JSON']['input']>;
  /** -1000 to 1000, default 0; steps of higher-priority runs are taken first. */
  priority?: InputMaybe<Scalars['Int']['input']>;
  /** A session id (a UUID). */
  sessionId?: InputMaybe<Scalars['ID']['input']>;
  /** Run timeout, in ms (1 to 604,800,000); overrides the workflow's `timeoutMs`. */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
  workflowId: Scalars['ID']['input'];
};

/**
 * One attempt of a step. `LOST`: its worker died (lease expired) and the step was re-queued; `DISCARDED`: it finished
 * after another attempt had taken over, and its result was dropped.
 */
export type StepAttempt = {
  __typename?: 'StepAttempt';
  attempt: Scalars['Int']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** The step error code (see docs/workflow-engine.md), for failed attempts. */
  errorCode?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  startedAt: Scalars['DateTime']['output'];
  status: StepAttemptStatus;
  /** The worker process that ran it. */
  workerId?: Maybe<Scalars['String']['output']>;
};

export type StepAttemptStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'DISCARDED'
  | 'FAILED'
  | 'LOST'
  | 'RUNNING'
  | 'TIMED_OUT';

export type StepDefinition = {
  __typename?: 'StepDefinition';
  config?: Maybe<Scalars['JSON']['output']>;
  dependsOn: Array<Scalars['String']['output']>;
  id: Scalars['String']['output'];
  /** One of transform, http, llm, memory.store, memory.search, memory.extract, wait, map. */
  kind: Scalars['String']['output'];
  retry?: Maybe<RetryPolicy>;
  timeoutMs?: Maybe<Scalars['Int']['output']>;
  /** JSONata condition on `{ input, steps }`; the step is SKIPPED when it is false. */
  when?: Maybe<Scalars['String']['output']>;
};

export type StepInput = {
  /** The kind's config (see docs/workflow-expressions.md); strings may hold `{{ expr }}` JSONata templates. */
  config?: InputMaybe<Scalars['JSON']['input']>;
  /** Ids of other steps of the workflow that must be done (COMPLETED or SKIPPED) first. */
  dependsOn?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Unique within the workflow: letters, digits, `_` and `-`, at most 64 characters. */
  id: Scalars['String']['input'];
  /** One of transform, http, llm, memory.store, memory.search, memory.extract, wait, map (see docs/workflow-engine.md). */
  kind: Scalars['String']['input'];
  retry?: InputMaybe<RetryPolicyInput>;
  /** Timeout of one attempt, in ms: 1 to 3,600,000; of a `wait` step, how long it waits (unless its `config.timeoutMs` says): 1 to 604,800,000 (7 days). */
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
  /** JSONata condition; the step is SKIPPED when it is falsy. */
  when?: InputMaybe<Scalars['String']['input']>;
};

/** The execution of one step of a run. */
export type StepRun = {
  __typename?: 'StepRun';
  /** Attempts made so far (1 for the first). */
  attempt: Scalars['Int']['output'];
  /** Every attempt, oldest first, with its outcome. */
  attempts: Array<StepAttempt>;
  durationMs?: Maybe<Scalars['Int']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  input?: Maybe<Scalars['JSON']['output']>;
  /** For an item of a `map` step: its position in the list (0-based). */
  itemIndex?: Maybe<Scalars['Int']['output']>;
  /** For a `map` step: one step run per item, in item order. */
  items: Array<StepRun>;
  kind: Scalars['String']['output'];
  /** While a retry waits for its backoff: the earliest time of the next attempt. */
  notBefore?: Maybe<Scalars['DateTime']['output']>;
  output?: Maybe<Scalars['JSON']['output']>;
  /** When the step became ready to run (its dependencies done). */
  readyAt?: Maybe<Scalars['DateTime']['output']>;
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

/** A workflow: a directed acyclic graph of named steps. */
export type Workflow = {
  __typename?: 'Workflow';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The workflow's runs, newest first (at most `first`, default 20, max 100). */
  runs: Array<WorkflowRun>;
  steps: Array<StepDefinition>;
  /** Default run timeout of this version, in ms (null = none). */
  timeoutMs?: Maybe<Scalars['Int']['output']>;
  /** When this version was written. */
  updatedAt: Scalars['DateTime']['output'];
  /** 1 for a new workflow, +1 at each `updateWorkflow`. */
  version: Scalars['Int']['output'];
};


/** A workflow: a directed acyclic graph of named steps. */
export type WorkflowRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A state change of a run, in its tenant's cursor order. */
export type WorkflowEvent = {
  __typename?: 'WorkflowEvent';
  /** When the event was recorded: the time its row was written, inside the transaction that made the change (ms precision). */
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

/** One execution of a workflow. */
export type WorkflowRun = {
  __typename?: 'WorkflowRun';
  createdAt: Scalars['DateTime']['output'];
  deadlineAt?: Maybe<Scalars['DateTime']['output']>;
  error?: Maybe<Scalars['String']['output']>;
  /** The run's events in cursor order (after `after`, if given). */
  events: Array<WorkflowEvent>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  input?: Maybe<Scalars['JSON']['output']>;
  /** Outputs of the steps no other step depends on, by step id. */
  output?: Maybe<Scalars['JSON']['output']>;
  priority: Scalars['Int']['output'];
  /** The task queue whose workers execute the run's steps. */
  queue: Scalars['String']['output'];
  session?: Maybe<Session>;
  sessionId?: Maybe<Scalars['ID']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: WorkflowRunStatus;
  /** The run's steps in definition order (the items of a `map` step are under its `items`). */
  steps: Array<StepRun>;
  /** The run's timeout, in ms (null = none); past `deadlineAt` it ends TIMED_OUT. */
  timeoutMs?: Maybe<Scalars['Int']['output']>;
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
  Session: Session;
  Workflow: Workflow;
  WorkflowRun: WorkflowRun;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Agent:
    ( { __typename: 'Agent' }
    & GraphQLRecursivePick<FederationTypes['Agent'], {"id":true}> );
  Session:
    ( { __typename: 'Session' }
    & GraphQLRecursivePick<FederationTypes['Session'], {"id":true}> );
  Workflow:
    ( { __typename: 'Workflow' }
    & GraphQLRecursivePick<FederationTypes['Workflow'], {"id":true}> );
  WorkflowRun:
    ( { __typename: 'WorkflowRun' }
    & GraphQLRecursivePick<FederationTypes['WorkflowRun'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Agent: ResolverTypeWrapper<AgentRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CacheControlScope: CacheControlScope;
  CreateWorkflowInput: CreateWorkflowInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterAgentInput: RegisterAgentInput;
  RetryPolicy: ResolverTypeWrapper<RetryPolicy>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  RetryPolicyInput: RetryPolicyInput;
  RoutingDecision: ResolverTypeWrapper<EntityReferenceRecord>;
  Session: ResolverTypeWrapper<EntityReferenceRecord>;
  StartWorkflowRunInput: StartWorkflowRunInput;
  StepAttempt: ResolverTypeWrapper<StepAttemptRecord>;
  StepAttemptStatus: StepAttemptStatus;
  StepDefinition: ResolverTypeWrapper<StepDefinition>;
  StepInput: StepInput;
  StepRun: ResolverTypeWrapper<StepRunRecord>;
  StepRunStatus: StepRunStatus;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Workflow: ResolverTypeWrapper<WorkflowRecord>;
  WorkflowEvent: ResolverTypeWrapper<WorkflowEventRecord>;
  WorkflowEventType: WorkflowEventType;
  WorkflowRun: ResolverTypeWrapper<WorkflowRunRecord>;
  WorkflowRunConnection: ResolverTypeWrapper<Omit<WorkflowRunConnection, 'edges'> & { edges: Array<ResolversTypes['WorkflowRunEdge']> }>;
  WorkflowRunEdge: ResolverTypeWrapper<Omit<WorkflowRunEdge, 'node'> & { node: ResolversTypes['WorkflowRun'] }>;
  WorkflowRunFilter: WorkflowRunFilter;
  WorkflowRunStatus: WorkflowRunStatus;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Agent: AgentRecord;
  ID: Scalars['ID']['output'];
  CreateWorkflowInput: CreateWorkflowInput;
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RegisterAgentInput: RegisterAgentInput;
  RetryPolicy: RetryPolicy;
  Float: Scalars['Float']['output'];
  RetryPolicyInput: RetryPolicyInput;
  RoutingDecision: EntityReferenceRecord;
  Session: EntityReferenceRecord;
  StartWorkflowRunInput: StartWorkflowRunInput;
  StepAttempt: StepAttemptRecord;
  StepDefinition: StepDefinition;
  StepInput: StepInput;
  StepRun: StepRunRecord;
  Subscription: Record<PropertyKey, never>;
  Workflow: WorkflowRecord;
  WorkflowEvent: WorkflowEventRecord;
  WorkflowRun: WorkflowRunRecord;
  WorkflowRunConnection: Omit<WorkflowRunConnection, 'edges'> & { edges: Array<ResolversParentTypes['WorkflowRunEdge']> };
  WorkflowRunEdge: Omit<WorkflowRunEdge, 'node'> & { node: ResolversParentTypes['WorkflowRun'] };
  WorkflowRunFilter: WorkflowRunFilter;
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

export type AgentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Agent'] = ResolversParentTypes['Agent'], FederationReferenceType extends FederationReferenceTypes['Agent'] = FederationReferenceTypes['Agent']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Agent']> | FederationReferenceType, FederationReferenceType, ContextType>;
  config?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  instructions?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  model?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  cancelWorkflowRun?: Resolver<ResolversTypes['WorkflowRun'], ParentType, ContextType, RequireFields<MutationCancelWorkflowRunArgs, 'id'>>;
  createWorkflow?: Resolver<ResolversTypes['Workflow'], ParentType, ContextType, RequireFields<MutationCreateWorkflowArgs, 'input'>>;
  registerAgent?: Resolver<ResolversTypes['Agent'], ParentType, ContextType, RequireFields<MutationRegisterAgentArgs, 'input'>>;
  signalWorkflowRun?: Resolver<ResolversTypes['WorkflowRun'], ParentType, ContextType, RequireFields<MutationSignalWorkflowRunArgs, 'id' | 'name'>>;
  startWorkflowRun?: Resolver<ResolversTypes['WorkflowRun'], ParentType, ContextType, RequireFields<MutationStartWorkflowRunArgs, 'input'>>;
  updateWorkflow?: Resolver<ResolversTypes['Workflow'], ParentType, ContextType, RequireFields<MutationUpdateWorkflowArgs, 'id' | 'input'>>;
}>;

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  agent?: Resolver<Maybe<ResolversTypes['Agent']>, ParentType, ContextType, RequireFields<QueryAgentArgs, 'id'>>;
  workflow?: Resolver<Maybe<ResolversTypes['Workflow']>, ParentType, ContextType, RequireFields<QueryWorkflowArgs, 'id'>>;
  workflowEvents?: Resolver<Array<ResolversTypes['WorkflowEvent']>, ParentType, ContextType, Partial<QueryWorkflowEventsArgs>>;
  workflowRun?: Resolver<Maybe<ResolversTypes['WorkflowRun']>, ParentType, ContextType, RequireFields<QueryWorkflowRunArgs, 'id'>>;
  workflowRuns?: Resolver<ResolversTypes['WorkflowRunConnection'], ParentType, ContextType, Partial<QueryWorkflowRunsArgs>>;
}>;

export type RetryPolicyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RetryPolicy'] = ResolversParentTypes['RetryPolicy']> = ResolversObject<{
  backoffCoefficient?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  initialIntervalMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  jitter?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maxAttempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxIntervalMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nonRetryableErrorCodes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type RoutingDecisionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RoutingDecision'] = ResolversParentTypes['RoutingDecision']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type SessionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session'], FederationReferenceType extends FederationReferenceTypes['Session'] = FederationReferenceTypes['Session']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Session']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  runs?: Resolver<Array<ResolversTypes['WorkflowRun']>, ParentType, ContextType, Partial<SessionRunsArgs>>;
}>;

export type StepAttemptResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['StepAttempt'] = ResolversParentTypes['StepAttempt']> = ResolversObject<{
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['StepAttemptStatus'], ParentType, ContextType>;
  workerId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type StepDefinitionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['StepDefinition'] = ResolversParentTypes['StepDefinition']> = ResolversObject<{
  config?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  dependsOn?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retry?: Resolver<Maybe<ResolversTypes['RetryPolicy']>, ParentType, ContextType>;
  timeoutMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  when?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type StepRunResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['StepRun'] = ResolversParentTypes['StepRun']> = ResolversObject<{
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  attempts?: Resolver<Array<ResolversTypes['StepAttempt']>, ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  input?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  itemIndex?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['StepRun']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notBefore?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  output?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  readyAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  routingDecision?: Resolver<Maybe<ResolversTypes['RoutingDecision']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['StepRunStatus'], ParentType, ContextType>;
  stepId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  workflowEvents?: SubscriptionResolver<ResolversTypes['WorkflowEvent'], "workflowEvents", ParentType, ContextType, Partial<SubscriptionWorkflowEventsArgs>>;
  workflowRunEvents?: SubscriptionResolver<ResolversTypes['WorkflowEvent'], "workflowRunEvents", ParentType, ContextType, RequireFields<SubscriptionWorkflowRunEventsArgs, 'runId'>>;
}>;

export type WorkflowResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Workflow'] = ResolversParentTypes['Workflow'], FederationReferenceType extends FederationReferenceTypes['Workflow'] = FederationReferenceTypes['Workflow']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Workflow']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  runs?: Resolver<Array<ResolversTypes['WorkflowRun']>, ParentType, ContextType, Partial<WorkflowRunsArgs>>;
  steps?: Resolver<Array<ResolversTypes['StepDefinition']>, ParentType, ContextType>;
  timeoutMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type WorkflowEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WorkflowEvent'] = ResolversParentTypes['WorkflowEvent']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  payload?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  run?: Resolver<ResolversTypes['WorkflowRun'], ParentType, ContextType>;
  runId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  stepId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['WorkflowEventType'], ParentType, ContextType>;
  workflowId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type WorkflowRunResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WorkflowRun'] = ResolversParentTypes['WorkflowRun'], FederationReferenceType extends FederationReferenceTypes['WorkflowRun'] = FederationReferenceTypes['WorkflowRun']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['WorkflowRun']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deadlineAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['WorkflowEvent']>, ParentType, ContextType, Partial<WorkflowRunEventsArgs>>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  input?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  output?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  priority?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  queue?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['Session']>, ParentType, ContextType>;
  sessionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WorkflowRunStatus'], ParentType, ContextType>;
  steps?: Resolver<Array<ResolversTypes['StepRun']>, ParentType, ContextType>;
  timeoutMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  workflow?: Resolver<ResolversTypes['Workflow'], ParentType, ContextType>;
  workflowId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  workflowVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type WorkflowRunConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WorkflowRunConnection'] = ResolversParentTypes['WorkflowRunConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['WorkflowRunEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type WorkflowRunEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WorkflowRunEdge'] = ResolversParentTypes['WorkflowRunEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WorkflowRun'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  Agent?: AgentResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RetryPolicy?: RetryPolicyResolvers<ContextType>;
  RoutingDecision?: RoutingDecisionResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  StepAttempt?: StepAttemptResolvers<ContextType>;
  StepDefinition?: StepDefinitionResolvers<ContextType>;
  StepRun?: StepRunResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Workflow?: WorkflowResolvers<ContextType>;
  WorkflowEvent?: WorkflowEventResolvers<ContextType>;
  WorkflowRun?: WorkflowRunResolvers<ContextType>;
  WorkflowRunConnection?: WorkflowRunConnectionResolvers<ContextType>;
  WorkflowRunEdge?: WorkflowRunEdgeResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  requiresScopes?: RequiresScopesDirectiveResolver<any, any, ContextType>;
}>;
