import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../../platform/errors.ts';

/**
 * Locks the tenant's active session `sessionId` (`SELECT … FOR UPDATE`) inside the caller's transaction, so that
 * concurrent writes to one session (transcript appends, joins and leaves) queue up and see each other's results.
 * @throws {@link NotFoundError} when it is not the tenant's; {@link ConflictError} when it has ended.
 */
export async function lockActiveSession(manager: Pick<EntityManager, 'query'>, tenantId: string, sessionId: string): Promise<void> {
  const locked: { status: string }[] = await manager.query('SELECT status FROM session.sessions WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [
    tenantId,
    sessionId,
  ]);
  const session = locked[0];
  if (!session) throw new NotFoundError(`Session ${sessionId} not found`, { id: sessionId });
  if (session.status !== 'ACTIVE') throw new ConflictError(`Session ${sessionId} has ended`, { id: sessionId });
}
