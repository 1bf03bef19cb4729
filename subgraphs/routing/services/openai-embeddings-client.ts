import { request, type Dispatcher } from 'undici';
import { asFailure, readBounded, type ProviderCallTarget } from './openai-chat-client.ts';
import { classifyAnswer, ProviderFailure } from './provider-failure.ts';

/**
 * Largest embeddings answer read from a provider, in bytes (64 MiB: 2,048 vectors of 1,536 floats as JSON text,
 * about 20 bytes a float). A larger one fails the attempt as `PROVIDER_UNAVAILABLE`.
 */
export const MAX_EMBEDDINGS_ANSWER_BYTES = 64 * 1024 * 1024;

/** What one embeddings attempt sends, besides the target's model. */
export interface EmbeddingsCall {
  /** The texts, in order; at least one. */
  readonly inputs: readonly string[];
  /** Length of the vectors asked for (models that support it shorten theirs); absent = the model's own. */
  readonly dimensions?: number | undefined;
}

/** What one successful embeddings attempt returned. */
export interface EmbeddingsAnswer {
  /** One vector per input, in the inputs' order. */
  readonly vectors: number[][];
  /** The provider's `usage.prompt_tokens` (else `total_tokens`); undefined when it reported neither. */
  readonly inputTokens: number | undefined;
}

interface OpenAiEmbeddingsAnswer {
  data?: { index?: unknown; embedding?: unknown }[];
  usage?: { prompt_tokens?: unknown; total_tokens?: unknown } | null;
}

/**
 * One attempt of an OpenAI Embeddings call (`POST ${baseUrl}/embeddings` with `{ model, input, encoding_format:
 * 'float', dimensions? }`; OpenAI's API reference, "Create embeddings"). The key goes as `Authorization: Bearer` to
 * `target.baseUrl` only; no redirect is followed. No retries here: the embedding service is the retry loop.
 * @throws {@link ProviderFailure} classified from the answer (provider-failure.ts); `PROVIDER_UNAVAILABLE` for an answer
 *   that is not OpenAI's embeddings list of one vector of finite numbers per input (a base64 vector is decoded),
 *   `TIMEOUT` when `signal` aborts with reason `'TIMEOUT'`, `CANCELLED` for any other abort, `EGRESS_DENIED` when the
 *   egress policy refused the target.
 */
export async function callEmbeddings(target: ProviderCallTarget, call: EmbeddingsCall, signal: AbortSignal): Promise<EmbeddingsAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (target.apiKey) headers['authorization'] = `Bearer ${target.apiKey}`;
  const body = {
    model: target.model,
    input: call.inputs,
    encoding_format: 'float',
    ...(call.dimensions !== undefined ? { dimensions: call.dimensions } : {}),
  };
  let answer: Dispatcher.ResponseData;
  try {
    answer = await request(`${target.baseUrl}/embeddings`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      dispatcher: target.dispatcher,
      signal,
      maxRedirections: 0,
    } as Parameters<typeof request>[1]);
  } catch (error) {
    throw asFailure(error, signal);
  }
  try {
    if (answer.statusCode < 200 || answer.statusCode > 299) {
      const text = await answer.body.text();
      const retryAfter = answer.headers['retry-after'];
      throw classifyAnswer(answer.statusCode, text, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    }
    const text = await readBounded(answer.body, MAX_EMBEDDINGS_ANSWER_BYTES);
    return fromAnswer(JSON.parse(text) as OpenAiEmbeddingsAnswer, call.inputs.length);
  } catch (error) {
    answer.body.destroy();
    throw asFailure(error, signal);
  }
}

/** The vectors in input order and the usage, from OpenAI's embeddings list. */
function fromAnswer(body: OpenAiEmbeddingsAnswer, expected: number): EmbeddingsAnswer {
  const data = Array.isArray(body.data) ? body.data : [];
  if (data.length !== expected) {
    throw new ProviderFailure('PROVIDER_UNAVAILABLE', `provider answered ${data.length} embeddings for ${expected} input${expected === 1 ? '' : 's'}`);
  }
  const vectors: (number[] | undefined)[] = new Array<number[] | undefined>(expected).fill(undefined);
  data.forEach((item, position) => {
    const index = typeof item.index === 'number' ? item.index : position;
    if (!Number.isInteger(index) || index < 0 || index >= expected || vectors[index] !== undefined) {
      throw new ProviderFailure('PROVIDER_UNAVAILABLE', `provider answered an embedding with a bad index (${String(item.index)})`);
    }
    vectors[index] = vectorOf(item.embedding, index);
  });
  const usage = body.usage;
  const tokens = typeof usage?.prompt_tokens === 'number' ? usage.prompt_tokens : typeof usage?.total_tokens === 'number' ? usage.total_tokens : undefined;
  return { vectors: vectors as number[][], inputTokens: tokens !== undefined && Number.isFinite(tokens) && tokens >= 0 ? Math.round(tokens) : undefined };
}

/** One embedding: an array of finite numbers, or base64 little-endian float32 (what some providers send regardless). */
function vectorOf(embedding: unknown, index: number): number[] {
  if (typeof embedding === 'string') {
    const bytes = Buffer.from(embedding, 'base64');
    if (bytes.length === 0 || bytes.length % 4 !== 0) throw new ProviderFailure('PROVIDER_UNAVAILABLE', `provider answered a bad base64 embedding ${index}`);
    return Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
  }
  if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) {
    throw new ProviderFailure('PROVIDER_UNAVAILABLE', `provider answered embedding ${index} that is not a list of numbers`);
  }
  return embedding;
}
