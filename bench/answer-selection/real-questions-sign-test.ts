/**
 * Per-question sign tests between two saved real-questions runs (`<dataDir>/eval-runs/real-questions-*.json`, or the
 * `--json` output's `savedTo`): for each answerer both runs have, first-citation and top-3 hits over the answerable
 * single questions, unanswerable refusals, with wins / losses of B over A and the two-sided exact sign-test p.
 * `--half 1|2` keeps the questions of one half (alternately by dataset order) for a 2-fold check on the set itself.
 *
 *   node --import ./bin/register.mjs bench/answer-selection/real-questions-sign-test.ts A.json B.json [--half 1|2]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Outcome { id: string; answerable: boolean; firstHit: boolean; top3Hit: boolean; refused: boolean }
interface Run { answerer: string; questions: Outcome[] }

const { values, positionals } = parseArgs({ allowPositionals: true, options: { half: { type: 'string' } } });
const [fileA, fileB] = positionals;
if (!fileA || !fileB) throw new Error('Usage: real-questions-sign-test.ts A.json B.json [--half 1|2]');
const load = (file: string): Run[] => (JSON.parse(readFileSync(file, 'utf8')) as { runs: Run[] }).runs;

/** Two-sided exact sign test: P(at least this lopsided | p = 1/2), ties dropped. */
export function signTestP(wins: number, losses: number): number {
  const n = wins + losses;
  if (n === 0) return 1;
  const k = Math.min(wins, losses);
  let tail = 0;
  let c = 1;
  for (let i = 0; i <= n; i++) { if (i <= k) tail += c; c = c * (n - i) / (i + 1); }
  return Math.min(1, 2 * tail / 2 ** n);
}

const runsB = new Map(load(fileB).map((r) => [r.answerer, r]));
for (const a of load(fileA)) {
  const b = runsB.get(a.answerer);
  if (!b) continue;
  const byId = new Map(b.questions.map((q) => [q.id, q]));
  const half = values.half ? Number(values.half) : 0;
  const pairs = a.questions.map((q, i) => ({ a: q, b: byId.get(q.id), i })).filter((p): p is { a: Outcome; b: Outcome; i: number } => p.b !== undefined && (half === 0 || p.i % 2 === half - 1));
  const line = (name: string, keep: (o: Outcome) => boolean, value: (o: Outcome) => boolean): string => {
    const kept = pairs.filter((p) => keep(p.a));
    const wins = kept.filter((p) => value(p.b) && !value(p.a));
    const losses = kept.filter((p) => value(p.a) && !value(p.b));
    const share = (f: (o: Outcome) => boolean, side: 'a' | 'b'): string => (kept.filter((p) => f(p[side])).length / Math.max(1, kept.length)).toFixed(3);
    return `  ${name} (n=${kept.length}): ${share(value, 'a')} → ${share(value, 'b')}, wins ${wins.length} / losses ${losses.length}, sign p ${signTestP(wins.length, losses.length).toFixed(3)}`
      + `${wins.length ? `\n    wins: ${wins.map((p) => p.a.id).join(' ')}` : ''}${losses.length ? `\n    losses: ${losses.map((p) => p.a.id).join(' ')}` : ''}`;
  };
  console.log(`${a.answerer}${half ? ` (half ${half})` : ''}`);
  console.log(line('first-citation hit', (o) => o.answerable, (o) => o.firstHit));
  console.log(line('top-3 hit', (o) => o.answerable, (o) => o.top3Hit));
  console.log(line('unanswerable refused', (o) => !o.answerable, (o) => o.refused));
}
