import { BadUserInputError } from '../../../platform/errors.ts';
import { assertLength } from '../../../platform/validation.ts';
import type { ModelProfileInput, RouteInput, RoutingOutcomeInput } from '../generated/resolvers-types.ts';
import { ECHO_PROVIDER } from './provider-input.ts';
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
/** The provider that answers locally and so needs no endpoint (defined with the provider names it is reserved among). */
export { ECHO_PROVIDER };

/** Provider names: lower-case letter, then lower-case letters, digits, `_` or `-`; at most 64 characters. */
const PROVIDER_NAME = /^[a-z][a-z0-9_-]{0,63}$/;
/** Model names: no whitespace or control characters (`gpt-4o-mini`, `meta/llama-3:8b`). */
const MODEL_NAME = /^[^\s\p{Cc}]+$/u;

/** What a model's provider name is, as far as the model's endpoint goes (see `ModelProfileInput.endpoint`). */
export type ModelProviderKind =
  /** `echo`: answers locally; the endpoint must be absent. */
  | { readonly kind: 'echo' }
  /**
   * An operator provider the tenant may use, or one of the tenant's own: calls go to its `baseUrl` (without a trailing
   * slash); the endpoint must be absent or equal to it, and is stored as null.
   */
  | { readonly kind: 'registered'; readonly baseUrl: string }
  /** An operator provider the tenant may not use (its `tenants` allow-list leaves the tenant out): refused. */
  | { readonly kind: 'unavailable' }
  /** Any other name: the label of a keyless endpoint of the model's own, which is required. */
  | { readonly kind: 'keyless' };

/** A model profile input that passed {@link validateModelInput}. */
export interface ValidModelInput {
  readonly name: string;
  readonly provider: string;
  /** The keyless endpoint of the model's own; null for `echo` and registered providers. */
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
 * Validates `upsertModel`'s input: name (1–200 characters, no whitespace), provider name pattern, the endpoint rule of
 * the provider's kind ({@link ModelProviderKind}: absent for `echo`; absent or the provider's base URL for a
 * registered provider, stored as null; an http(s) URL of at most {@link MAX_ENDPOINT_LENGTH} characters otherwise),
 * costs ≥ 0, latencyMs > 0, quality in [0, 1], contextWindowTokens > 0.
 * @param provider the kind of `input.provider` for the tenant (the model service looks it up); default `echo` for
 * `echo` and `keyless` for any other name, as when no provider is registered.
 * @throws {@link BadUserInputError} naming the first offending field.
 */
export function validateModelInput(
  input: ModelProfileInput,
  provider: ModelProviderKind = input.provider === ECHO_PROVIDER ? { kind: 'echo' } : { kind: 'keyless' },
): ValidModelInput {
  assertLength('input.name', input.name, MAX_MODEL_NAME_LENGTH, 1);
  if (!MODEL_NAME.test(input.name)) fail('input.name', 'must not contain whitespace or control characters');
  if (!PROVIDER_NAME.test(input.provider)) {
    fail('input.provider', 'must be a lower-case name of letters, digits, "_" or "-" (e.g. "openai")');
  }
  const endpoint = modelEndpoint(input.endpoint ?? null, provider);
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
    endpoint,
    inputCostPer1kTokensUsd: input.inputCostPer1kTokensUsd,
    outputCostPer1kTokensUsd: input.outputCostPer1kTokensUsd,
    latencyMs: input.latencyMs,
    quality: input.quality,
    contextWindowTokens: input.contextWindowTokens,
    enabled: input.enabled ?? true,
  };
}

/** Task types: 1–64 letters, digits, `_`, `-` or `.` (e.g. `summarise`, `code.review`). */
const TASK_TYPE = /^[A-Za-z0-9_.-]{1,64}$/;

/** A `route` input that passed {@link validateRouteInput}: the request to score, and its task type. */
export interface ValidRouteInput extends RoutingRequest {
  /** Undefined without one. */
  readonly taskType: string | undefined;
}

/**
 * Asserts that `value` is a task type: 1–64 characters of letters, digits, `_`, `-` and `.`.
 * @throws {@link BadUserInputError} naming `field`.
 */
export function assertTaskType(field: string, value: string): void {
  if (!TASK_TYPE.test(value)) fail(field, 'must be 1 to 64 characters of letters, digits, "_", "-" or "."');
}

/**
 * Validates `route`'s input and turns it into a {@link ValidRouteInput}: input tokens are `estimatedInputTokens`, or
 * ⌈prompt length / {@link CHARACTERS_PER_TOKEN}⌉, or 0; output tokens default to {@link DEFAULT_OUTPUT_TOKENS};
 * weights are normalised; a task type is 1–64 characters of letters, digits, `_`, `-` and `.`.
 * @throws {@link BadUserInputError} naming the first offending field.
 */
export function validateRouteInput(input: RouteInput): ValidRouteInput {
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
  if (input.taskType != null) assertTaskType('input.taskType', input.taskType);
  return {
    taskType: input.taskType ?? undefined,
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
 * Validates `recordRoutingOutcome`'s outcome: quality in [0, 1], latencyMs ≥ 0, token counts integers in
 * [0, {@link MAX_TOKENS}], an error of at most {@link MAX_OUTCOME_ERROR_LENGTH} characters.
 * @throws {@link BadUserInputError} naming the first offending field.
 */
export function validateOutcome(outcome: RoutingOutcomeInput): void {
  if (outcome.quality != null) assertNumber('outcome.quality', outcome.quality, 0, 1);
  if (outcome.latencyMs != null) assertNumber('outcome.latencyMs', outcome.latencyMs, 0);
  if (outcome.inputTokens != null) assertTokens('outcome.inputTokens', outcome.inputTokens);
  if (outcome.outputTokens != null) assertTokens('outcome.outputTokens', outcome.outputTokens);
  if (outcome.error != null) assertLength('outcome.error', outcome.error, MAX_OUTCOME_ERROR_LENGTH);
}

/** The endpoint stored for a model on a provider of kind `provider`, or a BAD_USER_INPUT naming the field. */
function modelEndpoint(endpoint: string | null, provider: ModelProviderKind): string | null {
  switch (provider.kind) {
    case 'echo':
      if (endpoint !== null) fail('input.endpoint', 'must be absent for "echo", which answers without a network call');
      return null;
    case 'registered':
      if (endpoint !== null && endpoint.replace(/\/+$/, '') !== provider.baseUrl) {
        fail('input.endpoint', "must be absent (or equal to the provider's baseUrl) for a registered provider: its baseUrl is used");
      }
      return null;
    case 'unavailable':
      return fail('input.provider', 'names an operator provider this tenant may not use; choose another provider name');
    case 'keyless':
      if (endpoint === null || !isHttpUrl(endpoint)) {
        fail(
          'input.endpoint',
          `must be an http(s) URL of at most ${MAX_ENDPOINT_LENGTH} characters for a provider that is not registered (echo, operator and tenant providers need none)`,
        );
      }
      return endpoint;
    default: {
      const unknown: never = provider;
      throw new Error(`unknown provider kind ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Asserts that `value` is a model or group name: 1–{@link MAX_MODEL_NAME_LENGTH} characters without whitespace or
 * control characters.
 * @throws {@link BadUserInputError} naming `field`.
 */
export function assertModelName(field: string, value: string): void {
  assertLength(field, value, MAX_MODEL_NAME_LENGTH, 1);
  if (!MODEL_NAME.test(value)) fail(field, 'must not contain whitespace or control characters');
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
