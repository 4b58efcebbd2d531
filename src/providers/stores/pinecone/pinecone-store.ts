/**
 * Pinecone serverless implementation of the `VectorStore` port, through the official SDK.
 * One dotproduct index holds sparse-dense vectors: dense vectors are stored unit-length (dot = cosine)
 * and BM25 sparse vectors come from a `Bm25Encoder` fitted as records are written, so `searchDense`
 * returns cosine scores, `searchText` raw BM25 scores, and `searchHybrid` Pinecone's convex combination.
 * Record namespaces are Pinecone namespaces (reads without a namespace filter fan out over them);
 * vector ids are `<documentId>#<id>` so a document's vectors are found with `list({ prefix })`.
 * Every request is retried with exponential backoff on 429 (honouring Retry-After) and 5xx.
 * Serverless reads may lag writes: set `writeVisibility` to wait until written ids are readable.
 */
import { Pinecone, type Index, type IndexModel, type PineconeRecord } from '@pinecone-database/pinecone';
import { PropoError } from '../../../core/errors/index.ts';
import type { IndexIdentity, VectorFilter, VectorStore } from '../../../core/ports/index.ts';
import type { ScoredHit, VectorRecord } from '../../../core/domain/index.ts';
import { abortableSleep, retryWithBackoff } from '../../../core/resilience/index.ts';
import { Bm25Encoder, hybridScale, loadBm25Encoder, saveBm25Encoder, type SparseVector } from '../../../core/sparse/index.ts';
import { assertVectorDimensions } from '../lancedb/identity-check.ts';
import {
  batchRecords, documentPrefix, fromMetadata, fromPineconeNamespace, isEmptyFilter, normalize, parseVectorId, toMetadata, toMetadataFilter,
  toPineconeNamespace, vectorId, type PineconeMetadata,
} from './pinecone-codec.ts';
import { createPineconeFetch, toPineconeError } from './pinecone-http-error.ts';
import { describePineconeIndex, ensurePineconeIndex } from './ensure-pinecone-index.ts';

export interface PineconeStoreOptions {
  apiKey: string;
  /** Index name (lowercase letters, digits, '-'). Created on `open` when missing. */
  index: string;
  cloud?: string;
  region?: string;
  /** Control-plane URL override (tests: the local server). */
  controllerHost?: string;
  /** Prefix of this store's Pinecone namespaces, to share one index between stores (default ''). */
  namespacePrefix?: string;
  /** BM25 encoder for sparse vectors; default: loaded from `encoderPath` on open (or new). Saved there after each write. */
  encoder?: Bm25Encoder;
  encoderPath?: string;
  /** Vectors per upsert request, at most 100 (Pinecone recommends ≤ 100 and caps requests at 2 MB). */
  batchSize?: number;
  maxRequestBytes?: number;
  /** Retries per request on 429/5xx/network errors (default 5), first backoff (default 500 ms). */
  maxRetries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long `open` waits for a new index to become ready (default 300 s), polling every `pollMs`. */
  readyTimeoutMs?: number;
  pollMs?: number;
  /** When set, writes wait (up to `timeoutMs`) until the written ids are readable: serverless is eventually consistent. */
  writeVisibility?: { timeoutMs: number; pollMs?: number };
  /** Underlying fetch (default global fetch). */
  fetchApi?: typeof fetch;
}

const PAGE = 100;
const DELETE_CHUNK = 1000;
const MAX_TOP_K = 1000;
/** A dense part that is not all zeros but contributes < 1e-9 to any score: sparse-only queries on a dense index. */
const EPSILON = 1e-9;
const MIN_TEXT_SCORE = 1e-6;

/** Pinecone implementation of the `VectorStore` port. */
export class PineconeStore implements VectorStore {
  readonly name = 'pinecone';
  #encoder: Bm25Encoder | undefined;
  readonly #options: PineconeStoreOptions & { namespacePrefix: string; batchSize: number; maxRequestBytes: number };
  readonly #client: Pinecone;
  #index: Index | undefined;
  #identity: IndexIdentity | undefined;

  constructor(options: PineconeStoreOptions) {
    if (options.apiKey.trim() === '') {
      throw new PropoError('PROPO_ERR_CONFIG_INVALID', 'VECTOR_STORE=pinecone needs an API key. Set PINECONE_API_KEY.');
    }
    this.#options = {
      ...options, namespacePrefix: options.namespacePrefix ?? '', batchSize: Math.min(100, options.batchSize ?? 100),
      maxRequestBytes: options.maxRequestBytes ?? 2 * 1024 * 1024 - 64 * 1024,
    };
    this.#encoder = options.encoder;
    this.#client = new Pinecone({
      apiKey: options.apiKey, maxRetries: 0, fetchApi: createPineconeFetch(options.fetchApi),
      ...(options.controllerHost ? { controllerHostUrl: options.controllerHost } : {}),
    });
  }

  /** The BM25 encoder of sparse vectors (loaded from `encoderPath` on the first `open`). */
  get encoder(): Bm25Encoder {
    this.#encoder ??= new Bm25Encoder();
    return this.#encoder;
  }

  /** The Pinecone index name. */
  get indexName(): string {
    return this.#options.index;
  }

  async open(identity: IndexIdentity): Promise<void> {
    await this.close();
    const path = this.#options.encoderPath;
    if (this.#encoder === undefined && path !== undefined) this.#encoder = await loadBm25Encoder(path);
    const model = await ensurePineconeIndex(this.#client, this.#options, identity, (action, work) => this.#call(action, work));
    this.#index = this.#client.index({ host: model.host });
    this.#identity = identity;
  }

  /** The index description, or null when it does not exist. */
  async describe(): Promise<IndexModel | null> {
    return describePineconeIndex(this.#client, this.#options.index, (action, work) => this.#call(action, work));
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    const index = this.#requireIndex();
    for (const record of records) assertVectorDimensions(record, this.#identity as IndexIdentity);
    const unique = [...new Map(records.map((record) => [record.id, record])).values()];
    if (unique.length === 0) return;
    this.encoder.observe(unique.map((record) => record.text));
    const byNamespace = new Map<string, PineconeRecord[]>();
    for (const record of unique) {
      const namespace = toPineconeNamespace(this.#options.namespacePrefix, record.namespace);
      const sparse = this.encoder.encodeDocument(record.text);
      const list = byNamespace.get(namespace) ?? [];
      list.push({
        id: vectorId(record.documentId, record.id), values: normalize(record.vector), metadata: toMetadata(record),
        ...(sparse.indices.length > 0 ? { sparseValues: sparse } : {}),
      });
      byNamespace.set(namespace, list);
    }
    for (const [namespace, list] of byNamespace) {
      for (const batch of batchRecords(list, this.#options.batchSize, this.#options.maxRequestBytes)) {
        await this.#call('upsert vectors', () => index.upsert({ records: batch, namespace }));
      }
      await this.#awaitVisibility(namespace, list.map((record) => record.id), true);
    }
    if (this.#options.encoderPath !== undefined) await saveBm25Encoder(this.encoder, this.#options.encoderPath);
  }

  async deleteByDocument(documentId: string, namespace?: string): Promise<number> {
    const index = this.#requireIndex();
    let deleted = 0;
    for (const space of await this.#namespaces(namespace)) {
      const ids = await this.#listVectorIds(space, documentPrefix(documentId));
      for (let offset = 0; offset < ids.length; offset += DELETE_CHUNK) {
        const chunk = ids.slice(offset, offset + DELETE_CHUNK);
        await this.#call('delete vectors', () => index.deleteMany({ ids: chunk, namespace: space }));
      }
      await this.#awaitVisibility(space, ids, false);
      deleted += ids.length;
    }
    return deleted;
  }

  async searchDense(vector: Float32Array, k: number, filter?: VectorFilter): Promise<ScoredHit[]> {
    this.#requireIndex();
    assertVectorDimensions({ id: '(query)', vector }, this.#identity as IndexIdentity);
    const unit = normalize(vector);
    if (k <= 0 || isEmptyFilter(filter) || unit.every((value) => value === 0)) return [];
    return this.#query(unit, undefined, k, filter);
  }

  async searchText(text: string, k: number, filter?: VectorFilter): Promise<ScoredHit[]> {
    this.#requireIndex();
    const sparse = this.encoder.encodeQuery(text);
    if (k <= 0 || sparse.indices.length === 0 || isEmptyFilter(filter)) return [];
    const hits = await this.#query(this.#epsilonVector(), sparse, k, filter);
    return hits.filter((hit) => hit.score > MIN_TEXT_SCORE);
  }

  /**
   * One sparse-dense query: dense (cosine) scaled by `alpha`, BM25 by `1 - alpha` — Pinecone's convex
   * combination, with alpha from the configured fusion weights (`alphaFromWeights`).
   */
  async searchHybrid(vector: Float32Array, text: string, k: number, options: { alpha: number; filter?: VectorFilter }): Promise<ScoredHit[]> {
    this.#requireIndex();
    assertVectorDimensions({ id: '(query)', vector }, this.#identity as IndexIdentity);
    if (k <= 0 || isEmptyFilter(options.filter)) return [];
    const scaled = hybridScale(normalize(vector), this.encoder.encodeQuery(text), options.alpha);
    const dense = scaled.dense.every((value) => value === 0) ? this.#epsilonVector() : scaled.dense;
    return this.#query(dense, scaled.sparse.indices.length > 0 ? scaled.sparse : undefined, k, options.filter);
  }

  async count(filter?: VectorFilter): Promise<number> {
    this.#requireIndex();
    if (isEmptyFilter(filter)) return 0;
    if (toMetadataFilter(filter) !== undefined) return (await this.listIds(filter)).length;
    const stats = await this.#stats();
    const spaces = await this.#namespaces(filter?.namespace, stats);
    return spaces.reduce((sum, space) => sum + (stats[space] ?? 0), 0);
  }

  async listIds(filter?: VectorFilter): Promise<string[]> {
    this.#requireIndex();
    if (isEmptyFilter(filter)) return [];
    const ids: string[] = [];
    const metadataOnly = filter?.experts === undefined && filter?.unit === undefined;
    for (const space of await this.#namespaces(filter?.namespace)) {
      if (metadataOnly) {
        const prefixes = filter?.documentIds?.map(documentPrefix) ?? [''];
        for (const prefix of prefixes) ids.push(...(await this.#listVectorIds(space, prefix)).map((id) => parseVectorId(id).id));
      } else {
        for (const record of await this.#fetchByMetadata(space, toMetadataFilter(filter) ?? {})) ids.push(record.id);
      }
    }
    return ids;
  }

  async fetch(ids: string[]): Promise<VectorRecord[]> {
    this.#requireIndex();
    if (ids.length === 0) return [];
    const found = new Map<string, VectorRecord>();
    for (const space of await this.#namespaces(undefined)) {
      const missing = ids.filter((id) => !found.has(id));
      for (let offset = 0; offset < missing.length; offset += PAGE) {
        const chunk = missing.slice(offset, offset + PAGE);
        for (const record of await this.#fetchByMetadata(space, { id: { $in: chunk } })) found.set(record.id, record);
      }
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async listDocumentIds(): Promise<string[]> {
    this.#requireIndex();
    const documents = new Set<string>();
    for (const space of await this.#namespaces(undefined)) {
      for (const id of await this.#listVectorIds(space, '')) documents.add(parseVectorId(id).documentId);
    }
    return [...documents].sort();
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      const model = await this.describe();
      if (model === null) return { ok: false, detail: `index "${this.#options.index}" does not exist` };
      const state = model.status.state;
      return { ok: model.status.ready && this.#index !== undefined, detail: `index "${model.name}": ${state}, ${model.dimension ?? '?'} dims, ${model.metric}` };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    this.#index = undefined;
    this.#identity = undefined;
  }

  async #query(dense: number[], sparse: SparseVector | undefined, k: number, filter: VectorFilter | undefined): Promise<ScoredHit[]> {
    const index = this.#requireIndex();
    const metadataFilter = toMetadataFilter(filter);
    const spaces = await this.#namespaces(filter?.namespace);
    const results = await Promise.all(spaces.map(async (space) => {
      const response = await this.#call('query', () => index.query({
        vector: dense, topK: Math.min(k, MAX_TOP_K), includeMetadata: true, namespace: space,
        ...(sparse ? { sparseVector: sparse } : {}), ...(metadataFilter ? { filter: metadataFilter } : {}),
      }));
      const namespace = fromPineconeNamespace(this.#options.namespacePrefix, space) ?? space;
      return response.matches.map((match): ScoredHit => {
        const { vector: _vector, ...record } = fromMetadata((match.metadata ?? {}) as PineconeMetadata, namespace, undefined);
        return { id: record.id, score: match.score ?? 0, record };
      });
    }));
    return results.flat().sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, k);
  }

  async #fetchByMetadata(space: string, filter: object): Promise<VectorRecord[]> {
    const index = this.#requireIndex();
    const namespace = fromPineconeNamespace(this.#options.namespacePrefix, space) ?? space;
    const records: VectorRecord[] = [];
    let token: string | undefined;
    do {
      const current = token;
      const page = await this.#call('fetch vectors', () => index.fetchByMetadata({ filter, namespace: space, limit: PAGE, ...(current ? { paginationToken: current } : {}) }));
      for (const record of Object.values(page.records)) records.push(fromMetadata((record.metadata ?? {}) as PineconeMetadata, namespace, record.values));
      token = page.pagination?.next;
    } while (token);
    return records;
  }

  async #listVectorIds(space: string, prefix: string): Promise<string[]> {
    const index = this.#requireIndex();
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const current = token;
      const page = await this.#call('list vector ids', () => index.listPaginated({ prefix, namespace: space, limit: PAGE, ...(current ? { paginationToken: current } : {}) }));
      for (const item of page.vectors ?? []) if (item.id !== undefined) ids.push(item.id);
      token = page.pagination?.next;
    } while (token);
    return ids;
  }

  /** Record counts per Pinecone namespace. */
  async #stats(): Promise<Record<string, number>> {
    const index = this.#requireIndex();
    const stats = await this.#call('read index stats', () => index.describeIndexStats());
    return Object.fromEntries(Object.entries(stats.namespaces ?? {}).map(([name, summary]) => [name, summary.recordCount]));
  }

  /** This store's Pinecone namespaces: the one for `namespace`, or every one with the store's prefix. */
  async #namespaces(namespace: string | undefined, stats?: Record<string, number>): Promise<string[]> {
    if (namespace !== undefined) return [toPineconeNamespace(this.#options.namespacePrefix, namespace)];
    const counts = stats ?? (await this.#stats());
    return Object.keys(counts).filter((name) => fromPineconeNamespace(this.#options.namespacePrefix, name) !== undefined).sort();
  }

  /** Waits until the written (or deleted) ids are (no longer) fetchable, when `writeVisibility` is set. */
  async #awaitVisibility(space: string, ids: string[], present: boolean): Promise<void> {
    const visibility = this.#options.writeVisibility;
    if (visibility === undefined || ids.length === 0) return;
    const index = this.#requireIndex();
    const sample = ids.length <= PAGE ? ids : [...ids.slice(0, PAGE / 2), ...ids.slice(-PAGE / 2)];
    const deadline = Date.now() + visibility.timeoutMs;
    for (;;) {
      const response = await this.#call('check write visibility', () => index.fetch({ ids: sample, namespace: space }));
      const seen = Object.keys(response.records).length;
      if (present ? seen === sample.length : seen === 0) return;
      if (Date.now() > deadline) {
        throw new PropoError('PROPO_ERR_PINECONE', `Pinecone did not make ${present ? 'written' : 'deleted'} vectors visible within ${visibility.timeoutMs} ms. Retry later.`, { retryable: true });
      }
      await abortableSleep(visibility.pollMs ?? 500);
    }
  }

  #epsilonVector(): number[] {
    const vector = new Array<number>((this.#identity as IndexIdentity).dimensions).fill(0);
    vector[0] = EPSILON;
    return vector;
  }

  #requireIndex(): Index {
    if (this.#index === undefined) {
      throw new PropoError('PROPO_ERR_STORE_UNAVAILABLE', 'The Pinecone store is not open. Call open(identity) before using it.');
    }
    return this.#index;
  }

  async #call<T>(action: string, work: () => Promise<T>): Promise<T> {
    return retryWithBackoff(async () => {
      try {
        return await work();
      } catch (error) {
        throw toPineconeError(error, action, this.#options.index);
      }
    }, {
      maxRetries: this.#options.maxRetries ?? 5,
      baseMs: this.#options.retryBaseMs ?? 500,
      maxMs: this.#options.retryMaxMs ?? 20_000,
      retryDelay: (error, _retry, backoffMs) => {
        if (!(error instanceof PropoError) || !error.isRetryable || error.code !== 'PROPO_ERR_PINECONE') return false;
        const retryAfter = error.details?.['retryAfterMs'];
        return typeof retryAfter === 'number' ? Math.max(retryAfter, backoffMs) : backoffMs;
      },
    });
  }
}

/** Creates a Pinecone-backed `VectorStore` (call `open(identity)` before use). */
export function createPineconeStore(options: PineconeStoreOptions): PineconeStore {
  return new PineconeStore(options);
}
