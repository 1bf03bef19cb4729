import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CONSOLE_OPERATIONS } from './console-operations.ts';

// The console cannot introspect (it works with introspection off): its documents are checked against the API here.
const apiSchema = Supergraph.build(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'), { supportedFeatures: null })
  .apiSchema()
  .toGraphQLJSSchema();

describe('the console’s GraphQL documents', () => {
  it.each(Object.entries(CONSOLE_OPERATIONS))('%s is valid against the supergraph’s API schema and named so', (name, document) => {
    const parsed = parse(document);
    expect(validate(apiSchema, parsed).map((e) => e.message)).toEqual([]);
    expect(parsed.definitions.map((d) => ('name' in d ? d.name?.value : undefined))).toEqual([name]);
  });
});
