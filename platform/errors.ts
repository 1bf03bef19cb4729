import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { APOLLO_ERROR_CODES, ERROR_CODES, type ErrorCode } from './error-codes.ts';
import { activeTraceIds } from './telemetry/trace-context.ts';

export { ERROR_CODES, type ErrorCode } from './error-codes.ts';

/** Base of every error Orchestra raises on purpose; safe to show to clients (message and `details`). */
export abstract class OrchestraError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra, client-safe facts (e.g. the offending argument). Never SQL, stacks or secrets. */
  readonly details: Readonly<Record<string, unknown>>;
  constructor(message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.details = details;
  }
  /** HTTP status for this error's code. */
  get httpStatus(): number {
    return ERROR_CODES[this.code].httpStatus;
  }
}

/** A request a browser could send from any page without a CORS preflight (gateway/csrf-prevention.ts). */
export class CsrfRefusedError extends OrchestraError {
  readonly code = 'CSRF_REFUSED' as const;
  override readonly name = 'CsrfRefusedError';
}
/** An APQ hash the gateway does not know (gateway/trusted-documents.ts); the client resends the document with it. */
export class PersistedQueryNotFoundError extends OrchestraError {
  readonly code = 'PERSISTED_QUERY_NOT_FOUND' as const;
  override readonly name = 'PersistedQueryNotFoundError';
}
/** An APQ registration whose hash is not the document's SHA-256. */
export class PersistedQueryHashMismatchError extends OrchestraError {
  readonly code = 'PERSISTED_QUERY_HASH_MISMATCH' as const;
  override readonly name = 'PersistedQueryHashMismatchError';
}
/** A `documentId` no trusted-document manifest holds. */
export class TrustedDocumentNotFoundError extends OrchestraError {
  readonly code = 'TRUSTED_DOCUMENT_NOT_FOUND' as const;
  override readonly name = 'TrustedDocumentNotFoundError';
}
/** TRUSTED_DOCUMENTS=enforce refused a document outside the manifests. */
export class TrustedDocumentRequiredError extends OrchestraError {
  readonly code = 'TRUSTED_DOCUMENT_REQUIRED' as const;
  override readonly name = 'TrustedDocumentRequiredError';
}
/** A subscription sent as a plain HTTP request (the gateway serves them over WebSocket and SSE). */
export class SubscriptionTransportRequiredError extends OrchestraError {
  readonly code = 'SUBSCRIPTION_TRANSPORT_REQUIRED' as const;
  override readonly name = 'SubscriptionTransportRequiredError';
}
/** Input that fails validation. `details.field` names the argument path when known. */
export class BadUserInputError extends OrchestraError {
  readonly code = 'BAD_USER_INPUT' as const;
  override readonly name = 'BadUserInputError';
}
/** Missing, expired or forged credentials. */
export class UnauthenticatedError extends OrchestraError {
  readonly code = 'UNAUTHENTICATED' as const;
  override readonly name = 'UnauthenticatedError';
}
/** Valid credentials lacking a scope. `details.scope` names the missing scope. */
export class ForbiddenError extends OrchestraError {
  readonly code = 'FORBIDDEN' as const;
  override readonly name = 'ForbiddenError';
}
/** An id that does not exist in the caller's tenant. */
export class NotFoundError extends OrchestraError {
  readonly code = 'NOT_FOUND' as const;
  override readonly name = 'NotFoundError';
}
/** A write that conflicts with the current state (e.g. ending an ended session). */
export class ConflictError extends OrchestraError {
  readonly code = 'CONFLICT' as const;
  override readonly name = 'ConflictError';
}
/** A request or value over a documented size limit. `details.limit` gives the limit. */
export class PayloadTooLargeError extends OrchestraError {
  readonly code = 'PAYLOAD_TOO_LARGE' as const;
  override readonly name = 'PayloadTooLargeError';
}
/** A call to another service (subgraph, gateway, model provider, URL) failed. */
export class UpstreamError extends OrchestraError {
  readonly code = 'UPSTREAM_FAILED' as const;
  override readonly name = 'UpstreamError';
}

/** An outbound request refused by the egress policy before anything was sent. `details.host` names the target. */
export class EgressDeniedError extends OrchestraError {
  readonly code = 'EGRESS_DENIED' as const;
  override readonly name = 'EgressDeniedError';
}
/** A tenant or deployment limit (requests or tokens per minute) was reached. `details.retryAfterSeconds` says when to retry. */
export class RateLimitedError extends OrchestraError {
  readonly code = 'RATE_LIMITED' as const;
  override readonly name = 'RateLimitedError';
}
/**
 * An operation whose estimated cost is over `MAX_QUERY_COST` (gateway/operation-cost-limit.ts); `details.cost` is
 * `{ estimated, max }`.
 */
export class CostEstimatedTooExpensiveError extends OrchestraError {
  readonly code = 'COST_ESTIMATED_TOO_EXPENSIVE' as const;
  override readonly name = 'CostEstimatedTooExpensiveError';
}
/** The tenant's budget (USD per day or month) is spent; checked before a model call. */
export class BudgetExceededError extends OrchestraError {
  readonly code = 'BUDGET_EXCEEDED' as const;
  override readonly name = 'BudgetExceededError';
}

/**
 * A subscriber let too many events wait: its subscription ends with this error. `details.lastCursor` is the cursor
 * of the last event it received, to resume from.
 */
export class SlowConsumerError extends OrchestraError {
  readonly code = 'SLOW_CONSUMER' as const;
  override readonly name = 'SlowConsumerError';
}

/** The codes of {@link OperationLimitError}: Apollo Router's names for its operation limits. */
export const OPERATION_LIMIT_ERROR_CODES = [
  'MAX_DEPTH_LIMIT',
  'MAX_ALIASES_LIMIT',
  'MAX_ROOT_FIELDS_LIMIT',
  'MAX_DIRECTIVES_LIMIT',
  'MAX_TOKENS_LIMIT',
] as const;
/** One of {@link OPERATION_LIMIT_ERROR_CODES}. */
export type OperationLimitErrorCode = (typeof OPERATION_LIMIT_ERROR_CODES)[number];

/**
 * An operation over one of the gateway's operation limits (gateway/operation-limits.ts), refused before anything
 * is executed. `details.limit` names the limit: `{ name, max }` (e.g. `{ name: "depth", max: 12 }`).
 */
export class OperationLimitError extends OrchestraError {
  override readonly name = 'OperationLimitError';
  constructor(
    readonly code: OperationLimitErrorCode,
    message: string,
    details: { readonly limit: { readonly name: string; readonly max: number } },
  ) {
    super(message, details);
  }
}
/** `__schema`/`__type` selected while introspection is off. `details.limit` is `{ name: "introspection" }`. */
export class IntrospectionDisabledError extends OrchestraError {
  readonly code = 'INTROSPECTION_DISABLED' as const;
  override readonly name = 'IntrospectionDisabledError';
}
/** A batched HTTP request (a JSON array) while batching is off (gateway/batch-requests.ts). */
export class BatchingNotEnabledError extends OrchestraError {
  readonly code = 'BATCHING_NOT_ENABLED' as const;
  override readonly name = 'BatchingNotEnabledError';
}
/** A batched HTTP request of more operations than allowed. `details.limit` is `{ name: "batch", max }`. */
export class BatchLimitExceededError extends OrchestraError {
  readonly code = 'BATCH_LIMIT_EXCEEDED' as const;
  override readonly name = 'BatchLimitExceededError';
}

/** The classes of a failed model call, as the router classifies a provider's answer (see `provider-failure.ts`). */
export const MODEL_CALL_ERROR_CODES = [
  'RATE_LIMITED',
  'CONTEXT_LENGTH_EXCEEDED',
  'CONTENT_FILTERED',
  'PROVIDER_AUTH_FAILED',
  'PROVIDER_UNAVAILABLE',
  'TIMEOUT',
  'BAD_REQUEST',
  'EGRESS_DENIED',
] as const;
/** One of {@link MODEL_CALL_ERROR_CODES}. */
export type ModelCallErrorCode = (typeof MODEL_CALL_ERROR_CODES)[number];

/**
 * A model call that failed for good (after retries and fallbacks): `code` is the class of the last attempt's failure,
 * `details.attempts` lists every attempt (deployment, error class, latency). The provider's own message is kept only
 * when it carries no credential.
 */
export class ModelCallError extends OrchestraError {
  override readonly name = 'ModelCallError';
  constructor(
    readonly code: ModelCallErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, details, options);
  }
}

/**
 * Maps any thrown value to a client-safe {@link GraphQLError}: {@link OrchestraError}s keep their message, code and
 * details; anything else becomes `INTERNAL_SERVER_ERROR` with a generic message (the original is for the logs only).
 */
export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) {
    const original = error.originalError;
    if (original instanceof OrchestraError) {
      return new GraphQLError(original.message, {
        ...(error.path ? { path: error.path } : {}),
        extensions: { ...original.details, code: original.code },
      });
    }
    return error;
  }
  if (error instanceof OrchestraError) {
    return new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } });
  }
  return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/**
 * Apollo Server `formatError`: keeps Orchestra and GraphQL validation errors, masks everything else, and never
 * returns a stack trace or driver text.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  return withTraceId(formatClientSafe(formatted, error));
}

function formatClientSafe(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = originalOf(error);
  if (original instanceof OrchestraError) {
    return {
      message: original.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { ...original.details, code: original.code },
    };
  }
  const code = formatted.extensions?.['code'];
  if (original === undefined || isGraphQLError(original) || isClientCode(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, message: withoutVariableValue(formatted.message), extensions };
  }
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * Adds `extensions.traceId` (the W3C Trace Context trace id of the active span) so a client can quote it when
 * reporting a failure; unchanged when no trace is active (tracing off).
 */
function withTraceId(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const ids = activeTraceIds();
  return ids ? { ...formatted, extensions: { ...formatted.extensions, traceId: ids.traceId } } : formatted;
}

/**
 * graphql-js reports a variable that fails coercion as `Variable "$input" got invalid value <the whole value> at
 * "input.x"; <why>` (`coerceVariableValues`, graphql-js 16). The value may hold a write-only secret (a provider's
 * `apiKey`), so it is cut: the variable, the path and the reason stay.
 */
function withoutVariableValue(message: string): string {
  const match = /^(Variable "\$[^"]+" got invalid value) /.exec(message);
  if (!match) return message;
  const reason = message.lastIndexOf('; ');
  const rest = reason >= 0 ? message.slice(reason + 2) : 'see the schema';
  const at = reason >= 0 ? / at "([^"]*)"$/.exec(message.slice(match[0].length, reason)) : null;
  return `${match[1]}${at ? ` at "${at[1]}"` : ''}; ${rest}`;
}

/** The error a resolver threw, behind graphql-js' wrapping (duck-typed: several graphql-js copies may be loaded). */
function originalOf(error: unknown): unknown {
  return isGraphQLError(error) ? (error.originalError ?? undefined) : error;
}

function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError || (error instanceof Error && error.name === 'GraphQLError');
}

function isClientCode(code: unknown): boolean {
  return typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && (code in ERROR_CODES || code in APOLLO_ERROR_CODES || code.startsWith('GRAPHQL_'));
}
