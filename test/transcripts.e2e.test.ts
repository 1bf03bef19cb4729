import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient, type GraphResponse } from './kit/client.ts';
import { countTenantRows, tenantRows } from './kit/database.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { fewestStatements } from './kit/statement-counter.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['session'] });
});
afterAll(async () => {
  await graph.close();
});

const client = (tenant = newTenant(), scopes = ['sessions:read', 'sessions:write']): Promise<GraphClient> => createClient(graph, { tenant, scopes });
type Errors = GraphResponse<unknown>['errors'];
const codeOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['code'];
const fieldOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['field'];

interface Segment {
  id: string;
  sequence: number;
  speaker: string;
  text: string;
  segmentKey: string | null;
  final: boolean;
  confidence: number | null;
  revision: number;
  startMs: number | null;
  endMs: number | null;
  createdAt: string;
  updatedAt: string;
}
interface SegmentInput {
  speaker: string;
  text: string;
  segmentKey?: string;
  final?: boolean;
  confidence?: number;
  startMs?: number;
  endMs?: number;
}
const SEGMENT_FIELDS = 'id sequence speaker text segmentKey final confidence revision startMs endMs createdAt updatedAt';
const START = 'mutation { startSession(input: { title: "call" }) { id } }';
const APPEND = `mutation ($sessionId: ID!, $segments: [TranscriptSegmentInput!]!) {
  appendTranscript(sessionId: $sessionId, segments: $segments) { ${SEGMENT_FIELDS} }
}`;
const TRANSCRIPT = `query ($id: ID!) { session(id: $id) { transcript { ${SEGMENT_FIELDS} } } }`;
const SEARCH = `query ($query: String!, $sessionId: ID, $first: Int, $includeDrafts: Boolean) {
  searchTranscripts(query: $query, sessionId: $sessionId, first: $first, includeDrafts: $includeDrafts) {
    score highlight segment { id sessionId text final startMs endMs }
  }
}`;
interface Hit {
  score: number;
  highlight: string;
  segment: { id: string; sessionId: string; text: string; final: boolean; startMs: number | null; endMs: number | null };
}
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function startSession(c: GraphClient): Promise<string> {
  return (await c.requestOk<{ startSession: { id: string } }, Record<string, never>>(START)).startSession.id;
}
const append = (c: GraphClient, sessionId: string, segments: SegmentInput[]) =>
  c.request<{ appendTranscript: Segment[] }, { sessionId: string; segments: SegmentInput[] }>(APPEND, { sessionId, segments });
async function appendOk(c: GraphClient, sessionId: string, segments: SegmentInput[]): Promise<Segment[]> {
  const { data, errors } = await append(c, sessionId, segments);
  expect(errors).toBeUndefined();
  return data?.appendTranscript ?? [];
}
async function transcript(c: GraphClient, id: string): Promise<Segment[]> {
  return (await c.requestOk<{ session: { transcript: Segment[] } | null }, { id: string }>(TRANSCRIPT, { id })).session?.transcript ?? [];
}
const search = (c: GraphClient, variables: { query: string; sessionId?: string; first?: number; includeDrafts?: boolean }) =>
  c.request<{ searchTranscripts: Hit[] }, typeof variables>(SEARCH, variables);
async function searchOk(c: GraphClient, variables: Parameters<typeof search>[1]): Promise<Hit[]> {
  const { data, errors } = await search(c, variables);
  expect(errors).toBeUndefined();
  return data?.searchTranscripts ?? [];
}
const events = (tenant: string) => tenantRows(graph, 'session.session_events', tenant, ['type', 'segment_id', 'payload'], 'seq');

describe('draft and final segments', () => {
  it('replaces a draft in place by later drafts and then a final one, with an event per revision', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const sessionId = await startSession(c);
    const [before] = await appendOk(c, sessionId, [{ speaker: 'ada', text: 'before' }]);
    const [draft] = await appendOk(c, sessionId, [{ speaker: 'ada', text: 'hello wor', segmentKey: 'utt-1', final: false, confidence: 0.4, startMs: 100 }]);
    expect(draft).toMatchObject({ sequence: 2, segmentKey: 'utt-1', final: false, confidence: 0.4, revision: 1, startMs: 100, endMs: null });
    expect(draft?.updatedAt).toBe(draft?.createdAt);
    const [second] = await appendOk(c, sessionId, [{ speaker: 'ada', text: 'hello world', segmentKey: 'utt-1', final: false, confidence: 0.7, startMs: 100 }]);
    const [final] = await appendOk(c, sessionId, [{ speaker: 'ada', text: 'Hello, world!', segmentKey: 'utt-1', confidence: 0.93, startMs: 100, endMs: 1400 }]);
    expect(second).toMatchObject({ id: draft?.id, sequence: 2, text: 'hello world', final: false, revision: 2, createdAt: draft?.createdAt });
    expect(final).toMatchObject({ id: draft?.id, sequence: 2, text: 'Hello, world!', final: true, confidence: 0.93, revision: 3, endMs: 1400 });
    expect(Date.parse(final?.updatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(second?.updatedAt ?? ''));
    const [after] = await appendOk(c, sessionId, [{ speaker: 'bob', text: 'after' }]);
    expect(after?.sequence).toBe(3);
    expect((await transcript(c, sessionId)).map((s) => [s.sequence, s.text, s.revision])).toEqual([
      [1, 'before', 1],
      [2, 'Hello, world!', 3],
      [3, 'after', 1],
    ]);
    expect(await events(tenant)).toEqual([
      { type: 'SEGMENT_ADDED', segment_id: before?.id, payload: null },
      { type: 'SEGMENT_ADDED', segment_id: draft?.id, payload: null },
      { type: 'SEGMENT_REVISED', segment_id: draft?.id, payload: { revision: 2 } },
      { type: 'SEGMENT_FINALISED', segment_id: draft?.id, payload: { revision: 3 } },
      { type: 'SEGMENT_ADDED', segment_id: after?.id, payload: null },
    ]);
  });

  it('refuses to change a final segment with CONFLICT and writes nothing of the call', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const sessionId = await startSession(c);
    await appendOk(c, sessionId, [
      { speaker: 'ada', text: 'draft', segmentKey: 'd', final: false },
      { speaker: 'ada', text: 'done', segmentKey: 'f' },
    ]);
    const stored = await transcript(c, sessionId);
    const eventsBefore = await events(tenant);
    for (const change of [{ text: 'done!' }, { final: false }, { confidence: 0.5 }]) {
      const { errors } = await append(c, sessionId, [
        { speaker: 'bob', text: 'new one' },
        { speaker: 'ada', text: 'draft revised', segmentKey: 'd', final: false },
        { speaker: 'ada', text: 'done', segmentKey: 'f', ...change },
      ]);
      expect(codeOf(errors)).toBe('CONFLICT');
      expect(fieldOf(errors)).toBe('segments[2]');
    }
    expect(await transcript(c, sessionId)).toEqual(stored);
    expect(await events(tenant)).toEqual(eventsBefore);
    expect(await countTenantRows(graph, 'session.transcript_segments', tenant)).toBe(2);
  });

  it('answers a retried final batch with the same segments and records nothing', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const sessionId = await startSession(c);
    const batch = [
      { speaker: 'ada', text: 'one', segmentKey: 'a', confidence: 0.9, startMs: 0, endMs: 500 },
      { speaker: 'bob', text: 'two', segmentKey: 'b' },
    ];
    const first = await appendOk(c, sessionId, batch);
    const eventsBefore = await events(tenant);
    expect(eventsBefore).toHaveLength(2);
    const retried = await appendOk(c, sessionId, batch);
    expect(retried).toEqual(first);
    expect(await events(tenant)).toEqual(eventsBefore);
    expect(await countTenantRows(graph, 'session.transcript_segments', tenant)).toBe(2);
  });

  it('mixes new, replacing and unchanged segments in one call, returned in input order', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const sessionId = await startSession(c);
    const [d1, d2, f1] = await appendOk(c, sessionId, [
      { speaker: 'ada', text: 'draft one', segmentKey: 'd1', final: false },
      { speaker: 'bob', text: 'draft two', segmentKey: 'd2', final: false },
      { speaker: 'ada', text: 'final one', segmentKey: 'f1' },
    ]);
    const mixed = await appendOk(c, sessionId, [
      { speaker: 'bob', text: 'draft two, final', segmentKey: 'd2' },
      { speaker: 'eve', text: 'unkeyed' },
      { speaker: 'ada', text: 'final one', segmentKey: 'f1' },
      { speaker: 'ada', text: 'draft one again', segmentKey: 'd1', final: false },
      { speaker: 'eve', text: 'new keyed draft', segmentKey: 'd3', final: false },
    ]);
    expect(mixed.map((s) => [s.id, s.sequence, s.text, s.final, s.revision])).toEqual([
      [d2?.id, 2, 'draft two, final', true, 2],
      [expect.any(String), 4, 'unkeyed', true, 1],
      [f1?.id, 3, 'final one', true, 1],
      [d1?.id, 1, 'draft one again', false, 2],
      [expect.any(String), 5, 'new keyed draft', false, 1],
    ]);
    expect((await transcript(c, sessionId)).map((s) => s.text)).toEqual(['draft one again', 'draft two, final', 'final one', 'unkeyed', 'new keyed draft']);
    expect((await events(tenant)).slice(3).map((e) => [e.type, e.segment_id])).toEqual([
      ['SEGMENT_FINALISED', d2?.id],
      ['SEGMENT_ADDED', mixed[1]?.id],
      ['SEGMENT_REVISED', d1?.id],
      ['SEGMENT_ADDED', mixed[4]?.id],
    ]);
  });

  it('serialises concurrent appends of one key: one segment, a revision each, no lost update', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const sessionId = await startSession(c);
    const texts = Array.from({ length: 8 }, (_, i) => `partial ${i}`);
    const answers = await Promise.all(texts.map((text) => appendOk(c, sessionId, [{ speaker: 'ada', text, segmentKey: 'live', final: false }])));
    expect(new Set(answers.map(([s]) => s?.id)).size).toBe(1);
    expect(answers.map(([s]) => s?.revision).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const [stored] = await transcript(c, sessionId);
    const last = answers.find(([s]) => s?.revision === 8)?.[0];
    expect(stored).toMatchObject({ revision: 8, text: last?.text, sequence: 1 });
    expect((await events(tenant)).map((e) => e.type)).toEqual(['SEGMENT_ADDED', ...Array.from({ length: 7 }, () => 'SEGMENT_REVISED')]);
  });

  it('keeps keys per session: the same key in another session is another segment', async () => {
    const c = await client();
    const [a, b] = [await startSession(c), await startSession(c)];
    const [inA] = await appendOk(c, a, [{ speaker: 'ada', text: 'x', segmentKey: 'k', final: false }]);
    const [inB] = await appendOk(c, b, [{ speaker: 'ada', text: 'y', segmentKey: 'k', final: false }]);
    expect(inB?.id).not.toBe(inA?.id);
    expect(inB).toMatchObject({ sequence: 1, revision: 1 });
  });

  it('sends as many statements for a batch of 8 new and replacing segments as for one of 2', async () => {
    const measure = async (n: number): Promise<number> => {
      const c = await client();
      const sessionId = await startSession(c);
      const drafts = Array.from({ length: n / 2 }, (_, i) => ({ speaker: 'ada', text: 'draft', segmentKey: `k${i}`, final: false }));
      await appendOk(c, sessionId, drafts); // warm-up: connections and prepared plans
      let run = 0;
      return fewestStatements(async () => {
        run += 1;
        const replacing = drafts.map((d) => ({ ...d, text: `draft ${run}` }));
        const added = Array.from({ length: n / 2 }, (_, i) => ({ speaker: 'bob', text: `new ${run}.${i}`, segmentKey: `n${run}.${i}` }));
        const written = await appendOk(c, sessionId, [...replacing, ...added]);
        expect(written.map((s) => s.revision)).toEqual([...drafts.map(() => run + 1), ...added.map(() => 1)]);
      });
    };
    const forTwo = await measure(2);
    expect(forTwo).toBeGreaterThan(0);
    expect(await measure(8)).toBe(forTwo);
  });

  it.each([
    [
      'a key repeated in one call',
      [
        { speaker: 'a', text: 'x', segmentKey: 'k' },
        { speaker: 'a', text: 'y', segmentKey: 'k' },
      ],
      'segments[1].segmentKey',
    ],
    ['an empty key', [{ speaker: 'a', text: 'x', segmentKey: '' }], 'segments[0].segmentKey'],
    ['a key over 200 characters', [{ speaker: 'a', text: 'x', segmentKey: 'k'.repeat(201) }], 'segments[0].segmentKey'],
    ['a confidence over 1', [{ speaker: 'a', text: 'x', confidence: 1.5 }], 'segments[0].confidence'],
    ['a negative confidence', [{ speaker: 'a', text: 'x', confidence: -0.01 }], 'segments[0].confidence'],
    ['a draft without a key', [{ speaker: 'a', text: 'x', final: false }], 'segments[0].final'],
  ])('refuses %s with BAD_USER_INPUT and appends nothing', async (_case, segments, field) => {
    const tenant = newTenant();
    const c = await client(tenant);
    const sessionId = await startSession(c);
    const { errors } = await append(c, sessionId, segments);
    expect(codeOf(errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(errors)).toBe(field);
    expect(await countTenantRows(graph, 'session.transcript_segments', tenant)).toBe(0);
  });
});

describe('searchTranscripts', () => {
  /** A hand-built transcript: "budget" occurs once, twice, and next to "review" in different segments. */
  async function budgetMeeting(c: GraphClient): Promise<{ sessionId: string; ids: Record<string, string> }> {
    const sessionId = await startSession(c);
    const rows = await appendOk(c, sessionId, [
      { speaker: 'ada', text: 'Welcome everyone to the weekly sync.', startMs: 0, endMs: 2000 },
      { speaker: 'bob', text: 'The budget was discussed last week.', startMs: 2000, endMs: 5000 },
      { speaker: 'ada', text: 'Budget review first: the budget review is overdue.', startMs: 5000, endMs: 9000 },
      { speaker: 'bob', text: 'We should review the hiring plan, and then maybe the budget.', startMs: 9000, endMs: 14000 },
      { speaker: 'ada', text: 'budget dra', segmentKey: 'draft', final: false, startMs: 14000 },
    ]);
    const [welcome, once, closeTwice, far, draft] = rows.map((r) => r.id);
    return { sessionId, ids: { welcome: welcome ?? '', once: once ?? '', closeTwice: closeTwice ?? '', far: far ?? '', draft: draft ?? '' } };
  }

  it('ranks more and closer matches first, marks them, and gives each hit its time', async () => {
    const c = await client();
    const { sessionId, ids } = await budgetMeeting(c);
    const hits = await searchOk(c, { query: 'budget review', sessionId });
    expect(hits.map((h) => h.segment.id)).toEqual([ids['closeTwice'], ids['far']]);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Infinity);
    expect(hits[0]).toMatchObject({
      highlight: '«Budget» «review» first: the «budget» «review» is overdue.',
      segment: { sessionId, final: true, startMs: 5000, endMs: 9000 },
    });
    expect(hits[1]?.highlight).toContain('«review»');
    expect(hits[1]?.highlight).toContain('«budget»');

    const single = await searchOk(c, { query: 'budget', sessionId });
    expect(single.map((h) => h.segment.id)).toEqual([ids['closeTwice'], ids['far'], ids['once']]);
  });

  it('supports phrases, or and exclusions, and finds drafts only with includeDrafts', async () => {
    const c = await client();
    const { sessionId, ids } = await budgetMeeting(c);
    const idsOf = async (query: string, includeDrafts?: boolean) =>
      (await searchOk(c, { query, sessionId, ...(includeDrafts === undefined ? {} : { includeDrafts }) })).map((h) => h.segment.id).sort();
    expect(await idsOf('"budget review"')).toEqual([ids['closeTwice']]);
    expect(await idsOf('welcome or hiring')).toEqual([ids['welcome'], ids['far']].sort());
    expect(await idsOf('budget -review')).toEqual([ids['once']]);
    expect(await idsOf('dra')).toEqual([]);
    expect(await idsOf('dra', true)).toEqual([ids['draft']]);
    expect(await idsOf('!!!')).toEqual([]);
  });

  it('searches one session or all the tenant sessions, and never another tenant', async () => {
    const c = await client();
    const first = await budgetMeeting(c);
    const second = await budgetMeeting(c);
    const across = await searchOk(c, { query: 'overdue' });
    expect(across.map((h) => h.segment.id)).toEqual([second.ids['closeTwice'], first.ids['closeTwice']]);
    expect((await searchOk(c, { query: 'overdue', sessionId: first.sessionId })).map((h) => h.segment.id)).toEqual([first.ids['closeTwice']]);
    expect(await searchOk(c, { query: 'overdue', first: 1 })).toHaveLength(1);

    const other = await client();
    expect(await searchOk(other, { query: 'overdue' })).toEqual([]);
    expect(codeOf((await search(other, { query: 'overdue', sessionId: first.sessionId })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await search(c, { query: 'overdue', sessionId: UNKNOWN_ID })).errors)).toBe('NOT_FOUND');
    expect(codeOf((await search(c, { query: 'overdue', sessionId: 'nope' })).errors)).toBe('NOT_FOUND');
  });

  it.each([
    ['an empty query', { query: '' }, 'query'],
    ['a query over 500 characters', { query: 'x'.repeat(501) }, 'query'],
    ['first 0', { query: 'x', first: 0 }, 'first'],
    ['first 101', { query: 'x', first: 101 }, 'first'],
  ])('refuses %s with BAD_USER_INPUT', async (_case, variables, field) => {
    const { errors } = await search(await client(), variables);
    expect(codeOf(errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(errors)).toBe(field);
  });

  it('needs sessions:read', async () => {
    const { errors } = await search(await client(newTenant(), ['sessions:write']), { query: 'x' });
    expect(codeOf(errors)).toBe('FORBIDDEN');
  });
});
