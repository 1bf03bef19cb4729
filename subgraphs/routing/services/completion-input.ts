import { BadUserInputError } from '../../../platform/errors.ts';
import { assertIntRange, assertJsonSize, assertLength, assertUuid } from '../../../platform/validation.ts';
import type { ChatCompletionInput, ChatMessageInput } from '../generated/resolvers-types.ts';
import type { ChatCompletionRequest, ChatMessage, ToolCall, ToolDefinition } from './chat-completion.ts';
import { CHARACTERS_PER_TOKEN, MAX_MODEL_FILTER_NAMES, MAX_MODEL_NAME_LENGTH } from './routing-limits.ts';
import { normaliseWeights } from './routing-score.ts';

/** Most messages in one completion request. */
export const MAX_MESSAGES = 1_000;
/** Most characters of all message contents, tool call arguments and tool schemas together. */
export const MAX_CHAT_CHARACTERS = 1_000_000;
/** Most tools offered in one request. */
export const MAX_TOOLS = 128;
/** Most stop sequences (OpenAI's limit). */
export const MAX_STOP_SEQUENCES = 4;
/** Largest `maxTokens`. */
export const MAX_COMPLETION_TOKENS = 1_000_000;
/** Longest attempt timeout a request may ask for, in ms. */
export const MAX_ATTEMPT_TIMEOUT_MS = 600_000;
/** Largest JSON of a tool's `parameters`, `toolChoice` or `responseFormat`, in bytes. */
export const MAX_SCHEMA_BYTES = 64 * 1024;

/** Task types: letters, digits, `_`, `-` and `.`, 1 to 64 characters. */
const TASK_TYPE = /^[A-Za-z0-9_.-]{1,64}$/;
/** Tool (function) names, as OpenAI accepts them. */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Model and group names: no whitespace or control characters. */
const MODEL_NAME = /^[^\s\p{Cc}]+$/u;

const ROLES = { SYSTEM: 'system', USER: 'user', ASSISTANT: 'assistant', TOOL: 'tool' } as const;

/**
 * Validates a chat completion request — from `createChatCompletion`, from the OpenAI-compatible `/v1` route (which
 * maps OpenAI's body to this input first) or from an `llm` step — and turns it into a {@link ChatCompletionRequest}.
 * Limits: 1 to {@link MAX_MESSAGES} messages and {@link MAX_CHAT_CHARACTERS} characters in all, at most
 * {@link MAX_TOOLS} tools, {@link MAX_STOP_SEQUENCES} stop sequences, `temperature` in [0, 2], `maxTokens` 1 to
 * {@link MAX_COMPLETION_TOKENS}, `timeoutMs` 1 to {@link MAX_ATTEMPT_TIMEOUT_MS}; ids are UUIDs. Input tokens are
 * estimated as ⌈characters / 4⌉ (the same rule as `route`).
 * @throws {@link BadUserInputError} naming the first offending field (`details.field`, e.g. `input.messages[2].content`).
 */
export function validateChatCompletion(input: ChatCompletionInput): ChatCompletionRequest {
  if (!Array.isArray(input.messages) || input.messages.length < 1 || input.messages.length > MAX_MESSAGES) {
    fail('input.messages', `must hold 1 to ${MAX_MESSAGES} messages`);
  }
  let characters = 0;
  const messages = input.messages.map((m, i) => {
    const message = validateMessage(m, `input.messages[${i}]`);
    characters += (message.content?.length ?? 0) + (message.toolCalls ?? []).reduce((n, c) => n + c.arguments.length + c.name.length, 0);
    return message;
  });
  const tools = input.tools?.map((t, i): ToolDefinition => {
    const field = `input.tools[${i}]`;
    if (!TOOL_NAME.test(t.name)) fail(`${field}.name`, 'must be 1 to 64 letters, digits, `_` or `-`');
    if (t.description != null) assertLength(`${field}.description`, t.description, 4096);
    if (t.parameters != null) {
      if (typeof t.parameters !== 'object' || Array.isArray(t.parameters)) fail(`${field}.parameters`, 'must be a JSON Schema object');
      assertJsonSize(`${field}.parameters`, t.parameters, MAX_SCHEMA_BYTES);
      characters += JSON.stringify(t.parameters).length;
    }
    characters += t.name.length + (t.description?.length ?? 0);
    return { name: t.name, ...(t.description != null ? { description: t.description } : {}), ...(t.parameters != null ? { parameters: t.parameters } : {}) };
  });
  if (tools && (tools.length < 1 || tools.length > MAX_TOOLS)) fail('input.tools', `must list 1 to ${MAX_TOOLS} tools`);
  if (characters > MAX_CHAT_CHARACTERS) fail('input.messages', `must hold at most ${MAX_CHAT_CHARACTERS} characters in all (got ${characters})`);

  if (input.model != null) assertModelName('input.model', input.model);
  if (input.taskType != null && !TASK_TYPE.test(input.taskType)) fail('input.taskType', 'must be 1 to 64 letters, digits, `_`, `-` or `.`');
  const w = input.weights;
  if (w) {
    for (const key of ['cost', 'latency', 'quality'] as const) {
      if (!Number.isFinite(w[key]) || w[key] < 0) fail(`input.weights.${key}`, 'must be at least 0');
    }
    if (w.cost + w.latency + w.quality <= 0) fail('input.weights', 'must not all be 0');
  }
  if (input.maxCostUsd != null && !(Number.isFinite(input.maxCostUsd) && input.maxCostUsd >= 0)) fail('input.maxCostUsd', 'must be at least 0');
  if (input.maxLatencyMs != null && !(Number.isFinite(input.maxLatencyMs) && input.maxLatencyMs > 0)) fail('input.maxLatencyMs', 'must be greater than 0');
  if (input.minQuality != null && !(input.minQuality >= 0 && input.minQuality <= 1)) fail('input.minQuality', 'must be between 0 and 1');
  if (input.models != null) {
    if (input.models.length < 1 || input.models.length > MAX_MODEL_FILTER_NAMES) fail('input.models', `must list 1 to ${MAX_MODEL_FILTER_NAMES} model names`);
    input.models.forEach((name, i) => assertModelName(`input.models[${i}]`, name));
  }
  if (input.toolChoice != null) {
    const choice = input.toolChoice as unknown;
    const valid =
      choice === 'none' ||
      choice === 'auto' ||
      choice === 'required' ||
      (typeof choice === 'object' &&
        choice !== null &&
        (choice as { type?: unknown }).type === 'function' &&
        typeof (choice as { function?: { name?: unknown } }).function?.name === 'string');
    if (!valid) fail('input.toolChoice', 'must be "none", "auto", "required" or { "type": "function", "function": { "name": ... } }');
    if (!tools && choice !== 'none') fail('input.toolChoice', 'needs `tools`');
  }
  if (input.responseFormat != null) {
    const type = (input.responseFormat as { type?: unknown }).type;
    if (type !== 'text' && type !== 'json_object' && type !== 'json_schema')
      fail('input.responseFormat', 'must have "type" "text", "json_object" or "json_schema"');
    if (type === 'json_schema' && typeof (input.responseFormat as { json_schema?: unknown }).json_schema !== 'object') {
      fail('input.responseFormat.json_schema', 'is required for type "json_schema"');
    }
    assertJsonSize('input.responseFormat', input.responseFormat, MAX_SCHEMA_BYTES);
  }
  if (input.temperature != null && !(input.temperature >= 0 && input.temperature <= 2)) fail('input.temperature', 'must be between 0 and 2');
  if (input.maxTokens != null) assertIntRange('input.maxTokens', input.maxTokens, 1, MAX_COMPLETION_TOKENS);
  if (input.stop != null) {
    if (input.stop.length < 1 || input.stop.length > MAX_STOP_SEQUENCES) fail('input.stop', `must list 1 to ${MAX_STOP_SEQUENCES} sequences`);
    input.stop.forEach((s, i) => assertLength(`input.stop[${i}]`, s, 256, 1));
  }
  if (input.seed != null && !Number.isSafeInteger(input.seed)) fail('input.seed', 'must be an integer');
  assertUuid('input.sessionId', input.sessionId);
  assertUuid('input.runId', input.runId);
  assertUuid('input.memoryId', input.memoryId);
  if (input.stepId != null) assertLength('input.stepId', input.stepId, 200, 1);
  if (input.stepId != null && input.runId == null) fail('input.stepId', 'needs `runId`');
  if (input.timeoutMs != null) assertIntRange('input.timeoutMs', input.timeoutMs, 1, MAX_ATTEMPT_TIMEOUT_MS);

  return {
    messages,
    model: input.model ?? undefined,
    taskType: input.taskType ?? undefined,
    weights: normaliseWeights(w ?? undefined),
    maxCostUsd: input.maxCostUsd ?? undefined,
    maxLatencyMs: input.maxLatencyMs ?? undefined,
    minQuality: input.minQuality ?? undefined,
    models: input.models ?? undefined,
    tools,
    toolChoice: input.toolChoice ?? undefined,
    responseFormat: input.responseFormat ?? undefined,
    temperature: input.temperature ?? undefined,
    maxTokens: input.maxTokens ?? undefined,
    stop: input.stop ?? undefined,
    seed: input.seed ?? undefined,
    sessionId: input.sessionId ?? undefined,
    runId: input.runId ?? undefined,
    stepId: input.stepId ?? undefined,
    memoryId: input.memoryId ?? undefined,
    timeoutMs: input.timeoutMs ?? undefined,
    estimatedInputTokens: Math.ceil(characters / CHARACTERS_PER_TOKEN),
  };
}

function validateMessage(m: ChatMessageInput, field: string): ChatMessage {
  const role = ROLES[m.role];
  if (!role) fail(`${field}.role`, 'must be SYSTEM, USER, ASSISTANT or TOOL');
  if (m.name != null && !/^[A-Za-z0-9_-]{1,64}$/.test(m.name)) fail(`${field}.name`, 'must be 1 to 64 letters, digits, `_` or `-`');
  const toolCalls = m.toolCalls?.map((c, i): ToolCall => {
    if (role !== 'assistant') fail(`${field}.toolCalls`, 'is only allowed on ASSISTANT messages');
    assertLength(`${field}.toolCalls[${i}].id`, c.id, 200, 1);
    if (!TOOL_NAME.test(c.name)) fail(`${field}.toolCalls[${i}].name`, 'must be 1 to 64 letters, digits, `_` or `-`');
    return { id: c.id, name: c.name, arguments: c.arguments };
  });
  if (m.content == null && !(role === 'assistant' && toolCalls?.length))
    fail(`${field}.content`, 'is required (only an ASSISTANT message with tool calls may omit it)');
  if (role === 'tool') {
    if (m.toolCallId == null) fail(`${field}.toolCallId`, 'is required for TOOL messages');
    assertLength(`${field}.toolCallId`, m.toolCallId, 200, 1);
  } else if (m.toolCallId != null) {
    fail(`${field}.toolCallId`, 'is only allowed on TOOL messages');
  }
  return {
    role,
    content: m.content ?? null,
    ...(m.name != null ? { name: m.name } : {}),
    ...(m.toolCallId != null ? { toolCallId: m.toolCallId } : {}),
    ...(toolCalls?.length ? { toolCalls } : {}),
  };
}

function assertModelName(field: string, name: string): void {
  if (name.length < 1 || name.length > MAX_MODEL_NAME_LENGTH || !MODEL_NAME.test(name)) {
    fail(field, `must be 1 to ${MAX_MODEL_NAME_LENGTH} characters without whitespace`);
  }
}

function fail(field: string, rule: string): never {
  throw new BadUserInputError(`"${field}" ${rule}`, { field });
}
