/**
 * The synthetic memories of `npm run bench -- memory` (bench/memory.bench.ts), all drawn from one seed (mulberry32 of
 * subgraphs/routing/services/beta-sampler.ts), so that two runs with the same options load the same items and ask the
 * same queries.
 *
 * Vectors are clustered unit vectors in two levels: {@link TOPICS} topics of {@link SUBTOPICS_PER_TOPIC} subtopics
 * each; an item is normalise(topic + {@link SUBTOPIC_WEIGHT} · subtopic + {@link NOISE_WEIGHT} · noise), each of the
 * three a random unit vector (normalised Gaussian), so an item is at cosine ≈ 0.8 from the others of its subtopic,
 * ≈ 0.5 from the rest of its topic and ≈ 0 from other topics. A query is a fresh point of the same distribution.
 * Contents are pseudo-words (two or three syllables): {@link TOPIC_WORDS_PER_ITEM}
 * of the item's topic's {@link TOPIC_VOCABULARY} words and a Zipf-like draw of {@link BACKGROUND_WORDS} others from the
 * {@link VOCABULARY} words; a query's text is two words of its topic, so lexical search has real (and partial) matches.
 */
import { createSeededRandom, sampleStandardNormal, type UniformRandom } from '../subgraphs/routing/services/beta-sampler.ts';
import { shuffled } from './bench-random.ts';

export const TOPICS = 100;
export const SUBTOPICS_PER_TOPIC = 10;
export const SUBTOPIC_WEIGHT = 0.7;
export const NOISE_WEIGHT = 0.5;
/** Words of the whole vocabulary. */
export const VOCABULARY = 5_000;
/** Words of each topic's vocabulary (drawn from the whole one). */
export const TOPIC_VOCABULARY = 24;
export const TOPIC_WORDS_PER_ITEM = 4;
/** Background words of an item: this many, plus up to 4 more. */
export const BACKGROUND_WORDS = 8;

/** Options of {@link createMemoryDataset}. */
export interface MemoryDatasetOptions {
  readonly items: number;
  readonly dimensions: number;
  /** Distinct queries to make (texts are unique). */
  readonly queries: number;
  readonly seed: number;
}

/** A query: its text (for the lexical ranking) and its precomputed embedding. */
export interface BenchQuery {
  readonly text: string;
  readonly vector: Float32Array;
}

/** The items (by index) and the queries. */
export interface MemoryDataset {
  readonly size: number;
  readonly dimensions: number;
  /** Item i's vector is `vectors[i·dimensions … (i+1)·dimensions)`, unit length. */
  readonly vectors: Float32Array;
  readonly contents: readonly string[];
  readonly queries: readonly BenchQuery[];
}

/** Pseudo-word syllables: onset, vowel, coda (varied enough that words share trigrams about as often as English does). */
const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'w',
  'z',
  'br',
  'cl',
  'dr',
  'gr',
  'pl',
  'st',
  'tr',
  'sh',
  'ch',
  'th',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou'];
const CODAS = ['', '', '', 'n', 'r', 's', 'l', 'm', 't', 'x'];

/** Makes the dataset of `options` (deterministic in them). */
export function createMemoryDataset(options: MemoryDatasetOptions): MemoryDataset {
  const { items, dimensions, queries: queryCount, seed } = options;
  const random = createSeededRandom(seed);
  const words = vocabulary(random);
  const topics = Array.from({ length: TOPICS }, () => randomUnitVector(random, dimensions));
  const subtopics = Array.from({ length: TOPICS * SUBTOPICS_PER_TOPIC }, () => randomUnitVector(random, dimensions));
  const topicWords = topics.map(() => shuffled(words, random).slice(0, TOPIC_VOCABULARY));
  const point = (subtopic: number): Float32Array => {
    const topic = Math.floor(subtopic / SUBTOPICS_PER_TOPIC);
    const noise = randomUnitVector(random, dimensions);
    const out = new Float32Array(dimensions);
    const t = topics[topic] as Float32Array;
    const s = subtopics[subtopic] as Float32Array;
    for (let d = 0; d < dimensions; d++) out[d] = (t[d] ?? 0) + SUBTOPIC_WEIGHT * (s[d] ?? 0) + NOISE_WEIGHT * (noise[d] ?? 0);
    return normaliseInPlace(out);
  };

  const vectors = new Float32Array(items * dimensions);
  const contents: string[] = [];
  for (let i = 0; i < items; i++) {
    const subtopic = Math.floor(random() * subtopics.length);
    vectors.set(point(subtopic), i * dimensions);
    const own = topicWords[Math.floor(subtopic / SUBTOPICS_PER_TOPIC)] ?? [];
    const chosen = [...shuffled(own, random).slice(0, TOPIC_WORDS_PER_ITEM)];
    const background = BACKGROUND_WORDS + Math.floor(random() * 5);
    // Zipf-like: low indexes are much more frequent.
    for (let w = 0; w < background; w++) chosen.push(words[Math.floor(words.length * random() ** 3)] ?? '');
    contents.push(`${shuffled(chosen, random).join(' ')}.`);
  }

  const queries: BenchQuery[] = [];
  const texts = new Set<string>();
  while (queries.length < queryCount) {
    const subtopic = Math.floor(random() * subtopics.length);
    const [a, b] = shuffled(topicWords[Math.floor(subtopic / SUBTOPICS_PER_TOPIC)] ?? [], random);
    const text = `${a} ${b}`;
    const vector = point(subtopic);
    if (texts.has(text)) continue;
    texts.add(text);
    queries.push({ text, vector });
  }
  return { size: items, dimensions, vectors, contents, queries };
}

/** The components of item `index`'s vector as text, comma-separated, each exact for a float4 (9 significant digits). */
export function vectorComponents(dataset: MemoryDataset, index: number): string {
  const { dimensions, vectors } = dataset;
  const parts: string[] = new Array<string>(dimensions);
  for (let d = 0; d < dimensions; d++) parts[d] = (vectors[index * dimensions + d] ?? 0).toPrecision(9);
  return parts.join(',');
}

/**
 * The indexes of the `k` items among the first `count` nearest to `query` by cosine similarity (dot product: all unit
 * length), best first: the exact answer, by brute force.
 */
export function exactNearest(dataset: MemoryDataset, query: Float32Array, k: number, count = dataset.size): number[] {
  const { dimensions, vectors } = dataset;
  const best: { index: number; score: number }[] = [];
  for (let i = 0; i < count; i++) {
    let score = 0;
    const base = i * dimensions;
    for (let d = 0; d < dimensions; d++) score += (vectors[base + d] as number) * (query[d] as number);
    if (best.length === k && score <= (best[k - 1]?.score ?? Infinity)) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && (best[at - 1]?.score ?? Infinity) < score) at--;
    best.splice(at, 0, { index: i, score });
    if (best.length > k) best.pop();
  }
  return best.map((b) => b.index);
}

/** A unit vector drawn from a seed hashed from `text` (FNV-1a): the same text always gets the same vector. */
export function textVector(text: string, dimensions: number): number[] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return [...randomUnitVector(createSeededRandom(hash), dimensions)];
}

/** A deterministic UUID (version 4 layout) of item `index` of tenant number `tenant`. */
export function itemUuid(tenant: number, index: number): string {
  return `${tenant.toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** The item index of an {@link itemUuid}. */
export function itemIndexOf(uuid: string): number {
  return Number.parseInt(uuid.slice(-12), 16);
}

function vocabulary(random: UniformRandom): string[] {
  const words = new Set<string>();
  const syllable = (): string => `${pick(random, ONSETS)}${pick(random, VOWELS)}${pick(random, CODAS)}`;
  while (words.size < VOCABULARY) words.add(`${syllable()}${syllable()}${random() < 0.5 ? syllable() : ''}`);
  return [...words];
}

function randomUnitVector(random: UniformRandom, dimensions: number): Float32Array {
  const v = new Float32Array(dimensions);
  for (let d = 0; d < dimensions; d++) v[d] = sampleStandardNormal(random);
  return normaliseInPlace(v);
}

function normaliseInPlace(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  for (let d = 0; d < v.length; d++) v[d] = (v[d] ?? 0) / norm;
  return v;
}

function pick<T>(random: UniformRandom, from: readonly T[]): T {
  return from[Math.floor(random() * from.length)] as T;
}
