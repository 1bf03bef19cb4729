import { z } from 'zod';

/**
 * The config of each executable step kind, as zod schemas, in two modes:
 * - `definition`: what `createWorkflow` accepts; any non-string field may instead be a `{{ expr }}` template string;
 * - `resolved`: what a step's config must be after its templates are evaluated, just before it executes.
 * Objects are strict: an unknown field is an error naming it (most often a typo).
 */

/** HTTP methods an `http` step may use. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
/** Longest signal name, in characters. */
export const MAX_SIGNAL_NAME_LENGTH = 200;
/** Largest `timeoutMs` of a step's attempt, in ms (one hour): `http`, `llm`, `transform`, `memory.*`, `map` items. */
export const MAX_STEP_TIMEOUT_MS = 3_600_000;
/**
 * Largest timeout of a `wait` (its `config.timeoutMs`, or its step's `timeoutMs`), in ms: 7 days, as a run's own
 * timeout. A wait holds no worker (the timeout is a delayed job, fired by the sweeper if missed), so an approval may
 * wait a day or a week.
 */
export const MAX_WAIT_TIMEOUT_MS = 604_800_000;
/** Largest `maxTokens` of an `llm` step. */
export const MAX_LLM_TOKENS = 200_000;
/** Largest `limit` of a `memory.search` step. */
export const MAX_MEMORY_SEARCH_LIMIT = 100;
/** Most messages of a `memory.extract` step (the memory subgraph's limit of one `addMemories` call). */
export const MAX_EXTRACT_MESSAGES = 100;
/** Most items a `map` step runs its item step over. */
export const MAX_MAP_ITEMS = 1_000;
/** Largest `concurrency` of a `map` step (items running at once). */
export const MAX_MAP_CONCURRENCY = 100;
/** `concurrency` of a `map` step that gives none. */
export const DEFAULT_MAP_CONCURRENCY = 10;

/** Which form of config a schema checks (see the module comment). */
export type ConfigMode = 'definition' | 'resolved';

const template = z.string().regex(/\{\{[\s\S]*\}\}/, 'must be a value or a "{{ expr }}" template');

const text = z.string().min(1);

/** Roles of an `llm` step's `messages` (OpenAI's Chat Completions roles). */
export const LLM_MESSAGE_ROLES = ['system', 'user', 'assistant', 'tool'] as const;
/** Most `messages` of an `llm` step. */
export const MAX_LLM_MESSAGES = 1_000;
/** Most `tools` of an `llm` step (OpenAI's limit). */
export const MAX_LLM_TOOLS = 128;
/** Most `stop` sequences of an `llm` step (OpenAI's limit). */
export const MAX_LLM_STOP_SEQUENCES = 4;
/** Whether an `llm` step streams its answer (and publishes STEP_OUTPUT_DELTA events) when its config says nothing. */
export const DEFAULT_LLM_STREAM = true;

/** A tool call of an assistant message: its id, the function's name and its arguments as a JSON string. */
const LLM_TOOL_CALL_SCHEMA = z.strictObject({ id: text, name: text, arguments: z.string() });

/**
 * One message of an `llm` step's conversation. `content` may be null only for an assistant message that calls tools;
 * a `tool` message answers the call `toolCallId`.
 */
const LLM_MESSAGE_SCHEMA = z
  .strictObject({
    role: z.enum(LLM_MESSAGE_ROLES),
    content: z.string().nullable(),
    name: text.optional(),
    toolCallId: text.optional(),
    toolCalls: z.array(LLM_TOOL_CALL_SCHEMA).min(1).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.content === null && !(m.role === 'assistant' && m.toolCalls)) {
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'may be null only for an assistant message with toolCalls' });
    }
    if (m.toolCalls && m.role !== 'assistant') ctx.addIssue({ code: 'custom', path: ['toolCalls'], message: 'only assistant messages call tools' });
    if (m.role === 'tool' && m.toolCallId === undefined) ctx.addIssue({ code: 'custom', path: ['toolCallId'], message: 'is required for a tool message' });
  });

/** A function the model may call: its name, what it does, and the JSON Schema of its arguments. */
const LLM_TOOL_SCHEMA = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, "_" or "-"'),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

/**
 * The fields of an `llm` step's config. The conversation is either `prompt` (one user message, after `system` if
 * given) or `messages` — exactly one of them ({@link exactlyOneConversation}). Routing: `model` or `models` (names or
 * groups to choose among; neither = the router chooses among all), `taskType`, `weights`, `maxCostUsd`,
 * `maxLatencyMs`, `minQuality`. Generation (OpenAI's parameters): `maxTokens`, `temperature`, `tools`, `toolChoice`
 * (`auto`, `none`, `required` or `{ name }`), `responseFormat` (OpenAI's `response_format`, e.g.
 * `{ "type": "json_object" }`), `stop`, `seed`. `stream` (default {@link DEFAULT_LLM_STREAM}): stream the answer and
 * publish it as it forms (STEP_OUTPUT_DELTA events).
 */
const LLM_CONFIG_SHAPE = {
  prompt: text.optional(),
  system: z.string().optional(),
  messages: z.array(LLM_MESSAGE_SCHEMA).min(1).max(MAX_LLM_MESSAGES).optional(),
  model: text.optional(),
  models: z.array(text).min(1).optional(),
  taskType: text.optional(),
  weights: z.strictObject({ cost: z.number().min(0), latency: z.number().min(0), quality: z.number().min(0) }).optional(),
  maxCostUsd: z.number().positive().optional(),
  maxLatencyMs: z.number().positive().optional(),
  minQuality: z.number().min(0).max(1).optional(),
  maxTokens: z.int().min(1).max(MAX_LLM_TOKENS).optional(),
  temperature: z.number().min(0).max(2).optional(),
  tools: z.array(LLM_TOOL_SCHEMA).min(1).max(MAX_LLM_TOOLS).optional(),
  toolChoice: z.union([z.enum(['auto', 'none', 'required']), z.strictObject({ name: text })]).optional(),
  responseFormat: z.looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) }).optional(),
  stop: z.union([text, z.array(text).min(1).max(MAX_LLM_STOP_SEQUENCES)]).optional(),
  seed: z.int().optional(),
  stream: z.boolean().optional(),
};

/**
 * An `llm` config gives its conversation exactly one way: `prompt` (with `system` optionally) or `messages` (whose
 * first messages may have role `system`). Reported on `prompt` when neither is given.
 */
function exactlyOneConversation(config: { prompt?: unknown; messages?: unknown; system?: unknown }, ctx: z.RefinementCtx): void {
  const hasPrompt = config.prompt !== undefined;
  const hasMessages = config.messages !== undefined;
  if (!hasPrompt && !hasMessages) ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'give either "prompt" or "messages"' });
  if (hasPrompt && hasMessages) ctx.addIssue({ code: 'custom', path: ['messages'], message: 'give either "prompt" or "messages", not both' });
  if (hasMessages && config.system !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['system'], message: 'goes with "prompt"; with "messages", give a message of role "system" first' });
  }
}

const LLM_CONFIG_SCHEMA = z.strictObject(LLM_CONFIG_SHAPE).superRefine(exactlyOneConversation);

/** Config schemas of resolved configs, by kind (checked before a step executes). */
export const RESOLVED_CONFIG_SCHEMAS = {
  transform: z.strictObject({ expression: text }),
  http: z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    method: z.enum(HTTP_METHODS).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
  }),
  llm: LLM_CONFIG_SCHEMA,
  'memory.store': z.strictObject({
    namespace: text,
    key: text,
    content: z.unknown().refine((v) => v !== undefined && v !== null, 'is required'),
    metadata: z.unknown().optional(),
    sessionId: text.optional(),
    agentId: text.optional(),
    ttlSeconds: z.int().positive().optional(),
  }),
  'memory.search': z.strictObject({
    query: text,
    namespace: text.optional(),
    sessionId: text.optional(),
    agentId: text.optional(),
    limit: z.int().min(1).max(MAX_MEMORY_SEARCH_LIMIT).optional(),
    /** `LEXICAL`, `SEMANTIC` or `HYBRID`; absent = the memory subgraph's default. */
    mode: z.enum(['LEXICAL', 'SEMANTIC', 'HYBRID']).optional(),
    /** A `MemoryFilter` (schema/memory.graphql), checked by the memory subgraph; ANDed with namespace/sessionId/agentId. */
    filter: z.record(z.string(), z.unknown()).optional(),
    minScore: z.number().optional(),
  }),
  'memory.extract': z.strictObject({
    /** The conversation to extract facts from (1–MAX_EXTRACT_MESSAGES messages, in order). */
    messages: z
      .array(z.strictObject({ role: z.enum(['system', 'user', 'assistant']), content: text }))
      .min(1)
      .max(MAX_EXTRACT_MESSAGES),
    namespace: text,
    userId: text.optional(),
    agentId: text.optional(),
    /** Absent = the run's session. */
    sessionId: text.optional(),
    runId: text.optional(),
    tags: z.array(text).optional(),
    /** A model or group of the tenant; absent = the router's choice for task type `memory-extraction`. */
    model: text.optional(),
  }),
  wait: z.strictObject({
    signal: z.string().min(1).max(MAX_SIGNAL_NAME_LENGTH),
    timeoutMs: z.int().min(1).max(MAX_WAIT_TIMEOUT_MS).optional(),
  }),
  /** The list and the bound once resolved (the item step is `StepDefinition.item`, not part of the config). */
  map: z.strictObject({
    items: z.array(z.unknown()).max(MAX_MAP_ITEMS),
    concurrency: z.int().min(1).max(MAX_MAP_CONCURRENCY),
  }),
};

/** The fields (other than plain strings) a `{{ expr }}` template may stand for in a definition, by kind. */
const TEMPLATABLE_FIELDS: Readonly<Record<Exclude<ExecutableStepKind, 'map'>, readonly string[]>> = {
  transform: [],
  http: ['url', 'method', 'headers'],
  llm: [
    'messages',
    'models',
    'weights',
    'maxCostUsd',
    'maxLatencyMs',
    'minQuality',
    'maxTokens',
    'temperature',
    'tools',
    'toolChoice',
    'responseFormat',
    'stop',
    'seed',
    'stream',
  ],
  'memory.store': ['ttlSeconds'],
  'memory.search': ['limit'],
  'memory.extract': ['messages', 'tags'],
  wait: ['signal'],
};

/**
 * The item step of a `map` definition (`config.step`): a step without id, dependencies or condition. Only the shape
 * is checked here; `validateStep` checks it as a step (kind, config, retry bounds, timeout).
 */
const MAP_ITEM_STEP_SCHEMA = z.strictObject({
  kind: z.string(),
  config: z.unknown().optional(),
  retry: z
    .strictObject({
      maxAttempts: z.number().nullish(),
      initialIntervalMs: z.number().nullish(),
      backoffCoefficient: z.number().nullish(),
      maxIntervalMs: z.number().nullish(),
      jitter: z.number().nullish(),
      nonRetryableErrorCodes: z.array(z.string()).nullish(),
    })
    .nullish(),
  timeoutMs: z.number().nullish(),
});

/** `map` in a definition: `items` and `concurrency` may be templates; `concurrency` is optional; `step` is required. */
const MAP_DEFINITION_SCHEMA = z.strictObject({
  items: z.union([RESOLVED_CONFIG_SCHEMAS.map.shape.items, template]),
  concurrency: z.union([RESOLVED_CONFIG_SCHEMAS.map.shape.concurrency, template]).optional(),
  step: MAP_ITEM_STEP_SCHEMA,
});

/** A `map` step's config as a definition gives it (see {@link MAP_DEFINITION_SCHEMA}). */
export type MapDefinitionConfig = z.infer<typeof MAP_DEFINITION_SCHEMA>;

/** `schema` with each of `keys` also accepting a template string (optional fields stay optional). */
function withTemplates(schema: z.ZodObject, keys: readonly string[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = { ...schema.shape };
  for (const key of keys) {
    const field = shape[key];
    if (!field) continue;
    const optional = field instanceof z.ZodOptional;
    const union = z.union([optional ? (field.unwrap() as z.ZodType) : field, template]);
    shape[key] = optional ? union.optional() : union;
  }
  return z.strictObject(shape);
}

/** Config schemas of `createWorkflow`, by kind (`llm` keeps its one-conversation rule, which `withTemplates` drops). */
export const DEFINITION_CONFIG_SCHEMAS = Object.fromEntries([
  ...Object.entries(TEMPLATABLE_FIELDS).map(([kind, keys]) => [kind, withTemplates(RESOLVED_CONFIG_SCHEMAS[kind as keyof typeof TEMPLATABLE_FIELDS], keys)]),
  ['llm', withTemplates(RESOLVED_CONFIG_SCHEMAS.llm, TEMPLATABLE_FIELDS.llm).superRefine(exactlyOneConversation)],
  ['map', MAP_DEFINITION_SCHEMA],
]) as Readonly<Record<ExecutableStepKind, z.ZodObject>>;

/** A step kind that executes in this version. */
export type ExecutableStepKind = keyof typeof RESOLVED_CONFIG_SCHEMAS;
/** Every executable kind. */
export const EXECUTABLE_STEP_KINDS = Object.keys(RESOLVED_CONFIG_SCHEMAS) as ExecutableStepKind[];

/** Resolved config of a `transform` step. */
export type TransformConfig = z.infer<typeof RESOLVED_CONFIG_SCHEMAS.transform>;
/** Resolved config of an `http` step. */
export type HttpConfig = z.infer<typeof RESOLVED_CONFIG_SCHEMAS.http>;
/** Resolved config of an `llm` step. */
export type LlmConfig = z.infer<typeof RESOLVED_CONFIG_SCHEMAS.llm>;
/** Resolved config of a `memory.store` step. */
export type MemoryStoreConfig = z.infer<(typeof RESOLVED_CONFIG_SCHEMAS)['memory.store']>;
/** Resolved config of a `memory.search` step. */
export type MemorySearchConfig = z.infer<(typeof RESOLVED_CONFIG_SCHEMAS)['memory.search']>;
/** Resolved config of a `memory.extract` step. */
export type MemoryExtractConfig = z.infer<(typeof RESOLVED_CONFIG_SCHEMAS)['memory.extract']>;
/** Resolved config of a `wait` step. */
export type WaitConfig = z.infer<typeof RESOLVED_CONFIG_SCHEMAS.wait>;
/** Resolved config of a `map` step. */
export type MapConfig = z.infer<typeof RESOLVED_CONFIG_SCHEMAS.map>;

/** Whether `kind` executes in this version. */
export function isExecutableKind(kind: string): kind is ExecutableStepKind {
  return Object.hasOwn(RESOLVED_CONFIG_SCHEMAS, kind);
}

/** A config that failed its schema: `path` is the dotted path inside the config (e.g. `headers.accept`). */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** Checks `config` against `kind`'s schema in `mode`; returns the parsed config or the first issue. */
export function parseStepConfig(
  kind: ExecutableStepKind,
  config: unknown,
  mode: ConfigMode,
): { ok: true; config: Record<string, unknown> } | { ok: false; issue: ConfigIssue } {
  const schemas = mode === 'definition' ? DEFINITION_CONFIG_SCHEMAS : RESOLVED_CONFIG_SCHEMAS;
  const result = (schemas[kind] as z.ZodType<Record<string, unknown>>).safeParse(config ?? {});
  if (result.success) return { ok: true, config: result.data };
  const issue = result.error.issues[0];
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...(issue?.path ?? []), ...keys.slice(0, 1)].map(String).join('.');
  return { ok: false, issue: { path, message: issue?.message ?? 'is invalid' } };
}
