/**
 * The evidence test behind "No strong match found." (issue 12, item 3; decision 0045): the share
 * of the question's IDF-weighted content terms that the best of the first cited paragraphs holds.
 *
 * Unlike BM25 scores (unbounded, query-dependent) this is a share in [0, 1], comparable across
 * questions and libraries, and the same for BM25-only and hybrid retrieval. A term the library
 * does not hold at all ("Kilimanjaro", "Kubernetes") weighs most, so a question about something
 * absent from the library cannot pass on its common words ("How tall is …", "capital").
 */
import { answerTypePositions, expectedAnswerType, type AnswerType } from '../retrieval/answer-type.ts';
import { lexicalTerms, termLength } from '../retrieval/lexical/lexical-terms.ts';

/** Words that say what kind of answer is wanted, not what it is about. */
const QUESTION_WORDS = new Set(lexicalTerms('what which who whom whose when where why how many much do does did done can could should would may might must is are was were be been has have had i you we me us our your please tell explain describe give list name'));

/** What the library's term statistics must provide (the BM25F corpus statistics do). */
export interface TermStatistics {
  /** Scoring units (paragraphs) in the library. */
  units: number;
  /** Term (as `lexicalTerms`) → units that hold it. */
  documentFrequency: ReadonlyMap<string, number>;
  /** Paragraph id → its terms in order (to find a name of several terms written as one). */
  paragraphTerms?: ReadonlyMap<string, readonly string[]>;
}

/** The question's content terms (stemmed, unique): what evidence must cover. */
export function questionTerms(question: string): string[] {
  return [...new Set(lexicalTerms(question).filter((term) => !QUESTION_WORDS.has(term)))];
}

/**
 * Libraries smaller than this many paragraphs are weighed as if they had this many (none of the
 * rest holding the question's terms). In a 2-paragraph library an absent word ("grow" where the text
 * says "grew") weighed 2.6× a present one and answerable questions were refused; from 200 paragraphs
 * on (every library the threshold was fitted and measured on) nothing changes.
 */
const MIN_UNITS = 200;

/** BM25's non-negative IDF; a term absent from the library gets the largest weight. */
export function termWeight(term: string, statistics: TermStatistics): number {
  const df = statistics.documentFrequency.get(term) ?? 0;
  const n = Math.max(MIN_UNITS, statistics.units);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** What the evidence test found for one question (`metadata.evidence` of an answer). */
export interface EvidenceFinding {
  /** Highest IDF-weighted share of the question's terms one of the evidence texts holds. */
  coverage: number;
  /** The question's rarest term (highest IDF) is in that best evidence text. */
  rarestCovered: boolean;
  /** Names with digits or inner hyphens ("GPT-4", "OPT-175B") the library never writes as one name. */
  unknownNames: string[];
  /**
   * The question's names (capitalised words after the first, numbers; as `lexicalTerms`) that the
   * evidence text holding most of them lacks: "Tokyo" when no cited paragraph names it, "418" when
   * the cited paragraphs of RFC 2616 hold "HTTP" but not "418".
   */
  missingNames: string[];
  /** Paragraphs of the library holding the rarest of `missingNames` (-1 when none is missing): 0 = the library never names it. */
  missingNameFrequency: number;
  /** `missingNameFrequency` as a share of the library's paragraphs (at least 200, as for the IDF); -1 when none is missing. */
  missingNameShare: number;
  /** The answer type the question asks for (how many → number, when → date; `answer-type.ts`). */
  answerType: AnswerType;
  /** A cited sentence offers an answer of that type the question does not contain (true for 'other'). */
  typedAnswer: boolean;
}

/** "GPT-4", "OPT-175B", "BERT-large", "v4": a word with a digit and a letter, or a capitalised hyphenated one. */
const COMPOUND = /[\p{L}\p{N}]+(?:[-/.][\p{L}\p{N}]+)+|[\p{L}]+\p{N}[\p{L}\p{N}]*|\p{N}+\p{L}[\p{L}\p{N}]*/gu;

function compoundNames(question: string): string[] {
  return (question.match(COMPOUND) ?? []).filter((w) => /\p{N}/u.test(w) ? /\p{L}/u.test(w) : /\p{Lu}/u.test(w));
}

/** The library writes `parts` as one name: adjacent in a paragraph, or run together ("BERTLARGE"). */
function libraryHasName(parts: readonly string[], statistics: TermStatistics): boolean {
  if (parts.length < 2) return true;
  if (statistics.documentFrequency.has(lexicalTerms(parts.join(''))[0] ?? '')) return true;
  if (parts.some((part) => !statistics.documentFrequency.has(part))) return false;
  for (const terms of statistics.paragraphTerms?.values() ?? []) {
    for (let i = 0; i + parts.length <= terms.length; i++) {
      if (terms[i] === parts[0] && parts.every((part, j) => terms[i + j] === part)) return true;
    }
  }
  return false;
}

/**
 * Words of a question that name something (as `lexicalTerms`): capitalised words after the first
 * ("Australia", "Potter") and numbers ("418", "2016"). Acronyms ("HTTP", "UMC") and words mixing
 * letters and digits ("15th", "1700s") are left out: a library often spells them out or differently.
 */
export function questionNames(question: string): string[] {
  const words = question.match(/[\p{L}\p{N}]+/gu) ?? [];
  const names = words.filter((word, i) => /^\p{N}+$/u.test(word) || (i > 0 && /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word) && !/\p{N}/u.test(word)));
  return [...new Set(names.flatMap((word) => lexicalTerms(word)).filter((term) => !QUESTION_WORDS.has(term)))];
}

/** Optimal string alignment distance of `a` and `b` is at most 1 (one insertion, deletion, substitution or transposition). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Shortest name a misspelling is looked for ("Bedigo" for "Bendigo", "Ghandi" for "Gandhi"). */
const MIN_FUZZY_LENGTH = 6;

/**
 * Paragraphs of the library that hold `name`; a name the library lacks but spells one edit away
 * (a misspelling in the question) counts as held by that spelling's paragraphs.
 */
function nameFrequency(name: string, statistics: TermStatistics): number {
  const df = statistics.documentFrequency.get(name) ?? 0;
  if (df > 0 || name.length < MIN_FUZZY_LENGTH || /\p{N}/u.test(name)) return df;
  const byLength = termsByLength(statistics.documentFrequency);
  let best = 0;
  for (const length of [name.length - 1, name.length, name.length + 1]) {
    for (const [term, count] of byLength.get(length) ?? []) if (count > best && withinOneEdit(name, term)) best = count;
  }
  return best;
}

/** The library's terms of MIN_FUZZY_LENGTH - 1 letters or more by length, built once per statistics (they are cached per library version). */
const lengthIndex = new WeakMap<ReadonlyMap<string, number>, Map<number, Array<[string, number]>>>();
function termsByLength(documentFrequency: ReadonlyMap<string, number>): Map<number, Array<[string, number]>> {
  let index = lengthIndex.get(documentFrequency);
  if (!index) {
    index = new Map();
    for (const [term, count] of documentFrequency) {
      if (term.length < MIN_FUZZY_LENGTH - 1) continue;
      const list = index.get(term.length);
      if (list) list.push([term, count]);
      else index.set(term.length, [[term, count]]);
    }
    lengthIndex.set(documentFrequency, index);
  }
  return index;
}

/** The names of `names` that the text holding most of them lacks (all of them when there is no text). */
function namesMissing(names: readonly string[], evidence: readonly string[]): string[] {
  let best: string[] = [...names];
  for (const text of evidence) {
    const present = new Set(lexicalTerms(text));
    const missing = names.filter((name) => !present.has(name));
    if (missing.length < best.length) best = missing;
  }
  return best;
}

/** A cited sentence holds an answer of the question's type that the question does not already contain. */
function offersTypedAnswer(type: AnswerType, question: string, sentences: readonly string[]): boolean {
  if (type === 'other') return true;
  const questionWords = new Set((question.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase()));
  return sentences.some((sentence) => answerTypePositions(type, sentence, questionWords).length > 0);
}

/**
 * The evidence test for `question` over `evidence` (each a cited proposition with its paragraph):
 * coverage 0 when the question has no content terms or nothing is cited. `sentences` are the cited
 * propositions alone (for the answer type; the evidence texts when not given).
 */
export function evidenceFinding(question: string, evidence: readonly string[], statistics: TermStatistics, sentences: readonly string[] = evidence): EvidenceFinding {
  const terms = questionTerms(question);
  // A name's parts are its words: not the letter runs added after them (decision 0154), which no paragraph has next to them.
  const unknownNames = compoundNames(question).filter((name) => { const terms = lexicalTerms(name); return !libraryHasName(terms.slice(0, termLength(terms)), statistics); });
  const answerType = expectedAnswerType(question);
  const missingNames = namesMissing(questionNames(question), evidence);
  const missingNameFrequency = missingNames.length === 0 ? -1 : Math.min(...missingNames.map((name) => nameFrequency(name, statistics)));
  const missingNameShare = missingNameFrequency < 0 ? -1 : missingNameFrequency / Math.max(MIN_UNITS, statistics.units);
  const extra = { unknownNames, missingNames, missingNameFrequency, missingNameShare, answerType, typedAnswer: offersTypedAnswer(answerType, question, sentences) };
  if (terms.length === 0 || evidence.length === 0) return { coverage: 0, rarestCovered: false, ...extra };
  const weights = terms.map((term) => termWeight(term, statistics));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const rarest = terms[weights.indexOf(Math.max(...weights))] ?? '';
  let best = { coverage: 0, rarestCovered: false };
  for (const text of evidence) {
    const present = new Set(lexicalTerms(text));
    const covered = terms.reduce((sum, term, i) => sum + (present.has(term) ? (weights[i] ?? 0) : 0), 0);
    const coverage = total > 0 ? covered / total : 0;
    if (coverage > best.coverage) best = { coverage, rarestCovered: present.has(rarest) };
  }
  return { ...best, ...extra };
}

/** Highest IDF-weighted share of the question's terms held by one of `evidence` (see `evidenceFinding`). */
export function evidenceCoverage(question: string, evidence: readonly string[], statistics: TermStatistics): number {
  return evidenceFinding(question, evidence, statistics).coverage;
}
