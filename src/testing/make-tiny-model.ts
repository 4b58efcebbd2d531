/**
 * Generates the tiny BERT-shaped model under src/testing/fixtures/tiny-bert/ that tests load through the real
 * transformers.js code path (config → WordPiece tokenizer → ONNX session → pooling → normalising), offline.
 *
 * The graph is not a trained BERT: token + token-type embeddings, masked, plus the masked mean over the
 * sequence (so the [CLS] position depends on the whole input), through tanh → `last_hidden_state`
 * [batch, sequence, 32]. `model_quantized.onnx` holds the same weights rounded to 8-bit levels, so a test can
 * tell which file a dtype loaded. Deterministic: same bytes on every run.
 *
 *   node --import ./bin/register.mjs src/testing/make-tiny-model.ts   # rewrites the fixture folder
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeOnnxModel, type OnnxGraph } from './onnx-writer.ts';
import { seededRandom } from '../core/eval/seeded-random.ts';

export const TINY_BERT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'tiny-bert');
export const TINY_BERT_HIDDEN_SIZE = 32;
/** Tokens past this are truncated by the tokenizer (tokenizer_config.json model_max_length). */
export const TINY_BERT_MAX_LENGTH = 64;

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const WORDS = ['the', 'cat', 'sat', 'on', 'mat', 'dog', 'revenue', 'grew', 'quarterly', 'a', 'of', 'and', 'is', 'in'];
const PUNCTUATION = '.,;:!?-\'"()'.split('');

/** The vocabulary: specials, whole words, single characters and their `##` continuations, punctuation. */
export function tinyBertVocab(): string[] {
  const single = LETTERS.filter((letter) => !WORDS.includes(letter));
  return [...SPECIAL, ...WORDS, ...single, ...LETTERS.map((letter) => `##${letter}`), ...PUNCTUATION];
}

/** Deterministic pseudo-random numbers in [-1, 1) (mulberry32, shared with the eval harness). */
function random(seed: number): () => number {
  const next = seededRandom(seed);
  return () => next() * 2 - 1;
}

function graph(vocabSize: number, quantized: boolean): OnnxGraph {
  const next = random(42);
  const weights = (count: number): Float32Array => {
    const values = Float32Array.from({ length: count }, () => next());
    return quantized ? values.map((value) => Math.round(value * 127) / 127) : values;
  };
  const h = TINY_BERT_HIDDEN_SIZE;
  const ids = (name: string) => ({ name, type: 'int64' as const, shape: ['batch_size', 'sequence_length'] });
  return {
    name: 'tiny_bert',
    inputs: [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')],
    outputs: [{ name: 'last_hidden_state', type: 'float', shape: ['batch_size', 'sequence_length', h] }],
    initializers: [
      { name: 'word_embeddings', type: 'float', dims: [vocabSize, h], values: weights(vocabSize * h) },
      { name: 'token_type_embeddings', type: 'float', dims: [2, h], values: weights(2 * h) },
      { name: 'last_axis', type: 'int64', dims: [1], values: BigInt64Array.from([-1n]) },
      { name: 'sequence_axis', type: 'int64', dims: [1], values: BigInt64Array.from([1n]) },
    ],
    nodes: [
      { op: 'Gather', inputs: ['word_embeddings', 'input_ids'], outputs: ['words'] },
      { op: 'Gather', inputs: ['token_type_embeddings', 'token_type_ids'], outputs: ['types'] },
      { op: 'Add', inputs: ['words', 'types'], outputs: ['embedded'] },
      { op: 'Cast', inputs: ['attention_mask'], outputs: ['mask_float'], attributes: { to: 1 } },
      { op: 'Unsqueeze', inputs: ['mask_float', 'last_axis'], outputs: ['mask'] },
      { op: 'Mul', inputs: ['embedded', 'mask'], outputs: ['masked'] },
      { op: 'ReduceSum', inputs: ['masked', 'sequence_axis'], outputs: ['summed'], attributes: { keepdims: 1 } },
      { op: 'ReduceSum', inputs: ['mask', 'sequence_axis'], outputs: ['count'], attributes: { keepdims: 1 } },
      { op: 'Div', inputs: ['summed', 'count'], outputs: ['context'] },
      { op: 'Add', inputs: ['embedded', 'context'], outputs: ['mixed'] },
      { op: 'Tanh', inputs: ['mixed'], outputs: ['last_hidden_state'] },
    ],
  };
}

function tokenizerJson(vocab: string[]): unknown {
  const id = (token: string): number => vocab.indexOf(token);
  const special = (token: string) => ({ id: id(token), content: token, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const piece = (token: string) => ({ SpecialToken: { id: token, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [piece('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, piece('[SEP]')],
      pair: [piece('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, piece('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((token) => [token, { id: token, ids: [id(token)], tokens: [token] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((token, index) => [token, index])) },
  };
}

/** Every fixture file, relative path → bytes. */
export function makeTinyBertFiles(): Map<string, Uint8Array> {
  const vocab = tinyBertVocab();
  const json = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  return new Map([
    ['config.json', json({
      architectures: ['BertModel'], model_type: 'bert', hidden_size: TINY_BERT_HIDDEN_SIZE, num_hidden_layers: 2, num_attention_heads: 2,
      intermediate_size: 64, vocab_size: vocab.length, max_position_embeddings: TINY_BERT_MAX_LENGTH, type_vocab_size: 2, pad_token_id: 0,
    })],
    ['tokenizer.json', json(tokenizerJson(vocab))],
    ['tokenizer_config.json', json({
      tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: TINY_BERT_MAX_LENGTH,
      cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]',
    })],
    ['onnx/model.onnx', encodeOnnxModel(graph(vocab.length, false))],
    ['onnx/model_quantized.onnx', encodeOnnxModel(graph(vocab.length, true))],
  ]);
}

/** Writes the fixture files into `dir` (default: the committed fixture folder). */
export function writeTinyBert(dir: string = TINY_BERT_DIR): void {
  for (const [relative, bytes] of makeTinyBertFiles()) {
    const target = path.join(dir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeTinyBert();
  console.log(`wrote ${TINY_BERT_DIR}`);
}
