/**
 * Every real-questions top-3 miss of the extractive answer (`app.ask`, as the eval scores it), classified by where
 * the gold was lost (issue 12; docs/evaluation.md, 2026-12-04):
 * - `d` split: no single stored proposition on the gold page holds the gold substring (proposition or paragraph
 *   boundaries, PDF text layer);
 * - `a` not a candidate: the gold paragraph is not among the paragraphs the answer ranks (the first 16) — vocabulary;
 * - `c` wrong proposition: one of the first three citations is in the gold paragraph, another sentence of it chosen;
 * - `b` ranked below: the gold paragraph is among the 16 ranked, the first three citations come from other paragraphs;
 * - `composition`: retrieval cites the gold in its first three, the extractive answer drops it (decision 0124).
 * Class `e` (questionable gold) is a reading of the printed texts, not computed.
 *
 *   node --import ./bin/register.mjs bench/answer-selection/real-questions-miss-classes.ts --data-dir D [--set retrieval.key=value] [--json out.json]
 *
 * A test set: read it to diagnose, never fit to it.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openRealQuestionsCache, squash } from './real-questions-cache.ts';
import { createAnswerSelector, type AnswerSelector, type SelectionGroup } from '../../src/core/retrieval/select-answer-propositions.ts';
import { rankParagraphs, type RetrievalDeps } from '../../src/core/retrieval/hybrid-search.ts';
import { cachedCorpusStatistics } from '../../src/core/retrieval/lexical/corpus-statistics.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, dataset: { type: 'string' }, documents: { type: 'string' }, set: { type: 'string', multiple: true }, json: { type: 'string' } } });
const { dataset, config, app, idOf, holds } = await openRealQuestionsCache(values);
const visible = app.documents.visibleDocumentIds();
const statistics = cachedCorpusStatistics(() => app.documents.visibleParagraphs(), () => 'fixed');
const deps: RetrievalDeps = { vectors: app.vectors, embedQuery: () => Promise.resolve(new Float32Array(0)), visibleDocumentIds: () => visible, paragraph: (id) => app.documents.paragraph(id), corpusStatistics: statistics };
const r = config.retrieval;
const inner = createAnswerSelector(r);
const rows: Array<Record<string, unknown>> = [];
const short = (t: string | undefined): string => squash(t ?? '').slice(0, 160);
for (const question of dataset.questions) {
  if (question.gold.length === 0) continue;
  const answer = await app.ask(question.question);
  const spans = answer.citations.map((c) => ({ documentId: c.documentId, page: c.page, text: c.text, propositionId: c.propositionId }));
  const askIndex = spans.findIndex((s) => holds(question.gold, s));
  if (askIndex >= 0 && askIndex < 3) continue;
  let seen: SelectionGroup[] = [];
  const recorder: AnswerSelector = (text, groups) => { seen = groups.slice(0, 16); return inner(text, groups); };
  const retrieved = await app.retrieve(question.question, { answerSelector: recorder });
  const retrievedIndex = retrieved.hits.findIndex((h) => holds(question.gold, h.record));
  // Gold paragraphs: on a gold page of the gold document, holding the gold substring.
  const goldParagraphs = new Set<string>();
  let goldProposition: string | null = null;
  for (const g of question.gold) {
    const documentId = idOf.get(g.document.split('/').pop() ?? '');
    if (!documentId) continue;
    for (const p of app.documents.paragraphs(documentId)) if (p.page === g.page && squash(p.text).includes(squash(g.gold))) goldParagraphs.add(p.id);
    for (const p of app.documents.propositions(documentId)) if (p.page === g.page && squash(p.text).includes(squash(g.gold))) { goldParagraphs.add(p.paragraphId); goldProposition ??= p.text; }
  }
  const { paragraphs } = await rankParagraphs(deps, question.question, null, { namespace: 'eval' }, {
    method: 'weighted', denseWeight: r.denseWeight, bm25Weight: r.bm25Weight, rrfK: r.rrfK, candidates: r.candidates, k: 100,
    mode: 'bm25', unit: 'proposition', rankBy: 'paragraph', lexical: r.lexical,
  });
  const rank = paragraphs.findIndex((p) => goldParagraphs.has(p.record.paragraphId)) + 1;
  const seenRank = seen.findIndex((g) => goldParagraphs.has(g.paragraphId)) + 1;
  const citedParagraphs = spans.slice(0, 3).map((s) => app.documents.propositionsByIds([s.propositionId])[0]?.paragraphId);
  let cls: string;
  if (goldProposition === null) cls = 'd';
  else if (retrievedIndex >= 0 && retrievedIndex < 3) cls = 'composition';
  else if (citedParagraphs.some((id) => id !== undefined && goldParagraphs.has(id))) cls = 'c';
  else if (seenRank === 0) cls = 'a';
  else cls = 'b';
  rows.push({ id: question.id, kind: question.kind, cls, rank: rank || null, seenRank: seenRank || null, askIndex: askIndex + 1 || null, retrievedIndex: retrievedIndex + 1 || null, question: question.question, gold: question.gold.map((g) => g.gold), goldProposition, cited: spans.slice(0, 3).map((s) => s.text) });
  console.log(`\n## ${question.id} [${question.kind}] class ${cls}; gold paragraph rank ${rank || '-'} (of 100), among the 16: ${seenRank || '-'}; ask cites it ${askIndex + 1 || '-'}, retrieve ${retrievedIndex + 1 || '-'}`);
  console.log(`Q: ${question.question}\nG: ${question.gold.map((g) => squash(g.gold)).join(' | ')}\n  gold prop: ${goldProposition === null ? '(none holds it)' : short(goldProposition)}`);
  spans.slice(0, 3).forEach((s, i) => console.log(`  cited ${i + 1}: ${short(s.text)}`));
}
await app.close();
const counts = new Map<string, number>();
for (const row of rows) counts.set(row.cls as string, (counts.get(row.cls as string) ?? 0) + 1);
console.log(`\nmisses: ${rows.length}; by class: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
if (values.json) writeFileSync(values.json, JSON.stringify(rows, null, 1));
