import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledGateway, type ExecutionPath } from './compiled-gateway.ts';
import { fixtureDataSource, fixtureSupergraphSdl, FIXTURE_SDL, type FixtureContext, type FixtureSubgraph } from './fixture-supergraph.ts';
import { QueryPlanCache } from './query-plan-cache.ts';

const PRODUCT = 'fragment Product on Product { upc name price weight inStock shippingEstimate }';
const USER = 'fragment User on User { id username name }';
const REVIEW = 'fragment Review on Review { id body }';

/** One request sent to both gateways. */
interface Case {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly context?: FixtureContext;
  /** Which executor the compiled gateway must use. @defaultValue 'compiled' */
  readonly path?: ExecutionPath;
}

const CASES: readonly Case[] = [
  {
    name: 'the Guild benchmark shape: entity fetches four levels deep, @requires and @provides',
    query: `${PRODUCT} ${USER} ${REVIEW}
      query TestQuery {
        users { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
        topProducts { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
      }`,
  },
  { name: 'aliases, duplicated fields and fragments merged in order', query: '{ me { a: name name id ... on User { name username } n: name u: username } }' },
  { name: '__typename, aliased, at the root and nested', query: '{ __typename me { __typename t: __typename organization { __typename name } } }' },
  { name: 'only __typename: a plan without fetches', query: '{ __typename }' },
  {
    name: 'a union and interfaces resolved by __typename',
    query: `{ search(text: "") { __typename ... on User { id name } ... on Node { id } ... on Organization { orgName: name } }
              node(id: "o1") { id ... on Organization { orgName: name } ... on User { name } } user: node(id: "2") { __typename ... on User { username } } }`,
  },
  {
    name: 'an interface entity completed by an @interfaceObject (input rewrites)',
    query: '{ media { __typename id title rating ... on Book { pages } ... on Movie { minutes } } }',
  },
  {
    name: '@skip and @include with variables, defaults and a Condition node',
    query: 'query ($withReviews: Boolean!, $skipName: Boolean = false) { me { name @skip(if: $skipName) reviews @include(if: $withReviews) { body } } }',
    variables: { withReviews: true },
  },
  {
    name: '@skip and @include with the other values',
    query: 'query ($withReviews: Boolean!, $skipName: Boolean = false) { me { name @skip(if: $skipName) reviews @include(if: $withReviews) { body } } }',
    variables: { withReviews: false, skipName: true },
  },
  { name: 'literal @skip and @include', query: '{ me { name @skip(if: true) username @include(if: true) id @include(if: false) } }' },
  {
    name: 'subgraph errors on entities: re-rooted paths, codes kept, a non-null field answered null',
    query: '{ topProducts(first: 4) { upc warehouse reviews { id flaky } } }',
  },
  { name: 'a null in a non-null position inside one subgraph', query: '{ users { id organization { name } } }' },
  {
    name: 'a failed subgraph: its non-null fields null their parents, only the fetch error is reported',
    query: '{ topProducts { upc name warehouse } }',
    context: { failing: ['inventory'] },
  },
  { name: 'a failed root fetch', query: '{ me { name } topProducts { upc } }', context: { failing: ['accounts'] } },
  { name: 'an @inaccessible enum value: value-completion errors in extensions', query: '{ users { id role roles } }' },
  { name: 'lists of lists with nulls', query: '{ users { nicknames } topProducts(first: 4) { dimensions } }' },
  {
    name: 'variables sent to subgraphs',
    query: 'query ($id: ID!, $first: Int) { user(id: $id) { name } topProducts(first: $first) { upc } }',
    variables: { id: '2', first: 2 },
  },
  { name: 'invalid variables', query: 'query ($id: ID!) { user(id: $id) { name } }', variables: { id: { not: 'an id' } } },
  { name: 'a mutation (a Sequence of fetches)', query: 'mutation { rename(id: "3", name: "Cy") { id name reviews { body } } }' },
  { name: 'introspection goes to Apollo', query: '{ __schema { queryType { name } } me { name } }', path: 'fallback' },
];

interface Gateways {
  readonly apollo: ApolloServer<FixtureContext>;
  readonly compiled: ApolloServer<FixtureContext>;
  readonly gateway: CompiledGateway;
  readonly paths: ExecutionPath[];
}

async function startGateways(): Promise<Gateways> {
  const supergraphSdl = fixtureSupergraphSdl();
  const buildService = ({ name }: { name: string }): GraphQLDataSource => fixtureDataSource(name as FixtureSubgraph);
  const paths: ExecutionPath[] = [];
  const gateway = new CompiledGateway({
    gateway: { supergraphSdl, buildService },
    planCacheBytes: 10_000_000,
    logger: pino({ level: 'silent' }),
    onExecution: (path) => paths.push(path),
  });
  const options = { includeStacktraceInErrorResponses: false, logger: pino({ level: 'silent' }) };
  const apollo = new ApolloServer<FixtureContext>({ ...options, gateway: new ApolloGateway({ supergraphSdl, buildService }) });
  const compiled = new ApolloServer<FixtureContext>({ ...options, gateway });
  await Promise.all([apollo.start(), compiled.start()]);
  return { apollo, compiled, gateway, paths };
}

async function answer(server: ApolloServer<FixtureContext>, request: Case): Promise<unknown> {
  const response = await server.executeOperation(
    { query: request.query, ...(request.variables ? { variables: request.variables } : {}) },
    { contextValue: request.context ?? {} },
  );
  const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  return JSON.parse(JSON.stringify({ status: response.http.status ?? 200, body })) as unknown;
}

describe('the compiled gateway', () => {
  let gateways: Gateways;
  beforeAll(async () => {
    gateways = await startGateways();
  });
  afterAll(async () => {
    await Promise.all([gateways.apollo.stop(), gateways.compiled.stop()]);
  });

  for (const request of CASES) {
    it(`answers as Apollo's gateway: ${request.name}`, async () => {
      const expected = await answer(gateways.apollo, request);
      expect(JSON.stringify(expected)).not.toContain('GRAPHQL_VALIDATION_FAILED');
      gateways.paths.length = 0;
      // Twice: the first answer compiles the operation, the second comes from the plan cache.
      for (let i = 0; i < 2; i++) expect(await answer(gateways.compiled, request)).toEqual(expected);
      const path = request.path ?? 'compiled';
      // Invalid variables never reach an executor path: the compiled gateway answers them itself, as Apollo's does.
      if (request.name !== 'invalid variables') expect(gateways.paths).toEqual([path, path]);
    });
  }

  it('has the answers the fixture expects (the comparison is not between two wrong answers)', async () => {
    const errors = (await answer(gateways.compiled, CASES.find((c) => c.name.startsWith('subgraph errors')) as Case)) as {
      body: { errors: { message: string; path: unknown[]; extensions: Record<string, unknown> }[] };
    };
    expect(errors.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: 'flaky failed',
          path: ['topProducts', 0, 'reviews', 1, 'flaky'],
          extensions: expect.objectContaining({ code: 'FLAKY', serviceName: 'reviews' }),
        }),
        expect.objectContaining({ path: ['topProducts', 2, 'warehouse'], extensions: expect.objectContaining({ serviceName: 'inventory' }) }),
      ]),
    );
    const legacy = (await answer(gateways.compiled, { name: 'roles', query: '{ users { role } }' })) as {
      body: { data: { users: { role: string | null }[] }; extensions: { valueCompletion: { message: string; extensions: { code: string } }[] } };
    };
    expect(legacy.body.data.users.map((user) => user.role)).toEqual(['ADMIN', null, 'MEMBER']);
    expect(legacy.body.extensions.valueCompletion[0]).toMatchObject({
      message: 'Invalid value found for field User.role.',
      extensions: { code: 'INVALID_GRAPHQL' },
    });
  });

  it('sends traced requests and query plan requests to Apollo', async () => {
    gateways.paths.length = 0;
    const response = await gateways.compiled.executeOperation(
      { query: '{ me { name } }', http: { method: 'POST', headers: new Map([['apollo-query-plan-experimental', '1']]) as never, search: '', body: {} } },
      { contextValue: {} },
    );
    expect(response.body.kind).toBe('single');
    expect(gateways.paths).toEqual(['fallback']);
  });
});

describe('the compiled gateway and supergraph changes', () => {
  it('empties its plan cache when the supergraph changes, and warms the manifest for the new one', async () => {
    let update: ((sdl: string) => void) | undefined;
    const first = fixtureSupergraphSdl();
    const manifest = [
      { id: 'me', source: 'query Me { me { name } }' },
      { id: 'two', source: 'query A { me { id } } query B { users { id } }' },
      { id: 'invalid', source: '{ me { noSuchField } }' },
      { id: 'introspection', source: '{ __schema { types { name } } }' },
    ];
    const gateway = new CompiledGateway({
      gateway: {
        supergraphSdl: {
          initialize: async (hooks) => {
            update = hooks.update;
            return { supergraphSdl: first };
          },
        },
        buildService: ({ name }) => fixtureDataSource(name as FixtureSubgraph),
      },
      planCacheBytes: 10_000_000,
      manifest,
      logger: pino({ level: 'silent' }),
    });
    const server = new ApolloServer<FixtureContext>({ gateway, logger: pino({ level: 'silent' }) });
    await server.start();
    try {
      // Me (named and unnamed), A, B, the introspection query (unnamed): 5 entries; the invalid document is skipped.
      expect(gateway.planCacheStats.entries).toBe(5);
      await server.executeOperation({ query: '{ me { username } }' }, { contextValue: {} });
      expect(gateway.planCacheStats.entries).toBe(6);

      // The new supergraph lacks User.name: the cache is emptied, then the manifest warmed again (Me no longer validates).
      update?.(fixtureSupergraphSdl({ ...FIXTURE_SDL, accounts: FIXTURE_SDL.accounts.replace('  name: String\n', '') }));
      expect(gateway.planCacheStats.entries).toBe(0);
      await expect.poll(() => gateway.planCacheStats.entries).toBe(3);
      const refused = await server.executeOperation({ query: 'query Me { me { name } }' }, { contextValue: {} });
      expect(JSON.stringify(refused.body)).toContain('Cannot query field \\"name\\" on type \\"User\\"');
    } finally {
      await server.stop();
    }
  });

  it('keys plans by the sha256 of the document text and the operation name, as Apollo does', () => {
    const hash = QueryPlanCache.documentHash('{ me { id } }');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(QueryPlanCache.key(hash, 'Me')).not.toBe(QueryPlanCache.key(hash, undefined));
  });
});
