import type { Principal } from '../platform/auth/principal.ts';

/** Per-request context of the gateway: the authenticated client and the request id forwarded to subgraphs. */
export interface GatewayContext {
  readonly principal: Principal;
  readonly requestId: string;
  /**
   * Set on the gateway's own queries for a subscription it already admitted (replay pages, run lookups: see
   * subscriptions/supergraph-query.ts): the cost limit (operation-cost-limit.ts) does not refuse them. @defaultValue false
   */
  readonly internal?: boolean;
}
