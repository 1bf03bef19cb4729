import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { computeResponse } from '@apollo/gateway/dist/resultShaping.js';
import { parse, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fixtureSupergraphSdl } from './fixture-supergraph.ts';
import { compileResponseShaper } from './response-shaper.ts';
import { UnsupportedOperationError } from './unsupported-operation.ts';

const apiSchema: Schema = Supergraph.build(fixtureSupergraphSdl()).apiSchema();

/** One shaping: an operation, the merged subgraph data it is shaped from, and the request's variables. */
interface Shaping {
  readonly name: string;
  readonly query: string;
  readonly input: Record<string, unknown>;
  readonly variables?: Record<string, unknown>;
}

const SHAPINGS: readonly Shaping[] = [
  {
    name: 'a null in a non-null field nulls the nearest nullable parent, with one error',
    query: '{ me { id organization { id name } } users { id organization { name } } }',
    input: {
      me: { id: '1', organization: { id: 'o1', name: null } },
      users: [
        { id: '1', organization: { name: 'x' } },
        { id: '2', organization: null },
      ],
    },
  },
  {
    name: 'a null reaching the root through non-null fields nulls the data',
    query: '{ search(text: "") { __typename } me { id } }',
    input: { search: null, me: { id: '1' } },
  },
  {
    name: 'a null element of a non-null list nulls the list',
    query: '{ search(text: "") { ... on User { id } } }',
    input: { search: [{ __typename: 'User', id: '1' }, null] },
  },
  {
    name: 'lists of lists with nulls at every level',
    query: '{ users { nicknames } topProducts { dimensions } }',
    input: {
      users: [{ nicknames: [['a', null], ['b'], null] }, { nicknames: null }, { nicknames: [[]] }, null],
      topProducts: [{ dimensions: [[1, null], null, []] }, { dimensions: [[1.5]] }],
    },
  },
  {
    name: 'abstract types resolved by __typename, and a type condition without one',
    query: `{ search(text: "") { __typename ... on User { id name } ... on Node { id } ... on Organization { orgName: name } }
              node(id: "x") { id ... on User { username } ... on Organization { orgName: name } } }`,
    input: {
      search: [
        { __typename: 'User', id: '1', name: 'Ada', extra: 'dropped' },
        { __typename: 'Organization', id: 'o1', name: 'AE' },
        { id: 'u-no-typename', name: 'x' },
      ],
      node: { id: 'o2', name: 'no typename' },
    },
  },
  {
    name: 'an unknown or @inaccessible __typename, and __typename on an interface without one',
    query: '{ search(text: "") { __typename } node(id: "x") { __typename id } me { organization { __typename } } }',
    input: { search: [{ __typename: 'Secret' }], node: { id: 'n' }, me: { organization: { __typename: 'Organization' } } },
  },
  {
    name: 'leaf values invalid for their type: an enum value not in the API schema, a float Int, a number String',
    query: '{ users { id role roles name } topProducts { upc price weight } me { id } }',
    input: {
      users: [
        { id: 1, role: 'LEGACY', roles: ['ADMIN', 'LEGACY'], name: 42 },
        { id: '2', role: 'ADMIN', roles: null, name: true },
      ],
      topProducts: [
        { upc: 'p1', price: 1.5, weight: 1e21 },
        { upc: 'p2', price: -0, weight: '3' },
      ],
      me: { id: 1.5 },
    },
  },
  {
    name: 'aliases, duplicated fields and fragments merged into one object in operation order',
    query: '{ me { a: name name ... on User { name organization { id } username } organization { name } a: name } users { id } users { name } }',
    input: { me: { a: 'Ada', name: 'Ada', organization: { id: 'o1', name: 'AE' }, username: 'ada' }, users: [{ id: '1', name: 'Ada' }, null] },
  },
  {
    name: '__typename aliased, from the data or from the parent type',
    query: '{ __typename t: __typename me { t: __typename __typename } node(id: "1") { kind: __typename } }',
    input: { me: { __typename: 'User' }, node: { __typename: 'User' } },
  },
  {
    name: '@skip and @include with variables and defaults',
    query:
      'query ($yes: Boolean!, $no: Boolean = false) { me { id @skip(if: $yes) name @include(if: $yes) username @skip(if: $no) t: __typename @include(if: $no) } }',
    input: { me: { id: '1', name: 'Ada', username: 'ada', t: 'User' } },
    variables: { yes: true },
  },
  {
    name: 'missing fields of the data are nulls',
    query: '{ me { id name organization { name } } topProducts { upc } }',
    input: { me: {}, topProducts: [{}] },
  },
];

/** Shapings where Apollo's computeResponse throws (a subgraph answer of the wrong shape, a non-boolean condition). */
const FAILURES: readonly Shaping[] = [
  { name: 'an object where a list belongs', query: '{ users { id } }', input: { users: { id: '1' } } },
  { name: 'a scalar where an object belongs', query: '{ me { id } }', input: { me: 'Ada' } },
  { name: 'a non-string __typename', query: '{ me { ... on User { id } } }', input: { me: { __typename: 1, id: '1' } } },
  { name: 'a @skip variable that is not a boolean', query: 'query ($s: Boolean) { me { id @skip(if: $s) } }', input: { me: { id: '1' } } },
];

function reference(shaping: Shaping): { data: unknown; errors: readonly GraphQLError[] } {
  const operation = operationFromDocument(apiSchema, parse(shaping.query), { validate: false });
  return computeResponse({
    operation,
    ...(shaping.variables ? { variables: shaping.variables } : {}),
    input: structuredClone(shaping.input),
    introspectionHandling: () => {
      throw new Error('no introspection in these shapings');
    },
  });
}

function compiled(shaping: Shaping): { data: unknown; errors: readonly GraphQLError[] } {
  const operation = operationFromDocument(apiSchema, parse(shaping.query), { validate: false });
  return compileResponseShaper(operation)(structuredClone(shaping.input), shaping.variables);
}

const errorsOf = (errors: readonly GraphQLError[]): unknown[] =>
  errors.map((error) => ({ message: error.message, path: error.path, code: error.extensions['code'] }));

describe('the compiled response shaper', () => {
  for (const shaping of SHAPINGS) {
    it(`shapes as computeResponse: ${shaping.name}`, () => {
      const expected = reference(shaping);
      const actual = compiled(shaping);
      // The JSON text, so that the field order is compared too.
      expect(JSON.stringify(actual.data)).toBe(JSON.stringify(expected.data));
      expect(errorsOf(actual.errors)).toEqual(errorsOf(expected.errors));
    });
  }

  for (const shaping of FAILURES) {
    it(`throws as computeResponse: ${shaping.name}`, () => {
      expect(() => reference(shaping)).toThrow();
      const message = (() => {
        try {
          reference(shaping);
          return '';
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(() => compiled(shaping)).toThrow(message);
    });
  }

  it('answers the examples with the expected values (the comparison is not between two wrong answers)', () => {
    const [nonNull, , , lists, , typenames] = SHAPINGS.map(compiled);
    expect(nonNull?.data).toEqual({ me: null, users: [{ id: '1', organization: { name: 'x' } }, null] });
    expect(errorsOf(nonNull?.errors ?? [])).toEqual([
      { message: 'Cannot return null for non-nullable field Organization.name.', path: ['me', 'organization', 'name'], code: 'INVALID_GRAPHQL' },
      { message: 'Cannot return null for non-nullable field User.organization.', path: ['users', 1, 'organization'], code: 'INVALID_GRAPHQL' },
    ]);
    expect(lists?.data).toEqual({
      users: [{ nicknames: [null, ['b'], null] }, { nicknames: null }, { nicknames: [[]] }, null],
      topProducts: [{ dimensions: [[1, null], null, []] }, { dimensions: [[null]] }],
    });
    expect(errorsOf(typenames?.errors ?? [])).toEqual([
      // One error per null: the non-null element that it nulls (and the root with it) adds none.
      { message: 'Invalid __typename found for object at array element of type SearchResult at index 0.', path: ['search', 0], code: 'INVALID_GRAPHQL' },
    ]);
    expect(typenames?.data).toBeNull();
  });

  it('leaves introspection to Apollo', () => {
    const operation = operationFromDocument(apiSchema, parse('{ __schema { queryType { name } } }'));
    expect(() => compileResponseShaper(operation)).toThrow(UnsupportedOperationError);
  });
});
