import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../../platform/errors.ts';
import { rejectedField } from '../../../test/kit/rejected-field.ts';
import { MAX_SEGMENTS_PER_APPEND, assertLanguage, validateSegments, validateStartSession } from './session-limits.ts';

describe('validateStartSession', () => {
  it('returns participants with absent display names as null', () => {
    expect(validateStartSession({ participants: [{ id: 'a', role: 'USER' }] })).toEqual([{ id: 'a', role: 'USER', displayName: null, externalId: null }]);
  });
  it('accepts the limits exactly and refuses one more', () => {
    expect(rejectedField(() => validateStartSession({ title: 'x'.repeat(200) }))).toBeUndefined();
    expect(rejectedField(() => validateStartSession({ title: 'x'.repeat(201) }))).toBe('input.title');
    const participants = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, role: 'BOT' as const }));
    expect(rejectedField(() => validateStartSession({ participants: participants(50) }))).toBeUndefined();
    expect(rejectedField(() => validateStartSession({ participants: participants(51) }))).toBe('input.participants');
  });
});

describe('validateSegments', () => {
  it('accepts 1 to 500 segments and an end equal to the start', () => {
    const ok = validateSegments([{ speaker: 's', text: 't', startMs: 5, endMs: 5 }]);
    expect(ok).toEqual([{ speaker: 's', text: 't', language: null, startMs: 5, endMs: 5, segmentKey: null, final: true, confidence: null }]);
    const many = Array.from({ length: MAX_SEGMENTS_PER_APPEND }, () => ({ speaker: 's', text: 't' }));
    expect(validateSegments(many)).toHaveLength(500);
    expect(rejectedField(() => validateSegments([...many, { speaker: 's', text: 't' }]))).toBe('segments');
  });
  it('names the offending segment', () => {
    expect(
      rejectedField(() =>
        validateSegments([
          { speaker: 's', text: 't' },
          { speaker: 's', text: 't', startMs: 2, endMs: 1 },
        ]),
      ),
    ).toBe('segments[1].endMs');
    expect(rejectedField(() => validateSegments([{ speaker: 's', text: 't', startMs: 1.5 }]))).toBe('segments[0].startMs');
  });
  it('accepts keys of 1 to 200 characters and confidences from 0 to 1', () => {
    const ok = validateSegments([
      { speaker: 's', text: 't', segmentKey: 'k'.repeat(200), final: false, confidence: 0 },
      { speaker: 's', text: 't', segmentKey: 'k', confidence: 1 },
    ]);
    expect(ok.map((s) => [s.segmentKey?.length, s.final, s.confidence])).toEqual([
      [200, false, 0],
      [1, true, 1],
    ]);
    expect(rejectedField(() => validateSegments([{ speaker: 's', text: 't', segmentKey: '' }]))).toBe('segments[0].segmentKey');
    expect(rejectedField(() => validateSegments([{ speaker: 's', text: 't', segmentKey: 'k'.repeat(201) }]))).toBe('segments[0].segmentKey');
    expect(rejectedField(() => validateSegments([{ speaker: 's', text: 't', confidence: 1.01 }]))).toBe('segments[0].confidence');
    expect(rejectedField(() => validateSegments([{ speaker: 's', text: 't', confidence: -0.1 }]))).toBe('segments[0].confidence');
    expect(rejectedField(() => validateSegments([{ speaker: 's', text: 't', final: false }]))).toBe('segments[0].final');
  });
  it('refuses a key repeated within one call', () => {
    const repeated = [
      { speaker: 's', text: 'a', segmentKey: 'k' },
      { speaker: 's', text: 'b' },
      { speaker: 's', text: 'c', segmentKey: 'k' },
    ];
    expect(rejectedField(() => validateSegments(repeated))).toBe('segments[2].segmentKey');
  });
});

describe('assertLanguage', () => {
  it.each(['en', 'pt-BR', 'zh-Hant-TW', 'es-419'])('accepts %s', (tag) => {
    expect(() => assertLanguage('language', tag)).not.toThrow();
  });
  it.each(['', 'e', 'en_US', 'en-', 'fr fr', `en-${'a'.repeat(40)}`])('refuses %j', (tag) => {
    expect(() => assertLanguage('language', tag)).toThrow(BadUserInputError);
  });
});
