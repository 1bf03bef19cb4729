import { createServer, type Server } from 'node:http';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEmbeddings, type FakeEmbeddings } from '../../../test/kit/fake-embeddings.ts';
import { callEmbeddings } from './openai-embeddings-client.ts';
import { ProviderFailure } from './provider-failure.ts';

const KEY = 'sk-client-test';
const dispatcher = new Agent();
let fake: FakeEmbeddings;
/** Answers every request with the JSON body of `answer` (settable per test). */
let malformed: Server;
let answer: unknown;
let malformedUrl: string;

beforeAll(async () => {
  fake = await startFakeEmbeddings({ apiKey: KEY, dimensions: 8 });
  malformed = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
  await new Promise<void>((resolve) => malformed.listen(0, '127.0.0.1', resolve));
  const address = malformed.address();
  malformedUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
});
afterAll(async () => {
  await fake.close();
  malformed.closeAllConnections();
  await new Promise<void>((resolve) => malformed.close(() => resolve()));
  await dispatcher.close();
});

const target = (baseUrl: string, apiKey: string | undefined = KEY) => ({ baseUrl, apiKey, model: 'm-1', dispatcher });

/** The ProviderFailure a call rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<ProviderFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderFailure) return error;
    throw error;
  }
  throw new Error('expected a ProviderFailure');
}

describe('callEmbeddings', () => {
  it('posts the model, inputs and dimensions with the key, and returns the vectors and usage', async () => {
    const result = await callEmbeddings(target(fake.url), { inputs: ['alpha', 'beta gamma'], dimensions: 4 }, AbortSignal.timeout(5000));
    expect(result).toEqual({ vectors: [fake.embed('alpha', 4), fake.embed('beta gamma', 4)], inputTokens: 2 + 3 });
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.requests.at(-1)?.body).toEqual({ model: 'm-1', input: ['alpha', 'beta gamma'], encoding_format: 'float', dimensions: 4 });
  });

  it('classifies error answers: 401, 500 and 429 with its Retry-After', async () => {
    expect((await failureOf(callEmbeddings(target(fake.url, 'wrong'), { inputs: ['x'] }, AbortSignal.timeout(5000)))).errorClass).toBe('PROVIDER_AUTH_FAILED');
    fake.failNext(500);
    expect((await failureOf(callEmbeddings(target(fake.url), { inputs: ['x'] }, AbortSignal.timeout(5000)))).errorClass).toBe('PROVIDER_UNAVAILABLE');
    fake.failNext(429, 1, 3);
    const limited = await failureOf(callEmbeddings(target(fake.url), { inputs: ['x'] }, AbortSignal.timeout(5000)));
    expect([limited.errorClass, limited.retryAfterMs]).toEqual(['RATE_LIMITED', 3000]);
  });

  it('orders vectors by index, decodes base64 ones, and has no usage when none is reported', async () => {
    const floats = Buffer.from(Float32Array.from([0.5, 0.25]).buffer).toString('base64');
    answer = {
      data: [
        { index: 1, embedding: [1, 2] },
        { index: 0, embedding: floats },
      ],
    };
    expect(await callEmbeddings(target(malformedUrl), { inputs: ['a', 'b'] }, AbortSignal.timeout(5000))).toEqual({
      vectors: [
        [0.5, 0.25],
        [1, 2],
      ],
      inputTokens: undefined,
    });
  });

  it('refuses an answer that is not one vector of numbers per input as PROVIDER_UNAVAILABLE', async () => {
    for (const bad of [
      { data: [{ index: 0, embedding: [1] }] },
      {
        data: [
          { index: 0, embedding: [1] },
          { index: 0, embedding: [2] },
        ],
      },
      {
        data: [
          { index: 0, embedding: ['x'] },
          { index: 1, embedding: [2] },
        ],
      },
      {
        data: [
          { index: 0, embedding: [] },
          { index: 1, embedding: [2] },
        ],
      },
      { nothing: true },
    ]) {
      answer = bad;
      const failure = await failureOf(callEmbeddings(target(malformedUrl), { inputs: ['a', 'b'] }, AbortSignal.timeout(5000)));
      expect(failure.errorClass).toBe('PROVIDER_UNAVAILABLE');
    }
  });

  it('times out as TIMEOUT and is cancelled as CANCELLED', async () => {
    const timeout = new AbortController();
    timeout.abort('TIMEOUT');
    expect((await failureOf(callEmbeddings(target(fake.url), { inputs: ['x'] }, timeout.signal))).errorClass).toBe('TIMEOUT');
    expect((await failureOf(callEmbeddings(target(fake.url), { inputs: ['x'] }, AbortSignal.abort()))).errorClass).toBe('CANCELLED');
  });
});
