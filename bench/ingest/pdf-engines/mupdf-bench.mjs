import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
const c00 = process.cpuUsage();
const mupdf = await import('mupdf');
const initCpu = process.cpuUsage(c00);
const DIR = process.env.PDF_DIR ?? '/work/wt/shared/datasets/documents/pdf';
const files = readdirSync(DIR).filter((f) => f.startsWith('arxiv-')).sort();
const mode = process.argv[2] ?? 'text';
const c0 = process.cpuUsage(); let pages = 0, chars = 0, acc = 0; const result = {};
for (const f of files) {
  const doc = mupdf.Document.openDocument(readFileSync(`${DIR}/${f}`), 'application/pdf');
  const n = doc.countPages(); const texts = [];
  for (let i = 0; i < n; i++) {
    const page = doc.loadPage(i);
    const st = page.toStructuredText('preserve-whitespace');
    if (mode === 'text') texts.push(st.asText());
    else { let s = ''; st.walk({ onChar(c, origin, _font, size, quad) { s += c; chars++; acc += origin[0] + size + quad[0]; }, endLine() { s += "\n"; } }); texts.push(s); }
    st.destroy?.(); page.destroy?.(); pages++;
  }
  doc.destroy?.(); result[f] = texts;
}
const cpu = process.cpuUsage(c0);
if (process.argv[3]) writeFileSync(process.argv[3], JSON.stringify(result));
console.log(JSON.stringify({ engine: "mupdf", mode, pages, chars, acc: Math.round(acc), initCpuMs: Math.round((initCpu.user + initCpu.system) / 1000), cpuMs: Math.round((cpu.user + cpu.system) / 1000), rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
