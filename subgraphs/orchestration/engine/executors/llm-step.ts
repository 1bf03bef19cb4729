import type { GatewayClient } from '../../clients/gateway-client.ts';
import { createChatCompletion, type ChatCompletion, type ChatMessage } from '../../clients/chat-completions-client.ts';
import type { LlmConfig } from '../../services/step-config-schemas.ts';
import { StepError } from '../step-error.ts';
import type { StepExecution, StepResult } from './step-execution.ts';

/** Provider that answers locally, without a network call (demos and tests). */
export const ECHO_PROVIDER = 'echo';
/** Characters per token when estimating the usage of the `echo` provider. */
const ECHO_CHARS_PER_TOKEN = 4;

const ROUTE = `mutation OrchestrationRoute($input: RouteInput!) {
  route(input: $input) { id model { name provider endpoint } }
}`;

const RECORD_OUTCOME = `mutation OrchestrationRecordOutcome($decisionId: ID!, $outcome: RoutingOutcomeInput!) {
  recordRoutingOutcome(decisionId: $decisionId, outcome: $outcome) { id }
}`;

interface RouteAnswer {
  route: { id: string; model: { name: string; provider: string; endpoint: string | null } };
}

/** Options of {@link executeLlm}. */
export interface LlmStepOptions {
  readonly gateway: GatewayClient;
}

/**
 * `llm`: asks the router for a model (`route` through the gateway, with the run's session and the step's
 * constraints), calls it (OpenAI-compatible Chat Completions; provider `echo` answers `echo: <prompt>` locally),
 * then reports the outcome (`recordRoutingOutcome`: success, latency, tokens).
 * Output: `{ content, model, provider, usage: { inputTokens, outputTokens }, latencyMs, finishReason }`, plus
 * `simulated: true` for `echo`.
 * @throws {@link StepError} with `routingDecisionId` set once a decision exists.
 */
export async function executeLlm(options: LlmStepOptions, execution: StepExecution<LlmConfig>): Promise<StepResult> {
  const c = execution.config;
  const models = c.models ?? (c.model ? [c.model] : undefined);
  const routeInput = {
    prompt: c.prompt,
    ...(c.maxTokens !== undefined ? { estimatedOutputTokens: c.maxTokens } : {}),
    ...(c.weights ? { weights: c.weights } : {}),
    ...(c.maxCostUsd !== undefined ? { maxCostUsd: c.maxCostUsd } : {}),
    ...(c.maxLatencyMs !== undefined ? { maxLatencyMs: c.maxLatencyMs } : {}),
    ...(c.minQuality !== undefined ? { minQuality: c.minQuality } : {}),
    ...(models ? { models } : {}),
    ...(execution.sessionId ? { sessionId: execution.sessionId } : {}),
  };
  const { route } = await options.gateway.request<RouteAnswer>(execution, ROUTE, { input: routeInput }, execution.signal);
  const messages: ChatMessage[] = [...(c.system ? [{ role: 'system' as const, content: c.system }] : []), { role: 'user', content: c.prompt }];
  const started = performance.now();
  let completion: ChatCompletion;
  try {
    completion =
      route.model.provider === ECHO_PROVIDER
        ? echo(messages, c.prompt)
        : await callProvider(options, route.model, messages, c, execution.signal);
  } catch (error) {
    const failure = StepError.from(error);
    failure.routingDecisionId = route.id;
    if (!execution.signal.aborted) {
      const outcome = { success: false, latencyMs: performance.now() - started, error: failure.message.slice(0, 500) };
      await options.gateway.request(execution, RECORD_OUTCOME, { decisionId: route.id, outcome }, execution.signal).catch(() => undefined);
    }
    throw failure;
  }
  const latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
  try {
    await options.gateway.request(
      execution,
      RECORD_OUTCOME,
      { decisionId: route.id, outcome: { success: true, latencyMs, inputTokens: completion.inputTokens, outputTokens: completion.outputTokens } },
      execution.signal,
    );
  } catch (error) {
    const failure = StepError.from(error);
    failure.routingDecisionId = route.id;
    throw failure;
  }
  const simulated = route.model.provider === ECHO_PROVIDER;
  return {
    routingDecisionId: route.id,
    output: {
      ...(simulated ? { simulated: true } : {}),
      provider: route.model.provider,
      model: route.model.name,
      content: completion.content,
      usage: { inputTokens: completion.inputTokens, outputTokens: completion.outputTokens },
      latencyMs,
      finishReason: completion.finishReason,
    },
  };
}

function echo(messages: readonly ChatMessage[], prompt: string): ChatCompletion {
  const content = `echo: ${prompt}`;
  const inputChars = messages.reduce((n, m) => n + m.content.length, 0);
  return {
    content,
    inputTokens: Math.ceil(inputChars / ECHO_CHARS_PER_TOKEN),
    outputTokens: Math.ceil(content.length / ECHO_CHARS_PER_TOKEN),
    finishReason: 'stop',
  };
}

async function callProvider(
  _options: LlmStepOptions,
  model: RouteAnswer['route']['model'],
  messages: readonly ChatMessage[],
  c: LlmConfig,
  signal: AbortSignal,
): Promise<ChatCompletion> {
  if (!model.endpoint) throw new StepError('UPSTREAM', `model "${model.name}" (provider ${model.provider}) has no endpoint`);
  return createChatCompletion({
    endpoint: model.endpoint,
    apiKey: undefined,
    model: model.name,
    messages,
    maxTokens: c.maxTokens,
    temperature: c.temperature,
    signal,
  });
}
