import { OrchestraError, PayloadTooLargeError, BadUserInputError, type ErrorCode } from '../../../platform/errors.ts';
import { openAiParamOf } from './openai-wire.ts';

/**
 * Errors of the OpenAI-compatible API in OpenAI's error shape, `{ "error": { "message", "type", "param", "code" } }`
 * (https://platform.openai.com/docs/guides/error-codes), from Orchestra's error registry (platform/errors.ts):
 *
 * | Orchestra code            | HTTP | `type`                  | `code`                     | notes                                  |
 * |---------------------------|------|-------------------------|----------------------------|----------------------------------------|
 * | `BAD_USER_INPUT`          | 400  | `invalid_request_error` | null                       | `param`: the OpenAI parameter          |
 * | `BAD_REQUEST`             | 400  | `invalid_request_error` | null                       | the provider refused the request       |
 * | `CONTEXT_LENGTH_EXCEEDED` | 400  | `invalid_request_error` | `context_length_exceeded`  | `param`: `messages`                    |
 * | `CONTENT_FILTERED`        | 400  | `invalid_request_error` | `content_filter`           |                                        |
 * | `UNAUTHENTICATED`         | 401  | `invalid_request_error` | `invalid_api_key`          |                                        |
 * | `FORBIDDEN`               | 403  | `invalid_request_error` | `insufficient_permissions` | missing scope                          |
 * | `EGRESS_DENIED`           | 403  | `invalid_request_error` | `egress_denied`            | a configuration fault: not retryable   |
 * | `NOT_FOUND`               | 404  | `invalid_request_error` | `not_found`                |                                        |
 * | `CONFLICT`                | 409  | `invalid_request_error` | `conflict`                 |                                        |
 * | `PAYLOAD_TOO_LARGE`       | 413  | `invalid_request_error` | `request_too_large`        |                                        |
 * | `RATE_LIMITED`            | 429  | `requests` / `tokens`   | `rate_limit_exceeded`      | `Retry-After` (seconds) when known     |
 * | `BUDGET_EXCEEDED`         | 429  | `insufficient_quota`    | `insufficient_quota`       | `x-should-retry: false`, as OpenAI     |
 * | `PROVIDER_AUTH_FAILED`    | 502  | `server_error`          | `provider_auth_failed`     |                                        |
 * | `PROVIDER_UNAVAILABLE`    | 502  | `server_error`          | `provider_unavailable`     |                                        |
 * | `UPSTREAM_FAILED`         | 502  | `server_error`          | `upstream_failed`          |                                        |
 * | `TIMEOUT`                 | 504  | `server_error`          | `timeout`                  |                                        |
 * | `SLOW_CONSUMER`           | 503  | `server_error`          | `slow_consumer`            | subscriptions only; never on `/v1`     |
 * | anything else             | 500  | `server_error`          | null                       | generic message; the cause is logged   |
 *
 * An Orchestra error also carries `orchestra: { code, ...details }` (its client-safe details, e.g. `attempts`), which
 * OpenAI clients ignore. The gateway answers its own few errors (401, 404, 413, 502) in the same shape.
 */

/** OpenAI's error object. */
export interface OpenAiErrorObject {
  readonly message: string;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  /** Orchestra's code and details; absent on internal errors. */
  readonly orchestra?: Readonly<Record<string, unknown>>;
}

/** An error answer: status, body and extra headers (`retry-after`, `x-should-retry`). */
export interface OpenAiErrorResponse {
  readonly status: number;
  readonly body: { readonly error: OpenAiErrorObject };
  readonly headers: Readonly<Record<string, string>>;
}

/** HTTP status, `type` and `code` per Orchestra code (the table above). */
const OPENAI_ERRORS = {
  BAD_USER_INPUT: { status: 400, type: 'invalid_request_error', code: null },
  BAD_REQUEST: { status: 400, type: 'invalid_request_error', code: null },
  CONTEXT_LENGTH_EXCEEDED: { status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' },
  CONTENT_FILTERED: { status: 400, type: 'invalid_request_error', code: 'content_filter' },
  UNAUTHENTICATED: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
  FORBIDDEN: { status: 403, type: 'invalid_request_error', code: 'insufficient_permissions' },
  EGRESS_DENIED: { status: 403, type: 'invalid_request_error', code: 'egress_denied' },
  NOT_FOUND: { status: 404, type: 'invalid_request_error', code: 'not_found' },
  CONFLICT: { status: 409, type: 'invalid_request_error', code: 'conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, type: 'invalid_request_error', code: 'request_too_large' },
  RATE_LIMITED: { status: 429, type: 'requests', code: 'rate_limit_exceeded' },
  BUDGET_EXCEEDED: { status: 429, type: 'insufficient_quota', code: 'insufficient_quota' },
  PROVIDER_AUTH_FAILED: { status: 502, type: 'server_error', code: 'provider_auth_failed' },
  PROVIDER_UNAVAILABLE: { status: 502, type: 'server_error', code: 'provider_unavailable' },
  UPSTREAM_FAILED: { status: 502, type: 'server_error', code: 'upstream_failed' },
  TIMEOUT: { status: 504, type: 'server_error', code: 'timeout' },
  SLOW_CONSUMER: { status: 503, type: 'server_error', code: 'slow_consumer' },
  CSRF_REFUSED: { status: 400, type: 'invalid_request_error', code: 'csrf_refused' },
  SUBSCRIPTION_TRANSPORT_REQUIRED: { status: 400, type: 'invalid_request_error', code: 'subscription_transport_required' },
  COST_ESTIMATED_TOO_EXPENSIVE: { status: 400, type: 'invalid_request_error', code: 'cost_estimated_too_expensive' },
  // GraphQL-only codes (gateway/trusted-documents.ts); never raised on /v1, listed for completeness.
  PERSISTED_QUERY_NOT_FOUND: { status: 400, type: 'invalid_request_error', code: 'persisted_query_not_found' },
  PERSISTED_QUERY_HASH_MISMATCH: { status: 400, type: 'invalid_request_error', code: 'persisted_query_hash_mismatch' },
  TRUSTED_DOCUMENT_NOT_FOUND: { status: 400, type: 'invalid_request_error', code: 'trusted_document_not_found' },
  TRUSTED_DOCUMENT_REQUIRED: { status: 403, type: 'invalid_request_error', code: 'trusted_document_required' },
  // GraphQL-only codes (gateway/operation-limits.ts, batch-requests.ts); never raised on /v1, listed for completeness.
  MAX_DEPTH_LIMIT: { status: 400, type: 'invalid_request_error', code: 'max_depth_limit' },
  MAX_ALIASES_LIMIT: { status: 400, type: 'invalid_request_error', code: 'max_aliases_limit' },
  MAX_ROOT_FIELDS_LIMIT: { status: 400, type: 'invalid_request_error', code: 'max_root_fields_limit' },
  MAX_DIRECTIVES_LIMIT: { status: 400, type: 'invalid_request_error', code: 'max_directives_limit' },
  MAX_TOKENS_LIMIT: { status: 400, type: 'invalid_request_error', code: 'max_tokens_limit' },
  INTROSPECTION_DISABLED: { status: 400, type: 'invalid_request_error', code: 'introspection_disabled' },
  BATCHING_NOT_ENABLED: { status: 400, type: 'invalid_request_error', code: 'batching_not_enabled' },
  BATCH_LIMIT_EXCEEDED: { status: 400, type: 'invalid_request_error', code: 'batch_limit_exceeded' },
  INTERNAL_SERVER_ERROR: { status: 500, type: 'server_error', code: null },
} as const satisfies Record<ErrorCode, { status: number; type: string; code: string | null }>;

/**
 * Maps any thrown value to an OpenAI error answer (the table above). Orchestra errors keep their message (a
 * `validateChatCompletion` field such as `input.maxTokens` is renamed to its OpenAI parameter, `max_tokens`); body
 * parser errors become 413 or 400; anything else is a 500 with a generic message, never a stack, SQL or secret.
 * @returns the answer, and whether the error was unexpected (the caller logs those).
 */
export function toOpenAiError(thrown: unknown): OpenAiErrorResponse & { readonly unexpected: boolean } {
  const error = asOrchestraError(thrown);
  if (!error) {
    const { status, type, code } = OPENAI_ERRORS.INTERNAL_SERVER_ERROR;
    return { status, body: { error: { message: 'Internal server error', type, param: null, code } }, headers: {}, unexpected: true };
  }
  const mapped = OPENAI_ERRORS[error.code];
  const field = typeof error.details['field'] === 'string' ? error.details['field'] : undefined;
  const param = field !== undefined ? openAiParamOf(field) : error.code === 'CONTEXT_LENGTH_EXCEEDED' ? 'messages' : null;
  const message = field !== undefined && param !== null ? error.message.replace(`"${field}"`, `'${param}'`) : error.message;
  const type = error.code === 'RATE_LIMITED' && error.details['limit'] === 'tokens' ? 'tokens' : mapped.type;
  const headers: Record<string, string> = {};
  const retryAfterSeconds = error.details['retryAfterSeconds'];
  if (error.code === 'RATE_LIMITED' && typeof retryAfterSeconds === 'number') headers['retry-after'] = String(retryAfterSeconds);
  if (error.code === 'BUDGET_EXCEEDED') headers['x-should-retry'] = 'false';
  return {
    status: mapped.status,
    body: { error: { message, type, param, code: mapped.code, orchestra: { ...error.details, code: error.code } } },
    headers,
    unexpected: false,
  };
}

/** Orchestra errors, and body-parser's own (`entity.too.large`, `entity.parse.failed`) as Orchestra errors. */
function asOrchestraError(error: unknown): OrchestraError | undefined {
  if (error instanceof OrchestraError) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    const limit = (error as { limit?: number }).limit;
    return new PayloadTooLargeError(`Request body exceeds ${limit ?? 'the limit of'} bytes`, { limitBytes: limit });
  }
  if (type === 'entity.parse.failed') return new BadUserInputError('We could not parse the JSON body of your request', { field: 'body' });
  return undefined;
}
