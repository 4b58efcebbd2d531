import { readFileSync, readdirSync } from 'node:fs';
import { createPdfParser } from './src/providers/parsers/pdf/pdf-parser.ts';
const p = createPdfParser({ maxPages: 5000 });
const dir = '../shared/datasets/documents/pdf/';
for (const f of readdirSync(dir).sort()) {
  if (f.startsWith('freeculture')) continue;
  try { const d = await p.parse(new Uint8Array(readFileSync(dir + f)), { fileName: f }); console.log(f, '|', d.pages.map((x) => x.text).join('').replace(/\s/g, '').length, '|', d.warnings.length); } catch (e) { console.log(f, '|', (e as { code?: string }).code); }
}
