import { randomUUID } from 'node:crypto';
import { In, type DataSource, type Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { ConflictError, NotFoundError, BadUserInputError } from '../../../platform/errors.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../../platform/pagination.ts';
import { isUuid } from '../../../platform/validation.ts';
import { SessionSchema, type Session } from '../entities/session.ts';
import { recordSessionEvents } from './session-events.ts';
import { validateStartSession, type StartSessionArgs } from './session-limits.ts';

/** One page of sessions, newest first, with Relay-style cursors. */
export interface SessionPage {
  edges: { cursor: string; node: Session }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Owns sessions: starting, ending, reading and listing them, always within one tenant. */
export class SessionService {
  private readonly sessions: Repository<Session>;

  constructor(private readonly dataSource: DataSource) {
    this.sessions = dataSource.getRepository(SessionSchema);
  }

  /**
   * Starts an `ACTIVE` session now.
   * @throws {@link BadUserInputError} when the input breaks a limit of session-limits.ts.
   */
  async start(tenantId: string, input: StartSessionArgs): Promise<Session> {
    const participants = validateStartSession(input);
    const session: Session = {
      id: randomUUID(),
      tenantId,
      kind: input.kind ?? 'USER',
      status: 'ACTIVE',
      title: input.title ?? null,
      participants,
      metadata: input.metadata ?? null,
      // Millisecond precision (a JS Date), so keyset cursors round-trip exactly.
      startedAt: new Date(),
      endedAt: null,
    };
    // `metadata: unknown` is any JSON; TypeORM's partial type cannot express that, hence the cast.
    await this.sessions.insert(session as QueryDeepPartialEntity<Session>);
    return session;
  }

  /**
   * Ends an active session (one conditional UPDATE, so two concurrent calls cannot both succeed) and records
   * SESSION_ENDED in the same transaction.
   * @throws {@link NotFoundError} for an id that is not a session of the tenant.
   * @throws {@link ConflictError} when the session has already ended.
   */
  async end(tenantId: string, id: string): Promise<Session> {
    if (!isUuid(id)) throw new NotFoundError(`Session ${id} not found`, { id });
    return this.dataSource.transaction(async (manager) => {
      const sessions = manager.getRepository(SessionSchema);
      const result = await sessions
        .createQueryBuilder()
        .update()
        .set({ status: 'ENDED', endedAt: new Date() })
        .where('tenant_id = :tenantId AND id = :id AND status = :active', { tenantId, id, active: 'ACTIVE' })
        .execute();
      const session = await sessions.findOneBy({ tenantId, id });
      if (!session) throw new NotFoundError(`Session ${id} not found`, { id });
      if (result.affected === 0) throw new ConflictError(`Session ${id} has already ended`, { id });
      await recordSessionEvents(manager, tenantId, [{ sessionId: id, type: 'SESSION_ENDED' }]);
      return session;
    });
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
