import type { SpanContext } from '@opentelemetry/api';
import { execute, type GraphQLFieldResolver } from 'graphql';
import { principalKey, type Principal } from '../../platform/auth/principal.ts';
import { NotFoundError } from '../../platform/errors.ts';
import {
  FINAL_RUN_EVENT_TYPES,
  FINAL_RUN_STATUSES,
  type StreamedWorkflowEvent,
  type WorkflowEventStreamReader,
} from '../../platform/events/workflow-event-stream.ts';
import type { EventFeed, FeedOperation } from './event-feed.ts';
import { RunSelectionLoader } from './run-selection-loader.ts';
import { SharedResult } from './shared-result.ts';
import type { SupergraphQuery } from './supergraph-query.ts';
import { parseWorkflowEventSubscription, type WorkflowEventSubscription } from './workflow-event-subscription.ts';

/** The run's status, if the subscriber can see the run (another tenant's run is as absent as a missing one). */
const RUN_STATUS_QUERY = 'query WorkflowRunStatus($id: ID!) { workflowRun(id: $id) { status } }';

const EVENT_FIELDS = 'cursor type runId workflowId stepId at payload';

/** The run's events after a cursor, from Postgres. */
const RUN_EVENTS_QUERY = `query WorkflowRunEventsAfter($id: ID!, $after: String) { workflowRun(id: $id) { events(after: $after) { ${EVENT_FIELDS} } } }`;

/** The tenant's events (of one workflow, if given) after a cursor, from Postgres. */
const TENANT_EVENTS_QUERY = `query WorkflowEventsAfter($workflowId: ID, $after: String, $first: Int) {
  workflowEvents(workflowId: $workflowId, after: $after, first: $first) { ${EVENT_FIELDS} }
}`;

/**
 * The workflow events feed: `workflowRunEvents(runId, after)` (one run's events; completes after the run's final
 * event) and `workflowEvents(workflowId, after)` (the tenant's, of one workflow when given), from the `events` stream;
 * Postgres replay through `WorkflowRun.events` and `Query.workflowEvents`. Needs `workflows:subscribe`.
 *
 * An event is rendered by executing the subscriber's selection over the streamed event itself, its `run` selections
 * fetched through the supergraph as the subscriber — batched across groups and events by a {@link RunSelectionLoader}.
 */
export class WorkflowEventFeed implements EventFeed<StreamedWorkflowEvent, WorkflowEventSubscription> {
  readonly fields = ['workflowRunEvents', 'workflowEvents'] as const;
  readonly scope = 'workflows:subscribe' as const;
  private readonly runs: RunSelectionLoader;

  constructor(
    readonly reader: WorkflowEventStreamReader,
    private readonly query: SupergraphQuery,
  ) {
    this.runs = new RunSelectionLoader(query);
  }

  parse = parseWorkflowEventSubscription;

  async open(sub: WorkflowEventSubscription, principal: Principal): Promise<'open' | 'ended'> {
    if (sub.field !== 'workflowRunEvents') return 'open';
    const run = await this.visibleRun<{ status: string }>(RUN_STATUS_QUERY, sub.runId ?? '', {}, principal);
    return (FINAL_RUN_STATUSES as readonly string[]).includes(run.status) ? 'ended' : 'open';
  }

  matches(sub: WorkflowEventSubscription, event: StreamedWorkflowEvent): boolean {
    return sub.field === 'workflowRunEvents' ? event.runId === sub.runId : sub.workflowId === null || event.workflowId === sub.workflowId;
  }

  ends(sub: WorkflowEventSubscription, event: StreamedWorkflowEvent): boolean {
    return sub.field === 'workflowRunEvents' && FINAL_RUN_EVENT_TYPES.has(event.type);
  }

  async stored(sub: WorkflowEventSubscription, after: string, first: number, principal: Principal): Promise<StreamedWorkflowEvent[]> {
    if (sub.field === 'workflowRunEvents') {
      return (await this.visibleRun<{ events: StreamedWorkflowEvent[] }>(RUN_EVENTS_QUERY, sub.runId ?? '', { after }, principal)).events;
    }
    const result = await this.query(TENANT_EVENTS_QUERY, { workflowId: sub.workflowId, after, first }, principal);
    if (result.errors?.length) throw result.errors[0];
    return (result.data as { workflowEvents: StreamedWorkflowEvent[] } | null | undefined)?.workflowEvents ?? [];
  }

  render(
    operation: FeedOperation<WorkflowEventSubscription>,
    events: readonly StreamedWorkflowEvent[],
    links: readonly SpanContext[],
  ): Promise<SharedResult>[] {
    const sub = operation.subscription;
    const runQuery = sub.runQuery;
    const batchKey = `${principalKey(operation.principal)}\n${JSON.stringify(sub.runQueryVariables)}\n${runQuery ?? ''}`;
    const runs = new Map<string, Promise<Readonly<Record<string, unknown>>>>();
    return events.map((event) => {
      let run = runs.get(event.runId);
      if (!run && runQuery !== null) {
        run = this.runs.load({ runId: event.runId, query: runQuery, variables: sub.runQueryVariables, principal: operation.principal, batchKey, links });
        runs.set(event.runId, run);
      }
      return this.execute(operation, event, run);
    });
  }

  private async execute(
    operation: FeedOperation<WorkflowEventSubscription>,
    event: StreamedWorkflowEvent,
    run: Promise<Readonly<Record<string, unknown>>> | undefined,
  ): Promise<SharedResult> {
    const source = run ? { ...event, ...(await run) } : event;
    const result = await execute({
      schema: operation.schema,
      document: operation.document,
      operationName: operation.operationName,
      variableValues: operation.variables,
      rootValue: { [operation.subscription.responseKey]: source },
      fieldResolver: byResponseKey,
    });
    return new SharedResult({ ...result, extensions: { ...result.extensions, cursor: event.cursor } });
  }

  /**
   * `query`'s `workflowRun(id: $id)` for `runId`, as `principal`.
   * @throws its first GraphQL error; {@link NotFoundError} when the subscriber cannot see the run.
   */
  private async visibleRun<T>(query: string, runId: string, variables: Readonly<Record<string, unknown>>, principal: Principal): Promise<T> {
    const result = await this.query(query, { ...variables, id: runId }, principal);
    if (result.errors?.length) throw result.errors[0];
    const run = (result.data as { workflowRun: T | null } | null | undefined)?.workflowRun;
    if (!run) throw new NotFoundError('No workflow run with that id', { runId });
    return run;
  }
}

/** Reads a field by its response key (the `run` selections were fetched under their aliases), else by its name. */
const byResponseKey: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
  if (source === null || typeof source !== 'object') return undefined;
  const record = source as Record<string, unknown>;
  const key = String(info.path.key);
  return key in record ? record[key] : record[info.fieldName];
};
