import { describe, expect, it } from 'vitest';
import type { ModelCall } from '../entities/model-call.ts';
import type { ModelProfile } from '../entities/model-profile.ts';
import type { RoutingDecision } from '../entities/routing-decision.ts';
import type { ChatCompletionResult } from './chat-completion.ts';
import { choiceChunk, DONE, sseEvent, toChatCompletion, toChunkDelta, toModelList, usageChunk, type ChunkHead } from './openai-response-wire.ts';

const CREATED_AT = new Date('2030-01-02T03:04:05Z');

function deployment(name: string, overrides: Partial<ModelProfile> = {}): ModelProfile {
  return {
    id: `id-${name}`,
    tenantId: 't',
    name,
    provider: 'fake',
    endpoint: null,
    group: name,
    providerModel: name,
    requestsPerMinute: null,
    tokensPerMinute: null,
    inputCostPer1kTokensUsd: 1,
    outputCostPer1kTokensUsd: 2,
    latencyMs: 100,
    quality: 0.8,
    contextWindowTokens: 8000,
    enabled: true,
    successRate: 1,
    outcomeCount: 0,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    ...overrides,
  };
}

function attempt(n: number, overrides: Partial<ModelCall> = {}): ModelCall {
  return {
    id: `call-${n}`,
    tenantId: 't',
    requestId: 'req-1',
    attempt: n,
    kind: 'CHAT_COMPLETION',
    modelId: 'id-gpt',
    modelName: 'gpt',
    provider: 'fake',
    providerModel: 'gpt',
    taskType: null,
    sessionId: null,
    runId: null,
    stepId: null,
    memoryId: null,
    routingDecisionId: 'dec-1',
    status: 'SUCCEEDED',
    errorClass: null,
    error: null,
    inputTokens: 3,
    outputTokens: 4,
    costUsd: 0.011,
    latencyMs: 12.5,
    timeToFirstTokenMs: null,
    streamed: false,
    createdAt: CREATED_AT,
    ...overrides,
  } as ModelCall;
}

function result(overrides: Partial<ChatCompletionResult> = {}): ChatCompletionResult {
  return {
    id: 'req-1',
    created: 1_900_000_000,
    content: 'hello',
    toolCalls: [],
    finishReason: 'stop',
    usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
    costUsd: 0.011,
    latencyMs: 20,
    timeToFirstTokenMs: null,
    deployment: deployment('gpt'),
    attempts: [attempt(1, { status: 'FAILED', errorClass: 'RATE_LIMITED', inputTokens: 0, outputTokens: 0, costUsd: 0 }), attempt(2)],
    // Only the decision's id is part of the wire format.
    decision: { id: 'dec-1' } as RoutingDecision,
    ...overrides,
  };
}

describe('toChatCompletion', () => {
  it("is OpenAI's chat completion object, with Orchestra's extras aside", () => {
    expect(toChatCompletion(result())).toEqual({
      id: 'chatcmpl-req-1',
      object: 'chat.completion',
      created: 1_900_000_000,
      model: 'gpt',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hello', refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      system_fingerprint: null,
      orchestra: {
        requestId: 'req-1',
        costUsd: 0.011,
        latencyMs: 20,
        timeToFirstTokenMs: null,
        deployment: 'gpt',
        provider: 'fake',
        decisionId: 'dec-1',
        attempts: [
          { attempt: 1, deployment: 'gpt', status: 'FAILED', errorClass: 'RATE_LIMITED', latencyMs: 12.5, costUsd: 0 },
          { attempt: 2, deployment: 'gpt', status: 'SUCCEEDED', errorClass: null, latencyMs: 12.5, costUsd: 0.011 },
        ],
      },
    });
  });

  it('lists tool calls as OpenAI function calls, finishing with tool_calls when the provider gave no reason', () => {
    const completion = toChatCompletion(result({ content: null, finishReason: null, toolCalls: [{ id: 'call_1', name: 'f', arguments: '{}' }] }));
    expect(completion.choices[0]).toMatchObject({
      message: { content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      finish_reason: 'tool_calls',
    });
  });
});

describe('chunks', () => {
  const head: ChunkHead = { id: 'chatcmpl-r', created: 5, model: 'gpt', includeUsage: false };

  it("are OpenAI's chat.completion.chunk objects, with usage: null only when the caller asked for usage", () => {
    expect(choiceChunk(head, { content: 'hi' })).toEqual({
      id: 'chatcmpl-r',
      object: 'chat.completion.chunk',
      created: 5,
      model: 'gpt',
      system_fingerprint: null,
      choices: [{ index: 0, delta: { content: 'hi' }, logprobs: null, finish_reason: null }],
    });
    expect(choiceChunk({ ...head, includeUsage: true }, {}, 'stop')).toMatchObject({ usage: null, choices: [{ delta: {}, finish_reason: 'stop' }] });
  });

  it('end with a usage chunk without choices', () => {
    expect(usageChunk(head, result())).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      orchestra: { requestId: 'req-1' },
    });
  });

  it("give a tool call's first piece its type, and later pieces only their arguments", () => {
    expect(toChunkDelta({ toolCalls: [{ index: 0, id: 'call_1', name: 'f', arguments: '' }] })).toEqual({
      tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }],
    });
    expect(toChunkDelta({ toolCalls: [{ index: 0, arguments: '{"a"' }] })).toEqual({ tool_calls: [{ index: 0, function: { arguments: '{"a"' } }] });
    expect(toChunkDelta({ content: 'x' })).toEqual({ content: 'x' });
  });
});

describe('sseEvent', () => {
  it('is one data line per event, ending with a blank line, and [DONE] as is', () => {
    expect(sseEvent({ text: 'a\nb' })).toBe('data: {"text":"a\\nb"}\n\n');
    expect(sseEvent(DONE)).toBe('data: [DONE]\n\n');
  });
});

describe('toModelList', () => {
  it('lists deployments, then the group names that are not also a deployment name', () => {
    const older = new Date('2029-01-01T00:00:00Z');
    const list = toModelList([
      deployment('a', { group: 'fast' }),
      deployment('b', { group: 'fast', createdAt: older }),
      deployment('c', { group: 'a', provider: 'other' }),
    ]);
    expect(list).toEqual({
      object: 'list',
      data: [
        { id: 'a', object: 'model', created: CREATED_AT.getTime() / 1000, owned_by: 'fake' },
        { id: 'b', object: 'model', created: older.getTime() / 1000, owned_by: 'fake' },
        { id: 'c', object: 'model', created: CREATED_AT.getTime() / 1000, owned_by: 'other' },
        { id: 'fast', object: 'model', created: older.getTime() / 1000, owned_by: 'orchestra' },
      ],
    });
  });
});
