import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './gateway-context.ts';

/** Prometheus metrics of the gateway, served at `/metrics` (names follow Prometheus' naming conventions). */
export interface GatewayMetrics {
  readonly registry: Registry;
  readonly plugin: ApolloServerPlugin<GatewayContext>;
}

/** Creates the gateway's registry: process metrics, `orchestra_gateway_operations_total{type,outcome}` and
 * `orchestra_gateway_operation_duration_seconds{type}`. */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
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
  return { registry, plugin };
}
