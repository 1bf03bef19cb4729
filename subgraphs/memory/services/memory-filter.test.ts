import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../../platform/errors.ts';
import {
  MAX_FILTER_CONDITIONS,
  MAX_FILTER_DEPTH,
  MAX_FILTER_LIST_VALUES,
  MAX_FILTER_VALUE_BYTES,
  MAX_METADATA_PATH_SEGMENTS,
  compileMemoryFilter,
  type MemoryFilterInput,
} from './memory-filter.ts';

const compile = (filter: MemoryFilterInput | null | undefined) => compileMemoryFilter(filter, { firstParameter: 2 });

function refusal(filter: unknown): { field: unknown; message: string } {
  try {
    compile(filter as MemoryFilterInput);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return { field: (error as BadUserInputError).details['field'], message: (error as Error).message };
  }
  throw new Error('expected BadUserInputError');
}

/** `{ not: { not: … } }` nested `levels` times around a namespace condition. */
function nested(levels: number): MemoryFilterInput {
  let filter: MemoryFilterInput = { namespace: 'n' };
  for (let i = 0; i < levels; i += 1) filter = { not: filter };
  return filter;
}

describe('compileMemoryFilter', () => {
  it('compiles no filter, null or an object of nulls to TRUE without parameters', () => {
    for (const filter of [undefined, null, {}, { namespace: null, tags: null }]) {
      expect(compile(filter)).toEqual({ sql: 'TRUE', parameters: [] });
    }
  });

  it('puts every value in a placeholder numbered from firstParameter, never in the SQL text', () => {
    const hostile = "x'); DROP TABLE memory.memory_items; --";
    const { sql, parameters } = compile({
      namespace: hostile,
      keyPrefix: hostile,
      userId: hostile,
      tags: { any: [hostile] },
      metadata: [{ path: [hostile], eq: hostile }],
    });
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain(hostile);
    expect(sql).toMatch(/\$2\b/);
    const placeholders = [...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    expect(Math.min(...placeholders)).toBe(2);
    expect(Math.max(...placeholders)).toBe(parameters.length + 1);
    expect(JSON.stringify(parameters)).toContain('DROP TABLE');
  });

  it('escapes LIKE wildcards of a key prefix, so "a_%" matches only keys starting with those three characters', () => {
    const { parameters } = compile({ keyPrefix: 'a_%\\' });
    expect(parameters).toContain('a\\_\\%\\\\%');
  });

  it('makes a scope id that is not a UUID match nothing instead of failing the cast', () => {
    const { sql, parameters } = compile({ agentId: 'not-a-uuid' });
    expect(sql).toBe('FALSE');
    expect(parameters).toEqual([]);
  });

  it('combines and, or and not with every part parenthesised', () => {
    const { sql } = compile({ or: [{ namespace: 'a' }, { and: [{ userId: 'u' }, { not: { namespace: 'b' } }] }] });
    expect(sql).toMatch(/^\(.*\bOR\b.*\)$/);
    expect(sql).toContain('NOT');
    expect(sql.split('(').length).toBe(sql.split(')').length);
  });

  it(`accepts ${MAX_FILTER_DEPTH} levels of nesting and refuses one more, naming the level`, () => {
    expect(() => compile(nested(MAX_FILTER_DEPTH))).not.toThrow();
    const { field } = refusal(nested(MAX_FILTER_DEPTH + 1));
    expect(field).toBe(`filter${'.not'.repeat(MAX_FILTER_DEPTH + 1)}`);
  });

  it(`accepts ${MAX_FILTER_CONDITIONS} conditions and refuses one more`, () => {
    const conditions = (n: number) => ({ or: Array.from({ length: n }, (_, i) => ({ namespace: `n${i}` })) });
    expect(() => compile(conditions(MAX_FILTER_CONDITIONS))).not.toThrow();
    expect(refusal(conditions(MAX_FILTER_CONDITIONS + 1)).message).toContain(String(MAX_FILTER_CONDITIONS));
  });

  it('refuses lists, values and paths over their limits, naming the part', () => {
    const many = Array.from({ length: MAX_FILTER_LIST_VALUES + 1 }, (_, i) => `t${i}`);
    expect(refusal({ tags: { any: many } }).field).toBe('filter.tags.any');
    expect(refusal({ metadata: [{ path: ['a'], in: many }] }).field).toBe('filter.metadata[0].in');
    expect(refusal({ metadata: [{ path: ['a'], eq: 'x'.repeat(MAX_FILTER_VALUE_BYTES + 1) }] }).field).toBe('filter.metadata[0].eq');
    const deepPath = Array.from({ length: MAX_METADATA_PATH_SEGMENTS + 1 }, (_, i) => `p${i}`);
    expect(refusal({ metadata: [{ path: deepPath, exists: true }] }).field).toBe('filter.metadata[0].path');
  });

  it('refuses a metadata condition without exactly one operator, and an ordering of a boolean', () => {
    expect(refusal({ metadata: [{ path: ['a'] }] }).field).toBe('filter.metadata[0]');
    expect(refusal({ metadata: [{ path: ['a'], eq: 1, gt: 0 }] }).field).toBe('filter.metadata[0]');
    expect(refusal({ and: [{ namespace: 'n' }, { metadata: [{ path: ['a'], gt: true }] }] }).field).toBe('filter.and[1].metadata[0].gt');
  });

  it('refuses unknown fields, empty lists and objects inside the filter, bad dates and inverted ranges', () => {
    expect(refusal({ namspace: 'typo' }).field).toBe('filter.namspace');
    expect(refusal({ and: [] }).field).toBe('filter.and');
    expect(refusal({ or: [{}] }).field).toBe('filter.or[0]');
    expect(refusal({ createdAt: { from: 'yesterday' } }).field).toBe('filter.createdAt.from');
    expect(refusal({ updatedAt: { from: '2025-02-01', to: '2025-01-01' } }).field).toBe('filter.updatedAt');
    expect(refusal({ namespace: 'a\u0000b' }).field).toBe('filter.namespace');
  });

  it('refuses an alias that is not a plain identifier as a programming error, not user input', () => {
    expect(() => compileMemoryFilter({ namespace: 'n' }, { firstParameter: 1, alias: 'm; --' })).toThrow(/alias/);
    expect(() => compileMemoryFilter({ namespace: 'n' }, { firstParameter: 1, alias: 'm; --' })).not.toThrow(BadUserInputError);
  });
});
