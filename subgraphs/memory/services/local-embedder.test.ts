import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../platform/config.ts';
import { UpstreamError } from '../../../platform/errors.ts';
import { cosine } from '../../../test/kit/fake-embeddings.ts';
import { createTinySentenceModel, TINY_MODEL_DIMENSIONS, type TinySentenceModel } from '../../../test/kit/tiny-sentence-model.ts';
import { createLocalEmbedder, type LocalEmbedder } from './local-embedder.ts';

const TEXTS = ['I parked my car near the office', 'automobile', 'We bought milk and bread', 'puppy', 'The dog is happy'];

describe('createLocalEmbedder', () => {
  let model: TinySentenceModel;
  let embedder: LocalEmbedder;

  beforeAll(async () => {
    model = await createTinySentenceModel();
    embedder = await createLocalEmbedder({ modelDir: model.dir });
  });
  afterAll(async () => {
    await embedder?.close();
    await model?.close();
  });

  it('names the model after its directory and takes its dimensions from the model', () => {
    expect(embedder.model).toBe('local/tiny-sentence-model');
    expect(embedder.dimensions).toBe(TINY_MODEL_DIMENSIONS);
  });

  it('embeds a batch in one call, in order: unit vectors of the model’s dimensions, each as if embedded alone', async () => {
    const batch = await embedder.embed('tenant-a', TEXTS);
    expect(batch).toHaveLength(TEXTS.length);
    for (const [i, vector] of batch.entries()) {
      expect(vector).toHaveLength(TINY_MODEL_DIMENSIONS);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      // Padding to the batch's longest text changes nothing (mean pooling over the attention mask).
      const [alone] = await embedder.embed('tenant-a', [TEXTS[i] ?? '']);
      expect(cosine(vector, alone ?? [])).toBeCloseTo(1, 5);
    }
    const [car = [], automobile = [], milk = [], puppy = [], dog = []] = batch;
    expect(cosine(automobile, car)).toBeGreaterThan(cosine(automobile, milk) + 0.3);
    expect(cosine(puppy, dog)).toBeGreaterThan(cosine(puppy, car) + 0.3);
    expect(await embedder.embed('tenant-a', [])).toEqual([]);
  });

  it('fails the start when the configured dimensions differ from the model’s, naming both', async () => {
    const wrong = createLocalEmbedder({ modelDir: model.dir, dimensions: 384 });
    await expect(wrong).rejects.toThrow(ConfigError);
    await expect(wrong).rejects.toThrow(/EMBEDDINGS_DIMENSIONS=384.*64 dimensions/);
    const same = await createLocalEmbedder({ modelDir: model.dir, dimensions: TINY_MODEL_DIMENSIONS });
    expect(same.dimensions).toBe(TINY_MODEL_DIMENSIONS);
    await same.close();
  });

  it('fails the start naming the file a model directory lacks', async () => {
    await using broken = await createTinySentenceModel({ name: 'no-onnx' });
    await rm(join(broken.dir, 'onnx'), { recursive: true });
    await expect(createLocalEmbedder({ modelDir: broken.dir })).rejects.toThrow(/EMBEDDINGS_MODEL_DIR=.*no-onnx holds no onnx\/model\.onnx/);
  });

  it('refuses to embed once closed, as an upstream failure; close is idempotent', async () => {
    const closing = await createLocalEmbedder({ modelDir: model.dir });
    await closing.close();
    await closing.close();
    await expect(closing.embed('tenant-a', ['car'])).rejects.toThrow(UpstreamError);
  });

  it('loads no ONNX Runtime until a local model is configured (the memory subgraph imports transformers.js lazily)', async () => {
    const script = `import { createRequire } from 'node:module';
      await import('./subgraphs/memory/index.ts');
      console.log(Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('onnxruntime')).length);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    expect(stdout.trim()).toBe('0');
  });
});
