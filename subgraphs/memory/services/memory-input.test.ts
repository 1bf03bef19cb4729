import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../../platform/errors.ts';
import { parseMemoriesFirst, parseOperations, parseSearch, parseStoreInput } from './memory-input.ts';
import { MAX_BULK_OPERATIONS, MAX_CONTENT_CHARS, MAX_METADATA_BYTES, MAX_TTL_SECONDS } from './memory-limits.ts';

const valid = { namespace: 'notes', key: 'k', content: 'hello' };

function fieldOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).details['field'];
  }
  throw new Error('expected BadUserInputError');
}

describe('parseStoreInput', () => {
  it('resolves absent optional fields to null and lower-cases ids', () => {
    const id = 'A0000000-0000-4000-8000-00000000000B';
    expect(parseStoreInput({ ...valid, sessionId: id, source: { runId: id, stepId: 's1' } })).toEqual({
      ...valid,
      metadata: null,
      userId: null,
      sessionId: id.toLowerCase(),
      agentId: null,
      runId: null,
      tags: [],
      source: { segmentId: null, runId: id.toLowerCase(), stepId: 's1', modelCallId: null },
      ttlSeconds: null,
    });
  });

  it('keeps tags in order without duplicates, within their limits', () => {
    expect(parseStoreInput({ ...valid, tags: ['b', 'a', 'b'] }).tags).toEqual(['b', 'a']);
    expect(fieldOf(() => parseStoreInput({ ...valid, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }))).toBe('input.tags');
    expect(fieldOf(() => parseStoreInput({ ...valid, tags: ['ok', ''] }))).toBe('input.tags[1]');
    expect(fieldOf(() => parseStoreInput({ ...valid, tags: ['x'.repeat(101)] }))).toBe('input.tags[0]');
  });

  it('accepts content of exactly the limit and rejects one character more', () => {
    expect(parseStoreInput({ ...valid, content: 'x'.repeat(MAX_CONTENT_CHARS) }).content).toHaveLength(MAX_CONTENT_CHARS);
    expect(fieldOf(() => parseStoreInput({ ...valid, content: 'x'.repeat(MAX_CONTENT_CHARS + 1) }))).toBe('input.content');
  });

  it.each([
    [{ namespace: '' }, 'input.namespace'],
    [{ namespace: 'n'.repeat(201) }, 'input.namespace'],
    [{ key: '' }, 'input.key'],
    [{ key: 'k'.repeat(501) }, 'input.key'],
    [{ metadata: { blob: 'x'.repeat(MAX_METADATA_BYTES) } }, 'input.metadata'],
    [{ sessionId: 'not-a-uuid' }, 'input.sessionId'],
    [{ runId: 'not-a-uuid' }, 'input.runId'],
    [{ userId: '' }, 'input.userId'],
    [{ userId: 'u'.repeat(201) }, 'input.userId'],
    [{ userId: 'a\u0000b' }, 'input.userId'],
    [{ source: { segmentId: 'nope' } }, 'input.source.segmentId'],
    [{ source: { modelCallId: 'nope' } }, 'input.source.modelCallId'],
    [{ source: { stepId: '' } }, 'input.source.stepId'],
    [{ agentId: 'nope' }, 'input.agentId'],
    [{ ttlSeconds: 0 }, 'input.ttlSeconds'],
    [{ ttlSeconds: MAX_TTL_SECONDS + 1 }, 'input.ttlSeconds'],
  ])('rejects %j naming %s', (override, field) => {
    expect(fieldOf(() => parseStoreInput({ ...valid, ...override }))).toBe(field);
  });
});

describe('parseOperations', () => {
  const id = '00000000-0000-4000-8000-000000000001';

  it('maps stores and deletes in order', () => {
    expect(parseOperations([{ store: valid }, { deleteId: id }]).map((op) => op.kind)).toEqual(['store', 'delete']);
  });

  it('rejects an empty list and more than the limit', () => {
    expect(fieldOf(() => parseOperations([]))).toBe('operations');
    expect(fieldOf(() => parseOperations(Array.from({ length: MAX_BULK_OPERATIONS + 1 }, () => ({ deleteId: id }))))).toBe('operations');
  });

  it('names the operation that sets both or neither of store and deleteId', () => {
    expect(fieldOf(() => parseOperations([{ deleteId: id }, { store: valid, deleteId: id }]))).toBe('operations[1]');
    expect(fieldOf(() => parseOperations([{ store: null, deleteId: null }]))).toBe('operations[0]');
  });

  it('names the invalid field inside an operation', () => {
    expect(fieldOf(() => parseOperations([{ store: valid }, { store: { ...valid, key: '' } }]))).toBe('operations[1].store.key');
    expect(fieldOf(() => parseOperations([{ deleteId: 'x' }]))).toBe('operations[0].deleteId');
  });
});

describe('NUL characters', () => {
  it.each([
    [{ content: 'a\u0000b' }, 'input.content'],
    [{ key: 'k\u0000' }, 'input.key'],
    [{ metadata: { nested: ['ok', 'bad\u0000'] } }, 'input.metadata'],
    [{ metadata: { 'k\u0000': 1 } }, 'input.metadata'],
  ])('rejects %j naming %s', (override, field) => {
    expect(fieldOf(() => parseStoreInput({ ...valid, ...override }))).toBe(field);
  });

  it('accepts a backslash followed by u0000 as text', () => {
    expect(parseStoreInput({ ...valid, metadata: { text: '\\u0000' } }).metadata).toEqual({ text: '\\u0000' });
  });
});

describe('parseSearch and parseMemoriesFirst', () => {
  it('applies defaults and limits', () => {
    expect(parseSearch('fox', undefined)).toEqual({ query: 'fox', limit: 10 });
    expect(parseSearch('fox', 100).limit).toBe(100);
    expect(fieldOf(() => parseSearch('fox', 101))).toBe('limit');
    expect(fieldOf(() => parseSearch('', 1))).toBe('query');
    expect(fieldOf(() => parseSearch('q'.repeat(1_001), 1))).toBe('query');
    expect(parseMemoriesFirst(null)).toBe(50);
    expect(fieldOf(() => parseMemoriesFirst(201))).toBe('first');
  });
});
