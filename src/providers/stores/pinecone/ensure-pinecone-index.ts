/**
 * Index lifecycle for the Pinecone store: describe, create the serverless dotproduct index when
 * missing (dimension from the embedder, identity in tags), wait until it is ready, and refuse an
 * index of another width, metric or embedder with typed errors.
 */
import type { IndexModel, Pinecone } from '@pinecone-database/pinecone';
import { PropoError } from '../../../core/errors/index.ts';
import type { IndexIdentity } from '../../../core/ports/index.ts';
import { abortableSleep } from '../../../core/resilience/index.ts';
import { httpStatusOf } from './pinecone-http-error.ts';
import { EMBEDDER_TAG, embedderFromTag, embedderTagValue, identityTags } from './pinecone-identity.ts';

/** Runs one Pinecone request with the store's retries and error mapping. */
export type PineconeCall = <T>(action: string, work: () => Promise<T>) => Promise<T>;

export interface IndexSettings { index: string; cloud?: string; region?: string; readyTimeoutMs?: number; pollMs?: number }

/** The index description, or null when it does not exist. */
export async function describePineconeIndex(client: Pinecone, name: string, call: PineconeCall): Promise<IndexModel | null> {
  try {
    return await call('describe the index', () => client.describeIndex(name));
  } catch (error) {
    if (httpStatusOf(error) === 404) return null;
    throw error;
  }
}

/** Opens (creating if needed) the index for `identity` and returns its ready description. */
export async function ensurePineconeIndex(client: Pinecone, settings: IndexSettings, identity: IndexIdentity, call: PineconeCall): Promise<IndexModel> {
  const existing = await describePineconeIndex(client, settings.index, call);
  const model = await waitUntilReady(client, settings, existing ?? (await createIndex(client, settings, identity, call)), call);
  const where = `Pinecone index "${settings.index}"`;
  const reindex = 'Run `bin/propo reindex` (or point PINECONE_INDEX at a new index).';
  if (model.dimension !== identity.dimensions) {
    throw new PropoError('PROPO_ERR_EMBEDDER_MISMATCH', `${where} holds ${model.dimension ?? '?'}-dimensional vectors but the embedder "${identity.embedder}" makes ${identity.dimensions}. ${reindex}`);
  }
  if (model.metric !== 'dotproduct') {
    throw new PropoError('PROPO_ERR_PINECONE', `${where} uses the ${model.metric} metric; Propo needs dotproduct for sparse-dense hybrid search. Point PINECONE_INDEX at a new index.`, { retryable: false });
  }
  const stored = model.tags?.[EMBEDDER_TAG];
  if (stored === undefined) {
    const stats = await call('read index stats', () => client.index({ host: model.host }).describeIndexStats());
    if ((stats.totalRecordCount ?? 0) > 0) {
      throw new PropoError('PROPO_ERR_EMBEDDER_MISMATCH', `${where} holds vectors but records no embedder, so it may come from another model. ${reindex}`);
    }
    await call('tag the index', () => client.configureIndex({ name: settings.index, tags: identityTags(identity) }));
  } else if (stored !== embedderTagValue(identity.embedder)) {
    throw new PropoError('PROPO_ERR_EMBEDDER_MISMATCH', `${where} was built by embedder "${embedderFromTag(stored)}" but the configured embedder is "${identity.embedder}". ${reindex}`);
  }
  return model;
}

async function createIndex(client: Pinecone, settings: IndexSettings, identity: IndexIdentity, call: PineconeCall): Promise<IndexModel> {
  try {
    const created = await call('create the index', () => client.createIndex({
      name: settings.index, dimension: identity.dimensions, metric: 'dotproduct', vectorType: 'dense',
      spec: { serverless: { cloud: settings.cloud ?? 'aws', region: settings.region ?? 'us-east-1' } },
      tags: identityTags(identity), waitUntilReady: false,
    }));
    if (created) return created;
  } catch (error) {
    if (httpStatusOf(error) !== 409) throw error; // created concurrently by another process: use it
  }
  const model = await describePineconeIndex(client, settings.index, call);
  if (model === null) throw new PropoError('PROPO_ERR_PINECONE', `Pinecone index "${settings.index}" was created but cannot be described. Retry.`);
  return model;
}

async function waitUntilReady(client: Pinecone, settings: IndexSettings, initial: IndexModel, call: PineconeCall): Promise<IndexModel> {
  const timeoutMs = settings.readyTimeoutMs ?? 300_000;
  const deadline = Date.now() + timeoutMs;
  let model = initial;
  while (!model.status.ready) {
    if (Date.now() > deadline) {
      throw new PropoError('PROPO_ERR_PINECONE', `Pinecone index "${settings.index}" is still ${model.status.state} after ${timeoutMs / 1000} s. Check the Pinecone console, then retry.`);
    }
    await abortableSleep(settings.pollMs ?? 1000);
    model = (await describePineconeIndex(client, settings.index, call)) ?? model;
  }
  return model;
}
