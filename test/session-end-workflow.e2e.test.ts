import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphDataSource } from '../platform/database/data-source.ts';
import { sessionSubgraph } from '../subgraphs/session/index.ts';
import { SessionEndDispatcher } from '../subgraphs/session/services/session-end-dispatcher.ts';
import { createClient, newTenant, waitFor, type GraphClient, type GraphResponse } from './kit/client.ts';
import { countTenantRows, tenantRows } from './kit/database.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflow, listRuns } from './kit/runs.ts';

/** Reads must execute: the response cache would answer a repeat. */
const NO_CACHE = { 'cache-control': 'no-cache' };
/** Few, quick retries, so that an unknown workflow gives up within the test. */
const MAX_ATTEMPTS = 3;

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({
    subgraphs: ['session', 'orchestration'],
    env: { SESSION_END_MAX_ATTEMPTS: String(MAX_ATTEMPTS), SESSION_END_RETRY_INITIAL_MS: '50', SESSION_END_POLL_INTERVAL_MS: '100' },
  });
});
afterAll(async () => {
  await graph.close();
});

interface EndRunView {
  id: string;
  status: string;
  sessionId: string | null;
  input: Record<string, unknown> | null;
  output: unknown;
}
interface SessionView {
  id: string;
  status: string;
  onEnd: { workflowId: string; input: unknown; includeTranscript: boolean } | null;
  endRun: EndRunView | null;
  endRunError: string | null;
}

const SESSION = 'id status onEnd { workflowId input includeTranscript } endRun { id status sessionId input output } endRunError';
const START = `mutation($input: StartSessionInput!) { startSession(input: $input) { id status onEnd { workflowId input includeTranscript } endRunError } }`;
const END = `mutation($id: ID!) { endSession(id: $id) { id status } }`;
const GET = `query($id: ID!) { session(id: $id) { ${SESSION} } }`;
const APPEND = `mutation($sessionId: ID!, $segments: [TranscriptSegmentInput!]!) { appendTranscript(sessionId: $sessionId, segments: $segments) { id } }`;
const CHANGE = `mutation($sessionId: ID!, $state: BotState!) { changeBotState(sessionId: $sessionId, state: $state) { id status } }`;

const client = (tenant = newTenant()): Promise<GraphClient> =>
  createClient(graph, { tenant, scopes: ['sessions:read', 'sessions:write', 'workflows:read', 'workflows:write'] });
const codeOf = (errors: GraphResponse<unknown>['errors']): unknown => errors?.[0]?.extensions?.['code'];

/** A workflow of one transform step whose output names the session the run was started for. */
const echoSessionWorkflow = (c: GraphClient): Promise<string> =>
  createWorkflow(c, [{ id: 'echo', kind: 'transform', config: { expression: 'input.sessionId' } }], 'session end echo');

async function start(c: GraphClient, input: Record<string, unknown>): Promise<string> {
  return (await c.requestOk<{ startSession: { id: string } }, unknown>(START, { input })).startSession.id;
}
async function read(c: GraphClient, id: string): Promise<SessionView> {
  const { session } = await c.requestOk<{ session: SessionView | null }, unknown>(GET, { id }, NO_CACHE);
  if (!session) throw new Error(`session ${id} not found`);
  return session;
}
/** Waits until the session's end run exists and has `status`. */
const waitForEndRun = (c: GraphClient, id: string, status = 'COMPLETED'): Promise<SessionView> =>
  waitFor(`the end run of ${id} to be ${status}`, async () => {
    const session = await read(c, id);
    return session.endRun?.status === status ? session : undefined;
  });
const runStartedEvents = async (tenant: string) =>
  (await tenantRows(graph, 'session.session_events', tenant, ['session_id', 'type', 'payload'], 'seq')).filter((e) => e.type === 'RUN_STARTED');

/** Runs `sql` with `params` in the graph's database (to simulate a dispatcher that crashed before it recorded its run). */
async function execute(sql: string, params: unknown[]): Promise<void> {
  const db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
  try {
    await db.query(sql, params);
  } finally {
    await db.end();
  }
}

describe('a session ending starts its onEnd workflow', () => {
  it('starts the run once the session ends, correlated to the session, and records RUN_STARTED', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const workflowId = await echoSessionWorkflow(c);
    const id = await start(c, { title: 'standup', onEnd: { workflowId, input: { topic: 'standup' } } });

    const active = await read(c, id);
    expect(active.onEnd).toEqual({ workflowId, input: { topic: 'standup' }, includeTranscript: false });
    expect(active.endRun).toBeNull();
    expect(await runStartedEvents(tenant)).toEqual([]);

    await c.requestOk(END, { id });
    const ended = await waitForEndRun(c, id);
    expect(ended.endRun).toMatchObject({ sessionId: id, input: { topic: 'standup', sessionId: id }, output: expect.anything() });
    expect(JSON.stringify(ended.endRun?.output)).toContain(id);
    expect(ended.endRunError).toBeNull();
    expect(await runStartedEvents(tenant)).toEqual([{ session_id: id, type: 'RUN_STARTED', payload: { runId: ended.endRun?.id, workflowId } }]);
    expect(await listRuns(c, { sessionId: id })).toHaveLength(1);
  });

  it('starts exactly one run when the session is dispatched again (a dispatcher that crashed before recording it, then two passes)', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const workflowId = await echoSessionWorkflow(c);
    const id = await start(c, { onEnd: { workflowId } });
    await c.requestOk(END, { id });
    const first = await waitForEndRun(c, id);

    // As if the dispatcher had died between startWorkflowRun and its commit: the session is due again.
    await execute(`UPDATE session.sessions SET end_run_id = NULL, end_run_next_at = NULL WHERE id = $1`, [id]);
    if (!graph.databaseUrl) throw new Error('the test graph has no database URL');
    const dataSource = await createSubgraphDataSource({
      url: graph.databaseUrl,
      schema: 'session',
      entities: [],
      migrations: [...(sessionSubgraph.migrations as (new () => unknown)[])],
      poolSize: 2,
    });
    const restarted = new SessionEndDispatcher({
      dataSource,
      gatewayUrl: graph.config.endpoints.gatewayUrl,
      auth: graph.config.auth,
      settings: graph.config.sessionEnd,
    });
    try {
      await restarted.runOnce();
      await restarted.runOnce();
    } finally {
      await restarted.close();
      await dataSource.destroy();
    }

    const again = await waitForEndRun(c, id);
    expect(again.endRun?.id).toBe(first.endRun?.id);
    expect(await listRuns(c, { sessionId: id })).toHaveLength(1);
    expect(await runStartedEvents(tenant)).toHaveLength(1);
  });

  it('adds the final transcript as memory.extract messages with includeTranscript', async () => {
    const c = await client();
    const workflowId = await createWorkflow(c, [{ id: 'messages', kind: 'transform', config: { expression: 'input.messages' } }], 'transcript echo');
    const id = await start(c, { onEnd: { workflowId, input: { namespace: 'notes' }, includeTranscript: true } });
    await c.requestOk(APPEND, {
      sessionId: id,
      segments: [
        { speaker: 'ana', text: 'I moved to Berlin.' },
        { speaker: 'bot', text: 'Noted.' },
        { speaker: 'ana', text: 'still typ', final: false, segmentKey: 'draft-1' },
      ],
    });
    await c.requestOk(END, { id });
    const ended = await waitForEndRun(c, id);
    const messages = [
      { role: 'user', content: 'ana: I moved to Berlin.' },
      { role: 'user', content: 'bot: Noted.' },
    ];
    expect(ended.onEnd?.includeTranscript).toBe(true);
    expect(ended.endRun?.input).toEqual({ namespace: 'notes', messages, sessionId: id });
    expect(JSON.stringify(ended.endRun?.output)).toContain('ana: I moved to Berlin.');
  });

  it('starts the run of a BOT session that ends by changeBotState(ENDED)', async () => {
    const c = await client();
    const workflowId = await echoSessionWorkflow(c);
    const id = await start(c, { kind: 'BOT', onEnd: { workflowId } });
    for (const state of ['JOINING', 'IN_CALL', 'LEAVING', 'ENDED']) await c.requestOk(CHANGE, { sessionId: id, state });
    const ended = await waitForEndRun(c, id);
    expect(ended.status).toBe('ENDED');
    expect(ended.endRun?.sessionId).toBe(id);
  });

  it('stores endRunError after the last attempt for an unknown workflow, and starts no run', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const id = await start(c, { onEnd: { workflowId: '00000000-0000-4000-8000-000000000000' } });
    await c.requestOk(END, { id });
    const failed = await waitFor('endRunError', async () => {
      const session = await read(c, id);
      return session.endRunError ? session : undefined;
    });
    expect(failed.endRun).toBeNull();
    expect(failed.endRunError).toMatch(/not found/i);
    const [row] = await tenantRows(graph, 'session.sessions', tenant, ['end_run_attempts'], 'id');
    expect(row?.['end_run_attempts']).toBe(MAX_ATTEMPTS);
    expect(await runStartedEvents(tenant)).toEqual([]);
  });

  it('refuses a bad onEnd with BAD_USER_INPUT and writes nothing', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const cases: [Record<string, unknown>, string][] = [
      [{ workflowId: '' }, 'input.onEnd.workflowId'],
      [{ workflowId: 'w', input: [1, 2] }, 'input.onEnd.input'],
      [{ workflowId: 'w', input: 'text' }, 'input.onEnd.input'],
      [{ workflowId: 'w', input: { blob: 'x'.repeat(262_144) } }, 'input.onEnd.input'],
    ];
    for (const [onEnd, field] of cases) {
      const response = await c.request(START, { input: { onEnd } });
      expect(codeOf(response.errors)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.extensions?.['field']).toBe(field);
    }
    expect(await countTenantRows(graph, 'session.sessions', tenant)).toBe(0);
    expect(await countTenantRows(graph, 'session.session_events', tenant)).toBe(0);
  });

  it("never shows another tenant's session, onEnd or run", async () => {
    const owner = await client();
    const other = await client();
    const workflowId = await echoSessionWorkflow(owner);
    const id = await start(owner, { onEnd: { workflowId } });
    await owner.requestOk(END, { id });
    const ended = await waitForEndRun(owner, id);

    const { session } = await other.requestOk<{ session: SessionView | null }, unknown>(GET, { id }, NO_CACHE);
    expect(session).toBeNull();
    expect(await listRuns(other, { sessionId: id })).toEqual([]);
    // Another tenant's session cannot be given this tenant's workflow either: the run is started in the session's tenant.
    const foreign = await start(other, { onEnd: { workflowId } });
    await other.requestOk(END, { id: foreign });
    const refused = await waitFor('endRunError', async () => {
      const s = await read(other, foreign);
      return s.endRunError ? s : undefined;
    });
    expect(refused.endRun).toBeNull();
    expect(ended.endRun?.id).toBeDefined();
  });
});
