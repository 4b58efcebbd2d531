/**
 * Parses every PDF of ../shared/datasets/documents (BENCH_SET, default all) with the PDF parser of the given
 * source tree in this thread, prints CPU ms and writes pages + warnings per file as JSON (to compare two trees):
 * node --import ./bin/register.mjs bench/ingest/pdf-parse-dump.ts <tree root> <out.json>
 * PDF_ENGINE=pdfjs | pdfium picks the engine (ingest.pdfEngine, decision 0136; default pdfium like the app's; trees without it ignore it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusFiles } from './corpus.ts';

const [tree = '.', out = '/dev/null'] = process.argv.slice(2);
const { createPdfParser } = (await import(pathToFileURL(resolve(tree, 'src/providers/parsers/pdf/pdf-parser.ts')).href)) as typeof import('../../src/providers/parsers/pdf/pdf-parser.ts');
const engine = process.env.PDF_ENGINE === 'pdfjs' ? 'pdfjs' : 'pdfium';
const parser = createPdfParser({ maxPages: 5000, engine } as Parameters<typeof createPdfParser>[0]);
const result: Record<string, unknown> = {};
const cpu0 = process.cpuUsage();
let pages = 0;
for (const file of corpusFiles(Infinity, process.env.BENCH_SET ?? 'all').filter((f) => f.endsWith('.pdf'))) {
  const name = file.split('/').pop() as string;
  try {
    const doc = await parser.parse(new Uint8Array(readFileSync(file)), { fileName: name });
    pages += doc.pages.length;
    result[name] = { pages: doc.pages.map((p) => p.text), warnings: doc.warnings };
  } catch (error) {
    result[name] = { error: (error as { code?: string }).code ?? String(error) };
  }
}
const cpu = process.cpuUsage(cpu0);
writeFileSync(out, JSON.stringify(result));
process.stdout.write(`${JSON.stringify({ tree, engine, pages, cpuMs: Math.round((cpu.user + cpu.system) / 1000) })}\n`);
