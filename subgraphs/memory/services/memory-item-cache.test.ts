import { describe, expect, it } from 'vitest';
import type { MemoryItem } from '../entities/memory-item.ts';
import { idCacheKey, nameCacheKey, reviveCachedItem } from './memory-item-cache.ts';

const item: MemoryItem = {
  id: '00000000-0000-4000-8000-000000000001',
  tenantId: 't1',
  namespace: 'n',
  key: 'k',
  content: 'c',
  metadata: { a: 1 },
  userId: 'user-1',
  sessionId: null,
  agentId: null,
  runId: null,
  tags: ['a', 'b'],
  sourceSegmentId: null,
  sourceRunId: null,
  sourceStepId: 'step',
  sourceModelCallId: null,
  embeddingStatus: 'NONE',
  version: 2,
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  updatedAt: new Date('2026-01-02T00:00:00.000Z'),
  expiresAt: new Date('2026-01-03T00:00:00.000Z'),
};

describe('reviveCachedItem', () => {
  it('turns the ISO strings of a JSON round trip back into Dates', () => {
    const fromRedis = JSON.parse(JSON.stringify(item)) as MemoryItem;
    expect(reviveCachedItem(fromRedis, Date.parse('2026-01-02T12:00:00Z'))).toEqual(item);
  });

  it('hides an item whose expiry passed after it was cached', () => {
    expect(reviveCachedItem(item, Date.parse('2026-01-03T00:00:00.000Z'))).toBeNull();
    expect(reviveCachedItem({ ...item, expiresAt: null }, Date.parse('2099-01-01T00:00:00Z'))).not.toBeNull();
  });
});

describe('cache keys', () => {
  it('carry the tenant and cannot be forged by separators inside a namespace or key', () => {
    expect(idCacheKey('t1', item.id)).not.toBe(idCacheKey('t2', item.id));
    expect(nameCacheKey('t', { namespace: 'a","b', key: 'c' })).not.toBe(nameCacheKey('t', { namespace: 'a', key: 'b","c' }));
  });
});
