import { readFileSync } from 'node:fs';
import { createPdfParser } from './src/providers/parsers/pdf/pdf-parser.ts';
const p = createPdfParser({ maxPages: 2000 });
const f = process.argv[2]!;
try { const d = await p.parse(new Uint8Array(readFileSync(f)), { fileName: f }); for (const pg of d.pages.slice(0, Number(process.argv[3] ?? 2))) console.log('--- page', pg.number, '\n' + pg.text); console.log(d.warnings); } catch (e) { console.log('ERR', e); }
