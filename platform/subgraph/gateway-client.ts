import { signToken } from '../auth/tokens.ts';
import { traceCarrier } from '../telemetry/spans.ts';

/** How a subgraph signs the client JWTs it presents to the gateway (`config.auth`). */
export interface GatewayTokenOptions {
  /** HS256 secret of client JWTs (`config.auth.jwtSecret`). */
  readonly jwtSecret: string;
  /** `iss` of client JWTs (`config.auth.jwtIssuer`), if any. */
  readonly jwtIssuer: string | undefined;
  /** `aud` of client JWTs (`config.auth.jwtAudience`), if any: the gateway requires it when configured. */
  readonly jwtAudience?: string | undefined;
}

/** Who a call to the gateway acts for: a principal of the tenant, with the scopes the call needs. */
export interface GatewayPrincipal {
  readonly tenantId: string;
  /** e.g. `workflow-run:<runId>`, `session:<sessionId>`. */
  readonly subject: string;
  readonly scopes: readonly string[];
}

/**
 * Signs a client JWT of `principal` that lives `ttlSeconds`, for one call of a subgraph to the gateway (subgraphs meet
 * only through the supergraph, so a subgraph calls another as a client of the gateway would).
 */
export function signGatewayToken(options: GatewayTokenOptions, principal: GatewayPrincipal, ttlSeconds: number): Promise<string> {
  return signToken(
    { tenantId: principal.tenantId, subject: principal.subject, scopes: [...principal.scopes] },
    { secret: options.jwtSecret, ttlSeconds, issuer: options.jwtIssuer, audience: options.jwtAudience },
  );
}

/** Where a {@link postGatewayOperation} failed: the request, reading the body, GraphQL errors, or no `data`. */
export type GatewayFailureKind = 'request' | 'body' | 'graphql' | 'no-data';

/** One GraphQL error of the gateway's answer. */
export interface GatewayGraphQLError {
  readonly message?: string;
  readonly extensions?: Record<string, unknown>;
}

/** Why {@link postGatewayOperation} failed; `cause` is what fetch or the body parser threw (request, body). */
export class GatewayCallError extends Error {
  override readonly name = 'GatewayCallError';
  constructor(
    readonly kind: GatewayFailureKind,
    message: string,
    /** HTTP status of the answer; undefined when there was none (kind `request`). */
    readonly status: number | undefined,
    /** The GraphQL errors (kind `graphql`), else empty. */
    readonly errors: readonly GatewayGraphQLError[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** `extensions.code` of the first GraphQL error, if any. */
  get code(): string | undefined {
    const code = this.errors[0]?.extensions?.['code'];
    return typeof code === 'string' ? code : undefined;
  }
}

/**
 * POSTs one GraphQL operation to the gateway at `url` with bearer `token` (and the current trace context) and returns
 * its `data`.
 * @throws {@link GatewayCallError}: `request` when fetch failed (also when `signal` aborted), `body` when the answer is
 *   not JSON, `graphql` when it holds errors (their messages joined), `no-data` for a non-2xx or null `data`.
 */
export async function postGatewayOperation<T>(url: string, token: string, query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...traceCarrier() },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    throw new GatewayCallError('request', 'gateway unreachable', undefined, [], { cause: error });
  }
  let body: { data?: T | null; errors?: GatewayGraphQLError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw new GatewayCallError('body', `gateway (HTTP ${response.status}) answered no JSON`, response.status, [], { cause: error });
  }
  if (body.errors?.length) {
    throw new GatewayCallError('graphql', `gateway: ${body.errors.map((e) => e.message ?? 'error').join('; ')}`, response.status, body.errors);
  }
  if (!response.ok || body.data === undefined || body.data === null) {
    throw new GatewayCallError('no-data', `gateway answered HTTP ${response.status} without data`, response.status, []);
  }
  return body.data;
}
