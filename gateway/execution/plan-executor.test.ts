import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode, PlanNode } from '@apollo/query-planner';
import { parse, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fixtureSupergraphSdl } from './fixture-supergraph.ts';
import type { GatewayRequestContext } from './gateway-interface.ts';
import { executePlan, type PlanExecutionOptions } from './plan-executor.ts';

const supergraph = Supergraph.build(fixtureSupergraphSdl());
const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
const variableDefinitions = operationFromDocument(supergraph.apiSchema(), parse('query ($flag: Boolean = true) { me { id } }')).variableDefinitions;

/** A data source answering from `answer`, which sees each request's variables; records the requests and must be called. */
function fakeSource(answer: (variables: Record<string, unknown>) => { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] }) {
  const requests: GraphQLDataSourceProcessOptions[] = [];
  const source: GraphQLDataSource = {
    process: async (options) => {
      requests.push(options);
      return answer((options.request.variables ?? {}) as Record<string, unknown>);
    },
  };
  return { source, requests };
}

function requestContext(variables: Record<string, unknown> = {}): GatewayRequestContext {
  return { request: { variables }, context: { principal: 'p' }, metrics: {} } as unknown as GatewayRequestContext;
}

const fetchNode = (serviceName: string, operation: string, extra: Partial<FetchNode> = {}): FetchNode => ({
  kind: 'Fetch',
  serviceName,
  operation,
  operationKind: 'query' as FetchNode['operationKind'],
  operationName: undefined,
  ...extra,
});

describe('executing a query plan', () => {
  it('fetches root fields, then one batched entity fetch for every entity at the flatten path, with rewrites', async () => {
    const accounts = fakeSource(() => ({ data: { users: [{ __typename: 'User', id: '1' }, null, { __typename: 'User', id: '2', name: 'Bob' }] } }));
    const reviews = fakeSource((variables) => ({
      data: { _entities: (variables['representations'] as { id: string }[]).map((rep) => ({ reviewList: [{ body: `by ${rep.id}` }] })) },
    }));
    const plan: PlanNode = {
      kind: 'Sequence',
      nodes: [
        fetchNode('accounts', '{ users { __typename id } }'),
        {
          kind: 'Flatten',
          path: ['users', '@'],
          node: fetchNode(
            'reviews',
            'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { reviewList: reviews { body } } } }',
            {
              requires: [
                {
                  kind: 'InlineFragment',
                  typeCondition: 'User',
                  selections: [
                    { kind: 'Field', name: '__typename' },
                    { kind: 'Field', name: 'id' },
                  ],
                },
              ],
              inputRewrites: [{ kind: 'ValueSetter', path: ['... on User', 'marker'], setValueTo: 'set' }],
              outputRewrites: [{ kind: 'KeyRenamer', path: ['reviewList'], renameKeyTo: 'reviews' }],
            },
          ),
        },
      ],
    };
    const options: PlanExecutionOptions = {
      dataSources: { accounts: accounts.source, reviews: reviews.source },
      requestContext: requestContext(),
      supergraphSchema,
      variableDefinitions,
    };
    const { data, errors } = await executePlan(plan, options);
    expect(errors).toEqual([]);
    expect(reviews.requests).toHaveLength(1);
    expect(reviews.requests[0]?.request.variables?.['representations']).toEqual([
      { __typename: 'User', id: '1', marker: 'set' },
      { __typename: 'User', id: '2', marker: 'set' },
    ]);
    expect(reviews.requests[0]).toMatchObject({ kind: 'incoming operation', pathInIncomingRequest: ['users', '@'], context: { principal: 'p' } });
    expect(JSON.parse(JSON.stringify(data))).toEqual({
      users: [{ __typename: 'User', id: '1', reviews: [{ body: 'by 1' }] }, null, { __typename: 'User', id: '2', name: 'Bob', reviews: [{ body: 'by 2' }] }],
    });
  });

  it('re-roots entity errors to the entity paths, records a failed fetch, and runs the rest of a Parallel node', async () => {
    const accounts = fakeSource(() => ({
      data: {
        users: [
          { __typename: 'User', id: '1' },
          { __typename: 'User', id: '2' },
        ],
      },
    }));
    const reviews = fakeSource(() => ({
      data: { _entities: [null, { reviews: [] }] },
      errors: [{ message: 'boom', path: ['_entities', 0, 'reviews'], extensions: { code: 'FORBIDDEN' } }],
    }));
    const failing: GraphQLDataSource = {
      process: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    };
    const entityFetch = (serviceName: string): PlanNode => ({
      kind: 'Flatten',
      path: ['users', '@'],
      node: fetchNode(serviceName, '{ _entities { ... on User { reviews { body } } } }', {
        requires: [
          {
            kind: 'InlineFragment',
            typeCondition: 'User',
            selections: [
              { kind: 'Field', name: '__typename' },
              { kind: 'Field', name: 'id' },
            ],
          },
        ],
      }),
    });
    const plan: PlanNode = {
      kind: 'Sequence',
      nodes: [
        fetchNode('accounts', '{ users { __typename id } }'),
        { kind: 'Parallel', nodes: [entityFetch('inventory'), entityFetch('reviews'), entityFetch('nowhere')] },
      ],
    };
    const context = requestContext();
    const { data, errors } = await executePlan(plan, {
      dataSources: { accounts: accounts.source, reviews: reviews.source, inventory: failing },
      requestContext: context,
      supergraphSchema,
      variableDefinitions,
    });
    // In the order the parallel fetches ended.
    const byMessage = (a: { message: string }, b: { message: string }) => a.message.localeCompare(b.message);
    expect(errors.map((error) => ({ message: error.message, path: error.path, extensions: error.extensions })).sort(byMessage)).toEqual(
      [
        { message: 'connect ECONNREFUSED', path: undefined, extensions: undefined },
        { message: 'boom', path: ['users', 0, 'reviews'], extensions: { code: 'FORBIDDEN', serviceName: 'reviews' } },
        { message: `Couldn't find service with name "nowhere"`, path: undefined, extensions: undefined },
      ].sort(byMessage),
    );
    expect(context.metrics.nonFtv1ErrorPaths).toEqual([{ subgraph: 'reviews', path: ['_entities', 0, 'reviews'] }]);
    expect(JSON.parse(JSON.stringify(data))).toEqual({
      users: [
        { __typename: 'User', id: '1' },
        { __typename: 'User', id: '2', reviews: [] },
      ],
    });
  });

  it('takes the branch of a Condition node from the variable, or its default, and sends only the variables a fetch uses', async () => {
    const accounts = fakeSource(() => ({ data: { me: { id: '1' } } }));
    const products = fakeSource(() => ({ data: { topProducts: [] } }));
    const plan: PlanNode = {
      kind: 'Condition',
      condition: 'flag',
      ifClause: fetchNode('accounts', 'query ($id: ID) { me { id } }', { variableUsages: ['id'] }),
      elseClause: fetchNode('products', '{ topProducts { upc } }'),
    };
    const run = (variables: Record<string, unknown>) =>
      executePlan(plan, {
        dataSources: { accounts: accounts.source, products: products.source },
        requestContext: requestContext(variables),
        supergraphSchema,
        variableDefinitions,
      });
    expect(JSON.parse(JSON.stringify((await run({ id: 'x', other: 'y' })).data))).toEqual({ me: { id: '1' } });
    expect(accounts.requests[0]?.request.variables).toEqual({ id: 'x' });
    expect(JSON.parse(JSON.stringify((await run({ flag: false })).data))).toEqual({ topProducts: [] });
    expect(products.requests).toHaveLength(1);
  });
});
