import { request, type Dispatcher } from 'undici';
import { PayloadTooLargeError, UpstreamError } from '../errors.ts';
import type { EgressPolicy } from './egress-policy.ts';

/** The request of {@link egressFetch}. */
export interface EgressRequestInit {
  /** HTTP method. @defaultValue `GET` */
  readonly method?: Dispatcher.HttpMethod;
  /** Request headers (names in any case). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Request body, sent as it is; dropped when a redirect turns the request into a GET. */
  readonly body?: string;
  /** Aborts the request (and the redirects that follow it). */
  readonly signal?: AbortSignal;
}

/** Options of {@link egressFetch}. */
export interface EgressFetchOptions {
  /** Redirects followed at most; one more fails the request. 0 = none (model calls). */
  readonly maxRedirects: number;
  /** Largest response body read, in bytes. @defaultValue {@link DEFAULT_EGRESS_MAX_BODY_BYTES} */
  readonly maxBodyBytes?: number;
}

/** The final response of {@link egressFetch}. */
export interface EgressResponse {
  readonly status: number;
  /** Response headers, lower-case names; repeated headers joined with `, `. */
  readonly headers: Record<string, string>;
  /** The body, decoded as UTF-8. */
  readonly body: string;
  /** The URL that answered (the last hop of the redirects). */
  readonly url: URL;
}

/** Default of {@link EgressFetchOptions.maxBodyBytes}, in bytes (1 MiB). */
export const DEFAULT_EGRESS_MAX_BODY_BYTES = 1_048_576;

/** Redirect statuses (Fetch standard, "redirect status"). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers removed when a redirect turns the request into a GET without body (Fetch standard, "request-body-header name"). */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];
/** Headers removed when a redirect leaves the origin (credentials of the first origin). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * Sends a request to a tenant-chosen URL through the egress policy: every hop is checked with `policy.check` and
 * sent through `policy.dispatcher` (which connects only to the address it checked), and redirects are followed here,
 * after the Fetch standard's "HTTP-redirect fetch": at most `options.maxRedirects`; a 301/302 after a POST and a 303
 * after anything but GET/HEAD continue as a GET without body; `authorization`, `cookie` and `proxy-authorization`
 * are dropped when the redirect leaves the origin. A redirect status without a `Location` is returned as it is.
 * @throws {@link EgressDeniedError} when a hop's target is refused (nothing is sent to it).
 * @throws {@link UpstreamError} when a redirect would be the `maxRedirects + 1`-th, or its `Location` is not a URL.
 * @throws {@link PayloadTooLargeError} when the body is over `options.maxBodyBytes` (`details.limit`, in bytes).
 * @throws undici's errors for network failures, and its abort error when `init.signal` aborts.
 */
export async function egressFetch(policy: EgressPolicy, url: URL | string, init: EgressRequestInit, options: EgressFetchOptions): Promise<EgressResponse> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_EGRESS_MAX_BODY_BYTES;
  let current = new URL(url);
  let method: Dispatcher.HttpMethod = init.method ?? 'GET';
  let headers: Record<string, string> = { ...init.headers };
  let body = init.body;
  for (let redirects = 0; ; redirects++) {
    await policy.check(current);
    const response = await request(current, {
      dispatcher: policy.dispatcher,
      method,
      headers,
      maxRedirections: 0,
      ...(body !== undefined ? { body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const location = headerValue(response.headers['location']);
    if (!REDIRECT_STATUSES.has(response.statusCode) || location === undefined) {
      return { status: response.statusCode, headers: flattenHeaders(response.headers), body: await readText(response.body, maxBodyBytes), url: current };
    }
    await response.body.dump();
    if (redirects >= options.maxRedirects) {
      throw new UpstreamError(`${current.host} redirected more than ${options.maxRedirects} times`, {
        host: current.hostname,
        maxRedirects: options.maxRedirects,
      });
    }
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new UpstreamError(`${current.host} redirected to an invalid URL`, { host: current.hostname });
    }
    const status = response.statusCode;
    if (((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD')) {
      method = 'GET';
      body = undefined;
      headers = withoutHeaders(headers, BODY_HEADERS);
    }
    if (next.origin !== current.origin) headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
    current = next;
  }
}

/** Reads a body up to `maxBytes`, then stops reading and fails. */
async function readText(body: AsyncIterable<Buffer> & { destroy(): unknown }, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new PayloadTooLargeError(`response body is over ${maxBytes} bytes`, { limit: maxBytes });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function withoutHeaders(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}
