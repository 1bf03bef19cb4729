/**
 * The contract between the orchestration subgraph's outbox relay (the writer) and the gateway's subscription delivery
 * (the reader) of workflow events in Redis. Nothing else couples the two: the gateway never reads the orchestration
 * database, and the orchestration subgraph never knows who subscribes.
 *
 * - One stream per tenant, {@link eventStreamKey}; entry id `<cursor>-0` (so `XRANGE (<cursor>-0 +` reads every event
 *   after a cursor), one field `e` holding a {@link StreamedWorkflowEvent} as JSON; entries in cursor order, gapless
 *   per tenant while the stream holds them (`XADD MAXLEN ~` trims the oldest).
 * - After appending, the relay publishes on {@link eventNotificationChannel} a JSON array of tenant ids whose
 *   streams grew (today one message per tenant, sent by the appending script itself).
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
export interface StreamedWorkflowEvent {
  readonly cursor: string;
  readonly type: WorkflowEventType;
  readonly runId: string;
  readonly workflowId: string;
  readonly stepId: string | null;
  readonly at: string;
  readonly payload: unknown;
}

/** The Redis stream holding a tenant's events: `<keyPrefix>events:<tenantId>`. */
export function eventStreamKey(keyPrefix: string, tenantId: string): string {
  return `${keyPrefix}events:${tenantId}`;
}

/** The channel on which the relay announces, after a pass, the JSON array of tenant ids whose streams grew. */
export function eventNotificationChannel(keyPrefix: string): string {
  return `${keyPrefix}events`;
}
