/**
 * Evidence for decision 0095: which annotation subtypes carry text in their appearance streams, over every PDF of
 * ../shared/datasets/documents (first 100 pages each). Counts text-showing operators inside each annotation's
 * appearance, by subtype. node --import ./bin/register.mjs bench/ingest/gate-links.ts
 */
import { readFileSync } from 'node:fs';
import { documentParameters, loadPdfJs } from '../../src/providers/parsers/pdf/load-pdfjs.ts';
import { corpusFiles } from './corpus.ts';

const pdfjs = await loadPdfJs();
const shows = new Set([pdfjs.OPS.showText, pdfjs.OPS.showSpacedText, pdfjs.OPS.nextLineShowText, pdfjs.OPS.nextLineSetSpacingShowText]);
const counts: Record<string, { annotations: number; withText: number }> = {};
for (const file of corpusFiles(Infinity, 'all').filter((f) => f.endsWith('.pdf'))) {
  try {
    const task = pdfjs.getDocument(documentParameters(new Uint8Array(readFileSync(file)), undefined));
    const doc = await task.promise;
    for (let i = 1; i <= Math.min(doc.numPages, 100); i++) {
      const page = await doc.getPage(i);
      const annots = (await page.getAnnotations({ intent: 'display' })) as Array<{ id: string; hasAppearance?: boolean; subtype: string }>;
      if (!annots.some((a) => a.hasAppearance !== false)) continue;
      const subtype = new Map(annots.map((a) => [a.id, a.subtype]));
      const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.ENABLE });
      let current: string | null = null;
      let text = false;
      ops.fnArray.forEach((fn, k) => {
        if (fn === pdfjs.OPS.beginAnnotation) { current = subtype.get((ops.argsArray[k] as [string])[0]) ?? '?'; text = false; }
        else if (fn === pdfjs.OPS.endAnnotation && current !== null) {
          const entry = (counts[current] ??= { annotations: 0, withText: 0 });
          entry.annotations++;
          if (text) entry.withText++;
          current = null;
        } else if (current !== null && shows.has(fn)) text = true;
      });
    }
    await task.destroy();
  } catch { /* refused files */ }
}
process.stdout.write(`${JSON.stringify(counts)}\n`);
