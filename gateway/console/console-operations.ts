// Every GraphQL document the web console (app/) sends, in one place: the console talks to the public API only, with
// these and nothing else (no introspection). Under TRUSTED_DOCUMENTS=enforce they are refused unless published in a
// manifest (they are not in test/generated/persisted-documents.json).

/** Fields of a step run the run page shows. */
const STEP_FIELDS = `
  id stepId kind status attempt itemIndex input output error startedAt finishedAt durationMs
  attempts { attempt status error errorCode workerId startedAt finishedAt }
  items { id stepId kind status attempt itemIndex output error }`;

/** Fields of a workflow event. */
const RUN_EVENT_FIELDS = 'cursor type runId stepId at payload';

/** A page of the tenant's runs, newest first. Variables: `filter` (`{ status, workflowId }`), `first`, `after`. */
export const RUNS_QUERY = `query ConsoleRuns($filter: WorkflowRunFilter, $first: Int, $after: String) {
  workflowRuns(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id workflowId workflowVersion workflow { id name } status error createdAt startedAt finishedAt sessionId } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** A run with its steps and every event so far (the last event's cursor is where the subscription resumes). */
export const RUN_QUERY = `query ConsoleRun($id: ID!) {
  workflowRun(id: $id) {
    id workflowId workflowVersion status input output error queue sessionId createdAt startedAt finishedAt
    steps { ${STEP_FIELDS} }
    events { ${RUN_EVENT_FIELDS} }
  }
}`;

/** A run's state again (no events), read after live events to pick up outputs, attempts and errors. */
export const RUN_STATE_QUERY = `query ConsoleRunState($id: ID!) {
  workflowRun(id: $id) {
    id workflowId workflowVersion status input output error queue sessionId createdAt startedAt finishedAt
    steps { ${STEP_FIELDS} }
  }
}`;

/** The definition a run executes: its workflow at the run's version (steps and their `dependsOn` edges). */
export const WORKFLOW_VERSION_QUERY = `query ConsoleWorkflowVersion($id: ID!, $version: Int) {
  workflow(id: $id, version: $version) { id name version steps { id kind dependsOn when } }
}`;

/** A run's model calls (needs `routing:read`; asked apart so that without it only this panel fails). */
export const RUN_MODEL_CALLS_QUERY = `query ConsoleRunModelCalls($id: ID!) {
  workflowRun(id: $id) {
    id costUsd
    modelCalls { id requestId attempt stepId model provider status errorClass error inputTokens outputTokens costUsd latencyMs timeToFirstTokenMs streamed createdAt }
  }
}`;

/** A run's events after `after`, live (graphql-ws); it completes after the run's final event. */
export const RUN_EVENTS_SUBSCRIPTION = `subscription ConsoleRunEvents($runId: ID!, $after: String) {
  workflowRunEvents(runId: $runId, after: $after) { ${RUN_EVENT_FIELDS} }
}`;

/** A page of the tenant's sessions. */
export const SESSIONS_QUERY = `query ConsoleSessions($first: Int, $after: String) {
  sessions(first: $first, after: $after) {
    edges { cursor node { id kind status title startedAt endedAt botState } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Fields of a transcript segment. */
const SEGMENT_FIELDS = 'id sequence speaker text final revision language startMs endMs';
/** Fields of a participant's presence. */
const PARTICIPANT_FIELDS = 'id role displayName externalId joinedAt leftAt';
/** Fields of a session event, with what changed. */
const SESSION_EVENT_FIELDS = `cursor type sessionId at payload
  segment { ${SEGMENT_FIELDS} }
  participant { ${PARTICIPANT_FIELDS} }
  botStateChange { from to reason at }
  run { id }`;

/** Most session events asked for per page. */
export const SESSION_EVENTS_PAGE = 1000;

/** A session: transcript, who is present, bot state, and its first page of events (to resume the subscription from). */
export const SESSION_QUERY = `query ConsoleSession($id: ID!, $first: Int) {
  session(id: $id) {
    id kind status title startedAt endedAt botState botFailureReason
    botStateHistory { from to reason at }
    participants { ${PARTICIPANT_FIELDS} }
    transcript { ${SEGMENT_FIELDS} }
    events(first: $first) { ${SESSION_EVENT_FIELDS} }
  }
}`;

/** A session's further events, after `after` (paging on from {@link SESSION_QUERY}'s). */
export const SESSION_EVENTS_QUERY = `query ConsoleSessionEvents($id: ID!, $after: String, $first: Int) {
  session(id: $id) { id events(after: $after, first: $first) { ${SESSION_EVENT_FIELDS} } }
}`;

/** The runs started for a session (needs `workflows:read`; asked apart so that without it only this panel fails). */
export const SESSION_RUNS_QUERY = `query ConsoleSessionRuns($id: ID!) {
  session(id: $id) { id runs(first: 20) { id workflowId status createdAt } }
}`;

/** A session's events after `after`, live (graphql-ws). */
export const SESSION_EVENTS_SUBSCRIPTION = `subscription ConsoleSessionLive($sessionId: ID!, $after: String) {
  sessionEvents(sessionId: $sessionId, after: $after) { ${SESSION_EVENT_FIELDS} }
}`;

/** Every document of the console, by operation name (e.g. for a trusted-document manifest). */
export const CONSOLE_OPERATIONS: Readonly<Record<string, string>> = Object.freeze({
  ConsoleRuns: RUNS_QUERY,
  ConsoleRun: RUN_QUERY,
  ConsoleRunState: RUN_STATE_QUERY,
  ConsoleWorkflowVersion: WORKFLOW_VERSION_QUERY,
  ConsoleRunModelCalls: RUN_MODEL_CALLS_QUERY,
  ConsoleRunEvents: RUN_EVENTS_SUBSCRIPTION,
  ConsoleSessions: SESSIONS_QUERY,
  ConsoleSession: SESSION_QUERY,
  ConsoleSessionEvents: SESSION_EVENTS_QUERY,
  ConsoleSessionRuns: SESSION_RUNS_QUERY,
  ConsoleSessionLive: SESSION_EVENTS_SUBSCRIPTION,
});
