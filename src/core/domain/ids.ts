/** Content-derived ids: re-ingesting the same bytes yields the same ids (idempotency). */
import * as crypto from 'node:crypto';

// The one-shot `crypto.hash` (Node ≥ 20.12) costs half of createHash/update/digest for short inputs; an ingest
// makes one id per paragraph and proposition (≈ 52,000 for the real set, decision 0148). Same digest.
const oneShot: ((algorithm: string, data: Uint8Array | string, encoding: 'hex') => string) | undefined = (crypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: 'hex') => string }).hash;

export function sha256Hex(data: Uint8Array | string): string {
  return oneShot !== undefined ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}

/** Document id: hash of namespace + content (not the name), so renames are detected as the same bytes. */
export function documentIdFor(namespace: string, contentSha256: string): string {
  return `doc_${sha256Hex(`${namespace}\u0000${contentSha256}`).slice(0, 24)}`;
}

export function paragraphIdFor(documentId: string, page: number, start: number, end: number): string {
  return `par_${sha256Hex(`${documentId}:${page}:${start}:${end}`).slice(0, 24)}`;
}

export function propositionIdFor(documentId: string, page: number, start: number, end: number, text: string): string {
  return `prop_${sha256Hex(`${documentId}:${page}:${start}:${end}:${text}`).slice(0, 24)}`;
}
