import { BadUserInputError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/validation.ts';
import { MAX_ATTEMPT_TIMEOUT_MS } from './completion-input.ts';
import { assertModelName, assertTaskType, CHARACTERS_PER_TOKEN } from './routing-limits.ts';

/** Most texts of one embeddings request (OpenAI's limit). */
export const MAX_EMBEDDING_INPUTS = 2048;
/** Longest text of an embeddings request, in characters (UTF-16 code units). */
export const MAX_EMBEDDING_INPUT_CHARACTERS = 32_768;
/** Largest `dimensions` asked for. */
export const MAX_EMBEDDING_DIMENSIONS = 16_384;

/**
 * An embeddings request as a caller gives it ({@link EmbeddingService.embed}). Errors name the fields by their
 * OpenAI parameter: `model`, `input`, `input[i]`, `dimensions`, `orchestra.taskType`, `orchestra.memoryId`,
 * `orchestra.timeoutMs`.
 */
export interface EmbeddingRequest {
  /**
   * A model or group name of the tenant's enabled models, or `<operatorProvider>/<providerModel>`: the model
   * `providerModel` of an operator provider of `LLM_PROVIDERS` that the tenant may use (a tenant's model of that name
   * wins). @see EmbeddingService
   */
  readonly model: string;
  /** The texts, in order: 1 to {@link MAX_EMBEDDING_INPUTS}, each 1 to {@link MAX_EMBEDDING_INPUT_CHARACTERS} characters. */
  readonly inputs: readonly string[];
  /** Length of the vectors asked of the provider, 1 to {@link MAX_EMBEDDING_DIMENSIONS}; absent = the model's own. */
  readonly dimensions?: number | undefined;
  /** Recorded on the ModelCall (1–64 letters, digits, `_`, `-`, `.`). */
  readonly taskType?: string | undefined;
  /** The memory item the vectors are for (a UUID), recorded on the ModelCall. */
  readonly memoryId?: string | undefined;
  /** Timeout of one attempt, in ms, 1 to 600,000. @defaultValue `LLM_TIMEOUT_MS` */
  readonly timeoutMs?: number | undefined;
}

/** A request that passed {@link validateEmbeddingRequest}. */
export interface ValidEmbeddingRequest extends EmbeddingRequest {
  /** ⌈characters / {@link CHARACTERS_PER_TOKEN}⌉ summed over the inputs: what the limits are charged before the call. */
  readonly estimatedInputTokens: number;
}

/**
 * Validates an embeddings request against the limits above.
 * @throws {@link BadUserInputError} with `details.field` the OpenAI parameter of the first offending field.
 */
export function validateEmbeddingRequest(request: EmbeddingRequest): ValidEmbeddingRequest {
  assertModelName('model', request.model);
  const { inputs } = request;
  if (inputs.length === 0 || inputs.length > MAX_EMBEDDING_INPUTS) fail('input', `must be 1 to ${MAX_EMBEDDING_INPUTS} texts`);
  let estimatedInputTokens = 0;
  inputs.forEach((text, i) => {
    const field = inputs.length === 1 ? 'input' : `input[${i}]`;
    if (text.length === 0 || text.length > MAX_EMBEDDING_INPUT_CHARACTERS) fail(field, `must be 1 to ${MAX_EMBEDDING_INPUT_CHARACTERS} characters long`);
    estimatedInputTokens += Math.ceil(text.length / CHARACTERS_PER_TOKEN);
  });
  const { dimensions, taskType, memoryId, timeoutMs } = request;
  if (dimensions !== undefined && (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_EMBEDDING_DIMENSIONS)) {
    fail('dimensions', `must be an integer from 1 to ${MAX_EMBEDDING_DIMENSIONS}`);
  }
  if (taskType !== undefined) assertTaskType('orchestra.taskType', taskType);
  if (memoryId !== undefined && !isUuid(memoryId)) fail('orchestra.memoryId', 'must be a UUID');
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_ATTEMPT_TIMEOUT_MS)) {
    fail('orchestra.timeoutMs', `must be an integer from 1 to ${MAX_ATTEMPT_TIMEOUT_MS}`);
  }
  return { ...request, estimatedInputTokens };
}

function fail(field: string, rule: string): never {
  throw new BadUserInputError(`'${field}' ${rule}`, { field });
}
