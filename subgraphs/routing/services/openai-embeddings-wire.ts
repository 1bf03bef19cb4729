import { z } from 'zod';
import { BadUserInputError } from '../../../platform/errors.ts';
import type { EmbeddingRequest } from './embedding-input.ts';
import type { EmbeddingResult } from './embedding-service.ts';

/**
 * The wire format of the OpenAI-compatible `POST /v1/embeddings` (pure): OpenAI's "Create embeddings" request
 * (https://platform.openai.com/docs/api-reference/embeddings/create) mapped to an {@link EmbeddingRequest}, and an
 * {@link EmbeddingResult} mapped to OpenAI's embeddings list. Ranges and limits are checked by embedding-input.ts;
 * errors are mapped by openai-error-wire.ts; the HTTP side is ../openai-routes.ts.
 */

/** How the vectors are sent: JSON numbers, or base64 of little-endian float32 (what the `openai` client asks by default). */
export type EmbeddingEncoding = 'float' | 'base64';

/** Orchestra's extras of the request; unknown keys are refused (a typo would silently drop what is recorded). */
const OrchestraExtrasSchema = z.strictObject({
  taskType: z.string().nullish(),
  memoryId: z.string().nullish(),
  timeoutMs: z.number().nullish(),
});
/** The request body; fields Orchestra does not read (`user`) are dropped. */
const EmbeddingsBodySchema = z.object({
  model: z.string(),
  input: z.union([z.string(), z.array(z.string())], { error: 'must be a string or an array of strings (token arrays are not supported)' }),
  dimensions: z.number().nullish(),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  orchestra: OrchestraExtrasSchema.nullish(),
});

/** A parsed `POST /v1/embeddings` body. */
export interface OpenAiEmbeddingsRequest {
  readonly request: EmbeddingRequest;
  readonly encoding: EmbeddingEncoding;
}

/** One entry of OpenAI's embeddings list. */
export interface OpenAiEmbedding {
  readonly object: 'embedding';
  readonly index: number;
  /** The vector, or base64 of its little-endian float32 values. */
  readonly embedding: number[] | string;
}

/** OpenAI's embeddings list, plus Orchestra's additions (which OpenAI clients ignore). */
export interface OpenAiEmbeddingList {
  readonly object: 'list';
  readonly data: readonly OpenAiEmbedding[];
  /** The answering deployment's name. */
  readonly model: string;
  /** In tokens. */
  readonly usage: { readonly prompt_tokens: number; readonly total_tokens: number };
  readonly orchestra: {
    /** The request id, shared by the attempts' `ModelCall.requestId`. */
    readonly requestId: string;
    /** Cost of every attempt, in USD. */
    readonly costUsd: number;
    /** From the request to the answer, in ms. */
    readonly latencyMs: number;
    readonly deployment: string;
    readonly provider: string;
    readonly attempts: readonly { attempt: number; deployment: string; status: string; errorClass: string | null; latencyMs: number; costUsd: number }[];
  };
}

/**
 * Maps an OpenAI embeddings request body: `input` (a string or strings) → `inputs`, `dimensions`, `encoding_format`
 * (default `float`), and the `orchestra` object's `taskType`, `memoryId` and `timeoutMs`.
 * @throws {@link BadUserInputError} with `details.field` the OpenAI parameter (e.g. `input`, `encoding_format`) when a
 *   field is missing or has the wrong type (token-array inputs included).
 */
export function parseEmbeddingsBody(body: unknown): OpenAiEmbeddingsRequest {
  const parsed = EmbeddingsBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = (issue?.path ?? []).reduce<string>(
      (param, key) => (typeof key === 'number' ? `${param}[${key}]` : param ? `${param}.${String(key)}` : String(key)),
      '',
    );
    throw new BadUserInputError(`Invalid value for '${field || 'body'}': ${issue?.message ?? 'invalid'}`, { field: field || 'body' });
  }
  const b = parsed.data;
  const extras = b.orchestra ?? {};
  return {
    request: {
      model: b.model,
      inputs: typeof b.input === 'string' ? [b.input] : b.input,
      dimensions: b.dimensions ?? undefined,
      taskType: extras.taskType ?? undefined,
      memoryId: extras.memoryId ?? undefined,
      timeoutMs: extras.timeoutMs ?? undefined,
    },
    encoding: b.encoding_format ?? 'float',
  };
}

/** The embeddings list of a result, vectors encoded as `encoding` asks. */
export function toEmbeddingList(result: EmbeddingResult, encoding: EmbeddingEncoding): OpenAiEmbeddingList {
  return {
    object: 'list',
    data: result.vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: encoding === 'base64' ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector,
    })),
    model: result.model,
    usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.inputTokens },
    orchestra: {
      requestId: result.requestId,
      costUsd: result.costUsd,
      latencyMs: result.latencyMs,
      deployment: result.deployment.name,
      provider: result.deployment.provider,
      attempts: result.attempts.map((a) => ({
        attempt: a.attempt,
        deployment: a.modelName,
        status: a.status,
        errorClass: a.errorClass,
        latencyMs: a.latencyMs,
        costUsd: a.costUsd,
      })),
    },
  };
}
