import type { GatewayClient } from '../../clients/gateway-client.ts';
import type { ChatCompletionAnswer, ChatCompletionBody, WireChatMessage } from '../../clients/chat-completion-wire.ts';
import { DEFAULT_LLM_STREAM, type LlmConfig } from '../../services/step-config-schemas.ts';
import { outputDeltaOf } from './output-delta.ts';
import { OutputDeltaCoalescer, type CoalescerClock } from './output-delta-coalescer.ts';
import type { StepExecution, StepResult } from './step-execution.ts';

/** The provider that answers locally (demos and tests): its answers are marked `simulated: true`. */
const SIMULATED_PROVIDER = 'echo';

/** Options of {@link executeLlm}. */
export interface LlmStepOptions {
  readonly gateway: GatewayClient;
  /** The clock of the partial-answer coalescer. @defaultValue the system clock */
  readonly clock?: CoalescerClock;
}

/** The output of an `llm` step. */
export interface LlmStepOutput {
  /** The answer's text; null when the model only called tools. */
  readonly content: string | null;
  readonly toolCalls: readonly { readonly id: string; readonly name: string; readonly arguments: string }[];
  readonly finishReason: string | null;
  /** The answering deployment (model) and its provider. */
  readonly model: string | null;
  readonly provider: string | null;
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
  /** Cost of every attempt of the call, in USD, as the routing service reported it. */
  readonly costUsd: number | null;
  /** Duration of the call, in ms: the routing service's figure, else as measured here. */
  readonly latencyMs: number;
  readonly routingDecisionId: string | null;
  /** The call's request id (its `ModelCall` records share it). */
  readonly requestId: string | null;
  /** Present (true) when the local `echo` provider answered. */
  readonly simulated?: true;
}

/**
 * `llm`: one model call through the routing service — the gateway's OpenAI-compatible `/v1/chat/completions`, as the
 * run (the same code path as every model call: the service chooses the model, holds the provider credentials,
 * retries, falls back and records each attempt and its outcome; this subgraph never holds a provider key). The
 * conversation is `prompt` (after `system`, if any) or `messages`; the routing constraints and the run's session, run
 * and step go in the request's `orchestra` object.
 *
 * With `stream` (default true) the answer is read as it forms and published as STEP_OUTPUT_DELTA events, at most one
 * per 100 ms (`OUTPUT_DELTA_INTERVAL_MS`; the first at once; see {@link OutputDeltaCoalescer}); a delta still pending
 * when the answer completes is dropped, since the step's output (STEP_COMPLETED) carries the whole answer.
 * @returns output {@link LlmStepOutput}, and the routing decision of the answering attempt.
 * @throws {@link StepError} with the model call's class (RATE_LIMITED, CONTEXT_LENGTH_EXCEEDED, PROVIDER_UNAVAILABLE,
 *   ...; see `modelCallError`), UPSTREAM, OUTPUT_TOO_LARGE, or CANCELLED/TIMEOUT when the attempt is aborted.
 */
export async function executeLlm(options: LlmStepOptions, execution: StepExecution<LlmConfig>): Promise<StepResult> {
  const stream = execution.config.stream ?? DEFAULT_LLM_STREAM;
  const coalescer = stream
    ? new OutputDeltaCoalescer({
        publish: (content, sequence) => execution.emitOutputDelta(outputDeltaOf(content, sequence)),
        ...(options.clock ? { clock: options.clock } : {}),
      })
    : undefined;
  const started = performance.now();
  let answer: ChatCompletionAnswer;
  try {
    answer = await options.gateway.chatCompletion(
      execution,
      chatCompletionBody(execution, stream),
      execution.signal,
      coalescer && ((p) => coalescer.update(p.content)),
    );
  } finally {
    await coalescer?.close();
  }
  const measuredMs = Math.round((performance.now() - started) * 1000) / 1000;
  const output = llmOutputOf(answer, measuredMs);
  return { output, routingDecisionId: output.routingDecisionId ?? undefined };
}

/** The step's output of an answer; `measuredMs` stands in when the service reported no latency. */
function llmOutputOf(answer: ChatCompletionAnswer, measuredMs: number): LlmStepOutput {
  const o = answer.orchestra;
  const provider = o.provider ?? null;
  return {
    ...(provider === SIMULATED_PROVIDER ? { simulated: true as const } : {}),
    content: answer.content,
    toolCalls: answer.toolCalls,
    finishReason: answer.finishReason,
    model: o.deployment ?? answer.model,
    provider,
    usage: answer.usage,
    costUsd: o.costUsd ?? null,
    latencyMs: o.latencyMs ?? measuredMs,
    routingDecisionId: o.decisionId ?? null,
    requestId: o.requestId ?? null,
  };
}

/** The `/v1/chat/completions` request of a step's resolved config (OpenAI's parameters plus `orchestra`). */
export function chatCompletionBody(
  execution: Pick<StepExecution<LlmConfig>, 'config' | 'sessionId' | 'runId' | 'stepId'>,
  stream: boolean,
): ChatCompletionBody {
  const c = execution.config;
  return {
    ...(c.model !== undefined ? { model: c.model } : {}),
    messages: messagesOf(c),
    ...(c.tools
      ? {
          tools: c.tools.map((t) => ({
            type: 'function' as const,
            function: {
              name: t.name,
              ...(t.description !== undefined ? { description: t.description } : {}),
              ...(t.parameters ? { parameters: t.parameters } : {}),
            },
          })),
        }
      : {}),
    ...(c.toolChoice !== undefined
      ? { tool_choice: typeof c.toolChoice === 'string' ? c.toolChoice : { type: 'function' as const, function: { name: c.toolChoice.name } } }
      : {}),
    ...(c.responseFormat !== undefined ? { response_format: c.responseFormat } : {}),
    ...(c.temperature !== undefined ? { temperature: c.temperature } : {}),
    ...(c.maxTokens !== undefined ? { max_tokens: c.maxTokens } : {}),
    ...(c.stop !== undefined ? { stop: c.stop } : {}),
    ...(c.seed !== undefined ? { seed: c.seed } : {}),
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : { stream: false }),
    orchestra: {
      runId: execution.runId,
      stepId: execution.stepId,
      ...(execution.sessionId ? { sessionId: execution.sessionId } : {}),
      ...(c.taskType !== undefined ? { taskType: c.taskType } : {}),
      ...(c.models ? { models: c.models } : {}),
      ...(c.maxCostUsd !== undefined ? { maxCostUsd: c.maxCostUsd } : {}),
      ...(c.maxLatencyMs !== undefined ? { maxLatencyMs: c.maxLatencyMs } : {}),
      ...(c.minQuality !== undefined ? { minQuality: c.minQuality } : {}),
      ...(c.weights ? { weights: c.weights } : {}),
    },
  };
}

/** The conversation on the wire: `system` then `prompt` as a user message, or `messages` in order. */
function messagesOf(c: LlmConfig): WireChatMessage[] {
  if (!c.messages) return [...(c.system ? [{ role: 'system' as const, content: c.system }] : []), { role: 'user', content: c.prompt ?? '' }];
  return c.messages.map((m) => ({
    role: m.role,
    content: m.content,
    ...(m.name !== undefined ? { name: m.name } : {}),
    ...(m.toolCallId !== undefined ? { tool_call_id: m.toolCallId } : {}),
    ...(m.toolCalls
      ? { tool_calls: m.toolCalls.map((t) => ({ id: t.id, type: 'function' as const, function: { name: t.name, arguments: t.arguments } })) }
      : {}),
  }));
}
