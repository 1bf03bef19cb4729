import type { DataSource } from 'typeorm';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../platform/errors.ts';
import { assertLength, isUuid } from '../../../platform/validation.ts';
import { SessionSchema, type Session } from '../entities/session.ts';
import { allowedNextBotStates, isFinalBotState, MAX_BOT_REASON_LENGTH, type BotState } from './bot-lifecycle.ts';
import { removeAllParticipants } from './participant-service.ts';
import { recordSessionEvents, type SessionEvent } from './session-events.ts';

/** One change of a bot's state (GraphQL `BotStateChange`), read from the session's BOT_STATE_CHANGED events. */
export interface BotStateChange {
  readonly sessionId: string;
  /** Null for the first change: the session's start in `REQUESTED`. */
  readonly from: BotState | null;
  readonly to: BotState;
  readonly reason: string | null;
  readonly at: Date;
}

/** Owns the bot lifecycle of `BOT` sessions (bot-lifecycle.ts). */
export class BotStateService {
  /**
   * @param onEnded - called after a change to a final state committed (the session-end dispatcher's nudge); must not throw.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly onEnded: (session: Session) => void = () => undefined,
  ) {}

  /**
   * Moves the bot of a `BOT` session to `state`, in one transaction: a conditional UPDATE from the state just read
   * (so of concurrent changes from one state exactly one succeeds), a BOT_STATE_CHANGED event `{ from, to, reason }`,
   * and, for a final state, the session's end (status `ENDED`, everyone present left, SESSION_ENDED), after whose commit
   * `onEnded` nudges the session-end dispatcher.
   * @throws {@link BadUserInputError} for a `USER` session, a `FAILED` without `reason`, or a reason over 1000 characters.
   * @throws {@link NotFoundError} when the session is not the tenant's.
   * @throws {@link ConflictError} when `state` is not an allowed next state of the current one (`details.allowed`).
   */
  async change(tenantId: string, sessionId: string, state: BotState, reason: string | null | undefined): Promise<Session> {
    const why = reason ?? null;
    if (why !== null) assertLength('reason', why, MAX_BOT_REASON_LENGTH, 1);
    if (state === 'FAILED' && why === null) throw new BadUserInputError('"reason" is required to move a bot to FAILED', { field: 'reason' });
    if (!isUuid(sessionId)) throw new NotFoundError(`Session ${sessionId} not found`, { id: sessionId });
    const after = await this.dataSource.transaction(async (manager) => {
      const sessions = manager.getRepository(SessionSchema);
      const current = await sessions.findOneBy({ tenantId, id: sessionId });
      if (!current) throw new NotFoundError(`Session ${sessionId} not found`, { id: sessionId });
      if (current.kind !== 'BOT') {
        throw new BadUserInputError(`Session ${sessionId} is a USER session: only BOT sessions have a bot state`, { field: 'sessionId' });
      }
      const from = current.botState;
      if (!allowedNextBotStates(from).includes(state)) throw refusedTransition(sessionId, from, state);
      const final = isFinalBotState(state);
      const at = new Date();
      const result = await sessions
        .createQueryBuilder()
        .update()
        .set({
          botState: state,
          ...(state === 'FAILED' ? { botFailureReason: why } : {}),
          ...(final ? { status: 'ENDED' as const, endedAt: at } : {}),
        })
        .where('tenant_id = :tenantId AND id = :sessionId AND bot_state = :from AND status = :active', { tenantId, sessionId, from, active: 'ACTIVE' })
        .execute();
      if (result.affected === 0) {
        // Another change committed since the read: refuse against the state it left.
        const now = await sessions.findOneBy({ tenantId, id: sessionId });
        throw refusedTransition(sessionId, now?.botState ?? null, state);
      }
      await recordSessionEvents(manager, tenantId, [{ sessionId, type: 'BOT_STATE_CHANGED', payload: { from, to: state, reason: why } }]);
      if (final) {
        await removeAllParticipants(manager, tenantId, sessionId, at);
        await recordSessionEvents(manager, tenantId, [{ sessionId, type: 'SESSION_ENDED' }]);
      }
      const changed = await sessions.findOneBy({ tenantId, id: sessionId });
      if (!changed) throw new NotFoundError(`Session ${sessionId} not found`, { id: sessionId });
      return changed;
    });
    if (after.status === 'ENDED') this.onEnded(after);
    return after;
  }

  /** The change a BOT_STATE_CHANGED event recorded (its payload, at its time); null for other types. */
  changeOf(event: SessionEvent): BotStateChange | null {
    if (event.type !== 'BOT_STATE_CHANGED') return null;
    const payload = (event.payload ?? {}) as { from?: BotState | null; to?: BotState; reason?: string | null };
    if (typeof payload.to !== 'string') return null;
    return { sessionId: event.sessionId, from: payload.from ?? null, to: payload.to, reason: payload.reason ?? null, at: event.at };
  }

  /** The bot state changes of the tenant's sessions `sessionIds` in one statement, ordered by session then time. */
  async historyOf(tenantId: string, sessionIds: readonly string[]): Promise<BotStateChange[]> {
    const valid = sessionIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows: { session_id: string; from: BotState | null; to: BotState; reason: string | null; at: Date }[] = await this.dataSource.query(
      `SELECT session_id, payload->>'from' AS "from", payload->>'to' AS "to", payload->>'reason' AS reason, at
       FROM session.session_events
       WHERE tenant_id = $1 AND session_id = ANY($2::uuid[]) AND type = 'BOT_STATE_CHANGED'
       ORDER BY session_id, seq`,
      [tenantId, valid],
    );
    return rows.map((row) => ({ sessionId: row.session_id, from: row.from, to: row.to, reason: row.reason, at: new Date(row.at) }));
  }
}

function refusedTransition(sessionId: string, from: BotState | null, to: BotState): ConflictError {
  const allowed = allowedNextBotStates(from);
  const next = allowed.length === 0 ? 'none (the bot is in a final state)' : allowed.join(', ');
  return new ConflictError(`The bot of session ${sessionId} cannot move from ${from ?? 'no state'} to ${to}; allowed next states: ${next}`, {
    id: sessionId,
    from,
    to,
    allowed,
  });
}
