import { execute, GraphQLError, parse, type DocumentNode, type ExecutionResult, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { requireScope, type Principal } from '../../platform/auth/principal.ts';
import { BadUserInputError, NotFoundError } from '../../platform/errors.ts';
import { FINAL_RUN_EVENT_TYPES, FINAL_RUN_STATUSES, type StreamedWorkflowEvent } from '../../platform/events/workflow-event-stream.ts';
import type { EventFanout } from './event-fanout.ts';
import { parseWorkflowEventSubscription, type WorkflowEventSubscription } from './workflow-event-subscription.ts';

/** Default of {@link EventDeliveryOptions.maxBufferedEvents}. */
export const DEFAULT_MAX_BUFFERED_EVENTS = 1_000;
/** Events read per stream replay. */
const REPLAY_BATCH = 1_000;
/** A cursor: a decimal integer of at most 18 digits. */
const CURSOR = /^\d{1,18}$/;

/** Runs a query through the gateway (query plan, subgraphs) as `principal`. */
export type SupergraphQuery = (document: DocumentNode, variables: Readonly<Record<string, unknown>>, principal: Principal) => Promise<ExecutionResult>;

/** Options of {@link EventDelivery}. */
export interface EventDeliveryOptions {
  readonly fanout: EventFanout;
  /** The supergraph's current API schema (it changes when the supergraph is reloaded). */
  readonly schema: () => GraphQLSchema;
  readonly query: SupergraphQuery;
  /**
   * Events a subscriber may have waiting (not yet taken by its connection) before it is closed as too slow, with
   * the last cursor it received (`extensions.code` SLOW_CONSUMER, `extensions.lastCursor`) so that it can resume.
   * @defaultValue {@link DEFAULT_MAX_BUFFERED_EVENTS}
   */
  readonly maxBufferedEvents?: number;
}

/** A subscription request, as a transport (graphql-ws, graphql-sse) hands it over. */
export interface SubscriptionRequest {
  readonly document: DocumentNode;
  readonly operationName?: string | null | undefined;
  readonly variables?: Readonly<Record<string, unknown>> | null | undefined;
  readonly principal: Principal;
}

/**
 * Delivers `workflowRunEvents` and `workflowEvents` subscriptions: events of the subscriber's own tenant only, in
 * cursor order, each once; with `after`, every later event first — from the Redis stream while it holds them, from
 * Postgres (through the supergraph: `WorkflowRun.events`) beyond — then live, with no gap or duplicate at the switch.
 * Each payload is the subscriber's selection executed over the event, its `run` selections resolved through the
 * supergraph as the subscriber (one query per run per burst of events). A run's subscription completes after the
 * run's final event. Needs the `workflows:subscribe` scope.
 */
export class EventDelivery {
  private readonly maxBuffered: number;

  constructor(private readonly o: EventDeliveryOptions) {
    this.maxBuffered = o.maxBufferedEvents ?? DEFAULT_MAX_BUFFERED_EVENTS;
  }

  /**
   * Starts a subscription. @returns its results, as an async iterator; `return()` ends it.
   * @throws GraphQL errors for a wrong operation or arguments (BAD_USER_INPUT), a missing scope (FORBIDDEN), an
   *   unknown run — or one of another tenant — (NOT_FOUND), before anything is delivered.
   */
  async subscribe(request: SubscriptionRequest): Promise<AsyncIterableIterator<ExecutionResult>> {
    const schema = this.o.schema();
    const sub = parseWorkflowEventSubscription(schema, request.document, request.operationName, request.variables);
    requireScope(request.principal, 'workflows:subscribe');
    if (sub.after !== null && !CURSOR.test(sub.after)) throw new BadUserInputError('"after" must be an event cursor (a decimal integer)', { field: 'after' });
    const runStatus = sub.field === 'workflowRunEvents' ? await this.runStatus(sub.runId ?? '', request.principal) : null;
    const stream = new DeliveryStream(this.maxBuffered);
    if (runStatus !== null && (FINAL_RUN_STATUSES as readonly string[]).includes(runStatus) && sub.after === null) {
      // Only new events were asked for, and the run has ended: there will be none.
      stream.finish();
      return stream;
    }
    const tenantId = request.principal.tenantId;
    const matches = (e: StreamedWorkflowEvent): boolean =>
      sub.field === 'workflowRunEvents' ? e.runId === sub.runId : sub.workflowId === null || e.workflowId === sub.workflowId;
    let last = sub.after === null ? null : BigInt(sub.after);
    let live: StreamedWorkflowEvent[] | undefined = [];
    let chain = Promise.resolve();
    const deliver = (events: readonly StreamedWorkflowEvent[]): void => {
      const fresh = events.filter((e) => matches(e) && (last === null || BigInt(e.cursor) > last));
      if (fresh.length === 0) return;
      last = BigInt(fresh.at(-1)?.cursor ?? '0');
      chain = chain.then(() => this.render(fresh, sub, request, schema, stream)).catch((error: unknown) => stream.fail(error));
    };
    const unfollow = await this.o.fanout.follow(tenantId, (events) => (live ? live.push(...events) : deliver(events)));
    stream.onEnd(unfollow);
    try {
      if (sub.after !== null) await this.replay(tenantId, sub, request.principal, deliver);
      // Live events that arrived during the replay, then every later one as it comes (deliver drops duplicates).
      const pending = live;
      live = undefined;
      deliver(pending);
    } catch (error) {
      unfollow();
      throw error;
    }
    return stream;
  }

  /** Delivers, in order, every event after `sub.after` committed so far: from the stream, else from Postgres. */
  private async replay(tenantId: string, sub: WorkflowEventSubscription, principal: Principal, deliver: (events: readonly StreamedWorkflowEvent[]) => void): Promise<void> {
    let after = sub.after ?? '0';
    for (let first = true; ; first = false) {
      const replay = await this.o.fanout.replay(tenantId, after, REPLAY_BATCH);
      // An empty stream proves nothing (trimmed, or deleted and restarted): a run's events are then read from Postgres.
      const gap = !replay.complete || (sub.field === 'workflowRunEvents' && replay.events.length === 0);
      if (first && gap) {
        if (sub.field !== 'workflowRunEvents') {
          throw new BadUserInputError('"after" is older than the events kept for replay; subscribe from a later cursor or read WorkflowRun.events', { field: 'after' });
        }
        const stored = await this.storedRunEvents(sub.runId ?? '', after, principal);
        deliver(stored);
        const lastStored = stored.at(-1);
        if (lastStored) after = lastStored.cursor;
        continue;
      }
      deliver(replay.events);
      const lastReplayed = replay.events.at(-1);
      if (!lastReplayed || replay.events.length < REPLAY_BATCH) return;
      after = lastReplayed.cursor;
    }
  }

  /** The run's events after `after`, from Postgres through the supergraph. */
  private async storedRunEvents(runId: string, after: string, principal: Principal): Promise<StreamedWorkflowEvent[]> {
    const result = await this.o.query(RUN_EVENTS_QUERY, { id: runId, after }, principal);
    if (result.errors?.length) throw result.errors[0];
    const run = (result.data as { workflowRun: { workflowId: string; events: Omit<StreamedWorkflowEvent, 'workflowId'>[] } | null } | null | undefined)?.workflowRun;
    if (!run) throw new NotFoundError('No workflow run with that id', { runId });
    return run.events.map((e) => ({ ...e, workflowId: run.workflowId }));
  }

  /** The run's status. @throws {@link NotFoundError} when the subscriber cannot see the run. */
  private async runStatus(runId: string, principal: Principal): Promise<string> {
    const result = await this.o.query(RUN_STATUS_QUERY, { id: runId }, principal);
    if (result.errors?.length) throw result.errors[0];
    const run = (result.data as { workflowRun: { status: string } | null } | null | undefined)?.workflowRun;
    if (!run) throw new NotFoundError('No workflow run with that id', { runId });
    return run.status;
  }

  /** Executes the subscriber's selection over each event (its runs fetched once for the burst) and queues the results. */
  private async render(events: readonly StreamedWorkflowEvent[], sub: WorkflowEventSubscription, request: SubscriptionRequest, schema: GraphQLSchema, stream: DeliveryStream): Promise<void> {
    if (stream.ended) return;
    const runs = new Map<string, Record<string, unknown>>();
    if (sub.runQuery) {
      for (const runId of new Set(events.map((e) => e.runId))) {
        const result = await this.o.query(sub.runQuery, { ...sub.runQueryVariables, id: runId }, request.principal);
        if (result.errors?.length) throw result.errors[0];
        runs.set(runId, (result.data ?? {}) as Record<string, unknown>);
      }
    }
    for (const event of events) {
      const source: Record<string, unknown> = { ...event, ...runs.get(event.runId) };
      const result = await execute({
        schema,
        document: request.document,
        operationName: request.operationName ?? undefined,
        variableValues: request.variables ?? undefined,
        rootValue: { [sub.responseKey]: source },
        fieldResolver: byResponseKey,
      });
      const final = sub.field === 'workflowRunEvents' && FINAL_RUN_EVENT_TYPES.has(event.type);
      stream.push(result, event.cursor, final);
      if (final || stream.ended) return;
    }
  }
}

/** Reads a field by its response key (the `run` selections were fetched under their aliases), else by its name. */
const byResponseKey: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
  if (source === null || typeof source !== 'object') return undefined;
  const record = source as Record<string, unknown>;
  const key = String(info.path.key);
  return key in record ? record[key] : record[info.fieldName];
};

/** The run's status, if the subscriber can see the run (another tenant's run is as absent as a missing one). */
const RUN_STATUS_QUERY = parse('query WorkflowRunStatus($id: ID!) { workflowRun(id: $id) { status } }');

/** The run's events after a cursor, from Postgres. */
const RUN_EVENTS_QUERY = parse(
  'query WorkflowRunEventsAfter($id: ID!, $after: String) { workflowRun(id: $id) { workflowId events(after: $after) { cursor type runId stepId at payload } } }',
);

/**
 * The results of one subscription, as an async iterator with a bounded buffer: a consumer that lets more than the
 * limit wait is ended with a SLOW_CONSUMER error carrying the last cursor it was given.
 */
class DeliveryStream implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: { result: ExecutionResult; cursor: string }[] = [];
  private waiting: ((value: IteratorResult<ExecutionResult>) => void) | undefined;
  private endAfterQueue = false;
  private lastTaken: string | null = null;
  private readonly endListeners: (() => void)[] = [];
  ended = false;

  constructor(private readonly limit: number) {}

  onEnd(listener: () => void): void {
    if (this.ended) listener();
    else this.endListeners.push(listener);
  }

  push(result: ExecutionResult, cursor: string, final: boolean): void {
    if (this.ended || this.endAfterQueue) return;
    if (this.queue.length >= this.limit) {
      this.queue.length = 0;
      this.queue.push({
        result: {
          errors: [
            new GraphQLError(`subscriber too slow: more than ${this.limit} events waiting; resume with after: the last cursor received`, {
              extensions: { code: 'SLOW_CONSUMER', lastCursor: this.lastTaken },
            }),
          ],
        },
        cursor: this.lastTaken ?? '0',
      });
      this.endAfterQueue = true;
      this.release();
      return;
    }
    this.queue.push({ result, cursor });
    if (final) this.endAfterQueue = true;
    this.release();
  }

  /** Ends the results once the queued ones are taken. */
  finish(): void {
    this.endAfterQueue = true;
    this.release();
  }

  fail(error: unknown): void {
    if (this.ended) return;
    const graphqlError = error instanceof GraphQLError ? error : new GraphQLError('delivering the event failed', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    this.queue.push({ result: { errors: [graphqlError] }, cursor: this.lastTaken ?? '0' });
    this.endAfterQueue = true;
    this.release();
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const item = this.queue.shift();
    if (item) {
      this.lastTaken = item.cursor;
      return Promise.resolve({ value: item.result, done: false });
    }
    if (this.endAfterQueue || this.ended) {
      this.end();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ExecutionResult> {
    return this;
  }

  private release(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = undefined;
    void this.next().then(waiting);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    for (const listener of this.endListeners.splice(0)) listener();
  }
}
