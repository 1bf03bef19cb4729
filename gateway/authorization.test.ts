import { buildSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { filterOperation, forbiddenMessage, isAuthorized, type AuthorizationSubject } from './authorization.ts';

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
