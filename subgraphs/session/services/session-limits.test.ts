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
    expect(ok).toEqual([{ speaker: 's', text: 't', language: null, startMs: 5, endMs: 5 }]);
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
});

describe('assertLanguage', () => {
  it.each(['en', 'pt-BR', 'zh-Hant-TW', 'es-419'])('accepts %s', (tag) => {
    expect(() => assertLanguage('language', tag)).not.toThrow();
  });
  it.each(['', 'e', 'en_US', 'en-', 'fr fr', `en-${'a'.repeat(40)}`])('refuses %j', (tag) => {
    expect(() => assertLanguage('language', tag)).toThrow(BadUserInputError);
  });
});
