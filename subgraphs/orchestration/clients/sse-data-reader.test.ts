import { describe, expect, it } from 'vitest';
import { readSseData, SseEventTooLargeError } from './sse-data-reader.ts';

async function* bytesOf(...pieces: string[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield new TextEncoder().encode(piece);
}

async function dataOf(...pieces: string[]): Promise<string[]> {
  const events: string[] = [];
  for await (const data of readSseData(bytesOf(...pieces))) events.push(data);
  return events;
}

describe('readSseData', () => {
  it('yields the data of each event, whatever the line ends and however the bytes are split', async () => {
    const stream = 'data: one\n\ndata: two\r\n\r\ndata: three\r\rdata:four\n\n';
    expect(await dataOf(stream)).toEqual(['one', 'two', 'three', 'four']);
    // Byte by byte, so CR and LF of one line end arrive in different chunks.
    expect(await dataOf(...stream.split(''))).toEqual(['one', 'two', 'three', 'four']);
  });

  it('joins multi-line data, skips comments, other fields and events without data, and drops an unterminated event', async () => {
    expect(await dataOf(': keep-alive\n\nevent: x\nid: 1\n\ndata: a\ndata: b\nretry: 5\n\ndata\n\ndata: cut')).toEqual(['a\nb', '']);
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: héllo 😀\n\n');
    async function* split(): AsyncGenerator<Uint8Array> {
      for (const b of bytes) yield Uint8Array.of(b);
    }
    const events: string[] = [];
    for await (const data of readSseData(split())) events.push(data);
    expect(events).toEqual(['héllo 😀']);
  });

  it('refuses an event past its limit, and a line that never ends', async () => {
    const read = async (...pieces: string[]): Promise<unknown> => {
      try {
        for await (const _ of readSseData(bytesOf(...pieces), 10));
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(await read('data: 0123456789abc\n\n')).toBeInstanceOf(SseEventTooLargeError);
    expect(await read('data: 01234\ndata: 56789\n\n')).toBeInstanceOf(SseEventTooLargeError);
    expect(await read('data: 0123456789abcdef')).toBeInstanceOf(SseEventTooLargeError);
    expect(await read('data: 0123\n\n')).toBeUndefined();
  });
});
