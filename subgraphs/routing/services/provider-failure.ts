import type { ModelCallErrorClass } from '../entities/model-call.ts';

/**
 * How the router classifies a failed provider call, from the answer alone (status, OpenAI error `code`/`type`,
 * `Retry-After`), as LiteLLM's router does (docs: "Retries, fallbacks and cooldowns"):
 *
 * | answer | class | retried | cools down |
 * |---|---|---|---|
 * | 429 | `RATE_LIMITED` (`Retry-After` honoured) | yes | yes |
 * | 400 with code `context_length_exceeded` / a "maximum context length" message | `CONTEXT_LENGTH_EXCEEDED` | no (context-window fallbacks) | no |
 * | 400 with `content_policy_violation` / `content_filter`, or finish reason `content_filter` | `CONTENT_FILTERED` | no (content-policy fallbacks) | no |
 * | 401, 403 | `PROVIDER_AUTH_FAILED` | no | yes |
 * | 408, 5xx, connection refused/reset/dropped, an interrupted stream | `PROVIDER_UNAVAILABLE` | yes | yes |
 * | our attempt timeout | `TIMEOUT` | yes | yes |
 * | other 4xx, 3xx (redirects are not followed) | `BAD_REQUEST` | no | no |
 * | refused by the egress policy | `EGRESS_DENIED` | no | no |
 */
export class ProviderFailure extends Error {
  override readonly name = 'ProviderFailure';
  constructor(
    readonly errorClass: ModelCallErrorClass,
    message: string,
    /** The provider's `Retry-After`, in ms, when it sent one. */
    readonly retryAfterMs?: number | undefined,
    /** The HTTP status, when there was an answer. */
    readonly status?: number | undefined,
  ) {
    super(message);
  }
}

/** Classes worth another attempt (on another deployment of the group when there is one). */
export const RETRYABLE_CLASSES: ReadonlySet<ModelCallErrorClass> = new Set(['RATE_LIMITED', 'PROVIDER_UNAVAILABLE', 'TIMEOUT']);

/** Classes that count towards a deployment's cooldown (its own fault, not the request's). */
export const COOLDOWN_CLASSES: ReadonlySet<ModelCallErrorClass> = new Set(['RATE_LIMITED', 'PROVIDER_UNAVAILABLE', 'TIMEOUT', 'PROVIDER_AUTH_FAILED']);

/** Longest provider message kept in a failure, in characters. */
const MAX_MESSAGE_LENGTH = 300;

interface OpenAiErrorBody {
  error?: { message?: unknown; code?: unknown; type?: unknown } | string;
}

/**
 * Classifies a non-2xx answer. `body` is the raw response text (an OpenAI error object when the provider speaks the
 * protocol); `retryAfter` the `Retry-After` header (seconds or an HTTP date, RFC 9110 §10.2.3).
 * Messages never carry what was sent (the key is in a header, never echoed here).
 */
export function classifyAnswer(status: number, body: string, retryAfter: string | undefined, nowMs = Date.now()): ProviderFailure {
  const { message, code } = parseError(body);
  const text = `provider answered HTTP ${status}${message ? `: ${message}` : ''}`;
  const lower = `${code} ${message}`.toLowerCase();
  if (status === 429) return new ProviderFailure('RATE_LIMITED', text, parseRetryAfterMs(retryAfter, nowMs), status);
  if (status === 401 || status === 403) return new ProviderFailure('PROVIDER_AUTH_FAILED', text, undefined, status);
  if (status === 408 || status >= 500) return new ProviderFailure('PROVIDER_UNAVAILABLE', text, parseRetryAfterMs(retryAfter, nowMs), status);
  if (lower.includes('context_length_exceeded') || lower.includes('maximum context length') || lower.includes('context window')) {
    return new ProviderFailure('CONTEXT_LENGTH_EXCEEDED', text, undefined, status);
  }
  if (lower.includes('content_policy') || lower.includes('content_filter') || lower.includes('content management policy')) {
    return new ProviderFailure('CONTENT_FILTERED', text, undefined, status);
  }
  return new ProviderFailure('BAD_REQUEST', text, undefined, status);
}

/** Parses `Retry-After` (delay-seconds or an HTTP-date) into ms from now; undefined when absent or unparseable. */
export function parseRetryAfterMs(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function parseError(body: string): { message: string; code: string } {
  try {
    const parsed = JSON.parse(body) as OpenAiErrorBody;
    const error = parsed.error;
    if (typeof error === 'string') return { message: truncate(error), code: '' };
    if (error && typeof error === 'object') {
      const code = [error.code, error.type].filter((v): v is string => typeof v === 'string').join(' ');
      return { message: truncate(typeof error.message === 'string' ? error.message : ''), code };
    }
  } catch {
    // not JSON: keep a short piece of the text
  }
  return { message: truncate(body.replace(/\s+/g, ' ').trim()), code: '' };
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}
