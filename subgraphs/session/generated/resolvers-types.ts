/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Session as SessionRecord } from '../entities/session.ts';
import type { Participant as ParticipantRecord } from '../entities/participant.ts';
import type { SessionAnalytics as SessionAnalyticsRecord } from '../services/session-analytics.ts';
import type { BotStateChange as BotStateChangeRecord } from '../services/bot-state-service.ts';
import type { SessionEvent as SessionEventRecord } from '../services/session-events.ts';
import type { TranscriptSegment as TranscriptSegmentRecord } from '../entities/transcript-segment.ts';
import type { Translation as TranslationRecord } from '../entities/translation.ts';
import type { ApiKey as ApiKeyRecord } from '../entities/api-key.ts';
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
 * A partner API key of the tenant: sent as `Authorization: Bearer orch_<id>_<secret>`, it authenticates as subject
 * `apikey:<id>` with the key's scopes. The secret is shown once, by `createApiKey`; only its SHA-256 is stored.
 */
export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  /** Subject of the principal that created the key. */
  createdBy: Scalars['String']['output'];
  /** Null = never expires. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The `<id>` part of the key. */
  id: Scalars['ID']['output'];
  /** Last use, recorded at most once a minute per key (and only when a gateway verifies it, i.e. at most every 30 s of use). */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** A subset of the creator's scopes. */
  scopes: Array<Scalars['String']['output']>;
};

/**
 * The state of a BOT session's meeting bot. `ENDED` and `FAILED` are final and end the session; `endSession` moves a
 * bot in any state straight to `ENDED`.
 */
export type BotState =
  | 'ENDED'
  | 'FAILED'
  | 'IN_CALL'
  | 'JOINING'
  | 'LEAVING'
  /** Asked to join; the state a BOT session starts in. */
  | 'REQUESTED';

/** One change of a bot's state. */
export type BotStateChange = {
  __typename?: 'BotStateChange';
  at: Scalars['DateTime']['output'];
  /** Null for the session's start. */
  from?: Maybe<BotState>;
  reason?: Maybe<Scalars['String']['output']>;
  to: BotState;
};

/**
 * Who may share a cached response: `PUBLIC`, every request of the same tenant and scopes; `PRIVATE`, only the same
 * subject's. (Responses are never shared across tenants.)
 */
export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

export type CreateApiKeyInput = {
  /** Must be in the future (BAD_USER_INPUT otherwise); null = never expires. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** Each one held by the caller (FORBIDDEN naming the missing scope otherwise). */
  scopes: Array<Scalars['String']['input']>;
};

/** The result of `createApiKey`: the key itself, shown this once, and its record. */
export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  apiKey: ApiKey;
  /** The key, `orch_<id>_<secret>`: store it now, it cannot be read again. */
  key: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Adds or replaces the translation of a segment into `language` (BCP 47 tag, e.g. `fr` or `pt-BR`); `text` is 1 to
   * 10,000 characters. NOT_FOUND for an unknown segment.
   */
  addTranslation: Translation;
  /**
   * Appends 1 to 500 segments to an active session's transcript, numbered in order after the last one; all or nothing.
   * A segment whose `segmentKey` names a stored draft replaces it in place (same id and sequence, `revision` + 1); one
   * that repeats its stored segment exactly changes nothing (a retry); one that would change a final segment is a
   * CONFLICT, and so nothing of the call is written. Returns the segments in input order. NOT_FOUND for an unknown
   * session, CONFLICT for an ended one, BAD_USER_INPUT for a `segmentKey` twice in one call.
   */
  appendTranscript: Array<TranscriptSegment>;
  /**
   * Moves the bot of a BOT session to `state`: REQUESTED → JOINING → IN_CALL → LEAVING → ENDED, or from any of the first
   * four to FAILED (`reason` required, 1 to 1,000 characters, kept as `botFailureReason`). ENDED and FAILED end the
   * session (everyone present leaves). CONFLICT, naming the allowed next states in `extensions.allowed`, for any other
   * move (also when a concurrent change got there first); BAD_USER_INPUT for a USER session; NOT_FOUND for an unknown one.
   */
  changeBotState: Session;
  /** Creates an API key of the caller's tenant. FORBIDDEN for API keys and anonymous callers. */
  createApiKey: CreatedApiKey;
  /** Ends an active session. CONFLICT if it has already ended. */
  endSession: Session;
  /**
   * Adds a participant to an active session, present from now. A participant who left may join again (a new entry of
   * `participantHistory`). NOT_FOUND for an unknown session; CONFLICT for an ended session, a participant present
   * already, or 50 present.
   */
  joinSession: Participant;
  /**
   * Marks the participant whose `id` is `participantId` as left now. NOT_FOUND for an unknown session or a participant
   * not present; CONFLICT for an ended session.
   */
  leaveSession: Participant;
  /** Revokes a key: every gateway refuses it (401 UNAUTHENTICATED) from then on. NOT_FOUND if not the caller's. */
  revokeApiKey: ApiKey;
  startSession: Session;
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


export type MutationChangeBotStateArgs = {
  reason?: InputMaybe<Scalars['String']['input']>;
  sessionId: Scalars['ID']['input'];
  state: BotState;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationEndSessionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationJoinSessionArgs = {
  participant: ParticipantInput;
  sessionId: Scalars['ID']['input'];
};


export type MutationLeaveSessionArgs = {
  participantId: Scalars['String']['input'];
  sessionId: Scalars['ID']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationStartSessionArgs = {
  input: StartSessionInput;
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
  /** An id of the participant elsewhere, e.g. the meeting platform's participant id. */
  externalId?: Maybe<Scalars['String']['output']>;
  id: Scalars['String']['output'];
  joinedAt: Scalars['DateTime']['output'];
  /** Null while the participant is present. */
  leftAt?: Maybe<Scalars['DateTime']['output']>;
  role: ParticipantRole;
};

export type ParticipantInput = {
  /** At most 200 characters. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** At most 200 characters. */
  externalId?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 200 characters. */
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
  /** The caller's API keys (all the tenant's with `admin`), newest first. Never the secrets. */
  apiKeys: Array<ApiKey>;
  /**
   * Full-text search of the tenant's transcripts, or of session `sessionId`'s (NOT_FOUND if it is not the tenant's).
   * `query` (1 to 500 characters) has web-search syntax: words that must all occur, `"a phrase"`, `or`, `-excluded`;
   * words match whole and case-insensitively, in any language (no stemming). Best hits first (more and closer matches),
   * then the newest; `first` is 1 to 100 (BAD_USER_INPUT otherwise). Final segments only unless `includeDrafts`.
   */
  searchTranscripts: Array<TranscriptSearchHit>;
  /** A session of the caller's tenant, or null. */
  session?: Maybe<Session>;
  /** The tenant's sessions, newest first. `first` defaults to 20, at most 100; `after` is an `endCursor`. */
  sessions: SessionConnection;
};


export type QuerySearchTranscriptsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDrafts?: InputMaybe<Scalars['Boolean']['input']>;
  query: Scalars['String']['input'];
  sessionId?: InputMaybe<Scalars['ID']['input']>;
};


export type QuerySessionArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySessionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A conversation between users, bots and agents; memories, runs and routing decisions attach to it. */
export type Session = {
  __typename?: 'Session';
  /** Talk time, segment and word counts of the transcript, per speaker and in total. */
  analytics: SessionAnalytics;
  /** Why the bot failed, when `botState` is FAILED. */
  botFailureReason?: Maybe<Scalars['String']['output']>;
  /** The bot's state; null for USER sessions. */
  botState?: Maybe<BotState>;
  /** The bot's state changes, oldest first (the first one, from null to REQUESTED, is the session's start); empty for USER sessions. */
  botStateHistory: Array<BotStateChange>;
  /**
   * The run of `onEnd`, once started (shortly after the end; retried with backoff while the gateway or the workflow
   * is unavailable); null before, and without `onEnd`.
   */
  endRun?: Maybe<WorkflowRun>;
  /** Why `onEnd` could not be started, once the dispatcher gave up after its last attempt; null otherwise. */
  endRunError?: Maybe<Scalars['String']['output']>;
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * The session's events with a cursor greater than `after` (from the first when absent), in cursor order: the replay of
   * `Subscription.sessionEvents`. At most `first` (default 100, 1 to 1000); page on with the last cursor as `after`.
   * BAD_USER_INPUT for a `first` outside 1..1000 or an `after` that is not an event cursor.
   */
  events: Array<SessionEvent>;
  id: Scalars['ID']['output'];
  kind: SessionKind;
  metadata?: Maybe<Scalars['JSON']['output']>;
  /** The workflow started when the session ends; null for none. */
  onEnd?: Maybe<SessionEndWorkflow>;
  /** Every join of the session, with its leave, in join order: a participant who rejoined appears once per join. */
  participantHistory: Array<Participant>;
  /** Who is in the session now (joined and not left), in join order; empty once it has ended. */
  participants: Array<Participant>;
  startedAt: Scalars['DateTime']['output'];
  status: SessionStatus;
  title?: Maybe<Scalars['String']['output']>;
  /** Transcript segments in order. */
  transcript: Array<TranscriptSegment>;
};


/** A conversation between users, bots and agents; memories, runs and routing decisions attach to it. */
export type SessionEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Totals of a session's transcript. */
export type SessionAnalytics = {
  __typename?: 'SessionAnalytics';
  /** Distinct language tags of the segments, sorted. */
  languages: Array<Scalars['String']['output']>;
  segmentCount: Scalars['Int']['output'];
  /** Per speaker, most talk time first. */
  speakers: Array<SpeakerAnalytics>;
  /** Sum over segments with both offsets of `endMs - startMs`, in ms. */
  talkTimeMs: Scalars['Int']['output'];
  /** Whitespace-separated words of the segments' texts. */
  wordCount: Scalars['Int']['output'];
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

/** The workflow a session starts when it ends. */
export type SessionEndWorkflow = {
  __typename?: 'SessionEndWorkflow';
  includeTranscript: Scalars['Boolean']['output'];
  /** As given; the run's input is this plus `sessionId`. */
  input: Scalars['JSON']['output'];
  workflowId: Scalars['ID']['output'];
};

export type SessionEndWorkflowInput = {
  /**
   * Also add the transcript to the run's input, as `messages` in the shape of the `memory.extract` step's: the final
   * segments in order, each `{ role: "user", content: "<speaker>: <text>" }` — the latest 100 that fit in 196,608 bytes (less when `input` leaves less of a run's 262,144 bytes).
   */
  includeTranscript?: InputMaybe<Scalars['Boolean']['input']>;
  /** The run's input: a JSON object of at most 262,144 bytes, to which `sessionId` is added. Default `{}`. */
  input?: InputMaybe<Scalars['JSON']['input']>;
  /** The workflow (1 to 200 characters); an unknown one leaves `endRunError` after the retries. */
  workflowId: Scalars['ID']['input'];
};

/** One change of a session, as the `sessionEvents` subscription and `Session.events` deliver it. */
export type SessionEvent = {
  __typename?: 'SessionEvent';
  /** When the change was written. */
  at: Scalars['DateTime']['output'];
  /** The change of BOT_STATE_CHANGED events; null for other types. */
  botStateChange?: Maybe<BotStateChange>;
  /**
   * The event's position among the tenant's session events: a decimal integer, strictly increasing and never reused.
   * Pass it as `after` to resume.
   */
  cursor: Scalars['String']['output'];
  /**
   * The participant of PARTICIPANT_JOINED and PARTICIPANT_LEFT events: the presence the event began or ended (with its
   * `joinedAt` and `leftAt` as they are now); null for other types.
   */
  participant?: Maybe<Participant>;
  /**
   * What the event recorded when it was written: `{revision}` for SEGMENT_REVISED and SEGMENT_FINALISED, `{language}`
   * for TRANSLATION_ADDED, `{role}` for PARTICIPANT_JOINED, `{from, to, reason}` for BOT_STATE_CHANGED,
   * `{runId, workflowId}` for RUN_STARTED; null otherwise.
   */
  payload?: Maybe<Scalars['JSON']['output']>;
  /** The run of RUN_STARTED events; null for other types. */
  run?: Maybe<WorkflowRun>;
  /** The segment of SEGMENT_* and TRANSLATION_ADDED events, as it is now (its latest revision); null for other types. */
  segment?: Maybe<TranscriptSegment>;
  session: Session;
  sessionId: Scalars['ID']['output'];
  type: SessionEventType;
};

/** What happened in a session (`SessionEvent.type`). */
export type SessionEventType =
  /** The bot of a BOT session changed state (`botStateChange`). */
  | 'BOT_STATE_CHANGED'
  /** A participant joined (`payload.role`). */
  | 'PARTICIPANT_JOINED'
  | 'PARTICIPANT_LEFT'
  /** The session's `onEnd` workflow run started (`run`). */
  | 'RUN_STARTED'
  /** A segment was appended (final or draft). */
  | 'SEGMENT_ADDED'
  /** A draft was replaced by the final segment with its `segmentKey` (`payload.revision`). */
  | 'SEGMENT_FINALISED'
  /** A draft was replaced by another draft with its `segmentKey` (`payload.revision`). */
  | 'SEGMENT_REVISED'
  | 'SESSION_ENDED'
  /** A translation of a segment was added or replaced (`payload.language`). */
  | 'TRANSLATION_ADDED';

/** Who a session is with. */
export type SessionKind =
  | 'BOT'
  | 'USER';

export type SessionStatus =
  | 'ACTIVE'
  | 'ENDED';

/** What one speaker said in a session. */
export type SpeakerAnalytics = {
  __typename?: 'SpeakerAnalytics';
  segmentCount: Scalars['Int']['output'];
  speaker: Scalars['String']['output'];
  /** Sum over the speaker's segments with both offsets of `endMs - startMs`, in ms. */
  talkTimeMs: Scalars['Int']['output'];
  wordCount: Scalars['Int']['output'];
};

export type StartSessionInput = {
  kind?: SessionKind;
  /** Any JSON, at most 16 KiB encoded. */
  metadata?: InputMaybe<Scalars['JSON']['input']>;
  /**
   * A workflow to start when the session ends (by `endSession`, or its bot reaching ENDED or FAILED), e.g. one that
   * summarises the transcript into memories. The run is correlated to the session (`WorkflowRun.sessionId`,
   * `Session.endRun`) and recorded as a RUN_STARTED session event.
   */
  onEnd?: InputMaybe<SessionEndWorkflowInput>;
  /** At most 50, with distinct ids; they join at the session's start. */
  participants?: InputMaybe<Array<ParticipantInput>>;
  /** At most 200 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The session's events as they happen, each once, in cursor order: segments added, revised (a draft replaced) and
   * finalised, translations added, participants joining and leaving, bot state changes, the session's end, and runs
   * started for it. With `after` (a `cursor` received before, or a SLOW_CONSUMER error's `extensions.lastCursor`), every
   * later event of the session first — replayed from Postgres when the event stream no longer holds them — then live
   * ones, with nothing lost or repeated at the switch. The subscription stays open after SESSION_ENDED (the session's
   * `onEnd` run is announced after it). NOT_FOUND for a session that is not the caller's tenant's; BAD_USER_INPUT for an
   * `after` that is not an event cursor.
   */
  sessionEvents: SessionEvent;
};


export type SubscriptionSessionEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  sessionId: Scalars['ID']['input'];
};

/** A segment that matched `searchTranscripts`. */
export type TranscriptSearchHit = {
  __typename?: 'TranscriptSearchHit';
  /** The passage of the text (up to 35 words; all of a shorter text) with the most matches, each matched word between `«` and `»`. */
  highlight: Scalars['String']['output'];
  /** Postgres `ts_rank_cd` of the segment for the query: higher for more and closer matches; comparable within one search. */
  score: Scalars['Float']['output'];
  segment: TranscriptSegment;
};

export type TranscriptSegment = {
  __typename?: 'TranscriptSegment';
  /** Recognition confidence from 0 to 1. */
  confidence?: Maybe<Scalars['Float']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** Offset of the segment's end from the session's start, in ms. */
  endMs?: Maybe<Scalars['Int']['output']>;
  /** False for a draft, which a later append with the same `segmentKey` may replace; final segments never change. */
  final: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** BCP 47 language tag of `text`. */
  language?: Maybe<Scalars['String']['output']>;
  /** 1 when appended, + 1 each time an append replaced the draft. */
  revision: Scalars['Int']['output'];
  /** The client's key of the segment within its session (see `TranscriptSegmentInput.segmentKey`). */
  segmentKey?: Maybe<Scalars['String']['output']>;
  /** Position in the transcript, from 1. */
  sequence: Scalars['Int']['output'];
  sessionId: Scalars['ID']['output'];
  speaker: Scalars['String']['output'];
  /** Offset of the segment's start from the session's start, in ms. */
  startMs?: Maybe<Scalars['Int']['output']>;
  text: Scalars['String']['output'];
  translations: Array<Translation>;
  /** When the segment was last replaced (`createdAt` until then). */
  updatedAt: Scalars['DateTime']['output'];
};

export type TranscriptSegmentInput = {
  /** Recognition confidence from 0 to 1. */
  confidence?: InputMaybe<Scalars['Float']['input']>;
  /** Offset from the session's start, in ms; ≥ 0 and ≥ `startMs`. */
  endMs?: InputMaybe<Scalars['Int']['input']>;
  /** False for a draft (an interim result) that later appends with the same `segmentKey` replace; a draft needs a `segmentKey` (BAD_USER_INPUT otherwise). */
  final?: InputMaybe<Scalars['Boolean']['input']>;
  /** BCP 47 language tag, e.g. `en` or `pt-BR`. */
  language?: InputMaybe<Scalars['String']['input']>;
  /**
   * 1 to 200 characters, unique within the session (e.g. the recogniser's utterance id): appending a segment with the
   * key of a stored draft replaces the draft; with the key of a final segment, it must repeat it exactly (a retry).
   * Without a key, every append is a new segment.
   */
  segmentKey?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 200 characters. */
  speaker: Scalars['String']['input'];
  /** Offset from the session's start, in ms; ≥ 0. */
  startMs?: InputMaybe<Scalars['Int']['input']>;
  /** 1 to 10,000 characters. */
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
  Session: Session;
  TranscriptSegment: TranscriptSegment;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Session:
    ( { __typename: 'Session' }
    & GraphQLRecursivePick<FederationTypes['Session'], {"id":true}> );
  TranscriptSegment:
    ( { __typename: 'TranscriptSegment' }
    & GraphQLRecursivePick<FederationTypes['TranscriptSegment'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ApiKey: ResolverTypeWrapper<ApiKeyRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  BotState: BotState;
  BotStateChange: ResolverTypeWrapper<BotStateChangeRecord>;
  CacheControlScope: CacheControlScope;
  CreateApiKeyInput: CreateApiKeyInput;
  CreatedApiKey: ResolverTypeWrapper<Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Participant: ResolverTypeWrapper<ParticipantRecord>;
  ParticipantInput: ParticipantInput;
  ParticipantRole: ParticipantRole;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Session: ResolverTypeWrapper<SessionRecord>;
  SessionAnalytics: ResolverTypeWrapper<SessionAnalyticsRecord>;
  SessionConnection: ResolverTypeWrapper<Omit<SessionConnection, 'edges'> & { edges: Array<ResolversTypes['SessionEdge']> }>;
  SessionEdge: ResolverTypeWrapper<Omit<SessionEdge, 'node'> & { node: ResolversTypes['Session'] }>;
  SessionEndWorkflow: ResolverTypeWrapper<SessionEndWorkflow>;
  SessionEndWorkflowInput: SessionEndWorkflowInput;
  SessionEvent: ResolverTypeWrapper<SessionEventRecord>;
  SessionEventType: SessionEventType;
  SessionKind: SessionKind;
  SessionStatus: SessionStatus;
  SpeakerAnalytics: ResolverTypeWrapper<SpeakerAnalytics>;
  StartSessionInput: StartSessionInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TranscriptSearchHit: ResolverTypeWrapper<Omit<TranscriptSearchHit, 'segment'> & { segment: ResolversTypes['TranscriptSegment'] }>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  TranscriptSegment: ResolverTypeWrapper<TranscriptSegmentRecord>;
  TranscriptSegmentInput: TranscriptSegmentInput;
  Translation: ResolverTypeWrapper<TranslationRecord>;
  WorkflowRun: ResolverTypeWrapper<EntityReferenceRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ApiKey: ApiKeyRecord;
  ID: Scalars['ID']['output'];
  BotStateChange: BotStateChangeRecord;
  CreateApiKeyInput: CreateApiKeyInput;
  CreatedApiKey: Omit<CreatedApiKey, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  DateTime: Scalars['DateTime']['output'];
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Participant: ParticipantRecord;
  ParticipantInput: ParticipantInput;
  Query: Record<PropertyKey, never>;
  Session: SessionRecord;
  SessionAnalytics: SessionAnalyticsRecord;
  SessionConnection: Omit<SessionConnection, 'edges'> & { edges: Array<ResolversParentTypes['SessionEdge']> };
  SessionEdge: Omit<SessionEdge, 'node'> & { node: ResolversParentTypes['Session'] };
  SessionEndWorkflow: SessionEndWorkflow;
  SessionEndWorkflowInput: SessionEndWorkflowInput;
  SessionEvent: SessionEventRecord;
  SpeakerAnalytics: SpeakerAnalytics;
  StartSessionInput: StartSessionInput;
  Subscription: Record<PropertyKey, never>;
  TranscriptSearchHit: Omit<TranscriptSearchHit, 'segment'> & { segment: ResolversParentTypes['TranscriptSegment'] };
  Float: Scalars['Float']['output'];
  TranscriptSegment: TranscriptSegmentRecord;
  TranscriptSegmentInput: TranscriptSegmentInput;
  Translation: TranslationRecord;
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

export type ApiKeyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type BotStateChangeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['BotStateChange'] = ResolversParentTypes['BotStateChange']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['BotState']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['BotState'], ParentType, ContextType>;
}>;

export type CreatedApiKeyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = ResolversObject<{
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addTranslation?: Resolver<ResolversTypes['Translation'], ParentType, ContextType, RequireFields<MutationAddTranslationArgs, 'language' | 'segmentId' | 'text'>>;
  appendTranscript?: Resolver<Array<ResolversTypes['TranscriptSegment']>, ParentType, ContextType, RequireFields<MutationAppendTranscriptArgs, 'segments' | 'sessionId'>>;
  changeBotState?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationChangeBotStateArgs, 'sessionId' | 'state'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  endSession?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationEndSessionArgs, 'id'>>;
  joinSession?: Resolver<ResolversTypes['Participant'], ParentType, ContextType, RequireFields<MutationJoinSessionArgs, 'participant' | 'sessionId'>>;
  leaveSession?: Resolver<ResolversTypes['Participant'], ParentType, ContextType, RequireFields<MutationLeaveSessionArgs, 'participantId' | 'sessionId'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  startSession?: Resolver<ResolversTypes['Session'], ParentType, ContextType, RequireFields<MutationStartSessionArgs, 'input'>>;
}>;

export type PageInfoResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ParticipantResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Participant'] = ResolversParentTypes['Participant']> = ResolversObject<{
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  externalId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  joinedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  leftAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ParticipantRole'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  searchTranscripts?: Resolver<Array<ResolversTypes['TranscriptSearchHit']>, ParentType, ContextType, RequireFields<QuerySearchTranscriptsArgs, 'first' | 'includeDrafts' | 'query'>>;
  session?: Resolver<Maybe<ResolversTypes['Session']>, ParentType, ContextType, RequireFields<QuerySessionArgs, 'id'>>;
  sessions?: Resolver<ResolversTypes['SessionConnection'], ParentType, ContextType, Partial<QuerySessionsArgs>>;
}>;

export type SessionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Session'] = ResolversParentTypes['Session'], FederationReferenceType extends FederationReferenceTypes['Session'] = FederationReferenceTypes['Session']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Session']> | FederationReferenceType, FederationReferenceType, ContextType>;
  analytics?: Resolver<ResolversTypes['SessionAnalytics'], ParentType, ContextType>;
  botFailureReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  botState?: Resolver<Maybe<ResolversTypes['BotState']>, ParentType, ContextType>;
  botStateHistory?: Resolver<Array<ResolversTypes['BotStateChange']>, ParentType, ContextType>;
  endRun?: Resolver<Maybe<ResolversTypes['WorkflowRun']>, ParentType, ContextType>;
  endRunError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  endedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  events?: Resolver<Array<ResolversTypes['SessionEvent']>, ParentType, ContextType, RequireFields<SessionEventsArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['SessionKind'], ParentType, ContextType>;
  metadata?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  onEnd?: Resolver<Maybe<ResolversTypes['SessionEndWorkflow']>, ParentType, ContextType>;
  participantHistory?: Resolver<Array<ResolversTypes['Participant']>, ParentType, ContextType>;
  participants?: Resolver<Array<ResolversTypes['Participant']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SessionStatus'], ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  transcript?: Resolver<Array<ResolversTypes['TranscriptSegment']>, ParentType, ContextType>;
}>;

export type SessionAnalyticsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SessionAnalytics'] = ResolversParentTypes['SessionAnalytics']> = ResolversObject<{
  languages?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  segmentCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  speakers?: Resolver<Array<ResolversTypes['SpeakerAnalytics']>, ParentType, ContextType>;
  talkTimeMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  wordCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type SessionConnectionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SessionConnection'] = ResolversParentTypes['SessionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['SessionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type SessionEdgeResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SessionEdge'] = ResolversParentTypes['SessionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Session'], ParentType, ContextType>;
}>;

export type SessionEndWorkflowResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SessionEndWorkflow'] = ResolversParentTypes['SessionEndWorkflow']> = ResolversObject<{
  includeTranscript?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  input?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  workflowId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type SessionEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SessionEvent'] = ResolversParentTypes['SessionEvent']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  botStateChange?: Resolver<Maybe<ResolversTypes['BotStateChange']>, ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  participant?: Resolver<Maybe<ResolversTypes['Participant']>, ParentType, ContextType>;
  payload?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  run?: Resolver<Maybe<ResolversTypes['WorkflowRun']>, ParentType, ContextType>;
  segment?: Resolver<Maybe<ResolversTypes['TranscriptSegment']>, ParentType, ContextType>;
  session?: Resolver<ResolversTypes['Session'], ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['SessionEventType'], ParentType, ContextType>;
}>;

export type SpeakerAnalyticsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SpeakerAnalytics'] = ResolversParentTypes['SpeakerAnalytics']> = ResolversObject<{
  segmentCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  speaker?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  talkTimeMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  wordCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  sessionEvents?: SubscriptionResolver<ResolversTypes['SessionEvent'], "sessionEvents", ParentType, ContextType, RequireFields<SubscriptionSessionEventsArgs, 'sessionId'>>;
}>;

export type TranscriptSearchHitResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TranscriptSearchHit'] = ResolversParentTypes['TranscriptSearchHit']> = ResolversObject<{
  highlight?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  segment?: Resolver<ResolversTypes['TranscriptSegment'], ParentType, ContextType>;
}>;

export type TranscriptSegmentResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['TranscriptSegment'] = ResolversParentTypes['TranscriptSegment'], FederationReferenceType extends FederationReferenceTypes['TranscriptSegment'] = FederationReferenceTypes['TranscriptSegment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TranscriptSegment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  confidence?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  endMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  final?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  language?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  segmentKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  speaker?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  translations?: Resolver<Array<ResolversTypes['Translation']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type TranslationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Translation'] = ResolversParentTypes['Translation']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  language?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  segmentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type WorkflowRunResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['WorkflowRun'] = ResolversParentTypes['WorkflowRun']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  ApiKey?: ApiKeyResolvers<ContextType>;
  BotStateChange?: BotStateChangeResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Participant?: ParticipantResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Session?: SessionResolvers<ContextType>;
  SessionAnalytics?: SessionAnalyticsResolvers<ContextType>;
  SessionConnection?: SessionConnectionResolvers<ContextType>;
  SessionEdge?: SessionEdgeResolvers<ContextType>;
  SessionEndWorkflow?: SessionEndWorkflowResolvers<ContextType>;
  SessionEvent?: SessionEventResolvers<ContextType>;
  SpeakerAnalytics?: SpeakerAnalyticsResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TranscriptSearchHit?: TranscriptSearchHitResolvers<ContextType>;
  TranscriptSegment?: TranscriptSegmentResolvers<ContextType>;
  Translation?: TranslationResolvers<ContextType>;
  WorkflowRun?: WorkflowRunResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  authenticated?: AuthenticatedDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  requiresScopes?: RequiresScopesDirectiveResolver<any, any, ContextType>;
}>;
