/**
 * Where the real-questions misses are, and a plain sentence-BM25 baseline on the same store.
 * Runs on the scratch index `bin/propo eval --dataset eval/datasets/real-questions` built
 * (`<data-dir>/eval-cache/real-questions-*`); no LLM, no history (single questions only).
 *
 *   scripts/eval-real-questions.sh --data-dir D      # builds D/eval-cache/real-questions-<key>
 *   node --import ./bin/register.mjs bench/answer-selection/real-questions-diagnosis.ts --data-dir D [--selector search|features|sentence] [--verbose]
 *
 * For every answerable question, through the production retrieval (`app.retrieve`, the default k):
 * - `first` / `top3`: the first / one of the first three cited spans holds the gold (the eval's hit rule);
 * - `cited 4+`: a later citation holds it;
 * - `in paragraph, not cited`: a ranked paragraph (the first 16 the selector sees) has a proposition holding it;
 * - `not retrieved`: no ranked paragraph has one.
 * `--set retrieval.key=value` (repeatable) overrides a config key for the run.
 * Baseline: the store's own FTS5 BM25 over propositions (`vectors.searchText`, unit proposition), top 3.
 * This is a test set: read it to diagnose, never fit to it (eval/datasets/real-questions/README.md).
 */
import { parseArgs } from 'node:util';
import { openRealQuestionsCache, squash } from './real-questions-cache.ts';
import { createAnswerSelector, type AnswerSelector, type SelectionGroup } from '../../src/core/retrieval/select-answer-propositions.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, dataset: { type: 'string' }, documents: { type: 'string' }, selector: { type: 'string' }, set: { type: 'string', multiple: true }, verbose: { type: 'boolean' } } });
const { dataset, config, app, holds } = await openRealQuestionsCache(values, values.selector ? { 'retrieval.answerSelector': values.selector } : {});

const counts = { questions: 0, first: 0, top3: 0, cited4: 0, inParagraph: 0, notRetrieved: 0, sentenceFirst: 0, sentenceTop3: 0 };
/** Rank (1-based) of the first ranked paragraph holding the gold, for the misses whose gold is in a ranked paragraph. */
const goldParagraphRanks: number[] = [];
const byKind = new Map<string, { n: number; top3: number; sentenceTop3: number }>();
const inner = createAnswerSelector(config.retrieval);
for (const question of dataset.questions) {
  if (question.gold.length === 0) continue;
  counts.questions++;
  let seenGroups: SelectionGroup[] = [];
  const recorder: AnswerSelector = (text, groups) => { seenGroups = groups.slice(0, 16); return inner(text, groups); };
  const result = await app.retrieve(question.question, { answerSelector: recorder });
  const cited = result.hits.map((h) => h.record);
  const index = cited.findIndex((r) => holds(question.gold, r));
  const goldGroup = seenGroups.findIndex((g) => g.candidates.some((c) => holds(question.gold, c.record)));
  const paragraphHolds = goldGroup >= 0;
  if (paragraphHolds && index < 0 || index >= 3) goldParagraphRanks.push(goldGroup + 1);
  const where = index === 0 ? 'first' : index > 0 && index < 3 ? 'top3' : index >= 3 ? 'cited4' : paragraphHolds ? 'inParagraph' : 'notRetrieved';
  if (where === 'first') { counts.first++; counts.top3++; } else if (where === 'top3') counts.top3++;
  else if (where === 'cited4') counts.cited4++; else if (where === 'inParagraph') counts.inParagraph++; else counts.notRetrieved++;
  const sentences = await app.vectors.searchText(question.question, 3, { namespace: 'eval', unit: 'proposition' });
  const sIndex = sentences.findIndex((h) => holds(question.gold, h.record));
  if (sIndex === 0) counts.sentenceFirst++;
  if (sIndex >= 0) counts.sentenceTop3++;
  const kind = byKind.get(question.kind) ?? { n: 0, top3: 0, sentenceTop3: 0 };
  kind.n++; if (index >= 0 && index < 3) kind.top3++; if (sIndex >= 0) kind.sentenceTop3++;
  byKind.set(question.kind, kind);
  if (values.verbose) console.log(`${question.id}\t${where}\tsentence-bm25 ${sIndex >= 0 ? sIndex + 1 : '-'}\t${question.question}\n    cited: ${cited.slice(0, 3).map((r) => squash(r.text).slice(0, 90)).join(' | ')}`);
}
await app.close();
const share = (n: number): string => (n / counts.questions).toFixed(3);
console.log(`\nanswerable questions: ${counts.questions} (selector ${config.retrieval.answerSelector})`);
console.log(`Propo first cited span ${share(counts.first)}, top-3 ${share(counts.top3)}`);
console.log(`  misses: cited at 4+ ${counts.cited4}, in a ranked paragraph but not cited ${counts.inParagraph}, not in any ranked paragraph ${counts.notRetrieved}`);
console.log(`  ranks of the gold paragraph for those misses: ${goldParagraphRanks.sort((a, b) => a - b).join(' ')}`);
console.log(`plain sentence BM25 (store FTS5, propositions): first ${share(counts.sentenceFirst)}, top-3 ${share(counts.sentenceTop3)}`);
for (const [kind, k] of byKind) console.log(`  ${kind}: ${k.n} questions, Propo top-3 ${k.top3}, sentence BM25 top-3 ${k.sentenceTop3}`);
