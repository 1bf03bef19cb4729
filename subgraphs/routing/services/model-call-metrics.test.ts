import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ModelCall } from '../entities/model-call.ts';
import { createModelCallMetrics, OTHER_LABEL } from './model-call-metrics.ts';

function call(overrides: Partial<ModelCall> = {}): ModelCall {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    tenantId: 't',
    requestId: '00000000-0000-4000-8000-000000000002',
    attempt: 1,
    kind: 'CHAT_COMPLETION',
    modelId: '00000000-0000-4000-8000-000000000003',
    modelName: 'gpt-4o-mini',
    provider: 'openai',
    providerModel: 'gpt-4o-mini',
    taskType: null,
    sessionId: null,
    runId: null,
    stepId: null,
    memoryId: null,
    routingDecisionId: null,
    status: 'SUCCEEDED',
    errorClass: null,
    error: null,
    inputTokens: 10,
    outputTokens: 5,
    costUsd: 0.5,
    latencyMs: 250,
    timeToFirstTokenMs: null,
    streamed: false,
    createdAt: new Date(0),
    ...overrides,
  };
}

/** The value of the sample `metric` (a histogram's `_sum`/`_count` included) whose labels include `labels`. */
async function sample(registry: Registry, metric: string, labels: Record<string, string>): Promise<number | undefined> {
  const base = metric.replace(/_(count|sum)$/, '');
  const values: readonly { value: number; labels: Partial<Record<string, string | number>>; metricName?: string }[] =
    (await registry.getSingleMetric(base)?.get())?.values ?? [];
  const found = values.find((v) => (v.metricName ?? base) === metric && Object.entries(labels).every(([k, value]) => v.labels[k] === value));
  return found?.value;
}

describe('createModelCallMetrics', () => {
  it('counts calls, tokens, cost, latency and time to first token per deployment, provider and status', async () => {
    const registry = new Registry();
    const metrics = createModelCallMetrics({ registry });
    metrics.observeModelCall(call({ timeToFirstTokenMs: 100, streamed: true }));
    metrics.observeModelCall(call({ status: 'FAILED', errorClass: 'TIMEOUT', inputTokens: 7, outputTokens: 0, costUsd: 0, latencyMs: 2000 }));
    const base = { deployment: 'gpt-4o-mini', provider: 'openai' };
    expect(await sample(registry, 'orchestra_model_calls_total', { ...base, status: 'SUCCEEDED', error_class: 'none' })).toBe(1);
    expect(await sample(registry, 'orchestra_model_calls_total', { ...base, status: 'FAILED', error_class: 'TIMEOUT' })).toBe(1);
    expect(await sample(registry, 'orchestra_model_call_tokens_total', { ...base, direction: 'input' })).toBe(17);
    expect(await sample(registry, 'orchestra_model_call_tokens_total', { ...base, direction: 'output' })).toBe(5);
    expect(await sample(registry, 'orchestra_model_call_cost_usd_total', base)).toBe(0.5);
    expect(await sample(registry, 'orchestra_model_call_latency_seconds_sum', { ...base, status: 'FAILED' })).toBe(2);
    expect(await sample(registry, 'orchestra_model_call_time_to_first_token_seconds_count', base)).toBe(1);
    expect(await sample(registry, 'orchestra_model_call_time_to_first_token_seconds_sum', base)).toBe(0.1);
  });

  it('keeps at most maxLabelValues deployment names and counts later ones as (other)', async () => {
    const registry = new Registry();
    const metrics = createModelCallMetrics({ registry, maxLabelValues: 2 });
    for (const name of ['a', 'b', 'c', 'd', 'a']) metrics.observeModelCall(call({ modelName: name }));
    metrics.observeCooldown('e');
    metrics.observeCooldown('a');
    const calls = (await registry.getSingleMetric('orchestra_model_calls_total')?.get())?.values ?? [];
    expect(Object.fromEntries(calls.map((v) => [v.labels['deployment'], v.value]))).toEqual({ a: 2, b: 1, [OTHER_LABEL]: 2 });
    const cooldowns = (await registry.getSingleMetric('orchestra_deployment_cooldowns_total')?.get())?.values ?? [];
    expect(Object.fromEntries(cooldowns.map((v) => [v.labels['deployment'], v.value]))).toEqual({ a: 1, [OTHER_LABEL]: 1 });
  });

  it('never throws on a negative or non-finite amount, and reuses the metrics a registry already has', async () => {
    const registry = new Registry();
    const first = createModelCallMetrics({ registry });
    const second = createModelCallMetrics({ registry });
    expect(() => first.observeModelCall(call({ costUsd: -1, inputTokens: Number.NaN, latencyMs: Number.POSITIVE_INFINITY }))).not.toThrow();
    second.observeModelCall(call());
    expect(await sample(registry, 'orchestra_model_calls_total', { deployment: 'gpt-4o-mini', status: 'SUCCEEDED' })).toBe(2);
    expect(await sample(registry, 'orchestra_model_call_cost_usd_total', { deployment: 'gpt-4o-mini' })).toBe(0.5);
  });
});
