import type { HttpConfig } from '../../services/step-config-schemas.ts';
import { StepError } from '../step-error.ts';
import type { StepExecution, StepResult } from './step-execution.ts';

/** Largest response body an `http` step reads, in bytes. */
export const MAX_HTTP_RESPONSE_BYTES = 1_048_576;

/** Output of an `http` step. */
export interface HttpStepOutput {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Parsed JSON when the response is JSON, else the text. */
  readonly body: unknown;
}

/**
 * `http`: sends `config.method` (default GET) to `config.url` with `config.headers`; a non-string `body` is sent as
 * JSON (with `content-type: application/json` unless given). The timeout is the engine's (step `timeoutMs`, else
 * `config.worker.httpStepTimeoutMs`), through `execution.signal`.
 * @throws {@link StepError} `HTTP_STATUS` for a non-2xx answer, `UPSTREAM` for network failures or an oversized
 *   body, `TIMEOUT`/`CANCELLED` on abort.
 */
export async function executeHttp(execution: StepExecution<HttpConfig>): Promise<StepResult> {
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
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method, headers, signal: execution.signal, ...(payload !== undefined ? { body: payload } : {}) });
    text = await readBody(response);
  } catch (error) {
    if (error instanceof StepError) throw error;
    throw StepError.fromFetch(error, execution.signal, `${method} ${url}`);
  }
  if (response.status < 200 || response.status > 299) {
    throw new StepError('HTTP_STATUS', `${method} ${url} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  const output: HttpStepOutput = {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: parseBody(text, response.headers.get('content-type')),
  };
  return { output };
}

async function readBody(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_HTTP_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw new StepError('UPSTREAM', `response body is over ${MAX_HTTP_RESPONSE_BYTES} bytes`);
  }
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_HTTP_RESPONSE_BYTES) throw new StepError('UPSTREAM', `response body is over ${MAX_HTTP_RESPONSE_BYTES} bytes`);
  return new TextDecoder().decode(bytes);
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
