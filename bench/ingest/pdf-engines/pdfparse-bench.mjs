import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(process.env.PROPO_PACKAGE_JSON ?? '/work/main/package.json');
const pdf = require('pdf-parse/lib/pdf-parse.js');
const DIR = process.env.PDF_DIR ?? '/work/wt/shared/datasets/documents/pdf';
const files = readdirSync(DIR).filter((f) => f.startsWith('arxiv-')).sort();
const c0 = process.cpuUsage(); let pages = 0; const result = {};
for (const f of files) {
  const texts = [];
  const r = await pdf(readFileSync(`${DIR}/${f}`), { pagerender: async (pd) => { const tc = await pd.getTextContent({ normalizeWhitespace: false, disableCombineTextItems: false }); let s = ''; let lastY; for (const it of tc.items) { if (lastY === it.transform[5] || lastY === undefined) s += it.str; else s += '\n' + it.str; lastY = it.transform[5]; } texts.push(s); return s; } });
  pages += r.numpages; result[f] = texts;
}
const cpu = process.cpuUsage(c0);
if (process.argv[2]) writeFileSync(process.argv[2], JSON.stringify(result));
console.log(JSON.stringify({ engine: 'pdf-parse 1.1.4 (pdf.js 1.10)', pages, cpuMs: Math.round((cpu.user + cpu.system) / 1000), rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
