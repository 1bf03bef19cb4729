/**
 * `npm run bench -- gateway`: latency and throughput of one federated query through the gateway — a page of 20
 * sessions, each with its transcript, memories, runs and routing figures (all four subgraphs, three entity fetches).
 * Runs the graph in this process against `DATABASE_URL`/`REDIS_URL` (embedded when unset). Bounded: a fixed number of
 * requests at a fixed concurrency. Metrics: `federated_query_p50_ms`, `federated_query_p99_ms`,
 * `federated_queries_per_second`.
 */
import { performance } from 'node:perf_hooks';
import { createClient, newTenant } from '../test/kit/client.ts';
import { startGraph } from '../test/kit/graph.ts';
import { percentile, writeBenchResult } from './bench-result.ts';

const SESSIONS = 20;
const WARMUP_REQUESTS = 50;
const REQUESTS = 2_000;
const CONCURRENCY = 16;
const QUERY = `{
  sessions(first: ${SESSIONS}) { edges { node {
    id title transcript { text } memories { key content } runs { id status } routingDecisions { id } costUsd
  } } }
}`;

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

  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const t0 = performance.now();
        await client.requestOk(QUERY);
        latenciesMs.push(performance.now() - t0);
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  await writeBenchResult('gateway', {
    federated_query_p50_ms: { value: round(percentile(latenciesMs, 50)), unit: 'ms' },
    federated_query_p99_ms: { value: round(percentile(latenciesMs, 99)), unit: 'ms' },
    federated_queries_per_second: { value: round(latenciesMs.length / elapsedSeconds), unit: 'queries/s' },
    concurrency: { value: CONCURRENCY, unit: 'requests in flight' },
  });
} finally {
  await graph.close();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
