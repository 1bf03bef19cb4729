/**
 * The one registry of Orchestra's error codes, the source of `docs/errors.md` (`npm run docs:errors`; CI checks it is
 * fresh). Three lists:
 * - {@link ERROR_CODES}: the `extensions.code` of GraphQL errors Orchestra raises (and the `code` of HTTP error
 *   bodies outside GraphQL), each with the HTTP status used where the error ends a request, what it means, and how to
 *   fix it. Raise them with the classes of `errors.ts`; source files never spell a code in an `extensions` literal
 *   (an ESLint rule refuses it).
 * - {@link APOLLO_ERROR_CODES}: codes Apollo Server and the gateway raise themselves (kept as they are).
 * - {@link STEP_ERROR_CODES}: the `errorCode` of a failed workflow step attempt (in `STEP_FAILED` events, on step
 *   runs, and in a retry policy's `nonRetryableErrorCodes`).
 */

/** One registered code: HTTP status where relevant, its meaning, and what the caller should do. */
export interface ErrorCodeEntry {
  readonly httpStatus: number;
  readonly meaning: string;
  readonly hint: string;
}

export const ERROR_CODES = Object.freeze({
  PERSISTED_QUERY_NOT_FOUND: {
    httpStatus: 200,
    meaning: 'An automatic persisted query (APQ) hash the gateway does not know (as Apollo Server and Router answer).',
    hint: 'Send the document again with its hash to register it (refused when TRUSTED_DOCUMENTS=enforce).',
  },
  PERSISTED_QUERY_HASH_MISMATCH: {
    httpStatus: 400,
    meaning: "An APQ registration whose `sha256Hash` is not the SHA-256 of the document's text.",
    hint: 'Hash the exact UTF-8 text sent as `query`, in lowercase hex.',
  },
  TRUSTED_DOCUMENT_NOT_FOUND: {
    httpStatus: 400,
    meaning: 'A `documentId` that no loaded trusted-document manifest holds.',
    hint: 'Publish the manifest (`npm run manifest -- --publish`) or fix the id (`sha256:<hex>` or `<hex>`).',
  },
  TRUSTED_DOCUMENT_REQUIRED: {
    httpStatus: 403,
    meaning: 'TRUSTED_DOCUMENTS=enforce and the request sent a document (or APQ registration) that no manifest holds.',
    hint: 'Send the `documentId` of a document from the published manifest.',
  },
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'An argument, variable or request body is invalid.', hint: 'Fix the named argument and retry.' },
  UNAUTHENTICATED: {
    httpStatus: 401,
    meaning: 'The bearer token is missing, malformed, expired or forged.',
    hint: 'Send a valid bearer token (see `npm run token`).',
  },
  FORBIDDEN: {
    httpStatus: 403,
    meaning: 'The token is valid but lacks a scope the field or operation needs (or the resource belongs to another identity).',
    hint: 'Use a token that carries the named scope.',
  },
  NOT_FOUND: {
    httpStatus: 404,
    meaning: "No such object in the caller's tenant.",
    hint: 'Check the id; it may belong to another tenant or have been deleted.',
  },
  CONFLICT: {
    httpStatus: 409,
    meaning: 'The write conflicts with the current state (e.g. ending an ended session).',
    hint: 'Reload the object and retry with its current state.',
  },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, meaning: 'A request or value is over a documented size limit.', hint: 'Send less data; the limit is in the message.' },
  UPSTREAM_FAILED: {
    httpStatus: 502,
    meaning: 'A call to another service (subgraph, model provider, URL) failed.',
    hint: 'A dependency failed; retry later.',
  },
  EGRESS_DENIED: {
    httpStatus: 403,
    meaning: 'The egress policy refused an outbound request before anything was sent.',
    hint: 'The target resolves to a loopback, private, link-local or other non-public address; an operator may allow it with EGRESS_ALLOW.',
  },
  RATE_LIMITED: {
    httpStatus: 429,
    meaning: 'A request or token rate limit was reached.',
    hint: 'Too many requests or tokens per minute; retry after `retryAfterSeconds`.',
  },
  COST_ESTIMATED_TOO_EXPENSIVE: {
    httpStatus: 400,
    meaning:
      "The operation's estimated cost (IBM GraphQL cost spec: `@cost` weights, lists sized by `@listSize`) is over `MAX_QUERY_COST`; refused before any subgraph call (Apollo Router's demand control code).",
    hint: 'Ask for fewer items (smaller `first`), fewer nested lists or fields; `extensions.cost` has `estimated` and `max`.',
  },
  BUDGET_EXCEEDED: {
    httpStatus: 402,
    meaning: "The tenant's model budget (USD per day or month) is spent.",
    hint: "The tenant's daily or monthly budget is spent; raise it with updateRouterSettings or wait for the next period.",
  },
  CONTEXT_LENGTH_EXCEEDED: {
    httpStatus: 400,
    meaning: "A model call's input is over the model's context window.",
    hint: 'Send fewer tokens, or configure a context-window fallback to a model with a larger window.',
  },
  CONTENT_FILTERED: {
    httpStatus: 400,
    meaning: "The provider's content policy refused the request or the answer.",
    hint: "The provider's content policy refused the request or the answer; change the input or configure a content-policy fallback.",
  },
  PROVIDER_AUTH_FAILED: {
    httpStatus: 502,
    meaning: "A model provider refused the provider's credentials.",
    hint: "The provider refused the credentials: rotate the provider's API key.",
  },
  PROVIDER_UNAVAILABLE: {
    httpStatus: 503,
    meaning: 'A model provider failed (5xx or connection).',
    hint: 'The provider failed (5xx or connection); retry later or configure a fallback.',
  },
  TIMEOUT: {
    httpStatus: 504,
    meaning: 'A call took longer than its timeout.',
    hint: 'The call took longer than its timeout; raise it or use a faster model.',
  },
  BAD_REQUEST: {
    httpStatus: 400,
    meaning:
      'A model provider refused the request as invalid; from Apollo Server: the HTTP request is not a GraphQL request (no query, a bad method or content type).',
    hint: 'The provider refused the request as invalid; check the messages, tools and parameters.',
  },
  SLOW_CONSUMER: {
    httpStatus: 503,
    meaning: 'A subscriber let more than `SUBSCRIPTION_MAX_BUFFERED_EVENTS` events wait; its subscription was ended (`extensions.lastCursor`).',
    hint: 'Resubscribe with `after` set to `extensions.lastCursor`: nothing is lost.',
  },
  SUBSCRIPTION_TRANSPORT_REQUIRED: {
    httpStatus: 400,
    meaning: 'A subscription was sent as a plain HTTP request, which answers once.',
    hint: 'Subscribe over WebSocket (graphql-transport-ws) or SSE (Accept: text/event-stream) on the same /graphql URL.',
  },
  CSRF_REFUSED: {
    httpStatus: 400,
    meaning: 'A request a browser could send from another site without a preflight (a form, text/plain, no content type) was refused.',
    hint: 'Send the body as application/json, or add a non-empty apollo-require-preflight (or x-apollo-operation-name) header, or the bearer token.',
  },
  MAX_DEPTH_LIMIT: {
    httpStatus: 400,
    meaning: 'The operation nests selection sets deeper than `MAX_QUERY_DEPTH` (fragments followed); nothing was executed.',
    hint: 'Select less deeply (split the operation in two); `extensions.limit.max` is the limit.',
  },
  MAX_ALIASES_LIMIT: {
    httpStatus: 400,
    meaning: 'The operation uses more aliases than `MAX_QUERY_ALIASES` (its fragments included); nothing was executed.',
    hint: 'Use fewer aliases, or send several operations; `extensions.limit.max` is the limit.',
  },
  MAX_ROOT_FIELDS_LIMIT: {
    httpStatus: 400,
    meaning: 'The operation selects more root fields than `MAX_ROOT_FIELDS` (through fragments on the root type); nothing was executed.',
    hint: 'Select fewer root fields, or send several operations; `extensions.limit.max` is the limit.',
  },
  MAX_DIRECTIVES_LIMIT: {
    httpStatus: 400,
    meaning: 'The operation uses more directives than `MAX_QUERY_DIRECTIVES` (its fragments included); nothing was executed.',
    hint: 'Use fewer directives; `extensions.limit.max` is the limit.',
  },
  MAX_TOKENS_LIMIT: {
    httpStatus: 400,
    meaning: 'The document holds more lexical tokens than `MAX_QUERY_TOKENS`: its parse was aborted; nothing was executed.',
    hint: 'Send a shorter document (fewer fields, arguments, fragments); `extensions.limit.max` is the limit.',
  },
  INTROSPECTION_DISABLED: {
    httpStatus: 400,
    meaning: 'The operation selects `__schema` or `__type` while introspection is off (`GATEWAY_INTROSPECTION`, off with `NODE_ENV=production`).',
    hint: 'Use the published schema (`schema/supergraph.graphql` or its API schema) instead; an operator may set GATEWAY_INTROSPECTION=true. `__typename` is always allowed.',
  },
  BATCHING_NOT_ENABLED: {
    httpStatus: 400,
    meaning: 'A batched request (a JSON array of operations) reached a gateway where batching is off (`GATEWAY_BATCHING`).',
    hint: 'Send one operation per request, or have an operator set GATEWAY_BATCHING=true.',
  },
  BATCH_LIMIT_EXCEEDED: {
    httpStatus: 400,
    meaning: 'A batched request holds more operations than `MAX_BATCH_OPERATIONS`; none was executed.',
    hint: 'Split the batch; `extensions.limit.max` is the most operations per batch.',
  },
  INTERNAL_SERVER_ERROR: {
    httpStatus: 500,
    meaning: 'An unexpected failure; its details are in the logs only.',
    hint: 'Retry later; if it persists, report the request id.',
  },
} as const satisfies Record<string, ErrorCodeEntry>);

/** A code of {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes that Apollo Server and the Apollo gateway raise themselves, with their meaning (passed to clients unchanged). */
export const APOLLO_ERROR_CODES = Object.freeze({
  GRAPHQL_PARSE_FAILED: 'The document does not parse.',
  GRAPHQL_VALIDATION_FAILED:
    'The document is not valid against the API schema (unknown field, wrong argument, ...); operation limits have codes of their own (`MAX_*_LIMIT`).',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted queries are off.',
  OPERATION_RESOLUTION_FAILURE: 'The operation name matches no operation of the document.',
} as const);

/** The meaning of each step failure code (see {@link STEP_ERROR_CODES}). */
const STEP_ERROR_MEANINGS = {
  TIMEOUT: "The step's timeout elapsed (the step ends TIMED_OUT).",
  CANCELLED: 'The run was cancelled while the step ran.',
  SHUTDOWN: 'The process stopped while the step ran; the step runs again on recovery, nothing is recorded.',
  HTTP_STATUS: 'An `http` step got a non-2xx answer.',
  UPSTREAM: 'A call (URL, gateway, model provider) failed or answered with errors.',
  EXPRESSION: 'A `when`, template or transform expression failed.',
  INVALID_CONFIG: "The resolved config does not fit the step kind's schema.",
  OUTPUT_TOO_LARGE: 'The output is over `MAX_STEP_OUTPUT_BYTES`.',
  EGRESS_DENIED: 'The egress policy refused the target (loopback, private, link-local, ...) before sending.',
  RATE_LIMITED: 'An `llm` step: the model call was rate limited.',
  BUDGET_EXCEEDED: "An `llm` step: the tenant's budget is spent.",
  CONTEXT_LENGTH_EXCEEDED: "An `llm` step: the input is over the model's context window.",
  CONTENT_FILTERED: "An `llm` step: the provider's content policy refused it.",
  PROVIDER_AUTH_FAILED: "An `llm` step: the provider refused the provider's credentials.",
  PROVIDER_UNAVAILABLE: 'An `llm` step: the provider failed (5xx or connection).',
  BAD_REQUEST: 'An `llm` step: the provider refused the request as invalid.',
} as const;

/** A code of {@link STEP_ERROR_CODES}. */
export type StepErrorCode = keyof typeof STEP_ERROR_MEANINGS;

/** Codes of step failures (usable in `retry.nonRetryableErrorCodes`), with their meanings in {@link stepErrorMeaning}. */
export const STEP_ERROR_CODES = Object.freeze(Object.keys(STEP_ERROR_MEANINGS) as StepErrorCode[]);

/** What a step failure code means (for docs and messages). */
export function stepErrorMeaning(code: StepErrorCode): string {
  return STEP_ERROR_MEANINGS[code];
}
