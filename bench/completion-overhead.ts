import { request } from 'undici';
import { clientToken, createClient, newTenant } from '../test/kit/client.ts';
import { startFakeProvider } from '../test/kit/fake-provider.ts';
import { startGraph } from '../test/kit/graph.ts';
import { percentile, type Metric } from './bench-result.ts';

/** Streams at once. */
const CONCURRENCY = 50;
/** Measured requests per path (after {@link WARMUP_REQUESTS}). */
const REQUESTS = 1_000;
const WARMUP_REQUESTS = 100;
/** What the fake provider streams: 20 chunks, 20 ms before the first, 2 ms between the others. */
const CHUNKS = Array.from({ length: 20 }, (_, i) => `word${i} `);
const FIRST_TOKEN_DELAY_MS = 20;
const CHUNK_DELAY_MS = 2;
const TARGET_P99_OVERHEAD_MS = 10;
const PROVIDER_KEY = 'sk-bench-provider';

/** One streamed completion as the client saw it, in ms from sending the request. */
interface Timing {
  readonly totalMs: number;
  readonly firstTokenMs: number;
}

/**
 * Benchmark (b) of `npm run bench -- routing`: what a streamed completion through the gateway's `/v1/chat/completions`
 * (gateway → routing subgraph → completion service → provider) adds over calling the provider directly, at
 * {@link CONCURRENCY} concurrent streams. Both paths stream the same answer from one scripted OpenAI-compatible fake
 * provider (test/kit/fake-provider.ts) with the same client (undici, reading the server-sent events to `[DONE]`).
 * The provider, the graph (gateway and routing subgraph on `DATABASE_URL`/`REDIS_URL`) and the clients share this
 * process, so the figures include their contention for one event loop: an upper bound of the overhead. Overhead at a
 * percentile = that percentile through the gateway − the same percentile direct; likewise for time to first token.
 */
export async function measureCompletionOverhead(): Promise<Record<string, Metric>> {
  await using provider = await startFakeProvider({ apiKey: PROVIDER_KEY });
  provider.setDefault({ kind: 'stream', chunks: CHUNKS, firstTokenDelayMs: FIRST_TOKEN_DELAY_MS, chunkDelayMs: CHUNK_DELAY_MS });
  await using graph = await startGraph({
    subgraphs: ['routing'],
    env: { LOG_LEVEL: 'error', LLM_PROVIDERS: JSON.stringify({ fake: { baseUrl: provider.url, apiKey: PROVIDER_KEY } }) },
  });
  const tenant = newTenant();
  const scopes = ['routing:read', 'routing:write'];
  const admin = await createClient(graph, { tenant, scopes });
  await admin.requestOk(`mutation ($input: ModelProfileInput!) { upsertModel(input: $input) { id } }`, {
    input: {
      name: 'bench-model',
      provider: 'fake',
      inputCostPer1kTokensUsd: 0.001,
      outputCostPer1kTokensUsd: 0.002,
      latencyMs: 100,
      quality: 0.8,
      contextWindowTokens: 100_000,
    },
  });
  const token = await clientToken(graph, { tenant, scopes }, 3600);
  const body = JSON.stringify({ model: 'bench-model', stream: true, messages: [{ role: 'user', content: 'Say twenty words.' }] });
  const direct = (): Promise<Timing> => streamOnce(`${provider.url}/chat/completions`, PROVIDER_KEY, body);
  const throughGateway = (): Promise<Timing> => streamOnce(`${new URL(graph.gatewayUrl).origin}/v1/chat/completions`, token, body);

  await run(direct, WARMUP_REQUESTS);
  await run(throughGateway, WARMUP_REQUESTS);
  const directStarted = performance.now();
  const directTimings = await run(direct, REQUESTS);
  const directSeconds = (performance.now() - directStarted) / 1000;
  const gatewayStarted = performance.now();
  const gatewayTimings = await run(throughGateway, REQUESTS);
  const gatewaySeconds = (performance.now() - gatewayStarted) / 1000;

  const p = (timings: readonly Timing[], key: keyof Timing, at: number): number =>
    percentile(
      timings.map((t) => t[key]),
      at,
    );
  const ms = (value: number, unit = 'ms'): Metric => ({ value: Math.round(value * 100) / 100, unit });
  const overheadP99 = p(gatewayTimings, 'totalMs', 99) - p(directTimings, 'totalMs', 99);
  return {
    overhead_p50_ms: ms(p(gatewayTimings, 'totalMs', 50) - p(directTimings, 'totalMs', 50), 'ms added at p50 (whole stream)'),
    overhead_p99_ms: ms(overheadP99, `ms added at p99 (target < ${TARGET_P99_OVERHEAD_MS})`),
    overhead_target_met: { value: overheadP99 < TARGET_P99_OVERHEAD_MS ? 1 : 0, unit: '1 = p99 overhead under target' },
    ttft_added_p50_ms: ms(p(gatewayTimings, 'firstTokenMs', 50) - p(directTimings, 'firstTokenMs', 50), 'ms of time to first token added at p50'),
    ttft_added_p99_ms: ms(p(gatewayTimings, 'firstTokenMs', 99) - p(directTimings, 'firstTokenMs', 99), 'ms of time to first token added at p99'),
    direct_p50_ms: ms(p(directTimings, 'totalMs', 50)),
    direct_p99_ms: ms(p(directTimings, 'totalMs', 99)),
    gateway_p50_ms: ms(p(gatewayTimings, 'totalMs', 50)),
    gateway_p99_ms: ms(p(gatewayTimings, 'totalMs', 99)),
    direct_ttft_p50_ms: ms(p(directTimings, 'firstTokenMs', 50)),
    gateway_ttft_p50_ms: ms(p(gatewayTimings, 'firstTokenMs', 50)),
    direct_streams_per_second: ms(REQUESTS / directSeconds, 'streams/s'),
    gateway_streams_per_second: ms(REQUESTS / gatewaySeconds, 'streams/s'),
    concurrent_streams: { value: CONCURRENCY, unit: 'streams at once' },
  };
}

/** Runs `count` calls of `once`, {@link CONCURRENCY} at a time; their timings in completion order. */
async function run(once: () => Promise<Timing>, count: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  let started = 0;
  const lane = async (): Promise<void> => {
    while (started < count) {
      started++;
      timings.push(await once());
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return timings;
}

/** POSTs one streamed completion and reads it to `data: [DONE]`. @throws Error for a non-200 answer or a cut stream. */
async function streamOnce(url: string, bearer: string, body: string): Promise<Timing> {
  const started = performance.now();
  const answer = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, accept: 'text/event-stream' },
    body,
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
