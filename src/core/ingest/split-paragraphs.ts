/**
 * Splits a page's text into paragraphs with exact spans: blocks separated by blank lines,
 * trimmed; very long blocks are cut at sentence ends so a paragraph stays a readable context.
 */
import { paragraphIdFor, type PageText, type ParagraphRecord } from '../domain/index.ts';
import { segmentSentences } from './segment-sentences.ts';

export interface SplitParagraphOptions { maxChars?: number }

export function splitParagraphs(documentId: string, page: PageText, options: SplitParagraphOptions = {}): ParagraphRecord[] {
  const maxChars = options.maxChars ?? 2000;
  const text = page.text;
  const blocks: Array<[number, number]> = [];
  const separator = /\n[ \t\r\f\v]*\n/g;
  let cursor = 0;
  for (const match of text.matchAll(separator)) {
    blocks.push([cursor, match.index]);
    cursor = match.index + match[0].length;
  }
  blocks.push([cursor, text.length]);

  const kept = blocks
    .map(([rawStart, rawEnd]) => trimSpan(text, rawStart, rawEnd))
    .filter(([start, end]) => end - start >= 2 && /[\p{L}\p{N}]/u.test(text.slice(start, end)));
  const out: ParagraphRecord[] = [];
  for (const [start, end] of kept) {
    for (const [s, e] of capLength(text, start, end, maxChars)) {
      out.push({ id: paragraphIdFor(documentId, page.number, s, e), documentId, page: page.number, start: s, end: e, text: text.slice(s, e), ordinal: out.length });
    }
  }
  return out;
}

/** Narrows [start, end) so it neither starts nor ends with white space. */
export function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/u.test(text[start] as string)) start++;
  while (end > start && /\s/u.test(text[end - 1] as string)) end--;
  return [start, end];
}

function capLength(text: string, start: number, end: number, maxChars: number): Array<[number, number]> {
  if (end - start <= maxChars) return [[start, end]];
  const pieces: Array<[number, number]> = [];
  let pieceStart = start;
  let pieceEnd = start;
  for (const [s, e] of segmentSentences(text, start, end)) {
    if (e - pieceStart > maxChars && pieceEnd > pieceStart) {
      pieces.push(trimSpan(text, pieceStart, pieceEnd));
      pieceStart = s;
    }
    pieceEnd = e;
    // A single sentence longer than the cap is cut at white space.
    while (pieceEnd - pieceStart > maxChars) {
      let cut = text.lastIndexOf(' ', pieceStart + maxChars);
      if (cut <= pieceStart) cut = pieceStart + maxChars;
      pieces.push(trimSpan(text, pieceStart, cut));
      pieceStart = cut;
    }
  }
  if (pieceEnd > pieceStart) pieces.push(trimSpan(text, pieceStart, pieceEnd));
  return pieces.filter(([s, e]) => e > s);
}
