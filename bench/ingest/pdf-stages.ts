/**
 * Where PDF parse time goes, per pdf.js call, on the real set's PDFs (one thread, no worker):
 * node --import ./bin/register.mjs bench/ingest/pdf-stages.ts
 */
import { readFileSync } from 'node:fs';
import { documentParameters, loadPdfJs } from '../../src/providers/parsers/pdf/load-pdfjs.ts';
import { walkGraphics } from '../../src/providers/parsers/pdf/graphics-walk.ts';
import { corpusFiles } from './corpus.ts';

const pdfjs = await loadPdfJs();
const totals = { open: 0, text: 0, ops: 0, walk: 0, pages: 0 };
const cpu0 = process.cpuUsage();
for (const file of corpusFiles().filter((f) => f.endsWith('.pdf'))) {
  const bytes = new Uint8Array(readFileSync(file));
  let t = performance.now();
  const task = pdfjs.getDocument(documentParameters(bytes, undefined));
  const doc = await task.promise;
  totals.open += performance.now() - t;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    t = performance.now();
    await page.getTextContent();
    totals.text += performance.now() - t;
    if (process.env.NO_OPS !== '1') {
      t = performance.now();
      const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.ENABLE });
      totals.ops += performance.now() - t;
      t = performance.now();
      walkGraphics(ops, pdfjs.OPS);
      totals.walk += performance.now() - t;
    }
    page.cleanup();
    totals.pages++;
  }
  await task.destroy();
}
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ ...Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Math.round(v)])), cpuMs: Math.round((cpu.user + cpu.system) / 1000), rssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
