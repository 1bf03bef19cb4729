/**
 * `npm run bench -- gateway [--only=dashboard|guild] [--guild-duration-s=20] [--guild-connections=50]
 * [--guild-warmup-s=5]`, two parts:
 *
 * - dashboard: latency and throughput of one federated query through the gateway — a page of 20 sessions, each with
 *   its transcript, memories, runs and routing figures (all four subgraphs, three entity fetches) — from 16 users of
 *   one tenant, with the response cache off and on. Runs the graph in this process against `DATABASE_URL`/`REDIS_URL`
 *   (embedded when unset). A closed loop (a fixed number of requests at a fixed concurrency) gives the maximum rate,
 *   then an open loop at half of it the latency a dashboard sees under load. Metrics: `federated_query_*`, and
 *   `cached_federated_query_*` with the cache on.
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
import { percentile, timedAtRate, timedConcurrently, writeBenchResult, type BenchResult, type Metric } from './bench-result.ts';
import { measureGuildGateways } from './guild-benchmark.ts';

const SESSIONS = 20;
const WARMUP_REQUESTS = 50;
const REQUESTS = 2_000;
const CONCURRENCY = 16;
/** Duration of the open-loop run at half of the closed loop's rate, in ms. */
const HALF_RATE_DURATION_MS = 10_000;
/** Distinct users (subjects of one tenant) the dashboard's requests come from, round-robin. */
const USERS = CONCURRENCY;
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

/**
 * The dashboard part: the graph in this process, {@link QUERY} from {@link USERS} users of one tenant (distinct
 * principals: in-flight deduplication never joins their requests), with the response cache off, then on:
 * - closed loop, {@link REQUESTS} at {@link CONCURRENCY} in flight: the maximum rate, p50/p99, CPU ms per request
 *   (of this whole process: client, gateway and subgraphs), RSS at the end;
 * - open loop at half of that rate for {@link HALF_RATE_DURATION_MS}: p50/p99 from each request's due time.
 */
async function measureDashboardQuery(): Promise<Record<string, Metric>> {
  const metrics: Record<string, Metric> = {};
  for (const cache of ['off', 'on'] as const) {
    const graph = await startGraph({
      env: {
        WORKER_ENABLED: 'false',
        LOG_LEVEL: 'error',
        RESPONSE_CACHE: cache === 'on' ? 'true' : 'false',
        // The dashboard's one subject would exceed the default limits at the maximum rate measured.
        RATE_LIMIT_SUBJECT_REQUESTS: '0',
        RATE_LIMIT_TENANT_REQUESTS: '0',
      },
    });
    try {
      const tenant = newTenant();
      const owner = await createClient(graph, { tenant });
      for (let i = 0; i < SESSIONS; i++) {
        const { startSession } = await owner.requestOk<{ startSession: { id: string } }, unknown>(
          'mutation ($t: String) { startSession(input: { title: $t }) { id } }',
          { t: `session ${i}` },
        );
        await owner.requestOk(
          `mutation ($s: ID!, $k: String!) { storeMemory(input: { namespace: "bench", key: $k, content: "likes tea", sessionId: $s }) { id } }`,
          {
            k: `key ${i}`,
            s: startSession.id,
          },
        );
      }
      const users = await Promise.all(Array.from({ length: USERS }, (_, i) => createClient(graph, { tenant, subject: `user-${i}` })));
      const ask = (i: number) => (users[i % USERS] ?? owner).requestOk(QUERY);
      for (let i = 0; i < WARMUP_REQUESTS; i++) await ask(i);

      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const latenciesMs = await timedConcurrently(REQUESTS, CONCURRENCY, ask);
      const elapsedSeconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const rssMb = process.memoryUsage().rss / 1024 / 1024;
      const maxRate = latenciesMs.length / elapsedSeconds;
      const atHalf = await timedAtRate(maxRate / 2, HALF_RATE_DURATION_MS, ask);
      const prefix = cache === 'on' ? 'cached_' : '';
      Object.assign(metrics, {
        [`${prefix}federated_query_p50_ms`]: { value: round(percentile(latenciesMs, 50)), unit: 'ms' },
        [`${prefix}federated_query_p99_ms`]: { value: round(percentile(latenciesMs, 99)), unit: 'ms' },
        [`${prefix}federated_queries_per_second`]: { value: round(maxRate), unit: 'queries/s' },
        [`${prefix}federated_query_cpu_ms`]: {
          value: round((cpu.user + cpu.system) / 1000 / latenciesMs.length),
          unit: 'CPU ms per query (client, gateway and subgraphs)',
        },
        [`${prefix}federated_query_rss_mb`]: { value: round(rssMb), unit: 'MB' },
        [`${prefix}federated_query_half_rate_per_second`]: { value: round(maxRate / 2), unit: 'queries/s (open loop)' },
        [`${prefix}federated_query_half_rate_p50_ms`]: { value: round(percentile(atHalf, 50)), unit: 'ms' },
        [`${prefix}federated_query_half_rate_p99_ms`]: { value: round(percentile(atHalf, 99)), unit: 'ms' },
      });
      console.log(
        `dashboard (response cache ${cache}): ${round(maxRate)} queries/s, p50 ${round(percentile(latenciesMs, 50))} ms, p99 ${round(percentile(latenciesMs, 99))} ms; ` +
          `at ${round(maxRate / 2)}/s: p50 ${round(percentile(atHalf, 50))} ms, p99 ${round(percentile(atHalf, 99))} ms`,
      );
    } finally {
      await graph.close();
    }
  }
  metrics['concurrency'] = { value: CONCURRENCY, unit: 'requests in flight' };
  return metrics;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
