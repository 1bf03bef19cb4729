import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The one registry of Orchestra's error codes. Each code has a GraphQL `extensions.code`, an HTTP status used where
 * the error ends an HTTP request outside GraphQL (auth, health), and a hint that tells the caller how to fix it.
 * Throw the classes below; never build error codes from string literals elsewhere.
 */
export const ERROR_CODES = Object.freeze({
  BAD_USER_INPUT: { httpStatus: 400, hint: 'Fix the named argument and retry.' },
  UNAUTHENTICATED: { httpStatus: 401, hint: 'Send a valid bearer token (see `npm run token`).' },
  FORBIDDEN: { httpStatus: 403, hint: 'Use a token that carries the named scope.' },
  NOT_FOUND: { httpStatus: 404, hint: 'Check the id; it may belong to another tenant or have been deleted.' },
  CONFLICT: { httpStatus: 409, hint: 'Reload the object and retry with its current state.' },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, hint: 'Send less data; the limit is in the message.' },
  UPSTREAM_FAILED: { httpStatus: 502, hint: 'A dependency failed; retry later.' },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, hint: 'Retry later; if it persists, report the request id.' },
} as const);

/** A code of {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

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
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** The error a resolver threw, behind graphql-js' wrapping (duck-typed: several graphql-js copies may be loaded). */
function originalOf(error: unknown): unknown {
  return isGraphQLError(error) ? (error.originalError ?? undefined) : error;
}

function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError || (error instanceof Error && error.name === 'GraphQLError');
}

function isClientCode(code: unknown): boolean {
  return typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR' && (code in ERROR_CODES || code.startsWith('GRAPHQL_') || code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'OPERATION_RESOLUTION_FAILURE' || code === 'BAD_REQUEST');
}
