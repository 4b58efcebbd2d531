/** Text report of real-questions runs: the summary table, then every miss and every conversation turn. */
import type { AnswerOutcome, RealQuestionsRun } from './real-questions-types.ts';

const pct = (value: number): string => value.toFixed(3);

function outcomeLine(o: AnswerOutcome): string {
  const verdict = o.answerable ? (o.firstHit ? 'first' : o.top3Hit ? 'top3' : o.mode === 'no-match' ? 'REFUSED' : 'MISS') : (o.refused ? 'refused' : 'ANSWERED');
  const searched = o.searchedQuestion !== o.question ? ` → searched "${o.searchedQuestion}"` : '';
  return `  ${o.id.padEnd(6)} ${verdict.padEnd(8)} ${o.question}${searched}${o.cited.length ? ` [${o.cited.join(', ')}]` : ''}`;
}

export function formatRealQuestionsRuns(dataset: string, runs: readonly RealQuestionsRun[]): string {
  const header = `real questions: ${dataset}\n| answerer | first-citation hit | top-3 hit | unanswerable refused | turn 1 / 2 / 3 top-3 hit | switch answered from new topic (first cites new document) |\n|---|---|---|---|---|---|`;
  const rows = runs.map((r) => {
    const m = r.metrics;
    return `| ${r.answerer} | ${pct(m.firstCitationHit)} (n=${m.answerable}) | ${pct(m.top3CitationHit)} | ${pct(m.unanswerableRefused)} (n=${m.unanswerable}) | ${m.turnTop3Hit.map(pct).join(' / ')} | ${pct(m.switchAnsweredFromNewTopic)} (${pct(m.switchCitedNewTopic)}) |`;
  });
  const details = runs.map((r) => [
    `\n${r.answerer}: misses and answered unanswerables`,
    ...r.questions.filter((o) => (o.answerable ? !o.top3Hit : !o.refused)).map(outcomeLine),
    `${r.answerer}: conversations`,
    ...r.conversations.flatMap((c) => c.turns.map(outcomeLine)),
  ].join('\n'));
  return [header, ...rows, ...details].join('\n');
}
