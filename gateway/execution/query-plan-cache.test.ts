import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileOperation, type CompilationTarget } from './compiled-operation.ts';
import { fixtureSupergraphSdl } from './fixture-supergraph.ts';
import { OperationManifestError, parseOperationManifest, readOperationManifest } from './operation-manifest.ts';
import { QueryPlanCache, type OperationCompiler } from './query-plan-cache.ts';

const supergraph = Supergraph.build(fixtureSupergraphSdl());
const target: CompilationTarget = { apiSchema: supergraph.apiSchema(), planner: new QueryPlanner(supergraph) };
const graphqlApiSchema = target.apiSchema.toGraphQLJSSchema();

/** A compiler of the fixture supergraph that counts its compilations. */
function countingCompiler(): OperationCompiler & { compiled: number } {
  const compiler = {
    compiled: 0,
    validate: (document: Parameters<OperationCompiler['validate']>[0]) => validate(graphqlApiSchema, document),
    compile: (...args: Parameters<OperationCompiler['compile']>) => {
      compiler.compiled++;
      return compileOperation(target, ...args);
    },
  };
  return compiler;
}

function lookup(cache: QueryPlanCache, source: string, operationName?: string): ReturnType<QueryPlanCache['resolve']> {
  return cache.resolve(QueryPlanCache.key(QueryPlanCache.documentHash(source), operationName), parse(source), operationName, source.length);
}

describe('the plan cache', () => {
  it('compiles an operation once, then answers it from the cache, counting hits and misses', () => {
    const counts = { hit: 0, miss: 0 };
    const cache = new QueryPlanCache({ maxBytes: 1_000_000, onHit: () => counts.hit++, onMiss: () => counts.miss++ });
    const compiler = countingCompiler();
    cache.reset(compiler);
    const first = lookup(cache, '{ me { name reviews { body } } }');
    expect(first?.kind).toBe('compiled');
    expect(lookup(cache, '{ me { name reviews { body } } }')).toBe(first);
    expect(compiler.compiled).toBe(1);
    expect(counts).toEqual({ hit: 1, miss: 1 });
    expect(cache.stats.bytes).toBe(first?.sizeBytes);
  });

  it('is emptied by a supergraph change, and compiles nothing without a supergraph', () => {
    const cache = new QueryPlanCache({ maxBytes: 1_000_000 });
    cache.reset(countingCompiler());
    lookup(cache, '{ me { id } }');
    expect(cache.stats.entries).toBe(1);
    const next = countingCompiler();
    cache.reset(next);
    expect(cache.stats.entries).toBe(0);
    lookup(cache, '{ me { id } }');
    expect(next.compiled).toBe(1);
    cache.reset(undefined);
    expect(lookup(cache, '{ me { id } }')).toBeUndefined();
  });

  it('holds at most maxBytes: the JSON length of each plan plus its document', () => {
    const size = lookupSize('{ me { a0: name reviews { body } } }');
    const counts = { hit: 0, miss: 0 };
    const cache = new QueryPlanCache({ maxBytes: size * 2 + 1, onHit: () => counts.hit++, onMiss: () => counts.miss++ });
    cache.reset(countingCompiler());
    for (const alias of ['a1', 'a2', 'a3']) lookup(cache, `{ me { ${alias}: name reviews { body } } }`);
    expect(cache.stats.entries).toBe(2);
    // The least recently used went first.
    lookup(cache, '{ me { a3: name reviews { body } } }');
    expect(counts).toEqual({ hit: 1, miss: 3 });
    lookup(cache, '{ me { a1: name reviews { body } } }');
    expect(counts).toEqual({ hit: 1, miss: 4 });
    expect(cache.stats.bytes).toBeLessThanOrEqual(size * 2 + 1);
  });

  it('warms a manifest: every operation planned under its name, a lone operation also unnamed; invalid documents reported', async () => {
    const cache = new QueryPlanCache({ maxBytes: 1_000_000 });
    const compiler = countingCompiler();
    cache.reset(compiler);
    const report = await cache.warm([
      { id: 'me', source: 'query Me { me { name } }' },
      { id: 'pair', source: 'query A { me { id } } query B { topProducts { upc inStock } }' },
      { id: 'syntax', source: '{ me {' },
      { id: 'unknown', source: '{ me { noSuchField } }' },
      { id: 'introspection', source: '{ __schema { types { name } } }' },
    ]);
    expect(report).toMatchObject({ compiled: 3, fallback: 1, interrupted: false });
    expect(report.invalid.map((entry) => entry.id)).toEqual(['syntax', 'unknown']);
    expect(cache.stats.entries).toBe(5);
    const compiledSoFar = compiler.compiled;
    expect(lookup(cache, 'query Me { me { name } }', 'Me')?.kind).toBe('compiled');
    expect(lookup(cache, 'query Me { me { name } }')?.kind).toBe('compiled');
    expect(lookup(cache, 'query A { me { id } } query B { topProducts { upc inStock } }', 'B')?.kind).toBe('compiled');
    expect(compiler.compiled).toBe(compiledSoFar);
  });

  it('stops warming when the supergraph changes meanwhile', async () => {
    const cache = new QueryPlanCache({ maxBytes: 1_000_000 });
    cache.reset(countingCompiler());
    const warming = cache.warm([
      { id: 'a', source: '{ me { id } }' },
      { id: 'b', source: '{ me { name } }' },
    ]);
    cache.reset(countingCompiler());
    expect(await warming).toMatchObject({ compiled: 0, interrupted: true });
    expect(cache.stats.entries).toBe(0);
  });
});

describe('compiling an operation', () => {
  it("leaves to Apollo's executor what the compiled path does not execute", () => {
    const compile = (source: string) => compileOperation(target, parse(source), undefined, source.length);
    expect(compile('{ me { name ... @defer { username } } }')).toMatchObject({ kind: 'fallback', reason: 'defer-or-stream' });
    expect(compile('{ __type(name: "User") { name } }')).toMatchObject({ kind: 'fallback', reason: 'introspection' });
    expect(compile('{ me { __proto__: name } }')).toMatchObject({ kind: 'fallback', reason: 'reserved-response-name' });
    expect(compile('{ noSuchField }')).toMatchObject({ kind: 'fallback', reason: 'planning-failed' });
    expect(compile('{ me { name } }')).toMatchObject({ kind: 'compiled' });
  });
});

describe('operation manifests', () => {
  it('reads an object of id to document, an array of documents, and Apollo persisted query manifests', () => {
    expect(parseOperationManifest({ abc: '{ me { id } }' }, 'm')).toEqual([{ id: 'abc', source: '{ me { id } }' }]);
    expect(parseOperationManifest(['{ me { id } }'], 'm')).toEqual([{ id: '0', source: '{ me { id } }' }]);
    const persisted = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: 'h1', name: 'Me', type: 'query', body: 'query Me { me { id } }' }],
    };
    expect(parseOperationManifest(persisted, 'm')).toEqual([{ id: 'h1', source: 'query Me { me { id } }' }]);
  });

  it('refuses a file that is missing, not JSON, or of another shape, naming it', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'orchestra-manifest-'));
    try {
      const path = join(directory, 'manifest.json');
      await expect(readOperationManifest(path)).rejects.toThrow(OperationManifestError);
      await writeFile(path, '{ not json');
      await expect(readOperationManifest(path)).rejects.toThrow(`the operation manifest ${path} is not JSON`);
      await writeFile(path, JSON.stringify({ a: 1 }));
      await expect(readOperationManifest(path)).rejects.toThrow(OperationManifestError);
      await writeFile(path, JSON.stringify({ a: '{ me { id } }' }));
      expect(await readOperationManifest(path)).toEqual([{ id: 'a', source: '{ me { id } }' }]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

function lookupSize(source: string): number {
  const cache = new QueryPlanCache({ maxBytes: 1_000_000 });
  cache.reset(countingCompiler());
  return lookup(cache, source)?.sizeBytes ?? 0;
}
