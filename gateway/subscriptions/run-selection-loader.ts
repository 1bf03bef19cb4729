import type { SpanContext } from '@opentelemetry/api';
import DataLoader from 'dataloader';
import { Kind, parse, print, type GraphQLError, type DefinitionNode, type FieldNode, type OperationDefinitionNode, type VariableDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../../platform/auth/principal.ts';
import { distinctLinks, inLinkedSpan } from './subscription-spans.ts';
import type { SupergraphQuery } from './supergraph-query.ts';

/** Runs fetched by one supergraph query, at most (bounds the query's size and the number of distinct query plans). */
export const MAX_RUNS_PER_QUERY = 50;

/** One run to fetch: the `run` selections of one subscription (see `WorkflowEventSubscription.runQuery`) for one run. */
export interface RunSelectionRequest {
  readonly runId: string;
  /** `query ($id: ID!, …) { <key>: workflowRun(id: $id) { … } … }`, printed. */
  readonly query: string;
  /** Its variables besides `$id`. */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Who asks: the query runs with this identity. */
  readonly principal: Principal;
  /** Requests with equal batch keys have equal `query`, `variables` and `principal` and share one supergraph query. */
  readonly batchKey: string;
  /** The subscribe spans of the subscribers it is for: the query's span links to them. @defaultValue none */
  readonly links?: readonly SpanContext[] | undefined;
}

/** The response keys of the run query (`<key>: workflowRun(…)`) and their values for one run. */
export type RunSelection = Readonly<Record<string, unknown>>;

/**
 * Batches the `run` lookups of workflow event deliveries through the supergraph (a DataLoader, one batch per tick,
 * no cache: a run changes between events). The requests of one tick that share a batch key — the same selections,
 * variables and identity, whatever the run — are served by one query that selects each run under its own aliases
 * (`r<i>_<key>: workflowRun(id: $id<i>)`), so many subscriptions of many runs with the same selection, or many events
 * of one burst, cost one subgraph round trip per owning subgraph, not one per delivery. Each query is a span
 * `subscription run selection` linked to the subscribe spans of the subscribers it serves; its subgraph fetches are
 * the span's children.
 */
export class RunSelectionLoader {
  private readonly loader: DataLoader<RunSelectionRequest, RunSelection>;

  constructor(private readonly query: SupergraphQuery) {
    this.loader = new DataLoader((requests) => this.fetch(requests), { cache: false });
  }

  /**
   * The run's selections.
   * @throws the first GraphQL error of that run's fields (e.g. FORBIDDEN for a field the subscriber may not read).
   */
  load(request: RunSelectionRequest): Promise<RunSelection> {
    return this.loader.load(request);
  }

  private async fetch(requests: readonly RunSelectionRequest[]): Promise<(RunSelection | Error)[]> {
    const batches = new Map<string, RunSelectionRequest[]>();
    for (const request of requests) {
      const batch = batches.get(request.batchKey);
      if (batch) batch.push(request);
      else batches.set(request.batchKey, [request]);
    }
    const byRequest = new Map<RunSelectionRequest, RunSelection | Error>();
    await Promise.all(
      [...batches.values()].map(async (batch) => {
        const runIds = [...new Set(batch.map((r) => r.runId))];
        for (let start = 0; start < runIds.length; start += MAX_RUNS_PER_QUERY) {
          const ids = runIds.slice(start, start + MAX_RUNS_PER_QUERY);
          const first = batch[0] as RunSelectionRequest;
          const links = distinctLinks(batch.flatMap((r) => (r.links?.length && ids.includes(r.runId) ? r.links : [])));
          const selections = await this.fetchRuns(first, ids, links).catch((error: unknown) => ids.map(() => asError(error)));
          const byRun = new Map(ids.map((id, i) => [id, selections[i] as RunSelection | Error]));
          for (const request of batch) {
            const selection = byRun.get(request.runId);
            if (selection) byRequest.set(request, selection);
          }
        }
      }),
    );
    return requests.map((r) => byRequest.get(r) ?? new Error('run not fetched'));
  }

  /** One query for `runIds` (all with `sample`'s selections): each run's selections, or the error of its fields. */
  private async fetchRuns(sample: RunSelectionRequest, runIds: readonly string[], links: readonly SpanContext[]): Promise<(RunSelection | Error)[]> {
    const { document, keys } = multiRunQuery(sample.query, runIds.length);
    const variables: Record<string, unknown> = { ...sample.variables };
    runIds.forEach((id, i) => (variables[`id${i}`] = id));
    const result = await inLinkedSpan('subscription run selection', { 'orchestra.run.count': runIds.length }, links, () =>
      this.query(document, variables, sample.principal),
    );
    const data = (result.data ?? {}) as Record<string, unknown>;
    const errorOf = new Map<number, GraphQLError>();
    for (const error of result.errors ?? []) {
      const index = typeof error.path?.[0] === 'string' ? runIndexOf(error.path[0]) : undefined;
      if (index === undefined) return runIds.map(() => asError(error));
      if (!errorOf.has(index)) errorOf.set(index, error);
    }
    return runIds.map((_, i) => errorOf.get(i) ?? Object.fromEntries(keys.map((key) => [key, data[`r${i}_${key}`] ?? null])));
  }
}

/** `r<i>_<key>` → i (a response key cannot start with a digit, so the digits after `r` are the index). */
function runIndexOf(alias: string): number | undefined {
  const match = /^r(\d+)_/.exec(alias);
  return match ? Number(match[1]) : undefined;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Multi-run queries by single-run query text, then run count: their text is what the gateway plans, so it is stable. */
const multiRunQueries = new LRUCache<string, Map<number, { document: string; keys: string[] }>>({ max: 1_000 });

/**
 * The run query repeated for `count` runs: variables `$id0…`, each top-level field aliased `r<i>_<key>`.
 * @returns the printed query and the response keys of the single-run query.
 */
function multiRunQuery(single: string, count: number): { document: string; keys: string[] } {
  let byCount = multiRunQueries.get(single);
  if (!byCount) {
    byCount = new Map();
    multiRunQueries.set(single, byCount);
  }
  const cached = byCount.get(count);
  if (cached) return cached;
  const parsed = parse(single, { noLocation: true });
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('the run query has no operation');
  const fields = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  const keys = fields.map((f) => f.alias?.value ?? f.name.value);
  const idDefinition = (i: number): VariableDefinitionNode => ({
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: `id${i}` } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
  });
  const indexes = Array.from({ length: count }, (_, i) => i);
  const selections: FieldNode[] = indexes.flatMap((i) =>
    fields.map((field, f) => ({
      ...field,
      alias: { kind: Kind.NAME, value: `r${i}_${keys[f] ?? ''}` },
      arguments: (field.arguments ?? []).map((argument) =>
        argument.name.value === 'id' ? { ...argument, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: `id${i}` } } } : argument,
      ),
    })),
  );
  const others = (operation.variableDefinitions ?? []).filter((d) => d.variable.name.value !== 'id');
  const definitions: DefinitionNode[] = [
    { ...operation, variableDefinitions: [...indexes.map(idDefinition), ...others], selectionSet: { kind: Kind.SELECTION_SET, selections } },
    ...parsed.definitions.filter((d) => d !== operation),
  ];
  const built = { document: print({ kind: Kind.DOCUMENT, definitions }), keys };
  byCount.set(count, built);
  return built;
}
