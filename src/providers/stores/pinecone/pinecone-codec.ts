/**
 * How Propo records map onto Pinecone: vector ids `<documentId>#<id>` (so `list({ prefix })` finds a
 * document's vectors on serverless indexes), Pinecone namespaces named after record namespaces,
 * metadata fields (text truncated to stay under the 40 KB metadata limit), and metadata filters.
 * Dense vectors are stored unit-length (the index uses dotproduct so that sparse-dense hybrid works);
 * the original norm is kept in metadata so `fetch` returns the vector as written.
 */
import type { VectorFilter } from '../../../core/ports/index.ts';
import type { RetrievalUnit, VectorRecord } from '../../../core/domain/index.ts';

export type PineconeMetadata = Record<string, string | number | boolean | string[]>;

/** Pinecone's per-vector metadata limit. */
export const MAX_METADATA_BYTES = 40 * 1024;
const SAFE = /^[A-Za-z0-9_.:-]+$/;

/** Reversible, delimiter-free encoding of a segment: safe strings pass through, others become `~<base64url>`. */
export function encodeSegment(value: string): string {
  return SAFE.test(value) ? value : `~${Buffer.from(value, 'utf8').toString('base64url')}`;
}

export function decodeSegment(value: string): string {
  return value.startsWith('~') ? Buffer.from(value.slice(1), 'base64url').toString('utf8') : value;
}

/** The Pinecone vector id of a record: `<documentId>#<id>` with both parts encoded. */
export function vectorId(documentId: string, id: string): string {
  return `${documentPrefix(documentId)}${encodeSegment(id)}`;
}

/** The id prefix shared by every vector of a document. */
export function documentPrefix(documentId: string): string {
  return `${encodeSegment(documentId)}#`;
}

/** Splits a vector id back into document id and record id. */
export function parseVectorId(value: string): { documentId: string; id: string } {
  const hash = value.indexOf('#');
  return { documentId: decodeSegment(value.slice(0, hash)), id: decodeSegment(value.slice(hash + 1)) };
}

/** Pinecone namespace for a record namespace (with the store's isolation prefix). */
export function toPineconeNamespace(prefix: string, namespace: string): string {
  return `${prefix}${encodeSegment(namespace)}`;
}

/** Record namespace for a Pinecone namespace, or undefined when it belongs to another prefix. */
export function fromPineconeNamespace(prefix: string, namespace: string): string | undefined {
  return namespace.startsWith(prefix) ? decodeSegment(namespace.slice(prefix.length)) : undefined;
}

/** Euclidean norm. */
export function vectorNorm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i += 1) sum += (vector[i] ?? 0) ** 2;
  return Math.sqrt(sum);
}

/** Unit-length copy (zero vectors stay zero). */
export function normalize(vector: ArrayLike<number>): number[] {
  const norm = vectorNorm(vector);
  return Array.from(vector, (value) => (norm === 0 ? 0 : value / norm));
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // Drop a partial code point at the cut (and a dangling surrogate half).
  return bytes.subarray(0, Math.max(0, maxBytes)).toString('utf8').replace(/\uFFFD$/, '');
}

/** Metadata for a record; `text` is cut so the whole object stays under Pinecone's 40 KB limit. */
export function toMetadata(record: VectorRecord): PineconeMetadata {
  const metadata: PineconeMetadata = {
    id: record.id, documentId: record.documentId, unit: record.unit, page: record.page, start: record.start, end: record.end,
    paragraphId: record.paragraphId, file: record.file, norm: vectorNorm(record.vector), text: '',
  };
  if (record.expert !== null && record.expert !== undefined) metadata['expert'] = record.expert;
  const budget = MAX_METADATA_BYTES - Buffer.byteLength(JSON.stringify(metadata)) - 64;
  const text = truncateUtf8(record.text, Math.floor(budget / 2)); // JSON escaping can double a byte count
  metadata['text'] = text;
  if (text.length < record.text.length) metadata['textTruncated'] = true;
  return metadata;
}

/** A record read back from Pinecone (vector rescaled to its original norm). */
export function fromMetadata(metadata: PineconeMetadata, namespace: string, values: number[] | undefined): VectorRecord {
  const norm = typeof metadata['norm'] === 'number' ? metadata['norm'] : 1;
  const expert = metadata['expert'];
  return {
    id: String(metadata['id']), documentId: String(metadata['documentId']), namespace, text: String(metadata['text'] ?? ''),
    vector: Float32Array.from(values ?? [], (value) => value * norm), unit: metadata['unit'] as RetrievalUnit,
    page: Number(metadata['page']), start: Number(metadata['start']), end: Number(metadata['end']),
    paragraphId: String(metadata['paragraphId']), file: String(metadata['file']), expert: typeof expert === 'string' ? expert : null,
  };
}

/** The metadata part of a VectorFilter (namespace is handled by choosing Pinecone namespaces). */
export function toMetadataFilter(filter: VectorFilter | undefined): Record<string, unknown> | undefined {
  const conditions: Record<string, unknown> = {};
  if (filter?.documentIds !== undefined) conditions['documentId'] = { $in: filter.documentIds };
  if (filter?.experts !== undefined) conditions['expert'] = { $in: filter.experts };
  if (filter?.unit !== undefined) conditions['unit'] = { $eq: filter.unit };
  return Object.keys(conditions).length === 0 ? undefined : conditions;
}

/** True when the filter can match nothing (an empty id or expert list). */
export function isEmptyFilter(filter: VectorFilter | undefined): boolean {
  return filter?.documentIds?.length === 0 || filter?.experts?.length === 0;
}

/** Splits records into upsert requests of at most `maxCount` records and about `maxBytes` of JSON. */
export function batchRecords<T>(records: T[], maxCount: number, maxBytes: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = Buffer.byteLength(JSON.stringify(record));
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
