/**
 * The Guild's federation gateway benchmark (graphql-hive/graphql-gateways-benchmark, "federation" scenario) on this
 * machine: bare Apollo (`@apollo/gateway` + `@apollo/server`) against Orchestra's gateway, on memoized subgraphs, with
 * that benchmark's query. Part of `npm run bench -- gateway` (see gateway.bench.ts).
 *
 * Processes, each its own node (`--import tsx`): the four subgraphs (guild-subgraphs.ts), one gateway at a time
 * (guild-gateway.ts) and the load generator (guild-load.ts). With `taskset` and two cores or more, the gateway is
 * pinned alone to core 1 and the subgraphs and the load generator share core 0, so a gateway has one core of its own
 * as in a one-process deployment; both gateways run with Orchestra's heap setting (`GATEWAY_NODE_OPTIONS`), so the
 * runtime is the same and only the gateway code differs.
 *
 * For each gateway: start it on a supergraph composed from the subgraphs (`@apollo/composition`, written to a temp
 * file), send the query once and require the same JSON answer as bare Apollo's (which must have no errors and all six
 * users and five top products) — the bench fails otherwise —, then `warmupS` of load, then `durationS` measured at
 * `connections` connections (closed loop). Orchestra's gateway runs three times: with `GATEWAY_DEDUPLICATE_OPERATIONS`
 * and `GATEWAY_DEDUPLICATE_FETCHES` on (its default), with both off, and with both off and its compiled execution path
 * off too (`GATEWAY_COMPILED_EXECUTION=false`: Apollo's executor, the compiled path's baseline). Every request to it
 * carries one client token —
 * one principal, so the deduplication of identical concurrent queries applies to all of them, as it would not to a
 * dashboard's many users.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { GATEWAY_NODE_OPTIONS } from '../gateway/gateway-heap.ts';
import { signToken } from '../platform/auth/tokens.ts';
import { loadConfig, type Environment } from '../platform/config.ts';
import type { Metric } from './bench-result.ts';
import { composeGuildSupergraph, GUILD_TEST_QUERY, type GuildSubgraphName } from './guild-schema.ts';
import type { LoadOptions, LoadResult } from './guild-load.ts';
import { cpuSeconds, residentSetKb } from './process-probes.ts';

/** Options of {@link measureGuildGateways}. */
export interface GuildBenchOptions {
  /** Measured load per gateway, in s. */
  readonly durationS: number;
  /** Load before the measured window, per gateway (JIT, plan and document caches), in s. */
  readonly warmupS: number;
  /** Connections of the load generator, each with one request in flight. */
  readonly connections: number;
}

/** The metrics of {@link measureGuildGateways}, with notes on what they were measured on. */
export interface GuildFigures {
  readonly metrics: Record<string, Metric>;
  readonly notes: Record<string, string>;
}

/** One gateway under test. */
interface Variant {
  /** Metric name part: `guild_<key>_rps` etc. */
  readonly key: string;
  readonly label: string;
  readonly args: (supergraphPath: string) => string[];
  /** Environment over the base one; Orchestra's gateway reads its configuration from it. */
  readonly env: Environment;
  /** Whether requests carry the client token. */
  readonly authenticated: boolean;
}

/** What one gateway's run measured. */
interface VariantFigures {
  readonly load: LoadResult;
  readonly gatewayCpuS: number;
  readonly driverCpuS: number;
  readonly rssKb: number;
}

const VARIANTS: readonly Variant[] = [
  { key: 'apollo', label: 'bare Apollo', args: (path) => ['apollo', path], env: {}, authenticated: false },
  ...(['dedup', 'nodedup'] as const).map((kind) => {
    const on = String(kind === 'dedup');
    return {
      key: `orchestra_${kind}`,
      label: `Orchestra, deduplication ${kind === 'dedup' ? 'on' : 'off'}`,
      args: () => ['orchestra'],
      env: { GATEWAY_DEDUPLICATE_OPERATIONS: on, GATEWAY_DEDUPLICATE_FETCHES: on, GATEWAY_COMPILED_EXECUTION: 'true', RESPONSE_CACHE: 'false' },
      authenticated: true,
    };
  }),
  // The compiled execution path's baseline: the same gateway with Apollo's executor.
  {
    key: 'orchestra_nodedup_uncompiled',
    label: "Orchestra, deduplication off, Apollo's executor",
    args: () => ['orchestra'],
    env: { GATEWAY_DEDUPLICATE_OPERATIONS: 'false', GATEWAY_DEDUPLICATE_FETCHES: 'false', GATEWAY_COMPILED_EXECUTION: 'false', RESPONSE_CACHE: 'false' },
    authenticated: true,
  },
  // The cached path: the response cache on (its versions need Redis), everything else at its default.
  ...(process.env['REDIS_URL']
    ? [
        {
          key: 'orchestra_cached',
          label: 'Orchestra, response cache on',
          args: () => ['orchestra'],
          env: { RESPONSE_CACHE: 'true', REDIS_URL: process.env['REDIS_URL'] },
          authenticated: true,
        },
      ]
    : []),
];

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const REPOSITORY_ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Longest wait for a child's `READY`/`RESULT` line beyond its own work, in ms. */
const CHILD_TIMEOUT_MS = 60_000;
/** Time a stopping child gets between SIGTERM and SIGKILL, in ms. */
const STOP_GRACE_MS = 5_000;

/**
 * Runs the Guild benchmark (see the module's comment) and returns its metrics: per gateway (`apollo`,
 * `orchestra_dedup`, `orchestra_nodedup`, `orchestra_nodedup_uncompiled`) `guild_<gateway>_rps` (passed answers / measured s), `_p50_ms`, `_p99_ms`
 * (request sent to answer read), `_cpu_ms_per_request` (the gateway process's user + system CPU over the measured
 * window / answers, from `/proc/<pid>/stat`), `_gateway_cpu_percent` (of one core), `_rss_mb` (its VmRSS at the end of
 * its measured window) and `_driver_cpu_percent` (load generator + subgraphs, of one core: near 100 with pinning
 * means core 0, not the gateway, set the pace); `guild_rps_vs_apollo`, `guild_rps_vs_apollo_nodedup` and
 * `guild_rps_vs_apollo_nodedup_uncompiled` (Orchestra's rps / bare Apollo's), with Redis also `orchestra_cached` (the
 * response cache on) and `guild_rps_vs_apollo_cached`; and the setting. Takes about
 * 4 × (`warmupS` + `durationS` + 5) s.
 * @throws when a gateway's answer differs from bare Apollo's, or any answer under load failed.
 */
export async function measureGuildGateways(options: GuildBenchOptions): Promise<GuildFigures> {
  const pinned = availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  const baseEnv: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'error',
    BIND_HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    SUPERGRAPH_POLL_INTERVAL_MS: '0',
    // One subject sends every request: the rate limits (a Redis round trip per request, when on) are off, as in
    // the gateways compared, which have none.
    RATE_LIMIT_SUBJECT_REQUESTS: '0',
    RATE_LIMIT_TENANT_REQUESTS: '0',
  };
  // No Redis: Orchestra's gateway would open event subscriptions with it, which this query does not use.
  delete baseEnv['REDIS_URL'];
  const config = loadConfig(baseEnv);
  const token = await signToken(
    { tenantId: 'guild-bench', subject: 'guild-bench', scopes: ['admin'] },
    { secret: config.auth.jwtSecret, ttlSeconds: 3_600, issuer: config.auth.jwtIssuer },
  );
  const directory = await mkdtemp(join(tmpdir(), 'orchestra-guild-'));
  const subgraphs = startChild('guild-subgraphs.ts', [], { env: baseEnv, cpu: pinned ? 0 : undefined });
  try {
    const urls = JSON.parse(await subgraphs.line('READY ', CHILD_TIMEOUT_MS)) as Record<GuildSubgraphName, string>;
    const supergraphPath = join(directory, 'supergraph.graphql');
    await writeFile(supergraphPath, composeGuildSupergraph(urls));
    const env = { ...baseEnv, SUPERGRAPH_PATH: supergraphPath };

    let reference: unknown;
    const figures = new Map<string, VariantFigures>();
    for (const variant of VARIANTS) {
      const gateway = startChild('guild-gateway.ts', variant.args(supergraphPath), {
        env: { ...env, ...variant.env },
        cpu: pinned ? 1 : undefined,
        nodeOptions: GATEWAY_NODE_OPTIONS,
      });
      try {
        const url = await gateway.line('READY ', CHILD_TIMEOUT_MS);
        const authorization = variant.authenticated ? `Bearer ${token}` : undefined;
        const answer = await queryOnce(url, authorization);
        if (reference === undefined) reference = checkReference(answer);
        else if (!isDeepStrictEqual(answer, reference))
          throw new Error(`${variant.label} answers the query differently from bare Apollo: ${firstDifference(answer, reference)}`);
        const load: Omit<LoadOptions, 'durationMs'> = { url, connections: options.connections, ...(authorization ? { authorization } : {}) };
        await runLoad({ ...load, durationMs: options.warmupS * 1000 }, pinned);
        const [gatewayCpu0, subgraphsCpu0] = await Promise.all([cpuSeconds(gateway.pid), cpuSeconds(subgraphs.pid)]);
        const result = await runLoad({ ...load, durationMs: options.durationS * 1000 }, pinned);
        const [gatewayCpu1, subgraphsCpu1, rssKb] = await Promise.all([cpuSeconds(gateway.pid), cpuSeconds(subgraphs.pid), residentSetKb(gateway.pid)]);
        if (result.failed > 0)
          throw new Error(`${variant.label}: ${result.failed} of ${result.ok + result.failed} answers failed, first: ${result.firstFailure}`);
        figures.set(variant.key, {
          load: result,
          gatewayCpuS: gatewayCpu1 - gatewayCpu0,
          driverCpuS: subgraphsCpu1 - subgraphsCpu0 + result.cpuMs / 1000,
          rssKb,
        });
        console.log(`guild: ${variant.label}: ${round(result.ok / result.elapsedS)} requests/s, p50 ${round(result.p50Ms)} ms, p99 ${round(result.p99Ms)} ms`);
      } finally {
        await gateway.stop();
      }
    }
    return report(figures, options, pinned);
  } finally {
    await subgraphs.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

/** The metrics and notes of the runs, and a table of them on stdout. */
function report(figures: ReadonlyMap<string, VariantFigures>, options: GuildBenchOptions, pinned: boolean): GuildFigures {
  const metrics: Record<string, Metric> = {};
  const rows: Record<string, Record<string, number>> = {};
  for (const variant of VARIANTS) {
    const f = figures.get(variant.key);
    if (!f) continue;
    const rps = f.load.ok / f.load.elapsedS;
    const row = {
      rps: round(rps),
      p50_ms: round(f.load.p50Ms),
      p99_ms: round(f.load.p99Ms),
      cpu_ms_per_request: round((f.gatewayCpuS * 1000) / f.load.ok),
      gateway_cpu_percent: round((f.gatewayCpuS / f.load.elapsedS) * 100),
      rss_mb: round(f.rssKb / 1024),
      driver_cpu_percent: round((f.driverCpuS / f.load.elapsedS) * 100),
    };
    rows[variant.label] = row;
    const units: Record<keyof typeof row, string> = {
      rps: 'requests/s',
      p50_ms: 'ms',
      p99_ms: 'ms',
      cpu_ms_per_request: 'ms of CPU',
      gateway_cpu_percent: '% of one core',
      rss_mb: 'MB',
      driver_cpu_percent: '% of one core',
    };
    for (const [name, value] of Object.entries(row)) metrics[`guild_${variant.key}_${name}`] = { value, unit: units[name as keyof typeof row] };
  }
  const apollo = metrics['guild_apollo_rps']?.value ?? Number.NaN;
  metrics['guild_rps_vs_apollo'] = { value: round((metrics['guild_orchestra_dedup_rps']?.value ?? Number.NaN) / apollo, 3), unit: 'ratio' };
  metrics['guild_rps_vs_apollo_nodedup'] = { value: round((metrics['guild_orchestra_nodedup_rps']?.value ?? Number.NaN) / apollo, 3), unit: 'ratio' };
  metrics['guild_rps_vs_apollo_nodedup_uncompiled'] = {
    value: round((metrics['guild_orchestra_nodedup_uncompiled_rps']?.value ?? Number.NaN) / apollo, 3),
    unit: 'ratio',
  };
  if (metrics['guild_orchestra_cached_rps']) {
    metrics['guild_rps_vs_apollo_cached'] = { value: round(metrics['guild_orchestra_cached_rps'].value / apollo, 3), unit: 'ratio' };
  }
  metrics['guild_connections'] = { value: options.connections, unit: 'connections' };
  metrics['guild_duration_s'] = { value: options.durationS, unit: 's per gateway' };
  const bodyBytes = figures.get('apollo')?.load.meanBodyBytes ?? Number.NaN;
  metrics['guild_response_kb'] = { value: round(bodyBytes / 1024), unit: 'KB' };
  metrics['guild_gateway_pinned'] = { value: pinned ? 1 : 0, unit: '1 = gateway alone on core 1' };
  console.log('guild: The Guild federation benchmark query, memoized subgraphs');
  console.table(rows);
  return {
    metrics,
    notes: {
      guild:
        `The Guild's federation gateway benchmark (graphql-hive/graphql-gateways-benchmark: its four subgraphs and TestQuery) on memoized subgraphs, ` +
        `${options.connections} connections, ${options.warmupS} s warm-up then ${options.durationS} s per gateway; ` +
        (pinned
          ? 'each gateway pinned alone to core 1 (taskset), subgraphs and load generator on core 0; '
          : 'no CPU pinning (taskset or a second core missing); ') +
        `both gateways with ${GATEWAY_NODE_OPTIONS.join(' ')}.`,
      guild_one_principal:
        "Every request to Orchestra's gateway carries ONE client token (one principal): its in-flight deduplication shares identical concurrent queries of one principal, " +
        "so the 'dedup' figures hold for many identical queries of one user, not for a dashboard's many users (their queries never share; see the 'nodedup' figures).",
    },
  };
}

/** Sends the benchmark's query once; @returns the parsed answer. @throws on a status other than 200. */
async function queryOnce(url: string, authorization: string | undefined): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: GUILD_TEST_QUERY }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

/** Checks bare Apollo's answer: data, no errors, the six users and five top products. @returns it. */
function checkReference(answer: unknown): unknown {
  const { data, errors } = answer as { data?: { users?: unknown[]; topProducts?: unknown[] }; errors?: unknown };
  if (errors !== undefined || data?.users?.length !== 6 || data.topProducts?.length !== 5) {
    throw new Error(`bare Apollo's answer is not the benchmark's: ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return answer;
}

/** Where the JSON texts of `a` and `b` first differ, with some context. */
function firstDifference(a: unknown, b: unknown): string {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return `at character ${i}: ${x.slice(Math.max(0, i - 80), i + 80)} ≠ ${y.slice(Math.max(0, i - 80), i + 80)}`;
}

/** Runs the load generator in a process of its own (on core 0 when `pinned`); @returns what it measured. */
async function runLoad(options: LoadOptions, pinned: boolean): Promise<LoadResult> {
  const child = startChild('guild-load.ts', [JSON.stringify(options)], { env: process.env, cpu: pinned ? 0 : undefined });
  try {
    return JSON.parse(await child.line('RESULT ', options.durationMs + CHILD_TIMEOUT_MS)) as LoadResult;
  } finally {
    await child.stop();
  }
}

/** A child process of the bench. */
interface BenchChild {
  readonly pid: number;
  /** Resolves with the rest of the first stdout line starting with `prefix`. @throws when the child exits first or after `timeoutMs`. */
  line(prefix: string, timeoutMs: number): Promise<string>;
  /** SIGTERM, then SIGKILL after {@link STOP_GRACE_MS}; waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node [nodeOptions…] --import tsx bench/<script> <args…>` in the repository's root with environment `env`,
 * on CPU `cpu` only (`taskset -c`, which execs node: the pid is node's) when given.
 */
function startChild(
  script: string,
  args: readonly string[],
  options: { env: Environment; cpu?: number | undefined; nodeOptions?: readonly string[] },
): BenchChild {
  const node = [process.execPath, ...(options.nodeOptions ?? []), '--import', 'tsx', join(BENCH_DIR, script), ...args];
  const [command = '', ...rest] = options.cpu === undefined ? node : ['taskset', '-c', String(options.cpu), ...node];
  const child = spawn(command, rest, { cwd: REPOSITORY_ROOT, env: { ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  });
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiting) wake();
  });
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exited = false;
  void exit.then(() => {
    exited = true;
    for (const wake of waiting) wake();
  });
  return {
    pid: child.pid ?? -1,
    line(prefix, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => settle(new Error(`${script}: no "${prefix}" line after ${timeoutMs} ms:\n${output}`)), timeoutMs);
        const settle = (result: string | Error): void => {
          clearTimeout(timer);
          waiting.delete(check);
          if (result instanceof Error) reject(result);
          else resolve(result);
        };
        const check = (): void => {
          const found = lines.find((l) => l.startsWith(prefix));
          if (found !== undefined) settle(found.slice(prefix.length));
          else if (exited) settle(new Error(`${script} exited (code ${child.exitCode}) before its "${prefix}" line:\n${output}`));
        };
        waiting.add(check);
        check();
      });
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      if ((await Promise.race([exit.then(() => 'exited' as const), sleep(STOP_GRACE_MS, 'grace over' as const)])) === 'grace over') child.kill('SIGKILL');
      await exit;
    },
  };
}

function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
