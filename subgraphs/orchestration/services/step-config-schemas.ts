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
/** Largest `timeoutMs` of a step or a `wait` config, in ms (one hour). */
export const MAX_STEP_TIMEOUT_MS = 3_600_000;
/** Largest `maxTokens` of an `llm` step. */
export const MAX_LLM_TOKENS = 200_000;
/** Largest `limit` of a `memory.search` step. */
export const MAX_MEMORY_SEARCH_LIMIT = 100;
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

/** Config schemas of resolved configs, by kind (checked before a step executes). */
export const RESOLVED_CONFIG_SCHEMAS = {
  transform: z.strictObject({ expression: text }),
  http: z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    method: z.enum(HTTP_METHODS).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
  }),
  llm: z.strictObject({
    prompt: text,
    system: z.string().optional(),
    model: text.optional(),
    models: z.array(text).min(1).optional(),
    weights: z.strictObject({ cost: z.number().min(0), latency: z.number().min(0), quality: z.number().min(0) }).optional(),
    maxCostUsd: z.number().positive().optional(),
    maxLatencyMs: z.number().positive().optional(),
    minQuality: z.number().min(0).max(1).optional(),
    maxTokens: z.int().min(1).max(MAX_LLM_TOKENS).optional(),
    temperature: z.number().min(0).max(2).optional(),
  }),
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
  }),
  wait: z.strictObject({
    signal: z.string().min(1).max(MAX_SIGNAL_NAME_LENGTH),
    timeoutMs: z.int().min(1).max(MAX_STEP_TIMEOUT_MS).optional(),
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
  llm: ['models', 'weights', 'maxCostUsd', 'maxLatencyMs', 'minQuality', 'maxTokens', 'temperature'],
  'memory.store': ['ttlSeconds'],
  'memory.search': ['limit'],
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

/** Config schemas of `createWorkflow`, by kind. */
export const DEFINITION_CONFIG_SCHEMAS = Object.fromEntries([
  ...Object.entries(TEMPLATABLE_FIELDS).map(([kind, keys]) => [kind, withTemplates(RESOLVED_CONFIG_SCHEMAS[kind as keyof typeof TEMPLATABLE_FIELDS], keys)]),
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
