import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient, type GraphResponse } from './kit/client.ts';
import { countTenantRows } from './kit/database.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import {
  DeleteProviderDocument,
  GetRouterSettingsDocument,
  ListModelGroupsDocument,
  ListProvidersDocument,
  UpdateRouterSettingsDocument,
  UpsertModelGroupDocument,
  UpsertProviderDocument,
  UpsertProviderModelDocument,
  type ModelProfileInput,
  type RouterSettingsInput,
} from './generated/graphql.ts';

/** The operator's key of `acme`: it must never show in any response. */
const OPERATOR_KEY = 'sk-operator-acme-4f1d8b2e9c0a7d36';
/** The operator's key of `restricted` (only {@link ALLOWED_TENANT} may use it). */
const RESTRICTED_KEY = 'sk-operator-restricted-77aa0912bb';
const ACME_URL = 'http://127.0.0.1:9/v1';
const ALLOWED_TENANT = newTenant();
/** Every key a test sends: the response-wide check of {@link call} looks for each. */
const SECRETS = new Set([OPERATOR_KEY, RESTRICTED_KEY]);

let graph: TestGraph;
let db: pg.Client;
beforeAll(async () => {
  graph = await startGraph({
    subgraphs: ['routing'],
    env: {
      LLM_PROVIDERS: JSON.stringify({
        acme: { baseUrl: `${ACME_URL}/`, apiKey: OPERATOR_KEY },
        keyless: { baseUrl: 'http://127.0.0.1:9/local' },
        restricted: { baseUrl: 'http://127.0.0.1:9/restricted', apiKey: RESTRICTED_KEY, tenants: [ALLOWED_TENANT] },
      }),
    },
  });
  db = new pg.Client({ connectionString: graph.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await graph?.close();
});

const WRITER = ['routing:read', 'routing:write'];
const client = (tenant = newTenant(), scopes = WRITER): Promise<GraphClient> => createClient(graph, { tenant, scopes });
type Errors = GraphResponse<unknown>['errors'];
const codeOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['code'];
const fieldOf = (errors: Errors): unknown => errors?.[0]?.extensions?.['field'];

/** A tenant key of `length` characters whose last 4 are `tail`, registered in {@link SECRETS}. */
function tenantKey(tail: string, length = 40): string {
  const key = `sk-tenant-${randomUUID().replaceAll('-', '')}`.padEnd(length - 4, 'x').slice(0, length - 4) + tail;
  SECRETS.add(key);
  return key;
}

/** Sends a request and asserts that no key of {@link SECRETS} appears anywhere in the response (data or errors). */
async function call<TData, TVariables>(c: GraphClient, document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<GraphResponse<TData>> {
  const response = await c.request(document, variables);
  const json = JSON.stringify(response);
  for (const secret of SECRETS) expect(json).not.toContain(secret);
  return response;
}
async function callOk<TData, TVariables>(c: GraphClient, document: TypedDocumentNode<TData, TVariables>, variables?: TVariables): Promise<TData> {
  const response = await call(c, document, variables);
  expect(response.errors).toBeUndefined();
  if (!response.data) throw new Error('no data');
  return response.data;
}

function modelInput(name: string, overrides: Partial<ModelProfileInput> = {}): ModelProfileInput {
  return {
    name,
    provider: 'acme',
    inputCostPer1kTokensUsd: 1,
    outputCostPer1kTokensUsd: 2,
    latencyMs: 100,
    quality: 0.8,
    contextWindowTokens: 8000,
    ...overrides,
  };
}

interface ProviderRow {
  name: string;
  base_url: string;
  api_key_ciphertext: Buffer | null;
  api_key_iv: Buffer | null;
  api_key_tag: Buffer | null;
  api_key_hint: string | null;
}
async function providerRows(tenantId: string): Promise<ProviderRow[]> {
  const { rows } = await db.query<ProviderRow>(
    `SELECT name, base_url, api_key_ciphertext, api_key_iv, api_key_tag, api_key_hint FROM routing.providers WHERE tenant_id = $1 ORDER BY name`,
    [tenantId],
  );
  return rows;
}

describe('operator providers (LLM_PROVIDERS)', () => {
  it('lists the operator providers a tenant may use, with hasApiKey and no key, then its own', async () => {
    const c = await client();
    const { providers } = await callOk(c, ListProvidersDocument);
    expect(providers).toEqual([
      { id: 'operator:acme', name: 'acme', owner: 'OPERATOR', baseUrl: ACME_URL, hasApiKey: true, apiKeyHint: null, createdAt: null, updatedAt: null },
      {
        id: 'operator:keyless',
        name: 'keyless',
        owner: 'OPERATOR',
        baseUrl: 'http://127.0.0.1:9/local',
        hasApiKey: false,
        apiKeyHint: null,
        createdAt: null,
        updatedAt: null,
      },
    ]);
  });

  it('shows a provider limited by its `tenants` list to those tenants only', async () => {
    const allowed = await client(ALLOWED_TENANT);
    const { providers } = await callOk(allowed, ListProvidersDocument);
    expect(providers.map((p) => p.name)).toEqual(['acme', 'keyless', 'restricted']);
    const other = await client();
    expect((await callOk(other, ListProvidersDocument)).providers.map((p) => p.name)).toEqual(['acme', 'keyless']);
  });
});

describe('upsertProvider', () => {
  it('stores the key sealed (AES-256-GCM) and returns only a hint of its last 4 characters', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const key = tenantKey('9f2c');
    const { upsertProvider: created } = await callOk(c, UpsertProviderDocument, {
      input: { name: 'mine', baseUrl: 'https://llm.example.com/v1/', apiKey: key },
    });
    expect(created).toMatchObject({ name: 'mine', owner: 'TENANT', baseUrl: 'https://llm.example.com/v1', hasApiKey: true, apiKeyHint: '…9f2c' });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdAt).not.toBeNull();

    const [row] = await providerRows(tenant);
    expect(row).toMatchObject({ name: 'mine', base_url: 'https://llm.example.com/v1', api_key_hint: '…9f2c' });
    expect(row?.api_key_iv).toHaveLength(12);
    expect(row?.api_key_tag).toHaveLength(16);
    expect(row?.api_key_ciphertext?.includes(Buffer.from(key))).toBe(false);
    expect(row?.api_key_ciphertext?.toString('latin1')).not.toContain(key.slice(-8));

    const { providers } = await callOk(c, ListProvidersDocument);
    expect(providers.map((p) => [p.name, p.owner, p.apiKeyHint])).toEqual([
      ['acme', 'OPERATOR', null],
      ['keyless', 'OPERATOR', null],
      ['mine', 'TENANT', '…9f2c'],
    ]);
  });

  it('rotates the key with a new one, keeps it when apiKey is absent, and removes it with an empty string', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const first = tenantKey('aaaa');
    const second = tenantKey('bbbb');
    await callOk(c, UpsertProviderDocument, { input: { name: 'rot', baseUrl: 'https://a.example.com/v1', apiKey: first } });
    const [before] = await providerRows(tenant);

    const { upsertProvider: rotated } = await callOk(c, UpsertProviderDocument, {
      input: { name: 'rot', baseUrl: 'https://a.example.com/v1', apiKey: second },
    });
    expect(rotated).toMatchObject({ hasApiKey: true, apiKeyHint: '…bbbb' });
    const [after] = await providerRows(tenant);
    expect(after?.api_key_ciphertext?.equals(before?.api_key_ciphertext ?? Buffer.alloc(0))).toBe(false);
    expect(after?.api_key_iv?.equals(before?.api_key_iv ?? Buffer.alloc(0))).toBe(false);

    const { upsertProvider: kept } = await callOk(c, UpsertProviderDocument, { input: { name: 'rot', baseUrl: 'https://a.example.com/v1/' } });
    expect(kept).toMatchObject({ id: rotated.id, hasApiKey: true, apiKeyHint: '…bbbb' });
    const [keptRow] = await providerRows(tenant);
    expect(keptRow?.api_key_ciphertext?.equals(after?.api_key_ciphertext ?? Buffer.alloc(0))).toBe(true);

    const { upsertProvider: removed } = await callOk(c, UpsertProviderDocument, { input: { name: 'rot', baseUrl: 'https://a.example.com/v1', apiKey: '' } });
    expect(removed).toMatchObject({ id: rotated.id, hasApiKey: false, apiKeyHint: null });
    expect(await providerRows(tenant)).toEqual([
      { name: 'rot', base_url: 'https://a.example.com/v1', api_key_ciphertext: null, api_key_iv: null, api_key_tag: null, api_key_hint: null },
    ]);
    // Without a key the base URL may move freely.
    const { upsertProvider: moved } = await callOk(c, UpsertProviderDocument, { input: { name: 'rot', baseUrl: 'https://b.example.com/v1' } });
    expect(moved).toMatchObject({ baseUrl: 'https://b.example.com/v1', hasApiKey: false });
  });

  it('refuses to move a kept key to another base URL, and changes nothing', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    await callOk(c, UpsertProviderDocument, { input: { name: 'bound', baseUrl: 'https://a.example.com/v1', apiKey: tenantKey('cccc') } });
    const before = await providerRows(tenant);
    const moved = await call(c, UpsertProviderDocument, { input: { name: 'bound', baseUrl: 'https://attacker.example.net/v1' } });
    expect(codeOf(moved.errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(moved.errors)).toBe('input.apiKey');
    expect(await providerRows(tenant)).toEqual(before);
    // With the key given again, it moves.
    const { upsertProvider } = await callOk(c, UpsertProviderDocument, {
      input: { name: 'bound', baseUrl: 'https://c.example.com/v1', apiKey: tenantKey('dddd') },
    });
    expect(upsertProvider).toMatchObject({ baseUrl: 'https://c.example.com/v1', apiKeyHint: '…dddd' });
  });

  it("refuses an operator provider's name (usable or not) and `echo`, writing nothing", async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    for (const name of ['acme', 'restricted', 'echo']) {
      const response = await call(c, UpsertProviderDocument, { input: { name, baseUrl: 'https://x.example.com/v1', apiKey: tenantKey('eeee') } });
      expect(codeOf(response.errors), name).toBe('BAD_USER_INPUT');
      expect(fieldOf(response.errors), name).toBe('input.name');
    }
    expect(await countTenantRows(graph, 'routing.providers', tenant)).toBe(0);
    expect((await callOk(c, ListProvidersDocument)).providers.map((p) => p.name)).toEqual(['acme', 'keyless']);
  });

  it('refuses bad names, URLs and keys, naming the field and never the key', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const cases: [string, { name: string; baseUrl: string; apiKey?: string }][] = [
      ['input.name', { name: 'Upper', baseUrl: 'https://x.example.com' }],
      ['input.name', { name: '1abc', baseUrl: 'https://x.example.com' }],
      ['input.name', { name: 'a'.repeat(65), baseUrl: 'https://x.example.com' }],
      ['input.baseUrl', { name: 'p', baseUrl: 'ftp://x.example.com/v1' }],
      ['input.baseUrl', { name: 'p', baseUrl: 'not a url' }],
      ['input.baseUrl', { name: 'p', baseUrl: 'https://user:pass@x.example.com/v1' }],
      ['input.baseUrl', { name: 'p', baseUrl: 'https://x.example.com/v1?api-version=1' }],
      ['input.baseUrl', { name: 'p', baseUrl: `https://x.example.com/${'a'.repeat(2048)}` }],
      ['input.apiKey', { name: 'p', baseUrl: 'https://x.example.com', apiKey: tenantKey('ffff', 4097) }],
      ['input.apiKey', { name: 'p', baseUrl: 'https://x.example.com', apiKey: `${tenantKey('gggg')} with spaces` }],
      ['input.apiKey', { name: 'p', baseUrl: 'https://x.example.com', apiKey: `${tenantKey('hhhh')}\n` }],
    ];
    for (const [field, input] of cases) {
      const response = await call(c, UpsertProviderDocument, { input });
      expect(codeOf(response.errors), JSON.stringify(input).slice(0, 80)).toBe('BAD_USER_INPUT');
      expect(fieldOf(response.errors), JSON.stringify(input).slice(0, 80)).toBe(field);
    }
    expect(await countTenantRows(graph, 'routing.providers', tenant)).toBe(0);
  });

  it('never echoes a key held in a variable that fails coercion (unknown field, missing field)', async () => {
    const c = await client();
    const key = tenantKey('zz99');
    for (const input of [
      { name: 'p', baseUrl: 'https://x.example.com', apiKey: key, colour: 'red' },
      { name: 'p', apiKey: key },
    ]) {
      const response = await c.request(UpsertProviderDocument, { input } as never);
      expect(response.errors?.[0]?.message).toMatch(/^Variable "\$input" got invalid value/);
      expect(JSON.stringify(response)).not.toContain(key);
      expect(JSON.stringify(response)).not.toContain('zz99');
    }
  });

  it('accepts a key of exactly 4096 characters and a loopback base URL (the egress policy applies when called)', async () => {
    const c = await client();
    const { upsertProvider } = await callOk(c, UpsertProviderDocument, {
      input: { name: 'local', baseUrl: 'http://127.0.0.1:11434/v1', apiKey: tenantKey('zz99', 4096) },
    });
    expect(upsertProvider).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1', apiKeyHint: '…zz99' });
  });

  it("keeps tenants apart: another tenant neither sees nor deletes a tenant's provider, and may use the same name", async () => {
    const a = await client();
    const bTenant = newTenant();
    const b = await client(bTenant);
    await callOk(a, UpsertProviderDocument, { input: { name: 'shared-name', baseUrl: 'https://a.example.com/v1', apiKey: tenantKey('a111') } });
    expect((await callOk(b, ListProvidersDocument)).providers.map((p) => p.name)).toEqual(['acme', 'keyless']);
    expect((await callOk(b, DeleteProviderDocument, { name: 'shared-name' })).deleteProvider).toBe(false);
    const { upsertProvider } = await callOk(b, UpsertProviderDocument, { input: { name: 'shared-name', baseUrl: 'https://b.example.com/v1' } });
    expect(upsertProvider).toMatchObject({ baseUrl: 'https://b.example.com/v1', hasApiKey: false });
    const mine = (await callOk(a, ListProvidersDocument)).providers.find((p) => p.name === 'shared-name');
    expect(mine).toMatchObject({ baseUrl: 'https://a.example.com/v1', apiKeyHint: '…a111' });
    expect(await countTenantRows(graph, 'routing.providers', bTenant)).toBe(1);
  });
});

describe('deleteProvider', () => {
  it('deletes the provider and its key (true), then has none to delete (false)', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    await callOk(c, UpsertProviderDocument, { input: { name: 'gone', baseUrl: 'https://g.example.com/v1', apiKey: tenantKey('gggg') } });
    expect((await callOk(c, DeleteProviderDocument, { name: 'gone' })).deleteProvider).toBe(true);
    expect(await countTenantRows(graph, 'routing.providers', tenant)).toBe(0);
    expect((await callOk(c, DeleteProviderDocument, { name: 'gone' })).deleteProvider).toBe(false);
    expect((await callOk(c, DeleteProviderDocument, { name: 'acme' })).deleteProvider).toBe(false);
  });

  it('is a CONFLICT naming the models while a model uses the provider, and deletes nothing', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    await callOk(c, UpsertProviderDocument, { input: { name: 'busy', baseUrl: 'https://b.example.com/v1', apiKey: tenantKey('bbbb') } });
    await callOk(c, UpsertProviderModelDocument, { input: modelInput('m-two', { provider: 'busy' }) });
    await callOk(c, UpsertProviderModelDocument, { input: modelInput('m-one', { provider: 'busy' }) });
    const refused = await call(c, DeleteProviderDocument, { name: 'busy' });
    expect(codeOf(refused.errors)).toBe('CONFLICT');
    expect(refused.errors?.[0]?.extensions?.['models']).toEqual(['m-one', 'm-two']);
    expect(refused.errors?.[0]?.message).toContain('m-one');
    expect(await countTenantRows(graph, 'routing.providers', tenant)).toBe(1);
    // Once the models moved to another provider, it goes.
    for (const name of ['m-one', 'm-two']) await callOk(c, UpsertProviderModelDocument, { input: modelInput(name, { provider: 'echo' }) });
    expect((await callOk(c, DeleteProviderDocument, { name: 'busy' })).deleteProvider).toBe(true);
  });
});

describe("upsertModel's endpoint rule", () => {
  it('takes no endpoint (or exactly the base URL) for an operator provider, and stores none', async () => {
    const c = await client();
    const { upsertModel: bare } = await callOk(c, UpsertProviderModelDocument, { input: modelInput('op-bare') });
    expect(bare).toMatchObject({ provider: 'acme', endpoint: null });
    for (const endpoint of [ACME_URL, `${ACME_URL}/`]) {
      const { upsertModel: same } = await callOk(c, UpsertProviderModelDocument, { input: modelInput('op-same', { endpoint }) });
      expect(same).toMatchObject({ provider: 'acme', endpoint: null });
    }
    const other = await call(c, UpsertProviderModelDocument, { input: modelInput('op-other', { endpoint: 'https://elsewhere.example.com/v1' }) });
    expect(codeOf(other.errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(other.errors)).toBe('input.endpoint');
  });

  it("takes no endpoint (or exactly the base URL) for the tenant's own provider", async () => {
    const c = await client();
    await callOk(c, UpsertProviderDocument, { input: { name: 'own', baseUrl: 'https://own.example.com/v1', apiKey: tenantKey('own1') } });
    expect((await callOk(c, UpsertProviderModelDocument, { input: modelInput('own-a', { provider: 'own' }) })).upsertModel.endpoint).toBeNull();
    const same = await callOk(c, UpsertProviderModelDocument, { input: modelInput('own-b', { provider: 'own', endpoint: 'https://own.example.com/v1' }) });
    expect(same.upsertModel.endpoint).toBeNull();
    const other = await call(c, UpsertProviderModelDocument, { input: modelInput('own-c', { provider: 'own', endpoint: 'https://own.example.com/v2' }) });
    expect(fieldOf(other.errors)).toBe('input.endpoint');
  });

  it('needs an endpoint for an unregistered provider name, none for echo, and refuses an operator provider the tenant may not use', async () => {
    const c = await client();
    const keyless = await callOk(c, UpsertProviderModelDocument, {
      input: modelInput('own-endpoint', { provider: 'selfhosted', endpoint: 'http://ollama.internal:11434/v1' }),
    });
    expect(keyless.upsertModel).toMatchObject({ provider: 'selfhosted', endpoint: 'http://ollama.internal:11434/v1' });
    const missing = await call(c, UpsertProviderModelDocument, { input: modelInput('no-endpoint', { provider: 'selfhosted' }) });
    expect(fieldOf(missing.errors)).toBe('input.endpoint');
    const echo = await call(c, UpsertProviderModelDocument, { input: modelInput('echo-endpoint', { provider: 'echo', endpoint: 'https://x.example.com' }) });
    expect(fieldOf(echo.errors)).toBe('input.endpoint');
    const restricted = await call(c, UpsertProviderModelDocument, { input: modelInput('restricted-model', { provider: 'restricted' }) });
    expect(codeOf(restricted.errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(restricted.errors)).toBe('input.provider');
    const allowed = await client(ALLOWED_TENANT);
    expect(
      (await callOk(allowed, UpsertProviderModelDocument, { input: modelInput(`r-${randomUUID()}`, { provider: 'restricted' }) })).upsertModel.endpoint,
    ).toBeNull();
  });
});

describe('model groups', () => {
  it('lists every group the models name with WEIGHTED_SCORE by default, and sets a strategy', async () => {
    const c = await client();
    await callOk(c, UpsertProviderDocument, { input: { name: 'azure', baseUrl: 'https://azure.example.com/v1', apiKey: tenantKey('az01') } });
    await callOk(c, UpsertProviderModelDocument, { input: modelInput('gpt@acme', { group: 'gpt', providerModel: 'gpt' }) });
    await callOk(c, UpsertProviderModelDocument, { input: modelInput('gpt@azure', { provider: 'azure', group: 'gpt', providerModel: 'gpt' }) });
    await callOk(c, UpsertProviderModelDocument, { input: modelInput('alone', { provider: 'echo' }) });
    expect((await callOk(c, ListModelGroupsDocument)).modelGroups).toEqual([
      { name: 'alone', strategy: 'WEIGHTED_SCORE', deployments: [{ name: 'alone', provider: 'echo' }] },
      {
        name: 'gpt',
        strategy: 'WEIGHTED_SCORE',
        deployments: [
          { name: 'gpt@acme', provider: 'acme' },
          { name: 'gpt@azure', provider: 'azure' },
        ],
      },
    ]);
    const { upsertModelGroup } = await callOk(c, UpsertModelGroupDocument, { input: { name: 'gpt', strategy: 'LOWEST_COST' } });
    expect(upsertModelGroup).toEqual({ name: 'gpt', strategy: 'LOWEST_COST', deployments: [{ name: 'gpt@acme' }, { name: 'gpt@azure' }] });
    await callOk(c, UpsertModelGroupDocument, { input: { name: 'gpt', strategy: 'LEAST_BUSY' } });
    expect((await callOk(c, ListModelGroupsDocument)).modelGroups.map((g) => [g.name, g.strategy])).toEqual([
      ['alone', 'WEIGHTED_SCORE'],
      ['gpt', 'LEAST_BUSY'],
    ]);
  });

  it('keeps the strategy of a group no model names yet, listing it once one does', async () => {
    const c = await client();
    const { upsertModelGroup } = await callOk(c, UpsertModelGroupDocument, { input: { name: 'later', strategy: 'SHUFFLE' } });
    expect(upsertModelGroup).toEqual({ name: 'later', strategy: 'SHUFFLE', deployments: [] });
    expect((await callOk(c, ListModelGroupsDocument)).modelGroups).toEqual([]);
    await callOk(c, UpsertProviderModelDocument, { input: modelInput('later-1', { provider: 'echo', group: 'later' }) });
    expect((await callOk(c, ListModelGroupsDocument)).modelGroups).toEqual([
      { name: 'later', strategy: 'SHUFFLE', deployments: [{ name: 'later-1', provider: 'echo' }] },
    ]);
  });

  it('refuses a group name with whitespace', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const response = await call(c, UpsertModelGroupDocument, { input: { name: 'has space', strategy: 'LOWEST_COST' } });
    expect(codeOf(response.errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(response.errors)).toBe('input.name');
    expect(await countTenantRows(graph, 'routing.model_groups', tenant)).toBe(0);
  });
});

describe('router settings', () => {
  const DEFAULTS = {
    fallbacks: [],
    contextWindowFallbacks: [],
    contentPolicyFallbacks: [],
    requestsPerMinute: null,
    tokensPerMinute: null,
    dailyBudgetUsd: null,
    monthlyBudgetUsd: null,
    spentTodayUsd: 0,
    spentThisMonthUsd: 0,
  };

  it('has the defaults before any update', async () => {
    const c = await client();
    expect((await callOk(c, GetRouterSettingsDocument)).routerSettings).toEqual(DEFAULTS);
  });

  it('keeps a field left out and clears a field set to null', async () => {
    const c = await client();
    const fallbacks = [
      { model: 'gpt', fallbacks: ['claude', 'llama'] },
      { model: '*', fallbacks: ['echo-1'] },
    ];
    const first = await callOk(c, UpdateRouterSettingsDocument, { input: { fallbacks, dailyBudgetUsd: 5, requestsPerMinute: 60 } });
    expect(first.updateRouterSettings).toEqual({ ...DEFAULTS, fallbacks, dailyBudgetUsd: 5, requestsPerMinute: 60 });
    const second = await callOk(c, UpdateRouterSettingsDocument, {
      input: { contextWindowFallbacks: [{ model: 'gpt', fallbacks: ['gpt-long'] }], monthlyBudgetUsd: 0, tokensPerMinute: 10_000 },
    });
    expect(second.updateRouterSettings).toEqual({
      ...DEFAULTS,
      fallbacks,
      contextWindowFallbacks: [{ model: 'gpt', fallbacks: ['gpt-long'] }],
      dailyBudgetUsd: 5,
      monthlyBudgetUsd: 0,
      requestsPerMinute: 60,
      tokensPerMinute: 10_000,
    });
    const cleared = await callOk(c, UpdateRouterSettingsDocument, { input: { fallbacks: null, dailyBudgetUsd: null, requestsPerMinute: null } });
    expect(cleared.updateRouterSettings).toEqual({
      ...DEFAULTS,
      contextWindowFallbacks: [{ model: 'gpt', fallbacks: ['gpt-long'] }],
      monthlyBudgetUsd: 0,
      tokensPerMinute: 10_000,
    });
    expect((await callOk(c, GetRouterSettingsDocument)).routerSettings).toEqual(cleared.updateRouterSettings);
  });

  it('refuses invalid settings, naming the field, and keeps the stored ones', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    await callOk(c, UpdateRouterSettingsDocument, { input: { dailyBudgetUsd: 1 } });
    const rule = (model: string, fallbacks: string[]) => ({ model, fallbacks });
    const cases: [string, RouterSettingsInput][] = [
      ['input.fallbacks[0].fallbacks', { fallbacks: [rule('a', [])] }],
      ['input.fallbacks[0].fallbacks', { fallbacks: [rule('a', ['1', '2', '3', '4', '5', '6'])] }],
      ['input.fallbacks[0].fallbacks[0]', { fallbacks: [rule('a', ['*'])] }],
      ['input.contentPolicyFallbacks[0].model', { contentPolicyFallbacks: [rule('has space', ['b'])] }],
      ['input.contextWindowFallbacks[1].model', { contextWindowFallbacks: [rule('a', ['b']), rule('a', ['c'])] }],
      ['input.fallbacks', { fallbacks: Array.from({ length: 101 }, (_, i) => rule(`m${i}`, ['b'])) }],
      ['input.requestsPerMinute', { requestsPerMinute: 0 }],
      ['input.tokensPerMinute', { tokensPerMinute: -5 }],
      ['input.dailyBudgetUsd', { dailyBudgetUsd: -0.01 }],
      ['input.monthlyBudgetUsd', { dailyBudgetUsd: 2, monthlyBudgetUsd: -1 }],
    ];
    for (const [field, input] of cases) {
      const response = await call(c, UpdateRouterSettingsDocument, { input });
      expect(codeOf(response.errors), field).toBe('BAD_USER_INPUT');
      expect(fieldOf(response.errors), field).toBe(field);
    }
    expect((await callOk(c, GetRouterSettingsDocument)).routerSettings).toEqual({ ...DEFAULTS, dailyBudgetUsd: 1 });
    expect(await countTenantRows(graph, 'routing.router_settings', tenant)).toBe(1);
  });

  it("reports what the tenant's model calls cost today and this month (UTC)", async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    const { upsertModel } = await callOk(c, UpsertProviderModelDocument, { input: modelInput('spender', { provider: 'echo' }) });
    const insert = (costUsd: number, age: string) =>
      db.query(
        `INSERT INTO routing.model_calls (id, tenant_id, request_id, attempt, kind, model_id, model_name, provider, provider_model, status, cost_usd, latency_ms, created_at)
         VALUES (gen_random_uuid(), $1, gen_random_uuid(), 1, 'CHAT_COMPLETION', $2, 'spender', 'echo', 'spender', 'SUCCEEDED', $3, 1, now() - $4::interval)`,
        [tenant, upsertModel.id, costUsd, age],
      );
    await insert(0.25, '0 seconds');
    await insert(0.5, '0 seconds');
    await insert(100, '40 days');
    const { routerSettings } = await callOk(c, GetRouterSettingsDocument);
    expect(routerSettings.spentTodayUsd).toBeCloseTo(0.75, 10);
    expect(routerSettings.spentThisMonthUsd).toBeCloseTo(0.75, 10);
    // Another tenant's calls are not counted.
    expect((await callOk(await client(), GetRouterSettingsDocument)).routerSettings.spentTodayUsd).toBe(0);
  });
});

describe('scopes', () => {
  it('needs routing:write to change providers, groups and settings, and routing:read to read them', async () => {
    const reader = await client(newTenant(), ['routing:read']);
    const writes = [
      await call(reader, UpsertProviderDocument, { input: { name: 'p', baseUrl: 'https://x.example.com', apiKey: tenantKey('w001') } }),
      await call(reader, DeleteProviderDocument, { name: 'p' }),
      await call(reader, UpsertModelGroupDocument, { input: { name: 'g', strategy: 'SHUFFLE' } }),
      await call(reader, UpdateRouterSettingsDocument, { input: { dailyBudgetUsd: 1 } }),
    ];
    for (const response of writes) expect(codeOf(response.errors)).toBe('FORBIDDEN');
    expect((await callOk(reader, ListProvidersDocument)).providers.length).toBeGreaterThan(0);

    const outsider = await client(newTenant(), ['sessions:read']);
    for (const response of [
      await call(outsider, ListProvidersDocument),
      await call(outsider, ListModelGroupsDocument),
      await call(outsider, GetRouterSettingsDocument),
    ]) {
      expect(codeOf(response.errors)).toBe('FORBIDDEN');
    }
  });
});
