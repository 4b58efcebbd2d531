/**
 * Maps a ranked list of retrieved units (propositions or paragraphs) to a ranked list of
 * documents: a document takes the rank of its best unit (first occurrence), later units of the
 * same document are skipped.
 */
export function rankDocuments(hits: ReadonlyArray<{ documentId: string }>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const hit of hits) {
    if (seen.has(hit.documentId)) continue;
    seen.add(hit.documentId);
    out.push(hit.documentId);
  }
  return out;
}
