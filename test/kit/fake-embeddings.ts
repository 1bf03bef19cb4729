import { listenOnLoopback } from './loopback-server.ts';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { writeJson } from './fake-provider-stream.ts';

/** Options of {@link startFakeEmbeddings}. */
export interface FakeEmbeddingsOptions {
  /** When set, a request without `Authorization: Bearer <apiKey>` gets 401 `invalid_api_key`. @defaultValue no check */
  readonly apiKey?: string;
  /** Length of the vectors when a request names no `dimensions`. @defaultValue {@link DEFAULT_FAKE_DIMENSIONS} */
  readonly dimensions?: number;
}

/** One request the fake received (recorded once its body has arrived, whatever the answer). */
export interface FakeEmbeddingsRequest {
  readonly method: string;
  /** The request target as sent, e.g. `/v1/embeddings`. */
  readonly path: string;
  /** Every header, `authorization` included. */
  readonly headers: IncomingMessage['headers'];
  /** The body parsed as JSON; `undefined` when empty or not JSON. */
  readonly body: unknown;
  readonly rawBody: string;
}

/**
 * A scripted OpenAI-compatible embeddings server on loopback: `POST /v1/embeddings`
 * (`{ model, input: string | string[], dimensions?, encoding_format? }`) answered with OpenAI's embeddings list
 * (`{ object: 'list', data: [{ object: 'embedding', index, embedding }], model, usage }`, prompt tokens ⌈characters /
 * 4⌉ summed over the inputs; `encoding_format: 'base64'` gets little-endian float32 as base64, as OpenAI sends).
 *
 * Vectors are deterministic unit vectors with meaning of a sort ({@link fakeEmbeddingOf}): texts that share concepts
 * (synonyms map to one concept, {@link DEFAULT_SYNONYM_GROUPS}) have a high cosine similarity, unrelated texts a low one.
 */
export interface FakeEmbeddings extends AsyncDisposable {
  /** Base URL for OpenAI clients' `baseURL` (and `LLM_PROVIDERS`' `baseUrl`), e.g. `http://127.0.0.1:40123/v1`. */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: readonly FakeEmbeddingsRequest[];
  /** Adds synonym groups (each word of a group maps to the group's concept), over the built-in ones. */
  setSynonyms(groups: readonly (readonly string[])[]): void;
  /**
   * Answers the next `times` embeddings requests with `status` in OpenAI's error shape instead (429 with
   * `Retry-After: <retryAfterSeconds>`); another call appends to the queue.
   * @param status an HTTP status of 400 or more, e.g. 500 or 429
   */
  failNext(status: number, times?: number, retryAfterSeconds?: number): void;
  /** The vector this server answers for `text` (with `dimensions`, default its own), as the client receives it. */
  embed(text: string, dimensions?: number): number[];
  /** Forgets the recorded requests and the queued failures; added synonyms stay. */
  reset(): void;
  /** Closes the server, destroying open connections (idempotent). */
  close(): Promise<void>;
}

/** Length of the vectors by default. */
export const DEFAULT_FAKE_DIMENSIONS = 64;
/** `Retry-After` of a scripted 429, in seconds, unless {@link FakeEmbeddings.failNext} says otherwise. */
export const DEFAULT_FAKE_RETRY_AFTER_SECONDS = 1;
/** Dimensions each concept is hashed into (with a sign each). */
const DIMENSIONS_PER_CONCEPT = 8;
/** Characters per token of the usage. */
const CHARS_PER_TOKEN = 4;

/** The built-in synonym groups: every word of a group stands for the same concept. */
export const DEFAULT_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['car', 'cars', 'automobile', 'automobiles', 'vehicle', 'vehicles', 'auto'],
  ['parked', 'parking', 'park', 'parks'],
  ['office', 'workplace', 'work'],
  ['doctor', 'physician'],
  ['happy', 'glad', 'joyful'],
  ['buy', 'bought', 'purchase', 'purchased'],
  ['big', 'large', 'huge'],
  ['quick', 'fast', 'rapid'],
];

/** Words that carry no concept (so unrelated sentences do not look alike through them). */
const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an the is are was were be been am i my me you your he she it its we our they their this that these those of at in on to for with by from and or but as has have had do does did so very'.split(
    ' ',
  ),
);

const OptionsSchema = z.object({
  apiKey: z.string().min(1).optional(),
  dimensions: z.number().int().min(1).default(DEFAULT_FAKE_DIMENSIONS),
});

const EmbeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1)]),
  dimensions: z.number().int().min(1).optional(),
  encoding_format: z.enum(['float', 'base64']).optional(),
});

/** A queued scripted failure. */
interface ScriptedFailure {
  readonly status: number;
  readonly retryAfterSeconds: number;
}

/**
 * Starts a {@link FakeEmbeddings} on a free loopback port.
 * @throws when an option is invalid, naming it
 */
export async function startFakeEmbeddings(options: FakeEmbeddingsOptions = {}): Promise<FakeEmbeddings> {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`Invalid FakeEmbeddingsOptions: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const config = Object.freeze(parsed.data);
  const requests: FakeEmbeddingsRequest[] = [];
  const failures: ScriptedFailure[] = [];
  const synonyms = synonymTable(DEFAULT_SYNONYM_GROUPS);

  const server = createServer((req, res) => {
    let rawBody = '';
    req.on('data', (chunk: Buffer) => (rawBody += chunk.toString()));
    req.on('end', () => {
      const body = parseJson(rawBody);
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body, rawBody });
      const auth = req.headers.authorization;
      if (config.apiKey !== undefined && auth !== `Bearer ${config.apiKey}`) {
        return sendError(res, 401, { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' });
      }
      const route = `${req.method} ${path.split('?')[0]}`;
      if (route !== 'POST /v1/embeddings') {
        return sendError(res, 404, { message: `Invalid URL (${route})`, type: 'invalid_request_error', param: null, code: null });
      }
      const request = EmbeddingsRequestSchema.safeParse(body);
      if (!request.success) {
        const issue = request.error.issues[0];
        const param = issue?.path.join('.') || null;
        return sendError(res, 400, {
          message: `Invalid value for '${param ?? 'body'}': ${issue?.message ?? 'invalid'}.`,
          type: 'invalid_request_error',
          param,
          code: null,
        });
      }
      const failure = failures.shift();
      if (failure) return sendFailure(res, failure);
      const { model, input, dimensions = config.dimensions, encoding_format: format = 'float' } = request.data;
      const texts = typeof input === 'string' ? [input] : input;
      const data = texts.map((text, index) => {
        const vector = fakeEmbeddingOf(text, dimensions, synonyms);
        return { object: 'embedding', index, embedding: format === 'base64' ? Buffer.from(vector.buffer).toString('base64') : [...vector] };
      });
      const promptTokens = texts.reduce((sum, text) => sum + Math.ceil(text.length / CHARS_PER_TOKEN), 0);
      writeJson(res, 200, { object: 'list', data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } }, answerHeaders());
    });
  });
  const { origin, close } = await listenOnLoopback(server);
  return {
    url: `${origin}/v1`,
    requests,
    setSynonyms(groups) {
      for (const [word, concept] of synonymTable(groups)) synonyms.set(word, concept);
    },
    failNext(status, times = 1, retryAfterSeconds = DEFAULT_FAKE_RETRY_AFTER_SECONDS) {
      if (!Number.isInteger(status) || status < 400 || status > 599) throw new Error(`failNext: status ${status} is not an error status`);
      for (let i = 0; i < times; i++) failures.push({ status, retryAfterSeconds });
    },
    embed: (text, dimensions = config.dimensions) => [...fakeEmbeddingOf(text, dimensions, synonyms)],
    reset() {
      requests.length = 0;
      failures.length = 0;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * The fake's vector of `text`: the lower-cased words (letters and digits), stop words dropped, a plural `s` dropped
 * when that names a known word, each mapped through `synonyms` to its concept (an unknown word is its own concept);
 * each concept is hashed (FNV-1a, finalised) into {@link DIMENSIONS_PER_CONCEPT} dimensions with a sign each, the concepts'
 * vectors summed and the sum L2-normalised to float32. A text without concepts gets the unit vector of dimension 0.
 * The cosine similarity of two unrelated texts is about 0 with a standard deviation of about 1/√dimensions.
 */
export function fakeEmbeddingOf(text: string, dimensions: number, synonyms: ReadonlyMap<string, string>): Float32Array {
  const sum = new Float64Array(dimensions);
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP_WORDS.has(raw)) continue;
    const word = !synonyms.has(raw) && raw.endsWith('s') && synonyms.has(raw.slice(0, -1)) ? raw.slice(0, -1) : raw;
    const concept = synonyms.get(word) ?? word;
    for (let k = 0; k < DIMENSIONS_PER_CONCEPT; k++) {
      const hash = fnv1a(`${concept}#${k}`);
      sum[hash % dimensions] = (sum[hash % dimensions] ?? 0) + (hash & 0x8000_0000 ? -1 : 1);
    }
  }
  const norm = Math.hypot(...sum);
  if (norm === 0) sum[0] = 1;
  return Float32Array.from(sum, (value) => (norm === 0 ? value : value / norm));
}

/** The cosine similarity of two vectors of one length, in [-1, 1] (0 when either is all zeros). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`cosine: lengths differ (${a.length} and ${b.length})`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** Word → concept (the group's first word, lower-cased). */
function synonymTable(groups: readonly (readonly string[])[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const group of groups) {
    const concept = group[0]?.toLowerCase();
    if (concept === undefined) continue;
    for (const word of group) table.set(word.toLowerCase(), concept);
  }
  return table;
}

/**
 * 32-bit FNV-1a of the UTF-16 code units of `text` (Fowler–Noll–Vo), unsigned, through MurmurHash3's `fmix32`
 * finaliser: FNV-1a alone leaves the low bits of texts that differ in their last character correlated.
 */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function sendFailure(res: ServerResponse, failure: ScriptedFailure): void {
  if (failure.status === 429) {
    return sendError(
      res,
      429,
      { message: 'Rate limit reached for requests.', type: 'requests', param: null, code: 'rate_limit_exceeded' },
      { 'retry-after': String(failure.retryAfterSeconds) },
    );
  }
  const message = failure.status >= 500 ? 'The server had an error while processing your request. Sorry about that!' : 'Invalid request.';
  sendError(res, failure.status, { message, type: failure.status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null });
}

function sendError(res: ServerResponse, status: number, error: Readonly<Record<string, unknown>>, headers: Readonly<Record<string, string>> = {}): void {
  writeJson(res, status, { error }, { ...answerHeaders(), ...headers });
}

const answerHeaders = (): Record<string, string> => ({ 'x-request-id': `req_${randomBytes(16).toString('hex')}` });

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
