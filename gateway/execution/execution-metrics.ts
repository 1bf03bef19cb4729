import { Counter, type Registry } from 'prom-client';
import type { CompiledGatewayOptions } from './compiled-gateway.ts';

/**
 * The compiled execution path's metrics, registered in the gateway's registry (served at `/metrics`):
 * `orchestra_gateway_plan_cache_lookups_total{result="hit"|"miss"}` (lookups of the compiled plan cache) and
 * `orchestra_gateway_executions_total{path="compiled"|"fallback"}` (operations executed by the compiled path, or
 * handed to Apollo's executor). @returns the callbacks of {@link CompiledGatewayOptions} that feed them.
 */
export function createExecutionMetrics(registry: Registry): Pick<CompiledGatewayOptions, 'onPlanCacheLookup' | 'onExecution'> {
  const lookups = new Counter({
    name: 'orchestra_gateway_plan_cache_lookups_total',
    help: 'Lookups of the compiled plan cache: answered from it (result="hit") or compiled (miss)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const executions = new Counter({
    name: 'orchestra_gateway_executions_total',
    help: 'Operations executed by the compiled path (path="compiled") or handed to Apollo\'s executor (fallback)',
    labelNames: ['path'] as const,
    registers: [registry],
  });
  return {
    onPlanCacheLookup: (result) => lookups.inc({ result }),
    onExecution: (path) => executions.inc({ path }),
  };
}
