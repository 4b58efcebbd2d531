/**
 * The real-questions misses inside the ranked paragraphs, one by one (issue 12 items 1 and 5): for every
 * answerable question whose gold is in one of the first `window` ranked paragraphs but not in the first three
 * citations (or cited 4th+), the question, the gold proposition, what was cited first, and the answer features of
 * both with their cite-across scores (feature score − paragraphWeight · ln(1 + paragraph rank)).
 * Runs on the scratch index of `bin/propo eval --dataset eval/datasets/real-questions` (like real-questions-diagnosis.ts).
 *
 *   node --import ./bin/register.mjs bench/answer-selection/real-questions-misses.ts --data-dir D [--documents <shared datasets folder>] [--set retrieval.key=value] [--json out.json]
 *
 * A test set: read it to diagnose, never fit to it.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openRealQuestionsCache, squash, type Span } from './real-questions-cache.ts';
import type { GoldLocation } from '../../src/core/eval/real-questions/real-questions-types.ts';
import { isQuotableSentence } from '../../src/core/answer/quotable-sentence.ts';
import { candidateFeatures, createAnswerSelector, DEFAULT_ANSWER_WEIGHTS, scoreFeatures, type AnswerSelector, type SelectionGroup } from '../../src/core/retrieval/select-answer-propositions.ts';
import { expectedAnswerType } from '../../src/core/retrieval/answer-type.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, dataset: { type: 'string' }, documents: { type: 'string' }, set: { type: 'string', multiple: true }, json: { type: 'string' } } });
const { dataset, config, app, onGoldPage, holds } = await openRealQuestionsCache(values);
/** Gold that spans propositions: the proposition holding its first words on the gold page. */
const partly = (gold: readonly GoldLocation[], span: Span): boolean =>
  gold.some((g) => onGoldPage(g, span)
    && (squash(g.gold).includes(squash(span.text)) || squash(span.text).includes(squash(g.gold).split(' ').slice(0, 4).join(' '))));

const weights = config.retrieval.answerWeights ?? DEFAULT_ANSWER_WEIGHTS;
const { window, paragraphWeight } = config.retrieval.citeAcross;
const inner = createAnswerSelector(config.retrieval);
const misses: unknown[] = [];
const short = (row: Record<string, number>): string => Object.entries(row).filter(([k, v]) => k !== 'bias' && v !== 0).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
for (const question of dataset.questions) {
  if (question.gold.length === 0) continue;
  let seen: SelectionGroup[] = [];
  const recorder: AnswerSelector = (text, groups) => { seen = groups.slice(0, 16); return inner(text, groups); };
  const result = await app.retrieve(question.question, { answerSelector: recorder });
  const cited = result.hits.map((h) => h.record);
  const index = cited.findIndex((r) => holds(question.gold, r));
  if (index >= 0 && index < 3) continue;
  const rows = candidateFeatures(question.question, seen, config.retrieval.answerContext);
  const scored = seen.flatMap((g, rank) => g.candidates.map((c, i) => {
    const row = (rows[rank] ?? [])[i] as Record<string, number>;
    const feature = scoreFeatures(row as never, weights);
    return { rank, position: c.position, text: c.record.text, page: c.record.page, row, feature, across: feature - paragraphWeight * Math.log1p(rank), full: holds(question.gold, c.record), part: partly(question.gold, c.record), quotable: isQuotableSentence(c.record.text) };
  }));
  const gold = scored.find((s) => s.full) ?? scored.find((s) => s.part) ?? null;
  if (!gold && index < 0) { misses.push({ id: question.id, where: 'notRetrieved' }); console.log(`${question.id}\tnot in a ranked paragraph\t${question.question}`); continue; }
  const first = scored.find((s) => s.text === cited[0]?.text) ?? null;
  const inWindow = scored.filter((s) => s.rank < window).sort((a, b) => b.across - a.across);
  const goldPlace = gold ? inWindow.findIndex((s) => s === gold) + 1 : 0;
  const where = index >= 3 ? `cited ${index + 1}` : gold && gold.full ? 'in paragraph' : 'gold split across propositions';
  console.log(`\n## ${question.id} [${question.kind}, type ${expectedAnswerType(question.question)}] ${where}; gold paragraph rank ${gold ? gold.rank + 1 : '-'}, its place in the window ${goldPlace || '-'}\nQ: ${question.question}\nG: ${question.gold.map((g) => g.gold).join(' | ')}`);
  if (gold) console.log(`  gold prop (p${gold.page}, pos ${gold.position}, quotable ${gold.quotable}): ${squash(gold.text).slice(0, 220)}\n    feature ${gold.feature.toFixed(2)} across ${gold.across.toFixed(2)}: ${short(gold.row)}`);
  if (first) console.log(`  cited 1st (rank ${first.rank + 1}, p${first.page}, pos ${first.position}, quotable ${first.quotable}): ${squash(first.text).slice(0, 220)}\n    feature ${first.feature.toFixed(2)} across ${first.across.toFixed(2)}: ${short(first.row)}`);
  misses.push({ id: question.id, kind: question.kind, question: question.question, gold: question.gold.map((g) => g.gold), where, goldRank: gold ? gold.rank + 1 : null, goldPlace, goldText: gold?.text ?? null, goldRow: gold?.row ?? null, firstText: first?.text ?? null, firstRow: first?.row ?? null });
}
await app.close();
if (values.json) writeFileSync(values.json, JSON.stringify(misses, null, 1));
console.log(`\nmisses listed: ${misses.length}`);
