import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, type GraphClient } from './kit/client.ts';
import { fewestStatements } from './kit/statement-counter.ts';
import { tenantRows } from './kit/database.ts';

/** Measured requests execute: the response cache would answer a repeat of the warm-up. */
const NO_CACHE = { 'cache-control': 'no-cache' };
import {
  AddTranslationDocument,
  AppendTranscriptDocument,
  EndSessionDocument,
  GetSessionDocument,
  ListSessionTranscriptsDocument,
  ListSessionsDocument,
  StartSessionDocument,
  type TranscriptSegmentInput,
} from './generated/graphql.ts';

let graph: TestGraph;
beforeAll(async () => {
  // Runs with trusted documents enforced: the client sends every codegen document by id (test/kit/client.ts).
  graph = await startGraph({
    subgraphs: ['session'],
    env: { TRUSTED_DOCUMENTS: 'enforce', TRUSTED_DOCUMENTS_PATH: 'test/generated/persisted-documents.json' },
  });
});
afterAll(async () => {
  await graph.close();
});

const readWrite = ['sessions:read', 'sessions:write'];
const client = (tenant = newTenant(), scopes = readWrite): Promise<GraphClient> =>
  createClient(graph, { tenant, scopes }, graph.gatewayUrl, { documentIds: true });
type Errors = readonly { extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['code'];
const fieldOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['field'];
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function startSession(c: GraphClient, title = 'chat'): Promise<string> {
  return (await c.requestOk(StartSessionDocument, { input: { title } })).startSession.id;
}

function segments(count: number, from = 0): TranscriptSegmentInput[] {
  return Array.from({ length: count }, (_, i) => ({ speaker: i % 2 ? 'bot' : 'user', text: `line ${from + i}` }));
}

describe('startSession and session', () => {
  it('starts an ACTIVE session with participants and metadata, and reads it back', async () => {
    const c = await client();
    const { startSession } = await c.requestOk(StartSessionDocument, {
      input: {
        kind: 'BOT',
        title: 'Support chat',
        participants: [
          { id: 'u1', role: 'USER', displayName: 'Ada' },
          { id: 'b1', role: 'BOT' },
        ],
        metadata: { channel: 'web', tags: ['a', 'b'] },
      },
    });
    expect(startSession).toMatchObject({
      kind: 'BOT',
      status: 'ACTIVE',
      title: 'Support chat',
      participants: [
        { id: 'u1', role: 'USER', displayName: 'Ada' },
        { id: 'b1', role: 'BOT', displayName: null },
      ],
      metadata: { channel: 'web', tags: ['a', 'b'] },
      endedAt: null,
    });
    const { session } = await c.requestOk(GetSessionDocument, { id: startSession.id });
    expect(session).toEqual({ ...startSession, transcript: [] });
  });

  it('defaults to a USER session without title, participants or metadata', async () => {
    const c = await client();
    const { startSession } = await c.requestOk(StartSessionDocument, { input: {} });
    expect(startSession).toMatchObject({ kind: 'USER', status: 'ACTIVE', title: null, participants: [], metadata: null });
  });

  it.each([
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'input.title'],
    ['more than 50 participants', { participants: Array.from({ length: 51 }, (_, i) => ({ id: `p${i}`, role: 'USER' as const })) }, 'input.participants'],
    [
      'repeated participant ids',
      {
        participants: [
          { id: 'p', role: 'USER' as const },
          { id: 'p', role: 'BOT' as const },
        ],
      },
      'input.participants[1].id',
    ],
    ['an empty participant id', { participants: [{ id: '', role: 'USER' as const }] }, 'input.participants[0].id'],
    ['metadata over 16 KiB', { metadata: { blob: 'x'.repeat(16_400) } }, 'input.metadata'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, input, field) => {
    const c = await client();
    const { errors, data } = await c.request(StartSessionDocument, { input });
    expect(codeOf(errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(errors)).toBe(field);
    expect(data).toBeNull();
    expect((await c.requestOk(ListSessionsDocument, {})).sessions.edges).toEqual([]);
  });

  it('returns null for an unknown id and for an id that is not a UUID', async () => {
    const c = await client();
    expect((await c.requestOk(GetSessionDocument, { id: UNKNOWN_ID })).session).toBeNull();
    expect((await c.requestOk(GetSessionDocument, { id: 'nope' })).session).toBeNull();
  });
});

describe('endSession', () => {
  it('ends an active session once; the second time is a CONFLICT', async () => {
    const c = await client();
    const id = await startSession(c);
    const { endSession } = await c.requestOk(EndSessionDocument, { id });
    expect(endSession).toMatchObject({ id, status: 'ENDED' });
    expect(endSession.endedAt).toEqual(expect.any(String));
    const again = await c.request(EndSessionDocument, { id });
    expect(codeOf(again.errors)).toBe('CONFLICT');
    expect((await c.requestOk(GetSessionDocument, { id })).session?.endedAt).toBe(endSession.endedAt);
  });

  it('answers NOT_FOUND for unknown ids and ids that are not UUIDs', async () => {
    const c = await client();
    expect(codeOf((await c.request(EndSessionDocument, { id: UNKNOWN_ID })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await c.request(EndSessionDocument, { id: 'nope' })).errors)).toBe('NOT_FOUND');
  });
});

describe('appendTranscript', () => {
  it('numbers segments from 1 in order across calls and returns them in the transcript', async () => {
    const c = await client();
    const id = await startSession(c);
    const first = await c.requestOk(AppendTranscriptDocument, {
      sessionId: id,
      segments: [
        { speaker: 'user', text: 'Bonjour', language: 'fr', startMs: 0, endMs: 900 },
        { speaker: 'bot', text: 'Hello!', language: 'en', startMs: 900, endMs: 900 },
      ],
    });
    expect(first.appendTranscript.map((s) => [s.sequence, s.sessionId, s.text])).toEqual([
      [1, id, 'Bonjour'],
      [2, id, 'Hello!'],
    ]);
    const second = await c.requestOk(AppendTranscriptDocument, { sessionId: id, segments: segments(3) });
    expect(second.appendTranscript.map((s) => s.sequence)).toEqual([3, 4, 5]);
    const { session } = await c.requestOk(GetSessionDocument, { id });
    expect(session?.transcript.map((s) => s.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(session?.transcript[0]).toMatchObject({ speaker: 'user', text: 'Bonjour', language: 'fr', startMs: 0, endMs: 900 });
  });

  it('keeps numbers unique and gapless under concurrent appends to one session', async () => {
    const c = await client();
    const id = await startSession(c);
    await Promise.all(Array.from({ length: 5 }, (_, i) => c.requestOk(AppendTranscriptDocument, { sessionId: id, segments: segments(10, i * 10) })));
    const { session } = await c.requestOk(GetSessionDocument, { id });
    expect(session?.transcript.map((s) => s.sequence)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Each call's segments stay together and in input order.
    const texts = session?.transcript.map((s) => Number(s.text.split(' ')[1])) ?? [];
    for (let i = 0; i < 50; i += 10) expect(texts.slice(i, i + 10)).toEqual(Array.from({ length: 10 }, (_, k) => (texts[i] ?? 0) + k));
  });

  it('accepts 500 segments in one call', async () => {
    const c = await client();
    const id = await startSession(c);
    const { appendTranscript } = await c.requestOk(AppendTranscriptDocument, { sessionId: id, segments: segments(500) });
    expect(appendTranscript.at(-1)?.sequence).toBe(500);
  });

  it.each([
    ['501 segments', segments(501), 'segments'],
    ['no segments', [], 'segments'],
    ['a text over 10,000 characters', [...segments(2), { speaker: 'u', text: 'x'.repeat(10_001) }], 'segments[2].text'],
    ['an empty speaker', [{ speaker: '', text: 'hi' }], 'segments[0].speaker'],
    ['an end before the start', [...segments(1), { speaker: 'u', text: 'hi', startMs: 500, endMs: 400 }], 'segments[1].endMs'],
    ['a negative offset', [{ speaker: 'u', text: 'hi', startMs: -1 }], 'segments[0].startMs'],
    ['a malformed language tag', [{ speaker: 'u', text: 'hi', language: 'not a tag' }], 'segments[0].language'],
  ])('refuses %s with BAD_USER_INPUT and appends nothing', async (_case, input, field) => {
    const c = await client();
    const id = await startSession(c);
    const { errors } = await c.request(AppendTranscriptDocument, { sessionId: id, segments: input });
    expect(codeOf(errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(errors)).toBe(field);
    expect((await c.requestOk(GetSessionDocument, { id })).session?.transcript).toEqual([]);
  });

  it('answers CONFLICT for an ended session and NOT_FOUND for an unknown one', async () => {
    const c = await client();
    const id = await startSession(c);
    await c.requestOk(EndSessionDocument, { id });
    expect(codeOf((await c.request(AppendTranscriptDocument, { sessionId: id, segments: segments(1) })).errors)).toBe('CONFLICT');
    expect((await c.requestOk(GetSessionDocument, { id })).session?.transcript).toEqual([]);
    expect(codeOf((await c.request(AppendTranscriptDocument, { sessionId: UNKNOWN_ID, segments: segments(1) })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await c.request(AppendTranscriptDocument, { sessionId: 'nope', segments: segments(1) })).errors)).toBe('NOT_FOUND');
  });
});

describe('addTranslation', () => {
  it('adds translations per language and replaces one on a second add', async () => {
    const c = await client();
    const id = await startSession(c);
    const [segment] = (await c.requestOk(AppendTranscriptDocument, { sessionId: id, segments: segments(1) })).appendTranscript;
    const segmentId = segment?.id ?? '';
    const fr = (await c.requestOk(AddTranslationDocument, { segmentId, language: 'fr', text: 'ligne 0' })).addTranslation;
    expect(fr).toMatchObject({ segmentId, language: 'fr', text: 'ligne 0' });
    await c.requestOk(AddTranslationDocument, { segmentId, language: 'pt-BR', text: 'linha 0' });
    const replaced = (await c.requestOk(AddTranslationDocument, { segmentId, language: 'fr', text: 'la ligne 0' })).addTranslation;
    expect(replaced).toMatchObject({ id: fr.id, text: 'la ligne 0', createdAt: fr.createdAt });
    const { session } = await c.requestOk(GetSessionDocument, { id });
    expect(session?.transcript[0]?.translations).toEqual([
      { id: fr.id, language: 'fr', text: 'la ligne 0' },
      { id: expect.any(String), language: 'pt-BR', text: 'linha 0' },
    ]);
  });

  it('answers NOT_FOUND for an unknown segment and BAD_USER_INPUT for a bad language or text', async () => {
    const c = await client();
    expect(codeOf((await c.request(AddTranslationDocument, { segmentId: UNKNOWN_ID, language: 'fr', text: 'x' })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await c.request(AddTranslationDocument, { segmentId: 'nope', language: 'fr', text: 'x' })).errors)).toBe('NOT_FOUND');
    const id = await startSession(c);
    const [segment] = (await c.requestOk(AppendTranscriptDocument, { sessionId: id, segments: segments(1) })).appendTranscript;
    const segmentId = segment?.id ?? '';
    const badLanguage = await c.request(AddTranslationDocument, { segmentId, language: 'f r', text: 'x' });
    expect([codeOf(badLanguage.errors), fieldOf(badLanguage.errors)]).toEqual(['BAD_USER_INPUT', 'language']);
    const longText = await c.request(AddTranslationDocument, { segmentId, language: 'fr', text: 'x'.repeat(10_001) });
    expect([codeOf(longText.errors), fieldOf(longText.errors)]).toEqual(['BAD_USER_INPUT', 'text']);
    expect((await c.requestOk(GetSessionDocument, { id })).session?.transcript[0]?.translations).toEqual([]);
  });
});

describe('sessions', () => {
  it('pages through the tenant sessions newest first without overlap', async () => {
    const c = await client();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await startSession(c, `s${i}`));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { sessions }: { sessions: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } =
        await c.requestOk(ListSessionsDocument, { first: 2, after });
      seen.push(...sessions.edges.map((e) => e.node.id));
      pages += 1;
      if (!sessions.pageInfo.hasNextPage) break;
      after = sessions.pageInfo.endCursor ?? null;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('defaults to 20 and refuses first outside 1..100 or a foreign cursor', async () => {
    const c = await client();
    const empty = await c.requestOk(ListSessionsDocument, {});
    expect(empty.sessions).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    for (const first of [0, 101]) {
      const { errors } = await c.request(ListSessionsDocument, { first });
      expect([codeOf(errors), fieldOf(errors)]).toEqual(['BAD_USER_INPUT', 'first']);
    }
    const forged = Buffer.from('2026-01-01T00:00:00.000Z|not-a-uuid').toString('base64url');
    for (const after of ['garbage', forged]) {
      const { errors } = await c.request(ListSessionsDocument, { after });
      expect([codeOf(errors), fieldOf(errors)]).toEqual(['BAD_USER_INPUT', 'after']);
    }
  });
});

describe('tenant isolation', () => {
  it('keeps another tenant from reading, listing or writing a session', async () => {
    const owner = await client();
    const id = await startSession(owner);
    const [segment] = (await owner.requestOk(AppendTranscriptDocument, { sessionId: id, segments: segments(1) })).appendTranscript;
    const other = await client();
    expect((await other.requestOk(GetSessionDocument, { id })).session).toBeNull();
    expect((await other.requestOk(ListSessionsDocument, {})).sessions.edges).toEqual([]);
    expect(codeOf((await other.request(EndSessionDocument, { id })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await other.request(AppendTranscriptDocument, { sessionId: id, segments: segments(1) })).errors)).toBe('NOT_FOUND');
    const translation = await other.request(AddTranslationDocument, { segmentId: segment?.id ?? '', language: 'fr', text: 'x' });
    expect(codeOf(translation.errors)).toBe('NOT_FOUND');
    const { session } = await owner.requestOk(GetSessionDocument, { id });
    expect(session).toMatchObject({ status: 'ACTIVE', transcript: [{ sequence: 1, translations: [] }] });
  });
});

describe('scopes', () => {
  it('needs sessions:write to write and sessions:read to read', async () => {
    const tenant = newTenant();
    const reader = await client(tenant, ['sessions:read']);
    const start = await reader.request(StartSessionDocument, { input: { title: 'x' } });
    expect([codeOf(start.errors), start.errors?.[0]?.extensions?.['scope']]).toEqual(['FORBIDDEN', 'sessions:write']);
    const writer = await client(tenant, ['sessions:write']);
    const id = await startSession(writer);
    for (const denied of [await writer.request(GetSessionDocument, { id }), await writer.request(ListSessionsDocument, {})]) {
      expect(codeOf(denied.errors)).toBe('FORBIDDEN');
    }
    for (const denied of [
      await reader.request(EndSessionDocument, { id }),
      await reader.request(AppendTranscriptDocument, { sessionId: id, segments: segments(1) }),
      await reader.request(AddTranslationDocument, { segmentId: UNKNOWN_ID, language: 'fr', text: 'x' }),
    ]) {
      expect(codeOf(denied.errors)).toBe('FORBIDDEN');
    }
    expect((await reader.requestOk(GetSessionDocument, { id })).session).toMatchObject({ status: 'ACTIVE', transcript: [] });
  });
});

describe('batching', () => {
  it('loads transcripts and translations of a page with the same number of statements for 2 and for 8 sessions', async () => {
    const measure = async (n: number): Promise<number> => {
      const c = await client();
      for (let i = 0; i < n; i += 1) {
        const id = await startSession(c);
        const { appendTranscript } = await c.requestOk(AppendTranscriptDocument, { sessionId: id, segments: segments(2) });
        for (const segment of appendTranscript) await c.requestOk(AddTranslationDocument, { segmentId: segment.id, language: 'fr', text: 'x' });
      }
      await c.requestOk(ListSessionTranscriptsDocument, { first: n }); // warm-up: connections and prepared plans
      return fewestStatements(async () => {
        const { sessions } = await c.requestOk(ListSessionTranscriptsDocument, { first: n }, NO_CACHE);
        expect(sessions.edges).toHaveLength(n);
        for (const { node } of sessions.edges) {
          expect(node.transcript.map((s) => [s.sequence, s.translations.length])).toEqual([
            [1, 1],
            [2, 1],
          ]);
        }
      });
    };
    const forTwo = await measure(2);
    const forEight = await measure(8);
    expect(forTwo).toBeGreaterThan(0);
    expect(forEight).toBe(forTwo);
  });
});

describe('session events', () => {
  it('records each change in the session outbox in its own transaction, and nothing for a refused write', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const sessionId = await startSession(c, 'outbox');
    const appended = await c.requestOk(AppendTranscriptDocument, { sessionId, segments: segments(2) });
    const [first, second] = appended.appendTranscript.map((s) => s.id);
    await c.requestOk(AddTranslationDocument, { segmentId: first ?? '', language: 'fr', text: 'ligne 0' });
    // Refused writes: an invalid segment (all or nothing), then an append after the end.
    const invalid = await c.request(AppendTranscriptDocument, { sessionId, segments: [...segments(1), { speaker: '', text: 'x' }] });
    expect(codeOf(invalid.errors)).toBe('BAD_USER_INPUT');
    await c.requestOk(EndSessionDocument, { id: sessionId });
    const late = await c.request(AppendTranscriptDocument, { sessionId, segments: segments(1) });
    expect(codeOf(late.errors)).toBe('CONFLICT');
    const again = await c.request(EndSessionDocument, { id: sessionId });
    expect(codeOf(again.errors)).toBe('CONFLICT');

    const events = await tenantRows(graph, 'session.session_events', tenant, ['session_id', 'type', 'segment_id', 'payload'], 'seq');
    expect(events).toEqual([
      { session_id: sessionId, type: 'SEGMENT_ADDED', segment_id: first, payload: null },
      { session_id: sessionId, type: 'SEGMENT_ADDED', segment_id: second, payload: null },
      { session_id: sessionId, type: 'TRANSLATION_ADDED', segment_id: first, payload: { language: 'fr' } },
      { session_id: sessionId, type: 'SESSION_ENDED', segment_id: null, payload: null },
    ]);
  });
});
