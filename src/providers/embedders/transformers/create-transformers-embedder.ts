/**
 * Local semantic embeddings with transformers.js (ONNX Runtime on the CPU), e.g. BAAI/bge-small-en-v1.5.
 * The model loads lazily on the first embed. All loading options are passed per call (`local_files_only`,
 * `cache_dir`, `dtype`), never through the library's global `env`, so two embedders cannot disturb each other.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { l2Normalize, throwIfAborted } from '../../../core/embed/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { Embedder } from '../../../core/ports/index.ts';
import { defaultPooling, defaultQueryInstruction } from './model-defaults.ts';

export interface TransformersEmbedderOptions {
  /** Hub model id; also the identity in `name` when `modelPath` is used (default BAAI/bge-small-en-v1.5). */
  model?: string;
  /** Local folder with config.json, tokenizer.json, tokenizer_config.json, onnx/model[_quantized].onnx. Nothing is downloaded. */
  modelPath?: string;
  /** q8 loads onnx/model_quantized.onnx, fp32 onnx/model.onnx (default q8). */
  dtype?: 'q8' | 'fp32';
  /** Where downloaded files are cached (e.g. `<dataDir>/models`); ignored with `modelPath`. */
  cacheDir?: string;
  /** Default: `cls` for BGE models, `mean` otherwise. */
  pooling?: 'cls' | 'mean';
  /** Prefix for queries; default: the BGE English retrieval instruction for BGE models, none otherwise. */
  queryInstruction?: string;
  /** Used as `dimensions` until the model is loaded and its hidden_size is known (default 384). */
  expectedDimensions?: number;
  /** Texts per ONNX run (default 32). */
  maxInputsPerCall?: number;
}

/** An Embedder whose model can be loaded ahead of the first embed (e.g. to know `dimensions` exactly). */
export interface TransformersEmbedder extends Embedder {
  load(): Promise<void>;
}

interface Loaded {
  extractor: FeatureExtractionPipeline;
  dimensions: number;
}

/** Creates the `transformers:<model>:<dtype>` embedder. */
export function createTransformersEmbedder(options: TransformersEmbedderOptions = {}): TransformersEmbedder {
  const model = options.model ?? 'BAAI/bge-small-en-v1.5';
  const dtype = options.dtype ?? 'q8';
  const pooling = options.pooling ?? defaultPooling(model);
  const queryInstruction = options.queryInstruction ?? defaultQueryInstruction(model);
  const modelPath = options.modelPath === undefined ? undefined : path.resolve(options.modelPath);
  let loaded: Loaded | undefined;
  let loading: Promise<Loaded> | undefined;
  // One ONNX run at a time: runs are CPU-bound and the session is shared.
  let queue: Promise<unknown> = Promise.resolve();

  const localHiddenSize = (): number | undefined => {
    if (modelPath === undefined) return undefined;
    try {
      return hiddenSizeOf(JSON.parse(readFileSync(path.join(modelPath, 'config.json'), 'utf8')));
    } catch {
      return undefined;
    }
  };

  const load = (): Promise<Loaded> => {
    loading ??= loadPipeline(model, modelPath, dtype, options.cacheDir).then(
      (result) => (loaded = result),
      (error: unknown) => {
        loading = undefined; // a later call may retry, e.g. once the files are in place
        throw error;
      },
    );
    return loading;
  };

  const run = async (texts: string[], signal: AbortSignal | undefined): Promise<Float32Array[]> => {
    throwIfAborted(signal);
    const { extractor, dimensions } = await load();
    const turn = queue.then(async () => {
      throwIfAborted(signal);
      if (texts.length === 0) return [];
      const output = await extractor(texts, { pooling, normalize: true });
      const data = output.data as Float32Array;
      return texts.map((_, i) => l2Normalize(data.slice(i * dimensions, (i + 1) * dimensions)));
    });
    queue = turn.catch(() => undefined);
    const vectors = await turn;
    throwIfAborted(signal);
    return vectors;
  };

  let fileDimensions: number | undefined;
  return {
    name: `transformers:${model}:${dtype}`,
    get dimensions() {
      if (loaded !== undefined) return loaded.dimensions;
      fileDimensions ??= localHiddenSize();
      return fileDimensions ?? options.expectedDimensions ?? 384;
    },
    maxInputsPerCall: options.maxInputsPerCall ?? 32,
    supportsParallelCalls: false,
    async load() {
      await load();
    },
    embed: (texts, callOptions) => run(texts, callOptions?.signal),
    async embedQuery(text, callOptions) {
      const [vector] = await run([`${queryInstruction}${text}`], callOptions?.signal);
      if (vector === undefined) throw new PropoError('PROPO_ERR_INTERNAL', 'The embedding model returned no vector for the query.');
      return vector;
    },
    async close() {
      const current = loaded;
      loaded = undefined;
      loading = undefined;
      await current?.extractor.dispose();
    },
  };
}

function hiddenSizeOf(config: unknown): number | undefined {
  const value = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)['hidden_size'] : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

async function loadPipeline(model: string, modelPath: string | undefined, dtype: 'q8' | 'fp32', cacheDir: string | undefined): Promise<Loaded> {
  const source = modelPath ?? model;
  const pretrained = {
    dtype,
    device: 'cpu' as const,
    local_files_only: modelPath !== undefined,
    ...(modelPath === undefined && cacheDir !== undefined ? { cache_dir: cacheDir } : {}),
  };
  try {
    // transformers.js (and onnxruntime) load on first use, not when the CLI starts.
    const { AutoModel, AutoTokenizer, FeatureExtractionPipeline } = await import('@huggingface/transformers');
    const [tokenizer, loadedModel] = await Promise.all([AutoTokenizer.from_pretrained(source, pretrained), AutoModel.from_pretrained(source, pretrained)]);
    const dimensions = hiddenSizeOf(loadedModel.config);
    if (dimensions === undefined) throw new Error('config.json has no positive integer hidden_size');
    return { extractor: new FeatureExtractionPipeline({ task: 'feature-extraction', model: loadedModel, tokenizer }), dimensions };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const file = dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx';
    const message = modelPath === undefined
      ? `Could not load embedding model ${model} (${reason}). Without internet access, download it elsewhere and set EMBED_MODEL_PATH to a folder with config.json, tokenizer.json, tokenizer_config.json and ${file}; or use EMBEDDER=hash.`
      : `Could not load embedding model from ${modelPath} (${reason}). The folder needs config.json, tokenizer.json, tokenizer_config.json and ${file} (EMBED_DTYPE=${dtype}).`;
    throw new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', message, { cause: error, retryable: false });
  }
}
