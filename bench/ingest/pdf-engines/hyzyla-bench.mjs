import { readFileSync, readdirSync } from 'node:fs';
import { PDFiumLibrary } from '@hyzyla/pdfium';
const DIR = process.env.PDF_DIR ?? '/work/wt/shared/datasets/documents/pdf';
const files = readdirSync(DIR).filter((f) => f.startsWith('arxiv-')).sort();
const lib = await PDFiumLibrary.init();
const c0 = process.cpuUsage(); let pages = 0, chars = 0;
for (const f of files) {
  const doc = await lib.loadDocument(readFileSync(`${DIR}/${f}`));
  for (const page of doc.pages()) { chars += page.getText().length; pages++; }
  doc.destroy();
}
const cpu = process.cpuUsage(c0);
console.log(JSON.stringify({ engine: '@hyzyla/pdfium 2.1.13 (text only: the wrapper exposes no char boxes, render mode or colour)', pages, chars, cpuMs: Math.round((cpu.user + cpu.system) / 1000) }));
