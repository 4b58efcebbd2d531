/** Every embedder adapter runs the same conformance suite (src/testing/embedder-conformance.ts). */
import { after, before } from 'node:test';
import { runEmbedderSuite } from '../../testing/embedder-conformance.ts';
import { TINY_BERT_DIR } from '../../testing/make-tiny-model.ts';
import { startOpenAiEmbeddingsServer, type OpenAiEmbeddingsServer } from '../../testing/openai-embeddings-server.ts';
import { createHashEmbedder } from './hash/index.ts';
import { createOpenAiEmbedder } from './openai/index.ts';
import { createTransformersEmbedder } from './transformers/index.ts';

runEmbedderSuite({ name: 'hash', semantic: true, create: async () => createHashEmbedder() });

// The tiny fixture model has random weights: it exercises loading, tokenising, pooling and normalising, not meaning.
runEmbedderSuite({
  name: 'transformers (tiny BERT fixture, fp32)',
  semantic: false,
  tolerance: 1e-4,
  create: async () => createTransformersEmbedder({ model: 'propo/tiny-bert', modelPath: TINY_BERT_DIR, dtype: 'fp32', maxInputsPerCall: 4 }),
});

let server: OpenAiEmbeddingsServer;
before(async () => {
  server = await startOpenAiEmbeddingsServer({ apiKey: 'sk-test', reverseOrder: true });
});
after(async () => {
  await server.close();
});
// The local server embeds with the hash embedder, so paraphrases do score higher.
runEmbedderSuite({
  name: 'openai (local wire-format server)',
  semantic: true,
  create: async () => createOpenAiEmbedder({ baseUrl: server.baseUrl, apiKey: 'sk-test', model: 'text-embedding-3-small', dimensions: 256, maxInputsPerCall: 8 }),
});
