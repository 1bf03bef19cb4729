/**
 * `npm run bench -- subscriptions`: delivery of workflow events to {@link SUBSCRIBERS} concurrent graphql-ws
 * subscribers on one gateway process. Needs Postgres and Redis: `DATABASE_URL` names the server, on which the bench
 * creates a database of its own, `orchestra_bench_<id>` (the subgraphs migrate it), dropped at the end; `REDIS_URL`,
 * where it uses the key prefix `orchestra-bench-<id>:`, whose keys it deletes at the end.
 *
 * Processes, so that the gateway's memory is its own: child 1 runs the four subgraphs and the worker
 * (`orchestra serve memory orchestration routing session`), child 2 only the gateway (`orchestra serve gateway`),
 * both `node --import tsx` on free ports with the same secrets, the gateway with its heap setting (`GATEWAY_NODE_OPTIONS`,
 * as `npm run serve` starts it). This process creates a workflow of one `wait` step
 * (for a signal that never comes, one-hour timeout) and starts {@link RUNS} runs through the gateway, which stay
 * WAITING; {@link CLIENT_THREADS} worker threads (`subscription-clients.ts`) then open the subscribers,
 * {@link OPEN_BATCH} at a time, each its own WebSocket (graphql-ws client, `ws`) and JWT-authenticated
 * `workflowRunEvents(runId:)` subscription selecting `cursor type at payload run { id status }`, subscriber i on run
 * i mod {@link RUNS}. graphql-ws does not acknowledge a subscription, so a subscriber counts once it has received an
 * event: one `ready-…` signal per run, repeated for the runs with subscribers still waiting.
 *
 * Then: the gateway's idle RSS; {@link WARMUP_SECONDS} of load, then {@link MEASURE_SECONDS} measured, at
 * {@link EVENTS_PER_SECOND} `signalWorkflowRun` mutations per second, round-robin over the runs, sent straight to the
 * orchestration subgraph with an internal token (they are the events' producer, not the path under test, so the
 * gateway's CPU goes to delivery alone; each commits one SIGNAL_RECEIVED event; its name, `warm-<n>` or `tick-<n>`, is
 * not the one the runs wait for, so they stay WAITING), and a drain until every measured delivery arrived or
 * {@link DRAIN_TIMEOUT_MS} passed. `--cpu-prof` also profiles the gateway's CPU over the load (through its inspector)
 * into a `.cpuprofile` file in the OS temp dir, for Chrome DevTools or `speedscope`.
 *
 * Metrics:
 * - `subscribers`: subscribers that received their confirmation event (of {@link SUBSCRIBERS} opened);
 * - `delivery_p50_ms`, `delivery_p99_ms`, `delivery_max_ms`: per delivery of a measured (`tick-…`) event, the
 *   client's receipt time (`performance.timeOrigin + performance.now()` in its thread) minus the event's `at`. `at` is
 *   Postgres `clock_timestamp()` when the event's row was written (the column's default), inside the signalling
 *   transaction, before its last statement and its commit, and reaches the client with millisecond precision
 *   (truncated): the figure is an upper bound on commit-to-receipt, by that last stretch of the transaction plus < 1 ms.
 *   Postgres and the clients share the machine's clock;
 * - `deliveries_per_second`: measured deliveries received within the measured window / its length;
 * - `deliveries_expected` (Σ over successful measured signals of its run's confirmed subscribers),
 *   `deliveries_received` (in cursor order, drain included), `deliveries_missing` (their difference: the system
 *   promises no loss), `deliveries_out_of_order` (a cursor not above the subscriber's previous one),
 *   `subscriber_failures` (refused connections, subscription errors, closes);
 * - `rss_per_idle_subscriber_kb`: (gateway VmRSS, from `/proc/<pid>/status`, {@link IDLE_SETTLE_MS} after every
 *   subscriber confirmed, no events) − (its VmRSS before the first subscriber, after warm-up queries and
 *   {@link GATEWAY_WARMUP_SUBSCRIBERS} warm-up subscribers opened and closed, and {@link IDLE_SETTLE_MS}), /
 *   confirmed subscribers. Each reading is the median of {@link RSS_SAMPLES} samples taken after a full GC that the
 *   bench forces through the gateway's inspector (`--inspect` on a free loopback port, `HeapProfiler.collectGarbage`):
 *   without it the figure measures how far V8's collector happened to be (in one measurement, V8's memory reducer
 *   alone moved the idle baseline from 269 to 187 MB from one second to the next). `heap_per_idle_subscriber_kb`
 *   likewise from the gateway's `nodejs_heap_size_used_bytes` (`/metrics`), and `gateway_rss_idle_before_gc_mb`,
 *   for context;
 * - for context: `signal_p50_ms`, `signal_p99_ms` (mutation round trip); `client_loop_delay_p99_ms` (the worst client
 *   thread's event-loop delay during the measured deliveries: the clients' own share of the latency); CPU used over
 *   the measured window by the gateway, the subgraphs' process and this one (`gateway_cpu_percent`,
 *   `subgraphs_cpu_percent`, `clients_cpu_percent`), by everything else — Postgres, Redis, and any other work on the
 *   machine, which skews every figure on a small machine — (`other_cpu_percent`) and in all
 *   (`machine_cpu_percent`), in % of one core; the gateway's RSS at the baseline, idle, and at the end of the load.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient as createWebSocketClient } from 'graphql-ws';
import WebSocket from 'ws';
import { GATEWAY_NODE_OPTIONS } from '../gateway/gateway-heap.ts';
import { INTERNAL_AUDIENCE, INTERNAL_ISSUER, signToken } from '../platform/auth/tokens.ts';
import { loadConfig, type Environment } from '../platform/config.ts';
import { createRedisClient } from '../platform/redis/redis-client.ts';
import { postGraphQL } from '../test/kit/client.ts';
import { freePorts } from '../test/kit/free-ports.ts';
import { createBenchDatabase, type BenchDatabase } from './bench-database.ts';
import { percentile, writeBenchResult } from './bench-result.ts';
import { deleteRedisKeys } from './delete-redis-keys.ts';
import { startOrchestraProcess, type OrchestraProcess } from './orchestra-process.ts';
import { collectGarbage, cpuSeconds, openInspector, machineBusySeconds, openFileLimit, residentSetKb } from './process-probes.ts';
import { ClientThread, type ClientCounters, type StatusReply } from './subscription-client-threads.ts';

/** Concurrent subscribers on the gateway. */
const SUBSCRIBERS = 10_000;
/** Runs subscribed to ({@link SUBSCRIBERS} / RUNS subscribers each). */
const RUNS = 100;
/** Worker threads holding the clients, so that one client event loop's lag does not dominate the latencies. */
const CLIENT_THREADS = 4;
/** Subscribers opened at a time (all threads together): the next batch starts once these are connected. */
const OPEN_BATCH = 500;
/** Signals (events) per second, round-robin over the runs; each is delivered to SUBSCRIBERS / RUNS subscribers. */
const EVENTS_PER_SECOND = 100;
/** Seconds of load before the measured window. */
const WARMUP_SECONDS = 5;
/** Seconds of the measured window. */
const MEASURE_SECONDS = 30;
/** Longest wait for the measured deliveries after the last signal, in ms. */
const DRAIN_TIMEOUT_MS = 20_000;
/** The drain also ends when no delivery arrived for this long, in ms. */
const DRAIN_STALL_MS = 5_000;
/** Rounds of confirmation signals, at most. */
const CONFIRM_ROUNDS = 5;
/** Longest wait for one round's confirmations, in ms. */
const CONFIRM_TIMEOUT_MS = 15_000;
/** Subscribers opened and closed before the baseline RSS, so that it includes the subscription code's warm-up. */
const GATEWAY_WARMUP_SUBSCRIBERS = 20;
/** Pause after the last subscriber confirmed (or after the warm-up), before the gateway's RSS is read, in ms. */
const IDLE_SETTLE_MS = 5_000;
/** RSS samples per reading (the median is used), {@link RSS_SAMPLE_INTERVAL_MS} apart. */
const RSS_SAMPLES = 5;
const RSS_SAMPLE_INTERVAL_MS = 200;
/** Pause between the forced GC and the first RSS sample (freed pages are returned to the system), in ms. */
const GC_SETTLE_MS = 500;
/** Interval of the signal scheduler and of the status polls, in ms. */
const TICK_MS = 5;
const POLL_MS = 250;
/** Open files this process (and so the gateway) needs beyond one per subscriber. */
const SPARE_FILES = 1_000;
/** Lifetime of the bench's client token, in seconds. */
const TOKEN_TTL_SECONDS = 3_600;
/** Signal the runs wait for, never sent; and the wait's timeout (the longest allowed), in ms. */
const AWAITED_SIGNAL = 'never';
const WAIT_TIMEOUT_MS = 3_600_000;
const SUBSCRIPTION = 'subscription ($id: ID!) { workflowRunEvents(runId: $id) { cursor type at payload run { id status } } }';
/** `--cpu-prof`: profile the gateway's CPU over the load (warm-up and measured window) into a `.cpuprofile` file in the OS temp dir. */
const PROFILE_GATEWAY = process.argv.includes('--cpu-prof');
const SIGNAL = 'mutation ($id: ID!, $name: String!, $payload: JSON) { signalWorkflowRun(id: $id, name: $name, payload: $payload) { id } }';

const serverUrl = process.env['DATABASE_URL'];
const redisUrl = process.env['REDIS_URL'];
if (!serverUrl || !redisUrl) {
  console.error(
    'The subscriptions bench needs Postgres and Redis: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432; a database ' +
      'orchestra_bench_<id> is created on that server and dropped) and REDIS_URL (e.g. redis://127.0.0.1:6379/0).',
  );
  process.exit(2);
}
const fileLimit = await openFileLimit('self');
if (fileLimit < SUBSCRIBERS + SPARE_FILES) {
  console.error(
    `The subscriptions bench opens ${SUBSCRIBERS} sockets in this process and in the gateway: raise the open-file limit (ulimit -n ${fileLimit}) to ${SUBSCRIBERS + SPARE_FILES} or more.`,
  );
  process.exit(2);
}

const benchId = randomUUID().slice(0, 8);
const tenant = `bench-${benchId}`;
const cleanups: { readonly name: string; readonly run: () => Promise<void> }[] = [];
let cleaning: Promise<void> | undefined;
const cleanUp = (): Promise<void> =>
  (cleaning ??= (async () => {
    for (let step = cleanups.pop(); step; step = cleanups.pop()) {
      await step.run().catch((error: unknown) => console.error(`cleanup (${step?.name}) failed:`, error));
    }
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

try {
  await main();
} finally {
  await cleanUp();
}

async function main(): Promise<void> {
  const database: BenchDatabase = await createBenchDatabase(serverUrl ?? '', `orchestra_bench_${benchId}`);
  cleanups.push({ name: 'drop database', run: () => database.drop() });
  const keyPrefix = `orchestra-bench-${benchId}:`;
  cleanups.push({ name: 'delete Redis keys', run: () => deleteKeys(redisUrl ?? '', keyPrefix) });

  const [gatewayPort, memoryPort, orchestrationPort, routingPort, sessionPort, inspectPort] = await freePorts(6);
  const url = (port: number | undefined, path: string): string => `http://127.0.0.1:${port}${path}`;
  const env: Environment = {
    ...process.env,
    LOG_LEVEL: 'warn',
    BIND_HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    AUTH_JWT_SECRET: `bench-jwt-${randomUUID()}`,
    INTERNAL_TOKEN_SECRET: `bench-internal-${randomUUID()}`,
    WORKER_QUEUE: `bench-${benchId}`,
    GATEWAY_PORT: String(gatewayPort),
    MEMORY_PORT: String(memoryPort),
    ORCHESTRATION_PORT: String(orchestrationPort),
    ROUTING_PORT: String(routingPort),
    SESSION_PORT: String(sessionPort),
    GATEWAY_URL: url(gatewayPort, '/graphql'),
    MEMORY_URL: url(memoryPort, '/graphql'),
    ORCHESTRATION_URL: url(orchestrationPort, '/graphql'),
    ROUTING_URL: url(routingPort, '/graphql'),
    SESSION_URL: url(sessionPort, '/graphql'),
    // Every subscriber is one subject: its thousands of subscriptions and subscribes are over the default limits.
    SUBSCRIPTION_MAX_PER_PRINCIPAL: '0',
    RATE_LIMIT_SUBJECT_REQUESTS: '0',
    RATE_LIMIT_TENANT_REQUESTS: '0',
  };
  const config = loadConfig(env);

  console.log(`starting the subgraphs and worker, then the gateway (database orchestra_bench_${benchId})`);
  const subgraphs = track(startOrchestraProcess(['memory', 'orchestration', 'routing', 'session'], env), 'subgraphs');
  for (const port of [memoryPort, orchestrationPort, routingPort, sessionPort]) await subgraphs.waitUntilReady(url(port, '/healthz'));
  // The inspector (loopback only) lets the bench force a full GC before each memory reading.
  const gateway = track(startOrchestraProcess(['gateway'], env, [...GATEWAY_NODE_OPTIONS, `--inspect=127.0.0.1:${inspectPort}`]), 'gateway');
  await gateway.waitUntilReady(url(gatewayPort, '/readyz'));

  const token = await signToken(
    { tenantId: tenant, subject: 'subscriptions-bench', scopes: ['workflows:read', 'workflows:write', 'workflows:subscribe'] },
    { secret: config.auth.jwtSecret, ttlSeconds: TOKEN_TTL_SECONDS, issuer: config.auth.jwtIssuer },
  );
  const graphqlUrl = url(gatewayPort, '/graphql');
  const webSocketUrl = `ws://127.0.0.1:${gatewayPort}/graphql`;
  /** A GraphQL caller at `endpoint` with `bearer`: resolves to `data`, throws on errors. */
  const caller =
    (endpoint: string, bearer: string) =>
    async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const response = await postGraphQL<T>(endpoint, { query, variables }, { authorization: `Bearer ${bearer}` });
      if (response.errors?.length || !response.data)
        throw new Error(`GraphQL request to ${endpoint} failed (HTTP ${response.status}): ${JSON.stringify(response.errors)}`);
      return response.data;
    };
  const request: Request = caller(graphqlUrl, token);
  // The signals are the events' producer, not the path under test: they go straight to the orchestration subgraph
  // (with an internal token, as the gateway would send), so that the gateway's CPU is spent on delivery alone.
  const internalToken = await signToken(
    { tenantId: tenant, subject: 'subscriptions-bench', scopes: ['workflows:write'] },
    { secret: config.auth.internalTokenSecret, ttlSeconds: TOKEN_TTL_SECONDS, audience: INTERNAL_AUDIENCE, issuer: INTERNAL_ISSUER },
  );
  const orchestration = caller(url(orchestrationPort, '/graphql'), internalToken);
  const signal: Signal = (runId, name, seq) => orchestration(SIGNAL, { id: runId, name, payload: { seq } });

  const runIds = await startWaitingRuns(request);
  console.log(`${RUNS} runs WAITING`);

  await warmUpGateway(webSocketUrl, token, runIds, signal);
  const baseline = await gatewayMemory(gateway.pid, gatewayPort, inspectPort ?? 0);

  const threads = Array.from(
    { length: CLIENT_THREADS },
    () =>
      new ClientThread({
        url: webSocketUrl,
        token,
        query: SUBSCRIPTION,
        runIds,
        initialCapacity: Math.ceil((SUBSCRIBERS / CLIENT_THREADS) * (EVENTS_PER_SECOND / RUNS) * MEASURE_SECONDS * 1.2),
      }),
  );
  cleanups.push({
    name: 'close clients',
    run: async () => {
      await Promise.allSettled(threads.map((t) => t.request({ type: 'close' })));
      await Promise.all(threads.map((t) => t.terminate()));
    },
  });
  await openSubscribers(threads);
  const confirmed = await confirmSubscribers(threads, runIds, signal);
  const subscribers = confirmed.readyPerRun.reduce((a, b) => a + b, 0);
  if (subscribers === 0) throw new Error(`no subscriber received an event (first failure: ${confirmed.firstFailure ?? 'none'})`);
  console.log(`${subscribers} of ${SUBSCRIBERS} subscribers confirmed; idle for ${IDLE_SETTLE_MS} ms`);
  await sleep(IDLE_SETTLE_MS);
  const idle = await gatewayMemory(gateway.pid, gatewayPort, inspectPort ?? 0);

  console.log(`load: ${EVENTS_PER_SECOND} events/s for ${WARMUP_SECONDS} s of warm-up, then ${MEASURE_SECONDS} s measured`);
  const profiler = PROFILE_GATEWAY ? await openInspector(inspectPort ?? 0) : undefined;
  await profiler?.call('Profiler.enable');
  await profiler?.call('Profiler.start');
  const load = await fireSignals(runIds, signal, { gateway: gateway.pid, subgraphs: subgraphs.pid });
  if (profiler) {
    const { profile } = await profiler.call<{ profile: unknown }>('Profiler.stop');
    profiler.close();
    const file = join(tmpdir(), `subscriptions-gateway-${benchId}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.log(`gateway CPU profile of the load: ${file}`);
  }
  const expected = load.measuredRuns.reduce((sum, run) => sum + (confirmed.readyPerRun[run] ?? 0), 0);
  await drain(threads, expected);
  const reports = await Promise.all(threads.map((t) => t.request({ type: 'report' })));

  const latencies: number[] = [];
  let inWindow = 0;
  for (const report of reports) {
    for (let i = 0; i < report.latenciesMs.length; i++) {
      latencies.push(report.latenciesMs[i] ?? Number.NaN);
      const at = report.receivedAtMs[i] ?? 0;
      if (at >= load.windowStartMs && at < load.windowEndMs) inWindow++;
    }
  }
  const totals = sumCounters(reports);
  const windowSeconds = (load.windowEndMs - load.windowStartMs) / 1000;
  const kb = (bytes: number): number => round(bytes / 1024 / Math.max(1, subscribers));
  await writeBenchResult('subscriptions', {
    subscribers: { value: subscribers, unit: 'subscribers' },
    delivery_p50_ms: { value: round(percentile(latencies, 50)), unit: 'ms' },
    delivery_p99_ms: { value: round(percentile(latencies, 99)), unit: 'ms' },
    deliveries_per_second: { value: round(inWindow / windowSeconds), unit: 'deliveries/s' },
    rss_per_idle_subscriber_kb: { value: kb((idle.rssKb - baseline.rssKb) * 1024), unit: 'KB' },
    delivery_max_ms: { value: round(percentile(latencies, 100)), unit: 'ms' },
    events_per_second: { value: round(load.measuredRuns.length / windowSeconds), unit: 'events/s' },
    deliveries_expected: { value: expected, unit: 'deliveries' },
    deliveries_received: { value: totals.measured, unit: 'deliveries' },
    deliveries_missing: { value: expected - totals.measured, unit: 'deliveries' },
    deliveries_out_of_order: { value: totals.outOfOrder, unit: 'deliveries' },
    subscriber_failures: { value: totals.failed + totals.resultErrors, unit: 'subscribers' },
    signals_failed: { value: load.failed, unit: 'signals' },
    signal_p50_ms: { value: round(percentile(load.signalMs, 50)), unit: 'ms' },
    signal_p99_ms: { value: round(percentile(load.signalMs, 99)), unit: 'ms' },
    client_loop_delay_p99_ms: { value: round(Math.max(...reports.map((r) => r.loopDelayP99Ms))), unit: 'ms' },
    gateway_cpu_percent: { value: round(load.cpuPercent.gateway), unit: '% of one core' },
    subgraphs_cpu_percent: { value: round(load.cpuPercent.subgraphs), unit: '% of one core' },
    clients_cpu_percent: { value: round(load.cpuPercent.clients), unit: '% of one core' },
    other_cpu_percent: {
      value: round(load.cpuPercent.machine - load.cpuPercent.gateway - load.cpuPercent.subgraphs - load.cpuPercent.clients),
      unit: '% of one core',
    },
    machine_cpu_percent: { value: round(load.cpuPercent.machine), unit: `% of one core (${availableParallelism()} cores)` },
    heap_per_idle_subscriber_kb: { value: kb(idle.heapBytes - baseline.heapBytes), unit: 'KB' },
    gateway_rss_baseline_mb: { value: round(baseline.rssKb / 1024), unit: 'MB' },
    gateway_rss_idle_mb: { value: round(idle.rssKb / 1024), unit: 'MB' },
    gateway_rss_idle_before_gc_mb: { value: round(idle.rssBeforeGcKb / 1024), unit: 'MB' },
    gateway_rss_loaded_mb: { value: round(load.gatewayRssKb / 1024), unit: 'MB' },
  });
  if (totals.firstFailure) console.log(`first subscriber failure: ${totals.firstFailure}`);
  if (load.firstError) console.log(`first signal failure: ${load.firstError}`);
}

/** Registers `child` to be stopped at the end; returns it. */
function track(child: OrchestraProcess, name: string): OrchestraProcess {
  cleanups.push({ name: `stop ${name}`, run: () => child.stop() });
  return child;
}

type Request = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;
type Signal = (runId: string, name: string, seq: number) => Promise<unknown>;

/** Creates the one-`wait`-step workflow, starts {@link RUNS} runs of it and waits until all are WAITING. */
async function startWaitingRuns(request: Request): Promise<string[]> {
  const { createWorkflow } = await request<{ createWorkflow: { id: string } }>(
    'mutation ($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }',
    {
      input: { name: 'subscriptions bench', steps: [{ id: 'wait', kind: 'wait', config: { signal: AWAITED_SIGNAL, timeoutMs: WAIT_TIMEOUT_MS } }] },
    },
  );
  const runIds: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { startWorkflowRun } = await request<{ startWorkflowRun: { id: string } }>(
      'mutation ($input: StartWorkflowRunInput!) { startWorkflowRun(input: $input) { id } }',
      {
        input: { workflowId: createWorkflow.id },
      },
    );
    runIds.push(startWorkflowRun.id);
  }
  const statusQuery = `{ ${runIds.map((id, i) => `r${i}: workflowRun(id: "${id}") { status }`).join(' ')} }`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const statuses = Object.values(await request<Record<string, { status: string } | null>>(statusQuery)).map((r) => r?.status);
    if (statuses.every((s) => s === 'WAITING')) return runIds;
    const stuck = statuses.find((s) => s !== 'WAITING' && s !== 'RUNNING');
    if (stuck) throw new Error(`a bench run is ${stuck}, not WAITING`);
    if (Date.now() > deadline) throw new Error(`bench runs not WAITING after 60 s: ${statuses.join(', ')}`);
    await sleep(POLL_MS);
  }
}

/**
 * Opens {@link GATEWAY_WARMUP_SUBSCRIBERS} subscribers from this thread, delivers them one event each and closes
 * them, so that the baseline RSS already holds the subscription code paths' one-time costs.
 */
async function warmUpGateway(webSocketUrl: string, token: string, runIds: readonly string[], signal: Signal): Promise<void> {
  const clients = Array.from({ length: GATEWAY_WARMUP_SUBSCRIBERS }, () =>
    createWebSocketClient({
      url: webSocketUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
    }),
  );
  try {
    const received = clients.map(
      (client, i) =>
        new Promise<void>((resolve, reject) => {
          client.subscribe(
            { query: SUBSCRIPTION, variables: { id: runIds[i % runIds.length] } },
            { next: () => resolve(), error: reject, complete: () => undefined },
          );
        }),
    );
    const deadline = Date.now() + CONFIRM_TIMEOUT_MS;
    let done = false;
    void Promise.all(received).then(
      () => (done = true),
      () => undefined,
    );
    for (let round = 0; !done; round++) {
      if (Date.now() > deadline) throw new Error('warm-up subscribers received no event');
      await Promise.all(runIds.slice(0, GATEWAY_WARMUP_SUBSCRIBERS).map((id, i) => signal(id, `warmup-${round}`, i)));
      await Promise.race([Promise.all(received), sleep(1_000)]);
    }
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
  await sleep(IDLE_SETTLE_MS);
}

/** Opens {@link SUBSCRIBERS} subscribers, {@link OPEN_BATCH} at a time, subscriber i on run i mod {@link RUNS}. */
async function openSubscribers(threads: readonly ClientThread[]): Promise<void> {
  const t0 = performance.now();
  for (let from = 0; from < SUBSCRIBERS; from += OPEN_BATCH) {
    const shares = threads.map(() => [] as number[]);
    for (let i = from; i < Math.min(SUBSCRIBERS, from + OPEN_BATCH); i++) shares[i % threads.length]?.push(i % RUNS);
    const replies = await Promise.all(threads.map((t, k) => t.request({ type: 'open', runIndexes: shares[k] ?? [] })));
    const totals = sumCounters(replies);
    if ((from + OPEN_BATCH) % 2_000 === 0)
      console.log(`  ${totals.connected} connected, ${totals.failed} failed (${round((performance.now() - t0) / 1000)} s)`);
  }
}

/**
 * Sends one `ready-<round>` signal to each run with subscribers that have received nothing yet, until all have
 * received an event or {@link CONFIRM_ROUNDS} rounds passed. @returns the threads' status at the end, summed.
 */
async function confirmSubscribers(threads: readonly ClientThread[], runIds: readonly string[], signal: Signal): Promise<SubscriberStatus> {
  let state = await statusOf(threads);
  for (let round = 1; round <= CONFIRM_ROUNDS && state.waiting > 0; round++) {
    const runs = state.waitingPerRun.flatMap((n, run) => (n > 0 ? [run] : []));
    await Promise.all(runs.map((run) => signal(runIds[run] ?? '', `ready-${round}`, run)));
    const deadline = Date.now() + CONFIRM_TIMEOUT_MS;
    do {
      await sleep(POLL_MS);
      state = await statusOf(threads);
    } while (state.waiting > 0 && Date.now() < deadline);
    console.log(`  confirmation round ${round}: ${runs.length} runs signalled, ${state.waiting} subscribers still waiting, ${state.failed} failed`);
  }
  return state;
}

/** The subscribers' state, summed over the threads. */
interface SubscriberStatus {
  /** Per run index: subscribers that have received an event, and those still waiting for their first. */
  readonly readyPerRun: readonly number[];
  readonly waitingPerRun: readonly number[];
  readonly waiting: number;
  readonly failed: number;
  readonly firstFailure: string | undefined;
}

/** The threads' status, summed per run. */
async function statusOf(threads: readonly ClientThread[]): Promise<SubscriberStatus> {
  const replies: StatusReply[] = await Promise.all(threads.map((t) => t.request({ type: 'status' })));
  const readyPerRun = Array.from({ length: RUNS }, (_, run) => replies.reduce((sum, r) => sum + (r.readyPerRun[run] ?? 0), 0));
  const waitingPerRun = Array.from({ length: RUNS }, (_, run) => replies.reduce((sum, r) => sum + (r.waitingPerRun[run] ?? 0), 0));
  const { failed, firstFailure } = sumCounters(replies);
  return { readyPerRun, waitingPerRun, waiting: waitingPerRun.reduce((a, b) => a + b, 0), failed, firstFailure };
}

/** What {@link fireSignals} did. */
interface Load {
  /** Run index of each successful measured signal. */
  readonly measuredRuns: number[];
  readonly failed: number;
  readonly firstError: string | undefined;
  /** Round trip of each signal mutation, in ms. */
  readonly signalMs: number[];
  /** The measured window, epoch ms. */
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  /**
   * CPU used over the measured window by the gateway, the subgraphs' process, this one (clients) and the whole
   * machine, in % of one core.
   */
  readonly cpuPercent: { readonly gateway: number; readonly subgraphs: number; readonly clients: number; readonly machine: number };
  /** The gateway's RSS at the window's end, in KB. */
  readonly gatewayRssKb: number;
}

/**
 * Sends signals open-loop (a slow mutation does not delay the next) at {@link EVENTS_PER_SECOND}, signal n to run
 * n mod {@link RUNS}: `warm-<n>` for {@link WARMUP_SECONDS}, then `tick-<n>` for {@link MEASURE_SECONDS}; waits for
 * every mutation's answer.
 */
async function fireSignals(runIds: readonly string[], signal: Signal, pids: { readonly gateway: number; readonly subgraphs: number }): Promise<Load> {
  const warmupSignals = WARMUP_SECONDS * EVENTS_PER_SECOND;
  const total = warmupSignals + MEASURE_SECONDS * EVENTS_PER_SECOND;
  const measuredRuns: number[] = [];
  const signalMs: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const pending = new Set<Promise<unknown>>();
  const t0 = performance.now();
  const windowStartMs = performance.timeOrigin + t0 + WARMUP_SECONDS * 1000;
  const windowEndMs = windowStartMs + MEASURE_SECONDS * 1000;
  let cpuAtStart = { gateway: Number.NaN, subgraphs: Number.NaN, clients: process.cpuUsage(), machine: Number.NaN };
  for (let sent = 0; sent < total;) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * EVENTS_PER_SECOND) + 1);
    for (; sent < due; sent++) {
      if (sent === warmupSignals) {
        cpuAtStart = {
          gateway: await cpuSeconds(pids.gateway),
          subgraphs: await cpuSeconds(pids.subgraphs),
          clients: process.cpuUsage(),
          machine: await machineBusySeconds(),
        };
      }
      const run = sent % RUNS;
      const measured = sent >= warmupSignals;
      const started = performance.now();
      const sending = signal(runIds[run] ?? '', `${measured ? 'tick' : 'warm'}-${sent}`, sent).then(
        () => {
          signalMs.push(performance.now() - started);
          if (measured) measuredRuns.push(run);
        },
        (error: unknown) => {
          failed++;
          firstError ??= describeError(error);
        },
      );
      const tracked = sending.finally(() => pending.delete(tracked));
      pending.add(tracked);
    }
    await sleep(TICK_MS);
  }
  await sleep(Math.max(0, windowEndMs - (performance.timeOrigin + performance.now())));
  const percentOfWindow = (seconds: number): number => (seconds / MEASURE_SECONDS) * 100;
  const clients = process.cpuUsage(cpuAtStart.clients);
  const cpuPercent = {
    gateway: percentOfWindow((await cpuSeconds(pids.gateway)) - cpuAtStart.gateway),
    subgraphs: percentOfWindow((await cpuSeconds(pids.subgraphs)) - cpuAtStart.subgraphs),
    clients: percentOfWindow((clients.user + clients.system) / 1e6),
    machine: percentOfWindow((await machineBusySeconds()) - cpuAtStart.machine),
  };
  const gatewayRssKb = await residentSetKb(pids.gateway);
  await Promise.all(pending);
  return { measuredRuns, failed, firstError, signalMs, windowStartMs, windowEndMs, cpuPercent, gatewayRssKb };
}

/** Waits until the threads received `expected` measured deliveries, no more arrive, or {@link DRAIN_TIMEOUT_MS} passed. */
async function drain(threads: readonly ClientThread[], expected: number): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  let last = -1;
  let lastProgress = Date.now();
  for (;;) {
    const received = sumCounters(await Promise.all(threads.map((t) => t.request({ type: 'status' })))).measured;
    if (received !== last) lastProgress = Date.now();
    last = received;
    if (received >= expected || Date.now() > deadline || Date.now() - lastProgress > DRAIN_STALL_MS) {
      console.log(`drain: ${received} of ${expected} measured deliveries received`);
      return;
    }
    await sleep(POLL_MS);
  }
}

/**
 * The gateway's memory after a forced full GC: RSS (KB) and V8 heap used (bytes), each the median of
 * {@link RSS_SAMPLES} samples.
 */
async function gatewayMemory(pid: number, port: number | undefined, inspectPort: number): Promise<{ rssKb: number; heapBytes: number; rssBeforeGcKb: number }> {
  const rssBeforeGcKb = await residentSetKb(pid);
  // Twice: objects kept alive by finalizers or weak callbacks of the first collection go in the second.
  await collectGarbage(inspectPort);
  await collectGarbage(inspectPort);
  await sleep(GC_SETTLE_MS);
  const rss: number[] = [];
  const heap: number[] = [];
  for (let i = 0; i < RSS_SAMPLES; i++) {
    if (i > 0) await sleep(RSS_SAMPLE_INTERVAL_MS);
    rss.push(await residentSetKb(pid));
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    heap.push(Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics)?.[1] ?? Number.NaN));
  }
  return { rssKb: percentile(rss, 50), heapBytes: percentile(heap, 50), rssBeforeGcKb };
}

function sumCounters(replies: readonly ClientCounters[]): ClientCounters {
  return {
    connected: replies.reduce((sum, r) => sum + r.connected, 0),
    failed: replies.reduce((sum, r) => sum + r.failed, 0),
    measured: replies.reduce((sum, r) => sum + r.measured, 0),
    outOfOrder: replies.reduce((sum, r) => sum + r.outOfOrder, 0),
    resultErrors: replies.reduce((sum, r) => sum + r.resultErrors, 0),
    completed: replies.reduce((sum, r) => sum + r.completed, 0),
    firstFailure: replies.find((r) => r.firstFailure)?.firstFailure,
  };
}

/** Deletes the bench's Redis keys. */
async function deleteKeys(url: string, keyPrefix: string): Promise<void> {
  const redis = await createRedisClient({ url, connectionName: 'orchestra-subscriptions-bench' });
  try {
    await deleteRedisKeys(redis, `${keyPrefix}*`);
  } finally {
    await redis.quit();
  }
}

/** An error's message, with its cause's (fetch reports the socket's error as the cause of "fetch failed"). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}${'code' in error.cause ? ` (${String(error.cause.code)})` : ''}` : '';
  return `${error.message}${cause}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
