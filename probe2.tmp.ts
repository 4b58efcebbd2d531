import { readFileSync } from 'node:fs';
import { loadPdfJs, documentParameters } from './src/providers/parsers/pdf/load-pdfjs.ts';
const pdfjs = await loadPdfJs();
const doc = await pdfjs.getDocument({ ...documentParameters(new Uint8Array(readFileSync(process.argv[2]!)), undefined), verbosity: 5 }).promise;
const page = await doc.getPage(Number(process.argv[3] ?? 1));
const tc = await page.getTextContent();
console.log(JSON.stringify(tc.items.slice(0, Number(process.argv[4] ?? 20))), page.view);
