import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { cosine, DEFAULT_FAKE_DIMENSIONS, startFakeEmbeddings, type FakeEmbeddings } from './fake-embeddings.ts';

const KEY = 'sk-fake-embeddings-key';
const clientOf = (fake: FakeEmbeddings, apiKey = KEY): OpenAI => new OpenAI({ baseURL: fake.url, apiKey, maxRetries: 0 });

/** The vectors of `texts`, as floats. */
async function embed(fake: FakeEmbeddings, texts: string[], dimensions?: number): Promise<number[][]> {
  const answer = await clientOf(fake).embeddings.create({ model: 'm', input: texts, encoding_format: 'float', ...(dimensions ? { dimensions } : {}) });
  return answer.data.map((d) => d.embedding);
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a rejection');
}

const norm = (v: readonly number[]): number => Math.hypot(...v);

describe('fake embeddings', () => {
  it("answers OpenAI's embeddings list with unit vectors and ⌈characters / 4⌉ tokens, recording the request", async () => {
    await using fake = await startFakeEmbeddings({ apiKey: KEY });
    const answer = await clientOf(fake).embeddings.create({ model: 'emb-1', input: ['hello', 'a longer text'], encoding_format: 'float' });

    expect(answer).toMatchObject({ object: 'list', model: 'emb-1', usage: { prompt_tokens: 2 + 4, total_tokens: 6 } });
    expect(answer.data.map((d) => [d.object, d.index, d.embedding.length])).toEqual([
      ['embedding', 0, DEFAULT_FAKE_DIMENSIONS],
      ['embedding', 1, DEFAULT_FAKE_DIMENSIONS],
    ]);
    for (const d of answer.data) expect(norm(d.embedding)).toBeCloseTo(1, 5);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/embeddings', body: { model: 'emb-1', input: ['hello', 'a longer text'] } });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('gives synonyms a cosine similarity over 0.8 and unrelated texts under 0.3', async () => {
    await using fake = await startFakeEmbeddings();
    const [parked, automobile, doctor, glad, bought, huge] = await embed(fake, [
      'I parked my car at the office',
      'The automobile is parking at work',
      'The physician was joyful',
      'a glad doctor',
      'We bought a huge vehicle quickly',
      'Purchase of a large auto',
    ]);

    expect(cosine(parked ?? [], automobile ?? [])).toBeGreaterThan(0.8);
    expect(cosine(doctor ?? [], glad ?? [])).toBeGreaterThan(0.8);
    expect(cosine(bought ?? [], huge ?? [])).toBeGreaterThan(0.7);
    expect(Math.abs(cosine(parked ?? [], doctor ?? []))).toBeLessThan(0.3);
    expect(Math.abs(cosine(glad ?? [], automobile ?? []))).toBeLessThan(0.3);
    for (const word of ['car', 'automobile', 'vehicle', 'auto']) expect(cosine(fake.embed(word), fake.embed('car'))).toBeCloseTo(1, 5);
  });

  it('is deterministic across requests and servers, honours dimensions, and sends base64 float32 when asked', async () => {
    await using one = await startFakeEmbeddings();
    await using other = await startFakeEmbeddings();
    const [first] = await embed(one, ['the quick fox']);
    const [again] = await embed(one, ['the quick fox']);
    const [elsewhere] = await embed(other, ['the quick fox']);
    expect(again).toEqual(first);
    expect(elsewhere).toEqual(first);
    expect(one.embed('the quick fox')).toEqual(first);

    const [wide] = await embed(one, ['the quick fox'], 256);
    expect(wide).toHaveLength(256);
    expect(norm(wide ?? [])).toBeCloseTo(1, 5);

    // The client's default asks for base64 and decodes it.
    const decoded = await clientOf(one).embeddings.create({ model: 'm', input: 'the quick fox' });
    expect(decoded.data[0]?.embedding).toEqual(first);
  });

  it('adds synonym groups with setSynonyms', async () => {
    await using fake = await startFakeEmbeddings();
    expect(Math.abs(cosine(fake.embed('sofa'), fake.embed('couch')))).toBeLessThan(0.3);
    fake.setSynonyms([['sofa', 'couch', 'settee']]);
    expect(cosine(fake.embed('a red sofa'), fake.embed('the red couch'))).toBeGreaterThan(0.99);
  });

  it('answers 401 invalid_api_key to another key, and records the request', async () => {
    await using fake = await startFakeEmbeddings({ apiKey: KEY });
    const error = await rejectionOf(clientOf(fake, 'sk-wrong').embeddings.create({ model: 'm', input: 'x' }));
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-wrong');
  });

  it('fails the next requests as scripted: 500, then 429 with Retry-After, then answers again', async () => {
    await using fake = await startFakeEmbeddings();
    fake.failNext(500, 2);
    fake.failNext(429, 1, 7);
    const client = clientOf(fake);
    for (let i = 0; i < 2; i++) expect(await rejectionOf(client.embeddings.create({ model: 'm', input: 'x' }))).toBeInstanceOf(OpenAI.InternalServerError);
    const limited = await rejectionOf(client.embeddings.create({ model: 'm', input: 'x' }));
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('7');
    expect((await client.embeddings.create({ model: 'm', input: 'x' })).data).toHaveLength(1);
    expect(fake.requests).toHaveLength(4);
  });

  it('refuses a request without input with 400', async () => {
    await using fake = await startFakeEmbeddings();
    const response = await fetch(`${fake.url}/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"m"}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', param: 'input' } });
  });
});
