import { SpanKind } from '@opentelemetry/api';
import { inSpan } from '../../../platform/telemetry/spans.ts';
import type { ModelCall } from '../entities/model-call.ts';
import type { ModelProfile } from '../entities/model-profile.ts';

/** What a model call span records of an answered attempt. */
export interface ModelCallUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly finishReason?: string | null;
}

/**
 * Runs one attempt on `deployment` as a CLIENT span `<operation> <provider model>` with the GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/): `gen_ai.operation.name` (`chat`, `embeddings`),
 * `gen_ai.provider.name`, `gen_ai.request.model`, and once answered `gen_ai.response.model` (the deployment's provider
 * model: the one called), `gen_ai.usage.input_tokens`/`output_tokens`; and `orchestra.cost_usd`, the cost of the
 * attempt's `ModelCall` (the last of `attempts` once `work` settled, failed ones included). Never the key, the
 * prompt, the input or the answer.
 */
export async function inModelCallSpan<T>(
  operation: 'chat' | 'embeddings',
  deployment: ModelProfile,
  attempts: readonly ModelCall[],
  work: () => Promise<T>,
  usageOf: (result: T) => ModelCallUsage,
): Promise<T> {
  const attributes = {
    'gen_ai.operation.name': operation,
    'gen_ai.provider.name': deployment.provider,
    'gen_ai.request.model': deployment.providerModel,
    'orchestra.deployment.id': deployment.id,
    'orchestra.model_call.attempt': attempts.length + 1,
  };
  return inSpan(`${operation} ${deployment.providerModel}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const before = attempts.length;
    try {
      const result = await work();
      const usage = usageOf(result);
      span.setAttributes({
        'gen_ai.response.model': deployment.providerModel,
        'gen_ai.usage.input_tokens': usage.inputTokens,
        'gen_ai.usage.output_tokens': usage.outputTokens,
        ...(usage.finishReason ? { 'gen_ai.response.finish_reasons': [usage.finishReason] } : {}),
      });
      return result;
    } finally {
      const attempt = attempts.length > before ? attempts.at(-1) : undefined;
      if (attempt) span.setAttribute('orchestra.cost_usd', attempt.costUsd);
    }
  });
}
