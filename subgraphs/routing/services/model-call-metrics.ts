import { Counter, Histogram, register as processRegistry, type Registry } from 'prom-client';
import type { ModelCall } from '../entities/model-call.ts';

/**
 * Distinct deployment names, and separately provider names, a process labels series with; later names share the
 * label value {@link OTHER_LABEL}. Both are chosen by tenants, so without a bound one tenant could create series
 * without end.
 */
export const DEFAULT_MAX_LABEL_VALUES = 500;
/** The label value of deployments and providers past the bound. */
export const OTHER_LABEL = '(other)';
/** The `error_class` label of a call that succeeded. */
export const NO_ERROR_CLASS = 'none';
/** Buckets of `orchestra_model_call_latency_seconds`, in seconds (a call takes from ~100 ms to minutes). */
export const LATENCY_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300];
/** Buckets of `orchestra_model_call_time_to_first_token_seconds`, in seconds. */
export const TIME_TO_FIRST_TOKEN_BUCKETS_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

/** Options of {@link createModelCallMetrics}. */
export interface ModelCallMetricsOptions {
  /** Where the metrics are registered. @defaultValue prom-client's global registry (served at each subgraph's `/metrics`) */
  readonly registry?: Registry;
  /** Distinct deployment (and provider) label values kept. @defaultValue {@link DEFAULT_MAX_LABEL_VALUES} */
  readonly maxLabelValues?: number;
}

/** Feeds the model-call metrics; neither method throws. */
export interface ModelCallMetrics {
  /** Counts one recorded attempt: the call, its tokens and cost, its latency and time to first token. */
  observeModelCall(call: ModelCall): void;
  /** Counts a cooldown that started for the deployment named `deploymentName`. */
  observeCooldown(deploymentName: string): void;
}

/**
 * Creates (or, when `registry` already has them, reuses) the Prometheus metrics of model calls:
 * - `orchestra_model_calls_total{deployment,provider,status,error_class}` — attempts;
 * - `orchestra_model_call_tokens_total{deployment,provider,direction}` — tokens, `direction` `input` or `output`;
 * - `orchestra_model_call_cost_usd_total{deployment,provider}` — cost, in USD;
 * - `orchestra_model_call_latency_seconds{deployment,provider,status}` — histogram of attempt latency;
 * - `orchestra_model_call_time_to_first_token_seconds{deployment,provider}` — histogram, streamed attempts only;
 * - `orchestra_deployment_cooldowns_total{deployment}` — cooldowns started.
 *
 * `deployment` is the deployment's (model profile's) name and `provider` its provider name. There is no tenant
 * label: tenants are unbounded, and a tenant's spend is what the `spend` query is for; deployments of the same name in
 * several tenants therefore share a series. Deployment and provider values are capped at `maxLabelValues` each per
 * process (later ones are counted under {@link OTHER_LABEL}); `status` and `error_class` are closed enums.
 */
export function createModelCallMetrics(options: ModelCallMetricsOptions = {}): ModelCallMetrics {
  const registry = options.registry ?? processRegistry;
  const deploymentLabel = boundedLabel(options.maxLabelValues ?? DEFAULT_MAX_LABEL_VALUES);
  const providerLabel = boundedLabel(options.maxLabelValues ?? DEFAULT_MAX_LABEL_VALUES);
  const registers = [registry];
  const calls = reuse(
    registry,
    'orchestra_model_calls_total',
    (name) =>
      new Counter({
        name,
        help: 'Model call attempts, by deployment, provider, status and error class',
        labelNames: ['deployment', 'provider', 'status', 'error_class'] as const,
        registers,
      }),
  );
  const tokens = reuse(
    registry,
    'orchestra_model_call_tokens_total',
    (name) =>
      new Counter({
        name,
        help: 'Tokens of model call attempts (direction input or output)',
        labelNames: ['deployment', 'provider', 'direction'] as const,
        registers,
      }),
  );
  const cost = reuse(
    registry,
    'orchestra_model_call_cost_usd_total',
    (name) => new Counter({ name, help: 'Cost of model call attempts, in USD', labelNames: ['deployment', 'provider'] as const, registers }),
  );
  const latency = reuse(
    registry,
    'orchestra_model_call_latency_seconds',
    (name) =>
      new Histogram({
        name,
        help: 'Latency of model call attempts, in seconds',
        labelNames: ['deployment', 'provider', 'status'] as const,
        buckets: LATENCY_BUCKETS_SECONDS,
        registers,
      }),
  );
  const firstToken = reuse(
    registry,
    'orchestra_model_call_time_to_first_token_seconds',
    (name) =>
      new Histogram({
        name,
        help: 'Time from the start of a streamed attempt to its first token, in seconds',
        labelNames: ['deployment', 'provider'] as const,
        buckets: TIME_TO_FIRST_TOKEN_BUCKETS_SECONDS,
        registers,
      }),
  );
  const cooldowns = reuse(
    registry,
    'orchestra_deployment_cooldowns_total',
    (name) => new Counter({ name, help: 'Cooldowns started, by deployment', labelNames: ['deployment'] as const, registers }),
  );
  return {
    observeModelCall(call) {
      const deployment = deploymentLabel(call.modelName);
      const provider = providerLabel(call.provider);
      calls.inc({ deployment, provider, status: call.status, error_class: call.errorClass ?? NO_ERROR_CLASS });
      tokens.inc({ deployment, provider, direction: 'input' }, amount(call.inputTokens));
      tokens.inc({ deployment, provider, direction: 'output' }, amount(call.outputTokens));
      cost.inc({ deployment, provider }, amount(call.costUsd));
      latency.observe({ deployment, provider, status: call.status }, amount(call.latencyMs) / 1000);
      if (call.timeToFirstTokenMs !== null) firstToken.observe({ deployment, provider }, amount(call.timeToFirstTokenMs) / 1000);
    },
    observeCooldown(deploymentName) {
      cooldowns.inc({ deployment: deploymentLabel(deploymentName) });
    },
  };
}

let processMetrics: ModelCallMetrics | undefined;

/** The process's model-call metrics, on prom-client's global registry (created on first use). */
function defaultMetrics(): ModelCallMetrics {
  return (processMetrics ??= createModelCallMetrics());
}

/**
 * Counts one attempt in the process's metrics. `ModelCallLog.record` calls it for every call it records, so callers
 * that record their calls need nothing more.
 */
export function observeModelCall(call: ModelCall): void {
  defaultMetrics().observeModelCall(call);
}

/** Counts a cooldown of the deployment named `deploymentName` in the process's metrics (call it when one starts). */
export function observeCooldown(deploymentName: string): void {
  defaultMetrics().observeCooldown(deploymentName);
}

/** The metric `name` of `registry` when it exists (the module loaded twice, a second factory call), else `create(name)`. */
function reuse<M>(registry: Registry, name: string, create: (name: string) => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create(name);
}

/** Maps values to themselves until `max` distinct ones were seen, later ones to {@link OTHER_LABEL}. */
function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return OTHER_LABEL;
    seen.add(value);
    return value;
  };
}

/** A counter increment or observation: finite and ≥ 0 (prom-client throws on a negative counter increment). */
function amount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
