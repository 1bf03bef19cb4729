/**
 * A comment that every statement of a background loop starts with — the workflow event relay's passes
 * (`platform/events/outbox-relay.ts`, workflow and session events) and the entity-change relays' polls
 * (`platform/events/entity-change-relay.ts`) — so that what counts the statements of one request
 * (`test/kit/statement-counter.ts`) can leave out those a loop happens to send at the same time. Postgres ignores it.
 */
export const BACKGROUND_SQL_MARK = '/* orchestra:background */';
