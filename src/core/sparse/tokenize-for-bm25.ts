/**
 * The tokenizer of the BM25 sparse encoder: Unicode-normalised (NFKD, accents dropped),
 * lower-cased, split on anything that is not a letter or digit, English stop words removed.
 * No stemming (LanceDB's FTS stems; the Pinecone path does not — see docs/decisions/0007).
 */
const STOP_WORDS = new Set(
  ('a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can did do does doing down during each few for from further had has have having he her here hers herself him himself his ' +
    'how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own s same she should so some such t than that the their theirs them themselves then there these they ' +
    'this those through to too under until up very was we were what when where which while who whom why will with you your ' +
    'yours yourself yourselves').split(' '),
);

/** Tokens of `text` in order (duplicates kept: term frequency counts them). */
export function tokenizeForBm25(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '' && !STOP_WORDS.has(token));
}
