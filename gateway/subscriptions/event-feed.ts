import type { SpanContext } from '@opentelemetry/api';
import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import type { Principal, Scope } from '../../platform/auth/principal.ts';
import type { EventStreamReader, StreamedEvent } from '../../platform/events/event-stream.ts';
import type { SharedResult } from './shared-result.ts';

/** What every feed's parsed subscription has: its root field, response key and `after` argument. */
export interface FeedSubscription {
  /** The root field's name (one of the feed's {@link EventFeed.fields}). */
  readonly field: string;
  /** The root field's response key (its alias, else its name). */
  readonly responseKey: string;
  /** The `after` cursor, if given (not yet checked as a cursor). */
  readonly after: string | null;
}

/** One subscription group's operation, as a feed renders its events: the same for every member. */
export interface FeedOperation<S extends FeedSubscription> {
  readonly subscription: S;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
  readonly principal: Principal;
  /** The API schema the operation was validated against. */
  readonly schema: GraphQLSchema;
  /** The group's key: operations with equal keys render equally (a feed may batch their lookups by it). */
  readonly key: string;
}

/**
 * One kind of event the gateway delivers to subscriptions (workflow events, session events): which root fields it
 * serves, how it reads their arguments, which events each subscription gets, how to read them from Postgres (through
 * the supergraph) when the stream no longer has them, and how an event becomes the subscriber's result. The delivery
 * (event-delivery.ts) owns everything else: groups, replay then live, cursors, slow consumers, quotas, limits.
 */
export interface EventFeed<E extends StreamedEvent, S extends FeedSubscription> {
  /** The `Subscription` root fields it serves. */
  readonly fields: readonly string[];
  /** The scope a subscriber needs (besides the schema's own `@requiresScopes`). */
  readonly scope: Scope;
  /** The tenant streams its events come from. */
  readonly reader: EventStreamReader<E>;
  /**
   * Reads a subscription operation of one of {@link EventFeed.fields}, after `check` (the gateway's operation limits
   * and graphql's validation). @throws the first error of `check` or of the variables; BAD_USER_INPUT for another
   * operation or field.
   */
  parse(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Readonly<Record<string, unknown>> | null | undefined,
    check: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[],
  ): S;
  /**
   * Checks, before anything is delivered, that the subscriber may follow what it asked for, and whether anything
   * will come: `'ended'` when nothing can follow `after === null` (a run that has ended), else `'open'`.
   * @throws NOT_FOUND when the subscriber cannot see it (another tenant's is as absent as a missing one).
   */
  open(subscription: S, principal: Principal): Promise<'open' | 'ended'>;
  /** Whether the subscription asks for `event` (of its tenant's stream). */
  matches(subscription: S, event: E): boolean;
  /** Whether `event` is the subscription's last: it completes after delivering it. */
  ends(subscription: S, event: E): boolean;
  /**
   * The subscription's events after cursor `after` from Postgres (through the supergraph, as `principal`), at most
   * `first`, in cursor order. @throws the first GraphQL error.
   */
  stored(subscription: S, after: string, first: number, principal: Principal): Promise<E[]>;
  /**
   * The results of `events` (matching ones, in cursor order: every matching event of a contiguous range of the
   * tenant's stream, or a page of stored ones), `results[i]` that of `events[i]`, each with `extensions.cursor`.
   * A rejected promise carries the error that ends the subscribers it was for (e.g. FORBIDDEN of a lookup).
   * @param links - the subscribe spans of the subscribers they are rendered for: lookups' spans link to them.
   */
  render(operation: FeedOperation<S>, events: readonly E[], links: readonly SpanContext[]): Promise<SharedResult>[];
}
