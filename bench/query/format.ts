/** Markdown tables of bench/query reports: one per size, ratios against the brute-force scan. */
import type { SystemReport } from './report.ts';

const fixed = (x: number | undefined, digits = 2): string => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));
const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined || b === 0 || !Number.isFinite(a / b) ? '—' : `${(a / b).toFixed(2)}×`);

export function formatTables(reports: SystemReport[], machine: Record<string, string | number>): string {
  const out: string[] = [`Machine: ${Object.entries(machine).map(([k, v]) => `${k} ${v}`).join(', ')}`, ''];
  for (const size of [...new Set(reports.map((r) => r.size))]) {
    const rows = reports.filter((r) => r.size === size);
    const brute = rows.find((r) => r.system === 'brute force');
    const bf = brute?.ops['dense'];
    out.push(`### ${size.toLocaleString('en-US')} propositions`, '',
      '| system | op | index | build s | p50 ms | p95 ms | mean ms | CPU ms/query | p50 × BF | p95 × BF | CPU × BF | recall@10 | RSS before load MB | peak RSS MB | peak RSS × BF | RSS serving MB |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const ops = Object.entries(r.ops);
      const status = r.status === 'dnf' ? ` **did not finish**: ${r.reason ?? ''}` : '';
      if (ops.length === 0) ops.push(['—', { p50: NaN, p95: NaN, mean: NaN, n: 0 }]);
      for (const [op, s] of ops) {
        const n = s.n > 0 && s.n < 200 ? ` (n=${s.n})` : '';
        out.push(`| ${r.system}${status} | ${op}${n} | ${r.index || '—'} | ${fixed(r.buildSeconds, 1)} | ${fixed(s.p50)} | ${fixed(s.p95)} | ${fixed(s.mean)} | ${fixed(s.cpuMs)} | `
          + `${ratio(s.p50, bf?.p50)} | ${ratio(s.p95, bf?.p95)} | ${ratio(s.cpuMs, bf?.cpuMs)} | ${op.includes('ext') || op === 'hybrid' ? 'n/a' : fixed(r.recallAt10, 3)} | `
          + `${r.baselineRssMb || '—'} | ${r.peakRssMb} | ${ratio(r.peakRssMb, brute?.peakRssMb)} | ${r.servingRssMb || '—'} |`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}
