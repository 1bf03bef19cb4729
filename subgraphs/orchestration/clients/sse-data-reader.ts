/**
 * Largest `data` of one server-sent event, in UTF-16 code units (4 Mi: a chunk of an answer that was not streamed
 * carries the whole answer in one delta, JSON-escaped).
 */
export const MAX_SSE_EVENT_CHARS = 4 * 1024 * 1024;

/** Thrown by {@link readSseData} when one event's data passes its limit. */
export class SseEventTooLargeError extends Error {
  override readonly name = 'SseEventTooLargeError';
  constructor(readonly maxChars: number) {
    super(`a server-sent event is larger than ${maxChars} characters`);
  }
}

/**
 * Reads a `text/event-stream` body and yields the `data` of each event, as the WHATWG HTML event-stream
 * interpretation defines it (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * lines end with CRLF, LF or CR; a blank line dispatches the event; `data:` lines (one optional space after the
 * colon removed) are joined with `\n`; comments (`:`…) and the other fields (`event`, `id`, `retry`) are ignored; an
 * event without data is not dispatched, nor is an unterminated last event.
 * @param body - the response body (e.g. `fetch`'s `response.body`), decoded as UTF-8.
 * @param maxEventChars - largest `data` of one event, and of one pending line, in UTF-16 code units.
 * @throws {@link SseEventTooLargeError} past `maxEventChars`; whatever reading `body` throws (an abort, a reset).
 */
export async function* readSseData(body: AsyncIterable<Uint8Array>, maxEventChars: number = MAX_SSE_EVENT_CHARS): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  let data: string[] = [];
  let dataChars = 0;
  /** Whether the previous chunk ended with CR (its LF, if any, starts the next chunk and ends no line). */
  let afterCr = false;
  for await (const bytes of body) {
    pending += decoder.decode(bytes, { stream: true });
    if (afterCr && pending.startsWith('\n')) pending = pending.slice(1);
    afterCr = false;
    let start = 0;
    for (let at = 0; at < pending.length; at++) {
      const char = pending.charCodeAt(at);
      if (char !== 0x0a && char !== 0x0d) continue;
      const line = pending.slice(start, at);
      if (char === 0x0d) {
        if (at + 1 === pending.length) afterCr = true;
        else if (pending.charCodeAt(at + 1) === 0x0a) at++;
      }
      start = at + 1;
      if (line === '') {
        if (data.length > 0) yield data.join('\n');
        data = [];
        dataChars = 0;
        continue;
      }
      const value = dataOf(line);
      if (value === undefined) continue;
      dataChars += value.length + 1;
      if (dataChars > maxEventChars) throw new SseEventTooLargeError(maxEventChars);
      data.push(value);
    }
    pending = pending.slice(start);
    if (pending.length > maxEventChars) throw new SseEventTooLargeError(maxEventChars);
  }
}

/** The value of a `data` line; undefined for any other line. */
function dataOf(line: string): string | undefined {
  if (line === 'data') return '';
  if (!line.startsWith('data:')) return undefined;
  return line.charCodeAt(5) === 0x20 ? line.slice(6) : line.slice(5);
}
