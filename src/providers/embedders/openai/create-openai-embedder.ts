/**
 * Embeddings from any OpenAI-compatible server (OpenAI, Azure-compatible gateways, vLLM, Ollama, LM Studio …):
 * POST {baseUrl}/embeddings. One call embeds one batch; batching, retries and concurrency live in `embedMany`.
 */
import { l2Normalize, throwIfAborted } from '../../../core/embed/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import type { Embedder } from '../../../core/ports/index.ts';
import { errorForStatus } from './openai-error.ts';

export interface OpenAiEmbedderOptions {
  /** The `/v1` base URL, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /**
   * Vector length; required because an index must know it before the first call. Every response is checked
   * against it. Sent as the `dimensions` request field only when `sendDimensions` is true.
   */
  dimensions: number;
  /** Ask the server to shorten vectors (text-embedding-3-*). Default: true for text-embedding-3 models. */
  sendDimensions?: boolean;
  /** Inputs per request (default 96; OpenAI accepts up to 2048). */
  maxInputsPerCall?: number;
  /** Per-request time limit (default 30 s) → PROPO_ERR_TIMEOUT, retryable. */
  timeoutMs?: number;
  /** Longer inputs are cut to this many characters so the server's token limit is not hit (default 16,000). */
  maxInputChars?: number;
}

interface EmbeddingsResponse {
  data?: { index?: unknown; embedding?: unknown }[];
}

/** Creates the `openai:<model>:<dimensions>` embedder. */
export function createOpenAiEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
  const { model, dimensions } = options;
  const sendDimensions = options.sendDimensions ?? model.startsWith('text-embedding-3');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxInputChars = options.maxInputChars ?? 16_000;

  const embed = async (texts: string[], signal: AbortSignal | undefined): Promise<Float32Array[]> => {
    throwIfAborted(signal);
    if (texts.length === 0) return [];
    // The API rejects empty strings; a single space embeds "nothing" without failing the whole batch.
    const input = texts.map((text) => (text.length === 0 ? ' ' : text.slice(0, maxInputChars)));
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }) },
        body: JSON.stringify({ model, input, encoding_format: 'float', ...(sendDimensions ? { dimensions } : {}) }),
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
      body = await response.text();
    } catch (error) {
      throwIfAborted(signal);
      if (timeout.aborted) throw new PropoError('PROPO_ERR_TIMEOUT', `The embeddings server at ${url} did not answer within ${timeoutMs} ms. Check the server or raise the timeout.`, { cause: error });
      throw new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', `Could not reach the embeddings server at ${url}. Check EMBED_BASE_URL and the network.`, { cause: error });
    }
    if (!response.ok) throw errorForStatus(response.status, body, response.headers, url);
    return parseVectors(body, texts.length);
  };

  const parseVectors = (body: string, count: number): Float32Array[] => {
    const bad = (what: string): PropoError => new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', `The embeddings server at ${url} sent an unexpected response (${what}). Check that it is OpenAI-compatible.`, { retryable: false });
    let parsed: EmbeddingsResponse;
    try {
      parsed = JSON.parse(body) as EmbeddingsResponse;
    } catch {
      throw bad('not JSON');
    }
    if (!Array.isArray(parsed.data) || parsed.data.length !== count) throw bad(`expected ${count} items in data`);
    const vectors = new Array<Float32Array>(count);
    for (const item of parsed.data) {
      const { index, embedding } = item;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count || vectors[index] !== undefined) throw bad('bad or repeated index');
      if (!Array.isArray(embedding) || !embedding.every((value) => typeof value === 'number')) throw bad('embedding is not a list of numbers');
      if (embedding.length !== dimensions) {
        throw new PropoError('PROPO_ERR_EMBEDDER_UNAVAILABLE', `The model ${model} returned ${embedding.length}-dimensional vectors but embedder.dimensions is ${dimensions}. Set embedder.dimensions to ${embedding.length}.`, { retryable: false });
      }
      vectors[index] = l2Normalize(Float32Array.from(embedding as number[]));
    }
    return vectors;
  };

  return {
    name: `openai:${model}:${dimensions}`,
    dimensions,
    maxInputsPerCall: options.maxInputsPerCall ?? 96,
    supportsParallelCalls: true,
    embed: (texts, callOptions) => embed(texts, callOptions?.signal),
    async embedQuery(text, callOptions) {
      const [vector] = await embed([text], callOptions?.signal);
      if (vector === undefined) throw new PropoError('PROPO_ERR_INTERNAL', 'The embeddings server returned no vector for the query.');
      return vector;
    },
  };
}
