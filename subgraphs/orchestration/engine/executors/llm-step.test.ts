import { describe, expect, it } from 'vitest';
import type { ChatCompletionAnswer, ChatCompletionBody, ChatCompletionProgress } from '../../clients/chat-completion-wire.ts';
import type { GatewayClient } from '../../clients/gateway-client.ts';
import type { LlmConfig } from '../../services/step-config-schemas.ts';
import { StepError } from '../step-error.ts';
import { executeLlm } from './llm-step.ts';
import type { StepOutputDelta } from './output-delta.ts';
import type { CoalescerClock } from './output-delta-coalescer.ts';
import type { StepExecution } from './step-execution.ts';

const ANSWER: ChatCompletionAnswer = {
  content: 'The answer.',
  toolCalls: [],
  finishReason: 'stop',
  model: 'chunk-model',
  usage: { inputTokens: 5, outputTokens: 3 },
  orchestra: { costUsd: 0.01, latencyMs: 12, requestId: 'req-1', decisionId: 'dec-1', deployment: 'gpt-op', provider: 'fake' },
};

/** A gateway that records the request and plays `pieces` through `onDelta`, each at the clock time given. */
function fakeGateway(options: { pieces?: readonly [number, string][]; clock?: FrozenClock; answer?: ChatCompletionAnswer; failure?: StepError } = {}) {
  const requests: ChatCompletionBody[] = [];
  const gateway: GatewayClient = {
    request: () => Promise.reject(new Error('no GraphQL expected')),
    async chatCompletion(_caller, body, _signal, onDelta?: (p: ChatCompletionProgress) => void) {
      requests.push(body);
      let content = '';
      for (const [at, piece] of options.pieces ?? []) {
        options.clock?.set(at);
        content += piece;
        onDelta?.({ appended: piece, content });
        await Promise.resolve();
      }
      if (options.failure) throw options.failure;
      return options.answer ?? ANSWER;
    },
  };
  return { gateway, requests };
}

/** A clock that moves only when set, firing the timers that fall due by then. */
class FrozenClock implements CoalescerClock {
  private time = 0;
  private readonly timers = new Set<{ at: number; callback: () => void }>();
  now = (): number => this.time;
  setTimeout = (callback: () => void, delayMs: number): unknown => {
    const timer = { at: this.time + delayMs, callback };
    this.timers.add(timer);
    return timer;
  };
  clearTimeout = (handle: unknown): void => void this.timers.delete(handle as { at: number; callback: () => void });
  set(time: number): void {
    for (const timer of [...this.timers].sort((a, b) => a.at - b.at)) {
      if (timer.at > time) break;
      this.timers.delete(timer);
      this.time = timer.at;
      timer.callback();
    }
    this.time = time;
  }
}

function execution(config: LlmConfig, deltas: StepOutputDelta[] = []): StepExecution<LlmConfig> {
  return {
    tenantId: 't-1',
    runId: 'run-1',
    sessionId: 'session-1',
    stepId: 'ask',
    attempt: 1,
    config,
    context: { input: null, steps: {}, run: { id: 'run-1' } },
    signal: new AbortController().signal,
    emitOutputDelta: async (delta) => void deltas.push(delta),
  };
}

describe('executeLlm', () => {
  it('sends system and prompt as two messages, the routing constraints and the run in `orchestra`, and streams by default', async () => {
    const { gateway, requests } = fakeGateway();
    await executeLlm(
      { gateway },
      execution({
        prompt: 'hi',
        system: 'be brief',
        models: ['a', 'b'],
        taskType: 'summarise',
        maxCostUsd: 0.5,
        weights: { cost: 1, latency: 0, quality: 1 },
        maxTokens: 20,
      }),
    );
    expect(requests).toEqual([
      {
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'hi' },
        ],
        max_tokens: 20,
        stream: true,
        stream_options: { include_usage: true },
        orchestra: {
          runId: 'run-1',
          stepId: 'ask',
          sessionId: 'session-1',
          taskType: 'summarise',
          models: ['a', 'b'],
          maxCostUsd: 0.5,
          weights: { cost: 1, latency: 0, quality: 1 },
        },
      },
    ]);
  });

  it('sends `messages` in order, with tool calls, and the generation options in OpenAI form', async () => {
    const { gateway, requests } = fakeGateway();
    await executeLlm(
      { gateway },
      execution({
        model: 'gpt-op',
        messages: [
          { role: 'system', content: 's' },
          { role: 'user', content: 'q1' },
          { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{}' }] },
          { role: 'tool', content: 'r', toolCallId: 'c1' },
          { role: 'user', content: 'q2', name: 'ann' },
        ],
        tools: [{ name: 'lookup', description: 'looks up', parameters: { type: 'object' } }],
        toolChoice: { name: 'lookup' },
        responseFormat: { type: 'json_object' },
        temperature: 0.1,
        stop: ['END'],
        seed: 7,
        stream: false,
      }),
    );
    expect(requests[0]).toMatchObject({
      model: 'gpt-op',
      messages: [
        { role: 'system', content: 's' },
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
        { role: 'tool', content: 'r', tool_call_id: 'c1' },
        { role: 'user', content: 'q2', name: 'ann' },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', description: 'looks up', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      response_format: { type: 'json_object' },
      temperature: 0.1,
      stop: ['END'],
      seed: 7,
      stream: false,
    });
    expect(requests[0]).not.toHaveProperty('stream_options');
  });

  it("returns the answer with the routing service's model, provider, cost, latency, decision and request id", async () => {
    const { gateway } = fakeGateway();
    const result = await executeLlm({ gateway }, execution({ prompt: 'hi' }));
    expect(result).toEqual({
      routingDecisionId: 'dec-1',
      output: {
        content: 'The answer.',
        toolCalls: [],
        finishReason: 'stop',
        model: 'gpt-op',
        provider: 'fake',
        usage: { inputTokens: 5, outputTokens: 3 },
        costUsd: 0.01,
        latencyMs: 12,
        routingDecisionId: 'dec-1',
        requestId: 'req-1',
      },
    });
  });

  it('marks an answer of the local echo provider as simulated', async () => {
    const { gateway } = fakeGateway({ answer: { ...ANSWER, orchestra: { ...ANSWER.orchestra, provider: 'echo' } } });
    expect((await executeLlm({ gateway }, execution({ prompt: 'hi' }))).output).toMatchObject({ simulated: true, provider: 'echo' });
  });

  it('publishes the first partial answer at once and coalesces the rest within the interval; drops what is pending at the end', async () => {
    const clock = new FrozenClock();
    const deltas: StepOutputDelta[] = [];
    const { gateway } = fakeGateway({
      clock,
      pieces: [
        [0, 'The '],
        [20, 'ans'],
        [210, 'wer'],
        [220, '.'],
      ],
    });
    await executeLlm({ gateway, clock }, execution({ prompt: 'hi' }, deltas));
    // t=0: at once; t=20: within the interval, so pending until t=100 (trailing edge); t=210: at once, the interval
    // having passed; t=220: pending when the answer completes, dropped (STEP_COMPLETED carries it).
    expect(deltas).toEqual([
      { content: 'The ', offset: 0, length: 4, sequence: 1 },
      { content: 'The ans', offset: 0, length: 7, sequence: 2 },
      { content: 'The answer', offset: 0, length: 10, sequence: 3 },
    ]);
  });

  it('publishes nothing without streaming, and rethrows a failed call after the deltas settle', async () => {
    const deltas: StepOutputDelta[] = [];
    const { gateway } = fakeGateway({ pieces: [[0, 'partial']], failure: new StepError('CONTEXT_LENGTH_EXCEEDED', 'too long') });
    await expect(executeLlm({ gateway }, execution({ prompt: 'hi' }, deltas))).rejects.toMatchObject({ code: 'CONTEXT_LENGTH_EXCEEDED' });
    expect(deltas).toHaveLength(1);
    const quiet: StepOutputDelta[] = [];
    const { gateway: plain, requests } = fakeGateway();
    await executeLlm({ gateway: plain }, execution({ prompt: 'hi', stream: false }, quiet));
    expect(requests[0]?.stream).toBe(false);
    expect(quiet).toEqual([]);
  });
});
