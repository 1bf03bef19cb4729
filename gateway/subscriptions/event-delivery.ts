import type { SpanContext } from '@opentelemetry/api';
import { getOperationAST, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { principalKey, requireScope } from '../../platform/auth/principal.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Logger } from '../../platform/logger.ts';
import { BadUserInputError, OperationLimitError } from '../../platform/errors.ts';
import type { StreamedEvent } from '../../platform/events/event-stream.ts';
import { DeliveryStream, type DeliveryObserver } from './delivery-stream.ts';
import type { EventFeed, FeedSubscription } from './event-feed.ts';
import { settleInOrder, type SharedResult } from './shared-result.ts';
import type { SubscriptionQuota } from './subscription-quota.ts';
import type { OperationLimits } from '../operation-limits.ts';
import { SubscriptionGroup, type GroupMember } from './subscription-group.ts';
import { inLinkedSpan } from './subscription-spans.ts';

/** Default of {@link EventDeliveryOptions.maxBufferedEvents}. */
export const DEFAULT_MAX_BUFFERED_EVENTS = 1_000;
/** Events read per replay step (stream or Postgres). */
const REPLAY_BATCH = 1_000;
/** Parsed subscription documents kept, by their text (many subscribers send the same). */
const DOCUMENTS_KEPT = 1_000;
/** A cursor: a decimal integer of at most 18 digits, without leading zeros. */
const CURSOR = /^(0|[1-9]\d{0,17})$/;

/** A feed of any kind of event (method parameters are bivariant: each feed's own types fit). */
type Feed = EventFeed<StreamedEvent, FeedSubscription>;
type Group = SubscriptionGroup<StreamedEvent, FeedSubscription>;

/** Options of {@link EventDelivery}. */
export interface EventDeliveryOptions {
  /**
   * The kinds of event delivered, each serving its own root fields (the workflow events feed, the session events
   * feed); a field served by two is an error.
   */
  readonly feeds: readonly Feed[];
  /** The supergraph's current API schema (it changes when the supergraph is reloaded). */
  readonly schema: () => GraphQLSchema;
  /**
   * The gateway's operation limits (tokens, depth, aliases, root fields, directives, introspection), the same as for
   * HTTP operations: a subscription over one is refused with its code (`MAX_DEPTH_LIMIT`, ...) before anything else.
   */
  readonly limits: OperationLimits;
  /**
   * Events a subscriber may have waiting (not yet taken by its connection) before it is closed as too slow, with
   * the last cursor it received (`extensions.code` SLOW_CONSUMER, `extensions.lastCursor`) so that it can resume.
   * @defaultValue {@link DEFAULT_MAX_BUFFERED_EVENTS}
   */
  readonly maxBufferedEvents?: number;
  /** Counts subscriptions, deliveries and slow consumers (the gateway's metrics). */
  readonly observer?: DeliveryObserver;
  /** Logs delivery failures (a subscriber gets a client-safe error). */
  readonly logger?: Logger;
  /** Open subscriptions allowed per API key or subject; absent = no limit. */
  readonly quota?: SubscriptionQuota | undefined;
  /**
   * Refuses, by throwing (FORBIDDEN), a subscription whose root field the principal may not read: the schema's
   * `@requiresScopes`/`@authenticated` (the gateway's AuthorizingGateway). @defaultValue none
   */
  readonly authorize?: (document: DocumentNode, operationName: string | null | undefined, principal: Principal) => void;
  /**
   * Refuses, by throwing (COST_ESTIMATED_TOO_EXPENSIVE), a subscription whose estimated cost is over `MAX_QUERY_COST`
   * (the gateway's operation-cost-limit.ts). @defaultValue none
   */
  readonly checkCost?: (operation: { document: DocumentNode; operationName: string | null | undefined; variables: SubscriptionRequest['variables'] }) => void;
}

/** A subscription request, as a transport (graphql-ws, graphql-sse) hands it over. */
export interface SubscriptionRequest {
  /** The operation's text. */
  readonly query: string;
  readonly operationName?: string | null | undefined;
  readonly variables?: Readonly<Record<string, unknown>> | null | undefined;
  readonly principal: Principal;
  /** Resume after this cursor instead of the operation's `after` (SSE `Last-Event-ID`). */
  readonly resumeAfter?: string | undefined;
  /**
   * The subscribe span (`SubscribeSpan.link`): the gateway's work for this subscriber (replay pages, run selection
   * queries) links to it, and the stream's error carries its trace id. @defaultValue none (not traced)
   */
  readonly trace?: SpanContext | undefined;
}

/**
 * Delivers the subscriptions of its feeds (`workflowRunEvents`, `workflowEvents`: workflow-event-feed.ts;
 * `sessionEvents`: session-event-feed.ts): events of the subscriber's own tenant only, in cursor order, each once;
 * with `after`, every later event first — from the stream (Redis, or in-process) while it holds them, from Postgres
 * (through the supergraph: the feed's `stored`) beyond — then live, with no gap or duplicate at the switch. A
 * subscription completes after the event its feed says ends it (a run's final event). Each feed names the scope it needs.
 *
 * Subscribers of the same operation, variables and identity form a {@link SubscriptionGroup}: each event is rendered
 * once per group (by the feed), and the shared result goes to every member. Every result carries `extensions.cursor`.
 */
export class EventDelivery {
  private readonly maxBuffered: number;
  /** Events per replay page, and live events a replaying subscriber may hold: min({@link REPLAY_BATCH}, maxBuffered). */
  private readonly pageSize: number;
  private readonly groups = new Map<string, Group>();
  private readonly documents = new LRUCache<string, DocumentNode>({ max: DOCUMENTS_KEPT });
  /** The feed of each root field. */
  private readonly feedsByField = new Map<string, Feed>();
  /** Numbers the API schemas seen, so that a reload starts new groups (old ones keep the schema they validated against). */
  private readonly schemaIds = new WeakMap<GraphQLSchema, number>();
  private nextSchemaId = 0;

  constructor(private readonly o: EventDeliveryOptions) {
    this.maxBuffered = o.maxBufferedEvents ?? DEFAULT_MAX_BUFFERED_EVENTS;
    if (!Number.isInteger(this.maxBuffered) || this.maxBuffered < 1) throw new Error(`maxBufferedEvents must be a positive integer, got ${this.maxBuffered}`);
    this.pageSize = Math.min(REPLAY_BATCH, this.maxBuffered);
    for (const feed of o.feeds) {
      for (const field of feed.fields) {
        if (this.feedsByField.has(field)) throw new Error(`two event feeds serve Subscription.${field}`);
        this.feedsByField.set(field, feed);
      }
    }
  }

  /** Subscriptions being delivered now. */
  get groupCount(): number {
    return this.groups.size;
  }

  /**
   * Parses `query`, cached by its text (`noLocation`: the parsed documents are shared by every subscriber sending it).
   * @throws an OperationLimitError (MAX_TOKENS_LIMIT) over the token limit; the GraphQL syntax error.
   */
  parse(query: string): DocumentNode {
    let document = this.documents.get(query);
    if (!document) {
      document = this.o.limits.parse(query);
      this.documents.set(query, document);
    }
    return document;
  }

  /**
   * Starts a subscription. @returns its results, as an async iterator; `return()` ends it.
   * @throws GraphQL errors for an operation over a limit (MAX_DEPTH_LIMIT, ..., INTROSPECTION_DISABLED), a wrong
   *   operation or arguments (BAD_USER_INPUT, GRAPHQL_VALIDATION_FAILED), a missing
   *   scope or a root field the schema's authorization directives refuse (FORBIDDEN), an unknown run or session — or
   *   one of another tenant — (NOT_FOUND), too many open subscriptions of the principal (RATE_LIMITED), an estimated
   *   cost over the limit (COST_ESTIMATED_TOO_EXPENSIVE), before anything is delivered.
   */
  async subscribe(request: SubscriptionRequest): Promise<DeliveryStream> {
    // The schema's requirements first (their error names the scopes), the subscription scope after, as before.
    let document: DocumentNode | undefined;
    try {
      document = this.parse(request.query);
    } catch (error) {
      if (error instanceof OperationLimitError) throw error; // the token limit: refused before anything else
      document = undefined; // reported by groupOf, as before
    }
    if (document) this.o.authorize?.(document, request.operationName, request.principal);
    const feed = document ? this.feedOf(document, request.operationName) : undefined;
    if (feed) requireScope(request.principal, feed.scope);
    // Before groupOf (which keeps the group it makes): the estimate is linear in the document, valid or not.
    if (document) this.o.checkCost?.({ document, operationName: request.operationName, variables: request.variables });
    const group = this.groupOf(request);
    const release = group.hold();
    const lease = await this.o.quota?.acquire(request.principal);
    try {
      const stream = await this.start(group, request);
      if (lease) stream.onDetach(lease);
      return stream;
    } catch (error) {
      lease?.();
      throw error;
    } finally {
      release();
    }
  }

  /** The feed serving the operation's root field, if the document names one. */
  private feedOf(document: DocumentNode, operationName: string | null | undefined): Feed | undefined {
    const root = getOperationAST(document, operationName)?.selectionSet.selections[0];
    return root?.kind === Kind.FIELD ? this.feedsByField.get(root.name.value) : undefined;
  }

  private async start(group: Group, request: SubscriptionRequest): Promise<DeliveryStream> {
    const sub = group.subscription;
    const after = request.resumeAfter ?? sub.after;
    if (after !== null && !CURSOR.test(after)) throw new BadUserInputError('"after" must be an event cursor (a decimal integer)', { field: 'after' });
    const opened = await group.open();
    const stream = new DeliveryStream(this.maxBuffered, this.o.observer, request.trace?.traceId);
    if (opened === 'ended' && after === null) {
      // Only new events were asked for, and none can come (the run has ended).
      stream.finish();
      return stream;
    }
    const subscriber = new Subscriber(group.feed, sub, stream, after, this.pageSize, request.trace, (error) => {
      this.o.logger?.warn({ err: error, field: sub.field }, 'delivering an event failed; the subscription ends with the error');
      stream.fail(error);
    });
    await group.join(subscriber);
    stream.onDetach(() => group.leave(subscriber));
    if (after === null) subscriber.goLive();
    // The replay runs as the consumer takes the events (the transport needs the stream to start taking them).
    else void this.catchUp(group, subscriber, stream).catch(subscriber.fail);
    return stream;
  }

  /**
   * Replays every matching event after the subscriber's position, paced by its consumer (a page at a time, each once
   * the previous one was taken, so a replay never trips the slow-consumer limit), then makes it live. Live events that
   * arrive meanwhile wait in the subscriber; if more than a page of them piles up, they are dropped and the replay
   * goes on from where it is (it reads them again), so waiting costs at most a page.
   */
  private async catchUp(group: Group, subscriber: Subscriber, stream: DeliveryStream): Promise<void> {
    const pageSize = this.pageSize;
    const deliver = async (events: readonly StreamedEvent[]): Promise<boolean> => {
      for (let start = 0; start < events.length; start += pageSize) {
        await stream.room(pageSize);
        if (stream.closed) return false;
        const page = events.slice(start, start + pageSize);
        const { items, results, failure } = await settleInOrder(page, group.render(page, subscriber.links));
        subscriber.accept(items, results);
        if (failure) throw failure.error;
      }
      return !stream.closed;
    };
    do {
      subscriber.overflowed = false;
      await this.replay(group, subscriber.position, pageSize, subscriber.links, deliver);
    } while (subscriber.overflowed && !stream.closed);
    // Live events that arrived during the last replay pass, then every later one as it comes (duplicates dropped).
    subscriber.goLive();
  }

  /** The group of the request's operation, variables and identity: found, or made (validating the operation). */
  private groupOf(request: SubscriptionRequest): Group {
    const schema = this.o.schema();
    let schemaId = this.schemaIds.get(schema);
    if (schemaId === undefined) {
      schemaId = this.nextSchemaId++;
      this.schemaIds.set(schema, schemaId);
    }
    const key = JSON.stringify([schemaId, principalKey(request.principal), request.operationName ?? null, request.variables ?? null, request.query]);
    const existing = this.groups.get(key);
    if (existing) return existing;
    const document = this.parse(request.query);
    const feed = this.feedOf(document, request.operationName);
    if (!feed) {
      const errors = this.o.limits.validate(schema, document);
      if (errors.length > 0) throw errors[0];
      throw new BadUserInputError(`subscribe to one of: ${[...this.feedsByField.keys()].join(', ')}`);
    }
    const subscription = feed.parse(schema, document, request.operationName, request.variables, this.o.limits.validate);
    const group: Group = new SubscriptionGroup({
      feed,
      subscription,
      document,
      operationName: request.operationName ?? undefined,
      variables: request.variables ?? undefined,
      principal: request.principal,
      key,
      schema,
      onEmpty: (empty) => {
        if (this.groups.get(key) === empty) this.groups.delete(key);
      },
    });
    this.groups.set(key, group);
    return group;
  }

  /**
   * Hands `deliver`, in order, every matching event after `after` committed so far: from the stream, else from
   * Postgres; stops when `deliver` returns false. Each page read is a span linked to `links` (the subscriber's
   * subscribe span).
   */
  private async replay(
    group: Group,
    after: string,
    pageSize: number,
    links: readonly SpanContext[],
    deliver: (events: readonly StreamedEvent[]) => Promise<boolean>,
  ): Promise<void> {
    const sub = group.subscription;
    const tenantId = group.principal.tenantId;
    const read = <T extends readonly unknown[] | { events: readonly unknown[] }>(source: 'stream' | 'postgres', page: () => Promise<T>): Promise<T> =>
      inLinkedSpan(
        'subscription replay',
        { 'orchestra.subscription.replay.source': source, 'orchestra.subscription.field': sub.field },
        links,
        async (span) => {
          const events = await page();
          span.setAttribute('orchestra.event.count', 'events' in events ? events.events.length : events.length);
          return events;
        },
      );
    let position = after;
    for (;;) {
      const replay = await read('stream', () => group.feed.reader.replay(tenantId, position, pageSize));
      // A stream that lacks the event right after `position` — trimmed, or empty (deleted and restarted, or expired):
      // Postgres, the source of truth, has what follows; the stream takes over once it holds the next event.
      if (!replay.complete || replay.events.length === 0) {
        const stored = await read('postgres', () => group.feed.stored(sub, position, pageSize, group.principal));
        const lastStored = stored.at(-1);
        if (!lastStored) return;
        if (!(await deliver(stored.filter((e) => group.matches(e))))) return;
        position = lastStored.cursor;
        continue;
      }
      if (!(await deliver(replay.events.filter((e) => group.matches(e))))) return;
      if (replay.events.length < pageSize) return;
      position = (replay.events.at(-1) as StreamedEvent).cursor;
    }
  }
}

/** Whether cursor `a` comes after cursor `b` (both decimal, no leading zeros): compared without allocating. */
function isAfter(a: string, b: string): boolean {
  return a.length === b.length ? a > b : a.length > b.length;
}

/**
 * One subscriber in its group: takes each event after the last one it took, in order, and pushes its result onto the
 * subscriber's {@link DeliveryStream}. While it replays, the group's live events wait in `buffered` (at most
 * `bufferLimit` events: beyond, they are dropped and `overflowed` tells the replay to read on).
 */
class Subscriber implements GroupMember<StreamedEvent> {
  private buffered: { events: readonly StreamedEvent[]; results: readonly SharedResult[] }[] | undefined = [];
  private bufferedEvents = 0;
  /** Set when live events were dropped during the replay: it must read on from {@link Subscriber.position}. */
  overflowed = false;
  /** The subscriber's subscribe span, if traced: the spans of the work done for it link to it. */
  readonly links: readonly SpanContext[];

  constructor(
    private readonly feed: Feed,
    private readonly sub: FeedSubscription,
    private readonly stream: DeliveryStream,
    private last: string | null,
    private readonly bufferLimit: number,
    readonly link: SpanContext | undefined,
    /** Ends the subscription with an error (logged). */
    readonly fail: (error: unknown) => void,
  ) {
    this.links = link ? [link] : [];
  }

  /** The cursor of the last event taken (or the subscription's `after`): the replay goes on from there. */
  get position(): string {
    return this.last ?? '0';
  }

  offer(events: readonly StreamedEvent[], results: readonly SharedResult[]): void {
    if (!this.buffered) {
      this.accept(events, results);
      return;
    }
    this.buffered.push({ events, results });
    this.bufferedEvents += events.length;
    if (this.bufferedEvents > this.bufferLimit) {
      this.buffered = [];
      this.bufferedEvents = 0;
      this.overflowed = true;
    }
  }

  /** Stops buffering: takes what came during the replay, then every event as it comes. */
  goLive(): void {
    const buffered = this.buffered ?? [];
    this.buffered = undefined;
    this.bufferedEvents = 0;
    for (const { events, results } of buffered) this.accept(events, results);
  }

  /** Takes the events after the last one taken (`results[i]` is the payload of `events[i]`). */
  accept(events: readonly StreamedEvent[], results: readonly SharedResult[]): void {
    const count = events.length;
    let from = 0;
    const last = this.last;
    if (last !== null) while (from < count && !isAfter((events[from] as StreamedEvent).cursor, last)) from++;
    if (from === count || this.stream.closed) return;
    this.last = (events[count - 1] as StreamedEvent).cursor;
    for (let i = from; i < count && !this.stream.closed; i++) {
      const event = events[i] as StreamedEvent;
      this.stream.push(results[i] as SharedResult, event.cursor, this.feed.ends(this.sub, event));
    }
  }
}
