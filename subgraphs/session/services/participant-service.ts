import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/validation.ts';
import type { Participant, ParticipantRole } from '../entities/participant.ts';
import { lockActiveSession } from './active-session-lock.ts';
import { recordSessionEvents } from './session-events.ts';
import { MAX_PARTICIPANTS, validateParticipant, type ParticipantArgs, type ValidParticipant } from './session-limits.ts';

type Query = Pick<EntityManager, 'query'>;

/** A row of `session.participants` as `pg` returns it. */
interface ParticipantRow {
  id: string;
  tenant_id: string;
  session_id: string;
  participant_key: string;
  external_id: string | null;
  role: ParticipantRole;
  display_name: string | null;
  joined_at: Date;
  left_at: Date | null;
}

const COLUMNS = 'id, tenant_id, session_id, participant_key, external_id, role, display_name, joined_at, left_at';

function toParticipant(row: ParticipantRow): Participant {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    sessionId: row.session_id,
    participantKey: row.participant_key,
    externalId: row.external_id,
    role: row.role,
    displayName: row.display_name,
    joinedAt: new Date(row.joined_at),
    leftAt: row.left_at === null ? null : new Date(row.left_at),
  };
}

/**
 * Inserts `participants` (in order) as present in the session from `at`, and records a PARTICIPANT_JOINED event for
 * each, inside the caller's transaction (`manager`): two statements whatever their number.
 */
export async function addParticipants(
  manager: Query,
  tenantId: string,
  sessionId: string,
  participants: readonly ValidParticipant[],
  at: Date,
): Promise<Participant[]> {
  if (participants.length === 0) return [];
  const rows: ParticipantRow[] = await manager.query(
    `INSERT INTO session.participants (id, tenant_id, session_id, participant_key, external_id, role, display_name, joined_at)
     SELECT p.id, $1, $2, p.participant_key, p.external_id, p.role, p.display_name, $3
     FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS p(id, participant_key, external_id, role, display_name, ord)
     ORDER BY p.ord
     RETURNING ${COLUMNS}`,
    [
      tenantId,
      sessionId,
      at,
      participants.map(() => randomUUID()),
      participants.map((p) => p.id),
      participants.map((p) => p.externalId),
      participants.map((p) => p.role),
      participants.map((p) => p.displayName),
    ],
  );
  const byKey = new Map(rows.map((row) => [row.participant_key, toParticipant(row)]));
  const added = participants.map((p) => byKey.get(p.id)).filter((p): p is Participant => p !== undefined);
  await recordSessionEvents(
    manager,
    tenantId,
    added.map((p) => ({ sessionId, type: 'PARTICIPANT_JOINED', participantId: p.participantKey, presenceId: p.id, payload: { role: p.role } })),
  );
  return added;
}

/**
 * Marks everyone present in the session as left at `at` and records a PARTICIPANT_LEFT event for each (in join
 * order), inside the caller's transaction: what ending a session does to its participants.
 */
export async function removeAllParticipants(manager: Query, tenantId: string, sessionId: string, at: Date): Promise<void> {
  const left: { id: string; participant_key: string }[] = await manager.query(
    `WITH left_now AS (
       UPDATE session.participants SET left_at = $3
       WHERE tenant_id = $1 AND session_id = $2 AND left_at IS NULL
       RETURNING id, participant_key, joined_at, seq)
     SELECT id, participant_key FROM left_now ORDER BY joined_at, seq`,
    [tenantId, sessionId, at],
  );
  await recordSessionEvents(
    manager,
    tenantId,
    left.map((row) => ({ sessionId, type: 'PARTICIPANT_LEFT', participantId: row.participant_key, presenceId: row.id })),
  );
}

/** Which presence a participant event is about (see {@link ParticipantService.presencesOf}). */
export interface PresenceRequest {
  /** The presence's row id, when the event recorded it. */
  readonly presenceId: string | null;
  readonly sessionId: string;
  /** The participant's `Participant.id`. */
  readonly participantKey: string;
  /** When the event was written. */
  readonly at: Date;
}

/** Owns who is in a session: joins, leaves, and reads of the present participants and of the history. */
export class ParticipantService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Adds `participant` to an active session as present from now, with a PARTICIPANT_JOINED event, in one transaction.
   * A participant who left earlier joins again with a new row.
   * @throws {@link BadUserInputError} for an invalid participant (nothing is written).
   * @throws {@link NotFoundError} when the session is not the tenant's.
   * @throws {@link ConflictError} when the session has ended, the participant is present already, or
   * {@link MAX_PARTICIPANTS} are present.
   */
  async join(tenantId: string, sessionId: string, input: ParticipantArgs): Promise<Participant> {
    const participant = validateParticipant('participant', input);
    if (!isUuid(sessionId)) throw new NotFoundError(`Session ${sessionId} not found`, { id: sessionId });
    return this.dataSource.transaction(async (manager) => {
      await lockActiveSession(manager, tenantId, sessionId);
      const present: { n: string; already: boolean | null }[] = await manager.query(
        `SELECT count(*) AS n, bool_or(participant_key = $3) AS already
         FROM session.participants WHERE tenant_id = $1 AND session_id = $2 AND left_at IS NULL`,
        [tenantId, sessionId, participant.id],
      );
      if (present[0]?.already) {
        throw new ConflictError(`Participant "${participant.id}" is already in session ${sessionId}`, { id: sessionId, participantId: participant.id });
      }
      if (Number(present[0]?.n ?? 0) >= MAX_PARTICIPANTS) {
        throw new ConflictError(`Session ${sessionId} already has ${MAX_PARTICIPANTS} participants present`, { id: sessionId, limit: MAX_PARTICIPANTS });
      }
      const [joined] = await addParticipants(manager, tenantId, sessionId, [participant], new Date());
      if (!joined) throw new Error('the inserted participant was not returned');
      return joined;
    });
  }

  /**
   * Marks the participant `participantKey` (its `Participant.id`) as left now, with a PARTICIPANT_LEFT event, in one
   * transaction.
   * @throws {@link NotFoundError} when the session is not the tenant's or the participant is not present in it.
   * @throws {@link ConflictError} when the session has ended.
   */
  async leave(tenantId: string, sessionId: string, participantKey: string): Promise<Participant> {
    if (!isUuid(sessionId)) throw new NotFoundError(`Session ${sessionId} not found`, { id: sessionId });
    return this.dataSource.transaction(async (manager) => {
      await lockActiveSession(manager, tenantId, sessionId);
      const rows: ParticipantRow[] = await manager.query(
        // A CTE, so that the driver answers rows (TypeORM answers a bare UPDATE with [rows, count]).
        `WITH left_now AS (
           UPDATE session.participants SET left_at = greatest($4::timestamptz, joined_at)
           WHERE tenant_id = $1 AND session_id = $2 AND participant_key = $3 AND left_at IS NULL
           RETURNING ${COLUMNS})
         SELECT * FROM left_now`,
        [tenantId, sessionId, participantKey, new Date()],
      );
      const row = rows[0];
      if (!row) {
        throw new NotFoundError(`Participant "${participantKey}" is not in session ${sessionId}`, { id: sessionId, participantId: participantKey });
      }
      await recordSessionEvents(manager, tenantId, [{ sessionId, type: 'PARTICIPANT_LEFT', participantId: participantKey, presenceId: row.id }]);
      return toParticipant(row);
    });
  }

  /**
   * The presences participant events are about, in one statement: each by its `presenceId` when it has one, else
   * (events recorded before presences were) the participant's latest presence in the session that began by `at`.
   * @returns one entry per request, in order; null where none is the tenant's.
   */
  async presencesOf(tenantId: string, requests: readonly PresenceRequest[]): Promise<(Participant | null)[]> {
    if (requests.length === 0) return [];
    const rows: (ParticipantRow & { ord: string })[] = await this.dataSource.query(
      `SELECT DISTINCT ON (q.ord) q.ord, p.id, p.tenant_id, p.session_id, p.participant_key, p.external_id, p.role, p.display_name, p.joined_at, p.left_at
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS q(presence_id, session_id, participant_key, at, ord)
       JOIN session.participants p ON p.tenant_id = $1 AND (
         (q.presence_id IS NOT NULL AND p.id = q.presence_id)
         OR (q.presence_id IS NULL AND p.session_id = q.session_id AND p.participant_key = q.participant_key AND p.joined_at <= q.at))
       ORDER BY q.ord, p.joined_at DESC, p.seq DESC`,
      [tenantId, requests.map((r) => r.presenceId), requests.map((r) => r.sessionId), requests.map((r) => r.participantKey), requests.map((r) => r.at)],
    );
    const byOrdinal = new Map(rows.map((row) => [Number(row.ord), toParticipant(row)]));
    return requests.map((_request, i) => byOrdinal.get(i + 1) ?? null);
  }

  /**
   * The participants of the tenant's sessions `sessionIds` in one statement, ordered by session then join time (and
   * join order within one instant); with `presentOnly`, only those who have not left.
   */
  async participantsOf(tenantId: string, sessionIds: readonly string[], presentOnly: boolean): Promise<Participant[]> {
    const valid = sessionIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows: ParticipantRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM session.participants
       WHERE tenant_id = $1 AND session_id = ANY($2::uuid[])${presentOnly ? ' AND left_at IS NULL' : ''}
       ORDER BY session_id, joined_at, seq`,
      [tenantId, valid],
    );
    return rows.map(toParticipant);
  }
}
