/**
 * Turns a user's question into an FTS5 MATCH expression: words (Unicode letters and digits) are
 * quoted one by one and OR-ed, so any matching term scores (BM25 semantics, as LanceDB's index),
 * and no FTS5 operator or syntax in the question can change the query. Lucene's 33 English stop
 * words are dropped from the query (as LanceDB's tokenizer did); the index itself keeps every token.
 */
const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of', 'on',
  'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with']);

/** The tokenizer every unit's FTS5 table uses: Porter stemming over unicode61 with diacritics folded. */
export const FTS_TOKENIZE = 'porter unicode61 remove_diacritics 2';

/** The distinct query words in order (each becomes one quoted FTS5 phrase). */
export function ftsQueryWords(question: string): string[] {
  const words = question.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '' && !STOP_WORDS.has(word));
  return [...new Set(words)];
}

/** Returns the MATCH expression, or null when the question has no searchable word. */
export function ftsQuery(question: string): string | null {
  const unique = ftsQueryWords(question);
  return unique.length === 0 ? null : unique.map((word) => `"${word}"`).join(' OR ');
}
