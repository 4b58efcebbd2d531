/**
 * The embedder identity of a Pinecone index, kept in index tags (not in a reserved record, which
 * would show up in counts, listings and searches). Tag values allow only [A-Za-z0-9;@_.+ -] and
 * 120 characters, so the embedder name is stored base64url-encoded, or hashed when too long.
 */
import { createHash } from 'node:crypto';
import type { IndexIdentity } from '../../../core/ports/index.ts';

export const EMBEDDER_TAG = 'propo_embedder';
export const DIMENSIONS_TAG = 'propo_dimensions';

/** The tag value recording `embedder`. */
export function embedderTagValue(embedder: string): string {
  const encoded = Buffer.from(embedder, 'utf8').toString('base64url');
  return encoded.length <= 116 ? `b64.${encoded}` : `sha256.${createHash('sha256').update(embedder).digest('hex').slice(0, 64)}`;
}

/** The embedder a tag value records, when readable (hashed names are compared by hash only). */
export function embedderFromTag(value: string): string {
  return value.startsWith('b64.') ? Buffer.from(value.slice(4), 'base64url').toString('utf8') : value;
}

/** The index tags that record `identity`. */
export function identityTags(identity: IndexIdentity): Record<string, string> {
  return { [EMBEDDER_TAG]: embedderTagValue(identity.embedder), [DIMENSIONS_TAG]: String(identity.dimensions), app: 'propo' };
}
