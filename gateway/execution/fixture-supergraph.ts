/**
 * A small federated graph for the compiled execution path's unit tests (gateway/execution/*.test.ts), run in process:
 * five subgraphs (`@apollo/subgraph` schemas with resolvers, served by `LocalGraphQLDataSource`) composed by
 * `@apollo/composition`. It exercises what the planner and the shaper must handle: entity fetches across subgraphs
 * (`@key`), `@requires` and `@provides`, an interface entity completed by an `@interfaceObject` (input rewrites), a
 * union and interfaces resolved by `__typename`, an `@inaccessible` enum value that a subgraph still returns, lists of
 * lists with nulls, non-null fields that a subgraph answers with null, fields that fail, and a mutation.
 */
import { composeServices } from '@apollo/composition';
import { LocalGraphQLDataSource, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';

/** The fixture's subgraphs. */
export const FIXTURE_SUBGRAPHS = ['accounts', 'products', 'inventory', 'reviews', 'ratings'] as const;
/** One of {@link FIXTURE_SUBGRAPHS}. */
export type FixtureSubgraph = (typeof FIXTURE_SUBGRAPHS)[number];

const link = (imports: readonly string[]): string =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;

/** The SDL of each subgraph. */
export const FIXTURE_SDL: Readonly<Record<FixtureSubgraph, string>> = {
  accounts: `${link(['@key', '@shareable', '@inaccessible'])}
type Query {
  me: User
  users: [User]
  user(id: ID!): User
  search(text: String!): [SearchResult!]!
  node(id: ID!): Node
}
type Mutation { rename(id: ID!, name: String!): User }
interface Node { id: ID! }
union SearchResult = User | Organization
enum Role { ADMIN MEMBER LEGACY @inaccessible }
type User implements Node @key(fields: "id") {
  id: ID!
  name: String
  username: String @shareable
  role: Role
  roles: [Role!]
  nicknames: [[String!]]
  organization: Organization!
}
type Organization implements Node @key(fields: "id") {
  id: ID!
  name: String!
  secret: String @inaccessible
}`,
  products: `${link(['@key'])}
type Query {
  topProducts(first: Int = 5): [Product]
  media: [Media!]!
}
type Product @key(fields: "upc") {
  upc: String!
  name: String
  price: Int
  weight: Int
  dimensions: [[Int]]
}
interface Media @key(fields: "id") { id: ID! title: String! }
type Book implements Media @key(fields: "id") { id: ID! title: String! pages: Int }
type Movie implements Media @key(fields: "id") { id: ID! title: String! minutes: Int }`,
  inventory: `${link(['@key', '@external', '@requires'])}
type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
  warehouse: String!
}`,
  reviews: `${link(['@key', '@external', '@provides'])}
type Review @key(fields: "id") {
  id: ID!
  body: String!
  author: User @provides(fields: "username")
  product: Product
  flaky: String
}
type User @key(fields: "id") {
  id: ID!
  username: String @external
  reviews: [Review]
}
type Product @key(fields: "upc") {
  upc: String!
  reviews: [Review]
}`,
  ratings: `${link(['@key', '@interfaceObject'])}
type Media @key(fields: "id") @interfaceObject {
  id: ID!
  rating: Int
}`,
};

interface User {
  readonly id: string;
  name: string;
  readonly username: string;
  readonly role: string;
  readonly roles: readonly string[];
  readonly nicknames: readonly (readonly string[] | null)[] | null;
  readonly organization: string | null;
}

const USERS: User[] = [
  { id: '1', name: 'Ada', username: 'ada', role: 'ADMIN', roles: ['ADMIN', 'MEMBER'], nicknames: [['a', 'b'], null, []], organization: 'o1' },
  // LEGACY is @inaccessible: the API schema has no such value, so the gateway nulls it with an error.
  { id: '2', name: 'Bob', username: 'bob', role: 'LEGACY', roles: ['MEMBER', 'LEGACY'], nicknames: null, organization: 'o2' },
  // A non-null organization the subgraph cannot resolve: it answers null for the user with an error.
  { id: '3', name: 'Cy', username: 'cy', role: 'MEMBER', roles: [], nicknames: [[]], organization: null },
];
const ORGANIZATIONS = [
  { id: 'o1', name: 'Analytical Engines' },
  { id: 'o2', name: 'Bob & Co' },
];
const PRODUCTS = [
  { upc: 'p1', name: 'Table', price: 899, weight: 100, dimensions: [[1, 2], [3]] },
  { upc: 'p2', name: 'Couch', price: 1299, weight: 1000, dimensions: null },
  { upc: 'p3', name: 'Glass', price: 15, weight: 20, dimensions: [[null, 4], null] },
  { upc: 'p4', name: 'Chair', price: 499, weight: 100, dimensions: [] },
];
const MEDIA = [
  { __typename: 'Book', id: 'm1', title: 'Sketch of the Analytical Engine', pages: 65 },
  { __typename: 'Movie', id: 'm2', title: 'The Imitation Game', minutes: 114 },
];
const REVIEWS = [
  { id: 'r1', body: 'Sturdy', upc: 'p1', author: '1' },
  { id: 'r2', body: 'Wobbly', upc: 'p1', author: '2' },
  { id: 'r3', body: 'Comfy', upc: 'p2', author: '1' },
  { id: 'r4', body: 'Fragile', upc: 'p3', author: '3' },
];

const userOf = (id: string): User | undefined => USERS.find((user) => user.id === id);

const RESOLVERS: Readonly<Record<FixtureSubgraph, object>> = {
  accounts: {
    Query: {
      me: () => USERS[0],
      users: () => USERS,
      user: (_: unknown, { id }: { id: string }) => userOf(id),
      search: () => [USERS[0], ORGANIZATIONS[1], USERS[1]],
      node: (_: unknown, { id }: { id: string }) => userOf(id) ?? ORGANIZATIONS.find((organization) => organization.id === id),
    },
    Mutation: {
      rename: (_: unknown, { id, name }: { id: string; name: string }) => {
        const user = userOf(id);
        if (user) user.name = name;
        return user;
      },
    },
    Node: { __resolveType: (value: { username?: string }) => (value.username ? 'User' : 'Organization') },
    SearchResult: { __resolveType: (value: { username?: string }) => (value.username ? 'User' : 'Organization') },
    User: {
      __resolveReference: ({ id }: { id: string }) => userOf(id),
      organization: (user: User) => ORGANIZATIONS.find((organization) => organization.id === user.organization) ?? null,
    },
    Organization: { __resolveReference: ({ id }: { id: string }) => ORGANIZATIONS.find((organization) => organization.id === id) },
  },
  products: {
    Query: {
      topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first),
      media: () => MEDIA,
    },
    Product: { __resolveReference: ({ upc }: { upc: string }) => PRODUCTS.find((product) => product.upc === upc) },
    Media: {
      __resolveType: (value: { __typename: string }) => value.__typename,
      __resolveReference: ({ id }: { id: string }) => MEDIA.find((media) => media.id === id),
    },
  },
  inventory: {
    Product: {
      __resolveReference: (reference: { upc: string; price?: number; weight?: number }) => reference,
      inStock: ({ upc }: { upc: string }) => upc !== 'p2',
      shippingEstimate: ({ price, weight }: { price?: number; weight?: number }) =>
        price === undefined || weight === undefined ? null : price > 1000 ? 0 : weight / 2,
      // p3 has no warehouse: a null for a non-null field, so the subgraph answers the entity null, with an error.
      warehouse: ({ upc }: { upc: string }) => (upc === 'p3' ? null : `w-${upc}`),
    },
  },
  reviews: {
    Review: {
      __resolveReference: ({ id }: { id: string }) => REVIEWS.find((review) => review.id === id),
      author: (review: { author: string }) => ({ id: review.author, username: userOf(review.author)?.username }),
      product: (review: { upc: string }) => ({ upc: review.upc }),
      flaky: (review: { id: string }) => {
        if (review.id === 'r2') throw new GraphQLError('flaky failed', { extensions: { code: 'FLAKY' } });
        if (review.id === 'r4') throw new Error('flaky failed without a code');
        return `ok-${review.id}`;
      },
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      reviews: ({ id }: { id: string }) => REVIEWS.filter((review) => review.author === id),
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
      reviews: ({ upc }: { upc: string }) => REVIEWS.filter((review) => review.upc === upc),
    },
  },
  ratings: {
    Media: { __resolveReference: ({ id }: { id: string }) => ({ id, rating: id === 'm1' ? 5 : null }) },
  },
};

/** The fixture's supergraph SDL (`@apollo/composition`), each subgraph at `http://<name>.fixture/graphql`. @throws on composition errors. */
export function fixtureSupergraphSdl(sdl: Readonly<Record<FixtureSubgraph, string>> = FIXTURE_SDL): string {
  const result = composeServices(FIXTURE_SUBGRAPHS.map((name) => ({ name, url: `http://${name}.fixture/graphql`, typeDefs: parse(sdl[name]) })));
  if (result.errors) throw new Error(`the fixture subgraphs do not compose:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

/** Context of a fixture request: the subgraphs whose data source fails (as if unreachable). */
export interface FixtureContext {
  readonly failing?: readonly FixtureSubgraph[];
}

/**
 * The data source of subgraph `name`: its schema executed in process, failing with a network-like Error when the
 * request's context lists it in `failing`. `onFetch` sees every request sent.
 */
export function fixtureDataSource(name: FixtureSubgraph, onFetch?: (name: FixtureSubgraph, query: string) => void): GraphQLDataSource {
  const local = new LocalGraphQLDataSource(buildSubgraphSchema({ typeDefs: parse(FIXTURE_SDL[name]), resolvers: RESOLVERS[name] as never }));
  return {
    async process(options: GraphQLDataSourceProcessOptions) {
      onFetch?.(name, options.request.query ?? '');
      const context = options.context as FixtureContext;
      if (context.failing?.includes(name)) throw new Error(`connect ECONNREFUSED ${name}.fixture`);
      return local.process(options);
    },
  };
}
