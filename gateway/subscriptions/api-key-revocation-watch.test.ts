import { describe, expect, it } from 'vitest';
import { ApiKeyRevocationWatch } from './api-key-revocation-watch.ts';

describe('ApiKeyRevocationWatch', () => {
  it('ends the streams of the revoked key only, once each, and not those that stopped watching', () => {
    const watch = new ApiKeyRevocationWatch();
    const ended: string[] = [];
    watch.watch('k1', () => ended.push('a'));
    const stopB = watch.watch('k1', () => ended.push('b'));
    watch.watch('k2', () => ended.push('c'));
    stopB();
    stopB();
    watch.revoke('k1');
    watch.revoke('k1');
    expect(ended).toEqual(['a']);
  });

  it('ends at once a stream that starts watching a key already revoked (verification raced the revocation)', async () => {
    const watch = new ApiKeyRevocationWatch();
    watch.revoke('k1');
    const ended = new Promise<string>((resolve) => watch.watch('k1', () => resolve('ended')));
    expect(await ended).toBe('ended');
  });

  it('hands what a watcher throws to onWatcherError and still ends the others', () => {
    const errors: unknown[] = [];
    const watch = new ApiKeyRevocationWatch({ onWatcherError: (error) => errors.push(error) });
    let ended = false;
    watch.watch('k1', () => {
      throw new Error('socket gone');
    });
    watch.watch('k1', () => (ended = true));
    watch.revoke('k1');
    expect(ended).toBe(true);
    expect(errors).toEqual([new Error('socket gone')]);
  });
});
