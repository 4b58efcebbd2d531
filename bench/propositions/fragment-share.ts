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
 * Whole sentences are never fragments by this definition (sentence segmentation is measured
 * elsewhere); so the share is "fragments / all propositions".
 */
import { readdirSync, readFileSync } from 'node:fs';
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

const { values } = parseArgs({ options: { dir: { type: 'string', default: '../shared/datasets/documents' }, examples: { type: 'string', default: '8' } } });
const root = resolve(values.dir);
const parsers: Record<string, DocumentParser> = { pdf: createPdfParser({ maxPages: 2000 }), md: createMarkdownParser(), txt: createTxtParser() };
const propositionizer = createRulePropositionizer();
let total = 0;
let pieces = 0;
const counts = { 'opens-dependent': 0, 'lost-rest': 0 };
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
      const sentences = new Set(paragraphs.flatMap((p) => segmentSentences(page.text, p.start, p.end).map(([s, e]) => `${s}:${e}`)));
      for (const p of propositions) {
        total++;
        if (sentences.has(`${p.start}:${p.end}`) || paragraphs.some((q) => q.start === p.start && q.end === p.end)) continue;
        pieces++;
        const fragment = fragmentKind(p.text);
        if (!fragment) continue;
        counts[fragment]++;
        if (examples.length < Number(values.examples) && total % 7 === 0) examples.push(`${fragment}: ${name} p${page.number}: ${p.text.replace(/\s+/gu, ' ').slice(0, 160)}`);
      }
    }
  }
}
const fragments = counts['opens-dependent'] + counts['lost-rest'];
console.log(JSON.stringify({ files, propositions: total, piecesOfSentences: pieces, fragments, share: Number((fragments / total).toFixed(4)), ...counts }, null, 1));
for (const e of examples) console.log(e);
