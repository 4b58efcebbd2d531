/**
 * The real-questions answers whose gold is cited 2nd or 3rd, not 1st (issue 12 item 1, decision 0146): for every
 * answerable question whose extractive answer (`app.ask`, as the eval scores it) holds the gold in its second or third
 * citation, the first cited span and the gold-holding span with their answer features, feature score, cite-across
 * score (feature − paragraphWeight · ln(1 + paragraph rank) − documentWeight · ln(1 + document rank)), paragraph rank,
 * expected answer type and whether each holds a number.
 *
 *   node --import ./bin/register.mjs bench/answer-selection/real-questions-second.ts --data-dir D [--set retrieval.key=value] [--json out.json]
 *
 * A test set: read it to diagnose, never fit to it.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openRealQuestionsCache, squash } from './real-questions-cache.ts';
import { candidateFeatures, createAnswerSelector, DEFAULT_ANSWER_WEIGHTS, scoreFeatures, type AnswerSelector, type SelectionGroup } from '../../src/core/retrieval/select-answer-propositions.ts';
import { expectedAnswerType } from '../../src/core/retrieval/answer-type.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, dataset: { type: 'string' }, documents: { type: 'string' }, set: { type: 'string', multiple: true }, json: { type: 'string' }, all: { type: 'boolean' } } });
const { dataset, config, app, holds } = await openRealQuestionsCache(values);
const weights = config.retrieval.answerWeights ?? DEFAULT_ANSWER_WEIGHTS;
const { paragraphWeight, documentWeight } = config.retrieval.citeAcross;
const inner = createAnswerSelector(config.retrieval);
const rows: unknown[] = [];
const short = (row: Record<string, number> | undefined): string => Object.entries(row ?? {}).filter(([k, v]) => k !== 'bias' && v !== 0).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
const counts = { answerable: 0, first: 0, second: 0, third: 0 };
for (const question of dataset.questions) {
  if (question.gold.length === 0) continue;
  counts.answerable += 1;
  const answer = await app.ask(question.question);
  const index = answer.citations.findIndex((c) => holds(question.gold, c));
  if (index === 0) counts.first += 1;
  if (index === 1) counts.second += 1;
  if (index === 2) counts.third += 1;
  if (!values.all && (index < 1 || index > 2)) continue;
  let seen: SelectionGroup[] = [];
  const recorder: AnswerSelector = (text, groups) => { seen = groups.slice(0, 16); return inner(text, groups); };
  await app.retrieve(question.question, { answerSelector: recorder });
  const features = candidateFeatures(question.question, seen, config.retrieval.answerContext);
  const documents: string[] = [];
  const scored = seen.flatMap((g, rank) => {
    const document = g.candidates[0]?.record.documentId ?? '';
    if (!documents.includes(document)) documents.push(document);
    const penalty = paragraphWeight * Math.log1p(rank) + (documentWeight ?? 0) * Math.log1p(documents.indexOf(document));
    return g.candidates.map((c, i) => {
      const row = (features[rank] ?? [])[i] as Record<string, number>;
      const feature = scoreFeatures(row as never, weights);
      return { id: c.record.id, rank: rank + 1, position: c.position, row, feature, across: feature - penalty };
    });
  });
  const describe = (c: { propositionId: string; text: string; page: number } | undefined) => {
    const s = scored.find((x) => x.id === c?.propositionId);
    return { text: squash(c?.text ?? ''), page: c?.page, rank: s?.rank ?? null, position: s?.position ?? null, feature: s?.feature ?? null, across: s?.across ?? null, number: /\d/u.test(c?.text ?? ''), words: (c?.text ?? '').split(/\s+/u).filter(Boolean).length, row: s?.row ?? null };
  };
  const first = describe(answer.citations[0]);
  const gold = index >= 0 ? describe(answer.citations[index]) : null;
  const type = expectedAnswerType(question.question);
  rows.push({ id: question.id, kind: question.kind, type, question: question.question, index: index + 1, first, gold });
  if (values.all && (index < 1 || index > 2)) continue;
  console.log(`\n## ${question.id} [${question.kind}, type ${type}] gold cited ${index + 1}\nQ: ${question.question}`);
  for (const [name, c] of [['1st', first], [`${index + 1}`, gold]] as const) {
    if (!c) continue;
    console.log(`  ${name} (rank ${c.rank}, pos ${c.position}, p${c.page}, ${c.words} words, number ${c.number}): ${c.text.slice(0, 200)}\n    feature ${c.feature?.toFixed(2)} across ${c.across?.toFixed(2)}: ${short(c.row ?? undefined)}`);
  }
}
await app.close();
if (values.json) writeFileSync(values.json, JSON.stringify(rows, null, 1));
console.log(`\n${JSON.stringify(counts)}`);
