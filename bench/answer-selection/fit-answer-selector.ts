/**
 * Fits the answer selector's weights 2-fold on an eval dataset with gold answer spans (XQuAD):
 * runs every query through the production retrieval on the index `bin/propo eval` built (its
 * eval cache), records the features of the candidates of the gold document's paragraphs, fits a
 * listwise (softmax) logistic model on one fold of articles and reports the other, both ways.
 *
 *   bin/propo --data-dir D eval --dataset ../shared/datasets/xquad-en   # builds D/eval-cache/<key>
 *   node --import ./bin/register.mjs bench/answer-selection/fit-answer-selector.ts --data-dir D --dataset ../shared/datasets/xquad-en
 *
 * `--save f.json` keeps what retrieval handed the selector (texts, search scores, labels), `--load f.json`
 * refits from it without retrieval (features are recomputed from the text).
 *
 * Prints selection accuracy (top-1 / top-3 candidate contains the gold answer, over groups with at
 * least one containing candidate) per fold for the search order, each single feature and the fit,
 * and the weights (fold a, fold b, all) as JSON.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../src/app/compose.ts';
import { loadConfig } from '../../src/core/config/load-config.ts';
import { toCorpusDocument } from '../../src/core/eval/corpus-document.ts';
import { loadDataset } from '../../src/core/eval/load-dataset.ts';
import { ANSWER_FEATURES, type AnswerFeature } from '../../src/core/retrieval/answer-features.ts';
import { candidateFeatures, scoreFeatures, searchOrderSelector, type AnswerSelector, type AnswerWeights, type SelectionGroup } from '../../src/core/retrieval/select-answer-propositions.ts';
import { articleOf, foldsByArticle, type Fold } from './xquad-folds.ts';
import { fitListwise } from './fit-listwise.ts';

interface Group { fold: Fold; rows: Array<Record<AnswerFeature, number>>; labels: number[]; searchOrder: number[]; first: boolean }

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, dataset: { type: 'string' }, l2: { type: 'string', default: '0.0003' }, save: { type: 'string' }, load: { type: 'string' } } });
const dataDir = resolve(values['data-dir'] ?? 'data');
const dataset = await loadDataset(resolve(values.dataset ?? '../shared/datasets/xquad-en'));
const cacheRoot = join(dataDir, 'eval-cache');
const cacheDir = readdirSync(cacheRoot).map((d) => join(cacheRoot, d)).find((d) => existsSync(join(d, 'eval-manifest.json'))
  && (JSON.parse(readFileSync(join(d, 'eval-manifest.json'), 'utf8')) as { dataset: string }).dataset === dataset.dir);
if (!cacheDir) throw new Error(`No eval cache for ${dataset.dir} under ${cacheRoot}: run bin/propo eval first.`);

/** One query as retrieval handed it to the selector: the first groups (the IDF pool) and the gold ones. */
interface Captured { question: string; fold: Fold; groups: SelectionGroup[]; gold: Array<{ group: number; labels: number[] }> }

const folds = foldsByArticle(dataset.corpus.map((r) => r.id));
const queriesPerFold = { a: 0, b: 0 };
let captured: Captured[];
if (values.load) {
  captured = JSON.parse(readFileSync(values.load, 'utf8')) as Captured[];
} else {
  const { config } = loadConfig({ dotenvPath: false, env: {}, overrides: { dataDir: cacheDir, logDir: join(cacheDir, 'logs'), namespace: 'eval' } });
  const app = await createApp(config);
  const documents = new Map(dataset.corpus.map((record) => { const d = toCorpusDocument(record); return [d.fileName, d]; }));
  captured = [];
  for (const query of dataset.queries) {
    const answers = dataset.answers.get(query.id) ?? [];
    if (answers.length === 0) continue;
    const recorder: AnswerSelector = (text, selectionGroups) => {
      const kept: SelectionGroup[] = selectionGroups.slice(0, 16).map((g) => ({ ...g }));
      const gold: Captured['gold'] = [];
      const seen = new Set<string>();
      selectionGroups.forEach((group, g) => {
        const document = documents.get(group.candidates[0]?.record.file ?? '');
        // A heading is represented by the paragraph it introduces: the same candidates twice.
        if (!document || !answers.some((a) => a.documentId === document.corpusId) || seen.has(group.paragraphId)) return;
        seen.add(group.paragraphId);
        const labels = group.candidates.map((c) => answers.some((a) => a.documentId === document.corpusId && c.record.start - document.bodyOffset <= a.start && a.end <= c.record.end - document.bodyOffset) ? 1 : 0);
        if (!labels.includes(1)) return;
        if (g >= 16) kept.push(group);
        gold.push({ group: g < 16 ? g : kept.length - 1, labels });
      });
      captured.push({ question: text, fold: folds.get(articleOf(answers[0]?.documentId ?? '')) ?? 'a', groups: kept, gold });
      return searchOrderSelector(text, selectionGroups);
    };
    await app.retrieve(query.text, { k: 100, candidates: 100, answerSelector: recorder });
  }
  await app.close();
  if (values.save) writeFileSync(values.save, JSON.stringify(captured));
}

const groups: Group[] = [];
for (const query of captured) {
  queriesPerFold[query.fold]++;
  const rows = candidateFeatures(query.question, query.groups);
  const order = searchOrderSelector(query.question, query.groups);
  for (const { group: g, labels } of query.gold) {
    const ids = (order[g] ?? []).map((r) => r.id);
    const candidates = query.groups[g]?.candidates ?? [];
    const searchOrder = candidates.map((c) => { const i = ids.indexOf(c.record.id); return i < 0 ? ids.length + c.position : i; });
    groups.push({ fold: query.fold, rows: rows[g] ?? [], labels, searchOrder, first: g === 0 });
  }
}
const firstGroups = groups.filter((g) => g.first).length;

const l2 = Number(values.l2);
type Score = (row: Record<AnswerFeature, number>, i: number, g: Group) => number;
/** Top-`at` accuracy within the gold paragraphs, and end to end (the first cited paragraph is the gold one, over all queries). */
const accuracy = (subset: Group[], score: Score, at: number, endToEnd = false): number => {
  let hits = 0;
  for (const g of subset) {
    if (endToEnd && !g.first) continue;
    const order = g.rows.map((row, i) => ({ i, s: score(row, i, g) })).sort((x, y) => y.s - x.s || x.i - y.i);
    if (order.slice(0, at).some((o) => g.labels[o.i] === 1)) hits++;
  }
  if (endToEnd) return hits / Math.max(1, queriesPerFold[subset[0]?.fold ?? 'a']);
  return subset.length ? hits / subset.length : 0;
};
const byFold = { a: groups.filter((g) => g.fold === 'a'), b: groups.filter((g) => g.fold === 'b') };
const weights = { a: fitListwise(byFold.a, l2), b: fitListwise(byFold.b, l2), all: fitListwise(groups, l2) };
const line = (name: string, score: Score, wa?: AnswerWeights, wb?: AnswerWeights) => {
  const sa: Score = wb ? (row) => scoreFeatures(row, wb) : score;
  const sb: Score = wa ? (row) => scoreFeatures(row, wa) : score;
  const cells = [accuracy(byFold.a, sa, 1), accuracy(byFold.a, sa, 3), accuracy(byFold.a, sa, 1, true), accuracy(byFold.b, sb, 1), accuracy(byFold.b, sb, 3), accuracy(byFold.b, sb, 1, true)];
  console.log(`| ${name} | ${cells.map((c) => c.toFixed(3)).join(' | ')} |`);
};
console.log(`queries: fold a ${queriesPerFold.a}, fold b ${queriesPerFold.b}; gold paragraphs with a candidate that contains the answer: fold a ${byFold.a.length}, fold b ${byFold.b.length}; first cited paragraph is a gold one with the answer in a candidate: ${firstGroups}`);
console.log('| selector | a: top-1 in gold paragraph | a: top-3 | a: first cited span (all queries) | b: top-1 in gold paragraph | b: top-3 | b: first cited span |\n|---|---:|---:|---:|---:|---:|---:|');
line('search order (today)', (_row, i, g) => -(g.searchOrder[i] as number));
for (const feature of ANSWER_FEATURES.filter((f) => f !== 'bias')) line(`${feature} alone`, (row) => row[feature] + 1e-6 * row.idfOverlap);
line('fitted on the other fold', () => 0, weights.a, weights.b);
console.log(JSON.stringify(weights, null, 1));
