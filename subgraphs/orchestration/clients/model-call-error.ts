import { StepError, type StepErrorCode } from '../engine/step-error.ts';

/**
 * Step error codes of the routing service's error codes. The model-call classes keep their names (RATE_LIMITED and
 * PROVIDER_UNAVAILABLE are retried by a step's policy, the others are final: see `ALWAYS_FINAL_ERROR_CODES`); a
 * request the service refused as invalid (no such model, no model fits the constraints, too large) is the step's
 * config at fault, INVALID_CONFIG; the rest are failures of the call, UPSTREAM.
 */
const STEP_CODE_OF_ORCHESTRA_CODE: Readonly<Record<string, StepErrorCode>> = {
  BAD_USER_INPUT: 'INVALID_CONFIG',
  NOT_FOUND: 'INVALID_CONFIG',
  PAYLOAD_TOO_LARGE: 'INVALID_CONFIG',
  BAD_REQUEST: 'BAD_REQUEST',
  RATE_LIMITED: 'RATE_LIMITED',
  BUDGET_EXCEEDED: 'BUDGET_EXCEEDED',
  CONTEXT_LENGTH_EXCEEDED: 'CONTEXT_LENGTH_EXCEEDED',
  CONTENT_FILTERED: 'CONTENT_FILTERED',
  PROVIDER_AUTH_FAILED: 'PROVIDER_AUTH_FAILED',
  PROVIDER_UNAVAILABLE: 'PROVIDER_UNAVAILABLE',
  EGRESS_DENIED: 'EGRESS_DENIED',
  TIMEOUT: 'TIMEOUT',
  UPSTREAM_FAILED: 'UPSTREAM',
  UNAUTHENTICATED: 'UPSTREAM',
  FORBIDDEN: 'UPSTREAM',
  CONFLICT: 'UPSTREAM',
  INTERNAL_SERVER_ERROR: 'UPSTREAM',
};

/** The same, by OpenAI's `error.code` (what an OpenAI client reads), for answers without Orchestra's own code. */
const STEP_CODE_OF_OPENAI_CODE: Readonly<Record<string, StepErrorCode>> = {
  context_length_exceeded: 'CONTEXT_LENGTH_EXCEEDED',
  content_filter: 'CONTENT_FILTERED',
  content_policy_violation: 'CONTENT_FILTERED',
  rate_limit_exceeded: 'RATE_LIMITED',
  insufficient_quota: 'BUDGET_EXCEEDED',
  provider_auth_failed: 'PROVIDER_AUTH_FAILED',
  provider_unavailable: 'PROVIDER_UNAVAILABLE',
  egress_denied: 'EGRESS_DENIED',
  timeout: 'TIMEOUT',
  request_too_large: 'INVALID_CONFIG',
  not_found: 'INVALID_CONFIG',
};

/** The parts of an OpenAI error object this side reads (`{ message, type, code, orchestra: { code, ... } }`). */
interface ErrorObject {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly orchestra?: { readonly code?: unknown; readonly decisionId?: unknown; readonly retryAfterSeconds?: unknown } | null;
}

/** What is known of a failed call besides its error object. */
export interface ModelCallFailureContext {
  /** The HTTP status; undefined for an error that arrived inside a started stream. */
  readonly status?: number | undefined;
  /** The `Retry-After` header, in seconds, when the answer had one. */
  readonly retryAfterSeconds?: number | undefined;
}

/**
 * The StepError of a failed `/v1/chat/completions` call, from its OpenAI error body (`{ "error": { ... } }`, as an
 * HTTP answer or as an SSE `data` event after the stream started): the code is taken from, in order, Orchestra's
 * code (`error.orchestra.code`, or `error.code` when it is one), OpenAI's `error.code`, then the HTTP status (429
 * RATE_LIMITED, 400/422 BAD_REQUEST, 413 INVALID_CONFIG, 504 TIMEOUT, anything else UPSTREAM). The message names the
 * model call and keeps the service's message (which holds no credential: the service masks them), plus the retry
 * delay when one was given. `routingDecisionId` is set when the error names the decision.
 */
export function modelCallError(body: unknown, context: ModelCallFailureContext = {}): StepError {
  const error = errorObjectOf(body);
  const code = stepCodeOf(error, context.status);
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : `HTTP ${context.status ?? 'error'} without a message`;
  const retryAfter = context.retryAfterSeconds ?? numberOr(error?.orchestra?.retryAfterSeconds);
  const failure = new StepError(code, `model call failed (${code}): ${message}${retryAfter !== undefined ? ` (retry after ${retryAfter} s)` : ''}`);
  const decisionId = error?.orchestra?.decisionId;
  if (typeof decisionId === 'string') failure.routingDecisionId = decisionId;
  return failure;
}

/** `Retry-After` in seconds (a delay; an HTTP date is converted); undefined when absent or unreadable. */
export function retryAfterSecondsOf(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function errorObjectOf(body: unknown): ErrorObject | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown }).error;
  return error !== null && typeof error === 'object' ? (error as ErrorObject) : undefined;
}

function stepCodeOf(error: ErrorObject | undefined, status: number | undefined): StepErrorCode {
  const orchestraCode = error?.orchestra?.code;
  if (typeof orchestraCode === 'string' && STEP_CODE_OF_ORCHESTRA_CODE[orchestraCode]) return STEP_CODE_OF_ORCHESTRA_CODE[orchestraCode];
  const code = error?.code;
  if (typeof code === 'string') {
    const mapped = STEP_CODE_OF_ORCHESTRA_CODE[code] ?? STEP_CODE_OF_OPENAI_CODE[code];
    if (mapped) return mapped;
  }
  if (status === 429) return 'RATE_LIMITED';
  if (status === 400 || status === 422) return 'BAD_REQUEST';
  if (status === 413) return 'INVALID_CONFIG';
  if (status === 504) return 'TIMEOUT';
  return 'UPSTREAM';
}

const numberOr = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
