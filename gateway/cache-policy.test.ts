import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cachePolicyOf, SupergraphCacheModel } from './cache-policy.ts';

const supergraphSdl = readFileSync('schema/supergraph.graphql', 'utf8');
const model = new SupergraphCacheModel(parse(supergraphSdl));
const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
const policyOf = (query: string, operationName?: string) => cachePolicyOf(model, schema, parse(query), operationName);

/** A supergraph of two subgraphs, written by hand: hints on types and fields, an interface, an entity in both. */
const HAND_WRITTEN = `
  directive @join__type(graph: join__Graph!, key: String) repeatable on OBJECT | INTERFACE
  directive @join__field(graph: join__Graph, external: Boolean) repeatable on FIELD_DEFINITION
  directive @join__graph(name: String!, url: String!) on ENUM_VALUE
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
  enum CacheControlScope { PUBLIC PRIVATE }
  enum join__Graph { A @join__graph(name: "a", url: "http://a") B @join__graph(name: "b", url: "http://b") }
  type Query @join__type(graph: A) @join__type(graph: B) {
    thing(id: ID!): Thing @join__field(graph: A)
    things: [Thing!]! @join__field(graph: A) @cacheControl(maxAge: 5)
    node(id: ID!): Node @join__field(graph: B)
    me: Profile @join__field(graph: B)
  }
  type Thing @join__type(graph: A, key: "id") @join__type(graph: B, key: "id") @cacheControl(maxAge: 60) {
    id: ID!
    name: String @join__field(graph: A)
    score: Int @join__field(graph: B)
    live: Int @join__field(graph: A) @cacheControl(maxAge: 2)
    meta: Meta @join__field(graph: A)
    detail: Detail @join__field(graph: A)
  }
  type Meta @join__type(graph: A) @cacheControl(inheritMaxAge: true) { tag: String }
  type Detail @join__type(graph: A) { note: String }
  interface Node @join__type(graph: B) { id: ID! }
  type Red implements Node @join__type(graph: B) @cacheControl(maxAge: 20) { id: ID! }
  type Blue implements Node @join__type(graph: B) { id: ID! }
  type Profile @join__type(graph: B) @cacheControl(maxAge: 100, scope: PRIVATE) { name: String }
`;
const handModel = new SupergraphCacheModel(parse(HAND_WRITTEN));
const handSchema = buildSchema(HAND_WRITTEN, { assumeValidSDL: true });
const handPolicyOf = (query: string) => cachePolicyOf(handModel, handSchema, parse(query), undefined);

describe('cache policy (Apollo Server cache-control rules, applied to the selection)', () => {
  it('takes the type hint for a field returning it, inherits it for scalars, and the least over all fields', () => {
    expect(handPolicyOf('{ thing(id: "1") { id name } }')).toEqual({ maxAgeS: 60, scope: 'PUBLIC', subgraphs: ['a'] });
    expect(handPolicyOf('{ thing(id: "1") { id name live } }')).toEqual({ maxAgeS: 2, scope: 'PUBLIC', subgraphs: ['a'] });
    expect(handPolicyOf('{ things { name } }')).toEqual({ maxAgeS: 5, scope: 'PUBLIC', subgraphs: ['a'] });
  });

  it('gives max-age 0 (not cacheable) to a field returning an object type without a hint, unless it inherits', () => {
    expect(handPolicyOf('{ thing(id: "1") { detail { note } } }')).toBeUndefined();
    expect(handPolicyOf('{ thing(id: "1") { meta { tag } } }')).toEqual({ maxAgeS: 60, scope: 'PUBLIC', subgraphs: ['a'] });
  });

  it('counts every subgraph whose fields are selected, but not for key fields', () => {
    expect(handPolicyOf('{ thing(id: "1") { id score } }')).toEqual({ maxAgeS: 60, scope: 'PUBLIC', subgraphs: ['a', 'b'] });
    expect(handPolicyOf('{ thing(id: "1") { id } }')?.subgraphs).toEqual(['a']);
  });

  it('takes the least over the possible types of an abstract type (one without a hint: not cacheable)', () => {
    expect(handPolicyOf('{ node(id: "1") { id } }')).toBeUndefined();
  });

  it('is PRIVATE when any hint says so', () => {
    expect(handPolicyOf('{ me { name } }')).toEqual({ maxAgeS: 100, scope: 'PRIVATE', subgraphs: ['b'] });
  });

  it('follows fragments and inline fragments, and refuses unknown fields, introspection, mutations and recursive fragments', () => {
    expect(handPolicyOf('query { thing(id: "1") { ...F } } fragment F on Thing { name ... on Thing { live } }')?.maxAgeS).toBe(2);
    expect(handPolicyOf('{ thing(id: "1") { nope } }')).toBeUndefined();
    expect(handPolicyOf('{ __schema { types { name } } }')).toBeUndefined();
    expect(handPolicyOf('{ __typename }')).toBeUndefined();
    expect(handPolicyOf('mutation { thing(id: "1") { id } }')).toBeUndefined();
    expect(handPolicyOf('query { thing(id: "1") { ...F } } fragment F on Thing { meta { ...F } }')).toBeUndefined();
  });

  it('over the real supergraph: the subgraphs a federated query reads', () => {
    expect(policyOf('query ($id: ID!) { session(id: $id) { id title status } }')).toEqual({ maxAgeS: 30, scope: 'PUBLIC', subgraphs: ['session'] });
    expect(policyOf('query ($id: ID!) { session(id: $id) { title costUsd memories { content } } }')).toEqual({
      maxAgeS: 30,
      scope: 'PUBLIC',
      subgraphs: ['memory', 'routing', 'session'],
    });
    expect(policyOf('{ sessions(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }')).toEqual({
      maxAgeS: 30,
      scope: 'PUBLIC',
      subgraphs: ['session'],
    });
    expect(policyOf('query ($id: ID!) { workflowRun(id: $id) { status steps { status attempts { error errorCode } } } }')?.maxAgeS).toBe(10);
    expect(policyOf('{ models { id name } }')).toEqual({ maxAgeS: 60, scope: 'PUBLIC', subgraphs: ['routing'] });
    expect(policyOf('query A { models { id } } query B { sessions { edges { cursor } } }', 'B')?.subgraphs).toEqual(['session']);
    expect(policyOf('query A { models { id } } query B { sessions { edges { cursor } } }')).toBeUndefined();
  });
});
