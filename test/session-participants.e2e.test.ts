import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient, type GraphResponse } from './kit/client.ts';
import { createSubgraphDataSource } from '../platform/database/data-source.ts';
import { sessionSubgraph } from '../subgraphs/session/index.ts';
import { CreateParticipants1797100000000 } from '../subgraphs/session/migrations/1797100000000-CreateParticipants.ts';
import { countTenantRows, createScratchDatabase, tenantRows } from './kit/database.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { fewestStatements } from './kit/statement-counter.ts';

/** Measured requests execute: the response cache would answer a repeat of the warm-up. */
const NO_CACHE = { 'cache-control': 'no-cache' };

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['session'] });
});
afterAll(async () => {
  await graph.close();
});

type Errors = GraphResponse<unknown>['errors'];
const codeOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['code'];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface ParticipantView {
  id: string;
  role: string;
  displayName: string | null;
  externalId: string | null;
  joinedAt: string;
  leftAt: string | null;
}
interface BotChange {
  from: string | null;
  to: string;
  reason: string | null;
}
interface SessionView {
  id: string;
  kind: string;
  status: string;
  endedAt: string | null;
  botState: string | null;
  botFailureReason: string | null;
  participants: ParticipantView[];
  participantHistory: ParticipantView[];
  botStateHistory: (BotChange & { at: string })[];
}

const PARTICIPANT = 'id role displayName externalId joinedAt leftAt';
const SESSION = `id kind status endedAt botState botFailureReason participants { ${PARTICIPANT} } participantHistory { ${PARTICIPANT} }
  botStateHistory { from to reason at }`;
const START = `mutation($input: StartSessionInput!) { startSession(input: $input) { ${SESSION} } }`;
const END = `mutation($id: ID!) { endSession(id: $id) { ${SESSION} } }`;
const GET = `query($id: ID!) { session(id: $id) { ${SESSION} } }`;
const JOIN = `mutation($sessionId: ID!, $participant: ParticipantInput!) { joinSession(sessionId: $sessionId, participant: $participant) { ${PARTICIPANT} } }`;
const LEAVE = `mutation($sessionId: ID!, $participantId: String!) { leaveSession(sessionId: $sessionId, participantId: $participantId) { ${PARTICIPANT} } }`;
const CHANGE = `mutation($sessionId: ID!, $state: BotState!, $reason: String) { changeBotState(sessionId: $sessionId, state: $state, reason: $reason) { ${SESSION} } }`;
const APPEND = `mutation($sessionId: ID!, $segments: [TranscriptSegmentInput!]!) { appendTranscript(sessionId: $sessionId, segments: $segments) { id } }`;

const client = (tenant = newTenant()): Promise<GraphClient> => createClient(graph, { tenant, scopes: ['sessions:read', 'sessions:write'] });

async function start(c: GraphClient, input: Record<string, unknown> = {}): Promise<SessionView> {
  return (await c.requestOk<{ startSession: SessionView }, unknown>(START, { input })).startSession;
}
async function read(c: GraphClient, id: string): Promise<SessionView> {
  const { session } = await c.requestOk<{ session: SessionView | null }, unknown>(GET, { id }, NO_CACHE);
  if (!session) throw new Error(`session ${id} not found`);
  return session;
}
const join = (c: GraphClient, sessionId: string, participant: Record<string, unknown>) =>
  c.request<{ joinSession: ParticipantView }, unknown>(JOIN, { sessionId, participant });
const leave = (c: GraphClient, sessionId: string, participantId: string) =>
  c.request<{ leaveSession: ParticipantView }, unknown>(LEAVE, { sessionId, participantId });
const change = (c: GraphClient, sessionId: string, state: string, reason?: string) =>
  c.request<{ changeBotState: SessionView }, unknown>(CHANGE, { sessionId, state, reason });
const events = (tenant: string) => tenantRows(graph, 'session.session_events', tenant, ['type', 'participant_id', 'payload'], 'seq');

/** Asserts that `iso` lies within [before, after] (ms since the epoch). */
function expectWithin(iso: string | null, before: number, after: number): void {
  const at = Date.parse(iso ?? '');
  expect(at).toBeGreaterThanOrEqual(before);
  expect(at).toBeLessThanOrEqual(after);
}

describe('participants', () => {
  it('joins, leaves and rejoins: present participants now, every join in the history with its times, an event each', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const t0 = Date.now();
    const session = await start(c, { participants: [{ id: 'ada', role: 'USER', displayName: 'Ada' }] });
    const t1 = Date.now();
    expect(session.participants).toEqual([{ id: 'ada', role: 'USER', displayName: 'Ada', externalId: null, joinedAt: expect.any(String), leftAt: null }]);
    expectWithin(session.participants[0]?.joinedAt ?? null, t0, t1);

    const bot = await join(c, session.id, { id: 'bot', role: 'BOT', displayName: 'Notetaker', externalId: 'recall-42' });
    expect(bot.errors).toBeUndefined();
    expect(bot.data?.joinSession).toMatchObject({ id: 'bot', role: 'BOT', displayName: 'Notetaker', externalId: 'recall-42', leftAt: null });
    const t2 = Date.now();
    const left = await leave(c, session.id, 'ada');
    const t3 = Date.now();
    expect(left.data?.leaveSession).toMatchObject({ id: 'ada', leftAt: expect.any(String) });
    expectWithin(left.data?.leaveSession.leftAt ?? null, t2, t3);
    const rejoined = await join(c, session.id, { id: 'ada', role: 'USER' });
    const t4 = Date.now();
    expectWithin(rejoined.data?.joinSession.joinedAt ?? null, t3, t4);

    const now = await read(c, session.id);
    expect(now.participants.map((p) => [p.id, p.displayName, p.leftAt])).toEqual([
      ['bot', 'Notetaker', null],
      ['ada', null, null],
    ]);
    expect(now.participantHistory.map((p) => [p.id, p.leftAt === null])).toEqual([
      ['ada', false],
      ['bot', true],
      ['ada', true],
    ]);
    const [first, , second] = now.participantHistory;
    expect(first?.leftAt).toBe(left.data?.leaveSession.leftAt);
    expect(Date.parse(second?.joinedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(first?.leftAt ?? ''));
    expect(await events(tenant)).toEqual([
      { type: 'PARTICIPANT_JOINED', participant_id: 'ada', payload: { role: 'USER' } },
      { type: 'PARTICIPANT_JOINED', participant_id: 'bot', payload: { role: 'BOT' } },
      { type: 'PARTICIPANT_LEFT', participant_id: 'ada', payload: null },
      { type: 'PARTICIPANT_JOINED', participant_id: 'ada', payload: { role: 'USER' } },
    ]);
  });

  it('refuses joining someone present (CONFLICT), leaving someone absent or an unknown session (NOT_FOUND), and writes nothing', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const { id } = await start(c, { participants: [{ id: 'ada', role: 'USER' }] });
    const before = { participants: await countTenantRows(graph, 'session.participants', tenant), events: await events(tenant) };

    expect(codeOf((await join(c, id, { id: 'ada', role: 'OBSERVER' })).errors)).toBe('CONFLICT');
    expect(codeOf((await leave(c, id, 'nobody')).errors)).toBe('NOT_FOUND');
    expect(codeOf((await join(c, UNKNOWN_ID, { id: 'bob', role: 'USER' })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await leave(c, 'not-a-uuid', 'ada')).errors)).toBe('NOT_FOUND');
    const invalid = await join(c, id, { id: '', role: 'USER' });
    expect(codeOf(invalid.errors)).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0]?.extensions?.['field']).toBe('participant.id');
    expect(codeOf((await join(c, id, { id: 'bob', role: 'USER', externalId: 'x'.repeat(201) })).errors)).toBe('BAD_USER_INPUT');

    expect(await countTenantRows(graph, 'session.participants', tenant)).toBe(before.participants);
    expect(await events(tenant)).toEqual(before.events);
    expect((await read(c, id)).participantHistory.map((p) => p.id)).toEqual(['ada']);
  });

  it('ending a session marks everyone present as left at its end; an ended session refuses joins and leaves (CONFLICT)', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const { id } = await start(c, {
      participants: [
        { id: 'ada', role: 'USER' },
        { id: 'grace', role: 'AGENT' },
      ],
    });
    expect((await leave(c, id, 'grace')).errors).toBeUndefined();
    const { endSession } = await c.requestOk<{ endSession: SessionView }, unknown>(END, { id });
    expect(endSession.participants).toEqual([]);
    const ended = await read(c, id);
    expect(ended.participants).toEqual([]);
    expect(ended.participantHistory.map((p) => [p.id, p.leftAt === ended.endedAt])).toEqual([
      ['ada', true],
      ['grace', false],
    ]);
    const rows = await countTenantRows(graph, 'session.participants', tenant);
    expect(codeOf((await join(c, id, { id: 'bob', role: 'USER' })).errors)).toBe('CONFLICT');
    expect(codeOf((await leave(c, id, 'ada')).errors)).toBe('CONFLICT');
    expect(await countTenantRows(graph, 'session.participants', tenant)).toBe(rows);
    expect((await events(tenant)).map((e) => [e.type, e.participant_id])).toEqual([
      ['PARTICIPANT_JOINED', 'ada'],
      ['PARTICIPANT_JOINED', 'grace'],
      ['PARTICIPANT_LEFT', 'grace'],
      ['PARTICIPANT_LEFT', 'ada'],
      ['SESSION_ENDED', null],
    ]);
  });

  it('of concurrent joins of one participant exactly one succeeds', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const { id } = await start(c);
    const answers = await Promise.all(Array.from({ length: 6 }, () => join(c, id, { id: 'ada', role: 'USER' })));
    expect(answers.filter((a) => a.errors === undefined)).toHaveLength(1);
    expect(answers.filter((a) => codeOf(a.errors) === 'CONFLICT')).toHaveLength(5);
    expect(await countTenantRows(graph, 'session.participants', tenant)).toBe(1);
    expect((await events(tenant)).map((e) => e.type)).toEqual(['PARTICIPANT_JOINED']);
  });

  it("another tenant's session is NOT_FOUND for joins, leaves and bot state changes, and untouched", async () => {
    const owner = newTenant();
    const c = await client(owner);
    const { id } = await start(c, { kind: 'BOT', participants: [{ id: 'ada', role: 'USER' }] });
    const other = await client();
    expect(codeOf((await join(other, id, { id: 'eve', role: 'USER' })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await leave(other, id, 'ada')).errors)).toBe('NOT_FOUND');
    expect(codeOf((await change(other, id, 'JOINING')).errors)).toBe('NOT_FOUND');
    expect((await other.requestOk<{ session: unknown }, unknown>(GET, { id }, NO_CACHE)).session).toBeNull();
    const session = await read(c, id);
    expect(session.participantHistory.map((p) => [p.id, p.leftAt])).toEqual([['ada', null]]);
    expect(session.botState).toBe('REQUESTED');
  });

  it("a join invalidates the gateway's cached session", async () => {
    const c = await client();
    const { id } = await start(c);
    const cachedRead = async () => (await c.requestOk<{ session: SessionView }, unknown>(GET, { id })).session.participants.map((p) => p.id);
    expect(await cachedRead()).toEqual([]);
    expect(await cachedRead()).toEqual([]);
    expect((await join(c, id, { id: 'ada', role: 'USER' })).errors).toBeUndefined();
    // The entity-change relay bumps the tenant's version after commit; the cache then misses.
    const deadline = Date.now() + 10_000;
    let seen = await cachedRead();
    while (seen.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await cachedRead();
    }
    expect(seen).toEqual(['ada']);
  });
});

describe('bot lifecycle', () => {
  it('moves a BOT session through every allowed state to ENDED, which ends the session, with an event each', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const session = await start(c, { kind: 'BOT', participants: [{ id: 'bot', role: 'BOT' }] });
    expect(session).toMatchObject({ botState: 'REQUESTED', botFailureReason: null });
    for (const [state, reason] of [['JOINING', 'waiting room'], ['IN_CALL'], ['LEAVING']] as const) {
      const changed = await change(c, session.id, state, reason);
      expect(changed.errors).toBeUndefined();
      expect(changed.data?.changeBotState).toMatchObject({ botState: state, status: 'ACTIVE', endedAt: null });
    }
    const t0 = Date.now();
    const ended = await change(c, session.id, 'ENDED');
    const t1 = Date.now();
    expect(ended.data?.changeBotState).toMatchObject({ botState: 'ENDED', status: 'ENDED', participants: [], botFailureReason: null });
    expectWithin(ended.data?.changeBotState.endedAt ?? null, t0, t1);
    const after = await read(c, session.id);
    expect(after.botStateHistory.map(({ from, to, reason }) => ({ from, to, reason }))).toEqual([
      { from: null, to: 'REQUESTED', reason: null },
      { from: 'REQUESTED', to: 'JOINING', reason: 'waiting room' },
      { from: 'JOINING', to: 'IN_CALL', reason: null },
      { from: 'IN_CALL', to: 'LEAVING', reason: null },
      { from: 'LEAVING', to: 'ENDED', reason: null },
    ]);
    expect(after.participantHistory.map((p) => p.leftAt)).toEqual([after.endedAt]);
    expect(await events(tenant)).toEqual([
      { type: 'BOT_STATE_CHANGED', participant_id: null, payload: { from: null, to: 'REQUESTED', reason: null } },
      { type: 'PARTICIPANT_JOINED', participant_id: 'bot', payload: { role: 'BOT' } },
      { type: 'BOT_STATE_CHANGED', participant_id: null, payload: { from: 'REQUESTED', to: 'JOINING', reason: 'waiting room' } },
      { type: 'BOT_STATE_CHANGED', participant_id: null, payload: { from: 'JOINING', to: 'IN_CALL', reason: null } },
      { type: 'BOT_STATE_CHANGED', participant_id: null, payload: { from: 'IN_CALL', to: 'LEAVING', reason: null } },
      { type: 'BOT_STATE_CHANGED', participant_id: null, payload: { from: 'LEAVING', to: 'ENDED', reason: null } },
      { type: 'PARTICIPANT_LEFT', participant_id: 'bot', payload: null },
      { type: 'SESSION_ENDED', participant_id: null, payload: null },
    ]);
    const final = await change(c, session.id, 'FAILED', 'too late');
    expect(codeOf(final.errors)).toBe('CONFLICT');
    expect(final.errors?.[0]?.extensions?.['allowed']).toEqual([]);
  });

  it('fails from any non-final state with a reason, which ends the session', async () => {
    for (const path of [[], ['JOINING'], ['JOINING', 'IN_CALL'], ['JOINING', 'IN_CALL', 'LEAVING']]) {
      const c = await client();
      const { id } = await start(c, { kind: 'BOT' });
      for (const state of path) expect((await change(c, id, state)).errors).toBeUndefined();
      const failed = await change(c, id, 'FAILED', 'meeting link expired');
      expect(failed.data?.changeBotState).toMatchObject({ botState: 'FAILED', botFailureReason: 'meeting link expired', status: 'ENDED' });
      expect(failed.data?.changeBotState.botStateHistory.at(-1)).toMatchObject({ from: path.at(-1) ?? 'REQUESTED', to: 'FAILED' });
    }
  });

  it('refuses other moves (CONFLICT naming the allowed states), FAILED without a reason and USER sessions (BAD_USER_INPUT), writing nothing', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const bot = await start(c, { kind: 'BOT' });
    const user = await start(c);
    const before = await events(tenant);

    const skip = await change(c, bot.id, 'IN_CALL');
    expect(codeOf(skip.errors)).toBe('CONFLICT');
    expect(skip.errors?.[0]?.extensions).toMatchObject({ from: 'REQUESTED', to: 'IN_CALL', allowed: ['JOINING', 'FAILED'] });
    expect(skip.errors?.[0]?.message).toContain('JOINING, FAILED');
    expect(codeOf((await change(c, bot.id, 'REQUESTED')).errors)).toBe('CONFLICT');
    expect(codeOf((await change(c, bot.id, 'FAILED')).errors)).toBe('BAD_USER_INPUT');
    expect(codeOf((await change(c, bot.id, 'FAILED', 'x'.repeat(1001))).errors)).toBe('BAD_USER_INPUT');
    expect(codeOf((await change(c, user.id, 'JOINING')).errors)).toBe('BAD_USER_INPUT');
    expect(codeOf((await change(c, UNKNOWN_ID, 'JOINING')).errors)).toBe('NOT_FOUND');

    expect(await events(tenant)).toEqual(before);
    expect(await read(c, bot.id)).toMatchObject({ botState: 'REQUESTED', status: 'ACTIVE' });
    expect(await read(c, user.id)).toMatchObject({ botState: null, botStateHistory: [] });
  });

  it('of concurrent changes from one state exactly one succeeds', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const { id } = await start(c, { kind: 'BOT' });
    const answers = await Promise.all(Array.from({ length: 6 }, () => change(c, id, 'JOINING')));
    expect(answers.filter((a) => a.errors === undefined)).toHaveLength(1);
    expect(answers.filter((a) => codeOf(a.errors) === 'CONFLICT')).toHaveLength(5);
    const changes = (await events(tenant)).filter((e) => e.type === 'BOT_STATE_CHANGED');
    expect(changes.map((e) => e.payload)).toEqual([
      { from: null, to: 'REQUESTED', reason: null },
      { from: 'REQUESTED', to: 'JOINING', reason: null },
    ]);
  });

  it('endSession moves the bot of a BOT session straight to ENDED', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const { id } = await start(c, { kind: 'BOT' });
    expect((await change(c, id, 'JOINING')).errors).toBeUndefined();
    expect((await change(c, id, 'IN_CALL')).errors).toBeUndefined();
    const { endSession } = await c.requestOk<{ endSession: SessionView }, unknown>(END, { id });
    expect(endSession).toMatchObject({ status: 'ENDED', botState: 'ENDED' });
    expect((await read(c, id)).botStateHistory.at(-1)).toMatchObject({ from: 'IN_CALL', to: 'ENDED', reason: null });
    expect((await events(tenant)).slice(-2).map((e) => e.type)).toEqual(['BOT_STATE_CHANGED', 'SESSION_ENDED']);
  });
});

describe('analytics', () => {
  const ANALYTICS = `query($id: ID!) { session(id: $id) { analytics { talkTimeMs segmentCount wordCount languages
    speakers { speaker talkTimeMs segmentCount wordCount } } } }`;

  it('sums talk time, segments and words of the final segments per speaker and in total, and lists the languages', async () => {
    const c = await client();
    const { id } = await start(c);
    const empty = await c.requestOk<{ session: { analytics: unknown } }, unknown>(ANALYTICS, { id }, NO_CACHE);
    expect(empty.session.analytics).toEqual({ talkTimeMs: 0, segmentCount: 0, wordCount: 0, languages: [], speakers: [] });
    await c.requestOk(APPEND, {
      sessionId: id,
      segments: [
        { speaker: 'ada', text: 'Hello there, everyone', language: 'en', startMs: 0, endMs: 1500 }, // 3 words, 1500 ms
        { speaker: 'bob', text: 'Bonjour', language: 'fr', startMs: 1500, endMs: 2000 }, // 1 word, 500 ms
        { speaker: 'ada', text: '  let us   begin  ', language: 'en', startMs: 2000, endMs: 4250 }, // 3 words, 2250 ms
        { speaker: 'bob', text: 'no offsets here', language: 'pt-BR' }, // 3 words, no time
        { speaker: 'cy', text: ' ', startMs: 5000 }, // 0 words, no end
        { speaker: 'dee', text: 'a draft is not counted', segmentKey: 'd-1', final: false, startMs: 5000, endMs: 9000 },
      ],
    });
    const { session } = await c.requestOk<{ session: { analytics: unknown } }, unknown>(ANALYTICS, { id }, NO_CACHE);
    expect(session.analytics).toEqual({
      talkTimeMs: 4250,
      segmentCount: 5,
      wordCount: 10,
      languages: ['en', 'fr', 'pt-BR'],
      speakers: [
        { speaker: 'ada', talkTimeMs: 3750, segmentCount: 2, wordCount: 6 },
        { speaker: 'bob', talkTimeMs: 500, segmentCount: 2, wordCount: 4 },
        { speaker: 'cy', talkTimeMs: 0, segmentCount: 1, wordCount: 0 },
      ],
    });
  });
});

describe('batching', () => {
  it('loads participants, history, bot states and analytics of a page with the same number of statements for 2 and for 8 sessions', async () => {
    const PAGE = `query($first: Int) { sessions(first: $first) { edges { node { id participants { id } participantHistory { id leftAt }
      botStateHistory { to } analytics { wordCount speakers { speaker } } } } } }`;
    const measure = async (n: number): Promise<number> => {
      const c = await client();
      for (let i = 0; i < n; i += 1) {
        const { id } = await start(c, { kind: 'BOT', participants: [{ id: 'ada', role: 'USER' }] });
        await leave(c, id, 'ada');
        await join(c, id, { id: 'ada', role: 'USER' });
        await c.requestOk(APPEND, { sessionId: id, segments: [{ speaker: 'ada', text: 'one two' }] });
      }
      await c.requestOk(PAGE, { first: n }); // warm-up: connections and prepared plans
      return fewestStatements(async () => {
        type Page = { sessions: { edges: { node: { participants: unknown[]; participantHistory: unknown[]; analytics: { wordCount: number } } }[] } };
        const { sessions } = await c.requestOk<Page, unknown>(PAGE, { first: n }, NO_CACHE);
        expect(sessions.edges).toHaveLength(n);
        for (const { node } of sessions.edges) {
          expect([node.participants.length, node.participantHistory.length, node.analytics.wordCount]).toEqual([1, 2, 2]);
        }
      });
    };
    const forTwo = await measure(2);
    const forEight = await measure(8);
    expect(forTwo).toBeGreaterThan(0);
    expect(forEight).toBe(forTwo);
  });
});

describe('migration 1797100000000', () => {
  it("copies each session's jsonb participants into rows, left at the end of ended sessions, and gives BOT sessions a bot state", async () => {
    const database = await createScratchDatabase('participants');
    try {
      const all = sessionSubgraph.migrations as readonly (new () => unknown)[];
      const migrate = (migrations: readonly (new () => unknown)[]) =>
        createSubgraphDataSource({ url: database.url, schema: 'session', entities: [], migrations: [...migrations], poolSize: 2 });
      const position = all.indexOf(CreateParticipants1797100000000);
      const before = await migrate(all.slice(0, position));
      const active = '11111111-1111-4111-8111-111111111111';
      const ended = '22222222-2222-4222-8222-222222222222';
      const bot = '33333333-3333-4333-8333-333333333333';
      await before.query(
        `INSERT INTO session.sessions (id, tenant_id, kind, status, participants, started_at, ended_at) VALUES
         ($1, 't', 'USER', 'ACTIVE', '[{"id":"ada","role":"USER","displayName":"Ada"},{"id":"bot","role":"BOT","displayName":null}]', '2026-01-01T10:00:00Z', NULL),
         ($2, 't', 'BOT', 'ENDED', '[{"id":"cy","role":"AGENT"}]', '2026-01-02T10:00:00Z', '2026-01-02T11:00:00Z'),
         ($3, 't', 'BOT', 'ACTIVE', '[]', '2026-01-03T10:00:00Z', NULL)`,
        [active, ended, bot],
      );
      await before.destroy();
      const after = await migrate(all.slice(0, position + 1));
      try {
        const rows: Record<string, unknown>[] = await after.query(
          `SELECT session_id, participant_key, role, display_name, joined_at, left_at FROM session.participants ORDER BY seq`,
        );
        expect(rows).toEqual([
          { session_id: active, participant_key: 'ada', role: 'USER', display_name: 'Ada', joined_at: new Date('2026-01-01T10:00:00Z'), left_at: null },
          { session_id: active, participant_key: 'bot', role: 'BOT', display_name: null, joined_at: new Date('2026-01-01T10:00:00Z'), left_at: null },
          {
            session_id: ended,
            participant_key: 'cy',
            role: 'AGENT',
            display_name: null,
            joined_at: new Date('2026-01-02T10:00:00Z'),
            left_at: new Date('2026-01-02T11:00:00Z'),
          },
        ]);
        expect(await after.query(`SELECT id, bot_state FROM session.sessions ORDER BY started_at`)).toEqual([
          { id: active, bot_state: null },
          { id: ended, bot_state: 'ENDED' },
          { id: bot, bot_state: 'REQUESTED' },
        ]);
      } finally {
        await after.destroy();
      }
    } finally {
      await database.drop();
    }
  });

  it('1797400000000 drops the jsonb participants, and its down rebuilds them from who was present at the start', async () => {
    const database = await createScratchDatabase('participants_json');
    try {
      const migrated = await createSubgraphDataSource({
        url: database.url,
        schema: 'session',
        entities: [],
        migrations: [...(sessionSubgraph.migrations as readonly (new () => unknown)[])],
        poolSize: 2,
      });
      try {
        const columns = async (): Promise<string[]> =>
          (
            (await migrated.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'session' AND table_name = 'sessions'`)) as {
              column_name: string;
            }[]
          ).map((c) => c.column_name);
        expect(await columns()).not.toContain('participants');
        const id = '44444444-4444-4444-8444-444444444444';
        await migrated.query(
          `INSERT INTO session.sessions (id, tenant_id, kind, status, started_at) VALUES ($1, 't', 'USER', 'ACTIVE', '2026-01-01T10:00:00Z')`,
          [id],
        );
        await migrated.query(
          `INSERT INTO session.participants (tenant_id, session_id, participant_key, role, display_name, joined_at) VALUES
           ('t', $1, 'ada', 'USER', 'Ada', '2026-01-01T10:00:00Z'), ('t', $1, 'late', 'USER', NULL, '2026-01-01T10:05:00Z')`,
          [id],
        );
        // Back to 1797400000000 first: the migrations after it are undone one by one (each down must work).
        const later = sessionSubgraph.migrations as readonly { name: string }[];
        const after = later.length - 1 - later.findIndex((m) => m.name === 'DropSessionParticipantsJson1797400000000');
        for (let i = 0; i <= after; i++) await migrated.undoLastMigration({ transaction: 'each' });
        expect(await migrated.query(`SELECT participants FROM session.sessions WHERE id = $1`, [id])).toEqual([
          { participants: [{ id: 'ada', role: 'USER', displayName: 'Ada' }] },
        ]);
      } finally {
        await migrated.destroy();
      }
    } finally {
      await database.drop();
    }
  });
});
