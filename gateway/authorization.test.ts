import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { buildASTSchema, buildSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AUTHORIZATION_SPEC_URL, filterOperation, forbiddenMessage, isAuthorized, type AuthorizationSubject } from './authorization.ts';

const schema = buildSchema(`
  directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  type Query {
    open: String
    memory: Memory
    cost: Float @requiresScopes(scopes: [["routing:read"], ["memory:read", "workflows:read"]])
    me: String @authenticated
  }
  type Memory @requiresScopes(scopes: [["memory:read"]]) { id: ID! content: String }
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
