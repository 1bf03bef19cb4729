/**
 * `npm run bench -- gateway [--only=dashboard|guild] [--guild-duration-s=20] [--guild-connections=50]
 * [--guild-warmup-s=5]`, two parts:
 *
 * - dashboard: latency and throughput of one federated query through the gateway — a page of 20 sessions, each with
 *   its transcript, memories, runs and routing figures (all four subgraphs, three entity fetches). Runs the graph in
 *   this process against `DATABASE_URL`/`REDIS_URL` (embedded when unset). Bounded: a fixed number of requests at a
 *   fixed concurrency. Metrics: `federated_query_p50_ms`, `federated_query_p99_ms`, `federated_queries_per_second`.
 * - guild: The Guild's federation gateway benchmark, bare Apollo against Orchestra's gateway (with and without its
 *   deduplication, and without it on Apollo's executor instead of the compiled path) on memoized subgraphs, each gateway
 *   in a process of its own: `guild_*` metrics, see guild-benchmark.ts.
 *
 * With `--only`, the metrics of the other part are carried over from the previous `bench/results/gateway.json`
 * (a note says from when).
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createClient, newTenant } from '../test/kit/client.ts';
import { startGraph } from '../test/kit/graph.ts';
import { choiceOption, numberOption } from './bench-options.ts';
import { percentile, timedConcurrently, writeBenchResult, type BenchResult, type Metric } from './bench-result.ts';
import { measureGuildGateways } from './guild-benchmark.ts';

const SESSIONS = 20;
const WARMUP_REQUESTS = 50;
const REQUESTS = 2_000;
const CONCURRENCY = 16;
const QUERY = `{
  sessions(first: ${SESSIONS}) { edges { node {
    id title transcript { text } memories { key content } runs { id status } routingDecisions { id } costUsd
  } } }
}`;
const RESULT_FILE = 'bench/results/gateway.json';

const only = choiceOption('only', ['dashboard', 'guild'] as const);
const guildOptions = {
  durationS: numberOption('guild-duration-s', 20),
  connections: numberOption('guild-connections', 50),
  warmupS: numberOption('guild-warmup-s', 5),
};

const metrics: Record<string, Metric> = {};
const notes: Record<string, string> = {};
if (only) {
  const previous = await readFile(RESULT_FILE, 'utf8').then(
    (text) => JSON.parse(text) as BenchResult,
    () => undefined,
  );
  const kept = Object.entries(previous?.metrics ?? {}).filter(([name]) => name.startsWith('guild_') === (only === 'dashboard'));
  Object.assign(metrics, Object.fromEntries(kept));
  if (only === 'dashboard') Object.assign(notes, Object.fromEntries(Object.entries(previous?.notes ?? {}).filter(([key]) => key.startsWith('guild'))));
  if (kept.length > 0) notes['carried_over'] = `the ${only === 'guild' ? 'dashboard' : 'guild'} metrics are from the run of ${previous?.date}`;
}
if (only !== 'guild') Object.assign(metrics, await measureDashboardQuery());
if (only !== 'dashboard') {
  const guild = await measureGuildGateways(guildOptions);
  Object.assign(metrics, guild.metrics);
  Object.assign(notes, guild.notes);
}
await writeBenchResult('gateway', metrics, notes);

/** The dashboard part: the graph in this process, {@link REQUESTS} of {@link QUERY} at {@link CONCURRENCY} in flight. */
async function measureDashboardQuery(): Promise<Record<string, Metric>> {
  const graph = await startGraph({ env: { WORKER_ENABLED: 'false', LOG_LEVEL: 'error' } });
  try {
    const client = await createClient(graph, { tenant: newTenant() });
    for (let i = 0; i < SESSIONS; i++) {
      const { startSession } = await client.requestOk<{ startSession: { id: string } }, unknown>(
        'mutation ($t: String) { startSession(input: { title: $t }) { id } }',
        { t: `session ${i}` },
      );
      await client.requestOk(
        `mutation ($s: ID!, $k: String!) { storeMemory(input: { namespace: "bench", key: $k, content: "likes tea", sessionId: $s }) { id } }`,
        {
          k: `key ${i}`,
          s: startSession.id,
        },
      );
    }
    for (let i = 0; i < WARMUP_REQUESTS; i++) await client.requestOk(QUERY);

    const started = performance.now();
    const latenciesMs = await timedConcurrently(REQUESTS, CONCURRENCY, () => client.requestOk(QUERY));
    const elapsedSeconds = (performance.now() - started) / 1000;
    return {
      federated_query_p50_ms: { value: round(percentile(latenciesMs, 50)), unit: 'ms' },
      federated_query_p99_ms: { value: round(percentile(latenciesMs, 99)), unit: 'ms' },
      federated_queries_per_second: { value: round(latenciesMs.length / elapsedSeconds), unit: 'queries/s' },
      concurrency: { value: CONCURRENCY, unit: 'requests in flight' },
    };
  } finally {
    await graph.close();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
