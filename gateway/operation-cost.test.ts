import { readFile } from 'node:fs/promises';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NO_COST_DIRECTIVES, readCostDirectives } from './cost-directives.ts';
import { estimateOperationCost, type OperationCostOptions } from './operation-cost.ts';

const SDL = /* GraphQL */ `
  schema @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"]) {
    query: Query
    mutation: Mutation
  }
  directive @link(url: String, as: String, import: [String]) repeatable on SCHEMA
  directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION

  type Query {
    books(first: Int, filter: BookFilter): BookConnection!
      @listSize(slicingArguments: ["first"], assumedSize: 20, sizedFields: ["edges"], requireOneSlicingArgument: false)
    authors(limit: Int): [Author!]! @listSize(slicingArguments: ["limit"], requireOneSlicingArgument: false)
    tags: [String!]!
    search(text: String! @cost(weight: 3)): [Book!]! @cost(weight: 7) @listSize(assumedSize: 5)
    node: Node
    rating: Rating
    filtered(page: Page): [Book!]! @listSize(slicingArguments: ["page.max"], requireOneSlicingArgument: false)
  }
  input Page {
    max: Int
  }
  interface Node {
    id: ID!
  }
  type Book implements Node {
    id: ID!
    title: String!
    author: Author!
    reviews(first: Int = 4): [Review!]! @listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)
    summary: String @cost(weight: 4)
  }
  type Author implements Node {
    id: ID!
    name: String!
    books: [Book!]!
  }
  type Review @cost(weight: 2) {
    stars: Int!
  }
  enum Rating {
    GOOD
    BAD
  }
  type BookConnection {
    edges: [BookEdge!]!
    pageInfo: PageInfo!
  }
  type BookEdge {
    cursor: String!
    node: Book!
  }
  type PageInfo {
    hasNextPage: Boolean!
  }
  input BookFilter {
    title: String
    tags: [String!] @cost(weight: 2)
    and: [BookFilter!]
  }
  input BookInput {
    title: String!
  }
  type Mutation {
    addBook(input: BookInput!): Book! @cost(weight: 50)
    like: Boolean!
  }
`;

const options: OperationCostOptions = { schema: buildSchema(SDL), directives: readCostDirectives(SDL) };
const cost = (query: string, variables?: Record<string, unknown>, more: Partial<OperationCostOptions> = {}): number =>
  estimateOperationCost({ document: parse(query), variables }, { ...options, ...more });

describe('estimateOperationCost (IBM cost spec, Apollo defaults)', () => {
  it('scalars and enums cost 0, objects and interfaces 1, __typename nothing', () => {
    expect(cost('{ tags rating }')).toBe(0); // a list of scalars: 10 × 0
    expect(cost('{ __typename node { __typename id } }')).toBe(1);
  });

  it("sizes a connection's edges by its slicing argument", () => {
    // books 1 + edges 5 × (edge 1 + node 1) + pageInfo 1
    expect(cost('{ books(first: 5) { edges { node { id title } } pageInfo { hasNextPage } } }')).toBe(12);
  });

  it('uses assumedSize without a slicing argument, and QUERY_COST_LIST_SIZE without either', () => {
    expect(cost('{ books { edges { node { id } } } }')).toBe(1 + 20 * 2);
    // authors 10 × (1 + books 10 × 1)
    expect(cost('{ authors { name books { id } } }')).toBe(110);
    expect(cost('{ authors { name books { id } } }', {}, { defaultListSize: 2 })).toBe(2 * (1 + 2));
  });

  it('resolves variables and variable defaults of slicing arguments, and uses argument defaults', () => {
    const query = 'query Books($n: Int = 7) { books(first: $n) { edges { node { id } } } }';
    expect(cost(query, { n: 3 })).toBe(1 + 3 * 2);
    expect(cost(query)).toBe(1 + 7 * 2);
    // reviews(first: Int = 4): 4 × Review's weight 2, under node 1, under 1 edge
    expect(cost('{ books(first: 1) { edges { node { reviews { stars } } } } }')).toBe(1 + 1 * (1 + (1 + 4 * 2)));
  });

  it('follows a dotted slicing argument into an input object', () => {
    // filtered 3 × Book 1, plus the input object 1
    expect(cost('{ filtered(page: { max: 3 }) { id } }')).toBe(3 + 1);
    expect(cost('query($p: Page) { filtered(page: $p) { id } }', { p: { max: 4 } })).toBe(4 + 1);
  });

  it('multiplies nested lists', () => {
    // reviews 50 × 2 = 100; node 1 + 100; edges 100 × (1 + 101); books 1 + 10200
    expect(cost('{ books(first: 100) { edges { node { reviews(first: 50) { stars } } } } }')).toBe(10201);
  });

  it("takes @cost of fields, types and arguments: a field's weight replaces its type's", () => {
    // search: 5 × (7 + summary 4) + argument text 3
    expect(cost('{ search(text: "x") { summary } }')).toBe(58);
  });

  it('costs input objects 1 (or their @cost) plus their fields, lists their items', () => {
    // books 1 + pageInfo 1; filter: 1 + tags (2 + 2 × 2) + and (0 + one object 1 + title 0)
    const query = '{ books(first: 1, filter: { tags: ["a", "b"], and: [{ title: "x" }] }) { pageInfo { hasNextPage } } }';
    expect(cost(query)).toBe(2 + 8);
    const byVariable = 'query($f: BookFilter) { books(first: 1, filter: $f) { pageInfo { hasNextPage } } }';
    expect(cost(byVariable, { f: { tags: ['a', 'b'], and: [{ title: 'x' }] } })).toBe(10);
  });

  it('adds 10 to a mutation', () => {
    // 10 + addBook 50 + id 0 + input object 1
    expect(cost('mutation { addBook(input: { title: "a" }) { id } }')).toBe(61);
    expect(cost('mutation { like }')).toBe(10);
  });

  it('counts fragments and inline fragments, sized as where they are spread', () => {
    const query = `
      query { books(first: 2) { ...Edges } a: books(first: 2) { ...Edges } }
      fragment Edges on BookConnection { edges { node { ... on Book { author { name } } } } }
    `;
    // per books: 1 + edges 2 × (1 + node (1 + author 1))
    expect(cost(query)).toBe(2 * 7);
  });

  it('honours @skip and @include', () => {
    const query = 'query($s: Boolean!) { node { id } books(first: 1) @skip(if: $s) { pageInfo { hasNextPage } } }';
    expect(cost(query, { s: true })).toBe(1);
    expect(cost(query, { s: false })).toBe(3);
    expect(cost('{ node @include(if: false) { id } ... @include(if: true) { rating } }')).toBe(0);
  });

  it('picks the named operation, and costs 0 when there is none', () => {
    const document = 'query A { node { id } } query B { authors(limit: 3) { id } }';
    expect(estimateOperationCost({ document: parse(document), operationName: 'B' }, options)).toBe(3);
    expect(estimateOperationCost({ document: parse(document), operationName: 'C' }, options)).toBe(0);
    expect(estimateOperationCost({ document: parse(document) }, options)).toBe(0);
  });

  it('ignores fields the schema does not have, and fragment cycles', () => {
    expect(cost('{ nope { id } node { id } }')).toBe(1);
    expect(cost('{ node { ...A } } fragment A on Node { id ...B } fragment B on Node { ...A }')).toBe(1);
  });

  it('without directives, costs by the defaults alone', () => {
    expect(cost('{ books(first: 5) { edges { node { id } } } }', {}, { directives: NO_COST_DIRECTIVES })).toBe(1 + 10 * 2);
  });
});

describe('readCostDirectives', () => {
  it('follows the link\'s "as" and import renames', () => {
    const sdl = `
      schema @link(url: "https://specs.apollo.dev/cost/v0.1", as: "c", import: [{ name: "@cost", as: "@weight" }]) { query: Query }
      type Query { a: Int @weight(weight: 3) b: [Int] @c__listSize(assumedSize: 4) }
    `;
    const directives = readCostDirectives(sdl);
    expect(directives.fieldWeight('Query', 'a')).toBe(3);
    expect(directives.listSize('Query', 'b')).toEqual({ assumedSize: 4, slicingArguments: [], sizedFields: [], requireOneSlicingArgument: true });
  });

  it('reads nothing without the cost link', () => {
    const directives = readCostDirectives('type Query { a: Int @cost(weight: 3) }');
    expect(directives.fieldWeight('Query', 'a')).toBeUndefined();
  });

  it("reads the composed supergraph's directives", async () => {
    const directives = readCostDirectives(await readFile('schema/supergraph.graphql', 'utf8'));
    expect(directives.fieldWeight('Mutation', 'addMemories')).toBe(50);
    expect(directives.listSize('Query', 'memories')).toEqual({
      assumedSize: 50,
      slicingArguments: ['first'],
      sizedFields: ['edges'],
      requireOneSlicingArgument: false,
    });
  });
});
