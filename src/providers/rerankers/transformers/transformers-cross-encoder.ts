/**
 * A `CrossEncoder` on transformers.js: `AutoTokenizer` + `AutoModelForSequenceClassification`, loaded
 * lazily like the transformers embedder — a Hub id (cached under `cacheDir`) or a local `modelPath`
 * (nothing downloaded). The score of a pair is the sigmoid of the last logit (ms-marco cross-encoders
 * have one). NOTE for the lead: this adapter imports a vendor SDK, so it belongs in
 * src/providers/rerankers/transformers/ — it lives here only because that path is not mine.
 */
import path from 'node:path';
import type { PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { PropoError } from '../../../core/errors/index.ts';
import type { CrossEncoder } from '../../../core/moe/index.ts';

export interface TransformersCrossEncoderOptions {
  model?: string;
  modelPath?: string;
  dtype?: 'q8' | 'fp32';
  cacheDir?: string;
}

interface Loaded { tokenizer: PreTrainedTokenizer; model: PreTrainedModel }

export function createTransformersCrossEncoder(options: TransformersCrossEncoderOptions = {}): CrossEncoder & { load(): Promise<void> } {
  const model = options.model ?? 'cross-encoder/ms-marco-MiniLM-L-6-v2';
  const dtype = options.dtype ?? 'q8';
  const modelPath = options.modelPath === undefined ? undefined : path.resolve(options.modelPath);
  let loading: Promise<Loaded> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const load = (): Promise<Loaded> => {
    loading ??= loadModel(model, modelPath, dtype, options.cacheDir).catch((error: unknown) => { loading = undefined; throw error; });
    return loading;
  };

  return {
    name: `${model}:${dtype}`,
    async load() { await load(); },
    async score(query, passages, signal) {
      signal?.throwIfAborted();
      const loaded = await load();
      const turn = queue.then(async () => {
        if (passages.length === 0) return [];
        const inputs = loaded.tokenizer(passages.map(() => query), { text_pair: [...passages], padding: true, truncation: true });
        const output = await loaded.model(inputs) as { logits: Tensor };
        const data = output.logits.data as Float32Array;
        const labels = data.length / passages.length;
        return passages.map((_, i) => 1 / (1 + Math.exp(-(data[i * labels + labels - 1] as number))));
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
    async close() {
      const current = loading;
      loading = undefined;
      if (current) await (await current.catch(() => null))?.model.dispose();
    },
  };
}

async function loadModel(model: string, modelPath: string | undefined, dtype: 'q8' | 'fp32', cacheDir: string | undefined): Promise<Loaded> {
  const source = modelPath ?? model;
  const pretrained = {
    dtype, device: 'cpu' as const, local_files_only: modelPath !== undefined,
    ...(modelPath === undefined && cacheDir !== undefined ? { cache_dir: cacheDir } : {}),
  };
  try {
    const { AutoModelForSequenceClassification, AutoTokenizer } = await import('@huggingface/transformers');
    const [tokenizer, loaded] = await Promise.all([AutoTokenizer.from_pretrained(source, pretrained), AutoModelForSequenceClassification.from_pretrained(source, pretrained)]);
    return { tokenizer, model: loaded };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const file = dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
    const message = modelPath === undefined
      ? `Could not load reranker model ${model} (${reason}). Without internet access, download it elsewhere and set moe.reranker.modelPath to a folder with config.json, tokenizer.json, tokenizer_config.json and ${file}; or use moe.reranker.stage1=features.`
      : `Could not load reranker model from ${modelPath} (${reason}). The folder needs config.json, tokenizer.json, tokenizer_config.json and ${file}.`;
    throw new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', message, { cause: error, retryable: false });
  }
}
