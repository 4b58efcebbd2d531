/** CPU time to parse built 2,000-paragraph DOCX/EPUB/HTML samples (20 sections each): `nice node --import ./bin/register.mjs bench/formats/parse-formats.ts`. */
import { makeDocx, makeEpub, makeHtmlPage } from '../../src/testing/make-documents.ts';
import { createDocxParser } from '../../src/providers/parsers/docx/docx-parser.ts';
import { createEpubParser } from '../../src/providers/parsers/epub/epub-parser.ts';
import { createHtmlParser } from '../../src/providers/parsers/html/html-parser.ts';
const para = (i: number) => `Paragraph ${i} says the sample measurement ${i} was taken at station ${i % 17} under clear skies.`;
const blocks = Array.from({ length: 2000 }, (_, i) => i % 100 === 0 ? { heading: 1 as const, text: `Section ${i / 100}` } : { paragraph: para(i) });
const docx = await makeDocx(blocks);
const epub = await makeEpub('B', Array.from({ length: 20 }, (_, c) => ({ title: `Ch ${c}`, paragraphs: Array.from({ length: 100 }, (_, i) => para(c * 100 + i)) })));
const html = new TextEncoder().encode(makeHtmlPage('P', Array.from({ length: 20 }, (_, c) => ({ heading: `S ${c}`, paragraphs: Array.from({ length: 100 }, (_, i) => para(c * 100 + i)) }))));
for (const [name, parser, bytes] of [['docx', createDocxParser(), docx], ['epub', createEpubParser({ maxChapters: 100 }), epub], ['html', createHtmlParser(), html]] as const) {
  const t = process.cpuUsage(); const r = await parser.parse(bytes, { fileName: `x.${name}` }); const u = process.cpuUsage(t);
  console.log(name, `${(bytes.length / 1024).toFixed(0)} KiB`, `${r.pages.length} pages`, `cpu ${((u.user + u.system) / 1000).toFixed(0)} ms`);
}
