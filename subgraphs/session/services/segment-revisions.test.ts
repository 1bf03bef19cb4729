import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../platform/errors.ts';
import type { TranscriptSegment } from '../entities/transcript-segment.ts';
import { planSegmentRevisions } from './segment-revisions.ts';
import { validateSegments } from './session-limits.ts';

const createdAt = new Date('2026-12-01T10:00:00Z');
const now = new Date('2026-12-01T10:05:00Z');
const target = { tenantId: 't', sessionId: 's', lastSequence: 4, now };

function stored(key: string, sequence: number, final: boolean, text: string): [string, TranscriptSegment] {
  const segment = {
    id: `id-${key}`,
    tenantId: 't',
    sessionId: 's',
    sequence,
    speaker: 'ada',
    text,
    language: null,
    startMs: null,
    endMs: null,
    segmentKey: key,
    final,
    confidence: null,
    revision: 2,
    createdAt,
    updatedAt: createdAt,
  };
  return [key, segment];
}
const storedSegments = new Map([stored('draft', 2, false, 'hello wor'), stored('final', 3, true, 'done')]);

describe('planSegmentRevisions', () => {
  it('numbers new segments on from the last sequence, replaces drafts in place and keeps exact repeats', () => {
    const plan = planSegmentRevisions(
      target,
      validateSegments([
        { speaker: 'bob', text: 'new' },
        { speaker: 'ada', text: 'hello world', segmentKey: 'draft' },
        { speaker: 'ada', text: 'done', segmentKey: 'final' },
        { speaker: 'bob', text: 'unknown key', segmentKey: 'other', final: false },
      ]),
      storedSegments,
    );
    expect(plan.map((p) => [p.kind, p.row.sequence, p.row.revision, p.row.final])).toEqual([
      ['insert', 5, 1, true],
      ['replace', 2, 3, true],
      ['unchanged', 3, 2, true],
      ['insert', 6, 1, false],
    ]);
    expect(plan[1]?.row).toMatchObject({ id: 'id-draft', text: 'hello world', createdAt, updatedAt: now });
    expect(plan[2]?.row).toBe(storedSegments.get('final'));
    expect(plan[0]?.row).toMatchObject({ createdAt: now, updatedAt: now, segmentKey: null });
  });

  it('keeps a draft repeated exactly as it is', () => {
    const [only] = planSegmentRevisions(target, validateSegments([{ speaker: 'ada', text: 'hello wor', segmentKey: 'draft', final: false }]), storedSegments);
    expect(only?.kind).toBe('unchanged');
  });

  it.each([
    ['another text', { text: 'done!' }],
    ['a draft flag', { final: false }],
    ['a confidence', { confidence: 0.5 }],
    ['times', { startMs: 0 }],
  ])('refuses %s for a final segment, naming the input', (_case, change) => {
    const segments = validateSegments([
      { speaker: 'bob', text: 'new' },
      { speaker: 'ada', text: 'done', segmentKey: 'final', ...change },
    ]);
    const attempt = () => planSegmentRevisions(target, segments, storedSegments);
    expect(attempt).toThrow(ConflictError);
    expect(attempt).toThrow(/segments\[1\]/);
  });
});
