import { BadUserInputError } from '../../../platform/errors.ts';
import { assertLength } from '../../../platform/validation.ts';
import type { ModelProfileInput, RouteInput, RoutingOutcomeInput } from '../generated/resolvers-types.ts';
import { normaliseWeights, type RoutingRequest } from './routing-score.ts';

/** Longest model name, in characters. */
export const MAX_MODEL_NAME_LENGTH = 200;
/** Longest provider endpoint URL, in characters. */
export const MAX_ENDPOINT_LENGTH = 2048;
/** Longest `route` prompt, in characters (the request body limit applies too). */
export const MAX_PROMPT_LENGTH = 1_000_000;
/** Largest token count accepted anywhere (estimates and outcomes). */
export const MAX_TOKENS = 10_000_000;
/** Most names in `route`'s `models` filter. */
export const MAX_MODEL_FILTER_NAMES = 100;
/** Longest outcome error message, in characters. */
export const MAX_OUTCOME_ERROR_LENGTH = 2000;
/** Expected output when `estimatedOutputTokens` is absent, in tokens. */
export const DEFAULT_OUTPUT_TOKENS = 256;
/** Characters per token when input tokens are estimated from the prompt's length. */
export const CHARACTERS_PER_TOKEN = 4;
/** The provider that answers locally and so needs no endpoint. */
export const ECHO_PROVIDER = 'echo';

/** Provider names: lower-case letter, then lower-case letters, digits, `_` or `-`; at most 64 characters. */
const PROVIDER_NAME = /^[a-z][a-z0-9_-]{0,63}$/;
/** Model names: no whitespace or control characters (`gpt-4o-mini`, `meta/llama-3:8b`). */
const MODEL_NAME = /^[^\s\p{Cc}]+$/u;

/** A model profile input that passed {@link validateModelInput}. */
export interface ValidModelInput {
  readonly name: string;
  readonly provider: string;
  /** Null for the `echo` provider. */
  readonly endpoint: string | null;
  readonly inputCostPer1kTokensUsd: number;
  readonly outputCostPer1kTokensUsd: number;
  readonly latencyMs: number;
  readonly quality: number;
  readonly contextWindowTokens: number;
  readonly enabled: boolean;
  /** The model group; default the name. */
  readonly group: string;
  /** The name sent to the provider; default the name. */
  readonly providerModel: string;
  readonly requestsPerMinute: number | null;
  readonly tokensPerMinute: number | null;
}

/**
 * Validates `upsertModel`'s input: name (1–200 characters, no whitespace), provider name pattern, an http(s) endpoint
 * unless the provider is `echo` (whose endpoint is stored as null), costs ≥ 0, latencyMs > 0, quality in [0, 1],
 * contextWindowTokens > 0.
 * @throws {@link BadUserInputError} naming the first offending field.
 */
export function validateModelInput(input: ModelProfileInput): ValidModelInput {
  assertLength('input.name', input.name, MAX_MODEL_NAME_LENGTH, 1);
  if (!MODEL_NAME.test(input.name)) fail('input.name', 'must not contain whitespace or control characters');
  if (!PROVIDER_NAME.test(input.provider)) {
    fail('input.provider', 'must be a lower-case name of letters, digits, "_" or "-" (e.g. "openai")');
  }
  const echo = input.provider === ECHO_PROVIDER;
  const endpoint = input.endpoint ?? null;
  if (endpoint === null ? !echo : !isHttpUrl(endpoint)) {
    fail('input.endpoint', `must be an http(s) URL of at most ${MAX_ENDPOINT_LENGTH} characters (only "echo" needs none)`);
  }
  assertNumber('input.inputCostPer1kTokensUsd', input.inputCostPer1kTokensUsd, 0);
  assertNumber('input.outputCostPer1kTokensUsd', input.outputCostPer1kTokensUsd, 0);
  if (!(Number.isFinite(input.latencyMs) && input.latencyMs > 0)) fail('input.latencyMs', 'must be greater than 0');
  assertNumber('input.quality', input.quality, 0, 1);
  if (!(Number.isInteger(input.contextWindowTokens) && input.contextWindowTokens > 0)) {
    fail('input.contextWindowTokens', 'must be a positive integer');
  }
  const group = input.group ?? input.name;
  assertLength('input.group', group, MAX_MODEL_NAME_LENGTH, 1);
  if (!MODEL_NAME.test(group)) fail('input.group', 'must not contain whitespace or control characters');
  const providerModel = input.providerModel ?? input.name;
  assertLength('input.providerModel', providerModel, MAX_MODEL_NAME_LENGTH, 1);
  if (!MODEL_NAME.test(providerModel)) fail('input.providerModel', 'must not contain whitespace or control characters');
  for (const field of ['requestsPerMinute', 'tokensPerMinute'] as const) {
    const value = input[field];
    if (value != null && !(Number.isInteger(value) && value > 0)) fail(`input.${field}`, 'must be a positive integer');
  }
  return {
    group,
    providerModel,
    requestsPerMinute: input.requestsPerMinute ?? null,
    tokensPerMinute: input.tokensPerMinute ?? null,
    name: input.name,
    provider: input.provider,
    endpoint: echo ? null : endpoint,
    inputCostPer1kTokensUsd: input.inputCostPer1kTokensUsd,
    outputCostPer1kTokensUsd: input.outputCostPer1kTokensUsd,
    latencyMs: input.latencyMs,
    quality: input.quality,
    contextWindowTokens: input.contextWindowTokens,
    enabled: input.enabled ?? true,
  };
}

/**
 * Validates `route`'s input and turns it into a {@link RoutingRequest}: input tokens are `estimatedInputTokens`, or
 * ⌈prompt length / {@link CHARACTERS_PER_TOKEN}⌉, or 0; output tokens default to {@link DEFAULT_OUTPUT_TOKENS};
 * weights are normalised.
 * @throws {@link BadUserInputError} naming the first offending field.
 */
export function validateRouteInput(input: RouteInput): RoutingRequest {
  const prompt = input.prompt ?? '';
  assertLength('input.prompt', prompt, MAX_PROMPT_LENGTH);
  const inputTokens = input.estimatedInputTokens ?? Math.ceil(prompt.length / CHARACTERS_PER_TOKEN);
  assertTokens('input.estimatedInputTokens', inputTokens);
  const outputTokens = input.estimatedOutputTokens ?? DEFAULT_OUTPUT_TOKENS;
  assertTokens('input.estimatedOutputTokens', outputTokens);
  const w = input.weights;
  if (w) {
    assertNumber('input.weights.cost', w.cost, 0);
    assertNumber('input.weights.latency', w.latency, 0);
    assertNumber('input.weights.quality', w.quality, 0);
    if (w.cost + w.latency + w.quality <= 0) fail('input.weights', 'must not all be 0');
  }
  if (input.maxCostUsd != null) assertNumber('input.maxCostUsd', input.maxCostUsd, 0);
  if (input.maxLatencyMs != null && !(Number.isFinite(input.maxLatencyMs) && input.maxLatencyMs > 0)) {
    fail('input.maxLatencyMs', 'must be greater than 0');
  }
  if (input.minQuality != null) assertNumber('input.minQuality', input.minQuality, 0, 1);
  if (input.models != null && (input.models.length < 1 || input.models.length > MAX_MODEL_FILTER_NAMES)) {
    fail('input.models', `must list 1 to ${MAX_MODEL_FILTER_NAMES} model names`);
  }
  return {
    inputTokens,
    outputTokens,
    weights: normaliseWeights(w ?? undefined),
    maxCostUsd: input.maxCostUsd ?? undefined,
    maxLatencyMs: input.maxLatencyMs ?? undefined,
    minQuality: input.minQuality ?? undefined,
    modelNames: input.models ?? undefined,
  };
}

/**
 * Validates `recordRoutingOutcome`'s outcome: latencyMs ≥ 0, token counts integers in [0, {@link MAX_TOKENS}], an
 * error of at most {@link MAX_OUTCOME_ERROR_LENGTH} characters.
 * @throws {@link BadUserInputError} naming the first offending field.
 */
export function validateOutcome(outcome: RoutingOutcomeInput): void {
  if (outcome.latencyMs != null) assertNumber('outcome.latencyMs', outcome.latencyMs, 0);
  if (outcome.inputTokens != null) assertTokens('outcome.inputTokens', outcome.inputTokens);
  if (outcome.outputTokens != null) assertTokens('outcome.outputTokens', outcome.outputTokens);
  if (outcome.error != null) assertLength('outcome.error', outcome.error, MAX_OUTCOME_ERROR_LENGTH);
}

function isHttpUrl(value: string): boolean {
  if (value.length > MAX_ENDPOINT_LENGTH || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

function assertNumber(field: string, value: number, min: number, max = Number.POSITIVE_INFINITY): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    fail(field, max === Number.POSITIVE_INFINITY ? `must be at least ${min}` : `must be between ${min} and ${max}`);
  }
}

function assertTokens(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_TOKENS) fail(field, `must be an integer from 0 to ${MAX_TOKENS}`);
}

function fail(field: string, rule: string): never {
  throw new BadUserInputError(`"${field}" ${rule}`, { field });
}
