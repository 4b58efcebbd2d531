/**
 * Paragraph ranking on the real-questions set, 2-fold (decisions 0120, 0121): for each answerable question, the
 * rank of the first paragraph holding a gold substring (on its gold page) in the production paragraph ranking
 * (`rankParagraphs`, BM25-only, the configured `retrieval.lexical` with each variant's keys merged over it), and
 * the MRR of those ranks over all questions and per fold (sha256(question id) mod 2, as `eval --fold`).
 * Only the ranking stage: citation choice is not measured here (run scripts/eval-real-questions.sh for that).
 * The set is a test set: fit on one fold, report the other; the per-question lines are for diagnosis.
 *
 *   scripts/eval-real-questions.sh --data-dir R --documents ../shared/datasets     # builds R/eval-cache/real-questions-*
 *   node --import ./bin/register.mjs bench/fit-ranking-real-questions.ts --data-dir R --documents ../shared/datasets \
 *     --variants '[{}, {"headingWeight": 1, "sectionCandidates": 3, "dropQuestionWords": true}]' [--verbose]
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app/compose.ts';
import { loadConfig } from '../src/core/config/load-config.ts';
import { queryFold } from '../src/core/eval/index.ts';
import { loadRealQuestions } from '../src/core/eval/real-questions/index.ts';
import { rankParagraphs, type RetrievalDeps } from '../src/core/retrieval/hybrid-search.ts';
import { cachedCorpusStatistics } from '../src/core/retrieval/lexical/corpus-statistics.ts';
import { queryLexicalTerms } from '../src/core/retrieval/lexical/lexical-terms.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, documents: { type: 'string' }, dataset: { type: 'string' }, variants: { type: 'string', default: '[{}]' }, verbose: { type: 'boolean', default: false } } });
const variants = JSON.parse(values.variants) as Array<Record<string, unknown>>;
const dataset = await loadRealQuestions(resolve(values.dataset ?? 'eval/datasets/real-questions'), values.documents ? resolve(values.documents) : undefined);
const cacheRoot = join(resolve(values['data-dir'] ?? 'data'), 'eval-cache');
const cacheDir = readdirSync(cacheRoot).filter((d) => d.startsWith('real-questions-')).map((d) => join(cacheRoot, d)).find((d) => existsSync(join(d, 'propo.sqlite')));
if (!cacheDir) throw new Error(`No real-questions eval cache under ${cacheRoot}: run scripts/eval-real-questions.sh --data-dir <dir> first.`);
const { config } = loadConfig({ dotenvPath: false, env: { EMBED_HUB_URL: 'http://127.0.0.1:9' }, overrides: { dataDir: cacheDir, logDir: join(cacheDir, 'logs'), namespace: 'eval', 'llm.provider': 'none' } });
const app = await createApp(config);
const idOf = new Map(app.documents.list({ namespace: 'eval' }).map((d) => [d.file, d.id]));
const visible = app.documents.visibleDocumentIds();
const statistics = cachedCorpusStatistics(() => app.documents.visibleParagraphs(), () => 'fixed');
const deps: RetrievalDeps = { vectors: app.vectors, embedQuery: () => Promise.resolve(new Float32Array(0)), visibleDocumentIds: () => visible, paragraph: (id) => app.documents.paragraph(id), corpusStatistics: statistics };
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
const r = config.retrieval;
const totals = variants.map(() => ({ top1: 0, top6: 0, top16: 0, reciprocal: [0, 0], questions: [0, 0] }));
try {
  for (const question of dataset.questions) {
    if (question.gold.length === 0) continue;
    const gold = new Set<string>();
    for (const g of question.gold) {
      const documentId = idOf.get(g.document.split('/').pop() ?? '');
      if (documentId) for (const p of app.documents.paragraphs(documentId)) if (p.page === g.page && squash(p.text).includes(squash(g.gold))) gold.add(p.id);
    }
    const fold = queryFold(question.id, 2) - 1;
    const ranks: string[] = [];
    for (const [i, variant] of variants.entries()) {
      const { paragraphs } = await rankParagraphs(deps, question.question, null, { namespace: 'eval' }, {
        method: 'weighted', denseWeight: r.denseWeight, bm25Weight: r.bm25Weight, rrfK: r.rrfK, candidates: r.candidates, k: 100,
        mode: 'bm25', unit: 'proposition', rankBy: 'paragraph', lexical: { ...r.lexical, ...variant },
      });
      const rank = paragraphs.findIndex((p) => gold.has(p.record.paragraphId)) + 1;
      const t = totals[i];
      if (!t) continue;
      t.questions[fold] = (t.questions[fold] ?? 0) + 1;
      if (rank > 0) t.reciprocal[fold] = (t.reciprocal[fold] ?? 0) + 1 / rank;
      if (rank === 1) t.top1++;
      if (rank > 0 && rank <= 6) t.top6++;
      if (rank > 0 && rank <= 16) t.top16++;
      ranks.push(rank > 0 ? String(rank) : '-');
    }
    if (values.verbose) {
      const first = [...gold][0];
      const body = new Set(first ? statistics().paragraphTerms.get(first) ?? [] : []);
      const missing = queryLexicalTerms(question.question, false).filter((t) => !body.has(t));
      console.log(`${question.id}\tfold ${fold + 1}\tranks ${ranks.join(' ')}\tquery terms not in the gold paragraph: ${missing.join(' ')}\theading: ${first ? statistics().headingTerms.get(first)?.join(' ') ?? '' : ''}`);
    }
  }
} finally {
  await app.close();
}
console.log('| variant (over retrieval.lexical) | gold paragraph 1st | in top 6 | in top 16 | MRR all | MRR fold 1 | MRR fold 2 |\n|---|---:|---:|---:|---:|---:|---:|');
for (const [i, variant] of variants.entries()) {
  const t = totals[i];
  if (!t) continue;
  const [q1 = 0, q2 = 0] = t.questions;
  const [r1 = 0, r2 = 0] = t.reciprocal;
  console.log(`| ${JSON.stringify(variant)} | ${t.top1} | ${t.top6} | ${t.top16} | ${((r1 + r2) / Math.max(1, q1 + q2)).toFixed(3)} | ${(r1 / Math.max(1, q1)).toFixed(3)} (${q1}) | ${(r2 / Math.max(1, q2)).toFixed(3)} (${q2}) |`);
}
