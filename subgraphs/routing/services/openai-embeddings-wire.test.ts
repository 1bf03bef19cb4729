import { describe, expect, it } from 'vitest';
import { rejectedField } from '../../../test/kit/rejected-field.ts';
import type { ModelProfile } from '../entities/model-profile.ts';
import { MAX_EMBEDDING_INPUT_CHARACTERS, MAX_EMBEDDING_INPUTS, validateEmbeddingRequest } from './embedding-input.ts';
import type { EmbeddingResult } from './embedding-service.ts';
import { parseEmbeddingsBody, toEmbeddingList } from './openai-embeddings-wire.ts';

describe('parseEmbeddingsBody', () => {
  it('maps a string or strings, dimensions, the encoding and the orchestra extras', () => {
    expect(parseEmbeddingsBody({ model: 'm', input: 'one', user: 'ignored' })).toEqual({
      request: { model: 'm', inputs: ['one'], dimensions: undefined, taskType: undefined, memoryId: undefined, timeoutMs: undefined },
      encoding: 'float',
    });
    const memoryId = '4f9c2d1e-8a7b-4c3d-9e2f-1a2b3c4d5e6f';
    expect(
      parseEmbeddingsBody({ model: 'm', input: ['a', 'b'], dimensions: 8, encoding_format: 'base64', orchestra: { taskType: 't', memoryId, timeoutMs: 5 } }),
    ).toEqual({ request: { model: 'm', inputs: ['a', 'b'], dimensions: 8, taskType: 't', memoryId, timeoutMs: 5 }, encoding: 'base64' });
  });

  it('names the OpenAI parameter of a missing or mistyped field', () => {
    expect(rejectedField(() => parseEmbeddingsBody({ model: 'm' }))).toBe('input');
    expect(rejectedField(() => parseEmbeddingsBody({ input: 'x' }))).toBe('model');
    expect(rejectedField(() => parseEmbeddingsBody({ model: 'm', input: [1, 2] }))).toBe('input');
    expect(rejectedField(() => parseEmbeddingsBody({ model: 'm', input: 'x', encoding_format: 'int8' }))).toBe('encoding_format');
    expect(rejectedField(() => parseEmbeddingsBody({ model: 'm', input: 'x', orchestra: { sessionid: 'typo' } }))).toBe('orchestra');
    expect(rejectedField(() => parseEmbeddingsBody(undefined))).toBe('body');
  });
});

describe('validateEmbeddingRequest', () => {
  const valid = { model: 'emb/x', inputs: ['abcde', 'fg'] };

  it('estimates ⌈characters / 4⌉ tokens per input', () => {
    expect(validateEmbeddingRequest(valid).estimatedInputTokens).toBe(2 + 1);
  });

  it('keeps the inputs, their lengths and the other fields within their limits', () => {
    expect(rejectedField(() => validateEmbeddingRequest({ ...valid, inputs: [] }))).toBe('input');
    expect(rejectedField(() => validateEmbeddingRequest({ ...valid, inputs: Array.from({ length: MAX_EMBEDDING_INPUTS + 1 }, () => 'x') }))).toBe('input');
    expect(rejectedField(() => validateEmbeddingRequest({ ...valid, inputs: Array.from({ length: MAX_EMBEDDING_INPUTS }, () => 'x') }))).toBeUndefined();
    expect(rejectedField(() => validateEmbeddingRequest({ ...valid, inputs: ['x'.repeat(MAX_EMBEDDING_INPUT_CHARACTERS + 1)] }))).toBe('input');
    expect(rejectedField(() => validateEmbeddingRequest({ ...valid, inputs: ['ok', ''] }))).toBe('input[1]');
    expect(rejectedField(() => validateEmbeddingRequest({ ...valid, model: 'two words' }))).toBe('model');
    expect(rejectedField(() => validateEmbeddingRequest({ ...valid, dimensions: 1.5 }))).toBe('dimensions');
    expect(rejectedField(() => validateEmbeddingRequest({ ...valid, taskType: 'no spaces' }))).toBe('orchestra.taskType');
    expect(rejectedField(() => validateEmbeddingRequest({ ...valid, memoryId: 'not-a-uuid' }))).toBe('orchestra.memoryId');
    expect(rejectedField(() => validateEmbeddingRequest({ ...valid, timeoutMs: 0 }))).toBe('orchestra.timeoutMs');
  });
});

describe('toEmbeddingList', () => {
  const result: EmbeddingResult = {
    requestId: 'r-1',
    vectors: [
      [0.5, -0.25],
      [1, 0],
    ],
    model: 'embedder',
    usage: { inputTokens: 7 },
    costUsd: 0.001,
    latencyMs: 12,
    deployment: { name: 'embedder', provider: 'emb' } as ModelProfile,
    attempts: [],
  };

  it("answers OpenAI's embeddings list with the usage and Orchestra's extras", () => {
    expect(toEmbeddingList(result, 'float')).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, -0.25] },
        { object: 'embedding', index: 1, embedding: [1, 0] },
      ],
      model: 'embedder',
      usage: { prompt_tokens: 7, total_tokens: 7 },
      orchestra: { requestId: 'r-1', costUsd: 0.001, latencyMs: 12, deployment: 'embedder', provider: 'emb', attempts: [] },
    });
  });

  it('encodes base64 as little-endian float32', () => {
    const [first] = toEmbeddingList(result, 'base64').data;
    const bytes = Buffer.from(first?.embedding as string, 'base64');
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4)]).toEqual([0.5, -0.25]);
  });
});
