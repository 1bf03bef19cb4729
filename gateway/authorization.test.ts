import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { buildASTSchema, buildSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  AUTHORIZATION_SPEC_URL,
  AUTHORIZATION_TYPENAME,
  filterOperation,
  forbiddenMessage,
  isAuthorized,
  nullRemovedFields,
  requiredScopes,
  type AuthorizationSubject,
} from './authorization.ts';

const schema = buildSchema(`
  directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  type Query {
    open: String
    memory: Memory
    cost: Float @requiresScopes(scopes: [["routing:read"], ["memory:read", "workflows:read"]])
    me: String @authenticated
    items: [Item!]!
    things: [Thing]
  }
  type Memory @requiresScopes(scopes: [["memory:read"]]) { id: ID! content: String }
  type Item { id: ID! secret: String! @requiresScopes(scopes: [["memory:read"]]) note: String @requiresScopes(scopes: [["memory:read"]]) }
  type Open { id: ID! }
  union Thing = Item | Open
`);

const subject = (scopes: string[], anonymous = false): AuthorizationSubject => ({ principal: { subject: 's', tenantId: 't', scopes }, anonymous });

describe('authorization filter (Apollo Router semantics)', () => {
  it('removes a field whose return type needs a missing scope, keeps the rest', () => {
    const { document, removed } = filterOperation(schema, parse('{ open memory { id } }'), undefined, subject([]));
    expect(print(document)).not.toContain('memory');
    expect(removed.map((r) => r.path)).toEqual([['memory']]);
    expect(forbiddenMessage(removed[0]!)).toContain('"memory:read"');
  });

  it('reads requiresScopes as an OR of ANDs', () => {
    const req = filterOperation(schema, parse('{ cost }'), undefined, subject([])).removed[0]!.requirement;
    expect(isAuthorized(subject(['routing:read']), req)).toBe(true);
    expect(isAuthorized(subject(['memory:read']), req)).toBe(false);
    expect(isAuthorized(subject(['memory:read', 'workflows:read']), req)).toBe(true);
    expect(isAuthorized(subject(['admin']), req)).toBe(true);
  });

  it('refuses @authenticated fields to the anonymous principal, whatever its scopes', () => {
    expect(filterOperation(schema, parse('{ me }'), undefined, subject(['admin'], true)).removed).toHaveLength(1);
    expect(filterOperation(schema, parse('{ me }'), undefined, subject([])).removed).toHaveLength(0);
  });

  it('inlines fragments and keeps an emptied selection set valid with __typename', () => {
    const { document, removed } = filterOperation(schema, parse('{ ...F } fragment F on Query { cost }'), undefined, subject([]));
    expect(removed.map((r) => r.path)).toEqual([['cost']]);
    expect(print(document)).toContain('__typename');
  });

  it('writes null at removed paths through lists, and propagates it from a non-null field to the nearest nullable parent', () => {
    const nullable = filterOperation(schema, parse('{ items { id note } }'), undefined, subject([])).removed;
    expect(nullRemovedFields(schema, { items: [{ id: '1' }, { id: '2' }] }, nullable)).toEqual({
      items: [
        { id: '1', note: null },
        { id: '2', note: null },
      ],
    });
    const nonNull = filterOperation(schema, parse('{ open items { id secret } }'), undefined, subject([])).removed;
    // secret: String! -> Item! -> [Item!]! -> Query.items (non-null root field): the whole data is null.
    expect(nullRemovedFields(schema, { open: 'x', items: [{ id: '1' }] }, nonNull)).toBeNull();
  });

  it('nulls removed fields of a type-narrowing fragment only on objects of that type, told apart by a hidden __typename', () => {
    const { document, removed } = filterOperation(schema, parse('{ things { ... on Item { id secret } ... on Open { id } } }'), undefined, subject([]));
    expect(print(document)).toContain(`${AUTHORIZATION_TYPENAME}: __typename`);
    expect(removed[0]).toMatchObject({ path: ['things', 'secret'], parentType: 'Item', nonNull: true });
    const data = { things: [{ [AUTHORIZATION_TYPENAME]: 'Item', id: '1' }, { id: '2' }, null] };
    // The Item's non-null secret nulls the Item (Thing is nullable in the list); the Open keeps its fields.
    expect(nullRemovedFields(schema, data, removed)).toEqual({ things: [null, { id: '2' }, null] });
  });

  it('drops the variables only removed fields used, and states the scopes needed as one OR of ANDs', () => {
    const kept = filterOperation(schema, parse('query ($b: Boolean!) { open @include(if: $b) memory { id } }'), undefined, subject([])).document;
    expect(print(kept)).toContain('$b');
    const dropped = filterOperation(schema, parse('query ($b: Boolean!) { open memory @include(if: $b) { id } }'), undefined, subject([])).document;
    expect(print(dropped)).not.toContain('$b');
    expect(requiredScopes({ authenticated: false, scopes: [[['a'], ['b']], [['c']]] })).toEqual([
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(requiredScopes({ authenticated: true, scopes: [] })).toEqual([]);
  });

  it('leaves the document unchanged for admin', () => {
    const source = parse('{ open memory { id } cost me }');
    expect(filterOperation(schema, source, undefined, subject(['admin'])).document).toBe(source);
  });
});

describe('composing the authorization directives', () => {
  const subgraph = (link: string, definitions: string) =>
    parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@composeDirective"${link ? '' : ', "@authenticated", "@requiresScopes"'}]) ${link}
      ${definitions}
      type Query { me: String @authenticated cost: Float @requiresScopes(scopes: [["routing:read"]]) }`);

  it("is refused by Apollo's gateway with Apollo's for: SECURITY specs", () => {
    const result = composeServices([{ name: 'a', url: 'http://a', typeDefs: subgraph('', '') }]);
    expect(() => Supergraph.build(result.supergraphSdl ?? '')).toThrow(/for: SECURITY but is unsupported/);
  });

  it(`is accepted with our own ${AUTHORIZATION_SPEC_URL} composed directives, which keep the applications`, () => {
    const link = `@link(url: "${AUTHORIZATION_SPEC_URL}", import: ["@authenticated", "@requiresScopes"]) @composeDirective(name: "@authenticated") @composeDirective(name: "@requiresScopes")`;
    const definitions = `directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
      directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM`;
    const result = composeServices([{ name: 'a', url: 'http://a', typeDefs: subgraph(link, definitions) }]);
    expect(result.errors).toBeUndefined();
    const supergraph = Supergraph.build(result.supergraphSdl ?? '');
    const composed = buildASTSchema(parse(result.supergraphSdl ?? ''));
    expect(supergraph.apiSchema().toGraphQLJSSchema().getQueryType()?.getFields()['cost']).toBeDefined();
    expect(filterOperation(composed, parse('{ me cost }'), undefined, subject([], true)).removed.map((r) => r.path)).toEqual([['me'], ['cost']]);
  });
});
