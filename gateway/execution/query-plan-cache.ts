import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Kind, parse, type DocumentNode, type GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { CompiledOperation } from './compiled-operation.ts';
import type { OperationManifest } from './operation-manifest.ts';

/** What the cache compiles operations with: the current supergraph's validation and compiler (compiled-gateway.ts). */
export interface OperationCompiler {
  /** Validates a manifest document against the API schema with graphql-js' rules; @returns the errors (none: valid). */
  validate(document: DocumentNode): readonly GraphQLError[];
  /** Plans and compiles one operation of a valid document (see `compileOperation`); never throws. */
  compile(document: DocumentNode, operationName: string | undefined, sourceLength: number): CompiledOperation;
}

/** Options of {@link QueryPlanCache}. */
export interface QueryPlanCacheOptions {
  /**
   * Most bytes the cached operations may hold, approximated per entry as the JSON length of its plan plus its document's
   * length (`config.gateway.planCacheBytes`); the least recently used go first.
   */
  readonly maxBytes: number;
  /** Called for each lookup answered from the cache (a metrics counter). */
  readonly onHit?: () => void;
  /** Called for each lookup that had to compile. */
  readonly onMiss?: () => void;
}

/** What {@link QueryPlanCache.warm} did. */
export interface WarmReport {
  /** Operations compiled for the compiled path. */
  readonly compiled: number;
  /** Operations that Apollo's executor will answer (subscriptions, introspection, `@defer`, …). */
  readonly fallback: number;
  /** Documents skipped: not GraphQL, or invalid against the current API schema. */
  readonly invalid: readonly { readonly id: string; readonly message: string }[];
  /** Whether a supergraph change stopped the warming (the new supergraph's warming takes over). */
  readonly interrupted: boolean;
  readonly durationMs: number;
}

/**
 * The compiled gateway's cache of compiled operations (plan + response shaper, see compiled-operation.ts), an LRU
 * bounded in bytes (lru-cache `maxSize`), keyed by the sha256 of the document text plus the operation name — the key
 * Apollo's gateway uses for its query plans (`queryHash` + `operationName`). {@link QueryPlanCache.reset} empties it
 * when the supergraph changes and takes that supergraph's compiler, so no operation is ever executed with a plan of
 * another supergraph; {@link QueryPlanCache.warm} compiles an operation manifest ahead of its first request.
 */
export class QueryPlanCache {
  private readonly entries: LRUCache<string, CompiledOperation>;
  private compiler: OperationCompiler | undefined;
  private generation = 0;

  constructor(private readonly options: QueryPlanCacheOptions) {
    this.entries = new LRUCache<string, CompiledOperation>({ maxSize: options.maxBytes, sizeCalculation: (entry) => Math.max(1, entry.sizeBytes) });
  }

  /** The sha256 (hex) of a document's text: Apollo Server's `queryHash` of a request with that text. */
  static documentHash(source: string): string {
    return createHash('sha256').update(source).digest('hex');
  }

  /** The cache key of `operationName` (none: the document's only operation) in the document of hash `documentHash`. */
  static key(documentHash: string, operationName: string | null | undefined): string {
    return `${documentHash}:${operationName ?? ''}`;
  }

  /** Entries held and their approximate bytes. */
  get stats(): { readonly entries: number; readonly bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }

  /**
   * Empties the cache and compiles from now on with `compiler` (a new supergraph's), or with none (until a supergraph
   * is loaded, or after one failed to load): then {@link QueryPlanCache.resolve} answers undefined.
   */
  reset(compiler: OperationCompiler | undefined): void {
    this.generation++;
    this.compiler = compiler;
    this.entries.clear();
  }

  /**
   * The compiled operation under `key` (see {@link QueryPlanCache.key}), compiled from `document` and cached on a miss.
   * @returns undefined when no supergraph's compiler is set.
   */
  resolve(key: string, document: DocumentNode, operationName: string | undefined, sourceLength: number): CompiledOperation | undefined {
    const cached = this.entries.get(key);
    if (cached) {
      this.options.onHit?.();
      return cached;
    }
    this.options.onMiss?.();
    if (!this.compiler) return undefined;
    const compiled = this.compiler.compile(document, operationName, sourceLength);
    this.entries.set(key, compiled);
    return compiled;
  }

  /**
   * Plans and compiles every operation of `manifest` with the current compiler: each operation under its name, and a
   * document's only operation also under no name (clients may omit `operationName`). Documents that do not parse or
   * validate are skipped and reported. Yields to the event loop between documents, and stops when the cache is reset
   * meanwhile (a supergraph change). Entries beyond `maxBytes` push out the least recently used, as any others.
   */
  async warm(manifest: OperationManifest): Promise<WarmReport> {
    const started = performance.now();
    const generation = this.generation;
    const invalid: { id: string; message: string }[] = [];
    let compiled = 0;
    let fallback = 0;
    for (const { id, source } of manifest) {
      await nextTurn();
      const compiler = this.compiler;
      if (generation !== this.generation || !compiler) {
        return { compiled, fallback, invalid, interrupted: true, durationMs: performance.now() - started };
      }
      let document: DocumentNode;
      try {
        document = parse(source);
      } catch (error) {
        invalid.push({ id, message: (error as Error).message });
        continue;
      }
      const errors = compiler.validate(document);
      if (errors.length > 0) {
        invalid.push({ id, message: errors.map((e) => e.message).join('; ') });
        continue;
      }
      const hash = QueryPlanCache.documentHash(source);
      const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
      for (const operation of operations) {
        const name = operation.name?.value;
        const entry = compiler.compile(document, name ?? undefined, source.length);
        if (entry.kind === 'compiled') compiled++;
        else fallback++;
        if (name !== undefined) this.entries.set(QueryPlanCache.key(hash, name), entry);
        if (operations.length === 1) this.entries.set(QueryPlanCache.key(hash, undefined), entry);
      }
    }
    return { compiled, fallback, invalid, interrupted: false, durationMs: performance.now() - started };
  }
}
