/**
 * Fits the stage-1 feature reranker's weights on the SciFact dev queries (a script, not a test):
 * seeded shuffle → fit half / validate half; coordinate ascent on nDCG@10 over the top-30 hybrid pool.
 * Prints nDCG@10 of the baseline order (fused only), the start weights and the fitted ones on both halves.
 *   nice node --import ./bin/register.mjs test/moe/fit-reranker-weights.ts <scifactDir> <workDir>
 * The index must exist (run run-moe-ab.ts with moe-baseline.yaml first).
 */
import { join } from 'node:path';
import { evalCacheKey, loadDataset, seededRandom } from '../../src/core/eval/index.ts';
import { fitLinearWeights, rerankFeatures, type FeatureWeights } from '../../src/core/moe/index.ts';
import { meanNdcgAt10, type FitExample } from '../../src/core/moe/fit-linear-weights.ts';
import { DEFAULT_FEATURE_WEIGHTS } from '../../src/core/moe/fitted-weights.ts';
import { indexSettings, openMoeEvalIndex, variantConfig } from './open-moe-eval-index.ts';

const [datasetDir, workDir] = process.argv.slice(2);
if (!datasetDir || !workDir) throw new Error('usage: fit-reranker-weights.ts <datasetDir> <workDir>');
const dataset = await loadDataset(datasetDir);
const config = variantConfig(new URL('../../eval/configs/moe-baseline.yaml', import.meta.url).pathname, join(workDir, 'data'));
const dir = join(workDir, 'cache', evalCacheKey(dataset.dir, dataset.corpusSha256, indexSettings(config)));
const index = await openMoeEvalIndex(config, dir);
const examples: FitExample[] = [];
for (const query of dataset.queries) {
  const relevant = new Set(dataset.qrels.get(query.id)?.keys() ?? []);
  if (relevant.size === 0) continue;
  const result = await index.retrieve(query.text, { k: 30, mode: 'hybrid', candidates: config.retrieval.candidates });
  // Score what the reranker will read at run time (moe.reranker.scoreText): the ranked paragraph or the cited sentence.
  const paragraphs = config.moe.reranker.scoreText === 'paragraph' && config.retrieval.rankBy === 'paragraph';
  const features = rerankFeatures(query.text, paragraphs ? result.hits.map((h) => (h.paragraph ? { ...h, record: { ...h.record, text: h.paragraph.text } } : h)) : result.hits);
  examples.push({ relevant, candidates: result.hits.map((h, i) => ({ features: features[i] as FitExample['candidates'][number]['features'], documentId: h.record.file.replace(/\.txt$/u, '') })) });
}
await index.close();
const random = seededRandom(11);
const shuffled = examples.map((e) => ({ e, r: random() })).sort((a, b) => a.r - b.r).map((x) => x.e);
const fitSet = shuffled.slice(0, Math.floor(shuffled.length / 2));
const validateSet = shuffled.slice(Math.floor(shuffled.length / 2));
const fusedOnly: FeatureWeights = { fused: 1, bm25: 0, dense: 0, coverage: 0, proximity: 0, phrase: 0 };
const fitted = fitLinearWeights(fitSet, { start: DEFAULT_FEATURE_WEIGHTS, seed: 7, restarts: 2 });
const row = (name: string, w: FeatureWeights) => `${name}: fit ${meanNdcgAt10(fitSet, w).toFixed(4)}  validate ${meanNdcgAt10(validateSet, w).toFixed(4)}`;
process.stdout.write([
  `queries: ${examples.length} (fit ${fitSet.length}, validate ${validateSet.length})`,
  row('baseline (fused only)', fusedOnly), row('start weights', DEFAULT_FEATURE_WEIGHTS), row('fitted', fitted.weights),
  `fitted weights: ${JSON.stringify(fitted.weights)}`, '',
].join('\n'));
