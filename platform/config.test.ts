import { describe, expect, it } from 'vitest';
import { ConfigError, DEVELOPMENT_SECRET, loadConfig } from './config.ts';

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

  it('names every invalid variable', () => {
    const bad = { GATEWAY_PORT: 'http', AUTH_ALLOW_ANONYMOUS: 'maybe' };
    expect(() => loadConfig(bad)).toThrow(/GATEWAY_PORT/);
    expect(() => loadConfig(bad)).toThrow(/AUTH_ALLOW_ANONYMOUS/);
    expect(() => loadConfig({ LLM_PROVIDER_KEYS: '[1]' })).toThrow(/LLM_PROVIDER_KEYS/);
  });

  it('requires real secrets and a database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET, INTERNAL_TOKEN_SECRET, DATABASE_URL/);
  });

  it('rejects a short secret', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'short' })).toThrow(/AUTH_JWT_SECRET/);
  });

  it('takes subgraph URLs over the defaults derived from ports', () => {
    const config = loadConfig({ SESSION_URL: 'http://session:4004/graphql', ROUTING_PORT: '5003' });
    expect(config.endpoints.subgraphUrls.session).toBe('http://session:4004/graphql');
    expect(config.endpoints.subgraphUrls.routing).toBe('http://127.0.0.1:5003/graphql');
  });
});
