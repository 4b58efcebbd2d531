/**
 * Features of a candidate proposition as the answer to a question, computed from text alone
 * (no store-specific scores beyond the fused search score the port returns): IDF-weighted overlap
 * on stems, coverage, bigrams, proximity of the matched terms, the expected answer type, position
 * in the paragraph and the proposition-level search score. IDF and BM25's average length come
 * from the candidate pool.
 */
import { answerTypePositions, countedNumber, definesSubject, givesReason, introducesList, questionShape, type AnswerType, type QuestionShape } from './answer-type.ts';
import { answerTypeOf, type AnswerTyping } from './leading-answer-type.ts';

export const ANSWER_FEATURES = ['bias', 'bm25', 'idfOverlap', 'coverage', 'softOverlap', 'bigrams', 'proximity', 'typeNumber', 'typeDate', 'typeName', 'typeMissing', 'typeNear', 'first', 'position', 'searchScore', 'inSearch', 'length', 'novelty', 'counted', 'defines', 'reason', 'listIntro'] as const;
export type AnswerFeature = typeof ANSWER_FEATURES[number];

const STOP = new Set('a an and are as at be by for from has have had how in is it its of on or that the this to was were what when where which who whom whose why will with does did do can could should would about into than then there these those their they them our your you we i me my he she his her been being also many much'.split(' '));

/** Irregular verb forms → the stem of their base form ("won" matches "win", "took" matches "take"; decision 0123). */
const IRREGULAR = new Map(Object.entries({
  won: 'win', took: 'take', taken: 'take', made: 'make', gave: 'give', given: 'give', began: 'begin', begun: 'begin', wrote: 'write', written: 'write',
  built: 'build', held: 'hold', led: 'lead', ran: 'run', saw: 'see', seen: 'see', sold: 'sell', told: 'tell', thought: 'think', brought: 'bring',
  bought: 'buy', taught: 'teach', caught: 'catch', chose: 'choose', chosen: 'choose', knew: 'know', known: 'know', grew: 'grow', grown: 'grow',
  drew: 'draw', drawn: 'draw', fell: 'fall', fallen: 'fall', rose: 'rise', risen: 'rise', spoke: 'speak', spoken: 'speak', stood: 'stand',
  became: 'become', came: 'come', went: 'go', gone: 'go', got: 'get', kept: 'keep', meant: 'mean', met: 'meet', paid: 'pay', said: 'say',
  sent: 'send', spent: 'spend', struck: 'strike', drove: 'drive', driven: 'drive', flew: 'fly', flown: 'fly', fought: 'fight', lost: 'lose',
  understood: 'understand', wore: 'wear', worn: 'wear', sang: 'sing', sung: 'sing', threw: 'throw', thrown: 'throw', froze: 'freeze',
  slept: 'sleep', felt: 'feel', dealt: 'deal', sought: 'seek', fed: 'feed', bore: 'bear', born: 'bear',
}));

/** A light suffix stemmer: plural, -ed, -ing, -ly, -ation (enough for question/sentence matching). */
export function stemWord(word: string): string {
  let w = word.toLowerCase();
  w = IRREGULAR.get(w) ?? w;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ches|shes|sses|xes|zes)$/u.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/u.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Content stems of a text, in order (stop words and one-letter tokens removed). */
export function contentStems(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOP.has(t) && t.length > 1).map(stemWord);
}

export interface QueryAnalysis { stems: string[]; unique: string[]; bigrams: Set<string>; type: AnswerType; words: Set<string>; shape: QuestionShape }

/** Words that name the kind of answer ("what year", "what is it called"), not what the answer sentence says. */
const ANSWER_CUES = new Set(['year', 'date', 'century', 'decade', 'month', 'day', 'time', 'number', 'percentage', 'percent', 'amount', 'name', 'nam', 'call', 'called', 'type', 'kind'].map(stemWord));

/** `typing` (decision 0151): how the expected answer type is read from the question (leading-answer-type.ts). */
export function analyseQuery(question: string, typing: AnswerTyping = 'any'): QueryAnalysis {
  const all = contentStems(question);
  const stems = all.filter((s) => !ANSWER_CUES.has(s)).length > 0 ? all.filter((s) => !ANSWER_CUES.has(s)) : all;
  return {
    stems, unique: [...new Set(stems)], bigrams: new Set(stems.slice(1).map((s, i) => `${stems[i] as string} ${s}`)),
    type: answerTypeOf(question, typing), words: new Set(question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []), shape: questionShape(question),
  };
}

export interface PoolStats {
  /** Inverse document frequency over the pool (BM25's idf, floored at a small positive value). */
  idf: (stem: string) => number;
  /** Mean number of content stems per text. */
  averageLength: number;
}

export function poolStats(texts: readonly string[]): PoolStats {
  const df = new Map<string, number>();
  let length = 0;
  for (const text of texts) {
    const stems = contentStems(text);
    length += stems.length;
    for (const s of new Set(stems)) df.set(s, (df.get(s) ?? 0) + 1);
  }
  const n = texts.length;
  return {
    idf: (stem) => {
      const d = df.get(stem) ?? 0;
      return Math.max(0.05, Math.log(1 + (n - d + 0.5) / (d + 0.5)));
    },
    averageLength: n > 0 ? Math.max(1, length / n) : 1,
  };
}

/**
 * Terms a sentence carries without repeating them (decision 0133): its section heading's when it opens a section
 * ("10.4.5 404 Not Found" → "The server has not found anything matching the Request-URI."), the previous sentence's
 * when it opens with a pronoun or demonstrative ("You can specify this by …"). Each counts at `weight` (0–1) for a
 * query stem the sentence lacks: a BM25F-style field weight on the matching features (idfOverlap, coverage, bm25).
 */
export interface InheritedTerms { stems: readonly string[]; weight: number }

export interface CandidateContext { position: number; paragraphSize: number; searchScore: number | null; pool: PoolStats; inherited?: readonly InheritedTerms[] }

/** A pronoun or demonstrative among a sentence's first four words: it refers to what came before. */
const ANAPHOR = /^\W*(?:[\p{L}\p{N}'’-]+\W+){0,3}?(?:this|these|those|it|its|they|them|their|such|he|she|his|her)(?![\p{L}\p{N}])/iu;

export function opensWithAnaphor(text: string): boolean {
  return ANAPHOR.test(text);
}

/** BM25 (k1 1.2, b 0.75) of a text's stems against the query, with the pool's statistics, scaled by the query's total idf. */
function bm25(query: QueryAnalysis, stems: readonly string[], pool: PoolStats, inherited?: ReadonlyMap<string, number>): number {
  const tf = new Map<string, number>();
  for (const s of stems) tf.set(s, (tf.get(s) ?? 0) + 1);
  const norm = 1.2 * (0.25 + 0.75 * stems.length / pool.averageLength);
  let score = 0;
  let total = 0;
  for (const q of query.unique) {
    const f = tf.get(q) ?? inherited?.get(q) ?? 0;
    score += pool.idf(q) * (f * 2.2) / (f + norm);
    total += pool.idf(q);
  }
  return total > 0 ? score / total : 0;
}

export function answerFeatures(query: QueryAnalysis, text: string, context: CandidateContext): Record<AnswerFeature, number> {
  const stems = contentStems(text);
  const present = new Set(stems);
  const matched = query.unique.filter((s) => present.has(s));
  // A query stem the sentence lacks but inherits (heading, antecedent) matches at the source's weight.
  const inherited = new Map<string, number>();
  for (const source of context.inherited ?? []) {
    if (source.weight <= 0) continue;
    const has = new Set(source.stems);
    for (const q of query.unique) if (!present.has(q) && has.has(q)) inherited.set(q, Math.max(inherited.get(q) ?? 0, Math.min(1, source.weight)));
  }
  const inheritedSum = [...inherited.values()].reduce((a, b) => a + b, 0);
  const totalIdf = query.unique.reduce((sum, s) => sum + context.pool.idf(s), 0);
  const matchedIdf = matched.reduce((sum, s) => sum + context.pool.idf(s), 0) + [...inherited].reduce((sum, [q, w]) => sum + w * context.pool.idf(q), 0);
  let bigramHits = 0;
  for (let i = 1; i < stems.length; i++) if (query.bigrams.has(`${stems[i - 1] as string} ${stems[i] as string}`)) bigramHits++;
  const novel = stems.filter((s) => !query.unique.includes(s)).length;
  const typed = answerTypePositions(query.type, text, query.words);
  const typeMatch = typed.length > 0;
  // Soft match: a query stem missing from the text that shares its first five letters with a text stem.
  const prefixes = new Set(stems.filter((t) => t.length >= 5).map((t) => t.slice(0, 5)));
  const soft = query.unique.filter((q) => !present.has(q) && q.length >= 5 && prefixes.has(q.slice(0, 5)));
  const softIdf = soft.reduce((sum, q) => sum + context.pool.idf(q), 0);
  const words = (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}.,%'’-]*/gu) ?? []).map((w) => stemWord(w.replace(/[.,'’-]+$/u, '')));
  const matchedAt = words.flatMap((w, i) => (query.unique.includes(w) ? [i] : []));
  const near = typed.some((p) => matchedAt.some((m) => Math.abs(m - p) <= 3));
  return {
    bias: 1,
    bm25: bm25(query, stems, context.pool, inherited),
    idfOverlap: totalIdf > 0 ? matchedIdf / totalIdf : 0,
    coverage: query.unique.length > 0 ? (matched.length + inheritedSum) / query.unique.length : 0,
    bigrams: query.bigrams.size > 0 ? Math.min(1, bigramHits / query.bigrams.size) : 0,
    proximity: proximity(stems, new Set(matched)),
    softOverlap: totalIdf > 0 ? softIdf / totalIdf : 0,
    typeNumber: typeMatch && query.type === 'number' ? 1 : 0,
    typeDate: typeMatch && query.type === 'date' ? 1 : 0,
    typeName: typeMatch && (query.type === 'person' || query.type === 'place') ? 1 : 0,
    typeMissing: query.type !== 'other' && !typeMatch ? 1 : 0,
    typeNear: near ? 1 : 0,
    first: context.position === 0 ? 1 : 0,
    position: context.paragraphSize > 1 ? context.position / (context.paragraphSize - 1) : 0,
    searchScore: context.searchScore ?? 0,
    inSearch: context.searchScore === null ? 0 : 1,
    length: Math.log1p(stems.length) / Math.log(50),
    novelty: stems.length > 0 ? novel / stems.length : 0,
    counted: countedNumber(query.shape, text, query.words),
    defines: definesSubject(query.shape, text),
    reason: givesReason(query.shape, text),
    listIntro: introducesList(query.shape, text),
  };
}

/** Matched distinct terms / the shortest token window holding all of them (1 = adjacent; 0 below two terms). */
function proximity(stems: readonly string[], matched: ReadonlySet<string>): number {
  if (matched.size < 2) return 0;
  const last = new Map<string, number>();
  let best = Infinity;
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i] as string;
    if (!matched.has(s)) continue;
    last.set(s, i);
    if (last.size === matched.size) best = Math.min(best, i - Math.min(...last.values()) + 1);
  }
  return Number.isFinite(best) ? matched.size / best : 0;
}
