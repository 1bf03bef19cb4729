import { createHash } from 'node:crypto';
import { availableParallelism, hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { reachableHost } from './http/reachable-host.ts';

/**
 * Orchestra's configuration, parsed once at start from the environment into a frozen, typed object.
 * Nothing else in the code base reads `process.env`: processes call {@link loadConfig} and pass the result down.
 *
 * Every variable is optional for a laptop (`npm start` with nothing set); production sets at least
 * `DATABASE_URL`, `REDIS_URL`, `AUTH_JWT_SECRET` and `INTERNAL_TOKEN_SECRET` (enforced when `NODE_ENV=production`).
 */

/** Secret used when none is configured outside production. Never accepted with `NODE_ENV=production`. */
export const DEVELOPMENT_SECRET = 'orchestra-development-secret-do-not-use-in-production';

/** Bytes of the gateway's compiled plan cache when `GATEWAY_PLAN_CACHE_BYTES` is unset: 50 MiB. */
export const DEFAULT_PLAN_CACHE_BYTES = 50 * 1024 * 1024;

/** `Access-Control-Max-Age` of CORS preflight answers when `CORS_MAX_AGE_SECONDS` is unset: 10 minutes (Chromium caps it at 2 hours). */
export const DEFAULT_CORS_MAX_AGE_SECONDS = 600;

/** Dimensions asked of `EMBEDDINGS_MODEL` and stored when `EMBEDDINGS_DIMENSIONS` is unset. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 1536;

/** Default ports of the processes (ARCHITECTURE.md, "Processes and ports"). */
export const DEFAULT_PORTS = Object.freeze({
  gateway: 4000,
  memory: 4001,
  orchestration: 4002,
  routing: 4003,
  session: 4004,
});

/** The four subgraphs, in the order they are started. */
export const SUBGRAPH_NAMES = ['memory', 'orchestration', 'routing', 'session'] as const;
/** Name of one subgraph; also the name of its Postgres schema. */
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const list = z.string().transform((v) => v.split(/[\s,]+/).filter(Boolean));

/** Provider names: a lower-case letter, then lower-case letters, digits, `_` or `-`; at most 64 characters. */
export const PROVIDER_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

/** One operator provider of `LLM_PROVIDERS`. */
export interface OperatorProvider {
  /** Base URL of its OpenAI-compatible API, e.g. `https://api.openai.com/v1`; its key is sent nowhere else. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer` to {@link OperatorProvider.baseUrl} only; absent = no key (e.g. a local server). */
  readonly apiKey: string | undefined;
  /** Tenants that may use it; absent = every tenant. */
  readonly tenants: readonly string[] | undefined;
}

const OperatorProviderSchema = z
  .object({
    baseUrl: z.url({ protocol: /^https?$/ }),
    apiKey: z.string().min(1).optional(),
    tenants: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .transform((p): OperatorProvider => ({ baseUrl: p.baseUrl.replace(/\/+$/, ''), apiKey: p.apiKey, tenants: p.tenants }));

const OperatorProvidersSchema = z.record(
  z.string().regex(PROVIDER_NAME_PATTERN, 'provider names are lower-case letters, digits, "_" or "-", starting with a letter'),
  OperatorProviderSchema,
);

/**
 * Decodes `SECRETS_ENCRYPTION_KEY`: 64 hex digits or the base64 of 32 bytes (an AES-256 key). Undefined when it is
 * neither.
 */
export function decodeEncryptionKey(value: string): Buffer | undefined {
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BIND_HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.url().optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  EMBEDDED_DATA_DIR: z.string().default('.data'),
  REDIS_URL: z.url().optional(),
  REDIS_KEY_PREFIX: z.string().default('orchestra:'),
  AUTH_JWT_SECRET: z.string().min(32).optional(),
  AUTH_JWT_ISSUER: z.string().optional(),
  AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
  AUTH_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).default(30),
  AUTH_ALLOW_ANONYMOUS: boolean.default(false),
  AUTH_ANONYMOUS_TENANT: z.string().min(1).default('public'),
  AUTH_ANONYMOUS_SCOPES: list.default(['sessions:read', 'memory:read', 'workflows:read', 'routing:read']),
  INTERNAL_TOKEN_SECRET: z.string().min(32).optional(),
  INTERNAL_TOKEN_TTL_SECONDS: positiveInt.default(60),
  GATEWAY_PORT: port.default(DEFAULT_PORTS.gateway),
  MEMORY_PORT: port.default(DEFAULT_PORTS.memory),
  ORCHESTRATION_PORT: port.default(DEFAULT_PORTS.orchestration),
  ROUTING_PORT: port.default(DEFAULT_PORTS.routing),
  SESSION_PORT: port.default(DEFAULT_PORTS.session),
  MEMORY_URL: z.url().optional(),
  ORCHESTRATION_URL: z.url().optional(),
  ROUTING_URL: z.url().optional(),
  SESSION_URL: z.url().optional(),
  GATEWAY_URL: z.url().optional(),
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  SUPERGRAPH_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(0),
  MAX_REQUEST_BYTES: positiveInt.default(1_048_576),
  MAX_QUERY_DEPTH: positiveInt.default(12),
  MAX_QUERY_ALIASES: positiveInt.default(30),
  MAX_QUERY_DIRECTIVES: positiveInt.default(50),
  MAX_QUERY_TOKENS: positiveInt.default(2000),
  MAX_QUERY_COST: z.coerce.number().int().min(0).default(50_000),
  QUERY_COST_LIST_SIZE: z.coerce.number().int().min(0).default(10),
  MAX_ROOT_FIELDS: positiveInt.default(20),
  SUBGRAPH_TIMEOUT_MS: positiveInt.default(30_000),
  GATEWAY_WORKERS: positiveInt.max(256).optional(),
  GATEWAY_DEDUPLICATE_OPERATIONS: boolean.default(true),
  GATEWAY_DEDUPLICATE_FETCHES: boolean.default(true),
  GATEWAY_COMPILED_EXECUTION: boolean.default(true),
  /** GraphiQL on `GET /graphql` for browsers (gateway/ide/); default: on outside `NODE_ENV=production`. */
  GATEWAY_IDE: boolean.optional(),
  /** The web console on `GET /console` (gateway/console/). */
  GATEWAY_CONSOLE: boolean.default(true),
  /** `__schema`/`__type` allowed; default: on outside `NODE_ENV=production`. */
  GATEWAY_INTROSPECTION: boolean.optional(),
  GATEWAY_BATCHING: boolean.default(false),
  MAX_BATCH_OPERATIONS: positiveInt.default(10),
  GATEWAY_PLAN_CACHE_BYTES: positiveInt.default(DEFAULT_PLAN_CACHE_BYTES),
  GATEWAY_OPERATION_MANIFEST: z.string().min(1).optional(),
  TRUSTED_DOCUMENTS: z.enum(['off', 'allow', 'enforce']).default('off'),
  TRUSTED_DOCUMENTS_PATH: z.string().min(1).optional(),
  APQ_CACHE_ENTRIES: positiveInt.default(10_000),
  RESPONSE_CACHE: boolean.default(true),
  RESPONSE_CACHE_BYTES: positiveInt.default(64 * 1024 * 1024),
  RESPONSE_CACHE_MAX_ENTRY_BYTES: positiveInt.default(1024 * 1024),
  CORS_ORIGINS: list
    .default([])
    .refine((origins) => !origins.includes('*') || origins.length === 1, '"*" cannot be combined with other origins')
    .refine(
      (origins) => origins.every((o) => o === '*' || (URL.canParse(o) && new URL(o).origin === o)),
      'each origin is scheme://host[:port], without path or trailing slash (e.g. https://app.example.com)',
    ),
  CORS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(DEFAULT_CORS_MAX_AGE_SECONDS),
  CORS_ALLOW_CREDENTIALS: boolean.default(false),
  ENTITY_CHANGE_RELAY_INTERVAL_MS: positiveInt.max(60_000).default(100),
  WORKER_ENABLED: boolean.default(true),
  WORKER_CONCURRENCY: positiveInt.default(8),
  WORKER_GLOBAL_CONCURRENCY: positiveInt.optional(),
  WORKER_QUEUE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." and "-", at most 64')
    .default('default'),
  WORKER_ID: z.string().min(1).max(200).optional(),
  WORKER_LEASE_MS: z.coerce.number().int().min(1_000).default(30_000),
  WORKER_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  WORKER_EAGER_STEPS: z.coerce.number().int().min(0).max(1_000).default(8),
  EVENT_RELAY_INTERVAL_MS: z.coerce.number().int().min(5).default(50),
  EVENT_STREAM_MAX_LENGTH: positiveInt.default(10_000),
  SUBSCRIPTION_MAX_BUFFERED_EVENTS: positiveInt.default(1_000),
  SUBSCRIPTION_MAX_PER_PRINCIPAL: z.coerce.number().int().min(0).default(100),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RATE_LIMIT_SUBJECT_REQUESTS: z.coerce.number().int().min(0).default(1_200),
  RATE_LIMIT_API_KEY_REQUESTS: z.coerce.number().int().min(0).default(1_200),
  RATE_LIMIT_TENANT_REQUESTS: z.coerce.number().int().min(0).default(6_000),
  SUBSCRIPTION_KEEP_ALIVE_MS: z.coerce.number().int().min(0).default(12_000),
  HTTP_STEP_TIMEOUT_MS: positiveInt.default(10_000),
  LLM_TIMEOUT_MS: positiveInt.default(60_000),
  LLM_PROVIDERS: z
    .string()
    .default('{}')
    .transform((v, ctx) => {
      let json: unknown;
      try {
        json = JSON.parse(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of provider name to { "baseUrl", "apiKey" }' });
        return z.NEVER;
      }
      const parsed = OperatorProvidersSchema.safeParse(json);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
        return z.NEVER;
      }
      return parsed.data;
    }),
  LLM_PROVIDER_KEYS: z.string().optional(),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  LLM_RETRY_INITIAL_MS: z.coerce.number().int().min(0).default(250),
  LLM_RETRY_MAX_MS: z.coerce.number().int().min(0).default(10_000),
  ROUTER_ALLOWED_FAILS: z.coerce.number().int().min(0).default(3),
  ROUTER_COOLDOWN_SECONDS: z.coerce.number().min(0).default(5),
  ROUTER_STATE_MAX_AGE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  SECRETS_ENCRYPTION_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || decodeEncryptionKey(v) !== undefined, 'must be 32 bytes, as 64 hex digits or base64'),
  EGRESS_ALLOW: list.default([]),
  MEMORY_CACHE_MAX_ITEMS: positiveInt.default(10_000),
  MEMORY_CACHE_TTL_SECONDS: positiveInt.default(300),
  EMBEDDINGS_MODEL: z.string().min(1).optional(),
  EMBEDDINGS_MODEL_DIR: z.string().min(1).optional(),
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().min(1).max(16_000).optional(),
  EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(64),
  EMBEDDINGS_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  MEMORY_VECTOR_INDEX: z.enum(['auto', 'pgvector', 'exact']).default('auto'),
  SESSION_END_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(2_000),
  SESSION_END_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  SESSION_END_RETRY_INITIAL_MS: z.coerce.number().int().min(0).default(1_000),
  SESSION_END_RETRY_MAX_MS: z.coerce.number().int().min(0).default(300_000),
  // OpenTelemetry SDK variables (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/).
  OTEL_SDK_DISABLED: boolean.default(false),
  OTEL_SERVICE_NAME: z.string().min(1).default('orchestra'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: z.string().optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json']).optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.enum(['http/protobuf', 'http/json']).optional(),
  OTEL_TRACES_SAMPLER: z
    .enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'])
    .default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
});

/** Raw environment shape accepted by {@link loadConfig}. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Where a process listens and where its peers are reached. */
export interface ServiceEndpoints {
  /** Port of each process (0 = any free port). */
  readonly ports: Readonly<Record<SubgraphName | 'gateway', number>>;
  /** URL of each subgraph's GraphQL endpoint, as the gateway reaches it. Overrides the URLs in the supergraph. */
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  /** URL of the gateway's GraphQL endpoint, as workers reach it (memory and routing steps go through it). */
  readonly gatewayUrl: string;
}

/** The resolved configuration. See README "Configuration" for every variable. */
export interface OrchestraConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Interface the HTTP servers bind to. @defaultValue `127.0.0.1` */
  readonly bindHost: string;
  readonly database: {
    /** Postgres URL; absent = embedded PGlite under {@link OrchestraConfig.database.embeddedDataDir}. */
    readonly url: string | undefined;
    /** Connections per subgraph pool. @defaultValue 10 */
    readonly poolSize: number;
    /** Directory of the embedded database; `:memory:` keeps it in memory (tests). @defaultValue `.data` */
    readonly embeddedDataDir: string;
  };
  readonly redis: {
    /** Redis URL; absent = in-process stand-ins (cache tier off, local fan-out). */
    readonly url: string | undefined;
    /** Prefix of every key Orchestra writes. @defaultValue `orchestra:` */
    readonly keyPrefix: string;
  };
  readonly auth: {
    /** HS256 secret of client JWTs (claims `sub`, `tenant`, `scopes`). */
    readonly jwtSecret: string;
    /** Required `iss` of client JWTs (HS256 and JWKS ones alike), if set. */
    readonly jwtIssuer: string | undefined;
    /** Required `aud` of client JWTs (HS256 and JWKS ones alike), if set. */
    readonly jwtAudience: string | undefined;
    /**
     * URL of the identity provider's JSON Web Key Set (RFC 7517 §5); when set, client JWTs signed with RS256, ES256 or
     * EdDSA are verified against its keys, beside the HS256 secret. Operator configuration, not tenant-chosen.
     */
    readonly jwksUrl: string | undefined;
    /** Least time between two fetches of the key set for an unknown `kid`, in ms. @defaultValue 30000 */
    readonly jwksCooldownMs: number;
    /** Clock skew tolerated on `exp`/`nbf`/`iat` of client JWTs, in seconds. @defaultValue 30 */
    readonly clockSkewSeconds: number;
    /** Whether requests without a token are served as an anonymous principal. @defaultValue false */
    readonly allowAnonymous: boolean;
    readonly anonymousTenant: string;
    readonly anonymousScopes: readonly string[];
    /** HS256 secret of the gateway → subgraph internal token. */
    readonly internalTokenSecret: string;
    /** Lifetime of an internal token, in seconds. @defaultValue 60 */
    readonly internalTokenTtlSeconds: number;
  };
  readonly endpoints: ServiceEndpoints;
  /** Path of the supergraph SDL the gateway serves. @defaultValue `schema/supergraph.graphql` */
  readonly supergraphPath: string;
  /**
   * How often the gateway checks the supergraph file for a new version and hot-reloads it, in ms; 0 = never.
   * @defaultValue 0
   */
  readonly supergraphPollIntervalMs: number;
  readonly limits: {
    /** Largest accepted HTTP request body, in bytes. @defaultValue 1 MiB */
    readonly maxRequestBytes: number;
    /** Deepest accepted operation (selection-set nesting). @defaultValue 12 */
    readonly maxQueryDepth: number;
    /** Most aliases in one operation, its fragments included. @defaultValue 30 */
    readonly maxQueryAliases: number;
    /** Most directives in one operation, its fragments included. @defaultValue 50 */
    readonly maxQueryDirectives: number;
    /** Most lexical tokens in one document; the parse stops beyond. @defaultValue 2000 */
    readonly maxQueryTokens: number;
    /**
     * Largest estimated cost of one operation (`MAX_QUERY_COST`), per the IBM GraphQL cost spec with the supergraph's
     * `@cost`/`@listSize` (gateway/operation-cost.ts); beyond it the operation is refused before any subgraph call
     * (COST_ESTIMATED_TOO_EXPENSIVE). null (0) = no limit: the estimate is only reported (`extensions.cost`).
     * @defaultValue 50000
     */
    readonly maxQueryCost: number | null;
    /** Size assumed of a list that no `@listSize` sizes, in items (`QUERY_COST_LIST_SIZE`). @defaultValue 10 */
    readonly queryCostListSize: number;
    /** Most root fields of one operation, counted through fragments on the root type. @defaultValue 20 */
    readonly maxRootFields: number;
    /** Timeout of one gateway → subgraph fetch, in ms. @defaultValue 30000 */
    readonly subgraphTimeoutMs: number;
  };
  /** How the gateway executes operations. */
  readonly gateway: {
    /**
     * Gateway processes (`GATEWAY_WORKERS`, 1–256): more than 1 runs the gateway in that many `node:cluster` workers
     * sharing its port (connections handed out round-robin), so it uses every core; subgraphs stay in the primary.
     * @defaultValue the number of cores (`os.availableParallelism()`) with `NODE_ENV=production`, else 1
     */
    readonly workers: number;
    /**
     * In-flight deduplication of operations (`GATEWAY_DEDUPLICATE_OPERATIONS`): identical queries (document,
     * operation name, variables) of the same principal (tenant, subject, scopes) that arrive while one executes get
     * its result instead of executing again. Never mutations or subscriptions, never across principals.
     * @defaultValue true
     */
    readonly deduplicateOperations: boolean;
    /**
     * In-flight deduplication of subgraph fetches (`GATEWAY_DEDUPLICATE_FETCHES`): identical concurrent query fetches
     * (same subgraph, same body, same principal's token) share one HTTP request; each caller parses its own copy of
     * the answer. Never mutations. @defaultValue true
     */
    readonly deduplicateFetches: boolean;
    /**
     * The compiled execution path (`GATEWAY_COMPILED_EXECUTION`, gateway/execution/): each operation is planned once
     * and its response shaping compiled to JavaScript; what it does not execute (subscriptions, `@defer`,
     * introspection, traced requests) still goes to Apollo's executor. false = Apollo's executor for everything.
     * @defaultValue true
     */
    readonly compiledExecution: boolean;
    /**
     * The in-browser IDE (`GATEWAY_IDE`, gateway/ide/): GraphiQL served on `GET /graphql` to browsers (`Accept:
     * text/html`), its scripts bundled locally (no CDN). @defaultValue true, except with `NODE_ENV=production`
     */
    readonly ide: boolean;
    /**
     * The web console (`GATEWAY_CONSOLE`, gateway/console/): a page on `GET /console` showing runs, their steps and
     * events live, and sessions with their live transcript, through the public API with a token the user enters
     * (no introspection needed). Its scripts are bundled locally (no CDN). @defaultValue true
     */
    readonly console: boolean;
    /**
     * Introspection (`GATEWAY_INTROSPECTION`): whether operations may select `__schema` and `__type` (else refused
     * with INTROSPECTION_DISABLED; `__typename` always allowed). The IDE needs it: `GATEWAY_IDE=true` with
     * introspection off is refused at start. @defaultValue true, except with `NODE_ENV=production`
     */
    readonly introspection: boolean;
    /** Batched HTTP requests (a JSON array of operations in one `POST /graphql`, gateway/batch-requests.ts). */
    readonly batching: {
      /** `GATEWAY_BATCHING`: off = a batch is refused with BATCHING_NOT_ENABLED. @defaultValue false */
      readonly enabled: boolean;
      /** `MAX_BATCH_OPERATIONS`: most operations in one batch (BATCH_LIMIT_EXCEEDED beyond). @defaultValue 10 */
      readonly maxOperations: number;
    };
    /**
     * Most bytes of the compiled path's plan cache (`GATEWAY_PLAN_CACHE_BYTES`), each entry counted as the JSON length
     * of its plan plus its document's length; least recently used first out. @defaultValue {@link DEFAULT_PLAN_CACHE_BYTES}
     */
    readonly planCacheBytes: number;
    /**
     * An operation manifest (`GATEWAY_OPERATION_MANIFEST`, made absolute against the working directory) whose operations
     * the compiled path plans at start and after each supergraph reload: a JSON object of id to document text, an
     * array of document texts, or an Apollo persisted query manifest (`npm run manifest` writes one for the codegen
     * documents). Needs {@link OrchestraConfig.gateway.compiledExecution}. @defaultValue none
     */
    readonly operationManifestPath: string | undefined;
  };
  /** Trusted (persisted) documents and automatic persisted queries; see gateway/trusted-documents.ts. */
  readonly trustedDocuments: {
    /**
     * `TRUSTED_DOCUMENTS`: `off` — documents as sent, plus `documentId`s of loaded manifests and APQ; `allow` — the same
     * (the mode says manifests are expected); `enforce` — only documents of the manifests (by id, APQ hash or identical
     * text); APQ registration and any other document are refused (TRUSTED_DOCUMENT_REQUIRED). @defaultValue 'off'
     */
    readonly mode: 'off' | 'allow' | 'enforce';
    /**
     * `TRUSTED_DOCUMENTS_PATH`: comma-separated manifest files (made absolute), each `{ "<sha256 hex>": "<document>" }`
     * (or any shape {@link OrchestraConfig.gateway.operationManifestPath} accepts). @defaultValue none
     */
    readonly manifestPaths: readonly string[];
    /** Most APQ documents registered in process when Redis is not configured (`APQ_CACHE_ENTRIES`). @defaultValue 10000 */
    readonly apqCacheEntries: number;
  };
  readonly worker: {
    /** Whether the orchestration process also executes steps. @defaultValue true */
    readonly enabled: boolean;
    /** Steps one worker process executes at once. @defaultValue 8 */
    readonly concurrency: number;
    /** Steps executed at once by all the workers of the queue together (BullMQ global concurrency); undefined = no limit. */
    readonly globalConcurrency: number | undefined;
    /** The task queue this process's workers take steps from, and new runs are started on. @defaultValue `default` */
    readonly queue: string;
    /** Name of this worker process in step attempts. @defaultValue `<hostname>:<pid>` */
    readonly workerId: string;
    /**
     * How long a claimed step (and its BullMQ job lock) belongs to its worker without renewal, in ms; renewed every
     * third of it. A step of a worker that died runs again once its lease expires. @defaultValue 30000
     */
    readonly leaseMs: number;
    /** Interval of the engine's sweeper (expired leases, lost jobs, missed timers), in ms. @defaultValue 5000 */
    readonly sweepIntervalMs: number;
    /**
     * Eager dispatch: how many steps a worker may run in a row from one queue job, taking the first step that a
     * completion made ready itself instead of through the queue (the others are enqueued); 0 = every step goes
     * through the queue. Saves the queue's round trips and delay on a run's critical path, at the cost of bypassing
     * priorities and tenant fairness for that many steps. @defaultValue 8
     */
    readonly eagerSteps: number;
    /** Default timeout of an `http` step, in ms. @defaultValue 10000 */
    readonly httpStepTimeoutMs: number;
    /** Default timeout of one LLM call, in ms. @defaultValue 60000 */
    readonly llmTimeoutMs: number;
  };
  /** Model calls (the routing subgraph). See README "Model calls". */
  readonly models: {
    /** Operator providers by name (`LLM_PROVIDERS`); each key goes only to its own base URL. @defaultValue none */
    readonly providers: Readonly<Record<string, OperatorProvider>>;
    /** Timeout of one attempt of a model call, in ms (`LLM_TIMEOUT_MS`). @defaultValue 60000 */
    readonly timeoutMs: number;
    /** Retries of a call after its first attempt, for retryable failures only (LiteLLM's `num_retries`). @defaultValue 2 */
    readonly maxRetries: number;
    /** First retry delay, in ms, doubled per retry (full jitter), unless the provider sent `Retry-After`. @defaultValue 250 */
    readonly retryInitialMs: number;
    /** Longest retry delay, in ms (a longer `Retry-After` ends the retries instead). @defaultValue 10000 */
    readonly retryMaxMs: number;
    /**
     * Failures of one deployment within a minute that are tolerated; one more puts it in cooldown (LiteLLM's
     * `allowed_fails`, default 3 in its `constants.py`). @defaultValue 3
     */
    readonly allowedFails: number;
    /** How long a deployment in cooldown is skipped, in seconds (LiteLLM's `DEFAULT_COOLDOWN_TIME_SECONDS`). @defaultValue 5 */
    readonly cooldownSeconds: number;
    /**
     * Longest the router reuses a tenant's state in memory, in ms (`ROUTER_STATE_MAX_AGE_MS`, 0–60000): how old the
     * deployments' latency and success rate it routes on may be. Configuration changes are seen at once regardless
     * (routing-state.ts). @defaultValue 1000
     */
    readonly routingStateMaxAgeMs: number;
    /**
     * AES-256-GCM key that encrypts tenants' provider keys at rest, base64 or hex (`SECRETS_ENCRYPTION_KEY`); outside
     * production a development key is derived when unset.
     */
    readonly secretsEncryptionKey: string;
  };
  /** The egress policy of tenant-chosen outbound requests (platform/egress). */
  readonly egress: {
    /** Exceptions to the deny list: CIDRs, IPs and `host[:port]` (`EGRESS_ALLOW`). @defaultValue none */
    readonly allow: readonly string[];
  };
  readonly events: {
    /** Interval at which the outbox relay polls for committed events of other processes, in ms. @defaultValue 50 */
    readonly relayIntervalMs: number;
    /** Events kept per tenant in the Redis stream (approximate, `XADD MAXLEN ~`). @defaultValue 10000 */
    readonly streamMaxLength: number;
  };
  /**
   * The gateway's response cache (gateway/response-cache.ts): queries whose fields all carry `@cacheControl` max-age
   * hints in the subgraph SDL are kept in process and in Redis and invalidated by the subgraphs' committed writes.
   */
  /** What the gateway tells browsers (gateway/browser-policy.ts): CORS and security headers. */
  readonly browser: {
    /**
     * Origins allowed to read the gateway's answers cross-origin (`CORS_ORIGINS`, comma-separated, each
     * `scheme://host[:port]`, or exactly `*` for any origin). Empty: no CORS headers at all, same-origin pages only.
     * @defaultValue [] (none)
     */
    readonly corsOrigins: readonly string[];
    /** `Access-Control-Max-Age` of preflight answers, in seconds (`CORS_MAX_AGE_SECONDS`, 0–86400). @defaultValue 600 */
    readonly corsMaxAgeSeconds: number;
    /**
     * Whether CORS answers allow credentials (`CORS_ALLOW_CREDENTIALS`: cookies, HTTP auth, client certificates; the
     * bearer token does not need it). Refused with `CORS_ORIGINS=*` (the Fetch standard forbids the pair).
     * @defaultValue false
     */
    readonly corsAllowCredentials: boolean;
    /** Whether answers carry `strict-transport-security` (HTTPS only from then on): with `NODE_ENV=production`. */
    readonly strictTransportSecurity: boolean;
  };
  readonly responseCache: {
    /** Whether the gateway caches responses at all (`RESPONSE_CACHE`). @defaultValue true */
    readonly enabled: boolean;
    /** Size of the in-process tier, in bytes of response body (`RESPONSE_CACHE_BYTES`). @defaultValue 64 MiB */
    readonly maxBytes: number;
    /** Largest response body cached, in bytes (`RESPONSE_CACHE_MAX_ENTRY_BYTES`). @defaultValue 1 MiB */
    readonly maxEntryBytes: number;
    /**
     * How often each subgraph publishes the writes made outside its GraphQL mutations (engine workers, `/v1` calls),
     * in ms (`ENTITY_CHANGE_RELAY_INTERVAL_MS`, 1–60000); a mutation publishes its own before it is answered.
     * @defaultValue 100
     */
    readonly relayIntervalMs: number;
  };
  readonly subscriptions: {
    /**
     * Events a subscriber may have waiting before it is closed as too slow (`SLOW_CONSUMER`, with its last cursor).
     * @defaultValue 1000
     */
    readonly maxBufferedEvents: number;
    /** Interval of the keep-alive pings of subscription connections (WebSocket ping frames), in ms; 0 = none. @defaultValue 12000 */
    readonly keepAliveMs: number;
    /**
     * Open subscriptions allowed at once per API key, or per subject for tokens, over all gateway instances
     * (`SUBSCRIPTION_MAX_PER_PRINCIPAL`); null (0) = no limit. @defaultValue 100
     */
    readonly maxPerPrincipal: number | null;
  };
  /**
   * Request rate limits of the gateway (`/graphql` over HTTP, SSE included, WebSocket subscribes and `/v1`), fixed
   * windows counted in Redis across instances (per process without Redis). Each count is requests per window; null (0)
   * = no limit.
   */
  readonly rateLimits: {
    /** Window length, in seconds (`RATE_LIMIT_WINDOW_SECONDS`, 1–86400). @defaultValue 60 */
    readonly windowSeconds: number;
    /** Per subject of a tenant, for token requests (`RATE_LIMIT_SUBJECT_REQUESTS`). @defaultValue 1200 */
    readonly perSubject: number | null;
    /** Per API key, for key requests (`RATE_LIMIT_API_KEY_REQUESTS`). @defaultValue 1200 */
    readonly perApiKey: number | null;
    /** Per tenant, all its subjects and keys together (`RATE_LIMIT_TENANT_REQUESTS`). @defaultValue 6000 */
    readonly perTenant: number | null;
  };
  readonly memoryCache: {
    /** Entries held by the in-process LRU tier (and by the in-process shared store of embedded mode). @defaultValue 10000 */
    readonly maxItems: number;
    /** Lifetime of a cached entry in the LRU and shared (Redis or in-process) tiers, in seconds. @defaultValue 300 */
    readonly ttlSeconds: number;
  };
  /** Embeddings of memory items (semantic and hybrid search). */
  /**
   * OpenTelemetry traces (platform/telemetry/tracing.ts), from the standard `OTEL_*` variables; `undefined` = tracing
   * off (no endpoint, or `OTEL_SDK_DISABLED=true`): no tracer provider, the `@opentelemetry/api` calls stay no-ops.
   */
  readonly tracing: TracingConfig | undefined;
  readonly embeddings: {
    /**
     * The embedding model (`EMBEDDINGS_MODEL`), as `/v1/embeddings` names it: `<provider>/<model>` with a provider of
     * `LLM_PROVIDERS` (called with that provider's key only, each call a ModelCall of the tenant). Undefined, and no
     * {@link OrchestraConfig.embeddings.modelDir} = no embedder: memory search is lexical only. @defaultValue none
     */
    readonly model: string | undefined;
    /**
     * A local transformers.js model directory (`EMBEDDINGS_MODEL_DIR`, made absolute against the working directory):
     * `config.json`, `tokenizer.json`, `tokenizer_config.json` and `onnx/model.onnx`, run in the memory process (no
     * network, no ModelCall). Never set together with {@link OrchestraConfig.embeddings.model}. @defaultValue none
     */
    readonly modelDir: string | undefined;
    /**
     * Dimensions stored (`EMBEDDINGS_DIMENSIONS`, 1–16000): asked of {@link OrchestraConfig.embeddings.model}
     * (@defaultValue {@link DEFAULT_EMBEDDING_DIMENSIONS}); with {@link OrchestraConfig.embeddings.modelDir} the
     * model's own, and a value set here that differs fails the start (undefined when unset).
     */
    readonly dimensions: number | undefined;
    /** Items embedded per call (`EMBEDDINGS_BATCH_SIZE`, 1–2048). @defaultValue 64 */
    readonly batchSize: number;
    /** How often each memory instance looks for items to embed, in ms, besides right after its own writes. @defaultValue 1000 */
    readonly pollIntervalMs: number;
    /**
     * The vector index (`MEMORY_VECTOR_INDEX`): `pgvector` (HNSW, cosine; the extension must exist), `exact` (a
     * `real[]` column and an exact cosine scan), or `auto` (pgvector where it exists, else exact). @defaultValue auto
     */
    readonly vectorIndex: 'auto' | 'pgvector' | 'exact';
  };
  /** The workflow a session starts when it ends (`StartSessionInput.onEnd`; subgraphs/session/services/session-end-dispatcher.ts). */
  readonly sessionEnd: {
    /** How often each session instance looks for ended sessions to dispatch, in ms, besides right after its own ends (`SESSION_END_POLL_INTERVAL_MS`, 10–60000). @defaultValue 2000 */
    readonly pollIntervalMs: number;
    /** Attempts to start the run before `endRunError` is stored and dispatch gives up (`SESSION_END_MAX_ATTEMPTS`, 1–100). @defaultValue 8 */
    readonly maxAttempts: number;
    /** Wait before the second attempt, in ms, doubled after each further failure (`SESSION_END_RETRY_INITIAL_MS`). @defaultValue 1000 */
    readonly retryInitialMs: number;
    /** Longest wait between two attempts, in ms (`SESSION_END_RETRY_MAX_MS`). @defaultValue 300000 */
    readonly retryMaxMs: number;
  };
}

/** Raised when the environment does not describe a valid configuration; the message names each bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment into an {@link OrchestraConfig}.
 * @param env - variables to read; pass `process.env` at a process's entry point.
 * @throws {@link ConfigError} naming every invalid variable, or a missing secret in production.
 */
export function loadConfig(env: Environment): OrchestraConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.LLM_PROVIDER_KEYS !== undefined) {
    throw new ConfigError(
      'Invalid configuration: LLM_PROVIDER_KEYS is no longer read. Set LLM_PROVIDERS instead, a JSON object of provider name to { "baseUrl": "...", "apiKey": "..." }, so that each key is bound to its own base URL',
    );
  }
  if (e.EMBEDDINGS_MODEL !== undefined && e.EMBEDDINGS_MODEL_DIR !== undefined) {
    throw new ConfigError(
      'Invalid configuration: EMBEDDINGS_MODEL and EMBEDDINGS_MODEL_DIR are mutually exclusive: set EMBEDDINGS_MODEL for a model called through the gateway, or EMBEDDINGS_MODEL_DIR for a local transformers.js model, not both',
    );
  }
  if (e.EMBEDDINGS_MODEL !== undefined) {
    const [provider, ...model] = e.EMBEDDINGS_MODEL.split('/');
    if (!provider || model.length === 0 || !model.join('/') || !e.LLM_PROVIDERS[provider]) {
      throw new ConfigError(
        `Invalid configuration: EMBEDDINGS_MODEL must be <provider>/<model> with a provider of LLM_PROVIDERS (${Object.keys(e.LLM_PROVIDERS).join(', ') || 'none configured'}), got "${e.EMBEDDINGS_MODEL}"`,
      );
    }
  }
  if (e.CORS_ALLOW_CREDENTIALS && e.CORS_ORIGINS.includes('*')) {
    throw new ConfigError(
      'Invalid configuration: CORS_ALLOW_CREDENTIALS=true cannot be combined with CORS_ORIGINS=* (browsers refuse credentialed answers to any origin): list the allowed origins',
    );
  }
  if (e.NODE_ENV === 'production') {
    const missing = (['AUTH_JWT_SECRET', 'INTERNAL_TOKEN_SECRET', 'DATABASE_URL', 'SECRETS_ENCRYPTION_KEY'] as const).filter((k) => !e[k]);
    if (missing.length > 0) throw new ConfigError(`Invalid configuration: ${missing.join(', ')} required when NODE_ENV=production`);
  }
  // The IDE loads the schema by introspection: without it GraphiQL would show no schema, docs or completion.
  const introspection = e.GATEWAY_INTROSPECTION ?? e.NODE_ENV !== 'production';
  const ide = e.GATEWAY_IDE ?? introspection;
  if (ide && !introspection) {
    throw new ConfigError(
      'Invalid configuration: GATEWAY_IDE=true needs introspection (GraphiQL loads the schema with it), which is off (GATEWAY_INTROSPECTION=false, or NODE_ENV=production by default): set GATEWAY_INTROSPECTION=true as well, or GATEWAY_IDE=false',
    );
  }
  const host = reachableHost(e.BIND_HOST);
  const ports = {
    gateway: e.GATEWAY_PORT,
    memory: e.MEMORY_PORT,
    orchestration: e.ORCHESTRATION_PORT,
    routing: e.ROUTING_PORT,
    session: e.SESSION_PORT,
  };
  const local = (p: number): string => `http://${host}:${p}/graphql`;
  return deepFreeze({
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    bindHost: e.BIND_HOST,
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, embeddedDataDir: e.EMBEDDED_DATA_DIR },
    redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    auth: {
      jwtSecret: e.AUTH_JWT_SECRET ?? DEVELOPMENT_SECRET,
      jwtIssuer: e.AUTH_JWT_ISSUER,
      jwtAudience: e.AUTH_JWT_AUDIENCE,
      jwksUrl: e.AUTH_JWKS_URL,
      jwksCooldownMs: e.AUTH_JWKS_COOLDOWN_MS,
      clockSkewSeconds: e.AUTH_CLOCK_SKEW_SECONDS,
      allowAnonymous: e.AUTH_ALLOW_ANONYMOUS,
      anonymousTenant: e.AUTH_ANONYMOUS_TENANT,
      anonymousScopes: e.AUTH_ANONYMOUS_SCOPES,
      internalTokenSecret: e.INTERNAL_TOKEN_SECRET ?? `${DEVELOPMENT_SECRET}-internal`,
      internalTokenTtlSeconds: e.INTERNAL_TOKEN_TTL_SECONDS,
    },
    endpoints: {
      ports,
      subgraphUrls: {
        memory: e.MEMORY_URL ?? local(ports.memory),
        orchestration: e.ORCHESTRATION_URL ?? local(ports.orchestration),
        routing: e.ROUTING_URL ?? local(ports.routing),
        session: e.SESSION_URL ?? local(ports.session),
      },
      gatewayUrl: e.GATEWAY_URL ?? local(ports.gateway),
    },
    supergraphPath: e.SUPERGRAPH_PATH,
    supergraphPollIntervalMs: e.SUPERGRAPH_POLL_INTERVAL_MS,
    limits: {
      maxRequestBytes: e.MAX_REQUEST_BYTES,
      maxQueryDepth: e.MAX_QUERY_DEPTH,
      maxQueryAliases: e.MAX_QUERY_ALIASES,
      maxQueryDirectives: e.MAX_QUERY_DIRECTIVES,
      maxQueryTokens: e.MAX_QUERY_TOKENS,
      maxQueryCost: e.MAX_QUERY_COST || null,
      queryCostListSize: e.QUERY_COST_LIST_SIZE,
      maxRootFields: e.MAX_ROOT_FIELDS,
      subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
    },
    gateway: {
      workers: e.GATEWAY_WORKERS ?? (e.NODE_ENV === 'production' ? availableParallelism() : 1),
      deduplicateOperations: e.GATEWAY_DEDUPLICATE_OPERATIONS,
      deduplicateFetches: e.GATEWAY_DEDUPLICATE_FETCHES,
      compiledExecution: e.GATEWAY_COMPILED_EXECUTION,
      ide,
      console: e.GATEWAY_CONSOLE,
      introspection,
      batching: { enabled: e.GATEWAY_BATCHING, maxOperations: e.MAX_BATCH_OPERATIONS },
      planCacheBytes: e.GATEWAY_PLAN_CACHE_BYTES,
      operationManifestPath: e.GATEWAY_OPERATION_MANIFEST === undefined ? undefined : resolve(e.GATEWAY_OPERATION_MANIFEST),
    },
    trustedDocuments: {
      mode: e.TRUSTED_DOCUMENTS,
      manifestPaths: (e.TRUSTED_DOCUMENTS_PATH ?? '')
        .split(',')
        .map((path) => path.trim())
        .filter((path) => path !== '')
        .map((path) => resolve(path)),
      apqCacheEntries: e.APQ_CACHE_ENTRIES,
    },
    worker: {
      enabled: e.WORKER_ENABLED,
      concurrency: e.WORKER_CONCURRENCY,
      globalConcurrency: e.WORKER_GLOBAL_CONCURRENCY,
      queue: e.WORKER_QUEUE,
      workerId: e.WORKER_ID ?? `${hostname()}:${process.pid}`,
      leaseMs: e.WORKER_LEASE_MS,
      sweepIntervalMs: e.WORKER_SWEEP_INTERVAL_MS,
      eagerSteps: e.WORKER_EAGER_STEPS,
      httpStepTimeoutMs: e.HTTP_STEP_TIMEOUT_MS,
      llmTimeoutMs: e.LLM_TIMEOUT_MS,
    },
    models: {
      providers: e.LLM_PROVIDERS,
      timeoutMs: e.LLM_TIMEOUT_MS,
      maxRetries: e.LLM_MAX_RETRIES,
      retryInitialMs: e.LLM_RETRY_INITIAL_MS,
      retryMaxMs: e.LLM_RETRY_MAX_MS,
      allowedFails: e.ROUTER_ALLOWED_FAILS,
      cooldownSeconds: e.ROUTER_COOLDOWN_SECONDS,
      routingStateMaxAgeMs: e.ROUTER_STATE_MAX_AGE_MS,
      secretsEncryptionKey: e.SECRETS_ENCRYPTION_KEY ?? createHash('sha256').update(`${DEVELOPMENT_SECRET}-secrets`).digest('base64'),
    },
    egress: { allow: e.EGRESS_ALLOW },
    events: { relayIntervalMs: e.EVENT_RELAY_INTERVAL_MS, streamMaxLength: e.EVENT_STREAM_MAX_LENGTH },
    browser: {
      corsOrigins: e.CORS_ORIGINS,
      corsMaxAgeSeconds: e.CORS_MAX_AGE_SECONDS,
      corsAllowCredentials: e.CORS_ALLOW_CREDENTIALS,
      strictTransportSecurity: e.NODE_ENV === 'production',
    },
    responseCache: {
      enabled: e.RESPONSE_CACHE,
      maxBytes: e.RESPONSE_CACHE_BYTES,
      maxEntryBytes: e.RESPONSE_CACHE_MAX_ENTRY_BYTES,
      relayIntervalMs: e.ENTITY_CHANGE_RELAY_INTERVAL_MS,
    },
    subscriptions: {
      maxBufferedEvents: e.SUBSCRIPTION_MAX_BUFFERED_EVENTS,
      keepAliveMs: e.SUBSCRIPTION_KEEP_ALIVE_MS,
      maxPerPrincipal: e.SUBSCRIPTION_MAX_PER_PRINCIPAL || null,
    },
    rateLimits: {
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      perSubject: e.RATE_LIMIT_SUBJECT_REQUESTS || null,
      perApiKey: e.RATE_LIMIT_API_KEY_REQUESTS || null,
      perTenant: e.RATE_LIMIT_TENANT_REQUESTS || null,
    },
    memoryCache: { maxItems: e.MEMORY_CACHE_MAX_ITEMS, ttlSeconds: e.MEMORY_CACHE_TTL_SECONDS },
    tracing: tracingConfig(e),
    embeddings: {
      model: e.EMBEDDINGS_MODEL,
      modelDir: e.EMBEDDINGS_MODEL_DIR === undefined ? undefined : resolve(e.EMBEDDINGS_MODEL_DIR),
      dimensions: e.EMBEDDINGS_DIMENSIONS ?? (e.EMBEDDINGS_MODEL_DIR === undefined ? DEFAULT_EMBEDDING_DIMENSIONS : undefined),
      batchSize: e.EMBEDDINGS_BATCH_SIZE,
      pollIntervalMs: e.EMBEDDINGS_POLL_INTERVAL_MS,
      vectorIndex: e.MEMORY_VECTOR_INDEX,
    },
    sessionEnd: {
      pollIntervalMs: e.SESSION_END_POLL_INTERVAL_MS,
      maxAttempts: e.SESSION_END_MAX_ATTEMPTS,
      retryInitialMs: e.SESSION_END_RETRY_INITIAL_MS,
      retryMaxMs: e.SESSION_END_RETRY_MAX_MS,
    },
  });
}

/** Where and how spans are exported (OTLP over HTTP, https://opentelemetry.io/docs/specs/otlp/#otlphttp). */
export interface TracingConfig {
  /** `service.name` of the spans (`OTEL_SERVICE_NAME`). @defaultValue `orchestra` */
  readonly serviceName: string;
  /**
   * The traces URL: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as given, else `OTEL_EXPORTER_OTLP_ENDPOINT` with
   * `/v1/traces` appended (as the specification says).
   */
  readonly endpoint: string;
  /** OTLP encoding (`OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`, then `OTEL_EXPORTER_OTLP_PROTOCOL`). @defaultValue `http/protobuf` */
  readonly protocol: 'http/protobuf' | 'http/json';
  /**
   * Headers of each export request (`OTEL_EXPORTER_OTLP_HEADERS`, then `OTEL_EXPORTER_OTLP_TRACES_HEADERS` over it):
   * `key=value` pairs separated by commas, values percent-decoded. Credentials of the collector; never logged.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** The sampler (`OTEL_TRACES_SAMPLER`). @defaultValue `parentbased_always_on` */
  readonly sampler: 'always_on' | 'always_off' | 'traceidratio' | 'parentbased_always_on' | 'parentbased_always_off' | 'parentbased_traceidratio';
  /** Ratio of the `traceidratio` samplers, 0–1 (`OTEL_TRACES_SAMPLER_ARG`). @defaultValue 1 */
  readonly samplerRatio: number;
}

function tracingConfig(e: z.infer<typeof EnvSchema>): TracingConfig | undefined {
  const endpoint = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  if (e.OTEL_SDK_DISABLED || !endpoint) return undefined;
  return {
    serviceName: e.OTEL_SERVICE_NAME,
    endpoint,
    protocol: e.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? e.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    headers: {
      ...otlpHeaders(e.OTEL_EXPORTER_OTLP_HEADERS, 'OTEL_EXPORTER_OTLP_HEADERS'),
      ...otlpHeaders(e.OTEL_EXPORTER_OTLP_TRACES_HEADERS, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
    },
    sampler: e.OTEL_TRACES_SAMPLER,
    samplerRatio: e.OTEL_TRACES_SAMPLER_ARG ?? 1,
  };
}

/** Parses `key1=value1,key2=value2` (W3C Baggage syntax without properties, values percent-encoded). */
function otlpHeaders(value: string | undefined, name: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    // The value may be a credential: name the variable, never quote it.
    if (!key) throw new ConfigError(`Invalid configuration: ${name} must be key=value pairs separated by commas`);
    try {
      headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      throw new ConfigError(`Invalid configuration: ${name} has a value that is not valid percent-encoding (key "${key}")`);
    }
  }
  return headers;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
