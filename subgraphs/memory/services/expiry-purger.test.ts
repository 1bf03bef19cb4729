import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExpiryPurger, PURGE_INTERVAL_MS } from './expiry-purger.ts';

describe('ExpiryPurger', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('purges once per interval after start and stops after close', async () => {
    const purge = vi.fn(async () => 0);
    const purger = new ExpiryPurger({ purge });
    purger.start();
    expect(purge).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    expect(purge).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    expect(purge).toHaveBeenCalledTimes(2);
    await purger.close();
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS * 3);
    expect(purge).toHaveBeenCalledTimes(2);
  });

  it('skips a tick while the previous round is still running', async () => {
    let release: () => void = () => undefined;
    const purge = vi.fn(() => new Promise<number>((resolve) => (release = () => resolve(1))));
    const purger = new ExpiryPurger({ purge, intervalMs: 10 });
    purger.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(purge).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(10);
    expect(purge).toHaveBeenCalledTimes(2);
    release();
    await purger.close();
  });

  it('keeps running after a failed round', async () => {
    const purge = vi.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValue(0);
    const purger = new ExpiryPurger({ purge, intervalMs: 10 });
    purger.start();
    await vi.advanceTimersByTimeAsync(20);
    expect(purge).toHaveBeenCalledTimes(2);
    await purger.close();
  });

  it('close waits for the running round and is idempotent', async () => {
    let finished = false;
    const purger = new ExpiryPurger({
      purge: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        finished = true;
        return 0;
      },
    });
    const round = purger.runOnce();
    const closing = purger.close();
    await vi.advanceTimersByTimeAsync(5);
    await Promise.all([round, closing, purger.close()]);
    expect(finished).toBe(true);
    purger.start();
    await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    expect(finished).toBe(true);
  });
});
