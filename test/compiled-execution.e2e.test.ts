import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, newTenant, type GraphClient, type GraphResponse } from './kit/client.ts';
import { createSession, createSpanningSession } from './kit/fixtures.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';
import { metricValue } from './kit/gateway-metrics.ts';
import { MemoryOfSessionDocument } from './generated/graphql.ts';

/** A request sent to both gateways. */
interface Comparison {
  readonly name: string;
  readonly query: string;
  readonly variables?: (ids: SeededIds) => Record<string, unknown>;
  /** Scopes of the client sending it. @defaultValue admin */
  readonly scopes?: readonly string[];
}

interface SeededIds {
  readonly sessionId: string;
  readonly otherSessionId: string;
}

const COMPARISONS: readonly Comparison[] = [
  {
    name: 'one query over all four subgraphs: entity calls, aliases, fragments, __typename',
    query: `query Spanning($id: ID!) {
      __typename
      session(id: $id) {
        __typename id title kind status
        ...Parts
        newest: memories(first: 1) { key }
        runs { __typename status steps { stepId status output routingDecision { model { name } session { id title } } } }
        routingDecisions { model { provider } outcome { success } }
        costUsd
      }
    }
    fragment Parts on Session { transcript { text sequence } memories { key content session { id title } } }`,
    variables: ({ sessionId }) => ({ id: sessionId }),
  },
  {
    name: 'a list of sessions, each with entity calls to two subgraphs',
    query: '{ sessions(first: 10) { edges { cursor node { id title memories { key } runs { id status } } } pageInfo { hasNextPage endCursor } } }',
  },
  {
    name: '@skip and @include with variables and a default',
    query: `query ($id: ID!, $withRuns: Boolean = true, $noTitle: Boolean!) {
      session(id: $id) { id title @skip(if: $noTitle) runs @include(if: $withRuns) { status } memories @skip(if: $noTitle) { key } }
    }`,
    variables: ({ sessionId }) => ({ id: sessionId, noTitle: true }),
  },
  {
    name: 'an error from a subgraph on an entity field, its null in a non-null position nulling the session',
    query: 'query ($id: ID!) { session(id: $id) { id title memories { key } } }',
    variables: ({ sessionId }) => ({ id: sessionId }),
    scopes: ['sessions:read', 'workflows:read'],
  },
  {
    name: 'the same errors in a list: each null goes up non-null fields to the data itself',
    query: '{ sessions(first: 10) { edges { node { id memories { key } } } } other: sessions(first: 1) { edges { cursor } } }',
    scopes: ['sessions:read'],
  },
  {
    name: 'missing entities',
    query: `query ($missing: ID!, $id: ID!) {
      session(id: $missing) { id memories { key } }
      memory(id: "00000000-0000-4000-8000-000000000000") { id session { id } }
      present: session(id: $id) { id }
    }`,
    variables: ({ sessionId }) => ({ missing: '00000000-0000-4000-8000-000000000001', id: sessionId }),
  },
  { name: 'an invalid argument (BAD_USER_INPUT from a subgraph)', query: '{ sessions(first: -1) { edges { cursor } } }' },
  { name: 'introspection (answered by Apollo on both)', query: '{ __schema { queryType { name } } __type(name: "Session") { name } }' },
];

/** Bad input, refused before any execution: the compiled gateway must refuse it with Apollo's answer. */
const BAD_INPUT: readonly Comparison[] = [
  { name: 'an unknown field', query: '{ sessions(first: 1) { edges { node { nope } } } }' },
  { name: 'a document that does not parse', query: '{ sessions(first: 1) { edges ' },
  { name: 'a variable of the wrong type', query: 'query ($id: ID!) { session(id: $id) { id } }', variables: () => ({ id: { not: 'an id' } }) },
  { name: 'a missing required variable', query: 'query ($id: ID!) { session(id: $id) { id } }' },
  { name: 'a query deeper than the limit', query: `{ sessions(first: 1) { edges { node { ${'memories { session { '.repeat(6)}id${' } }'.repeat(6)} } } } }` },
];

describe('the compiled execution path through the real gateway', () => {
  let compiled: TestGraph;
  let apollo: TestGraph;
  let tenant: string;
  let ids: SeededIds;
  beforeAll(async () => {
    // The response cache is off in both, so that every answer below is executed, and executed by the path under test.
    compiled = await startGraph({ env: { RESPONSE_CACHE: 'false', GATEWAY_OPERATION_MANIFEST: resolve('test/generated/operation-manifest.json') } });
    // Apollo's executor, on the same subgraphs (so on the same data): a gateway alone, with the compiled path off.
    apollo = await startGraph({
      subgraphs: [],
      env: {
        RESPONSE_CACHE: 'false',
        GATEWAY_COMPILED_EXECUTION: 'false',
        MEMORY_URL: compiled.subgraphUrls.memory,
        ORCHESTRATION_URL: compiled.subgraphUrls.orchestration,
        ROUTING_URL: compiled.subgraphUrls.routing,
        SESSION_URL: compiled.subgraphUrls.session,
      },
    });
    tenant = newTenant();
    ids = await seed(await createClient(compiled, { tenant }));
  });
  afterAll(async () => {
    await apollo.close();
    await compiled.close();
  });

  for (const comparison of COMPARISONS) {
    it(`answers as Apollo's executor: ${comparison.name}`, async () => {
      const identity = { tenant, ...(comparison.scopes ? { scopes: comparison.scopes } : {}) };
      const variables = comparison.variables?.(ids);
      const [viaApollo, viaCompiled] = await Promise.all([
        (await createClient(apollo, identity, apollo.gatewayUrl)).request(comparison.query, variables),
        (await createClient(compiled, identity)).request(comparison.query, variables),
      ]);
      expect(comparableOf(viaCompiled)).toEqual(comparableOf(viaApollo));
      expect(viaApollo.data ?? viaApollo.errors).toBeTruthy();
    });
  }

  for (const bad of BAD_INPUT) {
    it(`refuses bad input as Apollo's executor: ${bad.name}`, async () => {
      const variables = bad.variables?.(ids);
      const [viaApollo, viaCompiled] = await Promise.all([
        (await createClient(apollo, { tenant }, apollo.gatewayUrl)).request(bad.query, variables),
        (await createClient(compiled, { tenant })).request(bad.query, variables),
      ]);
      expect(viaApollo.errors, 'refused').toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: expect.any(String) }) })]);
      expect(viaCompiled).toEqual(viaApollo);
    });
  }

  it('took the compiled path for every comparison but introspection, and Apollo answered the other gateway', async () => {
    expect(await metricValue(compiled.gatewayUrl, 'orchestra_gateway_executions_total{path="compiled"}')).toBeGreaterThanOrEqual(COMPARISONS.length - 1);
    expect(await metricValue(compiled.gatewayUrl, 'orchestra_gateway_executions_total{path="fallback"}')).toBeGreaterThanOrEqual(1);
    expect(await metricValue(apollo.gatewayUrl, 'orchestra_gateway_executions_total{path="compiled"}')).toBe(0);
  });

  it('answers the expected data (the two paths do not agree on a wrong answer)', async () => {
    const client = await createClient(compiled, { tenant });
    const spanning = COMPARISONS[0] as Comparison;
    const data = await client.requestOk<
      { session: { title: string; memories: { key: string; session: { id: string } }[]; runs: { status: string }[] } },
      unknown
    >(spanning.query, spanning.variables?.(ids));
    expect(data.session.title).toBe('compiled');
    expect(data.session.memories).toEqual([{ key: 'k', content: 'likes tea', session: { id: ids.sessionId, title: 'compiled' } }]);
    expect(data.session.runs.map((run) => run.status)).toEqual(['COMPLETED']);

    const limited = await createClient(compiled, { tenant, scopes: ['sessions:read'] });
    const forbidden = await limited.request<{ session: null }, unknown>('query ($id: ID!) { session(id: $id) { id memories { key } } }', { id: ids.sessionId });
    expect(forbidden.data).toEqual({ session: null });
    expect(forbidden.errors?.[0]).toMatchObject({ path: ['session', 'memories'], extensions: { code: 'FORBIDDEN', scope: 'memory:read' } });
  });

  it('plans the operation manifest at start: a codegen document is answered from the plan cache at its first request', async () => {
    const client = await createClient(compiled, { tenant });
    const [hits, misses] = await Promise.all([
      metricValue(compiled.gatewayUrl, 'orchestra_gateway_plan_cache_lookups_total{result="hit"}'),
      metricValue(compiled.gatewayUrl, 'orchestra_gateway_plan_cache_lookups_total{result="miss"}'),
    ]);
    const response = await client.request(MemoryOfSessionDocument, { id: ids.otherSessionId });
    expect(response.errors).toBeUndefined();
    expect(await metricValue(compiled.gatewayUrl, 'orchestra_gateway_plan_cache_lookups_total{result="hit"}')).toBe(hits + 1);
    expect(await metricValue(compiled.gatewayUrl, 'orchestra_gateway_plan_cache_lookups_total{result="miss"}')).toBe(misses);
  });
});

/** Two sessions: one with a transcript, a memory and a completed two-step run with a model call; one empty. */
async function seed(client: GraphClient): Promise<SeededIds> {
  const { sessionId, runStatus } = await createSpanningSession(client, 'compiled');
  const otherSessionId = await createSession(client, 'other');
  expect(runStatus).toBe('COMPLETED');
  return { sessionId, otherSessionId };
}

/** The parts of an answer both gateways must agree on: status, data and errors (messages, paths, extensions). */
function comparableOf(response: GraphResponse<unknown>): unknown {
  return JSON.parse(JSON.stringify({ status: response.status, data: response.data, errors: response.errors })) as unknown;
}
