import { egressFetch, type EgressResponse } from '../../../../platform/egress/egress-fetch.ts';
import type { EgressPolicy } from '../../../../platform/egress/egress-policy.ts';
import { EgressDeniedError, PayloadTooLargeError } from '../../../../platform/errors.ts';
import type { HttpConfig } from '../../services/step-config-schemas.ts';
import { StepError } from '../step-error.ts';
import type { StepExecution, StepResult } from './step-execution.ts';

/** Largest response body an `http` step reads, in bytes. */
export const MAX_HTTP_RESPONSE_BYTES = 1_048_576;
/** Redirects an `http` step follows at most (each one checked by the egress policy); one more fails the step. */
export const MAX_HTTP_REDIRECTS = 5;

/** Output of an `http` step. */
export interface HttpStepOutput {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Parsed JSON when the response is JSON, else the text. */
  readonly body: unknown;
}

/**
 * `http`: sends `config.method` (default GET) to `config.url` with `config.headers`; a non-string `body` is sent as
 * JSON (with `content-type: application/json` unless given). The URL is the tenant's, so the request goes through the
 * egress policy (`platform/egress`), following at most {@link MAX_HTTP_REDIRECTS} redirects, each checked again.
 * The timeout is the engine's (step `timeoutMs`, else `config.worker.httpStepTimeoutMs`), through `execution.signal`.
 * @throws {@link StepError} `EGRESS_DENIED` when the policy refuses the URL or a redirect's (nothing is sent there),
 *   `HTTP_STATUS` for a non-2xx answer, `UPSTREAM` for network failures, too many redirects or an oversized body,
 *   `TIMEOUT`/`CANCELLED` on abort.
 */
export async function executeHttp(egress: EgressPolicy, execution: StepExecution<HttpConfig>): Promise<StepResult> {
  const { url, body } = execution.config;
  const method = execution.config.method ?? 'GET';
  const headers: Record<string, string> = { ...execution.config.headers };
  let payload: string | undefined;
  if (body !== undefined && body !== null && method !== 'GET' && method !== 'HEAD') {
    if (typeof body === 'string') payload = body;
    else {
      payload = JSON.stringify(body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
  }
  let response: EgressResponse;
  try {
    response = await egressFetch(
      egress,
      url,
      { method, headers, signal: execution.signal, ...(payload !== undefined ? { body: payload } : {}) },
      { maxRedirects: MAX_HTTP_REDIRECTS, maxBodyBytes: MAX_HTTP_RESPONSE_BYTES },
    );
  } catch (error) {
    if (error instanceof EgressDeniedError) throw new StepError('EGRESS_DENIED', error.message, { cause: error });
    if (error instanceof PayloadTooLargeError) throw new StepError('UPSTREAM', error.message, { cause: error });
    throw StepError.fromFetch(error, execution.signal, `${method} ${url}`);
  }
  if (response.status < 200 || response.status > 299) {
    throw new StepError('HTTP_STATUS', `${method} ${url} answered HTTP ${response.status}: ${response.body.slice(0, 200)}`);
  }
  const output: HttpStepOutput = {
    status: response.status,
    headers: response.headers,
    body: parseBody(response.body, response.headers['content-type'] ?? null),
  };
  return { output };
}

function parseBody(text: string, contentType: string | null): unknown {
  if (contentType && /[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
