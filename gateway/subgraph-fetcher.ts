import { STATUS_CODES } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request, type Dispatcher } from 'undici';

/** The fetch contract of Apollo's data sources (`@apollo/utils.fetcher`): a subset of the Fetch API. */
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** Options of {@link createSubgraphFetcher}. */
export interface SubgraphFetcherOptions {
  /** Longest time one fetch may take, answer body included, in ms. */
  readonly timeoutMs: number;
  /**
   * Connection pool the fetches go through.
   * @defaultValue a pool of its own (undici `Agent`: keep-alive connections per origin)
   */
  readonly dispatcher?: Dispatcher;
  /**
   * Whether identical concurrent query fetches share one HTTP request (see {@link createSubgraphFetcher}).
   * @defaultValue false
   */
  readonly deduplicate?: boolean;
  /** Called each time a fetch is answered by another one's request (for metrics). */
  readonly onShared?: () => void;
}

/** A fetch answer as read off the wire, before it is handed out as a {@link BufferedResponse}. */
interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * The start of the bodies of query fetches as Apollo's `RemoteGraphQLDataSource` writes them (`JSON.stringify` of
 * `{ query, variables, operationName }`, the query planner's operation text first): only these are deduplicated.
 * Any other body — a mutation, a subscription, an APQ hash without its query — always goes out on its own.
 */
const QUERY_BODY = /^\{"query":"(?:query\b|\{)/;

/**
 * The gateway's HTTP client for subgraph fetches (`RemoteGraphQLDataSource.fetcher`): undici's `request` — the
 * same HTTP/1.1 client as Node's global `fetch`, without its WHATWG streams, request clones and finalization
 * registry, which made fetch most of the gateway's allocations that outlive a minor GC (and so the major GCs behind
 * its latency spikes). The answer's body is read whole (subgraph answers are GraphQL JSON), then served as a
 * `FetcherResponse` (`@apollo/utils.fetcher`, the subset of the Fetch API that Apollo's data sources use). No
 * redirects are followed; a fetch that takes longer than `timeoutMs` fails with a `TimeoutError`.
 *
 * With `deduplicate`, a query fetch identical to one in flight — same URL, same `authorization` (the internal token
 * of one principal: principals never share) and same body — waits for that one's answer instead of sending its own;
 * each caller gets its own response over the same text, so each parses its own objects (the gateway merges into
 * them). A failure reaches every caller of the shared request. When any other fetch (a mutation) of this subgraph
 * ends, fetches in flight stop taking joiners, so a read sent after a write never gets an answer read before it.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): Fetcher {
  const dispatcher = options.dispatcher ?? new Agent();
  const inFlight = new Map<string, Promise<RawAnswer>>();
  const send = async (url: string, init: FetcherRequestInit): Promise<RawAnswer> => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException(`subgraph fetch timed out after ${options.timeoutMs} ms`, 'TimeoutError')), options.timeoutMs);
    try {
      const answer = await request(url, {
        method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: init.headers ?? {},
        body: init.body ?? null,
        dispatcher,
        signal: abort.signal,
      });
      const body = await answer.body.text();
      return { status: answer.statusCode, headers: toHeaders(answer.headers), body };
    } finally {
      clearTimeout(timer);
    }
  };
  return async (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> => {
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (!options.deduplicate || body === undefined || !QUERY_BODY.test(body)) {
      try {
        const raw = await send(url, init);
        return new BufferedResponse(url, raw.status, raw.headers, raw.body);
      } finally {
        // After a write, new queries do not join reads that started before it.
        inFlight.clear();
      }
    }
    const key = `${url}\u0000${headerOf(init.headers, 'authorization')}\u0000${body}`;
    let answer = inFlight.get(key);
    if (answer) options.onShared?.();
    else {
      const sent: Promise<RawAnswer> = send(url, init).finally(() => {
        if (inFlight.get(key) === sent) inFlight.delete(key);
      });
      answer = sent;
      inFlight.set(key, sent);
    }
    const raw = await answer;
    return new BufferedResponse(url, raw.status, new Headers(raw.headers), raw.body);
  };
}

/**
 * The value of header `name` (lower case) in a fetch's `init.headers` (a plain record in Apollo's fetcher contract,
 * names in any case), or '' when absent.
 */
function headerOf(headers: FetcherRequestInit['headers'], name: string): string {
  for (const [n, value] of Object.entries(headers ?? {})) if (n.toLowerCase() === name) return value;
  return '';
}

/** undici's answer headers (lower-case names; repeated ones as arrays) as Fetch `Headers`. */
function toHeaders(raw: Readonly<Record<string, string | string[] | undefined>>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

/** A fetch answer whose body has been read whole: its text can be read, as text or JSON, once (as with fetch). */
class BufferedResponse implements FetcherResponse {
  private used = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  get redirected(): boolean {
    return false;
  }

  async text(): Promise<string> {
    return this.consume();
  }

  /** @throws a `SyntaxError` when the body is not JSON. */
  async json(): Promise<unknown> {
    return JSON.parse(this.consume()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.consume());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    if (this.used) throw new TypeError('Response body is already used');
    return new BufferedResponse(this.url, this.status, new Headers(this.headers), this.body);
  }

  private consume(): string {
    if (this.used) throw new TypeError('Response body is already used');
    this.used = true;
    return this.body;
  }
}
