import { signToken } from '../../../platform/auth/tokens.ts';
import { StepError } from '../engine/step-error.ts';

/** Scopes of the token a run's steps present to the gateway. */
export const RUN_TOKEN_SCOPES = ['memory:read', 'memory:write', 'routing:read', 'routing:write'] as const;
/** Lifetime of that token, in seconds. */
export const RUN_TOKEN_TTL_SECONDS = 60;

/** Options of {@link createGatewayClient}. */
export interface GatewayClientOptions {
  /** The gateway's GraphQL URL (`config.endpoints.gatewayUrl`). */
  readonly url: string;
  /** HS256 secret of client JWTs (`config.auth.jwtSecret`). */
  readonly jwtSecret: string;
  /** `iss` of client JWTs (`config.auth.jwtIssuer`), if any. */
  readonly jwtIssuer: string | undefined;
}

/** Who a call acts for: the run (subject `workflow-run:<runId>`) in its tenant. */
export interface GatewayCaller {
  readonly tenantId: string;
  readonly runId: string;
}

/** Calls the supergraph as a client (memory and routing steps never import those subgraphs). */
export interface GatewayClient {
  /**
   * POSTs one GraphQL operation and returns its `data`.
   * @throws {@link StepError} (`UPSTREAM`) for HTTP failures and GraphQL errors (their messages joined), or
   *   (`CANCELLED`/`TIMEOUT`) when `signal` aborts.
   */
  request<T>(caller: GatewayCaller, query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<T>;
}

/** Creates a {@link GatewayClient} that signs a short-lived client JWT per call (see {@link RUN_TOKEN_SCOPES}). */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  return {
    async request<T>(caller: GatewayCaller, query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<T> {
      const token = await signToken(
        { tenantId: caller.tenantId, subject: `workflow-run:${caller.runId}`, scopes: [...RUN_TOKEN_SCOPES] },
        { secret: options.jwtSecret, ttlSeconds: RUN_TOKEN_TTL_SECONDS, issuer: options.jwtIssuer },
      );
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
          signal,
        });
      } catch (error) {
        throw StepError.fromFetch(error, signal, 'gateway');
      }
      let body: { data?: T | null; errors?: { message?: string }[] };
      try {
        body = (await response.json()) as typeof body;
      } catch (error) {
        throw StepError.fromFetch(error, signal, `gateway (HTTP ${response.status})`);
      }
      if (body.errors?.length) {
        throw new StepError('UPSTREAM', `gateway: ${body.errors.map((e) => e.message ?? 'error').join('; ')}`);
      }
      if (!response.ok || body.data === undefined || body.data === null) {
        throw new StepError('UPSTREAM', `gateway answered HTTP ${response.status} without data`);
      }
      return body.data;
    },
  };
}
