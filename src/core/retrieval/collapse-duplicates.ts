/** Collapses near-duplicate hits (same normalised text, or token-set Jaccard ≥ threshold), keeping the better one. */
export function collapseDuplicates<T extends { record: { text: string } }>(hits: T[], threshold = 0.9): T[] {
  const kept: Array<{ hit: T; tokens: Set<string>; key: string }> = [];
  for (const hit of hits) {
    const tokens = new Set(hit.record.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
    const key = [...tokens].join(' ');
    const duplicate = kept.some((k) => k.key === key || jaccard(k.tokens, tokens) >= threshold);
    if (!duplicate) kept.push({ hit, tokens, key });
  }
  return kept.map((k) => k.hit);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}
