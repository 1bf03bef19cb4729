import type { OutboxDefinition } from '../../../platform/events/outbox-relay.ts';
import { WORKFLOW_EVENT_STREAM } from '../../../platform/events/event-stream.ts';
import type { StreamedWorkflowEvent, WorkflowEventType } from '../../../platform/events/workflow-event-stream.ts';

/**
 * The orchestration subgraph's outbox, `orchestration.workflow_events` (written by `appendEvents` in the transitions'
 * transactions; cursors per `assignEventCursors`), as its relay publishes it to the `events` stream.
 */
export const WORKFLOW_EVENT_OUTBOX: OutboxDefinition<StreamedWorkflowEvent> = {
  schema: 'orchestration',
  stream: WORKFLOW_EVENT_STREAM,
  relayName: 'event-relay',
  toStreamed: (row) => ({
    cursor: String(row['cursor']),
    type: row['type'] as WorkflowEventType,
    runId: row['run_id'] as string,
    workflowId: row['workflow_id'] as string,
    stepId: (row['step_id'] as string | null) ?? null,
    at: (row['at'] as Date).toISOString(),
    payload: row['payload'] ?? null,
  }),
};
