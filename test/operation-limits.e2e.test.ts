import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientToken, newTenant, postGraphQL } from './kit/client.ts';
import { startGraph, type TestGraph } from './kit/graph.ts';

/** `count` aliased copies of `cursor` inside one `sessions` selection (each alias counts once). */
function aliases(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `c${i}: cursor`).join(' ');
  return `{ sessions { edges { ${fields} } } }`;
}

/** `count` copies of `cursor @include(if: true)` (a directive is repeatable across fields, not on one). */
function directives(count: number): string {
  return `{ sessions { edges { ${'cursor @include(if: true) '.repeat(count)}} } }`;
}

describe('operation limits over HTTP', () => {
  let graph: TestGraph;
  let authorization: string;
  beforeAll(async () => {
    graph = await startGraph({
      subgraphs: ['session'],
      env: { MAX_QUERY_ALIASES: '3', MAX_QUERY_DIRECTIVES: '2', MAX_QUERY_TOKENS: '40' },
    });
    authorization = `Bearer ${await clientToken(graph, { tenant: newTenant() })}`;
  });
  afterAll(async () => {
    await graph.close();
  });

  it('accepts MAX_QUERY_ALIASES aliases and refuses one more with 400 GRAPHQL_VALIDATION_FAILED naming the limit', async () => {
    const accepted = await postGraphQL(graph.gatewayUrl, { query: aliases(3) }, { authorization });
    expect(accepted.errors).toBeUndefined();
    const refused = await postGraphQL(graph.gatewayUrl, { query: aliases(4) }, { authorization });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.[0]?.message).toMatch(/aliases.*\b3\b/i);
  });

  it('accepts MAX_QUERY_DIRECTIVES directives and refuses one more with 400 GRAPHQL_VALIDATION_FAILED naming the limit', async () => {
    const accepted = await postGraphQL(graph.gatewayUrl, { query: directives(2) }, { authorization });
    expect(accepted.errors).toBeUndefined();
    const refused = await postGraphQL(graph.gatewayUrl, { query: directives(3) }, { authorization });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.[0]?.message).toMatch(/directives.*\b2\b/i);
  });

  it('accepts MAX_QUERY_TOKENS tokens and refuses one more with 400 GRAPHQL_PARSE_FAILED naming the limit', async () => {
    // graphql counts every token but <EOF>: `{ sessions { edges {` + `}}}` is 8, each `cursor` one more.
    const tokens = (count: number) => `{ sessions { edges { ${'cursor '.repeat(count - 8)}} } }`;
    const accepted = await postGraphQL(graph.gatewayUrl, { query: tokens(40) }, { authorization });
    expect(accepted.errors).toBeUndefined();
    const refused = await postGraphQL(graph.gatewayUrl, { query: tokens(41) }, { authorization });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_PARSE_FAILED');
    expect(refused.errors?.[0]?.message).toMatch(/more tha[nt] 40 tokens/);
  });
});
