/**
 * Share of rule propositions that are fragments, over the shared documents (PDF, Markdown, TXT),
 * parsed by the production parsers and split by the production paragraph splitter and rule
 * propositionizer (no store, no embedder: only the text matters here).
 *
 *   node --import ./bin/register.mjs bench/propositions/fragment-share.ts [--dir ../shared/datasets/documents] [--examples 10]
 *
 * A proposition is a **fragment** when it is a proper part of a sentence (the propositionizer cut
 * the sentence) and it cannot stand alone:
 * - `opens-dependent`: it opens with a connective (which, who, whose, whom, where, while, whereas,
 *   although, though, because, since, unless, and, but, or, so, yet, then, that, as) or with any
 *   other lower-case word that cannot open a clause (not a pronoun or determiner: SUBJECT below)
 *   — its subject, or the clause it qualifies, is in another proposition; or
 * - `lost-rest`: it ends with a colon or a comma, or it is a leading adverbial/conditional clause (it opens with
 *   With, If, When, Although, Because, As, Since, While, After, Before, Unlike, Using, By, Given,
 *   Compared) and holds no comma-free main clause after that opening (no comma at all, or
 *   nothing but one comma-ended clause) — the fact it introduces is elsewhere.
 * Whole sentences (one or several consecutive segmenter sentences) are never fragments by this definition (sentence segmentation is measured
 * elsewhere); so the share is "fragments / all propositions".
 *
 * Cut by a line break (issue 12 item 9, decision 0137): the segmenter ends a sentence at a line break before a
 * capital or a symbol, so these are counted over every proposition that is not a whole paragraph:
 * - `lost-object`: it ends with a word no sentence ends with (of, the, to, becomes, …) and no sentence end
 *   ("For the base model, we use a rate of"); and
 * - `symbolic`: it has no verb and holds an operator, or is mostly numbers, symbols and one-letter tokens
 *   ("Pdrop = 0.1.", "F(x)+x.") — a value or a formula cut from the sentence that states it.
 * `--list FILE` writes every fragment (kind, file, page, text) to FILE.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRulePropositionizer } from '../../src/core/ingest/rule-propositionizer.ts';
import { segmentSentences } from '../../src/core/ingest/segment-sentences.ts';
import { splitParagraphs } from '../../src/core/ingest/split-paragraphs.ts';
import type { DocumentParser } from '../../src/core/ports/index.ts';
import { createMarkdownParser, createPdfParser, createTxtParser } from '../../src/providers/parsers/index.ts';

const CONNECTIVE = /^(which|who|whose|whom|where|while|whereas|although|though|because|since|unless|and|but|or|so|yet|then|that|as)\b/iu;
const SUBJECT = /^(?:we|it|they|he|she|i|you|this|these|those|there|the|a|an|our|its|their|his|her|each|every|all|both|no|such|some|most|one)(?![\p{L}\p{N}])/u;
const LEADING = /^(With|If|When|Although|Because|As|Since|While|After|Before|Unlike|Using|By|Given|Compared)\b/u;

const VERB = /(?<![\p{L}\p{N}])(?:is|are|was|were|be|been|has|have|had|do|does|did|can|cannot|could|will|would|may|might|should|must|[\p{L}]{2,}ed|[\p{L}]{2,}es)(?![\p{L}\p{N}])/iu;
const OPEN_END = /(?<![\p{L}\p{N}])(?:of|the|a|an|to|and|or|nor|with|by|for|in|on|at|from|as|into|than|that|is|are|was|were|be|becomes|become|denoted|called|between|where|whose|via|per|its|their|our)$/u;
const OPERATOR = /[=<>≤≥±×÷∑∏∫→←↦≈∼∝∈∉⊂⊆∀∃√·]|:=/u;

/** A proposition cut from its sentence by a line break (see above), or null. */
export function lineCutKind(text: string): 'lost-object' | 'symbolic' | null {
  const trimmed = text.trim();
  if (!/[.!?:;]["'’”)\]]*$/u.test(trimmed) && OPEN_END.test(trimmed)) return 'lost-object';
  if (VERB.test(trimmed)) return null;
  const tokens = trimmed.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (OPERATOR.test(trimmed) || (tokens.length > 0 && tokens.filter((t) => /^\p{L}{2,}$/u.test(t)).length * 2 < tokens.length)) return 'symbolic';
  return null;
}

export function fragmentKind(text: string): 'opens-dependent' | 'lost-rest' | null {
  const trimmed = text.trim();
  if (CONNECTIVE.test(trimmed) || (/^\p{Ll}/u.test(trimmed) && !SUBJECT.test(trimmed))) return 'opens-dependent';
  if (/[:,]$/u.test(trimmed)) return 'lost-rest';
  if (LEADING.test(trimmed)) {
    const commas = trimmed.split(',').length - 1;
    if (commas === 0) return 'lost-rest';
  }
  return null;
}

const { values } = parseArgs({ options: { dir: { type: 'string', default: '../shared/datasets/documents' }, examples: { type: 'string', default: '8' }, list: { type: 'string' } } });
const root = resolve(values.dir);
const parsers: Record<string, DocumentParser> = { pdf: createPdfParser({ maxPages: 2000 }), md: createMarkdownParser(), txt: createTxtParser() };
const propositionizer = createRulePropositionizer();
let total = 0;
let pieces = 0;
const counts = { 'opens-dependent': 0, 'lost-rest': 0 };
const cut = { 'lost-object': 0, symbolic: 0 };
const listed: string[] = [];
const examples: string[] = [];
let files = 0;
for (const kind of Object.keys(parsers)) {
  for (const name of readdirSync(join(root, kind)).sort()) {
    const parser = parsers[kind] as DocumentParser;
    let parsed;
    try {
      parsed = await parser.parse(new Uint8Array(readFileSync(join(root, kind, name))), { fileName: name });
    } catch {
      continue; // refused documents (encrypted, no text layer, corrupt) have no propositions
    }
    files++;
    for (const page of parsed.pages) {
      const paragraphs = splitParagraphs(name, page);
      const propositions = await propositionizer.propositionize(paragraphs, () => page.text, { file: name });
      // A proposition made of whole segmenter sentences (one, or several joined) is not a piece of a sentence.
      const spans = paragraphs.flatMap((p) => segmentSentences(page.text, p.start, p.end));
      const starts = new Set(spans.map(([s]) => s));
      const ends = new Set(spans.map(([, e]) => e));
      for (const p of propositions) {
        total++;
        if (!paragraphs.some((q) => q.start === p.start && q.end === p.end)) {
          const kind = lineCutKind(p.text);
          if (kind) { cut[kind]++; listed.push(`${kind}\t${name}\tp${page.number}\t${p.text.replace(/\s+/gu, ' ').slice(0, 200)}`); }
        }
        if ((starts.has(p.start) && ends.has(p.end)) || paragraphs.some((q) => q.start === p.start && q.end === p.end)) continue;
        pieces++;
        const fragment = fragmentKind(p.text);
        if (!fragment) continue;
        counts[fragment]++;
        listed.push(`${fragment}\t${name}\tp${page.number}\t${p.text.replace(/\s+/gu, ' ').slice(0, 200)}`);
        if (examples.length < Number(values.examples) && total % 7 === 0) examples.push(`${fragment}: ${name} p${page.number}: ${p.text.replace(/\s+/gu, ' ').slice(0, 160)}`);
      }
    }
  }
}
const fragments = counts['opens-dependent'] + counts['lost-rest'];
const lineCut = cut['lost-object'] + cut.symbolic;
console.log(JSON.stringify({ files, propositions: total, piecesOfSentences: pieces, fragments, share: Number((fragments / total).toFixed(4)), ...counts, lineCut, lineCutShare: Number((lineCut / total).toFixed(4)), ...cut }, null, 1));
if (values.list) writeFileSync(values.list, `${listed.join('\n')}\n`);
for (const e of examples) console.log(e);
