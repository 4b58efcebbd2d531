/**
 * A local HTTP server that speaks Pinecone's REST wire format (control plane: /indexes; data plane:
 * /vectors/upsert, /query, /vectors/fetch, /vectors/fetch_by_metadata, /vectors/delete, /vectors/list,
 * /describe_index_stats), for tests that cannot reach pinecone.io. Shapes, limits, status codes and error
 * bodies (`{ error: { code, message }, status }`; data-plane `{ code, message, details }`) follow Pinecone's
 * published OpenAPI specification. Indexes live in memory with real semantics: cosine / dotproduct /
 * euclidean scoring, sparse-dense dot products, metadata filters, namespaces and paginated listing.
 * An index's `host` points back at this server (`http://127.0.0.1:<port>/data/<name>`).
 * Faults (429 with Retry-After, 5xx, slow answers) and write lag (eventual consistency) are injectable.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type MetadataValue = string | number | boolean | string[];
type Metadata = Record<string, MetadataValue>;
interface Sparse { indices: number[]; values: number[] }
interface StoredVector { id: string; values: number[]; sparseValues?: Sparse; metadata?: Metadata }
interface LocalIndex {
  name: string; dimension: number; metric: 'cosine' | 'dotproduct' | 'euclidean'; tags: Record<string, string>;
  cloud: string; region: string; readyAt: number; namespaces: Map<string, Map<string, StoredVector>>;
}

/** A scripted failure: the next `times` requests whose path contains `path` (and method matches) get it. */
export interface PineconeFault {
  path?: string;
  method?: string;
  status: number;
  times?: number;
  /** Let this many matching requests through first (fail mid-way through a run). */
  skip?: number;
  retryAfterSeconds?: number;
  /** Wait this long before answering (with the fault status, or normally when `status` is 0). */
  delayMs?: number;
}

export interface PineconeLocalServerOptions {
  /** The accepted `Api-Key` (default `pclocal-test-key`). */
  apiKey?: string;
  /** New indexes report `ready: false` for this long (default 0). */
  readyAfterMs?: number;
  /** Writes (upsert, delete) apply this long after they are acknowledged, like serverless freshness (default 0). */
  writeLagMs?: number;
}

export interface RecordedPineconeRequest { method: string; path: string; apiVersion: string | undefined }

export interface PineconeLocalServer {
  /** Pass as `controllerHostUrl` (Propo config `vectorStore.pinecone.controllerHost`). */
  readonly controllerHostUrl: string;
  readonly apiKey: string;
  readonly requests: RecordedPineconeRequest[];
  injectFault(fault: PineconeFault): void;
  clearFaults(): void;
  setWriteLag(ms: number): void;
  /** Vectors stored in an index namespace (test inspection). */
  vectorCount(index: string, namespace?: string): number;
  close(): Promise<void>;
}

const DEFAULT_NAMESPACE = '__default__';
const MAX_METADATA_BYTES = 40 * 1024;
const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

class HttpFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}
const invalid = (message: string): HttpFailure => new HttpFailure(400, 'INVALID_ARGUMENT', message);

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body === undefined ? '' : JSON.stringify(body));
}

function sendFailure(response: ServerResponse, failure: HttpFailure, dataPlane: boolean, headers: Record<string, string> = {}): void {
  // The data plane answers gRPC-gateway statuses for argument errors; auth, rate limits and the control plane use ErrorResponse.
  if (dataPlane && failure.status === 400) send(response, 400, { code: 3, message: failure.message, details: [] }, headers);
  else send(response, failure.status, { error: { code: failure.code, message: failure.message }, status: failure.status }, headers);
}

const STATUS_CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };

function matchesCondition(value: MetadataValue | undefined, operator: string, operand: unknown): boolean {
  const values: Array<string | number | boolean> = value === undefined ? [] : Array.isArray(value) ? value : [value];
  switch (operator) {
    case '$eq': return values.some((v) => v === operand);
    case '$ne': return !values.some((v) => v === operand);
    case '$in': return Array.isArray(operand) && values.some((v) => operand.includes(v));
    case '$nin': return Array.isArray(operand) && !values.some((v) => operand.includes(v));
    case '$exists': return (value !== undefined) === operand;
    case '$gt': return typeof value === 'number' && value > Number(operand);
    case '$gte': return typeof value === 'number' && value >= Number(operand);
    case '$lt': return typeof value === 'number' && value < Number(operand);
    case '$lte': return typeof value === 'number' && value <= Number(operand);
    default: throw invalid(`Invalid filter operator ${operator}`);
  }
}

/** Evaluates a Pinecone metadata filter ($eq $ne $in $nin $exists $gt $gte $lt $lte $and $or; bare values mean $eq). */
export function matchesFilter(metadata: Metadata | undefined, filter: unknown): boolean {
  if (filter === undefined || filter === null) return true;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw invalid('The filter must be an object');
  return Object.entries(filter as Record<string, unknown>).every(([key, condition]) => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) throw invalid(`${key} takes an array of filters`);
      return key === '$and' ? condition.every((f) => matchesFilter(metadata, f)) : condition.some((f) => matchesFilter(metadata, f));
    }
    if (key.startsWith('$')) throw invalid(`Invalid filter operator ${key}`);
    const value = metadata?.[key];
    if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return matchesCondition(value, '$eq', condition);
    return Object.entries(condition as Record<string, unknown>).every(([operator, operand]) => {
      if ((operator === '$in' || operator === '$nin') && !Array.isArray(operand)) throw invalid(`${operator} takes an array`);
      return matchesCondition(value, operator, operand);
    });
  });
}

function denseScore(metric: LocalIndex['metric'], a: number[], b: number[]): number {
  let dot = 0, normA = 0, normB = 0, distance = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0, y = b[i] ?? 0;
    dot += x * y; normA += x * x; normB += y * y; distance += (x - y) ** 2;
  }
  if (metric === 'euclidean') return distance;
  if (metric === 'cosine') return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
  return dot;
}

function sparseDot(a: Sparse | undefined, b: Sparse | undefined): number {
  if (a === undefined || b === undefined) return 0;
  const values = new Map(a.indices.map((index, i) => [index, a.values[i] ?? 0]));
  return b.indices.reduce((sum, index, i) => sum + (values.get(index) ?? 0) * (b.values[i] ?? 0), 0);
}

function checkSparse(sparse: unknown, where: string): Sparse | undefined {
  if (sparse === undefined || sparse === null) return undefined;
  const { indices, values } = sparse as Partial<Sparse>;
  if (!Array.isArray(indices) || !Array.isArray(values) || indices.length !== values.length) throw invalid(`${where}: sparse indices and values must be arrays of the same length`);
  if (indices.length > 1000) throw invalid(`${where}: sparse vectors hold at most 1000 non-zero values`);
  if (indices.some((index) => !Number.isInteger(index) || index < 0 || index > 0xffffffff)) throw invalid(`${where}: sparse indices must be uint32`);
  if (new Set(indices).size !== indices.length) throw invalid(`${where}: sparse indices must be unique`);
  return { indices, values };
}

function checkVector(raw: unknown, index: LocalIndex): StoredVector {
  const vector = raw as Partial<StoredVector>;
  if (typeof vector.id !== 'string' || vector.id.length === 0 || vector.id.length > 512) throw invalid('Vector ID must be 1 to 512 characters');
  if (!Array.isArray(vector.values) || vector.values.length !== index.dimension) {
    throw invalid(`Vector dimension ${Array.isArray(vector.values) ? vector.values.length : 0} does not match the dimension of the index ${index.dimension}`);
  }
  const sparseValues = checkSparse(vector.sparseValues, `Vector ${vector.id}`);
  if (sparseValues && index.metric !== 'dotproduct') throw invalid('Sparse vectors are only supported for indexes with the dotproduct metric');
  if (vector.metadata !== undefined) {
    const bytes = Buffer.byteLength(JSON.stringify(vector.metadata));
    if (bytes > MAX_METADATA_BYTES) throw invalid(`Metadata size is ${bytes} bytes, which exceeds the limit of ${MAX_METADATA_BYTES} bytes per vector`);
    for (const [key, value] of Object.entries(vector.metadata)) {
      const ok = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
      if (!ok) throw invalid(`Metadata value for field ${key} must be a string, number, boolean or list of strings`);
    }
  }
  return { id: vector.id, values: vector.values, ...(sparseValues ? { sparseValues } : {}), ...(vector.metadata ? { metadata: vector.metadata } : {}) };
}

const namespaceOf = (value: unknown): string => (typeof value === 'string' && value !== '' ? value : DEFAULT_NAMESPACE);
const encodeToken = (value: string): string => Buffer.from(value).toString('base64url');
const decodeToken = (token: string | null | undefined): string => (token ? Buffer.from(token, 'base64url').toString() : '');

/** Starts the server on a free loopback port. */
export async function startPineconeLocalServer(options: PineconeLocalServerOptions = {}): Promise<PineconeLocalServer> {
  const apiKey = options.apiKey ?? 'pclocal-test-key';
  const indexes = new Map<string, LocalIndex>();
  const requests: RecordedPineconeRequest[] = [];
  let faults: Array<PineconeFault & { left: number; pass: number }> = [];
  let writeLagMs = options.writeLagMs ?? 0;
  let baseUrl = '';

  const indexModel = (index: LocalIndex) => {
    const ready = Date.now() >= index.readyAt;
    return {
      name: index.name, dimension: index.dimension, metric: index.metric, host: `${baseUrl}/data/${index.name}`,
      deletion_protection: 'disabled', tags: index.tags, vector_type: 'dense',
      spec: { serverless: { cloud: index.cloud, region: index.region, read_capacity: { mode: 'OnDemand', status: { state: 'Ready' } } } },
      status: { ready, state: ready ? 'Ready' : 'Initializing' },
    };
  };
  const applyWrite = (write: () => void): void => {
    if (writeLagMs > 0) setTimeout(write, writeLagMs).unref();
    else write();
  };
  const space = (index: LocalIndex, name: string): Map<string, StoredVector> => {
    let vectors = index.namespaces.get(name);
    if (!vectors) index.namespaces.set(name, vectors = new Map());
    return vectors;
  };
  const pruneEmpty = (index: LocalIndex, name: string): void => {
    if (index.namespaces.get(name)?.size === 0) index.namespaces.delete(name);
  };
  const page = <T>(sorted: T[], key: (item: T) => string, token: string | null | undefined, limit: number) => {
    const after = decodeToken(token);
    const rest = token ? sorted.filter((item) => key(item) > after) : sorted;
    const items = rest.slice(0, limit);
    const last = items.at(-1);
    return { items, next: rest.length > limit && last !== undefined ? encodeToken(key(last)) : undefined };
  };

  function control(method: string, segments: string[], body: Record<string, unknown>): [number, unknown] {
    const [, name] = segments;
    if (segments[0] !== 'indexes') throw new HttpFailure(404, 'NOT_FOUND', 'Not found');
    if (name === undefined && method === 'GET') return [200, { indexes: [...indexes.values()].map(indexModel) }];
    if (name === undefined && method === 'POST') {
      const { name: newName, dimension, metric = 'cosine', spec, tags, vector_type: vectorType = 'dense' } = body as Record<string, unknown> & { spec?: { serverless?: { cloud?: string; region?: string } } };
      if (typeof newName !== 'string' || !/^[a-z0-9-]{1,45}$/.test(newName)) throw invalid('Index name must consist of lowercase alphanumeric characters or "-"');
      if (vectorType !== 'dense' || !Number.isInteger(dimension) || (dimension as number) < 1 || (dimension as number) > 20_000) throw invalid('Dimension must be an integer between 1 and 20000 for dense indexes');
      if (metric !== 'cosine' && metric !== 'dotproduct' && metric !== 'euclidean') throw invalid(`Invalid metric ${String(metric)}`);
      if (!spec?.serverless?.cloud || !spec.serverless.region) throw invalid('spec.serverless.cloud and region are required');
      if (indexes.has(newName)) throw new HttpFailure(409, 'ALREADY_EXISTS', 'Resource already exists');
      const index: LocalIndex = {
        name: newName, dimension: dimension as number, metric, tags: (tags as Record<string, string> | undefined) ?? {},
        cloud: spec.serverless.cloud, region: spec.serverless.region, readyAt: Date.now() + (options.readyAfterMs ?? 0), namespaces: new Map(),
      };
      indexes.set(newName, index);
      return [201, indexModel(index)];
    }
    const index = name === undefined ? undefined : indexes.get(name);
    if (!index) throw new HttpFailure(404, 'NOT_FOUND', `Resource ${name ?? ''} not found`);
    if (method === 'GET') return [200, indexModel(index)];
    if (method === 'DELETE') { indexes.delete(index.name); return [202, undefined]; }
    if (method === 'PATCH') {
      for (const [key, value] of Object.entries((body['tags'] as Record<string, string> | undefined) ?? {})) {
        if (value === '') delete index.tags[key];
        else index.tags[key] = value;
      }
      return [200, indexModel(index)];
    }
    throw new HttpFailure(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here`);
  }

  function data(index: LocalIndex, method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): [number, unknown] {
    const usage = { readUnits: 1 };
    if (method === 'POST' && path === '/vectors/upsert') {
      if (!Array.isArray(body['vectors']) || body['vectors'].length === 0 || body['vectors'].length > 1000) throw invalid('Upsert takes 1 to 1000 vectors per request');
      const vectors = body['vectors'].map((v) => checkVector(v, index));
      const namespace = namespaceOf(body['namespace']);
      applyWrite(() => { for (const v of vectors) space(index, namespace).set(v.id, v); });
      return [200, { upsertedCount: vectors.length }];
    }
    if (method === 'POST' && path === '/query') {
      const topK = body['topK'];
      if (!Number.isInteger(topK) || (topK as number) < 1 || (topK as number) > 10_000) throw invalid('topK must be between 1 and 10000');
      if ((body['includeValues'] === true || body['includeMetadata'] === true) && (topK as number) > 1000) throw invalid('topK must be at most 1000 when includeValues or includeMetadata is true');
      const namespace = namespaceOf(body['namespace']);
      const vectors = index.namespaces.get(namespace) ?? new Map<string, StoredVector>();
      const byId = typeof body['id'] === 'string' ? vectors.get(body['id']) : undefined;
      const dense = byId?.values ?? body['vector'];
      if (!Array.isArray(dense) || dense.length !== index.dimension) throw invalid(`Query vector dimension ${Array.isArray(dense) ? dense.length : 0} does not match the dimension of the index ${index.dimension}`);
      const sparse = checkSparse(body['sparseVector'], 'Query');
      if (sparse && index.metric !== 'dotproduct') throw invalid('Sparse vectors are only supported for indexes with the dotproduct metric');
      const matches = [...vectors.values()].filter((v) => matchesFilter(v.metadata, body['filter']))
        .map((v) => ({ v, score: denseScore(index.metric, dense as number[], v.values) + sparseDot(sparse, v.sparseValues) }))
        .sort((a, b) => (index.metric === 'euclidean' ? a.score - b.score : b.score - a.score))
        .slice(0, topK as number)
        .map(({ v, score }) => ({
          id: v.id, score, values: body['includeValues'] === true ? v.values : [],
          ...(body['includeValues'] === true && v.sparseValues ? { sparseValues: v.sparseValues } : {}),
          ...(body['includeMetadata'] === true && v.metadata ? { metadata: v.metadata } : {}),
        }));
      return [200, { results: [], matches, namespace: body['namespace'] ?? '', usage }];
    }
    if (method === 'GET' && path === '/vectors/fetch') {
      const ids = query.getAll('ids');
      if (ids.length === 0 || ids.length > 1000) throw invalid('Fetch takes 1 to 1000 ids');
      const vectors = index.namespaces.get(namespaceOf(query.get('namespace')));
      const found = ids.flatMap((id) => { const v = vectors?.get(id); return v ? [[id, v] as const] : []; });
      return [200, { vectors: Object.fromEntries(found), namespace: query.get('namespace') ?? '', usage }];
    }
    if (method === 'POST' && path === '/vectors/fetch_by_metadata') {
      const limit = (body['limit'] as number | undefined) ?? 100;
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw invalid('limit must be between 1 and 10000');
      const vectors = [...(index.namespaces.get(namespaceOf(body['namespace'])) ?? new Map<string, StoredVector>()).values()]
        .filter((v) => matchesFilter(v.metadata, body['filter'])).sort((a, b) => (a.id < b.id ? -1 : 1));
      const { items, next } = page(vectors, (v) => v.id, body['paginationToken'] as string | undefined, limit);
      return [200, { vectors: Object.fromEntries(items.map((v) => [v.id, v])), namespace: body['namespace'] ?? '', usage, ...(next ? { pagination: { next } } : {}) }];
    }
    if (method === 'GET' && path === '/vectors/list') {
      const limit = query.has('limit') ? Number(query.get('limit')) : 100;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalid('limit must be between 1 and 1000');
      const prefix = query.get('prefix') ?? '';
      const ids = [...(index.namespaces.get(namespaceOf(query.get('namespace')))?.keys() ?? [])].filter((id) => id.startsWith(prefix)).sort();
      const { items, next } = page(ids, (id) => id, query.get('paginationToken'), limit);
      return [200, { vectors: items.map((id) => ({ id })), namespace: query.get('namespace') ?? '', usage, ...(next ? { pagination: { next } } : {}) }];
    }
    if (method === 'POST' && path === '/vectors/delete') {
      const namespace = namespaceOf(body['namespace']);
      const ids = body['ids'];
      const modes = [ids !== undefined, body['deleteAll'] === true, body['filter'] !== undefined].filter(Boolean).length;
      if (modes !== 1) throw invalid('Exactly one of ids, deleteAll or filter must be given');
      if (Array.isArray(ids) && ids.length > 1000) throw invalid('Delete takes at most 1000 ids');
      const filter = body['filter'];
      if (filter !== undefined) matchesFilter(undefined, filter);
      applyWrite(() => {
        const vectors = index.namespaces.get(namespace);
        if (!vectors) return;
        if (body['deleteAll'] === true) vectors.clear();
        else if (Array.isArray(ids)) for (const id of ids) vectors.delete(String(id));
        else for (const [id, v] of vectors) if (matchesFilter(v.metadata, filter)) vectors.delete(id);
        pruneEmpty(index, namespace);
      });
      return [200, {}];
    }
    if (method === 'POST' && path === '/describe_index_stats') {
      if (body['filter'] !== undefined) throw invalid('Serverless and starter indexes do not support describing index stats with metadata filtering');
      const namespaces = Object.fromEntries([...index.namespaces].filter(([, v]) => v.size > 0).map(([name, v]) => [name, { vectorCount: v.size }]));
      const total = Object.values(namespaces).reduce((sum, n) => sum + n.vectorCount, 0);
      return [200, { namespaces, dimension: index.dimension, indexFullness: 0, totalVectorCount: total, metric: index.metric, vectorType: 'dense' }];
    }
    throw new HttpFailure(404, 'NOT_FOUND', `No route ${method} ${path}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', baseUrl);
    const method = request.method ?? 'GET';
    const dataMatch = /^\/data\/([^/]+)(\/.*)$/.exec(url.pathname);
    const apiVersion = request.headers['x-pinecone-api-version'];
    requests.push({ method, path: url.pathname, apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const headers: Record<string, string> = typeof apiVersion === 'string' ? { 'x-pinecone-api-version': apiVersion } : {};
    const fault = faults.find((f) => f.left > 0 && (f.path === undefined || url.pathname.includes(f.path)) && (f.method === undefined || f.method === method));
    if (fault && fault.pass > 0) fault.pass -= 1;
    else if (fault) {
      fault.left -= 1;
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.status > 0) {
        const extra = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
        const message = fault.status === 429 ? 'Request failed. You have reached the request limit for this index. Retry later.' : 'Internal error';
        sendFailure(response, new HttpFailure(fault.status, STATUS_CODES[fault.status] ?? 'UNKNOWN', message), false, { ...headers, ...extra });
        return;
      }
    }
    try {
      if (request.headers['api-key'] !== apiKey) throw new HttpFailure(401, 'UNAUTHENTICATED', 'Invalid API Key');
      if (raw.length > MAX_REQUEST_BYTES) throw invalid(`Request size ${raw.length} bytes exceeds the maximum supported size of ${MAX_REQUEST_BYTES} bytes`);
      let body: Record<string, unknown> = {};
      if (raw.length > 0) {
        try { body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>; } catch { throw invalid('The request body is not valid JSON'); }
      }
      let status: number, answer: unknown;
      if (dataMatch) {
        const index = indexes.get(decodeURIComponent(dataMatch[1] ?? ''));
        if (!index) throw new HttpFailure(404, 'NOT_FOUND', 'Index not found');
        [status, answer] = data(index, method, dataMatch[2] ?? '/', url.searchParams, body);
      } else {
        [status, answer] = control(method, url.pathname.split('/').filter(Boolean).map(decodeURIComponent), body);
      }
      send(response, status, answer, headers);
    } catch (error) {
      if (error instanceof HttpFailure) sendFailure(response, error, dataMatch !== null, headers);
      else sendFailure(response, new HttpFailure(500, 'INTERNAL', error instanceof Error ? error.message : String(error)), false, headers);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    controllerHostUrl: baseUrl,
    apiKey,
    requests,
    injectFault: (fault) => { faults.push({ ...fault, left: fault.times ?? 1, pass: fault.skip ?? 0 }); },
    clearFaults: () => { faults = []; },
    setWriteLag: (ms) => { writeLagMs = ms; },
    vectorCount: (name, namespace) => {
      const index = indexes.get(name);
      if (!index) return 0;
      return namespace === undefined ? [...index.namespaces.values()].reduce((sum, v) => sum + v.size, 0) : index.namespaces.get(namespace)?.size ?? 0;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
