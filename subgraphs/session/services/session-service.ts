import { randomUUID } from 'node:crypto';
import { In, type DataSource, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ConflictError, NotFoundError, BadUserInputError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../../platform/pagination.ts';
import { isUuid } from '../../../platform/validation.ts';
import { SessionSchema, type Session } from '../entities/session.ts';
import { INITIAL_BOT_STATE } from './bot-lifecycle.ts';
import { addParticipants, removeAllParticipants } from './participant-service.ts';
import { recordSessionEvents } from './session-events.ts';
import { validateEndWorkflow, validateStartSession, type StartSessionArgs } from './session-limits.ts';

/** One page of sessions, newest first, with Relay-style cursors. */
export interface SessionPage {
  edges: { cursor: string; node: Session }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Owns sessions: starting, ending, reading and listing them, always within one tenant. */
export class SessionService {
  private readonly sessions: Repository<Session>;

  /**
   * @param onEnded - called after an end committed (the session-end dispatcher's nudge); must not throw.
   */
  constructor(
    private readonly dataSource: DataSource,
    private readonly onEnded: (session: Session) => void = () => undefined,
  ) {
    this.sessions = dataSource.getRepository(SessionSchema);
  }

  /**
   * Starts an `ACTIVE` session now, in one transaction: the session (a `BOT` session's bot in `REQUESTED`, with a
   * BOT_STATE_CHANGED event from null), and its participants as present, with a PARTICIPANT_JOINED event each.
   * @throws {@link BadUserInputError} when the input breaks a limit of session-limits.ts.
   */
  async start(tenantId: string, input: StartSessionArgs): Promise<Session> {
    const participants = validateStartSession(input);
    const onEnd = validateEndWorkflow(input.onEnd);
    const kind = input.kind ?? 'USER';
    const session: Session = {
      id: randomUUID(),
      tenantId,
      kind,
      status: 'ACTIVE',
      title: input.title ?? null,
      metadata: input.metadata ?? null,
      // Millisecond precision (a JS Date), so keyset cursors round-trip exactly.
      startedAt: new Date(),
      endedAt: null,
      botState: kind === 'BOT' ? INITIAL_BOT_STATE : null,
      botFailureReason: null,
      endWorkflowId: onEnd?.workflowId ?? null,
      endWorkflowInput: onEnd?.input ?? null,
      endWorkflowTranscript: onEnd?.includeTranscript ?? false,
      endRunId: null,
      endRunError: null,
      endRunAttempts: 0,
      endRunNextAt: null,
    };
    return this.dataSource.transaction(async (manager) => {
      // `metadata: unknown` is any JSON; TypeORM's partial type cannot express that, hence the cast.
      await manager.getRepository(SessionSchema).insert(session as QueryDeepPartialEntity<Session>);
      if (kind === 'BOT') {
        await recordSessionEvents(manager, tenantId, [
          { sessionId: session.id, type: 'BOT_STATE_CHANGED', payload: { from: null, to: INITIAL_BOT_STATE, reason: null } },
        ]);
      }
      await addParticipants(manager, tenantId, session.id, participants, session.startedAt);
      return session;
    });
  }

  /**
   * Ends an active session, in one transaction: locks it (`FOR UPDATE`, so two concurrent calls cannot both
   * succeed), sets it `ENDED` (a `BOT` session's bot directly to `ENDED`, with BOT_STATE_CHANGED, whatever its state),
   * marks everyone present as left (PARTICIPANT_LEFT each), and records SESSION_ENDED. After the commit, nudges the
   * session-end dispatcher (`onEnded`) so that an `onEnd` workflow starts without waiting for its poll.
   * @throws {@link NotFoundError} for an id that is not a session of the tenant.
   * @throws {@link ConflictError} when the session has already ended.
   */
  async end(tenantId: string, id: string): Promise<Session> {
    if (!isUuid(id)) throw new NotFoundError(`Session ${id} not found`, { id });
    const ended = await this.dataSource.transaction(async (manager) => {
      const sessions = manager.getRepository(SessionSchema);
      const locked = await sessions.findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } });
      if (!locked) throw new NotFoundError(`Session ${id} not found`, { id });
      if (locked.status !== 'ACTIVE') throw new ConflictError(`Session ${id} has already ended`, { id });
      const endedAt = new Date();
      const bot = locked.kind === 'BOT';
      await sessions.update({ tenantId, id }, { status: 'ENDED', endedAt, ...(bot ? { botState: 'ENDED' as const } : {}) });
      if (bot) {
        await recordSessionEvents(manager, tenantId, [
          { sessionId: id, type: 'BOT_STATE_CHANGED', payload: { from: locked.botState, to: 'ENDED', reason: null } },
        ]);
      }
      await removeAllParticipants(manager, tenantId, id, endedAt);
      await recordSessionEvents(manager, tenantId, [{ sessionId: id, type: 'SESSION_ENDED' }]);
      return { ...locked, status: 'ENDED' as const, endedAt, botState: bot ? ('ENDED' as const) : locked.botState };
    });
    this.onEnded(ended);
    return ended;
  }

  /** The tenant's session `id`, or null (also for ids that are not UUIDs). */
  async find(tenantId: string, id: string): Promise<Session | null> {
    if (!isUuid(id)) return null;
    return this.sessions.findOneBy({ tenantId, id });
  }

  /** The tenant's sessions among `ids` (non-UUIDs skipped), in one statement, in no particular order. */
  async findMany(tenantId: string, ids: readonly string[]): Promise<Session[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.sessions.findBy({ tenantId, id: In(valid) });
  }

  /**
   * One page of the tenant's sessions, newest first (by `startedAt`, then id), after the cursor `after`.
   * @throws {@link BadUserInputError} for `first` outside 1..100 or a cursor that is not one of ours.
   */
  async list(tenantId: string, first: number | null | undefined, after: string | null | undefined): Promise<SessionPage> {
    const size = pageSize(first);
    const position = decodeCursor(after);
    if (position && !isUuid(position.id)) throw new BadUserInputError('"after" is not a valid cursor', { field: 'after' });
    const query = this.sessions.createQueryBuilder('s').where('s.tenant_id = :tenantId', { tenantId });
    if (position) {
      query.andWhere('(s.started_at, s.id) < (:startedAt, :id)', { startedAt: position.createdAt, id: position.id });
    }
    const rows = await query
      .orderBy('s.started_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(size + 1)
      .getMany();
    const page = rows.slice(0, size);
    const edges = page.map((node) => ({ cursor: encodeCursor({ createdAt: node.startedAt, id: node.id }), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
