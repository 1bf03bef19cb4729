import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignEventCursors, EVENT_CURSOR_LOCK_KEY } from '../subgraphs/orchestration/services/event-cursors.ts';
import { appendEvents, eventsOfRuns } from '../subgraphs/orchestration/services/workflow-events.ts';
import { openScratchOrchestration, type ScratchOrchestration } from './kit/database.ts';

/**
 * Cursor assignment after commit (`services/event-cursors.ts`) on the real Postgres when DATABASE_URL is set (else
 * embedded PGlite), in a database of this file's own: assignment covers every tenant of its database.
 */
const serverUrl = process.env['DATABASE_URL'];

describe('event cursors', () => {
  let dataSource: DataSource;
  let databaseUrl: string;
  let scratch: ScratchOrchestration | undefined;

  beforeAll(async () => {
    scratch = await openScratchOrchestration('cursors');
    ({ dataSource, url: databaseUrl } = scratch);
  });
  afterAll(() => scratch?.close());

  /** Commits one transaction appending `size` STEP_STARTED events of a new run, payload `{ tx, j }`. */
  function commitEvents(tenantId: string, tx: number, size: number): Promise<void> {
    const runId = randomUUID();
    return dataSource.transaction((manager) =>
      appendEvents(
        manager,
        tenantId,
        Array.from({ length: size }, (_, j) => ({ runId, workflowId: WORKFLOW_ID, stepId: `s${j}`, type: 'STEP_STARTED' as const, payload: { tx, j } })),
      ),
    );
  }

  /** The tenant's events as stored: cursor (null = unassigned) and payload, in cursor order. */
  async function storedOf(tenantId: string): Promise<{ cursor: string | null; payload: { tx: number; j: number } }[]> {
    return dataSource.query(`SELECT cursor, payload FROM orchestration.workflow_events WHERE tenant_id = $1 ORDER BY cursor NULLS LAST, seq`, [tenantId]);
  }

  it('gives each tenant gapless, strictly increasing cursors, keeping each transaction’s order, with writers and assigners running at once', async () => {
    const tenants = [newTenant(), newTenant(), newTenant()];
    let writing = true;
    // Three assigners at once: two skip while another holds the lock, one waits for it.
    const assigners = [false, false, true].map((wait) =>
      (async () => {
        while (writing) await assignEventCursors(dataSource, { wait, limit: 7 });
      })(),
    );
    const sizes = await Promise.all(
      tenants.flatMap((tenantId) =>
        Array.from({ length: 40 }, async (_, tx) => {
          const size = (tx % 4) + 1;
          await commitEvents(tenantId, tx, size);
          return size;
        }),
      ),
    );
    writing = false;
    await Promise.all(assigners);
    while ((await assignEventCursors(dataSource, { wait: true, limit: 7 })) > 0);

    const perTenant = sizes.reduce((a, b) => a + b, 0) / tenants.length;
    for (const tenantId of tenants) {
      const events = await storedOf(tenantId);
      expect(events.map((e) => e.cursor)).toEqual(Array.from({ length: perTenant }, (_, i) => String(i + 1)));
      // Within each transaction, the events keep the order they were appended in.
      const byTx = new Map<number, number[]>();
      for (const e of events) byTx.set(e.payload.tx, [...(byTx.get(e.payload.tx) ?? []), e.payload.j]);
      expect(byTx.size).toBe(40);
      for (const [tx, js] of byTx) expect(js).toEqual(Array.from({ length: (tx % 4) + 1 }, (_, j) => j));
      const [counter] = await dataSource.query(`SELECT last_cursor FROM orchestration.event_cursors WHERE tenant_id = $1`, [tenantId]);
      expect(counter.last_cursor).toBe(String(perTenant));
    }
  });

  // Two sessions at once (one holding a transaction open): a Postgres server only, PGlite has a single session.
  it.skipIf(!serverUrl)('an event inserted first but committed last gets the later cursor, so a reader after the earlier cursor still sees it', async () => {
    const tenantId = newTenant();
    const slow = new pg.Client({ connectionString: databaseUrl });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO orchestration.workflow_events (tenant_id, run_id, workflow_id, type, payload) VALUES ($1, $2, $3, 'STEP_STARTED', '{"tx": 0, "j": 0}')`,
        [tenantId, randomUUID(), WORKFLOW_ID],
      );
      await commitEvents(tenantId, 1, 1);
      await assignEventCursors(dataSource, { wait: true });
      // The first insert is not committed yet: invisible, so not assigned.
      expect(await storedOf(tenantId)).toEqual([{ cursor: '1', payload: { tx: 1, j: 0 } }]);
      await slow.query('COMMIT');
    } finally {
      await slow.end();
    }
    await assignEventCursors(dataSource, { wait: true });
    expect(await storedOf(tenantId)).toEqual([
      { cursor: '1', payload: { tx: 1, j: 0 } },
      { cursor: '2', payload: { tx: 0, j: 0 } },
    ]);
  });

  it.skipIf(!serverUrl)('skips while another process assigns, unless asked to wait', async () => {
    const tenantId = newTenant();
    await commitEvents(tenantId, 0, 2);
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [EVENT_CURSOR_LOCK_KEY]);
      expect(await assignEventCursors(dataSource)).toBe(0);
      let waited = false;
      const waiting = assignEventCursors(dataSource, { wait: true }).then((n) => {
        waited = true;
        return n;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(waited).toBe(false);
      await holder.query('COMMIT');
      expect(await waiting).toBe(2);
    } finally {
      await holder.end();
    }
    expect((await storedOf(tenantId)).map((e) => e.cursor)).toEqual(['1', '2']);
  });

  it('a reader sees events committed a moment ago, with their cursors, without waiting for the relay', async () => {
    const tenantId = newTenant();
    const runId = randomUUID();
    await dataSource.transaction((manager) =>
      appendEvents(manager, tenantId, [
        { runId, workflowId: WORKFLOW_ID, type: 'RUN_STARTED' },
        { runId, workflowId: WORKFLOW_ID, stepId: 'a', type: 'STEP_STARTED' },
      ]),
    );
    const [all, later] = await eventsOfRuns(dataSource, tenantId, [
      { runId, after: '0' },
      { runId, after: '1' },
    ]);
    expect(all?.map((e) => [e.cursor, e.type])).toEqual([
      ['1', 'RUN_STARTED'],
      ['2', 'STEP_STARTED'],
    ]);
    expect(later?.map((e) => e.cursor)).toEqual(['2']);
  });
});

const WORKFLOW_ID = randomUUID();

function newTenant(): string {
  return `cursor-tenant-${randomUUID()}`;
}
