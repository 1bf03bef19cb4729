import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventStreamKey, SESSION_EVENT_STREAM } from '../platform/events/event-stream.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import { clientToken, createClient, newTenant, waitFor, type GraphClient } from './kit/client.ts';
import { readEventStream, type ServerSentEvent } from './kit/event-stream.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createWorkflow } from './kit/runs.ts';
import { gatewayWsClient } from './kit/ws-client.ts';

/**
 * The `sessionEvents` subscription through the gateway, over WebSocket and SSE, in both modes (the session subgraph's
 * outbox relay feeds Redis streams, or the embedded process's in-process stream): every change of a session as an
 * event, each once and in cursor order, federated fields resolved, and resumption after a hard disconnect with
 * nothing lost or repeated. Deleting a Redis stream is Redis-only.
 */
const redisUrl = process.env['REDIS_URL'];

const SESSION_EVENTS = `subscription SessionEvents($sessionId: ID!, $after: String) {
  sessionEvents(sessionId: $sessionId, after: $after) {
    cursor type sessionId at payload
    segment { id text final revision translations { language text } }
    participant { id role joinedAt leftAt }
    botStateChange { from to reason }
    run { id status sessionId }
    session { id status }
  }
}`;

interface Delivered {
  cursor: string;
  type: string;
  sessionId: string;
  at: string;
  payload: unknown;
  segment: { id: string; text: string; final: boolean; revision: number; translations: { language: string; text: string }[] } | null;
  participant: { id: string; role: string; joinedAt: string; leftAt: string | null } | null;
  botStateChange: { from: string | null; to: string; reason: string | null } | null;
  run: { id: string; status: string; sessionId: string | null } | null;
  session: { id: string; status: string };
}

const STORED_EVENTS = `query($id: ID!, $after: String, $first: Int) { session(id: $id) { events(after: $after, first: $first) { cursor type } } }`;
const START = `mutation($input: StartSessionInput!) { startSession(input: $input) { id } }`;
const APPEND = `mutation($sessionId: ID!, $segments: [TranscriptSegmentInput!]!) { appendTranscript(sessionId: $sessionId, segments: $segments) { id } }`;
const JOIN = `mutation($sessionId: ID!, $participant: ParticipantInput!) { joinSession(sessionId: $sessionId, participant: $participant) { id } }`;
const LEAVE = `mutation($sessionId: ID!, $participantId: String!) { leaveSession(sessionId: $sessionId, participantId: $participantId) { id } }`;
const TRANSLATE = `mutation($segmentId: ID!) { addTranslation(segmentId: $segmentId, language: "fr", text: "bonjour") { id } }`;
const CHANGE = `mutation($sessionId: ID!, $state: BotState!) { changeBotState(sessionId: $sessionId, state: $state) { id } }`;
const END = `mutation($id: ID!) { endSession(id: $id) { id } }`;

let graph: TestGraph;
const clients: Client[] = [];
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await graph?.close();
});

/** The session's events as Postgres has them (`Session.events`, every page). */
async function storedEvents(api: GraphClient, sessionId: string): Promise<{ cursor: string; type: string }[]> {
  const all: { cursor: string; type: string }[] = [];
  for (;;) {
    const data = await api.requestOk<{ session: { events: { cursor: string; type: string }[] } }, Record<string, unknown>>(
      STORED_EVENTS,
      { id: sessionId, after: all.at(-1)?.cursor ?? null, first: 1000 },
      { 'cache-control': 'no-cache' },
    );
    all.push(...data.session.events);
    if (data.session.events.length < 1000) return all;
  }
}

async function wsClient(tenant: string, scopes: string[] = ['admin'], socket?: { current?: WebSocket }): Promise<Client> {
  const token = await clientToken(graph, { tenant, scopes });
  const client = gatewayWsClient(
    graph.gatewayUrl,
    { authorization: `Bearer ${token}` },
    socket
      ? {
          webSocketImpl: class extends WebSocket {
            constructor(...args: ConstructorParameters<typeof WebSocket>) {
              super(...args);
              if (socket) socket.current = this;
            }
          },
        }
      : {},
  );
  clients.push(client);
  return client;
}

/** A subscription's deliveries so far, and how it ended (errors or `complete`), if it has. */
interface Collected {
  readonly events: Delivered[];
  ended: { errors?: unknown; complete?: true } | undefined;
}

function subscribe(client: Client, variables: Record<string, unknown>, query = SESSION_EVENTS): Collected {
  const collected: Collected = { events: [], ended: undefined };
  client.subscribe<{ sessionEvents: Delivered }>(
    { query, variables },
    {
      next: (result) => {
        if (result.data?.sessionEvents) collected.events.push(result.data.sessionEvents);
        if (result.errors) collected.ended = { errors: result.errors };
      },
      error: (error) => (collected.ended = { errors: error }),
      complete: () => (collected.ended ??= { complete: true }),
    },
  );
  return collected;
}

/** Waits until `collected` holds `count` events (or ended). */
function received(collected: Collected, count: number): Promise<Delivered[]> {
  return waitFor(`${count} session events`, () => Promise.resolve(collected.events.length >= count || collected.ended ? collected.events : undefined));
}

/** A BOT session with one participant at its start: events BOT_STATE_CHANGED (→ REQUESTED), PARTICIPANT_JOINED. */
async function startBotSession(api: GraphClient): Promise<string> {
  const data = await api.requestOk<{ startSession: { id: string } }, Record<string, unknown>>(START, {
    input: { kind: 'BOT', title: 'standup', participants: [{ id: 'alice', role: 'USER', displayName: 'Alice' }] },
  });
  return data.startSession.id;
}

describe('sessionEvents', () => {
  it('delivers every change of a session live, in cursor order, with its segment, participant, bot state and session', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant, scopes: ['admin'] });
    const sessionId = await startBotSession(api);
    const live = subscribe(await wsClient(tenant), { sessionId, after: '0' });
    await received(live, 2);

    await api.requestOk(JOIN, { sessionId, participant: { id: 'bot', role: 'BOT' } });
    await api.requestOk(CHANGE, { sessionId, state: 'JOINING' });
    const draft = await api.requestOk<{ appendTranscript: { id: string }[] }, Record<string, unknown>>(APPEND, {
      sessionId,
      segments: [{ speaker: 'alice', text: 'hel', segmentKey: 'u1', final: false }],
    });
    await api.requestOk(APPEND, { sessionId, segments: [{ speaker: 'alice', text: 'hello', segmentKey: 'u1', final: false }] });
    await api.requestOk(APPEND, { sessionId, segments: [{ speaker: 'alice', text: 'hello there', segmentKey: 'u1' }] });
    const segmentId = draft.appendTranscript[0]?.id ?? '';
    await api.requestOk(TRANSLATE, { segmentId });
    await api.requestOk(LEAVE, { sessionId, participantId: 'bot' });
    await api.requestOk(END, { id: sessionId });

    const stored = await storedEvents(api, sessionId);
    expect(stored.map((e) => e.type)).toEqual([
      'BOT_STATE_CHANGED',
      'PARTICIPANT_JOINED',
      'PARTICIPANT_JOINED',
      'BOT_STATE_CHANGED',
      'SEGMENT_ADDED',
      'SEGMENT_REVISED',
      'SEGMENT_FINALISED',
      'TRANSLATION_ADDED',
      'PARTICIPANT_LEFT',
      'BOT_STATE_CHANGED',
      'PARTICIPANT_LEFT',
      'SESSION_ENDED',
    ]);
    const events = await received(live, stored.length);
    expect(live.ended).toBeUndefined();
    expect(events.map((e) => [e.cursor, e.type])).toEqual(stored.map((e) => [e.cursor, e.type]));
    expect(new Set(events.map((e) => e.sessionId))).toEqual(new Set([sessionId]));

    const byType = (type: string): Delivered[] => events.filter((e) => e.type === type);
    expect(byType('BOT_STATE_CHANGED').map((e) => e.botStateChange)).toEqual([
      { from: null, to: 'REQUESTED', reason: null },
      { from: 'REQUESTED', to: 'JOINING', reason: null },
      { from: 'JOINING', to: 'ENDED', reason: null },
    ]);
    expect(byType('PARTICIPANT_JOINED').map((e) => [e.participant?.id, e.participant?.role])).toEqual([
      ['alice', 'USER'],
      ['bot', 'BOT'],
    ]);
    // A participant event shows the presence it began or ended, as it is now.
    expect(byType('PARTICIPANT_LEFT').map((e) => e.participant?.id)).toEqual(['bot', 'alice']);
    expect(byType('PARTICIPANT_LEFT').every((e) => e.participant?.leftAt !== null)).toBe(true);
    // Segment events: the same segment (replaced in place), as it is now; the payload says which revision each was.
    const segmentEvents = events.filter((e) => e.segment !== null);
    expect(new Set(segmentEvents.map((e) => e.segment?.id))).toEqual(new Set([segmentId]));
    expect(segmentEvents.at(-1)?.segment).toEqual({
      id: segmentId,
      text: 'hello there',
      final: true,
      revision: 3,
      translations: [{ language: 'fr', text: 'bonjour' }],
    });
    expect(byType('SEGMENT_REVISED')[0]?.payload).toEqual({ revision: 2 });
    expect(byType('SEGMENT_FINALISED')[0]?.payload).toEqual({ revision: 3 });
    expect(byType('TRANSLATION_ADDED')[0]?.payload).toEqual({ language: 'fr' });
    expect(events.every((e) => e.run === null)).toBe(true);
    expect(events.at(-1)?.session).toEqual({ id: sessionId, status: 'ENDED' });
    // The subscription stays open after the end: an end workflow's run would come next.
    expect(live.ended).toBeUndefined();
  });

  it('announces the run its onEnd workflow started, with the run resolved through the supergraph', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant, scopes: ['admin'] });
    const workflowId = await createWorkflow(api, [{ id: 'noop', kind: 'transform', config: { expression: '1' } }]);
    const started = await api.requestOk<{ startSession: { id: string } }, Record<string, unknown>>(START, { input: { onEnd: { workflowId } } });
    const sessionId = started.startSession.id;
    // A USER session without participants has no events until its end: from the start is all of them.
    const live = subscribe(await wsClient(tenant), { sessionId, after: '0' });
    await api.requestOk(END, { id: sessionId });
    const events = await waitFor('RUN_STARTED', () => Promise.resolve(live.events.find((e) => e.type === 'RUN_STARTED') ? live.events : undefined));
    const run = events.find((e) => e.type === 'RUN_STARTED');
    expect(run?.run).toMatchObject({ sessionId });
    expect(run?.payload).toMatchObject({ workflowId, runId: run?.run?.id });
    expect(events.map((e) => e.type)).toEqual(['SESSION_ENDED', 'RUN_STARTED']);
  });

  it('after a hard disconnect, resuming from the last cursor received gives the rest, with nothing lost or repeated', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant, scopes: ['admin'] });
    const sessionId = await startBotSession(api);
    const socket: { current?: WebSocket } = {};
    const first = subscribe(await wsClient(tenant, ['admin'], socket), { sessionId, after: '0' });
    await received(first, 2);
    // The socket is terminated, not closed cleanly; changes go on meanwhile.
    socket.current?.terminate();
    await waitFor('the first subscription to end', () => Promise.resolve(first.ended));
    const firstEvents = [...first.events];
    for (let i = 0; i < 5; i++) {
      await api.requestOk(APPEND, { sessionId, segments: [{ speaker: 'alice', text: `line ${i}`, segmentKey: `k${i}`, final: i % 2 === 0 }] });
    }
    const resumed = subscribe(await wsClient(tenant), { sessionId, after: firstEvents.at(-1)?.cursor });
    await api.requestOk(JOIN, { sessionId, participant: { id: 'carol', role: 'OBSERVER' } });
    const stored = await storedEvents(api, sessionId);
    const rest = await received(resumed, stored.length - firstEvents.length);
    expect([...firstEvents, ...rest].map((e) => e.cursor)).toEqual(stored.map((e) => e.cursor));
    expect(rest.at(-1)?.participant?.id).toBe('carol');
  });

  it('over SSE, each event’s id is its cursor, and a reconnect with Last-Event-ID resumes with nothing lost or repeated', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant, scopes: ['admin'] });
    const sessionId = await startBotSession(api);
    const authorization = `Bearer ${await clientToken(graph, { tenant, scopes: ['sessions:read'] })}`;
    const body = { query: SESSION_EVENTS, variables: { sessionId, after: '0' } };
    const cursorsOf = (events: readonly ServerSentEvent[]): string[] =>
      events
        .filter((e) => e.event === 'next')
        .map((e) => {
          const cursor = (e.data as { data: { sessionEvents: Delivered } }).data.sessionEvents.cursor;
          expect(e.id).toBe(cursor);
          return cursor;
        });

    const dropped = new AbortController();
    const first: ServerSentEvent[] = [];
    for await (const event of readEventStream(graph.gatewayUrl, body, { authorization }, dropped.signal)) {
      first.push(event);
      if (cursorsOf(first).length === 2) dropped.abort();
    }
    await api.requestOk(APPEND, { sessionId, segments: [{ speaker: 'alice', text: 'while away' }] });
    await api.requestOk(END, { id: sessionId });
    const stored = (await storedEvents(api, sessionId)).map((e) => e.cursor);

    const lastEventId = first.filter((e) => e.event === 'next').at(-1)?.id ?? '';
    const again = new AbortController();
    const resumed: ServerSentEvent[] = [];
    for await (const event of readEventStream(graph.gatewayUrl, body, { authorization, 'last-event-id': lastEventId }, again.signal)) {
      resumed.push(event);
      if (cursorsOf(first).length + cursorsOf(resumed).length === stored.length) again.abort();
    }
    expect([...cursorsOf(first), ...cursorsOf(resumed)]).toEqual(stored);
  });

  it.skipIf(!redisUrl)('replays from Postgres what the Redis stream no longer holds', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant, scopes: ['admin'] });
    const sessionId = await startBotSession(api);
    await api.requestOk(APPEND, {
      sessionId,
      segments: [
        { speaker: 'alice', text: 'one' },
        { speaker: 'alice', text: 'two' },
      ],
    });
    const stored = await storedEvents(api, sessionId);
    const redis = await createRedisClient({ url: redisUrl ?? '', connectionName: 'session-events-test' });
    try {
      const key = eventStreamKey(graph.config.redis.keyPrefix, tenant, SESSION_EVENT_STREAM);
      await waitFor('the relay to publish', async () => ((await redis.xlen(key)) >= stored.length ? true : undefined));
      await redis.del(key);
    } finally {
      await redis.quit();
    }
    const replayed = subscribe(await wsClient(tenant), { sessionId, after: stored[0]?.cursor });
    const events = await received(replayed, stored.length - 1);
    expect(events.map((e) => e.cursor)).toEqual(stored.slice(1).map((e) => e.cursor));
    expect(events.filter((e) => e.type === 'SEGMENT_ADDED').map((e) => e.segment?.text)).toEqual(['one', 'two']);
  });

  it('refuses another tenant’s session and a missing one (NOT_FOUND), a caller without sessions:read (FORBIDDEN), and a bad cursor (BAD_USER_INPUT)', async () => {
    const tenant = newTenant();
    const api = await createClient(graph, { tenant, scopes: ['admin'] });
    const sessionId = await startBotSession(api);
    const codeOf = async (client: Client, variables: Record<string, unknown>): Promise<unknown> => {
      const collected = subscribe(client, variables);
      const ended = await waitFor('the refusal', () => Promise.resolve(collected.ended));
      expect(collected.events).toEqual([]);
      return (ended.errors as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code;
    };
    expect(await codeOf(await wsClient(newTenant()), { sessionId })).toBe('NOT_FOUND');
    expect(await codeOf(await wsClient(tenant), { sessionId: '00000000-0000-4000-8000-000000000000' })).toBe('NOT_FOUND');
    expect(await codeOf(await wsClient(tenant, ['workflows:subscribe']), { sessionId })).toBe('FORBIDDEN');
    expect(await codeOf(await wsClient(tenant), { sessionId, after: 'yesterday' })).toBe('BAD_USER_INPUT');
    const page = await api.request(STORED_EVENTS, { id: sessionId, first: 0 });
    expect(page.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
