/**
 * Turns "ask within collection X" into what retrieval and the prompt understand: the collection's
 * document ids (intersected with documents the caller picked, if any) and its system prompt.
 * The one place scoping is resolved, so the web chat, /api/chat, /v1 and the CLI scope the same way.
 */
import type { AskOptions } from '../core/answer/answer-types.ts';
import type { CollectionRepository } from '../providers/stores/sqlite/index.ts';

/** `AskOptions` plus a collection (id or name) to scope to. */
export type AppAskOptions = AskOptions & { collection?: string };

/**
 * An id no document has: an empty collection (or an empty intersection) must retrieve nothing,
 * whereas an empty `documentIds` list means "no filter".
 */
export const NO_DOCUMENT = '\u0000none';

export function scopeToCollection(collections: CollectionRepository, options: AppAskOptions): AskOptions {
  const { collection: key, ...rest } = options;
  if (!key) return rest;
  const collection = collections.get(key);
  const members = new Set(collection.documentIds);
  const picked = rest.documentIds?.length ? rest.documentIds.filter((id) => members.has(id)) : collection.documentIds;
  return {
    ...rest,
    documentIds: picked.length ? picked : [NO_DOCUMENT],
    ...(collection.systemPrompt ? { instructions: collection.systemPrompt } : {}),
  };
}
