import { z } from 'zod';
import { BadUserInputError } from '../../../platform/errors.ts';
import type { ChatCompletionInput, ChatMessageInput, ChatRole } from '../generated/resolvers-types.ts';

/**
 * The request side of the OpenAI-compatible API's wire format: a `POST /v1/chat/completions` body mapped to
 * Orchestra's `ChatCompletionInput` (pure). The body is OpenAI's Chat Completions "Create" request
 * (https://platform.openai.com/docs/api-reference/chat/create). Answers are mapped by openai-response-wire.ts, errors
 * by openai-error-wire.ts; the HTTP side is ../openai-routes.ts.
 */

const nullableString = z.string().nullish();
const nullableNumber = z.number().nullish();

/** A content part; only `text` parts are accepted (images, audio and files are not routed). */
const ContentPartSchema = z.object({ type: z.string(), text: z.string().optional() });
const ToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function').optional(),
  function: z.object({ name: z.string(), arguments: z.string() }),
});
const MessageSchema = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(ContentPartSchema)]).nullish(),
  name: nullableString,
  tool_calls: z.array(ToolCallSchema).nullish(),
  tool_call_id: nullableString,
});
const ToolSchema = z.object({
  type: z.literal('function'),
  function: z.object({ name: z.string(), description: nullableString, parameters: z.record(z.string(), z.unknown()).nullish() }),
});
/** Orchestra's extras; unknown keys are refused here (a typo would silently change routing). */
const OrchestraExtrasSchema = z.strictObject({
  taskType: nullableString,
  sessionId: nullableString,
  runId: nullableString,
  stepId: nullableString,
  memoryId: nullableString,
  models: z.array(z.string()).nullish(),
  maxCostUsd: nullableNumber,
  maxLatencyMs: nullableNumber,
  minQuality: nullableNumber,
  weights: z.object({ cost: z.number(), latency: z.number(), quality: z.number() }).nullish(),
  timeoutMs: nullableNumber,
});
/** The request body; fields Orchestra does not read (`top_p`, `user`, `logprobs`, ...) are dropped. */
const ChatBodySchema = z.object({
  model: nullableString,
  messages: z.array(MessageSchema),
  tools: z.array(ToolSchema).nullish(),
  tool_choice: z.unknown().optional(),
  response_format: z.unknown().optional(),
  temperature: nullableNumber,
  max_tokens: nullableNumber,
  max_completion_tokens: nullableNumber,
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  seed: nullableNumber,
  n: nullableNumber,
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  orchestra: OrchestraExtrasSchema.nullish(),
});

const ROLES: Readonly<Record<z.infer<typeof MessageSchema>['role'], ChatRole>> = {
  system: 'SYSTEM',
  developer: 'SYSTEM',
  user: 'USER',
  assistant: 'ASSISTANT',
  tool: 'TOOL',
};

/** A parsed `POST /v1/chat/completions` body. */
export interface OpenAiChatRequest {
  /** The request in the GraphQL input's shape, for `validateChatCompletion` (which checks ranges and limits). */
  readonly input: ChatCompletionInput;
  /** `stream: true`: answer as server-sent chunks. */
  readonly stream: boolean;
  /** `stream_options.include_usage: true`: every chunk carries `usage: null` until the last one. */
  readonly includeUsage: boolean;
}

/**
 * Maps an OpenAI Chat Completions request body to Orchestra's `ChatCompletionInput`: roles upper-cased (`developer`
 * is `SYSTEM`), text content parts joined, `tool_calls` → `toolCalls`, `tool_call_id` → `toolCallId`,
 * `tools[].function` → `tools`, `max_completion_tokens` (else `max_tokens`) → `maxTokens`, a `stop` string → one
 * sequence, `model` absent or `"auto"` → the router chooses, and the `orchestra` object's fields (`taskType`,
 * `sessionId`, `runId`, `stepId`, `memoryId`, `models`, `maxCostUsd`, `maxLatencyMs`, `minQuality`, `weights`,
 * `timeoutMs`) as they are. Unknown OpenAI fields are ignored.
 * @throws {@link BadUserInputError} with `details.field` the OpenAI parameter (e.g. `messages[1].content`) when a field
 *   has the wrong type, a content part is not text, or `n` is greater than 1.
 */
export function parseChatCompletionBody(body: unknown): OpenAiChatRequest {
  const parsed = ChatBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = paramOfPath(issue?.path ?? []);
    throw new BadUserInputError(`Invalid value for '${field || 'body'}': ${issue?.message ?? 'invalid'}`, { field: field || 'body' });
  }
  const b = parsed.data;
  if (b.n != null && b.n !== 1) throw new BadUserInputError("Invalid value for 'n': only n = 1 is supported", { field: 'n' });
  const extras = b.orchestra ?? {};
  const maxTokens = b.max_completion_tokens ?? b.max_tokens;
  const input: ChatCompletionInput = {
    messages: b.messages.map((m, i): ChatMessageInput => ({
      role: ROLES[m.role],
      content: textOf(m.content, i),
      name: m.name ?? null,
      toolCallId: m.tool_call_id ?? null,
      toolCalls: m.tool_calls?.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })) ?? null,
    })),
    model: b.model == null || b.model === 'auto' ? null : b.model,
    tools: b.tools?.map((t) => ({ name: t.function.name, description: t.function.description ?? null, parameters: t.function.parameters ?? null })) ?? null,
    toolChoice: b.tool_choice ?? null,
    responseFormat: b.response_format ?? null,
    temperature: b.temperature ?? null,
    maxTokens: maxTokens ?? null,
    stop: typeof b.stop === 'string' ? [b.stop] : (b.stop ?? null),
    seed: b.seed ?? null,
    taskType: extras.taskType ?? null,
    sessionId: extras.sessionId ?? null,
    runId: extras.runId ?? null,
    stepId: extras.stepId ?? null,
    memoryId: extras.memoryId ?? null,
    models: extras.models ?? null,
    maxCostUsd: extras.maxCostUsd ?? null,
    maxLatencyMs: extras.maxLatencyMs ?? null,
    minQuality: extras.minQuality ?? null,
    weights: extras.weights ?? null,
    timeoutMs: extras.timeoutMs ?? null,
  };
  return { input, stream: b.stream === true, includeUsage: b.stream_options?.include_usage === true };
}

/** A message's text: a string as is, text parts joined; any other part is refused. */
function textOf(content: z.infer<typeof MessageSchema>['content'], index: number): string | null {
  if (content == null || typeof content === 'string') return content ?? null;
  return content
    .map((part, j) => {
      if (part.type !== 'text' || part.text === undefined) {
        const field = `messages[${index}].content[${j}]`;
        throw new BadUserInputError(`Invalid value for '${field}': only "text" content parts are supported`, { field });
      }
      return part.text;
    })
    .join('');
}

/** A zod path as an OpenAI parameter: `['messages', 0, 'role']` → `messages[0].role`. */
function paramOfPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((param, key) => (typeof key === 'number' ? `${param}[${key}]` : param ? `${param}.${String(key)}` : String(key)), '');
}

/** Top-level fields of `ChatCompletionInput` that are OpenAI parameters; the others are `orchestra.<field>`. */
const OPENAI_PARAMS: Readonly<Record<string, string>> = {
  messages: 'messages',
  model: 'model',
  tools: 'tools',
  toolChoice: 'tool_choice',
  responseFormat: 'response_format',
  temperature: 'temperature',
  maxTokens: 'max_tokens',
  stop: 'stop',
  seed: 'seed',
};

/**
 * The OpenAI parameter of a `validateChatCompletion` field: `input.messages[2].toolCalls[0].name` →
 * `messages[2].tool_calls[0].function.name`, `input.maxTokens` → `max_tokens`, `input.taskType` →
 * `orchestra.taskType`. A field not under `input.` is returned as it is.
 */
export function openAiParamOf(field: string): string {
  const match = /^input\.([A-Za-z]+)(.*)$/.exec(field);
  if (!match) return field;
  const [, top = '', rest = ''] = match;
  let tail = rest
    .replace(/\.toolCalls/g, '.tool_calls')
    .replace(/\.toolCallId/g, '.tool_call_id')
    .replace(/(tool_calls\[\d+\])\.(name|arguments)/, '$1.function.$2');
  if (top === 'tools') tail = tail.replace(/^(\[\d+\])\.(name|description|parameters)/, '$1.function.$2');
  return (OPENAI_PARAMS[top] ?? `orchestra.${top}`) + tail;
}
