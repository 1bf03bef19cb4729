import type { Response } from 'express';

/**
 * Calls `onEnd(body)` when `res` ends with one buffered body (Express's `res.send`/`res.json` end with the whole body
 * in one `res.end(chunk)`), just before it is sent — so `onEnd` may still set headers — and never for a response
 * written in parts (`res.write`: a stream, e.g. SSE or incremental delivery). The body is what was passed to `end`, as
 * bytes (a string in `end`'s encoding, default UTF-8).
 */
export function onBufferedResponse(res: Response, onEnd: (body: Buffer) => void): void {
  let streamed = false;
  const write = res.write.bind(res);
  res.write = ((...args: Parameters<Response['write']>) => {
    streamed = true;
    return write(...args);
  }) as Response['write'];
  const end = res.end.bind(res);
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (!streamed && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
      onEnd(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
    }
    return (end as (...a: unknown[]) => Response)(chunk, ...rest);
  }) as Response['end'];
}
