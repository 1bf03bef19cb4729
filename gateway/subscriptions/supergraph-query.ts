import type { ExecutionResult } from 'graphql';
import type { Principal } from '../../platform/auth/principal.ts';

/**
 * Runs a query (its text) through the gateway — query plan, subgraph fetches, the same auth as a client request —
 * as `principal`. Resolves with the result, errors included (it rejects only when the gateway itself fails).
 */
export type SupergraphQuery = (query: string, variables: Readonly<Record<string, unknown>>, principal: Principal) => Promise<ExecutionResult>;
