/** Builds the Pinecone store from validated config (the registry in src/app/create-vector-store.ts calls it). */
import { join } from 'node:path';
import type { PropoConfig } from '../../../core/config/index.ts';
import { PropoError } from '../../../core/errors/index.ts';
import { createPineconeStore, type PineconeStore, type PineconeStoreOptions } from './pinecone-store.ts';

/** File (in the data dir) holding the BM25 encoder's corpus statistics. */
export const BM25_ENCODER_FILE = 'bm25-encoder.json';

export function createPineconeStoreFromConfig(
  config: Pick<PropoConfig, 'dataDir' | 'vectorStore'>,
  extra: Partial<PineconeStoreOptions> = {},
): PineconeStore {
  const pinecone = config.vectorStore.pinecone;
  if (pinecone.apiKey === undefined || pinecone.apiKey.trim() === '') {
    throw new PropoError('PROPO_ERR_CONFIG_INVALID', 'VECTOR_STORE=pinecone needs an API key. Set PINECONE_API_KEY (vectorStore.pinecone.apiKey).');
  }
  return createPineconeStore({
    apiKey: pinecone.apiKey, index: pinecone.index, cloud: pinecone.cloud, region: pinecone.region,
    ...(pinecone.controllerHost ? { controllerHost: pinecone.controllerHost } : {}),
    encoderPath: join(config.dataDir, BM25_ENCODER_FILE),
    ...extra,
  });
}
