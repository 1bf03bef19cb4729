import { buildSchema, GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config.ts';
import { OperationLimitError } from '../platform/errors.ts';
import type { OperationLimitName } from './operation-limit-rules.ts';
import { createOperationLimits } from './operation-limits.ts';

const schema = buildSchema(`
  type Query { a: Int b: Int c: Int node: Node }
  type Node { id: ID child: Node }
`);

/** Limits of 2 root fields and 10 tokens (the rest default), introspection off, refusals recorded. */
function limitsOf(introspection = false) {
  const refused: OperationLimitName[] = [];
  const limits = createOperationLimits({
    limits: loadConfig({ MAX_ROOT_FIELDS: '2', MAX_QUERY_TOKENS: '10' }).limits,
    introspection,
    onRefused: (limit) => refused.push(limit),
  });
  return { limits, refused };
}

/** The codes of a document's errors, in order. */
function codes(errors: readonly GraphQLError[]): unknown[] {
  return errors.map((e) => (e.originalError as { code?: string } | undefined)?.code ?? 'GRAPHQL');
}

describe('operation limits', () => {
  it('counts root fields through inline fragments and spreads (each fragment once, cycles ended), and refuses over the limit', () => {
    const { limits, refused } = limitsOf();
    expect(limits.validate(schema, parse('{ a ...F ...F } fragment F on Query { b }'))).toEqual([]);
    const over = limits.validate(schema, parse('{ a ... on Query { b ... on Query { c } } }'));
    expect(codes(over)).toEqual(['MAX_ROOT_FIELDS_LIMIT']);
    expect(over[0]?.message).toBe('Root fields limit of 2 exceeded, found 3.');
    expect(over[0]?.originalError).toMatchObject({ details: { limit: { name: 'root_fields', max: 2 } } });
    // A cycle is refused by graphql's NoFragmentCyclesRule; the count does not loop.
    expect(codes(limits.validate(schema, parse('{ ...F } fragment F on Query { a ...F }')))).toEqual(['GRAPHQL']);
    expect(refused).toEqual(['root_fields']);
  });

  it('puts the refusals before graphql’s own errors', () => {
    const { limits } = limitsOf();
    expect(codes(limits.validate(schema, parse('{ nope a b c }')))).toEqual(['MAX_ROOT_FIELDS_LIMIT', 'GRAPHQL']);
  });

  it('refuses __schema and __type with introspection off (counted once per document), never __typename', () => {
    const off = limitsOf();
    expect(off.limits.validate(schema, parse('{ __typename node { __typename } }'))).toEqual([]);
    expect(codes(off.limits.validate(schema, parse('{ __schema { queryType { name } } __type(name: "Node") { name } }')))).toEqual([
      'INTROSPECTION_DISABLED',
      'INTROSPECTION_DISABLED',
    ]);
    expect(off.refused).toEqual(['introspection']);
    const on = limitsOf(true);
    expect(on.limits.validate(schema, parse('{ __schema { queryType { name } } }'))).toEqual([]);
  });

  it('parses up to the token limit; beyond, refuses with MAX_TOKENS_LIMIT (counted), other syntax errors unchanged', () => {
    const { limits, refused } = limitsOf();
    expect(limits.parse('{ a b c node { id } }').kind).toBe('Document');
    const over = (): unknown => limits.parse('{ a b c node { id child { id } } }');
    expect(over).toThrow(OperationLimitError);
    expect(over).toThrow('Token limit of 10 exceeded: the document contains more than 10 tokens.');
    expect(() => limits.parse('{ a')).toThrow(/Syntax Error: Expected Name/);
    expect(refused).toEqual(['tokens', 'tokens']);
  });

  it("finds the token refusal behind Apollo Server's GRAPHQL_PARSE_FAILED, only for this gateway's limit", () => {
    const { limits } = limitsOf();
    const apolloParseError = (message: string): GraphQLError =>
      new GraphQLError(message, { originalError: new GraphQLError(message), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(limits.refusalOf(apolloParseError('Syntax Error: Document contains more that 10 tokens. Parsing aborted.'))).toMatchObject({
      code: 'MAX_TOKENS_LIMIT',
      details: { limit: { name: 'tokens', max: 10 } },
    });
    expect(limits.refusalOf(apolloParseError('Syntax Error: Document contains more that 11 tokens. Parsing aborted.'))).toBeUndefined();
    expect(limits.refusalOf(apolloParseError('Syntax Error: Expected Name, found <EOF>.'))).toBeUndefined();
    expect(limits.refusalOf(new Error('Syntax Error: Document contains more that 10 tokens. Parsing aborted.'))).toBeUndefined();
  });
});
