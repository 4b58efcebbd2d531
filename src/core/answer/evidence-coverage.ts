/**
 * The evidence test behind "No strong match found." (issue 12, item 3; decision 0045): the share
 * of the question's IDF-weighted content terms that the best of the first cited paragraphs holds.
 *
 * Unlike BM25 scores (unbounded, query-dependent) this is a share in [0, 1], comparable across
 * questions and libraries, and the same for BM25-only and hybrid retrieval. A term the library
 * does not hold at all ("Kilimanjaro", "Kubernetes") weighs most, so a question about something
 * absent from the library cannot pass on its common words ("How tall is …", "capital").
 */
import { lexicalTerms } from '../retrieval/lexical/lexical-terms.ts';

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
 * The evidence test for `question` over `evidence` (each a cited proposition with its paragraph):
 * coverage 0 when the question has no content terms or nothing is cited.
 */
export function evidenceFinding(question: string, evidence: readonly string[], statistics: TermStatistics): EvidenceFinding {
  const terms = questionTerms(question);
  const unknownNames = compoundNames(question).filter((name) => !libraryHasName(lexicalTerms(name), statistics));
  if (terms.length === 0 || evidence.length === 0) return { coverage: 0, rarestCovered: false, unknownNames };
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
  return { ...best, unknownNames };
}

/** Highest IDF-weighted share of the question's terms held by one of `evidence` (see `evidenceFinding`). */
export function evidenceCoverage(question: string, evidence: readonly string[], statistics: TermStatistics): number {
  return evidenceFinding(question, evidence, statistics).coverage;
}
