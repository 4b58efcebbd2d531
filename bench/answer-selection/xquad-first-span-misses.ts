/**
 * Why the first cited span misses the gold answer on XQuAD (issue 12 item 1, decision 0150): every query of one fold
 * goes through the production retrieval (`app.retrieve`, k 100, as `bin/propo eval` scores it) on the index the eval
 * built (its eval cache); each query whose first cited span does not contain a gold answer is classified:
 *
 * - `paragraph`: the first citation is not in the gold paragraph — `gold-not-first` (retrieval ranked another paragraph
 *   first) or `across` (the gold paragraph ranked first, a sentence of another paragraph won the cite-across choice);
 * - `no-proposition`: no proposition of the gold paragraph contains the answer (a proposition boundary cuts it);
 * - `overlap`: the cited span overlaps the answer without containing it;
 * - in the gold paragraph, another proposition chosen: `clause` (the cited span and the answer's are pieces of one
 *   sentence), `anaphor` (the answer's proposition follows the cited one and opens with a pronoun/demonstrative),
 *   `type` (a typed question — how many / when / who / where — whose cited span holds no answer of the type while the
 *   answer's does), `type-wrong` (both hold the type: another number, date or name), `tie` (cite-across scores within
 *   0.25), `other`. The first class that applies in that order is the query's class; the flags are counted too.
 *
 *   bin/propo --data-dir D eval --dataset ../shared/datasets/xquad-en --fold 1/2 --mode bm25   # builds D/eval-cache/<key>
 *   node --import ./bin/register.mjs bench/answer-selection/xquad-first-span-misses.ts --data-dir D --fold 1/2 [--set retrieval.x.y=v] [--examples 4]
 *
 * Diagnose on the fitting fold only (fold 1/2); report the other fold through `bin/propo eval`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../src/app/compose.ts';
import { loadConfig } from '../../src/core/config/load-config.ts';
import { toCorpusDocument, type CorpusDocument } from '../../src/core/eval/corpus-document.ts';
import { loadDataset, parseQueryFold } from '../../src/core/eval/load-dataset.ts';
import { opensWithAnaphor, analyseQuery } from '../../src/core/retrieval/answer-features.ts';
import { answerTypePositions } from '../../src/core/retrieval/answer-type.ts';
import { candidateFeatures, createAnswerSelector, DEFAULT_ANSWER_WEIGHTS, scoreFeatures, type AnswerSelector, type SelectionGroup } from '../../src/core/retrieval/select-answer-propositions.ts';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, dataset: { type: 'string' }, fold: { type: 'string', default: '1/2' }, set: { type: 'string', multiple: true }, examples: { type: 'string', default: '4' }, json: { type: 'boolean' } } });
const dataDir = resolve(values['data-dir'] ?? 'data');
const dataset = await loadDataset(resolve(values.dataset ?? '../shared/datasets/xquad-en'), { fold: parseQueryFold(values.fold ?? '1/2') });
const cacheRoot = join(dataDir, 'eval-cache');
const cacheDir = readdirSync(cacheRoot).map((d) => join(cacheRoot, d)).find((d) => existsSync(join(d, 'eval-manifest.json'))
  && (JSON.parse(readFileSync(join(d, 'eval-manifest.json'), 'utf8')) as { dataset: string }).dataset === dataset.dir);
if (!cacheDir) throw new Error(`No eval cache for ${dataset.dir} under ${cacheRoot}: run bin/propo eval first.`);

/** `--set retrieval.citeAcross.window=16` → a nested override. */
function overridesOf(sets: readonly string[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const set of sets) {
    const [path, raw] = set.split('=') as [string, string];
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1] as string] = raw === 'true' ? true : raw === 'false' ? false : Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return root;
}

const { config } = loadConfig({ dotenvPath: false, env: {}, overrides: { ...overridesOf(values.set ?? []), dataDir: cacheDir, logDir: join(cacheDir, 'logs'), namespace: 'eval' } as never });
const app = await createApp(config, { exposeMetrics: false });
const documents = new Map(dataset.corpus.map((record) => { const d = toCorpusDocument(record); return [d.fileName, d]; }));
const weights = config.retrieval.answerWeights ?? DEFAULT_ANSWER_WEIGHTS;
const { paragraphWeight, documentWeight } = config.retrieval.citeAcross;
const inner = createAnswerSelector(config.retrieval);

const CLASSES = ['gold-not-first', 'across', 'no-proposition', 'overlap', 'clause', 'anaphor', 'type', 'type-wrong', 'tie', 'other'] as const;
type MissClass = typeof CLASSES[number];
const counts = new Map<MissClass, number>(CLASSES.map((c) => [c, 0]));
const flags = new Map<string, number>();
const examples = new Map<MissClass, string[]>();
const perClassLimit = Number(values.examples);
let total = 0;
let within = 0;
const decided = new Map<string, { sum: number; favoursCited: number; favoursGold: number }>();
const continuation = new Map<string, { cited: number; next: number; elsewhere: number }>();
let hits = 0;
const squash = (s: string): string => s.replace(/\s+/gu, ' ').trim();
const cut = (s: string, n = 160): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

for (const query of dataset.queries) {
  const answers = dataset.answers.get(query.id) ?? [];
  if (answers.length === 0) continue;
  total++;
  let seen: SelectionGroup[] = [];
  const recorder: AnswerSelector = (text, groups) => { seen = groups.slice(0, 16); return inner(text, groups); };
  const result = await app.retrieve(query.text, { k: 100, candidates: 100, mode: 'bm25', answerSelector: recorder });
  const first = result.hits[0];
  const doc = first ? documents.get(first.record.file) : undefined;
  const local = (d: CorpusDocument, r: { start: number; end: number }) => ({ start: r.start - d.bodyOffset, end: r.end - d.bodyOffset });
  const inDoc = doc ? answers.filter((a) => a.documentId === doc.corpusId) : [];
  const span = doc && first ? local(doc, first.record) : null;
  const firstHolds = Boolean(span && inDoc.some((a) => span.start <= a.start && a.end <= span.end));
  // Where the answer is when the first citation is followed (in its paragraph) by a sentence that opens with an anaphor.
  const citedGroup = seen.find((g) => g.candidates.some((c) => c.record.id === first?.record.id));
  const citedAt = citedGroup?.candidates.findIndex((c) => c.record.id === first?.record.id) ?? -1;
  const next = citedGroup?.candidates[citedAt + 1];
  if (doc && first && next && opensWithAnaphor(next.record.text)) {
    const analysis = analyseQuery(query.text);
    const typed = analysis.type !== 'other';
    const has = (t: string) => answerTypePositions(analysis.type, t, analysis.words).length > 0;
    const key = `${typed ? `typed, cited ${has(first.record.text) ? 'has' : 'lacks'} type, next ${has(next.record.text) ? 'has' : 'lacks'}` : 'untyped'}`;
    const where = firstHolds ? 'cited' : inDoc.some((a) => next.record.start - doc.bodyOffset <= a.start && a.end <= next.record.end - doc.bodyOffset) ? 'next' : 'elsewhere';
    const row = continuation.get(key) ?? { cited: 0, next: 0, elsewhere: 0 };
    row[where]++;
    continuation.set(key, row);
  }
  if (firstHolds) { hits++; continue; }
  const answerText = answers[0] ? dataset.corpus.find((r) => r.id === answers[0]?.documentId)?.text.slice(answers[0].start, answers[0].end) ?? '' : '';
  // Cite-across scores of every candidate of the 16 groups the selector saw.
  const features = candidateFeatures(query.text, seen, config.retrieval.answerContext);
  const owners: string[] = [];
  const scored = new Map<string, { rank: number; position: number; across: number; feature: number }>();
  seen.forEach((g, rank) => {
    const owner = g.candidates[0]?.record.documentId ?? '';
    if (!owners.includes(owner)) owners.push(owner);
    const penalty = paragraphWeight * Math.log1p(rank) + (documentWeight ?? 0) * Math.log1p(owners.indexOf(owner));
    g.candidates.forEach((c, i) => {
      const feature = scoreFeatures((features[rank] ?? [])[i] as never, weights);
      scored.set(c.record.id, { rank, position: c.position, feature, across: feature - penalty });
    });
  });
  const goldGroupIndex = seen.findIndex((g) => answers.some((a) => documents.get(g.candidates[0]?.record.file ?? '')?.corpusId === a.documentId));
  const goldGroup = seen[goldGroupIndex];
  const goldDoc = goldGroup ? documents.get(goldGroup.candidates[0]?.record.file ?? '') : undefined;
  const contains = (d: CorpusDocument, r: { start: number; end: number }) => answers.some((a) => a.documentId === d.corpusId && r.start - d.bodyOffset <= a.start && a.end <= r.end - d.bodyOffset);
  const goldCandidates = goldGroup && goldDoc ? goldGroup.candidates.filter((c) => contains(goldDoc, c.record)) : [];
  const bestGold = goldCandidates.map((c) => ({ c, s: scored.get(c.record.id) })).sort((x, y) => (y.s?.across ?? -Infinity) - (x.s?.across ?? -Infinity))[0];
  let kind: MissClass;
  const own: string[] = [];
  if (!doc || inDoc.length === 0) {
    kind = goldGroupIndex === 0 ? 'across' : 'gold-not-first';
    if (goldGroupIndex === 0 && goldCandidates.length === 0) own.push('across+no-proposition');
  } else if (goldCandidates.length === 0) {
    kind = span && inDoc.some((a) => span.start < a.end && a.start < span.end) ? 'overlap' : 'no-proposition';
    own.push(kind === 'overlap' ? 'overlap (no proposition contains)' : 'no-proposition');
  } else if (span && inDoc.some((a) => span.start < a.end && a.start < span.end)) {
    kind = 'overlap';
  } else {
    const goldRecord = bestGold?.c.record as SelectionGroup['candidates'][number]['record'];
    const cited = first?.record as NonNullable<typeof first>['record'];
    const [a, b] = cited.start < goldRecord.start ? [cited, goldRecord] : [goldRecord, cited];
    const between = doc.text.slice(a.end, b.start);
    const sameSentence = !/[.!?]["')\]]*(\s|$)/u.test(doc.text.slice(a.start, a.end).trimEnd().slice(-2)) && !/[.!?]["')\]]*\s+\S/u.test(between);
    const citedPos = scored.get(cited.id)?.position ?? -1;
    const goldPos = bestGold?.c.position ?? -1;
    const anaphor = goldPos > citedPos && opensWithAnaphor(goldRecord.text);
    const analysis = analyseQuery(query.text);
    const citedTyped = answerTypePositions(analysis.type, cited.text, analysis.words).length > 0;
    const goldTyped = answerTypePositions(analysis.type, goldRecord.text, analysis.words).length > 0;
    const gap = (scored.get(cited.id)?.across ?? 0) - (bestGold?.s?.across ?? 0);
    // Which features decided it: weight × (cited − gold), summed over the misses within the gold paragraph.
    const citedRow = (features[scored.get(cited.id)?.rank ?? -1] ?? [])[seen[scored.get(cited.id)?.rank ?? -1]?.candidates.findIndex((c) => c.record.id === cited.id) ?? -1];
    // The gold sentence's row in the cited sentence's group (a title paragraph is represented by the body it introduces: the same candidates).
    const citedRank = scored.get(cited.id)?.rank ?? -1;
    const goldRow = (features[citedRank] ?? [])[seen[citedRank]?.candidates.findIndex((c) => c.record.id === goldRecord.id) ?? -1];
    if (citedRow && goldRow) {
      within++;
      for (const [f, w] of Object.entries(weights)) {
        const d = (w ?? 0) * ((citedRow as Record<string, number>)[f] ?? 0) - (w ?? 0) * ((goldRow as Record<string, number>)[f] ?? 0);
        const row = decided.get(f) ?? { sum: 0, favoursCited: 0, favoursGold: 0 };
        row.sum += d;
        if (d > 0.2) row.favoursCited++;
        if (d < -0.2) row.favoursGold++;
        decided.set(f, row);
      }
    }
    if (sameSentence) own.push('clause');
    if (anaphor) own.push('anaphor');
    if (anaphor && goldPos === citedPos + 1) own.push('anaphor-next');
    if (analysis.type !== 'other' && !citedTyped && goldTyped) own.push('type');
    if (analysis.type !== 'other' && citedTyped && goldTyped) own.push('type-wrong');
    if (analysis.type === 'other') own.push('untyped');
    if (Math.abs(gap) < 0.25) own.push('tie');
    kind = own.includes('clause') ? 'clause' : own.includes('anaphor') ? 'anaphor' : own.includes('type') ? 'type' : own.includes('type-wrong') ? 'type-wrong' : own.includes('tie') ? 'tie' : 'other';
    own.push(`gap ${gap.toFixed(2)}`);
  }
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
  for (const f of own.filter((x) => !x.startsWith('gap'))) flags.set(f, (flags.get(f) ?? 0) + 1);
  const list = examples.get(kind) ?? [];
  if (list.length < perClassLimit) {
    const goldText = bestGold ? bestGold.c.record.text : '(none)';
    list.push(`- Q: ${query.text} — A: "${answerText}" [${own.join(', ')}; gold paragraph rank ${goldGroupIndex + 1}]\n  cited: ${cut(squash(first?.record.text ?? ''))}\n  gold:  ${cut(squash(goldText))}`);
    examples.set(kind, list);
  }
}
await app.close();

const misses = total - hits;
console.log(`fold ${values.fold}: ${total} queries, first cited span contains the answer ${hits} (${(hits / total).toFixed(3)}), misses ${misses}\n`);
console.log('| class | n | share of misses |\n|---|---:|---:|');
for (const c of CLASSES) console.log(`| ${c} | ${counts.get(c)} | ${((counts.get(c) ?? 0) / Math.max(1, misses)).toFixed(2)} |`);
console.log(`\nflags (a miss can have several): ${[...flags].map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`\nfeatures that decided the ${within} misses within the gold paragraph (weight × (cited − gold)): mean, misses where it favours the cited span / the gold by > 0.2\n| feature | mean | favours cited | favours gold |\n|---|---:|---:|---:|`);
for (const [f, row] of [...decided].sort((x, y) => y[1].sum - x[1].sum)) console.log(`| ${f} | ${(row.sum / Math.max(1, within)).toFixed(2)} | ${row.favoursCited} | ${row.favoursGold} |`);
console.log('\nfirst citation followed by an anaphoric sentence of its paragraph: where the answer is\n| question | cited | next | elsewhere |\n|---|---:|---:|---:|');
for (const [key, row] of [...continuation].sort()) console.log(`| ${key} | ${row.cited} | ${row.next} | ${row.elsewhere} |`);
for (const c of CLASSES) {
  const list = examples.get(c);
  if (!list?.length) continue;
  console.log(`\n### ${c}\n${list.join('\n')}`);
}
