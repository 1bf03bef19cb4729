import { access } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { ConfigError } from '../../../platform/config.ts';
import { UpstreamError } from '../../../platform/errors.ts';
import type { Embedder } from './embedder.ts';

/** Options of {@link createLocalEmbedder}. */
export interface LocalEmbedderOptions {
  /**
   * A transformers.js model directory (`config.json`, `tokenizer.json`, `tokenizer_config.json`,
   * `onnx/model.onnx`), absolute or relative to the working directory (`config.embeddings.modelDir`).
   */
  readonly modelDir: string;
  /**
   * The dimensions the caller stores; a model whose vectors have others fails with {@link ConfigError}.
   * @defaultValue the model's own (its output's last dimension)
   */
  readonly dimensions?: number | undefined;
}

/** An {@link Embedder} that holds a model in this process; `close()` releases it (idempotent). */
export interface LocalEmbedder extends Embedder {
  close(): Promise<void>;
}

/** The files a model directory must hold (transformers.js's layout of an ONNX export). */
export const LOCAL_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', join('onnx', 'model.onnx')] as const;
/** Text embedded once at start to learn the model's dimensions. */
const DIMENSIONS_PROBE = 'dimensions';

/**
 * The embedder of a sentence-embedding model run in-process by transformers.js (`@huggingface/transformers`, ONNX
 * Runtime on the CPU) from a directory on disk: nothing is downloaded (`env.allowRemoteModels = false`,
 * `local_files_only`), no provider is called and no ModelCall is recorded (no tokens, no cost). Each `embed` is one
 * pipeline call over the whole batch (padded to its longest text, truncated to the tokenizer's `model_max_length`):
 * token vectors mean-pooled over the attention mask, then L2-normalised, so each vector has unit length and
 * {@link Embedder.dimensions} components (the model's hidden size, learned from one probe embedding at start). The
 * model is named `local/<directory name>`, which keys the embedding cache. transformers.js is imported here, on
 * first use, so a process without a local model never loads ONNX Runtime.
 * @throws {@link ConfigError} when the directory lacks a file of {@link LOCAL_MODEL_FILES}, does not load, or makes
 *   vectors of other than `options.dimensions`.
 */
export async function createLocalEmbedder(options: LocalEmbedderOptions): Promise<LocalEmbedder> {
  const dir = resolve(options.modelDir);
  for (const file of LOCAL_MODEL_FILES) {
    await access(join(dir, file)).catch(() => {
      throw new ConfigError(
        `Invalid configuration: EMBEDDINGS_MODEL_DIR=${dir} holds no ${file} (a transformers.js model directory holds ${LOCAL_MODEL_FILES.join(', ')})`,
      );
    });
  }
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // The directory itself is read, never a copy in transformers.js's file cache (under its node_modules folder).
  env.useFSCache = false;
  let extractor: FeatureExtractionPipeline;
  try {
    // The absolute path is the model id (transformers.js reads it as a directory, not under env.localModelPath),
    // so two directories of one name do not share its per-id memoisation.
    extractor = await pipeline('feature-extraction', dir, { local_files_only: true, dtype: 'fp32', device: 'cpu' });
  } catch (error) {
    throw new ConfigError(`Invalid configuration: EMBEDDINGS_MODEL_DIR=${dir} does not load as a transformers.js model: ${(error as Error).message}`);
  }
  const run = async (texts: readonly string[]): Promise<number[][]> => {
    const output = await extractor([...texts], { pooling: 'mean', normalize: true });
    return output.tolist() as number[][];
  };
  const dimensions = (await run([DIMENSIONS_PROBE]))[0]?.length ?? 0;
  if (options.dimensions !== undefined && options.dimensions !== dimensions) {
    await extractor.dispose();
    throw new ConfigError(
      `Invalid configuration: EMBEDDINGS_DIMENSIONS=${options.dimensions}, but the model in EMBEDDINGS_MODEL_DIR=${dir} makes vectors of ${dimensions} dimensions: unset EMBEDDINGS_DIMENSIONS or set it to ${dimensions}`,
    );
  }
  let closing: Promise<void> | undefined;
  return {
    model: `local/${basename(dir)}`,
    dimensions,
    async embed(_tenantId, texts, signal) {
      if (texts.length === 0) return [];
      if (closing) throw new UpstreamError('The local embedding model is closed', {});
      try {
        signal?.throwIfAborted();
        return await run(texts);
      } catch (error) {
        throw new UpstreamError(`The local embedding model failed: ${(error as Error).message}`, {});
      }
    },
    close: () => (closing ??= extractor.dispose()),
  };
}
