import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { encodeTextFrame } from './websocket-frame.ts';

/** `ws`' frame parser (exported by `ws` at runtime, absent from its type declarations): the part used here. */
interface FrameReceiver {
  on(event: 'message', listener: (data: Buffer, binary: boolean) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  write(chunk: Buffer): void;
  end(callback: () => void): void;
}
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean; maxPayload: number }) => FrameReceiver };

/** Decodes `frames` with `ws`' own client-side parser (which rejects masked or malformed server frames). */
function decode(frames: readonly Buffer[]): Promise<{ text: string; binary: boolean }[]> {
  return new Promise((resolve, reject) => {
    const messages: { text: string; binary: boolean }[] = [];
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on('message', (data, binary) => messages.push({ text: data.toString(), binary }));
    receiver.on('error', reject);
    for (const frame of frames) receiver.write(frame);
    receiver.end(() => resolve(messages));
  });
}

describe('encodeTextFrame', () => {
  it('frames each message whole, with the 7-, 16- and 64-bit lengths at their boundaries, as a final unmasked text frame', async () => {
    const lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000];
    const texts = lengths.map((n) => 'x'.repeat(n));
    // Each in three parts, as a subscriber's prefix, the shared result and the closing brace.
    const frames = texts.map((text) => {
      const bytes = Buffer.from(text);
      return encodeTextFrame([bytes.subarray(0, 1), bytes.subarray(1, -1), bytes.subarray(Math.max(1, bytes.length - 1))]);
    });
    expect(frames.map((frame, i) => frame.length - (lengths[i] ?? 0))).toEqual([2, 2, 2, 4, 4, 4, 10, 10]);
    expect(await decode(frames)).toEqual(texts.map((text) => ({ text, binary: false })));
  });

  it('carries multi-byte UTF-8 text intact, its length counted in bytes', async () => {
    const text = `{"payload":"${'Grüße, 世界 🎻 '.repeat(20)}"}`;
    const frame = encodeTextFrame([Buffer.from(text)]);
    expect(frame[0]).toBe(0x81);
    expect(frame[1]).toBe(126);
    expect(frame.readUInt16BE(2)).toBe(Buffer.byteLength(text));
    expect(await decode([frame])).toEqual([{ text, binary: false }]);
  });
});
