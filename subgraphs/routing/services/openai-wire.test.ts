import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../../platform/errors.ts';
import { openAiParamOf, parseChatCompletionBody } from './openai-wire.ts';

/** The BadUserInputError `parse` throws (fails the test when it does not throw). */
function refusal(body: unknown): BadUserInputError {
  try {
    parseChatCompletionBody(body);
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected a BadUserInputError');
}

describe('parseChatCompletionBody', () => {
  it('maps every OpenAI field Orchestra reads to the GraphQL input shape', () => {
    const { input, stream, includeUsage } = parseChatCompletionBody({
      model: 'gpt-x',
      messages: [
        { role: 'developer', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hello ' },
            { type: 'text', text: 'there' },
          ],
          name: 'ann',
        },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":1}' } }] },
        { role: 'tool', content: '42', tool_call_id: 'call_1' },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', description: 'finds', parameters: { type: 'object' } } }],
      tool_choice: 'auto',
      response_format: { type: 'json_object' },
      temperature: 0.2,
      max_tokens: 10,
      max_completion_tokens: 20,
      stop: 'END',
      seed: 7,
      n: 1,
      stream: true,
      stream_options: { include_usage: true },
      orchestra: { taskType: 'qa', models: ['a', 'b'], maxCostUsd: 0.5, weights: { cost: 1, latency: 0, quality: 2 }, timeoutMs: 1000 },
    });
    expect(stream).toBe(true);
    expect(includeUsage).toBe(true);
    expect(input).toMatchObject({
      model: 'gpt-x',
      messages: [
        { role: 'SYSTEM', content: 'be brief', name: null, toolCallId: null, toolCalls: null },
        { role: 'USER', content: 'hello there', name: 'ann' },
        { role: 'ASSISTANT', content: null, toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":1}' }] },
        { role: 'TOOL', content: '42', toolCallId: 'call_1' },
      ],
      tools: [{ name: 'lookup', description: 'finds', parameters: { type: 'object' } }],
      toolChoice: 'auto',
      responseFormat: { type: 'json_object' },
      temperature: 0.2,
      maxTokens: 20,
      stop: ['END'],
      seed: 7,
      taskType: 'qa',
      models: ['a', 'b'],
      maxCostUsd: 0.5,
      weights: { cost: 1, latency: 0, quality: 2 },
      timeoutMs: 1000,
      sessionId: null,
    });
  });

  it('lets the router choose when model is absent or "auto", and defaults to a plain answer', () => {
    const messages = [{ role: 'user', content: 'hi' }];
    expect(parseChatCompletionBody({ messages })).toMatchObject({ stream: false, includeUsage: false, input: { model: null, maxTokens: null, stop: null } });
    expect(parseChatCompletionBody({ model: 'auto', messages }).input.model).toBeNull();
  });

  it('ignores OpenAI fields it does not read, and takes max_tokens without max_completion_tokens', () => {
    const { input } = parseChatCompletionBody({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      top_p: 0.1,
      user: 'u',
      logprobs: true,
      max_tokens: 5,
    });
    expect(input.maxTokens).toBe(5);
    expect(input).not.toHaveProperty('top_p');
  });

  it('refuses n greater than 1, naming n', () => {
    expect(refusal({ messages: [{ role: 'user', content: 'hi' }], n: 2 }).details).toEqual({ field: 'n' });
  });

  it('names the OpenAI parameter of a field of the wrong type', () => {
    const error = refusal({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'robot', content: 'x' },
      ],
    });
    expect(error.details).toEqual({ field: 'messages[1].role' });
    expect(error.message).toMatch(/^Invalid value for 'messages\[1\]\.role'/);
    expect(refusal({ messages: 'hi' }).details).toEqual({ field: 'messages' });
    expect(refusal('not an object').details).toEqual({ field: 'body' });
  });

  it('refuses content parts that are not text', () => {
    const error = refusal({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'image_url', image_url: { url: 'x' } },
          ],
        },
      ],
    });
    expect(error.details).toEqual({ field: 'messages[0].content[1]' });
  });

  it('refuses unknown keys of the orchestra extras (a typo would change routing silently)', () => {
    expect(refusal({ messages: [{ role: 'user', content: 'hi' }], orchestra: { maxCost: 1 } }).details['field']).toBe('orchestra');
  });
});

describe('openAiParamOf', () => {
  it.each([
    ['input.messages', 'messages'],
    ['input.messages[2].content', 'messages[2].content'],
    ['input.messages[2].toolCalls[0].name', 'messages[2].tool_calls[0].function.name'],
    ['input.messages[1].toolCallId', 'messages[1].tool_call_id'],
    ['input.tools[3].parameters', 'tools[3].function.parameters'],
    ['input.maxTokens', 'max_tokens'],
    ['input.toolChoice', 'tool_choice'],
    ['input.responseFormat.json_schema', 'response_format.json_schema'],
    ['input.taskType', 'orchestra.taskType'],
    ['input.weights.cost', 'orchestra.weights.cost'],
    ['messages[0].role', 'messages[0].role'],
  ])('maps %s to %s', (field, param) => {
    expect(openAiParamOf(field)).toBe(param);
  });
});
