/**
 * Writes a tiny BERT-shaped cross-encoder (BertForSequenceClassification, one label) into a folder, for
 * loading through the real transformers.js path offline. The tokenizer is the tiny-bert fixture's; the
 * graph is hand-checkable: logit = 10 · (share of non-padding tokens that are "revenue").
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeOnnxModel, type OnnxGraph } from '../../src/testing/onnx-writer.ts';
import { TINY_BERT_DIR, TINY_BERT_MAX_LENGTH, tinyBertVocab } from '../../src/testing/make-tiny-model.ts';

const HIDDEN = 4;

function graph(vocab: string[]): OnnxGraph {
  const words = new Float32Array(vocab.length * HIDDEN);
  words[vocab.indexOf('revenue') * HIDDEN] = 1;
  const ids = (name: string) => ({ name, type: 'int64' as const, shape: ['batch_size', 'sequence_length'] });
  return {
    name: 'tiny_cross_encoder',
    inputs: [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')],
    outputs: [{ name: 'logits', type: 'float', shape: ['batch_size', 1] }],
    initializers: [
      { name: 'word_embeddings', type: 'float', dims: [vocab.length, HIDDEN], values: words },
      { name: 'classifier', type: 'float', dims: [HIDDEN, 1], values: Float32Array.from([10, 0, 0, 0]) },
      { name: 'last_axis', type: 'int64', dims: [1], values: BigInt64Array.from([-1n]) },
      { name: 'sequence_axis', type: 'int64', dims: [1], values: BigInt64Array.from([1n]) },
    ],
    nodes: [
      { op: 'Gather', inputs: ['word_embeddings', 'input_ids'], outputs: ['embedded'] },
      { op: 'Cast', inputs: ['attention_mask'], outputs: ['mask_float'], attributes: { to: 1 } },
      { op: 'Unsqueeze', inputs: ['mask_float', 'last_axis'], outputs: ['mask'] },
      { op: 'Mul', inputs: ['embedded', 'mask'], outputs: ['masked'] },
      { op: 'ReduceSum', inputs: ['masked', 'sequence_axis'], outputs: ['summed'], attributes: { keepdims: 0 } },
      { op: 'ReduceSum', inputs: ['mask', 'sequence_axis'], outputs: ['count'], attributes: { keepdims: 0 } },
      { op: 'Div', inputs: ['summed', 'count'], outputs: ['pooled'] },
      { op: 'MatMul', inputs: ['pooled', 'classifier'], outputs: ['logits'] },
    ],
  };
}

/** Writes config.json, tokenizer files and onnx/model{,_quantized}.onnx into `dir`. */
export function writeTinyCrossEncoder(dir: string): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const vocab = tinyBertVocab();
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    architectures: ['BertForSequenceClassification'], model_type: 'bert', hidden_size: HIDDEN, num_hidden_layers: 1, num_attention_heads: 1,
    intermediate_size: 8, vocab_size: vocab.length, max_position_embeddings: TINY_BERT_MAX_LENGTH, type_vocab_size: 2, pad_token_id: 0,
    id2label: { 0: 'LABEL_0' }, label2id: { LABEL_0: 0 },
  }));
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) copyFileSync(join(TINY_BERT_DIR, file), join(dir, file));
  const model = encodeOnnxModel(graph(vocab));
  writeFileSync(join(dir, 'onnx', 'model.onnx'), model);
  writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), model);
}
