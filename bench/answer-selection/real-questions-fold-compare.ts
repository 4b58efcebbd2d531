/**
 * Two saved real-questions eval runs (`<dataDir>/eval-runs/real-questions-*.json`, one per variant) compared per
 * `eval --fold` fold (sha256(question id) mod 2, load-dataset.ts `queryFold`): first-citation hit, top-3 hit and
 * refusals per answerer and fold, with the questions won and lost (decision 0146).
 *
 *   node --import ./bin/register.mjs bench/answer-selection/real-questions-fold-compare.ts base.json variant.json
 */
import { readFileSync } from 'node:fs';
import { queryFold } from '../../src/core/eval/load-dataset.ts';

interface Question { id: string; answerable: boolean; firstHit: boolean; top3Hit: boolean; refused: boolean }
interface Saved { runs: Array<{ answerer: string; questions: Question[] }> }
const [baseFile, variantFile] = process.argv.slice(2);
if (!baseFile || !variantFile) throw new Error('usage: real-questions-fold-compare.ts base.json variant.json');
const base = JSON.parse(readFileSync(baseFile, 'utf8')) as Saved;
const variant = JSON.parse(readFileSync(variantFile, 'utf8')) as Saved;
for (const run of base.runs) {
  const other = variant.runs.find((r) => r.answerer === run.answerer);
  if (!other) continue;
  const byId = new Map(other.questions.map((q) => [q.id, q]));
  for (const fold of [1, 2, 0]) {
    const qs = run.questions.filter((q) => fold === 0 || queryFold(q.id, 2) === fold);
    const answerable = qs.filter((q) => q.answerable);
    const unanswerable = qs.filter((q) => !q.answerable);
    const share = (list: Question[], pick: (q: Question) => boolean) => (list.filter(pick).length / Math.max(1, list.length)).toFixed(3);
    const v = (q: Question) => byId.get(q.id) as Question;
    const won = (m: 'firstHit' | 'top3Hit') => answerable.filter((q) => !q[m] && v(q)?.[m]).map((q) => q.id);
    const lost = (m: 'firstHit' | 'top3Hit') => answerable.filter((q) => q[m] && !v(q)?.[m]).map((q) => q.id);
    console.log(`${run.answerer}\tfold ${fold === 0 ? 'all' : fold}\tn ${answerable.length}/${unanswerable.length}\tfirst ${share(answerable, (q) => q.firstHit)} → ${share(answerable, (q) => v(q)?.firstHit)} (+${won('firstHit').length}/−${lost('firstHit').length})\ttop-3 ${share(answerable, (q) => q.top3Hit)} → ${share(answerable, (q) => v(q)?.top3Hit)} (+${won('top3Hit').length}/−${lost('top3Hit').length})\trefused ${share(unanswerable, (q) => q.refused)} → ${share(unanswerable, (q) => v(q)?.refused)}\twon ${won('firstHit').join(',')} lost ${lost('firstHit').join(',')}`);
  }
}
