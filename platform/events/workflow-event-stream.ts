import type { EventStreamReader, EventStreamWriter, StreamedEvent } from './event-stream.ts';

/**
 * Workflow events as the orchestration subgraph's outbox relay streams them and the gateway delivers them
 * (`workflowRunEvents`, `workflowEvents`): the event shape of the `events` stream (contract:
 * event-stream.ts), and the run statuses that end a run's events.
 */

/** Kinds of state change a run reports (GraphQL `WorkflowEventType`). */
export type WorkflowEventType =
  | 'RUN_STARTED'
  | 'RUN_COMPLETED'
  | 'RUN_FAILED'
  | 'RUN_CANCELLED'
  | 'RUN_TIMED_OUT'
  | 'STEP_STARTED'
  | 'STEP_COMPLETED'
  | 'STEP_FAILED'
  | 'STEP_SKIPPED'
  | 'STEP_RETRYING'
  | 'STEP_OUTPUT_DELTA'
  | 'SIGNAL_RECEIVED';

/**
 * The final statuses of a run (GraphQL `WorkflowRunStatus`): no transition leaves them, and no event follows the one
 * that reached them.
 */
export const FINAL_RUN_STATUSES = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT'] as const;

/** The event types that end a run: a run's event list ends with exactly one of them. */
export const FINAL_RUN_EVENT_TYPES: ReadonlySet<WorkflowEventType> = new Set(['RUN_COMPLETED', 'RUN_FAILED', 'RUN_CANCELLED', 'RUN_TIMED_OUT']);

/**
 * The JSON in field `e` of a stream entry (entry id `<cursor>-0`). `cursor` is the decimal string of the GraphQL
 * `WorkflowEvent.cursor`; `at` is an ISO 8601 timestamp.
 */
export interface StreamedWorkflowEvent extends StreamedEvent {
  readonly cursor: string;
  readonly type: WorkflowEventType;
  readonly runId: string;
  readonly workflowId: string;
  readonly stepId: string | null;
  readonly at: string;
  readonly payload: unknown;
}

/** The writing side of the workflow event stream (the orchestration subgraph's relay). */
export type WorkflowEventStreamWriter = EventStreamWriter<StreamedWorkflowEvent>;

/** The reading side of the workflow event stream (the gateway's workflow event delivery). */
export type WorkflowEventStreamReader = EventStreamReader<StreamedWorkflowEvent>;
