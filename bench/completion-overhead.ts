import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import { GATEWAY_NODE_OPTIONS } from '../gateway/gateway-heap.ts';
import { signToken } from '../platform/auth/tokens.ts';
import { loadConfig, type Environment } from '../platform/config.ts';
import { postGraphQL } from '../test/kit/client.ts';
import { startFakeProvider } from '../test/kit/fake-provider.ts';
import { freePorts } from '../test/kit/free-ports.ts';
import { numberOption } from './bench-options.ts';
import { percentile, type Metric } from './bench-result.ts';
import { startOrchestraProcess, type OrchestraProcess } from './orchestra-process.ts';
import { cpuSeconds, machineBusySeconds, openInspector } from './process-probes.ts';

/** Streams at once, on each path. */
const CONCURRENCY = numberOption('streams', 50);
/** Measured streams per path (after {@link WARMUP_REQUESTS}). */
const REQUESTS = numberOption('overhead-requests', 2_000);
const WARMUP_REQUESTS = 250;
/** Streams per path of the unloaded probe (one at a time): the latency the path adds without queueing. */
const SERIAL_REQUESTS = 25;
/** What the fake provider streams: 20 content chunks, the first after 20 ms, the others 20 ms apart (50 tokens/s). */
const CHUNKS = Array.from({ length: 20 }, (_, i) => `word${i} `);
const FIRST_TOKEN_DELAY_MS = numberOption('first-token-delay-ms', 20);
const CHUNK_DELAY_MS = numberOption('chunk-delay-ms', 20);
const TARGET_P99_OVERHEAD_MS = 10;
/** The lanes' starts are spread over this long, about one direct stream (first token + 19 gaps). */
const LANE_STAGGER_MS = FIRST_TOKEN_DELAY_MS + (CHUNKS.length - 1) * CHUNK_DELAY_MS;
const PROVIDER_KEY = 'sk-bench-provider';
const MODEL = 'bench-model';
/** `--cpu-prof`: profile the graph process's CPU over the measured gateway streams, into a `.cpuprofile` in the OS temp dir. */
const PROFILE = process.argv.includes('--cpu-prof');
/** `--graph-processes=2`: the gateway and the routing subgraph in a process each (docker-compose's topology). */
const GRAPH_PROCESSES = numberOption('graph-processes', 1);
const TOKEN_TTL_SECONDS = 3_600;

/** A process of the graph under test. */
interface GraphProcess {
  readonly name: string;
  readonly process: OrchestraProcess;
  /** Its inspector's port, with `--cpu-prof`. */
  readonly inspectPort: number;
}

/** One streamed completion as the client saw it, in ms from sending the request. */
interface Timing {
  readonly totalMs: number;
  readonly firstTokenMs: number;
}

/** The figures of one measured run of a path. */
interface PathRun {
  readonly timings: readonly Timing[];
  readonly seconds: number;
  /** CPU seconds over the run: this process (the clients), the provider's, the graph's (summed), the machine's. */
  readonly cpu: { readonly clients: number; readonly provider: number; readonly graph: readonly number[]; readonly machine: number };
}

/**
 * Benchmark (b) of `npm run bench -- routing`: what a streamed completion through the gateway's `/v1/chat/completions`
 * (gateway → routing subgraph → completion service → provider, and the stream back the same way) adds over calling
 * the provider directly, at {@link CONCURRENCY} concurrent streams.
 *
 * Processes, so that no part's CPU distorts another's latencies (they still share the machine's cores, as do
 * Postgres and Redis): the scripted OpenAI-compatible fake provider (test/kit/fake-provider.ts, streaming
 * {@link CHUNKS} after {@link FIRST_TOKEN_DELAY_MS}, {@link CHUNK_DELAY_MS} apart) runs in a child process; the graph
 * in another, `orchestra serve gateway routing` (with the gateway's heap setting, on `DATABASE_URL`/`REDIS_URL` and
 * `REDIS_KEY_PREFIX` from the environment, the embedded stand-ins when unset; `--graph-processes=2` runs the gateway
 * and the subgraph in a process each); the clients in this process. One tenant of its own has one model on the
 * operator provider `fake` (`LLM_PROVIDERS`), so every stream makes the real per-request work: settings, budgets,
 * rate limits, a routing decision, the provider call, the ModelCall row and the decision's outcome.
 *
 * Both paths use the same client, undici reading the server-sent events to `data: [DONE]` with the same body; time to
 * first token is when the first content delta arrived. Each path is warmed up ({@link WARMUP_REQUESTS} streams), then
 * measured ({@link REQUESTS} streams, {@link CONCURRENCY} at a time). Overhead at a percentile = that percentile
 * through the gateway − the same percentile direct; likewise for time to first token. For context: the same one
 * stream at a time ({@link SERIAL_REQUESTS} per path: the latency the path adds without queueing), and the CPU each
 * process used per measured stream.
 */
export async function measureCompletionOverhead(): Promise<Record<string, Metric>> {
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    return await measure(cleanups);
  } finally {
    for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) await cleanup().catch((error: unknown) => console.error('cleanup failed:', error));
  }
}

async function measure(cleanups: (() => Promise<unknown>)[]): Promise<Record<string, Metric>> {
  const provider = await startProviderProcess();
  cleanups.push(() => provider.stop());
  const relay = await startRelayProcess(provider.url);
  cleanups.push(() => relay.stop());

  const [gatewayPort, routingPort, gatewayInspectPort, routingInspectPort] = await freePorts(4);
  const url = (port: number | undefined, path: string): string => `http://127.0.0.1:${port}${path}`;
  const env: Environment = {
    ...process.env,
    LOG_LEVEL: 'error',
    WORKER_ENABLED: 'false',
    BIND_HOST: '127.0.0.1',
    AUTH_JWT_SECRET: `bench-jwt-${randomUUID()}`,
    INTERNAL_TOKEN_SECRET: `bench-internal-${randomUUID()}`,
    GATEWAY_PORT: String(gatewayPort),
    ROUTING_PORT: String(routingPort),
    GATEWAY_URL: url(gatewayPort, '/graphql'),
    ROUTING_URL: url(routingPort, '/graphql'),
    LLM_PROVIDERS: JSON.stringify({ fake: { baseUrl: provider.url, apiKey: PROVIDER_KEY } }),
  };
  const config = loadConfig(env);
  const graph: GraphProcess[] = [];
  const startGraphProcess = async (name: string, services: readonly string[], inspectPort: number | undefined): Promise<void> => {
    const inspect = PROFILE ? [`--inspect=127.0.0.1:${inspectPort}`] : [];
    const child = startOrchestraProcess(services, env, [...GATEWAY_NODE_OPTIONS, ...inspect]);
    graph.push({ name, process: child, inspectPort: inspectPort ?? 0 });
    cleanups.push(() => child.stop());
    if (services.includes('routing')) await child.waitUntilReady(url(routingPort, '/healthz'));
    if (services.includes('gateway')) await child.waitUntilReady(url(gatewayPort, '/healthz'));
  };
  if (GRAPH_PROCESSES === 1) {
    await startGraphProcess('graph', ['routing', 'gateway'], gatewayInspectPort);
  } else {
    await startGraphProcess('routing', ['routing'], routingInspectPort);
    await startGraphProcess('gateway', ['gateway'], gatewayInspectPort);
  }

  const tenant = `bench-${randomUUID()}`;
  const token = await signToken(
    { tenantId: tenant, subject: 'routing-bench', scopes: ['routing:read', 'routing:write'] },
    { secret: config.auth.jwtSecret, ttlSeconds: TOKEN_TTL_SECONDS, issuer: config.auth.jwtIssuer },
  );
  const upserted = await postGraphQL(
    url(gatewayPort, '/graphql'),
    {
      query: 'mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id } }',
      variables: {
        input: {
          name: MODEL,
          provider: 'fake',
          inputCostPer1kTokensUsd: 0.001,
          outputCostPer1kTokensUsd: 0.002,
          latencyMs: 100,
          quality: 0.8,
          contextWindowTokens: 100_000,
        },
      },
    },
    { authorization: `Bearer ${token}` },
  );
  if (upserted.errors?.length || !upserted.data) throw new Error(`upsertModel failed (HTTP ${upserted.status}): ${JSON.stringify(upserted.errors)}`);

  const clients = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000 });
  cleanups.push(() => clients.close());
  const body = JSON.stringify({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'Say twenty words.' }] });
  const direct = (): Promise<Timing> => streamOnce(clients, `${provider.url}/chat/completions`, PROVIDER_KEY, body);
  const throughGateway = (): Promise<Timing> => streamOnce(clients, url(gatewayPort, '/v1/chat/completions'), token, body);
  const throughRelay = (): Promise<Timing> => streamOnce(clients, `${relay.url}/chat/completions`, PROVIDER_KEY, body);
  const pids = { provider: provider.pid, graph: graph.map((g) => g.process.pid) };

  // Warm up both paths (JIT, connection pools, caches), then measure one path after the other.
  await run(direct, WARMUP_REQUESTS, CONCURRENCY);
  await run(throughGateway, WARMUP_REQUESTS, CONCURRENCY);
  await run(throughRelay, WARMUP_REQUESTS, CONCURRENCY);
  const serialDirect = await run(direct, SERIAL_REQUESTS, 1);
  const serialGateway = await run(throughGateway, SERIAL_REQUESTS, 1);
  const directRun = await measured(direct, pids);
  const relayRun = await measured(throughRelay, { provider: provider.pid, graph: [relay.pid] });
  const profilers = PROFILE ? await Promise.all(graph.map(async (g) => ({ name: g.name, session: await openInspector(g.inspectPort) }))) : [];
  for (const { session } of profilers) {
    await session.call('Profiler.enable');
    await session.call('Profiler.start');
  }
  const gatewayRun = await measured(throughGateway, pids);
  for (const { name, session } of profilers) {
    const { profile } = await session.call<{ profile: unknown }>('Profiler.stop');
    session.close();
    const file = join(tmpdir(), `routing-overhead-${name}-${Date.now()}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.log(`CPU profile of the ${name} process over the measured streams through the gateway: ${file}`);
  }
  return metricsOf(
    directRun,
    gatewayRun,
    relayRun,
    serialDirect,
    serialGateway,
    graph.map((g) => g.name),
  );
}

/** Runs `once` {@link REQUESTS} times, {@link CONCURRENCY} at a time, with the CPU every process used meanwhile. */
async function measured(once: () => Promise<Timing>, pids: { provider: number; graph: readonly number[] }): Promise<PathRun> {
  const sample = async (): Promise<PathRun['cpu']> => {
    const self = process.cpuUsage();
    return {
      clients: (self.user + self.system) / 1e6,
      provider: await cpuSeconds(pids.provider),
      graph: await Promise.all(pids.graph.map((pid) => cpuSeconds(pid))),
      machine: await machineBusySeconds(),
    };
  };
  const before = await sample();
  const started = performance.now();
  const timings = await run(once, REQUESTS, CONCURRENCY);
  const seconds = (performance.now() - started) / 1000;
  const after = await sample();
  return {
    timings,
    seconds,
    cpu: {
      clients: after.clients - before.clients,
      provider: after.provider - before.provider,
      graph: after.graph.map((seconds, i) => seconds - (before.graph[i] ?? 0)),
      machine: after.machine - before.machine,
    },
  };
}

function metricsOf(
  direct: PathRun,
  gateway: PathRun,
  relay: PathRun,
  serialDirect: readonly Timing[],
  serialGateway: readonly Timing[],
  graphNames: readonly string[],
): Record<string, Metric> {
  const p = (timings: readonly Timing[], key: keyof Timing, at: number): number =>
    percentile(
      timings.map((t) => t[key]),
      at,
    );
  const added = (key: keyof Timing, at: number): number => p(gateway.timings, key, at) - p(direct.timings, key, at);
  const ms = (value: number, unit = 'ms'): Metric => ({ value: Math.round(value * 100) / 100, unit });
  const perStream = (cpuSecondsUsed: number): Metric => ms((cpuSecondsUsed * 1000) / REQUESTS, 'CPU ms per stream');
  const overheadP99 = added('totalMs', 99);
  const graphCpu: Record<string, Metric> = {};
  graphNames.forEach((name, i) => (graphCpu[`${name}_cpu_ms_per_stream`] = perStream(gateway.cpu.graph[i] ?? Number.NaN)));
  return {
    overhead_p50_ms: ms(added('totalMs', 50), 'ms added at p50 (whole stream)'),
    overhead_p99_ms: ms(overheadP99, `ms added at p99 (target < ${TARGET_P99_OVERHEAD_MS})`),
    overhead_target_met: { value: overheadP99 < TARGET_P99_OVERHEAD_MS ? 1 : 0, unit: `1 = p99 overhead < ${TARGET_P99_OVERHEAD_MS} ms` },
    ttft_added_p50_ms: ms(added('firstTokenMs', 50), 'ms of time to first token added at p50'),
    ttft_added_p99_ms: ms(added('firstTokenMs', 99), 'ms of time to first token added at p99'),
    direct_p50_ms: ms(p(direct.timings, 'totalMs', 50)),
    direct_p99_ms: ms(p(direct.timings, 'totalMs', 99)),
    gateway_p50_ms: ms(p(gateway.timings, 'totalMs', 50)),
    gateway_p99_ms: ms(p(gateway.timings, 'totalMs', 99)),
    direct_ttft_p50_ms: ms(p(direct.timings, 'firstTokenMs', 50)),
    direct_ttft_p99_ms: ms(p(direct.timings, 'firstTokenMs', 99)),
    gateway_ttft_p50_ms: ms(p(gateway.timings, 'firstTokenMs', 50)),
    gateway_ttft_p99_ms: ms(p(gateway.timings, 'firstTokenMs', 99)),
    direct_streams_per_second: ms(REQUESTS / direct.seconds, 'streams/s'),
    gateway_streams_per_second: ms(REQUESTS / gateway.seconds, 'streams/s'),
    relay_overhead_p50_ms: ms(p(relay.timings, 'totalMs', 50) - p(direct.timings, 'totalMs', 50), 'ms added at p50 by two bare relay hops (the floor)'),
    relay_overhead_p99_ms: ms(p(relay.timings, 'totalMs', 99) - p(direct.timings, 'totalMs', 99), 'ms added at p99 by two bare relay hops (the floor)'),
    relay_ttft_added_p99_ms: ms(p(relay.timings, 'firstTokenMs', 99) - p(direct.timings, 'firstTokenMs', 99), 'ms of TTFT added at p99 by two bare relay hops'),
    relay_streams_per_second: ms(REQUESTS / relay.seconds, 'streams/s'),
    relay_cpu_ms_per_stream: perStream(relay.cpu.graph[0] ?? Number.NaN),
    unloaded_overhead_p50_ms: ms(p(serialGateway, 'totalMs', 50) - p(serialDirect, 'totalMs', 50), 'ms added at p50, one stream at a time'),
    unloaded_ttft_added_p50_ms: ms(p(serialGateway, 'firstTokenMs', 50) - p(serialDirect, 'firstTokenMs', 50), 'ms of TTFT added at p50, one stream at a time'),
    ...graphCpu,
    gateway_path_clients_cpu_ms_per_stream: perStream(gateway.cpu.clients),
    direct_path_clients_cpu_ms_per_stream: perStream(direct.cpu.clients),
    provider_cpu_ms_per_stream: perStream(direct.cpu.provider),
    gateway_path_machine_cpu_percent: ms((100 * gateway.cpu.machine) / gateway.seconds, `% of one core (${availableParallelism()} cores)`),
    direct_path_machine_cpu_percent: ms((100 * direct.cpu.machine) / direct.seconds, `% of one core (${availableParallelism()} cores)`),
    concurrent_streams: { value: CONCURRENCY, unit: 'streams at once' },
    overhead_streams: { value: REQUESTS, unit: 'measured streams per path' },
    provider_chunks: { value: CHUNKS.length, unit: `chunks, first after ${FIRST_TOKEN_DELAY_MS} ms, ${CHUNK_DELAY_MS} ms apart` },
  };
}

/**
 * Runs `count` calls of `once`, `concurrency` at a time; their timings in completion order. The lanes start
 * {@link LANE_STAGGER_MS} / `concurrency` apart: `concurrency` streams in flight, not `concurrency` requests arriving
 * together again after every stream (with streams of one length, simultaneous starts would stay in step).
 */
async function run(once: () => Promise<Timing>, count: number, concurrency: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  let started = 0;
  const lane = async (index: number): Promise<void> => {
    await sleep((index * LANE_STAGGER_MS) / concurrency);
    while (started < count) {
      started++;
      timings.push(await once());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => lane(index)));
  return timings;
}

/** POSTs one streamed completion and reads it to `data: [DONE]`. @throws Error for a non-200 answer or a cut stream. */
async function streamOnce(dispatcher: Dispatcher, url: string, bearer: string, body: string): Promise<Timing> {
  const started = performance.now();
  const answer = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, accept: 'text/event-stream' },
    body,
    dispatcher,
  });
  if (answer.statusCode !== 200) throw new Error(`${url} answered ${answer.statusCode}: ${await answer.body.text()}`);
  let firstTokenMs = Number.NaN;
  let text = '';
  for await (const piece of answer.body) {
    text += (piece as Buffer).toString('utf8');
    if (Number.isNaN(firstTokenMs) && text.includes('"content":"word')) firstTokenMs = performance.now() - started;
  }
  if (!text.trimEnd().endsWith('data: [DONE]')) throw new Error(`${url} ended its stream before [DONE]`);
  return { totalMs: performance.now() - started, firstTokenMs };
}

/** The fake provider's child process. */
interface ProviderProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the fake provider in a child process (`node --import tsx`, this module's {@link serveFakeProvider}); resolves
 * once it printed its URL.
 */
function startProviderProcess(): Promise<ProviderProcess> {
  return startChildProcess('serveFakeProvider', { BENCH_FAKE_PROVIDER: JSON.stringify(providerSettings()) });
}

/**
 * Starts the bare relay of {@link serveBareRelay} in a child process, onto `upstreamUrl`; resolves once it printed
 * its URL.
 */
function startRelayProcess(upstreamUrl: string): Promise<ProviderProcess> {
  return startChildProcess('serveBareRelay', { BENCH_RELAY_UPSTREAM: upstreamUrl });
}

/** Runs the export `entryName` of this module in a child process; resolves with the URL it prints on its first line. */
async function startChildProcess(entryName: string, env: Record<string, string>): Promise<ProviderProcess> {
  const entry = JSON.stringify(import.meta.url);
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', `const m = await import(${entry}); await m.${entryName}();`],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`the ${entryName} process exited (code ${code}) before it listened`)));
  });
  lines.close();
  return {
    url,
    pid: child.pid ?? -1,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What the provider's process is told (env `BENCH_FAKE_PROVIDER`). */
interface ProviderSettings {
  readonly chunks: readonly string[];
  readonly firstTokenDelayMs: number;
  readonly chunkDelayMs: number;
}

const providerSettings = (): ProviderSettings => ({ chunks: CHUNKS, firstTokenDelayMs: FIRST_TOKEN_DELAY_MS, chunkDelayMs: CHUNK_DELAY_MS });

/**
 * The entry of the fake provider's process: starts it as env `BENCH_FAKE_PROVIDER` says, prints its `/v1` URL on a
 * line of stdout, and closes it on SIGTERM.
 */
export async function serveFakeProvider(): Promise<void> {
  const settings = JSON.parse(process.env['BENCH_FAKE_PROVIDER'] ?? '{}') as ProviderSettings;
  const provider = await startFakeProvider({ apiKey: PROVIDER_KEY });
  provider.setDefault({ kind: 'stream', chunks: settings.chunks, firstTokenDelayMs: settings.firstTokenDelayMs, chunkDelayMs: settings.chunkDelayMs });
  process.once('SIGTERM', () => void provider.close().finally(() => process.exit(0)));
  process.stdout.write(`${provider.url}\n`);
}

/**
 * The entry of the bare relay's process: two HTTP hops in one Node process, as the gateway and the routing subgraph
 * are in `orchestra serve gateway routing`, that only pass the request and the stream along — `node:http` servers,
 * undici keep-alive pools, `pipeline` with backpressure; no authentication, routing or accounting — onto env
 * `BENCH_RELAY_UPSTREAM` (the provider's `/v1` URL). Prints the outer hop's `/v1` URL on a line of stdout. What it
 * adds over the provider directly is what relaying a stream twice costs on this machine, the floor under the graph's
 * figures.
 */
export async function serveBareRelay(): Promise<void> {
  const upstream = process.env['BENCH_RELAY_UPSTREAM'] ?? '';
  const hop = async (target: string): Promise<{ url: string; close(): Promise<void> }> => {
    const pool = new Agent({ keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });
    const server = createServer((req, res) => {
      void (async () => {
        const answer = await request(`${target}${req.url?.replace(/^\/v1/, '') ?? ''}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
          body: req,
          dispatcher: pool,
        });
        res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? 'text/event-stream') });
        await pipeline(answer.body, res);
      })().catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/v1`, close: () => new Promise<void>((resolve) => server.close(() => resolve())).then(() => pool.close()) };
  };
  const inner = await hop(upstream);
  const outer = await hop(inner.url);
  process.once('SIGTERM', () => void Promise.all([outer.close(), inner.close()]).finally(() => process.exit(0)));
  process.stdout.write(`${outer.url}\n`);
}
