/**
 * How much stored text the navigation rules mark (decision 0145): lists made only of titles (isNavigationList, applied
 * to list paragraphs as list-lookup.ts finds them) and contents pages (isNavigationText), with a sample to read; and the
 * same counts over the XQuAD and SciFact corpora.
 * Usage: sqlite3 -json <data-dir>/eval-cache/real-questions-*\/propo.sqlite "select 'p' as kind, file, text, paragraph_id as
 *   paragraph, 0 as lines from propositions union all select 'g', '', '', id, length(trim(text)) -
 *   length(replace(trim(text), char(10), '')) + 1 from paragraphs" > store.json
 *   node --import ./bin/register.mjs bench/answer-selection/navigation-text-count.ts store.json [../shared/datasets]
 */
import { readFileSync } from 'node:fs';
import { isNavigationList, isNavigationText, isQuotableSentence } from '../../src/core/answer/quotable-sentence.ts';

interface Row { kind: string; file: string; text: string; paragraph: string; lines: number }
const rows = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Row[];
const props = rows.filter((r) => r.kind === 'p');
const byParagraph = new Map<string, Row[]>();
for (const r of props) byParagraph.set(r.paragraph, [...(byParagraph.get(r.paragraph) ?? []), r]);
const lineCount = new Map(rows.filter((r) => r.kind === 'g').map((r) => [r.paragraph, r.lines]));
// list-lookup.ts: at least two lines, at least two propositions, each on one line.
const isList = (id: string, ps: Row[]): boolean => (lineCount.get(id) ?? 0) >= 2 && ps.length >= 2 && ps.every((p) => !p.text.includes('\n'));
const navParagraphs = [...byParagraph].filter(([id, ps]) => isList(id, ps) && isNavigationList(ps.map((p) => p.text)));
const contents = props.filter((r) => isNavigationText(r.text));
const base = (f: string): string => f.split('/').pop() ?? f;
const tally = (xs: string[]): Array<[string, number]> => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]);
};
console.log('propositions', props.length, 'paragraphs', byParagraph.size);
console.log('title-list paragraphs', navParagraphs.length, 'propositions', navParagraphs.reduce((n, [, ps]) => n + ps.length, 0),
  'of them quotable before', navParagraphs.reduce((n, [, ps]) => n + ps.filter((p) => isQuotableSentence(p.text)).length, 0), tally(navParagraphs.map(([, ps]) => base(ps[0]?.file ?? ''))));
console.log('contents-page propositions', contents.length, tally(contents.map((r) => base(r.file))));
for (const [, ps] of navParagraphs) console.log('  L', base(ps[0]?.file ?? ''), JSON.stringify(ps.map((p) => p.text).join(' | ').slice(0, 140)));
for (const r of contents) console.log('  D', base(r.file), JSON.stringify(r.text.slice(0, 100)));
const datasets = process.argv[3];
if (datasets) {
  for (const name of ['xquad-en', 'scifact']) {
    const docs = readFileSync(`${datasets}/${name}/corpus.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; text?: string });
    const lines = docs.flatMap((d) => (d.text ?? '').split('\n').filter((l) => l.trim()));
    const marked = docs.filter((d) => isNavigationText(d.text ?? '') || isNavigationList((d.text ?? '').split('\n').filter((l) => l.trim())));
    console.log(name, 'documents', docs.length, 'lines', lines.length, 'contents-page lines', lines.filter((l) => isNavigationText(l)).length,
      'documents marked', marked.length, marked.map((d) => d.id).join(' '));
  }
}
