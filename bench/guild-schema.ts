/**
 * The four subgraphs of The Guild's federation gateway benchmark (graphql-hive/graphql-gateways-benchmark,
 * "federation" scenario: `federation/subgraphs/{accounts,inventory,products,reviews}/subgraph.rs`, async-graphql) as
 * `@apollo/subgraph` schemas with the same types, fields, keys and data, and the same resolvers' answers — including
 * that the inventory subgraph resolves a `Product` from its own table, whose `price` and `weight` are unset, so
 * `shippingEstimate` is always null, as in that benchmark's expected response (`k6.js`). The Rust SDL is Federation 1
 * style (`extend type`); here it is written for Federation 2 (`@shareable` where two subgraphs resolve a field).
 * Also the benchmark's query ({@link GUILD_TEST_QUERY}, from its `k6.js`) and the composition of the supergraph.
 */
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';

/** The subgraphs, in the order of the benchmark's `join__Graph`. */
export const GUILD_SUBGRAPH_NAMES = ['accounts', 'inventory', 'products', 'reviews'] as const;
/** Name of one of the benchmark's subgraphs. */
export type GuildSubgraphName = (typeof GUILD_SUBGRAPH_NAMES)[number];

/**
 * The `TestQuery` of the benchmark's `k6.js` (sent without variables): the same document, its selections written one
 * line per root field instead of one per field.
 */
export const GUILD_TEST_QUERY = `fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }
query TestQuery {
  users { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
  topProducts { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
}`;

const LINK = (imports: readonly string[]): string =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;

/**
 * Not in The Guild's SDL: Apollo's `@cacheControl`, composed into the supergraph, with a max-age on the types each
 * subgraph owns — what Orchestra's response cache needs to cache the query (the cached variant of the benchmark); the
 * other gateways ignore it. (Its subgraphs import `@composeDirective` for it.)
 */
const CACHE_CONTROL = `extend schema @link(url: "https://orchestra.dev/cache-control/v1.0", import: ["@cacheControl"]) @composeDirective(name: "@cacheControl")
enum CacheControlScope { PUBLIC PRIVATE }
directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION`;

const SDL: Readonly<Record<GuildSubgraphName, string>> = {
  accounts: `${LINK(['@key', '@shareable', '@composeDirective'])}
${CACHE_CONTROL}
type Query {
  me: User
  user(id: ID!): User
  users: [User]
}
type User @key(fields: "id") @cacheControl(maxAge: 60) {
  id: ID!
  name: String
  username: String @shareable
  birthday: Int
}`,
  inventory: `${LINK(['@key', '@external', '@requires'])}
type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
}`,
  products: `${LINK(['@key', '@composeDirective'])}
${CACHE_CONTROL}
type Query {
  topProducts(first: Int = 5): [Product]
}
type Product @key(fields: "upc") @cacheControl(maxAge: 60) {
  upc: String!
  name: String
  price: Int
  weight: Int
}`,
  reviews: `${LINK(['@key', '@external', '@provides', '@composeDirective'])}
${CACHE_CONTROL}
type Review @key(fields: "id") @cacheControl(maxAge: 60) {
  id: ID!
  body: String
  product: Product
  author: User @provides(fields: "username")
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
};

interface User {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly birthday: number;
}
interface Product {
  readonly upc: string;
  readonly name: string;
  readonly price: number;
  readonly weight: number;
}
interface Stock {
  readonly upc: string;
  readonly inStock: boolean;
  readonly price?: number;
  readonly weight?: number;
}
interface Review {
  readonly id: string;
  readonly body: string;
  readonly upc: string;
}

const USERS: readonly User[] = [
  ['1', 'Uri Goldshtein', 'urigo'],
  ['2', 'Dotan Simha', 'dotansimha'],
  ['3', 'Kamil Kisiela', 'kamilkisiela'],
  ['4', 'Arda Tanrikulu', 'ardatan'],
  ['5', 'Gil Gardosh', 'gilgardosh'],
  ['6', 'Laurin Quast', 'laurin'],
].map(([id = '', name = '', username = '']) => ({ id, name, username, birthday: 1234567890 }));

const PRODUCTS: readonly Product[] = (
  [
    ['1', 'Table', 899, 100],
    ['2', 'Couch', 1299, 1000],
    ['3', 'Glass', 15, 20],
    ['4', 'Chair', 499, 100],
    ['5', 'TV', 1299, 1000],
    ['6', 'Lamp', 6999, 300],
    ['7', 'Grill', 3999, 2000],
    ['8', 'Fridge', 100000, 6000],
    ['9', 'Sofa', 9999, 800],
  ] as const
).map(([upc, name, price, weight]) => ({ upc, name, price, weight }));

/** Products in stock, by upc (the inventory subgraph's table; it holds no price or weight). */
const IN_STOCK = new Set(['1', '5', '6', '7', '9']);

const LOREM =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.';
const SED_UT =
  'Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugi';
const SED_QUIA =
  'sed quia consequuntur magni dolores eos qui ratione voluptatem sequi nesciunt. Neque porro quisquam est, qui dolorem ipsum quia dolor sit amet, consectetur, adipisci velit, sed quia non numquam eius modi tempora incidunt ut labore et dolore magnam aliquam quaerat voluptatem.';
const UT_ENIM =
  'Ut enim ad minima veniam, quis nostrum exercitationem ullam corporis suscipit laboriosam, nisi ut aliquid ex ea commodi consequatur? Quis autem';
const AT_VERO =
  'At vero eos et accusamus et iusto odio dignissimos ducimus qui blanditiis praesentium voluptatum deleniti atque corrupti quos dolores et quas molestias excepturi sint occaecati cupiditate non provident, similique sunt in culpa qui officia deserunt mollitia animi, id est laborum et dolorum fuga. Et harum quidem rerum facilis est et expedita distinctio. Nam libero tempore, cum soluta nobis est eligendi optio cumque nihil impedit quo minus id quod maxime placeat facere possimus, omnis voluptas assumenda est, omnis dolor repellendus. Temporibus autem quibusdam et aut officiis debitis aut rerum necessitatibus saepe eveniet ut et voluptates repudiandae sint et molestiae non recusandae. Itaque earum rerum hic tenetur a sapiente delectus, ut aut reiciendis voluptatibus maiores alias consequatur aut perferendis doloribus asperiores repellat.';

const REVIEWS: readonly Review[] = (
  [
    [LOREM, '1'],
    [SED_UT, '1'],
    [SED_QUIA, '1'],
    [UT_ENIM, '1'],
    [LOREM, '2'],
    [SED_UT, '2'],
    [SED_QUIA, '2'],
    [UT_ENIM, '2'],
    [UT_ENIM, '3'],
    [UT_ENIM, '4'],
    [AT_VERO, '4'],
  ] as const
).map(([body, upc], i) => ({ id: String(i + 1), body, upc }));

/** Every `author` of the reviews subgraph: user 1, with the username it provides. */
const AUTHOR = { id: '1', username: 'urigo' };

/** The first two reviews: what the reviews subgraph answers for every user's `reviews`. */
const USER_REVIEWS = REVIEWS.slice(0, 2);

const byKey = <T, K extends keyof T>(rows: readonly T[], key: K, value: unknown): T | undefined => rows.find((row) => row[key] === value);

const RESOLVERS: Readonly<Record<GuildSubgraphName, object>> = {
  accounts: {
    Query: {
      me: () => USERS[0],
      user: (_: unknown, { id }: { id: string }) => byKey(USERS, 'id', id),
      users: () => USERS,
    },
    User: { __resolveReference: ({ id }: { id: string }) => byKey(USERS, 'id', id) },
  },
  inventory: {
    Product: {
      // As the Rust subgraph: the row of its own table, not the representation's price and weight.
      __resolveReference: ({ upc }: { upc: string }): Stock => ({ upc, inStock: IN_STOCK.has(upc) }),
      shippingEstimate: ({ price, weight }: Stock) => {
        if (price === undefined) return null;
        if (price > 1000) return 0;
        return weight === undefined ? null : Math.trunc(weight / 2);
      },
    },
  },
  products: {
    Query: { topProducts: (_: unknown, { first }: { first?: number | null }) => PRODUCTS.slice(0, first ?? 5) },
    Product: { __resolveReference: ({ upc }: { upc: string }) => byKey(PRODUCTS, 'upc', upc) },
  },
  reviews: {
    Review: {
      __resolveReference: ({ id }: { id: string }) => byKey(REVIEWS, 'id', id),
      product: ({ upc }: Review) => ({ upc }),
      author: () => AUTHOR,
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      reviews: () => USER_REVIEWS,
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
      reviews: ({ upc }: { upc: string }) => REVIEWS.filter((review) => review.upc === upc),
    },
  },
};

/** The executable schema of subgraph `name` (`buildSubgraphSchema`: its types plus `_entities` and `_service`). */
export function buildGuildSubgraph(name: GuildSubgraphName): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(SDL[name]), resolvers: RESOLVERS[name] as never });
}

/**
 * Composes the four subgraphs into a supergraph SDL (`@apollo/composition`) whose `join__graph` URLs are `urls`.
 * @throws Error listing the composition errors.
 */
export function composeGuildSupergraph(urls: Readonly<Record<GuildSubgraphName, string>>): string {
  const result = composeServices(GUILD_SUBGRAPH_NAMES.map((name) => ({ name, url: urls[name], typeDefs: parse(SDL[name]) })));
  if (result.errors) throw new Error(`the Guild subgraphs do not compose:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}
