import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CORS_MAX_AGE_SECONDS, DEFAULT_EMBEDDING_DIMENSIONS, DEVELOPMENT_SECRET, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.endpoints.ports).toEqual({ gateway: 4000, memory: 4001, orchestration: 4002, routing: 4003, session: 4004 });
    expect(config.endpoints.subgraphUrls.memory).toBe('http://127.0.0.1:4001/graphql');
    expect(config.database.url).toBeUndefined();
    expect(config.auth.allowAnonymous).toBe(false);
    expect(config.auth.jwtSecret).toBe(DEVELOPMENT_SECRET);
    expect(Object.isFrozen(config.auth)).toBe(true);
  });

  it('reads the client-token variables: no JWKS or audience by default, 30 s of clock skew, a 30 s JWKS cooldown', () => {
    expect(loadConfig({}).auth).toMatchObject({ jwksUrl: undefined, jwtAudience: undefined, clockSkewSeconds: 30, jwksCooldownMs: 30_000 });
    const set = loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_JWT_AUDIENCE: 'orchestra', AUTH_CLOCK_SKEW_SECONDS: '5' });
    expect(set.auth).toMatchObject({ jwksUrl: 'https://idp.example/jwks.json', jwtAudience: 'orchestra', clockSkewSeconds: 5 });
    expect(() => loadConfig({ AUTH_JWKS_URL: 'not a url' })).toThrow(/AUTH_JWKS_URL/);
    expect(() => loadConfig({ AUTH_CLOCK_SKEW_SECONDS: '-1' })).toThrow(/AUTH_CLOCK_SKEW_SECONDS/);
  });

  it('reads the operation limits: depth 12, 30 aliases, 50 directives, 2000 tokens, 20 root fields by default; positive integers only', () => {
    expect(loadConfig({}).limits).toMatchObject({ maxQueryDepth: 12, maxQueryAliases: 30, maxQueryDirectives: 50, maxQueryTokens: 2000, maxRootFields: 20 });
    expect(loadConfig({ MAX_ROOT_FIELDS: '2' }).limits.maxRootFields).toBe(2);
    expect(() => loadConfig({ MAX_ROOT_FIELDS: '-1' })).toThrow(/MAX_ROOT_FIELDS/);
    const set = loadConfig({ MAX_QUERY_ALIASES: '3', MAX_QUERY_DIRECTIVES: '4', MAX_QUERY_TOKENS: '500' }).limits;
    expect(set).toMatchObject({ maxQueryAliases: 3, maxQueryDirectives: 4, maxQueryTokens: 500 });
    expect(() => loadConfig({ MAX_QUERY_ALIASES: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ MAX_QUERY_TOKENS: 'many' })).toThrow(/MAX_QUERY_TOKENS/);
  });

  it('reads the cost limit: 50000 by default, 0 = none (estimate only), lists of 10 unless sized', () => {
    expect(loadConfig({}).limits).toMatchObject({ maxQueryCost: 50_000, queryCostListSize: 10 });
    expect(loadConfig({ MAX_QUERY_COST: '0', QUERY_COST_LIST_SIZE: '3' }).limits).toMatchObject({ maxQueryCost: null, queryCostListSize: 3 });
    expect(() => loadConfig({ MAX_QUERY_COST: '-1' })).toThrow(/MAX_QUERY_COST/);
    expect(() => loadConfig({ QUERY_COST_LIST_SIZE: 'many' })).toThrow(/QUERY_COST_LIST_SIZE/);
  });

  it('reads the trusted-document variables: off, no manifests, 10000 APQ entries by default', () => {
    expect(loadConfig({}).trustedDocuments).toEqual({ mode: 'off', manifestPaths: [], apqCacheEntries: 10_000 });
    const set = loadConfig({ TRUSTED_DOCUMENTS: 'enforce', TRUSTED_DOCUMENTS_PATH: '/a.json, b.json', APQ_CACHE_ENTRIES: '5' });
    expect(set.trustedDocuments.mode).toBe('enforce');
    expect(set.trustedDocuments.manifestPaths).toEqual(['/a.json', expect.stringMatching(/\/b\.json$/)]);
    expect(set.trustedDocuments.apqCacheEntries).toBe(5);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'strict' })).toThrow(/TRUSTED_DOCUMENTS/);
    expect(() => loadConfig({ APQ_CACHE_ENTRIES: '0' })).toThrow(/APQ_CACHE_ENTRIES/);
  });

  it('names every invalid variable', () => {
    const bad = { GATEWAY_PORT: 'http', AUTH_ALLOW_ANONYMOUS: 'maybe' };
    expect(() => loadConfig(bad)).toThrow(/GATEWAY_PORT/);
    expect(() => loadConfig(bad)).toThrow(/AUTH_ALLOW_ANONYMOUS/);
    expect(() => loadConfig({ LLM_PROVIDERS: '[1]' })).toThrow(/LLM_PROVIDERS/);
    expect(() => loadConfig({ LLM_PROVIDERS: '{"openai":{"baseUrl":"ftp://x"}}' })).toThrow(/openai\.baseUrl/);
    expect(() => loadConfig({ LLM_PROVIDERS: '{"Open AI":{"baseUrl":"https://x"}}' })).toThrow(/LLM_PROVIDERS/);
    expect(() => loadConfig({ SECRETS_ENCRYPTION_KEY: 'too-short' })).toThrow(/SECRETS_ENCRYPTION_KEY/);
  });

  it('stops on LLM_PROVIDER_KEYS, naming LLM_PROVIDERS that replaces it', () => {
    expect(() => loadConfig({ LLM_PROVIDER_KEYS: '{"openai":"sk-1"}' })).toThrow(/LLM_PROVIDER_KEYS is no longer read\. Set LLM_PROVIDERS/);
  });

  it('binds each operator provider key to its base URL', () => {
    const config = loadConfig({
      LLM_PROVIDERS: JSON.stringify({
        openai: { baseUrl: 'https://api.openai.com/v1/', apiKey: 'sk-1' },
        local: { baseUrl: 'http://127.0.0.1:11434/v1', tenants: ['acme'] },
      }),
      EGRESS_ALLOW: '10.0.0.0/8, models.internal:8443',
    });
    expect(config.models.providers).toEqual({
      openai: { baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-1', tenants: undefined },
      local: { baseUrl: 'http://127.0.0.1:11434/v1', apiKey: undefined, tenants: ['acme'] },
    });
    expect(config.egress.allow).toEqual(['10.0.0.0/8', 'models.internal:8443']);
    expect(config.models).toMatchObject({ maxRetries: 2, allowedFails: 3, cooldownSeconds: 5 });
  });

  it('takes EMBEDDINGS_MODEL or EMBEDDINGS_MODEL_DIR, not both; a local model keeps its own dimensions unless told', () => {
    const providers = JSON.stringify({ openai: { baseUrl: 'https://api.openai.com/v1' } });
    expect(() => loadConfig({ LLM_PROVIDERS: providers, EMBEDDINGS_MODEL: 'openai/text-embedding-3-small', EMBEDDINGS_MODEL_DIR: 'models/minilm' })).toThrow(
      /EMBEDDINGS_MODEL and EMBEDDINGS_MODEL_DIR are mutually exclusive/,
    );
    const local = loadConfig({ EMBEDDINGS_MODEL_DIR: 'models/minilm' });
    expect(local.embeddings).toMatchObject({ model: undefined, modelDir: resolve('models/minilm'), dimensions: undefined });
    expect(loadConfig({ EMBEDDINGS_MODEL_DIR: '/srv/minilm', EMBEDDINGS_DIMENSIONS: '384' }).embeddings).toMatchObject({
      modelDir: '/srv/minilm',
      dimensions: 384,
    });
    expect(loadConfig({ LLM_PROVIDERS: providers, EMBEDDINGS_MODEL: 'openai/text-embedding-3-small' }).embeddings).toMatchObject({
      modelDir: undefined,
      dimensions: DEFAULT_EMBEDDING_DIMENSIONS,
    });
  });

  it('requires real secrets and a database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET, INTERNAL_TOKEN_SECRET, DATABASE_URL, SECRETS_ENCRYPTION_KEY/);
  });

  it('reads CORS origins, max age and credentials; "*" only alone and never with credentials; HSTS in production', () => {
    expect(loadConfig({}).browser).toEqual({
      corsOrigins: [],
      corsMaxAgeSeconds: DEFAULT_CORS_MAX_AGE_SECONDS,
      corsAllowCredentials: false,
      strictTransportSecurity: false,
    });
    const listed = loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173', CORS_MAX_AGE_SECONDS: '60', CORS_ALLOW_CREDENTIALS: 'true' });
    expect(listed.browser).toMatchObject({ corsOrigins: ['https://a.example', 'http://localhost:5173'], corsMaxAgeSeconds: 60, corsAllowCredentials: true });
    expect(loadConfig({ CORS_ORIGINS: '*' }).browser.corsOrigins).toEqual(['*']);
    expect(() => loadConfig({ CORS_ORIGINS: '*,https://a.example' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'a.example' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: '*', CORS_ALLOW_CREDENTIALS: 'true' })).toThrow(
      /CORS_ALLOW_CREDENTIALS=true cannot be combined with CORS_ORIGINS=\*/,
    );
    const production = {
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'a'.repeat(32),
      INTERNAL_TOKEN_SECRET: 'b'.repeat(32),
      DATABASE_URL: 'postgres://db/orchestra',
      SECRETS_ENCRYPTION_KEY: 'c'.repeat(64),
    };
    expect(loadConfig(production).browser.strictTransportSecurity).toBe(true);
    // The in-browser IDE: on outside production, off in production unless GATEWAY_IDE=true.
    expect(loadConfig({}).gateway.ide).toBe(true);
    expect(loadConfig(production).gateway.ide).toBe(false);
    expect(loadConfig({ GATEWAY_IDE: 'false' }).gateway.ide).toBe(false);
    // Introspection: on outside production, off in it; the IDE needs it, so on with it only when introspection is.
    expect(loadConfig({}).gateway.introspection).toBe(true);
    expect(loadConfig(production).gateway.introspection).toBe(false);
    expect(loadConfig({ GATEWAY_INTROSPECTION: 'false' }).gateway).toMatchObject({ introspection: false, ide: false });
    expect(loadConfig({ ...production, GATEWAY_IDE: 'true', GATEWAY_INTROSPECTION: 'true' }).gateway).toMatchObject({ ide: true, introspection: true });
    expect(() => loadConfig({ ...production, GATEWAY_IDE: 'true' })).toThrow(/GATEWAY_IDE=true needs introspection.*GATEWAY_INTROSPECTION=true/);
    expect(() => loadConfig({ GATEWAY_IDE: 'true', GATEWAY_INTROSPECTION: 'false' })).toThrow(ConfigError);
    // The web console: on by default, in production too and without introspection (it does not use it).
    expect(loadConfig(production).gateway).toMatchObject({ console: true, introspection: false });
    expect(loadConfig({ GATEWAY_CONSOLE: 'false' }).gateway.console).toBe(false);
  });

  it('reads batching: off, 10 operations per batch by default', () => {
    expect(loadConfig({}).gateway.batching).toEqual({ enabled: false, maxOperations: 10 });
    expect(loadConfig({ GATEWAY_BATCHING: 'true', MAX_BATCH_OPERATIONS: '3' }).gateway.batching).toEqual({ enabled: true, maxOperations: 3 });
    expect(() => loadConfig({ MAX_BATCH_OPERATIONS: '0' })).toThrow(/MAX_BATCH_OPERATIONS/);
  });

  it('reads the gateway rate limits and the subscription quota: defaults, 0 = no limit, bad values refused by name', () => {
    const defaults = loadConfig({});
    expect(defaults.rateLimits).toEqual({ windowSeconds: 60, perSubject: 1200, perApiKey: 1200, perTenant: 6000 });
    expect(defaults.subscriptions.maxPerPrincipal).toBe(100);
    const off = loadConfig({
      RATE_LIMIT_SUBJECT_REQUESTS: '0',
      RATE_LIMIT_API_KEY_REQUESTS: '5',
      RATE_LIMIT_TENANT_REQUESTS: '0',
      SUBSCRIPTION_MAX_PER_PRINCIPAL: '0',
    });
    expect(off.rateLimits).toEqual({ windowSeconds: 60, perSubject: null, perApiKey: 5, perTenant: null });
    expect(off.subscriptions.maxPerPrincipal).toBeNull();
    expect(() => loadConfig({ RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/RATE_LIMIT_WINDOW_SECONDS/);
    expect(() => loadConfig({ RATE_LIMIT_TENANT_REQUESTS: '-1' })).toThrow(/RATE_LIMIT_TENANT_REQUESTS/);
  });

  it('rejects a short secret', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'short' })).toThrow(/AUTH_JWT_SECRET/);
  });

  it('takes subgraph URLs over the defaults derived from ports', () => {
    const config = loadConfig({ SESSION_URL: 'http://session:4004/graphql', ROUTING_PORT: '5003' });
    expect(config.endpoints.subgraphUrls.session).toBe('http://session:4004/graphql');
    expect(config.endpoints.subgraphUrls.routing).toBe('http://127.0.0.1:5003/graphql');
  });

  it('reads the OpenTelemetry variables: tracing off without an endpoint or with OTEL_SDK_DISABLED', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      serviceName: 'orchestra',
      endpoint: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      headers: {},
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
    });
    const tracing = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/custom',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'api-key=a%20b, x-team=core',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-team=traces',
      OTEL_SERVICE_NAME: 'orchestra-eu',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
    }).tracing;
    expect(tracing).toEqual({
      serviceName: 'orchestra-eu',
      endpoint: 'http://traces:4318/custom',
      protocol: 'http/json',
      headers: { 'api-key': 'a b', 'x-team': 'traces' },
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.25,
    });
    expect(() => loadConfig({ OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(/OTEL_TRACES_SAMPLER/);
    expect(() => loadConfig({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL/);
    // A malformed header names the variable, never the (secret) value.
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'secret-without-key' })).toThrow(
      /OTEL_EXPORTER_OTLP_HEADERS must be key=value/,
    );
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'secret-without-key' })).not.toThrow(
      /secret-without-key/,
    );
  });
});
