/** One server-sent event: its `id` (if any), `event` name and `data` (parsed JSON, or null). */
export interface ServerSentEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: unknown;
}

/**
 * Opens a GraphQL over SSE stream in "distinct connections" mode (`POST` with `Accept: text/event-stream`; the operation by `query` or `documentId`) and reads
 * its events as they come (WHATWG HTML §9.2 parsing: `id`, `event`, `data` lines, blank line ends an event; comment
 * lines are ignored). Ends when the server ends the response or `signal` aborts it.
 */
export async function* readEventStream(
  url: string,
  body: { query?: string; documentId?: string; variables?: Record<string, unknown> },
  headers: Record<string, string>,
  signal?: AbortSignal,
): AsyncGenerator<ServerSentEvent> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  if (!response.ok || !response.body) throw new Error(`event stream refused: HTTP ${response.status} ${await response.text()}`);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let id: string | undefined;
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line === '' || line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') id = value;
          else if (field === 'event') event = value;
          else if (field === 'data') data.push(value);
        }
        if (data.length === 0 && id === undefined && event === 'message') continue;
        yield { id, event, data: data.length > 0 && data.join('\n') !== '' ? (JSON.parse(data.join('\n')) as unknown) : null };
      }
    }
  } catch (error) {
    if (!(signal?.aborted ?? false)) throw error;
  }
}
