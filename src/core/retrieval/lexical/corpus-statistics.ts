/**
 * Corpus statistics for the core BM25F re-scorer: one scoring unit per body paragraph, with its
 * document's title (short first paragraph, `isTitleParagraph`) as a second field. The vector store
 * keeps BM25 statistics of its own but exposes none, so they are computed here from the paragraphs
 * (a few seconds for ~100k paragraphs) and rebuilt when the set of visible documents changes.
 */
import type { ParagraphRecord } from '../../domain/index.ts';
import { isTitleParagraph } from '../document-evidence.ts';
import { lexicalTerms, termLength } from './lexical-terms.ts';

export type StatisticsParagraph = Pick<ParagraphRecord, 'id' | 'documentId' | 'page' | 'ordinal' | 'start' | 'end' | 'text'>;

export interface CorpusStatistics {
  /** Scoring units (body paragraphs; a document without one counts its title as its body). */
  units: number;
  averageTitleLength: number;
  averageBodyLength: number;
  /** Term → units whose title or body holds it. */
  documentFrequency: Map<string, number>;
  /** Document id → terms of its title (absent: no title). */
  titleTerms: Map<string, string[]>;
  /** Paragraph id → its terms (so re-scoring a candidate does not analyse its text again). */
  paragraphTerms: Map<string, string[]>;
  /**
   * Paragraph id → terms of the section heading it sits under (decision 0120; `sectionHeadings`), for body
   * paragraphs that have one. Not counted in `documentFrequency` nor in `averageBodyLength`.
   */
  headingTerms: Map<string, string[]>;
  /** Mean heading length over the units (0 for a unit without a heading). */
  averageHeadingLength: number;
  /** Heading paragraph id → the body paragraphs of its section in reading order (`sectionCandidates`, decision 0120). */
  sectionMembers: Map<string, string[]>;
  /** Body paragraph id → its section heading's text and its index among the section's paragraphs (answer context, decision 0133). */
  sectionOf?: Map<string, { heading: string; index: number }>;
  /**
   * Document-level unit (decision 0050), computed on first access (decision 0091): one per document (its title + all its body paragraphs as one
   * body), with document frequencies, average field lengths and each document's body term counts.
   */
  documents: number;
  averageDocumentTitleLength: number;
  averageDocumentBodyLength: number;
  documentLevelFrequency: Map<string, number>;
  documentTermCounts: Map<string, Map<string, number>>;
  documentBodyLength: Map<string, number>;
}

export function buildCorpusStatistics(paragraphs: Iterable<StatisticsParagraph>): CorpusStatistics {
  const titleTerms = new Map<string, string[]>();
  const bodies = new Map<string, string[][]>();
  const paragraphTerms = new Map<string, string[]>();
  const all = [...paragraphs];
  const headingTerms = new Map<string, string[]>();
  const sections = sectionHeadings(all);
  // A section's paragraphs share one array of its heading's terms.
  const sectionOf = new Map<string, { heading: string; index: number }>();
  for (const members of sections.members.values()) {
    const text = sections.headingOf.get(members[0] ?? '');
    if (text === undefined) continue;
    const terms = lexicalTerms(text);
    members.forEach((id, index) => { headingTerms.set(id, terms); sectionOf.set(id, { heading: text, index }); });
  }
  for (const paragraph of all) {
    const terms = lexicalTerms(paragraph.text);
    paragraphTerms.set(paragraph.id, terms);
    if (isTitleParagraph(paragraph)) titleTerms.set(paragraph.documentId, terms);
    else {
      const list = bodies.get(paragraph.documentId);
      if (list) list.push(terms);
      else bodies.set(paragraph.documentId, [terms]);
    }
  }
  const documentFrequency = new Map<string, number>();
  let units = 0;
  let titleLength = 0;
  let bodyLength = 0;
  const count = (title: readonly string[], body: readonly string[]) => {
    units++;
    titleLength += termLength(title);
    bodyLength += termLength(body);
    for (const term of new Set([...title, ...body])) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  };
  for (const [documentId, title] of titleTerms) if (!bodies.has(documentId)) count([], title);
  for (const [documentId, list] of bodies) for (const body of list) count(titleTerms.get(documentId) ?? [], body);
  let headingLength = 0;
  for (const terms of headingTerms.values()) headingLength += termLength(terms);
  const paragraphLevel = {
    units, averageTitleLength: titleLength / Math.max(1, units), averageBodyLength: bodyLength / Math.max(1, units), documentFrequency, titleTerms, paragraphTerms,
    headingTerms, averageHeadingLength: headingLength / Math.max(1, units), sectionMembers: sections.members, sectionOf,
  };
  // The document-level unit is only read when `documentWeight` > 0 (off by default, decision 0050):
  // built on first access, so the default path never pays for it (decision 0091).
  let documentLevel: DocumentLevelStatistics | undefined;
  const lazy = () => {
    if (documentLevel === undefined) { documentLevel = documentLevelStatistics(titleTerms, bodies); documentLevelBuilt.add(statistics); }
    return documentLevel;
  };
  const statistics = Object.defineProperties(paragraphLevel, {
    documents: { get: () => lazy().documents, enumerable: true },
    averageDocumentTitleLength: { get: () => lazy().averageDocumentTitleLength, enumerable: true },
    averageDocumentBodyLength: { get: () => lazy().averageDocumentBodyLength, enumerable: true },
    documentLevelFrequency: { get: () => lazy().documentLevelFrequency, enumerable: true },
    documentTermCounts: { get: () => lazy().documentTermCounts, enumerable: true },
    documentBodyLength: { get: () => lazy().documentBodyLength, enumerable: true },
  }) as CorpusStatistics;
  return statistics;
}

/** Longest paragraph (words) taken as a section heading; the same bound as a heading cited through its next paragraph (hybrid-search.ts). */
const HEADING_MAX_WORDS = 12;
const HEADING_MAX_CHARS = 200;
const NUMBERED_HEADING = /^(?:\d+(?:\.\d+)*\.?|[A-Z](?:\.\d+)+\.?)\s+[\p{Lu}\p{N}]/u;

/** A short line that opens with a capital or a section number and does not end like a sentence. */
export function isHeadingLike(text: string): boolean {
  // Twelve words fit in far fewer characters: long paragraphs are rejected before any word is matched.
  if (text.length > HEADING_MAX_CHARS) return false;
  const trimmed = text.trim();
  const words = trimmed.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0 || words.length > HEADING_MAX_WORDS || /[.!?;:,]$/u.test(trimmed)) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(trimmed)) return false;
  // Mostly words after a section number: table and figure debris ("KT: d x N", "0.5 1.2 3.4") is mostly
  // symbols, numbers and one-letter tokens.
  const rest = trimmed.replace(/^(?:\d+(?:\.\d+)*\.?|[A-Z](?:\.\d+)+\.?)\s+/u, '').match(/[\p{L}\p{N}]+/gu) ?? [];
  const letterWords = rest.filter((w) => /^\p{L}{2,}$/u.test(w)).length;
  return letterWords >= 1 && letterWords * 2 >= rest.length;
}

export interface Sections {
  /** Body paragraph id → the text of its section heading. */
  headingOf: Map<string, string>;
  /** Heading paragraph id → the body paragraphs of its section, in reading order. */
  members: Map<string, string[]>;
}

/**
 * The section heading of each body paragraph (decision 0120): the last heading-like paragraph before it in
 * its document's reading order (page, ordinal). In a document with at least three numbered headings
 * ("3.1 Encoder and Decoder Stacks", "14.9 Cache-Control") — papers and RFCs, whose text layer also holds
 * short figure and table labels — only numbered ones count. Headings and titles get none.
 */
export function sectionHeadings(paragraphs: readonly StatisticsParagraph[]): Sections {
  const byDocument = new Map<string, StatisticsParagraph[]>();
  for (const p of paragraphs) {
    const list = byDocument.get(p.documentId);
    if (list) list.push(p);
    else byDocument.set(p.documentId, [p]);
  }
  const headingOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const list of byDocument.values()) {
    const ordered = [...list].sort((a, b) => a.page - b.page || a.ordinal - b.ordinal || a.start - b.start);
    const headingLike = ordered.map((p) => isHeadingLike(p.text));
    const numbered = ordered.filter((p, i) => headingLike[i] && NUMBERED_HEADING.test(p.text.trim())).length >= 3;
    let heading: { id: string; text: string } | null = null;
    for (const [i, p] of ordered.entries()) {
      if (isTitleParagraph(p)) continue;
      if (headingLike[i]) {
        if (!numbered || NUMBERED_HEADING.test(p.text.trim())) { heading = { id: p.id, text: p.text.trim() }; members.set(p.id, []); }
        continue;
      }
      if (heading === null) continue;
      headingOf.set(p.id, heading.text);
      members.get(heading.id)?.push(p.id);
    }
  }
  return { headingOf, members };
}

const documentLevelBuilt = new WeakSet<CorpusStatistics>();

/** Whether the document-level statistics of `statistics` have been computed (tests, benchmarks). */
export function hasDocumentLevel(statistics: CorpusStatistics): boolean {
  return documentLevelBuilt.has(statistics);
}

type DocumentLevelStatistics = Pick<CorpusStatistics, 'documents' | 'averageDocumentTitleLength' | 'averageDocumentBodyLength' | 'documentLevelFrequency' | 'documentTermCounts' | 'documentBodyLength'>;

function documentLevelStatistics(titleTerms: ReadonlyMap<string, string[]>, bodies: ReadonlyMap<string, string[][]>): DocumentLevelStatistics {
  const documentLevelFrequency = new Map<string, number>();
  let documentTitleLength = 0;
  let documentBodyLength = 0;
  const documentTermCounts = new Map<string, Map<string, number>>();
  const documentBody = new Map<string, number>();
  const documentIds = new Set([...titleTerms.keys(), ...bodies.keys()]);
  for (const documentId of documentIds) {
    const seen = new Set(titleTerms.get(documentId) ?? []);
    const counts = new Map<string, number>();
    let length = 0;
    documentTitleLength += termLength(titleTerms.get(documentId) ?? []);
    for (const body of bodies.get(documentId) ?? []) {
      length += termLength(body);
      for (const term of body) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    for (const term of counts.keys()) seen.add(term);
    for (const term of seen) documentLevelFrequency.set(term, (documentLevelFrequency.get(term) ?? 0) + 1);
    documentTermCounts.set(documentId, counts);
    documentBody.set(documentId, length);
    documentBodyLength += length;
  }
  return {
    documents: documentIds.size, averageDocumentTitleLength: documentTitleLength / Math.max(1, documentIds.size),
    averageDocumentBodyLength: documentBodyLength / Math.max(1, documentIds.size), documentLevelFrequency, documentTermCounts, documentBodyLength: documentBody,
  };
}

/**
 * Statistics built on first use and rebuilt when `version()` changes (the visible documents: an
 * ingest or delete). `version` is cheap; `load` reads every paragraph of the visible documents.
 */
export function cachedCorpusStatistics(load: () => Iterable<StatisticsParagraph>, version: () => string): () => CorpusStatistics {
  let cached: { version: string; statistics: CorpusStatistics } | null = null;
  return () => {
    const current = version();
    if (cached?.version !== current) cached = { version: current, statistics: buildCorpusStatistics(load()) };
    return cached.statistics;
  };
}

/** An order-independent fingerprint of a set of ids (count + two 32-bit FNV-1a hash sums). */
export function idSetVersion(ids: Iterable<string>): string {
  let count = 0;
  let sum = 0;
  let xor = 0;
  for (const id of ids) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
    count++;
    sum = (sum + hash) >>> 0;
    xor = (xor ^ hash) >>> 0;
  }
  return `${count}:${sum}:${xor}`;
}
