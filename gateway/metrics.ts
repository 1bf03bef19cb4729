import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ApolloServerPlugin } from '@apollo/server';
import type { DeliveryObserver } from './subscriptions/delivery-stream.ts';
import { shareWithCluster } from './cluster-metrics.ts';
import type { GatewayContext } from './gateway-context.ts';
import type { OperationLimitName } from './operation-limit-rules.ts';
import type { ResponseCacheResult } from './response-cache.ts';

/** Prometheus metrics of the gateway, served at `/metrics` (names follow Prometheus' naming conventions). */
export interface GatewayMetrics {
  readonly registry: Registry;
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  /** Feeds the subscription metrics. */
  readonly subscriptions: DeliveryObserver;
  /** Counts one operation (`operation`) or subgraph fetch (`fetch`) answered by another one in flight. */
  deduplicated(kind: 'operation' | 'fetch'): void;
  /** Counts one response cache lookup by its outcome. */
  responseCacheLookup(result: ResponseCacheResult): void;
  /** Observes one subgraph fetch's duration, in seconds. */
  subgraphFetched(subgraph: string, durationSeconds: number): void;
  /** Counts one request, subscription or batch refused by an operation limit (operation-limits.ts, batch-requests.ts, operation-cost-limit.ts). */
  operationLimitRefused(limit: OperationLimitName | 'cost'): void;
  /**
   * Counts one request refused by a rate limit: `subject`, `api_key` or `tenant` (RATE_LIMIT_*_REQUESTS; a request
   * over two limits counts for each), or `subscriptions` (SUBSCRIPTION_MAX_PER_PRINCIPAL).
   */
  rateLimitRefused(limit: 'subject' | 'api_key' | 'tenant' | 'subscriptions'): void;
}

/**
 * Creates the gateway's registry: process metrics, `orchestra_gateway_operations_total{type,outcome}`,
 * `orchestra_gateway_operation_duration_seconds{type}`, and of event subscriptions
 * `orchestra_gateway_subscriptions` (open now), `orchestra_gateway_subscription_events_total` (events delivered) and
 * `orchestra_gateway_subscription_slow_consumers_total` (subscriptions closed as too slow), and
 * `orchestra_gateway_deduplicated_total{kind}` (operations and subgraph fetches answered by an identical one in flight),
 * and `orchestra_gateway_response_cache_lookups_total{result}` (`hit`, `miss`, `invalidated`: see response-cache.ts),
 * and `orchestra_gateway_subgraph_fetch_duration_seconds{subgraph}` (each gateway → subgraph fetch, failed ones too),
 * and `orchestra_gateway_operation_limit_refusals_total{limit}` (operations, subscriptions and batches refused by an
 * operation limit: `depth`, `aliases`, `root_fields`, `directives`, `tokens`, `batch`, `introspection`, `cost`),
 * and `orchestra_gateway_rate_limit_refusals_total{limit}` (requests refused by a rate limit: `subject`, `api_key`,
 * `tenant`, `subscriptions`).
 */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  shareWithCluster(registry);
  const operations = new Counter({
    name: 'orchestra_gateway_operations_total',
    help: 'GraphQL operations served by the gateway',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'orchestra_gateway_operation_duration_seconds',
    help: 'Time from request parsing to response, in seconds',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const open = new Gauge({ name: 'orchestra_gateway_subscriptions', help: 'Workflow event subscriptions open now', registers: [registry] });
  const delivered = new Counter({
    name: 'orchestra_gateway_subscription_events_total',
    help: 'Workflow events delivered to subscribers',
    registers: [registry],
  });
  const slow = new Counter({
    name: 'orchestra_gateway_subscription_slow_consumers_total',
    help: 'Subscriptions closed because their consumer let too many events wait (SLOW_CONSUMER)',
    registers: [registry],
  });
  const deduplicated = new Counter({
    name: 'orchestra_gateway_deduplicated_total',
    help: 'Operations (kind="operation") and subgraph fetches (kind="fetch") answered by an identical one in flight',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'orchestra_gateway_response_cache_lookups_total',
    help: 'Response cache lookups of cacheable queries: served (result="hit"), not cached (miss), made stale by a write or expired (invalidated)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const subgraphFetches = new Histogram({
    name: 'orchestra_gateway_subgraph_fetch_duration_seconds',
    help: 'Time of one gateway → subgraph fetch, answer read, in seconds',
    labelNames: ['subgraph'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const limitRefusals = new Counter({
    name: 'orchestra_gateway_operation_limit_refusals_total',
    help: 'Operations (HTTP, WebSocket, SSE) and batches refused by an operation limit, by limit (cost: MAX_QUERY_COST)',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  const rateLimitRefusals = new Counter({
    name: 'orchestra_gateway_rate_limit_refusals_total',
    help: 'Requests refused with RATE_LIMITED, by the limit that refused them (subject, api_key, tenant, subscriptions)',
    labelNames: ['limit'] as const,
    registers: [registry],
  });
  const subscriptions: DeliveryObserver = {
    opened: () => open.inc(),
    delivered: () => delivered.inc(),
    slow: () => slow.inc(),
    ended: () => open.dec(),
  };
  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      const end = duration.startTimer();
      return {
        async willSendResponse({ operation, errors }) {
          const type = operation?.operation ?? 'unknown';
          end({ type });
          operations.inc({ type, outcome: errors && errors.length > 0 ? 'error' : 'ok' });
        },
      };
    },
  };
  return {
    registry,
    plugin,
    subscriptions,
    deduplicated: (kind) => deduplicated.inc({ kind }),
    responseCacheLookup: (result) => cacheLookups.inc({ result }),
    subgraphFetched: (subgraph, durationSeconds) => subgraphFetches.observe({ subgraph }, durationSeconds),
    operationLimitRefused: (limit) => limitRefusals.inc({ limit }),
    rateLimitRefused: (limit) => rateLimitRefusals.inc({ limit }),
  };
}
