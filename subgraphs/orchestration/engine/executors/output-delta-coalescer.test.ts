import { describe, expect, it } from 'vitest';
import { outputDeltaOf } from './output-delta.ts';
import { OUTPUT_DELTA_INTERVAL_MS, OutputDeltaCoalescer, type CoalescerClock } from './output-delta-coalescer.ts';

/** A clock whose time moves only by {@link ManualClock.advance}, firing the timers that fall due. */
class ManualClock implements CoalescerClock {
  private time = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + delayMs, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.size;
  }
  /** Moves time on by `ms`, firing each due timer at its time, then lets settled publications schedule on. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await flushMicrotasks();
    }
    this.time = end;
    await flushMicrotasks();
  }
}

const flushMicrotasks = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A coalescer on a manual clock, recording each publication with its time. */
function coalescerWith(publish?: (content: string) => Promise<void>): {
  clock: ManualClock;
  coalescer: OutputDeltaCoalescer;
  published: { at: number; content: string; sequence: number }[];
} {
  const clock = new ManualClock();
  const published: { at: number; content: string; sequence: number }[] = [];
  const coalescer = new OutputDeltaCoalescer({
    clock,
    publish: async (content, sequence) => {
      published.push({ at: clock.now(), content, sequence });
      await publish?.(content);
    },
  });
  return { clock, coalescer, published };
}

describe('OutputDeltaCoalescer', () => {
  it('publishes the first update at once, then at most one per interval, each the latest answer (trailing edge)', async () => {
    const { clock, coalescer, published } = coalescerWith();
    coalescer.update('a');
    await flushMicrotasks();
    expect(published).toEqual([{ at: 0, content: 'a', sequence: 1 }]);

    for (const [t, answer] of [
      [10, 'ab'],
      [40, 'abc'],
      [90, 'abcd'],
    ] as const) {
      await clock.advance(t - clock.now());
      coalescer.update(answer);
    }
    expect(published).toHaveLength(1);
    await clock.advance(OUTPUT_DELTA_INTERVAL_MS - clock.now());
    expect(published).toEqual([
      { at: 0, content: 'a', sequence: 1 },
      { at: 100, content: 'abcd', sequence: 2 },
    ]);

    // A quiet spell longer than the interval: the next update goes out at once again.
    await clock.advance(500);
    coalescer.update('abcde');
    await flushMicrotasks();
    expect(published.at(-1)).toEqual({ at: 600, content: 'abcde', sequence: 3 });
    await coalescer.close();
  });

  it('never publishes twice within one interval, whatever the update rate', async () => {
    const { clock, coalescer, published } = coalescerWith();
    let answer = '';
    for (let t = 0; t < 1_000; t += 7) {
      await clock.advance(t - clock.now());
      answer += 'x';
      coalescer.update(answer);
    }
    await clock.advance(OUTPUT_DELTA_INTERVAL_MS);
    const times = published.map((p) => p.at);
    times.slice(1).forEach((at, i) => expect(at - (times[i] as number)).toBeGreaterThanOrEqual(OUTPUT_DELTA_INTERVAL_MS));
    expect(published.at(-1)?.content).toBe(answer);
    expect(published.map((p) => p.sequence)).toEqual(published.map((_, i) => i + 1));
    // Each publication is a prefix of the next one: the answer only grows.
    published.slice(1).forEach((p, i) => expect(p.content.startsWith(published[i]?.content ?? '')).toBe(true));
    await coalescer.close();
  });

  it('does not start a publication while one is in flight, and publishes the latest answer once it settles', async () => {
    const releases: (() => void)[] = [];
    const { clock, coalescer, published } = coalescerWith(() => new Promise<void>((resolve) => releases.push(resolve)));
    coalescer.update('a');
    await clock.advance(250);
    coalescer.update('ab');
    coalescer.update('abc');
    await clock.advance(250);
    expect(published.map((p) => p.content)).toEqual(['a']);
    releases.shift()?.();
    await flushMicrotasks();
    expect(published.map((p) => p.content)).toEqual(['a', 'abc']);
    releases.shift()?.();
    await coalescer.close();
  });

  it('drops what is pending on close, waits for the publication in flight, and ignores later updates', async () => {
    let release: (() => void) | undefined;
    const { clock, coalescer, published } = coalescerWith(() => new Promise<void>((resolve) => (release = resolve)));
    coalescer.update('a');
    coalescer.update('ab');
    let closed = false;
    const closing = coalescer.close().then(() => (closed = true));
    await flushMicrotasks();
    expect(closed).toBe(false);
    release?.();
    await closing;
    coalescer.update('abc');
    await clock.advance(1_000);
    expect(published.map((p) => p.content)).toEqual(['a']);
    expect(clock.pending).toBe(0);
    await coalescer.close();
  });

  it('keeps publishing after a failed publication, passing its error to onError', async () => {
    const clock = new ManualClock();
    const errors: unknown[] = [];
    const contents: string[] = [];
    const coalescer = new OutputDeltaCoalescer({
      clock,
      onError: (error) => errors.push(error),
      publish: async (content) => {
        contents.push(content);
        if (contents.length === 1) throw new Error('database down');
      },
    });
    coalescer.update('a');
    await clock.advance(10);
    coalescer.update('ab');
    await clock.advance(OUTPUT_DELTA_INTERVAL_MS);
    expect(contents).toEqual(['a', 'ab']);
    expect(errors).toEqual([new Error('database down')]);
    await coalescer.close();
  });
});

describe('outputDeltaOf', () => {
  it('carries the whole answer up to the limit, then its tail with the offset where it starts', () => {
    expect(outputDeltaOf('hello', 1, 8)).toEqual({ content: 'hello', offset: 0, length: 5, sequence: 1 });
    expect(outputDeltaOf('hello world', 2, 8)).toEqual({ content: 'lo world', offset: 3, length: 11, sequence: 2 });
  });

  it('never starts the tail inside a surrogate pair', () => {
    const answer = `ab😀cd`; // 😀 is two UTF-16 code units, at 2 and 3
    const delta = outputDeltaOf(answer, 1, 3);
    expect(delta).toEqual({ content: 'cd', offset: 4, length: 6, sequence: 1 });
  });
});
