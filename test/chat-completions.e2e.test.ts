import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient, type GraphResponse } from './kit/client.ts';
import { countTenantRows } from './kit/database.ts';
import { startFakeProvider, type FakeProvider } from './kit/fake-provider.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

/** The operator's key: it may reach `operator` and nothing else. */
const OPERATOR_KEY = 'sk-operator-0123456789abcdef';
/** A tenant's own key: it may reach `tenantProvider` and nothing else. */
const TENANT_KEY = 'sk-tenant-secret-key-9f2c';

let operator: FakeProvider;
let tenantProvider: FakeProvider;
/** A keyless endpoint a tenant registers as a model's own. */
let keyless: FakeProvider;
let graph: TestGraph;

const env = (): Record<string, string> => ({
  LLM_PROVIDERS: JSON.stringify({ fake: { baseUrl: operator.url, apiKey: OPERATOR_KEY } }),
  LLM_MAX_RETRIES: '1',
  LLM_RETRY_INITIAL_MS: '1',
  LLM_RETRY_MAX_MS: '20',
  ROUTER_ALLOWED_FAILS: '1',
  ROUTER_COOLDOWN_SECONDS: '60',
});

beforeAll(async () => {
  operator = await startFakeProvider({ apiKey: OPERATOR_KEY });
  tenantProvider = await startFakeProvider({ apiKey: TENANT_KEY });
  keyless = await startFakeProvider();
  graph = await startGraph({ subgraphs: ['routing', 'session'], env: env() });
});
afterAll(async () => {
  await graph?.close();
  await Promise.all([operator?.close(), tenantProvider?.close(), keyless?.close()]);
});
beforeEach(() => {
  operator.reset();
  tenantProvider.reset();
  keyless.reset();
});

const SCOPES = ['routing:read', 'routing:write', 'sessions:read', 'sessions:write'];
const client = (tenant = newTenant(), g = graph): Promise<GraphClient> => createClient(g, { tenant, scopes: SCOPES });
type Errors = GraphResponse<unknown>['errors'];
const extensionsOf = (errors: Errors): Record<string, unknown> => (errors?.[0]?.extensions ?? {}) as Record<string, unknown>;

const UPSERT_MODEL = `mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id name group } }`;
const COMPLETE = `mutation ($input: ChatCompletionInput!) {
  createChatCompletion(input: $input) {
    id content finishReason costUsd latencyMs timeToFirstTokenMs
    toolCalls { id name arguments }
    usage { inputTokens outputTokens totalTokens }
    deployment { name provider }
    attempts { attempt status errorClass deployment { name } inputTokens outputTokens costUsd requestId }
    decision { id model { name } }
  }
}`;
interface Completion {
  id: string;
  content: string | null;
  finishReason: string | null;
  costUsd: number;
  toolCalls: { id: string; name: string; arguments: string }[];
  usage: { inputTokens: number; outputTokens: number; totalTokens: number };
  deployment: { name: string; provider: string };
  attempts: { attempt: number; status: string; errorClass: string | null; deployment: { name: string }; costUsd: number; requestId: string }[];
  decision: { id: string; model: { name: string } };
}

async function model(c: GraphClient, name: string, input: Record<string, unknown> = {}): Promise<void> {
  await c.requestOk(UPSERT_MODEL, {
    input: {
      name,
      provider: 'fake',
      inputCostPer1kTokensUsd: 1,
      outputCostPer1kTokensUsd: 2,
      latencyMs: 100,
      quality: 0.8,
      contextWindowTokens: 100_000,
      ...input,
    },
  });
}

const user = (content: string) => [{ role: 'USER', content }];

async function complete(c: GraphClient, input: Record<string, unknown>): Promise<GraphResponse<{ createChatCompletion: Completion }>> {
  return c.request<{ createChatCompletion: Completion }, unknown>(COMPLETE, { input });
}
async function completeOk(c: GraphClient, input: Record<string, unknown>): Promise<Completion> {
  return (await c.requestOk<{ createChatCompletion: Completion }, unknown>(COMPLETE, { input })).createChatCompletion;
}

describe('createChatCompletion', () => {
  it('answers from the echo provider locally, with usage, cost, the decision and one recorded attempt', async () => {
    const c = await client();
    await model(c, 'echo-1', { provider: 'echo' });
    const answer = await completeOk(c, { model: 'echo-1', messages: [{ role: 'SYSTEM', content: 'be brief' }, ...user('hello there')] });
    expect(answer).toMatchObject({ content: 'echo: hello there', finishReason: 'stop', deployment: { name: 'echo-1', provider: 'echo' } });
    expect(answer.usage.totalTokens).toBe(answer.usage.inputTokens + answer.usage.outputTokens);
    expect(answer.usage.inputTokens).toBeGreaterThan(0);
    expect(answer.costUsd).toBeCloseTo((answer.usage.inputTokens * 1 + answer.usage.outputTokens * 2) / 1000, 9);
    expect(answer.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'SUCCEEDED', errorClass: null, requestId: answer.id })]);
    expect(answer.decision.model.name).toBe('echo-1');
  });

  it('sends the operator key to the operator provider only, and every message, tool and option in OpenAI form', async () => {
    const c = await client();
    await model(c, 'op-model', { providerModel: 'gpt-op' });
    operator.script('gpt-op', {
      kind: 'reply',
      content: 'the answer',
      toolCalls: [{ id: 'call_1', name: 'lookup', arguments: { q: 'x' } }],
      usage: { promptTokens: 11, completionTokens: 7 },
    });
    const response = await complete(c, {
      model: 'op-model',
      messages: [
        { role: 'SYSTEM', content: 'sys' },
        { role: 'USER', content: 'q1' },
        { role: 'ASSISTANT', content: null, toolCalls: [{ id: 'call_0', name: 'lookup', arguments: '{"q":"y"}' }] },
        { role: 'TOOL', content: 'result', toolCallId: 'call_0' },
        { role: 'USER', content: 'q2' },
      ],
      tools: [{ name: 'lookup', description: 'looks up', parameters: { type: 'object', properties: { q: { type: 'string' } } } }],
      toolChoice: 'auto',
      temperature: 0.2,
      maxTokens: 50,
      stop: ['END'],
      seed: 7,
      responseFormat: { type: 'json_object' },
    });
    expect(response.errors).toBeUndefined();
    const answer = response.data!.createChatCompletion;
    expect(answer).toMatchObject({ content: 'the answer', finishReason: 'tool_calls', usage: { inputTokens: 11, outputTokens: 7, totalTokens: 18 } });
    expect(answer.toolCalls).toEqual([{ id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' }]);
    expect(JSON.stringify(response)).not.toContain(OPERATOR_KEY);

    const [received] = operator.requestsFor('gpt-op');
    expect(received?.headers['authorization']).toBe(`Bearer ${OPERATOR_KEY}`);
    expect(received?.body).toMatchObject({
      model: 'gpt-op',
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'lookup', arguments: '{"q":"y"}' } }] },
        { role: 'tool', content: 'result', tool_call_id: 'call_0' },
        { role: 'user', content: 'q2' },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', description: 'looks up' } }],
      tool_choice: 'auto',
      temperature: 0.2,
      max_tokens: 50,
      stop: ['END'],
      seed: 7,
      response_format: { type: 'json_object' },
    });
    // The caller's client token never travels to a provider.
    expect(received?.rawBody).not.toContain(c.token);
    expect(JSON.stringify(received?.headers)).not.toContain(c.token);
  });

  it("sends a tenant provider's key to its base URL only, and no key at all to a keyless endpoint", async () => {
    const c = await client();
    await c.requestOk(`mutation ($input: ProviderInput!) { upsertProvider(input: $input) { name apiKeyHint } }`, {
      input: { name: 'mine', baseUrl: tenantProvider.url, apiKey: TENANT_KEY },
    });
    await model(c, 'own', { provider: 'mine', providerModel: 'own-model' });
    await model(c, 'bare', { provider: 'selfhosted', endpoint: keyless.url, providerModel: 'bare-model' });
    await model(c, 'op', { providerModel: 'op-model' });

    const own = await complete(c, { model: 'own', messages: user('one') });
    const bare = await complete(c, { model: 'bare', messages: user('two') });
    const op = await complete(c, { model: 'op', messages: user('three') });
    for (const response of [own, bare, op]) {
      expect(response.errors).toBeUndefined();
      expect(JSON.stringify(response)).not.toContain(TENANT_KEY);
      expect(JSON.stringify(response)).not.toContain(OPERATOR_KEY);
    }
    expect(tenantProvider.requests.map((r) => r.headers['authorization'])).toEqual([`Bearer ${TENANT_KEY}`]);
    expect(keyless.requests).toHaveLength(1);
    expect(keyless.requests[0]?.headers['authorization']).toBeUndefined();
    expect(operator.requests.map((r) => r.headers['authorization'])).toEqual([`Bearer ${OPERATOR_KEY}`]);
    const everything = [...tenantProvider.requests, ...keyless.requests, ...operator.requests].map((r) => JSON.stringify(r.headers) + r.rawBody);
    expect(everything.filter((text) => text.includes(TENANT_KEY))).toHaveLength(1);
    expect(everything.filter((text) => text.includes(OPERATOR_KEY))).toHaveLength(1);
  });

  it('retries a failed deployment on another deployment of its group, and shows every attempt', async () => {
    const c = await client();
    await model(c, 'g-a', { group: 'grp', providerModel: 'grp-a', inputCostPer1kTokensUsd: 0.1, outputCostPer1kTokensUsd: 0.1 });
    await model(c, 'g-b', { group: 'grp', providerModel: 'grp-b' });
    await c.requestOk(`mutation { upsertModelGroup(input: { name: "grp", strategy: LOWEST_COST }) { name strategy } }`);
    operator.script('grp-a', { kind: 'serverError', status: 503 });
    operator.script('grp-b', { kind: 'reply', content: 'from b' });
    const answer = await completeOk(c, { model: 'grp', messages: user('hi') });
    expect(answer.content).toBe('from b');
    expect(answer.deployment.name).toBe('g-b');
    expect(answer.attempts.map((a) => [a.attempt, a.deployment.name, a.status, a.errorClass])).toEqual([
      [1, 'g-a', 'FAILED', 'PROVIDER_UNAVAILABLE'],
      [2, 'g-b', 'SUCCEEDED', null],
    ]);
    const listed = await c.requestOk<{ modelCalls: { edges: { node: { requestId: string } }[] } }, unknown>(
      `query { modelCalls(first: 10) { edges { node { requestId } } } }`,
    );
    expect(listed.modelCalls.edges.filter((e) => e.node.requestId === answer.id)).toHaveLength(2);
  });

  it("honours a 429's Retry-After and retries the same deployment when it is the only one", async () => {
    const c = await client();
    await model(c, 'solo', { providerModel: 'solo-m' });
    operator.script('solo-m', { kind: 'rateLimited', retryAfterSeconds: 0 }, { kind: 'reply', content: 'second time lucky' });
    const answer = await completeOk(c, { model: 'solo', messages: user('hi') });
    expect(answer.content).toBe('second time lucky');
    expect(answer.attempts.map((a) => a.errorClass)).toEqual(['RATE_LIMITED', null]);
    expect(operator.requestsFor('solo-m')).toHaveLength(2);
  });

  it('does not retry a class that another attempt cannot fix, and names it in the error with the attempts', async () => {
    const c = await client();
    await model(c, 'tiny', { providerModel: 'tiny-m' });
    operator.script('tiny-m', { kind: 'contextLength' });
    const response = await complete(c, { model: 'tiny', messages: user('a long prompt') });
    const extensions = extensionsOf(response.errors);
    expect(extensions['code']).toBe('CONTEXT_LENGTH_EXCEEDED');
    expect(extensions['attempts']).toEqual([expect.objectContaining({ attempt: 1, deployment: 'tiny', errorClass: 'CONTEXT_LENGTH_EXCEEDED' })]);
    expect(JSON.stringify(response.errors)).not.toMatch(/at .*\.ts:\d+|SELECT|INSERT/);
    expect(operator.requestsFor('tiny-m')).toHaveLength(1);
  });

  it('falls back by class: context window, content policy, and the general list after retries', async () => {
    const c = await client();
    for (const [name, m] of [
      ['small', 'small-m'],
      ['big', 'big-m'],
      ['strict', 'strict-m'],
      ['lenient', 'lenient-m'],
      ['down', 'down-m'],
      ['up', 'up-m'],
    ]) {
      await model(c, name!, { providerModel: m });
    }
    await c.requestOk(`mutation ($input: RouterSettingsInput!) { updateRouterSettings(input: $input) { fallbacks { model } } }`, {
      input: {
        contextWindowFallbacks: [{ model: 'small', fallbacks: ['big'] }],
        contentPolicyFallbacks: [{ model: 'strict', fallbacks: ['lenient'] }],
        fallbacks: [{ model: 'down', fallbacks: ['up'] }],
      },
    });
    operator.script('small-m', { kind: 'contextLength' });
    operator.script('strict-m', { kind: 'contentFilter', style: 'azure' });
    operator.script('down-m', { kind: 'serverError' });

    const wide = await completeOk(c, { model: 'small', messages: user('x') });
    expect([wide.deployment.name, wide.attempts.map((a) => a.errorClass)]).toEqual(['big', ['CONTEXT_LENGTH_EXCEEDED', null]]);
    const filtered = await completeOk(c, { model: 'strict', messages: user('x') });
    expect([filtered.deployment.name, filtered.attempts.map((a) => a.errorClass)]).toEqual(['lenient', ['CONTENT_FILTERED', null]]);
    const general = await completeOk(c, { model: 'down', messages: user('x') });
    // LLM_MAX_RETRIES=1: the first attempt and one retry on `down`, then the fallback.
    expect([general.deployment.name, general.attempts.map((a) => a.errorClass)]).toEqual(['up', ['PROVIDER_UNAVAILABLE', 'PROVIDER_UNAVAILABLE', null]]);
  });

  it('cools a failing deployment down: later requests skip it without calling it', async () => {
    const c = await client();
    await model(c, 'flaky', { group: 'pool', providerModel: 'flaky-m', inputCostPer1kTokensUsd: 0.01 });
    await model(c, 'steady', { group: 'pool', providerModel: 'steady-m' });
    await c.requestOk(`mutation { upsertModelGroup(input: { name: "pool", strategy: LOWEST_COST }) { name } }`);
    operator.script('flaky-m', { kind: 'serverError' });
    // ROUTER_ALLOWED_FAILS=1: the second failure within the minute starts the cooldown.
    await completeOk(c, { model: 'pool', messages: user('1') });
    await completeOk(c, { model: 'pool', messages: user('2') });
    expect(operator.requestsFor('flaky-m')).toHaveLength(2);
    const third = await completeOk(c, { model: 'pool', messages: user('3') });
    expect(third.attempts.map((a) => a.deployment.name)).toEqual(['steady']);
    expect(operator.requestsFor('flaky-m')).toHaveLength(2);
    const { models } = await c.requestOk<{ models: { name: string; cooldownUntil: string | null }[] }, unknown>(`query { models { name cooldownUntil } }`);
    expect(models.find((m) => m.name === 'flaky')?.cooldownUntil).not.toBeNull();
    expect(models.find((m) => m.name === 'steady')?.cooldownUntil).toBeNull();
  });

  it.skipIf(!process.env['REDIS_URL'])('shares cooldowns between instances through Redis', async () => {
    await using second = await startGraph({ subgraphs: ['routing'], env: env() });
    const tenant = newTenant();
    const c = await client(tenant);
    await model(c, 'shared', { providerModel: 'shared-m' });
    operator.script('shared-m', { kind: 'serverError' });
    // Two failures on the first instance (the first attempt and its retry) put the deployment in cooldown.
    expect(extensionsOf((await complete(c, { model: 'shared', messages: user('1') })).errors)['code']).toBe('PROVIDER_UNAVAILABLE');
    expect(operator.requestsFor('shared-m')).toHaveLength(2);
    const other = await client(tenant, second);
    const refused = await complete(other, { model: 'shared', messages: user('2') });
    expect(extensionsOf(refused.errors)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(operator.requestsFor('shared-m')).toHaveLength(2);
  });

  it.skipIf(!process.env['REDIS_URL'])("sees another instance's change of models and settings on its next call, although it keeps them in memory", async () => {
    await using second = await startGraph({ subgraphs: ['routing'], env: { ...env(), ROUTER_STATE_MAX_AGE_MS: '60000' } });
    const tenant = newTenant();
    const c = await client(tenant);
    const other = await client(tenant, second);
    await model(c, 'state-a', { providerModel: 'state-a-m' });
    // The second instance now holds the tenant's state (one enabled model, no fallbacks) for up to a minute.
    expect((await completeOk(other, { messages: user('1') })).deployment.name).toBe('state-a');
    // Changes through the first instance: a second model, then the first one disabled, then a fallback.
    await model(c, 'state-b', { providerModel: 'state-b-m' });
    await model(c, 'state-a', { providerModel: 'state-a-m', enabled: false });
    expect((await completeOk(other, { messages: user('2') })).deployment.name).toBe('state-b');
    operator.script('state-b-m', { kind: 'contextLength' });
    await model(c, 'state-c', { providerModel: 'state-c-m', contextWindowTokens: 1_000_000 });
    await c.requestOk(
      `mutation { updateRouterSettings(input: { contextWindowFallbacks: [{ model: "state-b", fallbacks: ["state-c"] }] }) { fallbacks { model } } }`,
    );
    const fellBack = await completeOk(other, { model: 'state-b', messages: user('3') });
    expect(fellBack.deployment.name).toBe('state-c');
    expect(operator.requestsFor('state-a-m')).toHaveLength(1);
  });

  it("enforces the tenant's requests per minute with RATE_LIMITED and retryAfterSeconds, sending nothing", async () => {
    const c = await client();
    await model(c, 'limited', { providerModel: 'limited-m' });
    await c.requestOk(`mutation { updateRouterSettings(input: { requestsPerMinute: 2 }) { requestsPerMinute } }`);
    await completeOk(c, { model: 'limited', messages: user('1') });
    await completeOk(c, { model: 'limited', messages: user('2') });
    const refused = await complete(c, { model: 'limited', messages: user('3') });
    expect(extensionsOf(refused.errors)).toMatchObject({ code: 'RATE_LIMITED', limit: 'requests', scope: 'tenant' });
    expect(extensionsOf(refused.errors)['retryAfterSeconds']).toBeGreaterThan(0);
    expect(operator.requestsFor('limited-m')).toHaveLength(2);
  });

  it("sends a deployment's overflow to another deployment of its group", async () => {
    const c = await client();
    await model(c, 'one-rpm', { group: 'lim', providerModel: 'one-rpm-m', requestsPerMinute: 1, inputCostPer1kTokensUsd: 0.01 });
    await model(c, 'spare', { group: 'lim', providerModel: 'spare-m' });
    await c.requestOk(`mutation { upsertModelGroup(input: { name: "lim", strategy: LOWEST_COST }) { name } }`);
    const first = await completeOk(c, { model: 'lim', messages: user('1') });
    const second = await completeOk(c, { model: 'lim', messages: user('2') });
    expect([first.deployment.name, second.deployment.name]).toEqual(['one-rpm', 'spare']);
    expect(operator.requestsFor('one-rpm-m')).toHaveLength(1);
  });

  it('refuses a call once the daily budget is spent, before sending it, and reports the spend', async () => {
    const c = await client();
    await model(c, 'pricey', { providerModel: 'pricey-m', inputCostPer1kTokensUsd: 10, outputCostPer1kTokensUsd: 10 });
    await c.requestOk(`mutation { updateRouterSettings(input: { dailyBudgetUsd: 0.05 }) { dailyBudgetUsd } }`);
    operator.script('pricey-m', { kind: 'reply', content: 'ok', usage: { promptTokens: 5, completionTokens: 5 } });
    const paid = await completeOk(c, { model: 'pricey', messages: user('1') });
    expect(paid.costUsd).toBeCloseTo(0.1, 9);
    const refused = await complete(c, { model: 'pricey', messages: user('2') });
    expect(extensionsOf(refused.errors)).toMatchObject({ code: 'BUDGET_EXCEEDED', period: 'day', budgetUsd: 0.05 });
    expect(operator.requestsFor('pricey-m')).toHaveLength(1);
    const { routerSettings } = await c.requestOk<{ routerSettings: { spentTodayUsd: number; spentThisMonthUsd: number } }, unknown>(
      `query { routerSettings { spentTodayUsd spentThisMonthUsd } }`,
    );
    expect(routerSettings.spentTodayUsd).toBeCloseTo(0.1, 9);
    expect(routerSettings.spentThisMonthUsd).toBeCloseTo(0.1, 9);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and records nothing', async () => {
    const tenant = newTenant();
    const c = await client(tenant);
    await model(c, 'echo-2', { provider: 'echo' });
    const cases: [Record<string, unknown>, string][] = [
      [{ model: 'echo-2', messages: [] }, 'input.messages'],
      [{ model: 'echo-2', messages: user('x'), temperature: 3 }, 'input.temperature'],
      [{ model: 'echo-2', messages: [{ role: 'TOOL', content: 'r' }] }, 'input.messages[0].toolCallId'],
      [{ model: 'echo-2', messages: [{ role: 'USER' }] }, 'input.messages[0].content'],
      [{ model: 'echo-2', messages: user('x'), sessionId: 'nope' }, 'input.sessionId'],
      [{ model: 'echo-2', messages: user('x'), taskType: 'has space' }, 'input.taskType'],
    ];
    for (const [input, field] of cases) {
      const response = await complete(c, input);
      expect(extensionsOf(response.errors), field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const unknown = await complete(c, { model: 'no-such-model', messages: user('x') });
    expect(extensionsOf(unknown.errors)['code']).toBe('BAD_USER_INPUT');
    expect(await countTenantRows(graph, 'routing.model_calls', tenant)).toBe(0);
  });

  it("records the router's own outcome on the answering decision, to which the caller may add a quality once", async () => {
    const c = await client();
    await model(c, 'judged', { providerModel: 'judged-m' });
    const answer = await completeOk(c, { model: 'judged', taskType: 'summarise', messages: user('x') });
    const OUTCOME = `query ($id: ID!) { routingDecision(id: $id) { taskType outcome { success quality observed latencyMs inputTokens outputTokens }
      candidates { model { name } evidenceCount } } }`;
    type Decision = {
      routingDecision: {
        taskType: string;
        outcome: { success: boolean; quality: number | null; observed: boolean; inputTokens: number };
        candidates: { evidenceCount: number }[];
      };
    };
    const observed = (await c.requestOk<Decision, unknown>(OUTCOME, { id: answer.decision.id })).routingDecision;
    expect(observed).toMatchObject({ taskType: 'summarise', outcome: { success: true, quality: null, observed: true, inputTokens: answer.usage.inputTokens } });
    const RECORD = `mutation ($id: ID!, $outcome: RoutingOutcomeInput!) { recordRoutingOutcome(decisionId: $id, outcome: $outcome) { outcome { quality observed success } } }`;
    // Without a quality there is nothing to add to the observed outcome.
    expect(extensionsOf((await c.request(RECORD, { id: answer.decision.id, outcome: { success: true } })).errors)['code']).toBe('CONFLICT');
    const scored = await c.requestOk<{ recordRoutingOutcome: { outcome: unknown } }, unknown>(RECORD, {
      id: answer.decision.id,
      outcome: { success: true, quality: 0.25 },
    });
    expect(scored.recordRoutingOutcome.outcome).toEqual({ quality: 0.25, observed: true, success: true });
    expect(extensionsOf((await c.request(RECORD, { id: answer.decision.id, outcome: { success: true, quality: 0.5 } })).errors)['code']).toBe('CONFLICT');
    // Only the caller's score taught the router: one outcome of evidence for (summarise, judged).
    const next = await completeOk(c, { model: 'judged', taskType: 'summarise', messages: user('y') });
    const learnt = (await c.requestOk<Decision, unknown>(OUTCOME, { id: next.decision.id })).routingDecision;
    expect(learnt.candidates[0]?.evidenceCount).toBe(1);
  });

  it('needs routing:write', async () => {
    const reader = await createClient(graph, { tenant: newTenant(), scopes: ['routing:read'] });
    const response = await complete(reader, { messages: user('x') });
    expect(extensionsOf(response.errors)['code']).toBe('FORBIDDEN');
  });
});

describe('createChatCompletion under the egress policy', () => {
  let strict: TestGraph;
  beforeAll(async () => {
    strict = await startGraph({ subgraphs: ['routing'], env: { ...env(), EGRESS_ALLOW: '' } });
  });
  afterAll(async () => {
    await strict?.close();
  });

  it("refuses a tenant's loopback targets before sending anything, while the operator's provider is not subject to it", async () => {
    const c = await client(newTenant(), strict);
    await c.requestOk(`mutation ($input: ProviderInput!) { upsertProvider(input: $input) { name } }`, {
      input: { name: 'inside', baseUrl: tenantProvider.url, apiKey: TENANT_KEY },
    });
    await model(c, 'inside-model', { provider: 'inside' });
    await model(c, 'inside-endpoint', { provider: 'selfhosted', endpoint: keyless.url });
    await model(c, 'operator-model', { providerModel: 'operator-m' });
    for (const name of ['inside-model', 'inside-endpoint']) {
      const refused = await complete(c, { model: name, messages: user('x') });
      expect(extensionsOf(refused.errors)['code'], name).toBe('EGRESS_DENIED');
      expect(refused.errors?.[0]?.message).toContain('127.0.0.1');
      expect(JSON.stringify(refused)).not.toContain(TENANT_KEY);
    }
    expect(tenantProvider.requests).toHaveLength(0);
    expect(keyless.requests).toHaveLength(0);
    const answered = await completeOk(c, { model: 'operator-model', messages: user('x') });
    expect(answered.deployment.name).toBe('operator-model');
  });
});
