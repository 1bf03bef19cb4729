import type { Principal } from '../platform/auth/principal.ts';

/** Per-request context of the gateway: the authenticated client and the request id forwarded to subgraphs. */
export interface GatewayContext {
  readonly principal: Principal;
  readonly requestId: string;
}
