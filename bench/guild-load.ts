/**
 * Entry of the Guild benchmark's load generator process (started by guild-benchmark.ts, so that its CPU is its own):
 * a closed loop of `connections` keep-alive HTTP/1.1 connections (an undici `Pool`, no pipelining), each sending the
 * benchmark's query ({@link GUILD_TEST_QUERY}, one body for all) as soon as its previous answer has been read, for
 * `durationMs` — as k6's constant VUs do in The Guild's benchmark. Every request carries the same `authorization`
 * header, if any (one principal). An answer counts as failed unless its status is 200 and its body starts with
 * `{"data"` (Apollo Server writes `errors` first, so an answer with errors does not); bodies are read, not parsed.
 *
 * argv[2]: the JSON of {@link LoadOptions}. Prints `RESULT <json of LoadResult>` on stdout and exits.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { percentile } from './bench-result.ts';
import { GUILD_TEST_QUERY } from './guild-schema.ts';

/** What the load generator is told. */
export interface LoadOptions {
  readonly url: string;
  /** Sent as `authorization` with every request, if set. */
  readonly authorization?: string;
  readonly connections: number;
  /** How long requests are started for, in ms (requests in flight then are awaited and counted). */
  readonly durationMs: number;
}

/** What the load generator measured. */
export interface LoadResult {
  /** Answers that passed (status 200, data and no errors). */
  readonly ok: number;
  readonly failed: number;
  /** From the first request to the last answer, in s. */
  readonly elapsedS: number;
  /** Latency percentiles of the passed answers, request sent to body read, in ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Mean body size of an answer, in bytes. */
  readonly meanBodyBytes: number;
  /** CPU this process used over the load (user + system), in ms. */
  readonly cpuMs: number;
  /** First failure seen, for the report. */
  readonly firstFailure?: string;
}

const DATA_PREFIX = Buffer.from('{"data"');

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const target = new URL(options.url);
const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 60_000 });
const headers = { 'content-type': 'application/json', ...(options.authorization ? { authorization: options.authorization } : {}) };
const body = JSON.stringify({ query: GUILD_TEST_QUERY });
const latenciesMs: number[] = [];
let failed = 0;
let bodyBytes = 0;
let firstFailure: string | undefined;

const cpuBefore = process.cpuUsage();
const started = performance.now();
const deadline = started + options.durationMs;
await Promise.all(
  Array.from({ length: options.connections }, async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const answer = await pool.request({ path: target.pathname, method: 'POST', headers, body });
        let first: Buffer | undefined;
        for await (const chunk of answer.body as AsyncIterable<Buffer>) {
          first ??= chunk;
          bodyBytes += chunk.length;
        }
        if (answer.statusCode === 200 && first && first.subarray(0, DATA_PREFIX.length).equals(DATA_PREFIX)) latenciesMs.push(performance.now() - t0);
        else fail(`HTTP ${answer.statusCode}: ${first?.subarray(0, 300).toString() ?? '(no body)'}`);
      } catch (error) {
        fail(String(error));
      }
    }
  }),
);
const elapsedS = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
await pool.close();
const result: LoadResult = {
  ok: latenciesMs.length,
  failed,
  elapsedS,
  p50Ms: percentile(latenciesMs, 50),
  p99Ms: percentile(latenciesMs, 99),
  meanBodyBytes: bodyBytes / Math.max(1, latenciesMs.length + failed),
  cpuMs: (cpu.user + cpu.system) / 1000,
  ...(firstFailure ? { firstFailure } : {}),
};
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);

function fail(reason: string): void {
  failed++;
  firstFailure ??= reason;
}
