/**
 * The states of a `BOT` session's bot (a meeting bot, as Recall.ai-style platforms report it):
 *
 * ```
 * REQUESTED → JOINING → IN_CALL → LEAVING → ENDED
 *     └──────────┴─────────┴─────────┴────→ FAILED
 * ```
 *
 * `ENDED` and `FAILED` are final: reaching either ends the session.
 */
export const BOT_STATES = ['REQUESTED', 'JOINING', 'IN_CALL', 'LEAVING', 'ENDED', 'FAILED'] as const;

/** One of {@link BOT_STATES} (GraphQL `BotState`). */
export type BotState = (typeof BOT_STATES)[number];

/** The state a `BOT` session starts in. */
export const INITIAL_BOT_STATE: BotState = 'REQUESTED';

/** Longest `reason` of a bot state change, in characters. */
export const MAX_BOT_REASON_LENGTH = 1000;

/** The states each state may move to; every non-final state may also fail. */
const NEXT_STATES: Readonly<Record<BotState, readonly BotState[]>> = {
  REQUESTED: ['JOINING', 'FAILED'],
  JOINING: ['IN_CALL', 'FAILED'],
  IN_CALL: ['LEAVING', 'FAILED'],
  LEAVING: ['ENDED', 'FAILED'],
  ENDED: [],
  FAILED: [],
};

/** The states a bot in `from` may move to (none from a final state, or from null: a session without a bot state). */
export function allowedNextBotStates(from: BotState | null): readonly BotState[] {
  return from === null ? [] : NEXT_STATES[from];
}

/** Whether `state` ends the session (`ENDED`, `FAILED`). */
export function isFinalBotState(state: BotState): boolean {
  return NEXT_STATES[state].length === 0;
}
