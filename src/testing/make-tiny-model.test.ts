import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TINY_BERT_DIR, makeTinyBertFiles, tinyBertVocab } from './make-tiny-model.ts';

void describe('make-tiny-model', () => {
  void it('reproduces the committed fixture byte for byte', () => {
    const files = makeTinyBertFiles();
    assert.deepEqual([...files.keys()].sort(), ['config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json']);
    let total = 0;
    for (const [relative, bytes] of files) {
      const committed = readFileSync(path.join(TINY_BERT_DIR, relative));
      assert.ok(Buffer.from(bytes).equals(committed), `${relative} differs: run src/testing/make-tiny-model.ts`);
      total += statSync(path.join(TINY_BERT_DIR, relative)).size;
    }
    assert.ok(total < 200_000, `${total} bytes`);
  });

  void it('has a vocabulary without duplicates that covers every lowercase letter and digit', () => {
    const vocab = tinyBertVocab();
    assert.equal(new Set(vocab).size, vocab.length);
    for (const char of 'abcdefghijklmnopqrstuvwxyz0123456789') {
      assert.ok(vocab.includes(char) && vocab.includes(`##${char}`), char);
    }
  });
});
