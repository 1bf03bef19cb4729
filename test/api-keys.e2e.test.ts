import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayServer } from '../gateway/gateway-server.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import { countTenantRows } from './kit/database.ts';
import { startGraph, startSecondGateway, type TestGraph } from './kit/graph.ts';
import { createClient, newTenant, postGraphQL, waitFor, type GraphClient } from './kit/client.ts';
import { readEventStream, type ServerSentEvent } from './kit/event-stream.ts';
import { readRun, startWaitingRun } from './kit/runs.ts';
import { gatewayWsClient } from './kit/ws-client.ts';

let graph: TestGraph;
let second: GatewayServer;
beforeAll(async () => {
  graph = await startGraph({ subgraphs: ['session', 'routing', 'orchestration'] });
  second = await startSecondGateway(graph);
});
afterAll(async () => {
  await second.close();
  await graph.close();
});

const CREATE = `mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id name scopes createdAt expiresAt lastUsedAt revokedAt createdBy } }
}`;
const SESSIONS = `{ sessions(first: 1) { edges { node { id } } } }`;
const RUN_EVENTS = `subscription ($runId: ID!, $after: String) { workflowRunEvents(runId: $runId, after: $after) { cursor } }`;
const NO_CACHE = { 'cache-control': 'no-cache' };
type Created = { createApiKey: { key: string; apiKey: { id: string; scopes: string[]; createdBy: string } } };
const codeOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined): unknown => errors?.[0]?.extensions?.['code'];

async function createKey(client: GraphClient, scopes: string[], expiresAt?: string): Promise<Created['createApiKey']> {
  const data = await client.requestOk<Created, unknown>(CREATE, { input: { name: 'partner', scopes, expiresAt } });
  return data.createApiKey;
}
const withKey = (key: string, url = graph.gatewayUrl, query = SESSIONS) =>
  postGraphQL<unknown>(url, { query }, { authorization: `Bearer ${key}`, ...NO_CACHE });

/**
 * Subscribes to `workflowRunEvents` over a WebSocket authenticated with `key`: the events as they arrive, and the
 * socket's close event.
 */
function subscribeWithKey(
  url: string,
  key: string,
  variables: { runId: string; after: string },
): { events: { cursor: string }[]; closed: Promise<{ code: number; reason: string }> } {
  const events: { cursor: string }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    const client = gatewayWsClient(url, { authorization: `Bearer ${key}` }, { on: { closed: (event) => resolve(event as { code: number; reason: string }) } });
    client.subscribe<{ workflowRunEvents: { cursor: string } }>(
      { query: RUN_EVENTS, variables },
      { next: (result) => void (result.data && events.push(result.data.workflowRunEvents)), error: () => undefined, complete: () => undefined },
    );
  });
  return { events, closed };
}

describe('partner API keys', () => {
  it('authenticates /graphql and /v1/models with the key, as subject apikey:<id> with its scopes', async () => {
    const tenant = newTenant();
    const owner = await createClient(graph, { tenant, scopes: ['sessions:read', 'routing:read'], subject: 'alice' });
    const { key, apiKey } = await createKey(owner, ['sessions:read', 'routing:read']);
    expect(key).toMatch(/^orch_[A-Za-z0-9_-]{22}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.createdBy).toBe('alice');
    const response = await withKey(key);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    const models = await fetch(new URL('/v1/models', graph.gatewayUrl), { headers: { authorization: `Bearer ${key}` } });
    expect(models.status).toBe(200);
  });

  it('refuses scopes the creator lacks (FORBIDDEN naming it) and bad input (BAD_USER_INPUT), writing nothing', async () => {
    const tenant = newTenant();
    const owner = await createClient(graph, { tenant, scopes: ['sessions:read'] });
    const forbidden = await owner.request(CREATE, { input: { name: 'x', scopes: ['sessions:write'] } });
    expect(codeOf(forbidden.errors)).toBe('FORBIDDEN');
    expect(JSON.stringify(forbidden.errors)).toContain('sessions:write');
    const past = await owner.request(CREATE, { input: { name: 'x', scopes: [], expiresAt: '2000-01-01T00:00:00.000Z' } });
    expect(codeOf(past.errors)).toBe('BAD_USER_INPUT');
    const empty = await owner.request(CREATE, { input: { name: ' ', scopes: [] } });
    expect(codeOf(empty.errors)).toBe('BAD_USER_INPUT');
    expect(await countTenantRows(graph, 'session.api_keys', tenant)).toBe(0);
  });

  it("a key's queries are limited to its scopes, and a key cannot create keys", async () => {
    const owner = await createClient(graph, { tenant: newTenant(), scopes: ['admin'] });
    const { key } = await createKey(owner, ['routing:read']);
    const response = await withKey(key);
    expect(codeOf(response.errors as never)).toBe('FORBIDDEN');
    const nested = await postGraphQL(graph.gatewayUrl, { query: CREATE, variables: { input: { name: 'y', scopes: [] } } }, { authorization: `Bearer ${key}` });
    expect(codeOf(nested.errors)).toBe('FORBIDDEN');
  });

  it('stores only the SHA-256 of the secret, and records lastUsedAt', async () => {
    const tenant = newTenant();
    const owner = await createClient(graph, { tenant, scopes: ['sessions:read'] });
    const { key, apiKey } = await createKey(owner, ['sessions:read']);
    await withKey(key);
    const secret = key.split('_').slice(2).join('_');
    const db = new pg.Client({ connectionString: graph.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM session.api_keys WHERE id = $1', [apiKey.id]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(rows[0]?.['last_used_at']).not.toBeNull();
    } finally {
      await db.end();
    }
    const listed = await owner.requestOk<{ apiKeys: { id: string; lastUsedAt: string | null }[] }, unknown>('{ apiKeys { id lastUsedAt } }');
    expect(listed.apiKeys.find((k) => k.id === apiKey.id)?.lastUsedAt).toBeTruthy();
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it('an expired key gets 401 UNAUTHENTICATED', async () => {
    const owner = await createClient(graph, { tenant: newTenant(), scopes: ['sessions:read'] });
    const { key } = await createKey(owner, ['sessions:read'], new Date(Date.now() + 1500).toISOString());
    expect((await withKey(key)).status).toBe(200);
    const refused = await waitFor('the key to expire', async () => {
      const response = await withKey(key);
      return response.status === 401 ? response : undefined;
    });
    expect(codeOf(refused.errors)).toBe('UNAUTHENTICATED');
  });

  it('a revoked key gets 401 at once on a second gateway that had cached it', async () => {
    const owner = await createClient(graph, { tenant: newTenant(), scopes: ['sessions:read'] });
    const { key, apiKey } = await createKey(owner, ['sessions:read']);
    expect((await withKey(key, second.url)).status).toBe(200);
    await owner.requestOk(`mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id });
    const refused = await waitFor(
      'the revocation to arrive',
      async () => {
        const response = await withKey(key, second.url);
        return response.status === 401 ? response : undefined;
      },
      2_000,
    );
    expect(codeOf(refused.errors)).toBe('UNAUTHENTICATED');
    expect((await withKey(key)).status).toBe(401);
  });

  it("revoking a key on one gateway ends the key's WebSocket (4401) and SSE subscriptions (UNAUTHENTICATED) on another at once", async () => {
    const tenant = newTenant();
    const owner = await createClient(graph, { tenant, scopes: ['admin'] });
    const runId = await startWaitingRun(owner);
    const { key, apiKey } = await createKey(owner, ['workflows:read', 'workflows:subscribe']);
    const variables = { runId, after: '0' };

    const { events: wsEvents, closed } = subscribeWithKey(graph.gatewayUrl, key, variables);
    const sseEvents: ServerSentEvent[] = [];
    const sseEnded = (async () => {
      for await (const event of readEventStream(graph.gatewayUrl, { query: RUN_EVENTS, variables }, { authorization: `Bearer ${key}` })) sseEvents.push(event);
    })();

    const stored = (await readRun(owner, runId)).events;
    await waitFor('both streams to deliver the run so far', async () =>
      wsEvents.length === stored.length && sseEvents.filter((e) => e.event === 'next').length === stored.length ? true : undefined,
    );
    expect(wsEvents.map((e) => e.cursor)).toEqual(stored.map((e) => e.cursor));

    const ownerOnSecond = await createClient(graph, { tenant, scopes: ['admin'] }, second.url);
    await ownerOnSecond.requestOk(`mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id });
    expect(await closed).toMatchObject({ code: 4401, reason: expect.stringContaining('API key revoked') });
    await sseEnded;
    const nexts = sseEvents.filter((e) => e.event === 'next');
    expect(nexts).toHaveLength(stored.length + 1);
    expect(nexts.at(-1)?.data).toMatchObject({
      errors: [
        { message: expect.stringContaining('API key revoked'), extensions: { code: 'UNAUTHENTICATED', reason: 'revoked', lastCursor: stored.at(-1)?.cursor } },
      ],
    });
    expect(sseEvents.at(-1)?.event).toBe('complete');
  });

  it.skipIf(!process.env['REDIS_URL'])(
    'after its Redis subscriber reconnects, a gateway ends the streams of keys revoked while it was away and refuses them',
    async () => {
      const tenant = newTenant();
      const owner = await createClient(graph, { tenant, scopes: ['admin'] });
      const runId = await startWaitingRun(owner);
      const { key, apiKey } = await createKey(owner, ['workflows:read', 'workflows:subscribe', 'sessions:read']);
      expect((await withKey(key, second.url)).status).toBe(200);
      const { events, closed } = subscribeWithKey(second.url, key, { runId, after: '0' });
      const stored = (await readRun(owner, runId)).events;
      await waitFor('the stream to deliver the run so far', async () => (events.length === stored.length ? true : undefined));

      // A revocation whose message is lost: written to Postgres, never published.
      const db = new pg.Client({ connectionString: graph.databaseUrl });
      await db.connect();
      try {
        await db.query('UPDATE session.api_keys SET revoked_at = now() WHERE id = $1', [apiKey.id]);
      } finally {
        await db.end();
      }
      expect((await withKey(key, second.url)).status).toBe(200); // still cached: no message came

      // The gateways' revocation subscribers lose their connections; each reconnects and re-reads.
      const admin = await createRedisClient({ url: graph.config.redis.url ?? '', connectionName: 'orchestra-test-admin' });
      try {
        const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')).split('\n');
        const ids = clients.filter((line) => line.includes(' name=orchestra-gateway-api-key-revocations ')).map((line) => /\bid=(\d+)/.exec(line)?.[1]);
        expect(ids.length).toBeGreaterThan(0);
        for (const id of ids) await admin.call('CLIENT', 'KILL', 'ID', id ?? '');
      } finally {
        await admin.quit();
      }
      expect(await closed).toMatchObject({ code: 4401, reason: expect.stringContaining('API key revoked') });
      const refused = await withKey(key, second.url);
      expect(refused.status).toBe(401);
      expect(codeOf(refused.errors)).toBe('UNAUTHENTICATED');
    },
  );
});
