/**
 * The visible document ids, cached between queries. Retrieval asks for them several times per
 * query (each fused search, feedback, the BM25F statistics key); reading them from SQLite and
 * hashing them every time is work proportional to the library on the hot path. `changeVersion`
 * is a cheap token that changes whenever anything may have been written (by this process or
 * another); only then are the ids read again and fingerprinted. `version()` changes only when
 * the set itself changes, so statistics keyed by it are rebuilt exactly when they were before.
 */
import { idSetVersion } from './lexical/corpus-statistics.ts';

export interface VisibleDocuments {
  /** The visible ids (shared: callers must not modify the set). */
  ids(): ReadonlySet<string>;
  /** Fingerprint of `ids()` (count + hash sums, as `idSetVersion`). */
  version(): string;
}

export function cachedVisibleDocuments(read: () => Set<string>, changeVersion: () => string): VisibleDocuments {
  let cached: { change: string; ids: Set<string>; version: string } | null = null;
  const current = () => {
    const change = changeVersion();
    if (cached?.change !== change) {
      const ids = read();
      const version = idSetVersion(ids);
      // Unchanged set (a chat or audit write): keep the same Set object, so identity checks stay valid.
      cached = cached?.version === version ? { ...cached, change } : { change, ids, version };
    }
    return cached;
  };
  return { ids: () => current().ids, version: () => current().version };
}
