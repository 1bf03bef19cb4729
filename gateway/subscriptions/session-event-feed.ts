import type { SpanContext } from '@opentelemetry/api';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Principal } from '../../platform/auth/principal.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { SessionEventStreamReader, StreamedSessionEvent } from '../../platform/events/session-event-stream.ts';
import type { EventFeed, FeedOperation, FeedSubscription } from './event-feed.ts';
import { buildSelectionQuery, fieldNode, fragmentsOf, variableDefinition } from './selection-query.ts';
import { SharedResult } from './shared-result.ts';
import { readSubscriptionRoot } from './subscription-root.ts';
import { inLinkedSpan } from './subscription-spans.ts';
import type { SupergraphQuery } from './supergraph-query.ts';

/** Events one render query reads at most (`Session.events(first:)` allows 1000). */
const MAX_EVENTS_PER_RENDER = 1_000;

/** The response key under which the render query selects each event's cursor (a name no client selection uses). */
const CURSOR_KEY = '__orchestraCursor';

const FIELDS: ReadonlySet<string> = new Set(['sessionEvents']);

/** Whether the subscriber can see the session (another tenant's is as absent as a missing one). */
const SESSION_VISIBLE_QUERY = 'query SessionVisible($id: ID!) { session(id: $id) { id } }';

/** The session's events after a cursor, from Postgres (what the replay needs of each: its cursor and session). */
const SESSION_EVENTS_QUERY = `query SessionEventsAfter($id: ID!, $after: String, $first: Int) {
  session(id: $id) { events(after: $after, first: $first) { cursor type sessionId at payload } }
}`;

/** A client's `sessionEvents` subscription, checked against the supergraph's API schema. */
export interface SessionEventSubscription extends FeedSubscription {
  readonly field: 'sessionEvents';
  readonly sessionId: string;
  /**
   * The query rendering a contiguous run of the session's events for this subscriber: `$__session`, `$__after`,
   * `$__first`, and the operation's variables it uses (`renderVariables`); the subscriber's whole `SessionEvent`
   * selection under `session(id:) { events(after:, first:) }`, with each event's cursor under {@link CURSOR_KEY}.
   */
  readonly renderQuery: string;
  readonly renderVariables: Readonly<Record<string, unknown>>;
}

/**
 * Reads a `sessionEvents` subscription operation: its arguments and the query rendering its events.
 * @throws the first error of `check` or of the variables; BAD_USER_INPUT for another operation or field.
 */
export function parseSessionEventSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  check: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[],
): SessionEventSubscription {
  const { operation, root, args } = readSubscriptionRoot(schema, document, operationName, variables, check, FIELDS);
  const selections = [fieldNode('cursor', CURSOR_KEY, {}), ...(root.selectionSet?.selections ?? [])];
  const events = fieldNode('events', undefined, { after: '__after', first: '__first' }, selections);
  const built = buildSelectionQuery({
    name: 'SessionEventsRender',
    fields: [fieldNode('session', undefined, { id: '__session' }, [events])],
    variables: [variableDefinition('__session', 'ID', true), variableDefinition('__after', 'String', false), variableDefinition('__first', 'Int', false)],
    operation,
    fragments: fragmentsOf(document),
  });
  return {
    field: 'sessionEvents',
    responseKey: root.alias?.value ?? root.name.value,
    sessionId: typeof args['sessionId'] === 'string' ? args['sessionId'] : '',
    after: typeof args['after'] === 'string' ? args['after'] : null,
    renderQuery: built.query,
    renderVariables: Object.fromEntries(Object.entries(variables ?? {}).filter(([name]) => built.variableNames.has(name))),
  };
}

/**
 * The session events feed: `sessionEvents(sessionId, after)`, one session's events from the `session-events` stream;
 * Postgres replay through `Session.events`. Needs `sessions:read`; never completes by itself (the session's `onEnd`
 * run is announced after its end).
 *
 * An event is rendered through the supergraph, as the subscriber: the subscriber's whole selection (segment,
 * participant, run, session — any federated field) under `session(id:) { events(after:, first:) }`, one query for a
 * contiguous run of the session's events (a live burst, a replay page). A field error stays with its event (its path
 * under the subscription's root field); a failed query, or a session no longer visible, ends the subscribers.
 */
export class SessionEventFeed implements EventFeed<StreamedSessionEvent, SessionEventSubscription> {
  readonly fields = [...FIELDS];
  readonly scope = 'sessions:read' as const;

  constructor(
    readonly reader: SessionEventStreamReader,
    private readonly query: SupergraphQuery,
  ) {}

  parse = parseSessionEventSubscription;

  async open(sub: SessionEventSubscription, principal: Principal): Promise<'open' | 'ended'> {
    const result = await this.query(SESSION_VISIBLE_QUERY, { id: sub.sessionId }, principal);
    if (result.errors?.length) throw result.errors[0];
    if (!(result.data as { session: unknown } | null | undefined)?.session) throw new NotFoundError('No session with that id', { sessionId: sub.sessionId });
    return 'open';
  }

  matches(sub: SessionEventSubscription, event: StreamedSessionEvent): boolean {
    return event.sessionId === sub.sessionId;
  }

  ends(): boolean {
    return false;
  }

  async stored(sub: SessionEventSubscription, after: string, first: number, principal: Principal): Promise<StreamedSessionEvent[]> {
    const result = await this.query(SESSION_EVENTS_QUERY, { id: sub.sessionId, after, first: Math.min(first, MAX_EVENTS_PER_RENDER) }, principal);
    if (result.errors?.length) throw result.errors[0];
    const session = (result.data as { session: { events: Omit<StreamedSessionEvent, 'segmentId' | 'participantId'>[] } | null } | null | undefined)?.session;
    if (!session) throw new NotFoundError('No session with that id', { sessionId: sub.sessionId });
    // The replay needs cursors and sessions only; rendering reads the rest.
    return session.events.map((event) => ({ ...event, segmentId: null, participantId: null }));
  }

  render(operation: FeedOperation<SessionEventSubscription>, events: readonly StreamedSessionEvent[], links: readonly SpanContext[]): Promise<SharedResult>[] {
    const results: Promise<SharedResult>[] = [];
    for (let start = 0; start < events.length; start += MAX_EVENTS_PER_RENDER) {
      const chunk = events.slice(start, start + MAX_EVENTS_PER_RENDER);
      const rendered = this.renderRun(operation, chunk, links);
      chunk.forEach((event) => results.push(rendered.then((byCursor) => resultOf(byCursor, event.cursor))));
    }
    return results;
  }

  /**
   * Renders `events` (consecutive events of the session: after the cursor before the first, the next `events.length`)
   * with one query. @returns each event's result by cursor. @throws when the query fails or the session is not visible.
   */
  private async renderRun(
    operation: FeedOperation<SessionEventSubscription>,
    events: readonly StreamedSessionEvent[],
    links: readonly SpanContext[],
  ): Promise<Map<string, SharedResult>> {
    const sub = operation.subscription;
    const first = events[0] as StreamedSessionEvent;
    const variables = { ...sub.renderVariables, __session: sub.sessionId, __after: (BigInt(first.cursor) - 1n).toString(), __first: events.length };
    const result = await inLinkedSpan(
      'subscription event selection',
      { 'orchestra.subscription.field': sub.field, 'orchestra.event.count': events.length },
      links,
      () => this.query(sub.renderQuery, variables, operation.principal),
    );
    const session = (result.data as { session: { events: Record<string, unknown>[] } | null } | null | undefined)?.session;
    const errors = result.errors ?? [];
    const unplaced = errors.find((error) => eventIndexOf(error) === undefined);
    if (unplaced) throw unplaced;
    if (!session) throw new NotFoundError('No session with that id', { sessionId: sub.sessionId });
    const byCursor = new Map<string, SharedResult>();
    session.events.forEach((data, index) => {
      const cursor = String(data[CURSOR_KEY]);
      const { [CURSOR_KEY]: _cursor, ...event } = data;
      const own = errors
        .filter((error) => eventIndexOf(error) === index)
        .map((error) => new GraphQLError(error.message, { path: [sub.responseKey, ...(error.path ?? []).slice(3)], extensions: error.extensions }));
      byCursor.set(cursor, new SharedResult({ data: { [sub.responseKey]: event }, ...(own.length > 0 ? { errors: own } : {}), extensions: { cursor } }));
    });
    return byCursor;
  }
}

/** The index of the event a render query's error is about (its path `session.events.<i>…`), if any. */
function eventIndexOf(error: GraphQLError): number | undefined {
  const path = error.path ?? [];
  return path[0] === 'session' && path[1] === 'events' && typeof path[2] === 'number' ? path[2] : undefined;
}

/** The rendered result of the event with `cursor`. @throws when the render query did not return it. */
function resultOf(byCursor: ReadonlyMap<string, SharedResult>, cursor: string): SharedResult {
  const result = byCursor.get(cursor);
  if (!result) throw new Error(`session event ${cursor} was not found by its render query`);
  return result;
}
