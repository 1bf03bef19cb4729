import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import protobuf from 'protobufjs';

/** Options of {@link createTinySentenceModel}. */
export interface TinySentenceModelOptions {
  /** Name of the model directory (inside a fresh temporary directory); the embedder calls the model `local/<name>`. @defaultValue `tiny-sentence-model` */
  readonly name?: string;
}

/** A tiny transformers.js model on disk; `close()` deletes it (idempotent). */
export interface TinySentenceModel extends AsyncDisposable {
  /** The model directory: `config.json`, `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`. */
  readonly dir: string;
  /** Components of each token's (and so each sentence's) vector: {@link TINY_MODEL_DIMENSIONS}. */
  readonly dimensions: number;
  /** Every word the tokenizer knows; any other word is `[UNK]`. */
  readonly words: readonly string[];
  close(): Promise<void>;
}

/**
 * Dimensions of the tiny model: 64, as the fake embeddings server's tests use, because test files share one
 * Postgres database when `DATABASE_URL` is set and the vector table is made for one dimension count at a time.
 */
export const TINY_MODEL_DIMENSIONS = 64;

/** Word groups of one meaning each: every word of a group has the same embedding (its own axis). */
export const TINY_MODEL_SYNONYMS: readonly (readonly string[])[] = [
  ['car', 'automobile', 'vehicle', 'cars'],
  ['dog', 'puppy', 'dogs'],
  ['doctor', 'physician'],
  ['office', 'workplace'],
  ['parked', 'park'],
  ['milk'],
  ['bread'],
  ['bought', 'buy'],
  ['near', 'beside'],
  ['rest', 'sleep'],
  ['week'],
  ['happy', 'glad'],
];

/** Words of little meaning: they share one axis, at {@link STOP_WORD_WEIGHT}. */
const STOP_WORDS = ['i', 'my', 'the', 'a', 'we', 'and', 'to', 'for', 'of', 'is', 'said'];
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;
/** Weights on the shared axes (the last two): stop words and `[CLS]`/`[SEP]` on the last, `[UNK]` on the one before. */
const STOP_WORD_WEIGHT = 0.3;
const SEPARATOR_WEIGHT = 0.1;
const UNKNOWN_WEIGHT = 0.5;
/** Longest input in tokens (`model_max_length`); the tokenizer truncates longer ones. */
const MAX_TOKENS = 128;

/** ONNX's IR version and the default-domain opset the graph is written for. */
const ONNX_IR_VERSION = 8;
const ONNX_OPSET = 17;
/** `TensorProto.DataType` and `AttributeProto.AttributeType` values of onnx.proto. */
const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;

/** The subset of onnx.proto (field numbers as there) that this graph needs. */
const ONNX_PROTO = `
syntax = "proto3";
package onnx;
message AttributeProto { string name = 1; int64 i = 3; int32 type = 20; }
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message NodeProto { repeated string input = 1; repeated string output = 2; string name = 3; string op_type = 4; repeated AttributeProto attribute = 5; }
message ModelProto { int64 ir_version = 1; string producer_name = 2; GraphProto graph = 7; repeated OperatorSetIdProto opset_import = 8; }
message GraphProto { repeated NodeProto node = 1; string name = 2; repeated TensorProto initializer = 5; repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12; }
message TensorProto { repeated int64 dims = 1; int32 data_type = 2; string name = 8; bytes raw_data = 9; }
message TensorShapeProto { message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } } repeated Dimension dim = 1; }
message TypeProto { message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; } oneof value { Tensor tensor_type = 1; } }
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
`;

/**
 * Writes a real transformers.js model into a temporary directory, without downloading anything: a BERT WordPiece
 * tokenizer (lower-casing, `[CLS] … [SEP]`) over {@link TINY_MODEL_SYNONYMS} and a few stop words, and an ONNX graph
 * with BERT's inputs (`input_ids`, `attention_mask`, `token_type_ids`, int64 `[batch, sequence]`) whose
 * `last_hidden_state` (float32 `[batch, sequence, 64]`) is `Gather(embeddings, input_ids)`: each token's row of a
 * fixed table. Synonyms share a row (a one-hot axis per group), so after mean pooling a sentence points the way of
 * its words' meanings: "automobile" is near "I parked my car", far from "We bought milk".
 */
export async function createTinySentenceModel(options: TinySentenceModelOptions = {}): Promise<TinySentenceModel> {
  const root = await mkdtemp(join(tmpdir(), 'orchestra-tiny-model-'));
  const dir = join(root, options.name ?? 'tiny-sentence-model');
  const words = [...TINY_MODEL_SYNONYMS.flat(), ...STOP_WORDS];
  const vocabulary = [...SPECIAL_TOKENS, ...words];
  await mkdir(join(dir, 'onnx'), { recursive: true });
  await writeFile(join(dir, 'config.json'), JSON.stringify(modelConfig(vocabulary.length), null, 2));
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocabulary), null, 2));
  await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig(), null, 2));
  await writeFile(join(dir, 'onnx', 'model.onnx'), onnxModel(embeddingTable(vocabulary), vocabulary.length));
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= rm(root, { recursive: true, force: true }));
  return { dir, dimensions: TINY_MODEL_DIMENSIONS, words, close, [Symbol.asyncDispose]: close };
}

/** Row-major `[vocabulary, dimensions]` float32: one axis per synonym group; stop words, separators and `[UNK]` on the last two. */
function embeddingTable(vocabulary: readonly string[]): Float32Array {
  const table = new Float32Array(vocabulary.length * TINY_MODEL_DIMENSIONS);
  const shared = TINY_MODEL_DIMENSIONS - 1;
  const axisOf = new Map(TINY_MODEL_SYNONYMS.flatMap((group, axis) => group.map((word) => [word, axis] as const)));
  vocabulary.forEach((token, row) => {
    const at = (axis: number, weight: number): void => void (table[row * TINY_MODEL_DIMENSIONS + axis] = weight);
    const axis = axisOf.get(token);
    if (axis !== undefined) at(axis, 1);
    else if (STOP_WORDS.includes(token)) at(shared, STOP_WORD_WEIGHT);
    else if (token === '[CLS]' || token === '[SEP]') at(shared, SEPARATOR_WEIGHT);
    else if (token === '[UNK]') at(shared - 1, UNKNOWN_WEIGHT);
  });
  return table;
}

function modelConfig(vocabularySize: number): Record<string, unknown> {
  return {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: TINY_MODEL_DIMENSIONS,
    vocab_size: vocabularySize,
    max_position_embeddings: MAX_TOKENS,
    type_vocab_size: 2,
    pad_token_id: 0,
  };
}

function tokenizerConfig(): Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: MAX_TOKENS,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    clean_up_tokenization_spaces: true,
  };
}

/** A Hugging Face `tokenizer.json` of a BERT WordPiece tokenizer over `vocabulary` (ids in its order). */
function tokenizerJson(vocabulary: readonly string[]): Record<string, unknown> {
  const id = (token: string): number => vocabulary.indexOf(token);
  const special = (token: string): Record<string, unknown> => ({ SpecialToken: { id: token, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: id(token),
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, special('[SEP]')],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((token) => [token, { id: token, ids: [id(token)], tokens: [token] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocabulary.map((token, i) => [token, i])),
    },
  };
}

/** The ONNX ModelProto (binary) of `last_hidden_state = Gather(embeddings, input_ids)`. */
function onnxModel(table: Float32Array, vocabularySize: number): Uint8Array {
  const ModelProto = protobuf.parse(ONNX_PROTO, { keepCase: true }).root.lookupType('onnx.ModelProto');
  const tensor = (name: string, elemType: number, dims: readonly (number | string)[]): Record<string, unknown> => ({
    name,
    type: { tensor_type: { elem_type: elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } } },
  });
  const model = ModelProto.fromObject({
    ir_version: ONNX_IR_VERSION,
    producer_name: 'orchestra-test-kit',
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    graph: {
      name: 'tiny-sentence-model',
      node: [
        {
          name: 'token_embeddings',
          op_type: 'Gather',
          input: ['embeddings', 'input_ids'],
          output: ['last_hidden_state'],
          attribute: [{ name: 'axis', type: ATTRIBUTE_INT, i: 0 }],
        },
      ],
      initializer: [
        {
          name: 'embeddings',
          data_type: FLOAT,
          dims: [vocabularySize, TINY_MODEL_DIMENSIONS],
          raw_data: Buffer.from(table.buffer, table.byteOffset, table.byteLength),
        },
      ],
      input: ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => tensor(name, INT64, ['batch', 'sequence'])),
      output: [tensor('last_hidden_state', FLOAT, ['batch', 'sequence', TINY_MODEL_DIMENSIONS])],
    },
  });
  return ModelProto.encode(model).finish();
}
