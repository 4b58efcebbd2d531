/**
 * OCR cost per page: a scanned (image-only) PDF of N pages (150-dpi JPEG scans, rendered at ingest.ocrDpi for OCR)
 * and one PNG, parsed by the production parsers in this thread. Prints CPU (user+sys, whole process incl. the
 * tesseract worker) and RSS. `nice node --import ./bin/register.mjs bench/ocr/ocr-pages.ts [pages=4]`
 */
import { createParserRegistry } from '../../src/providers/parsers/parser-registry.ts';
import { imagePdf, renderText } from '../../test/ocr/make-scans.ts';

const pages = Number(process.argv[2] ?? 4);
const scans = await Promise.all(Array.from({ length: pages }, (_, i) => renderText([`Page ${i + 1}: the survey recorded forty-two oak trees along the river bank.`, 'Each tree was tagged and measured at breast height in the spring.'], 'jpeg')));
const pdf = imagePdf(scans);
const png = await renderText(['A single screenshot line of text for the image path.'], 'png');
const registry = createParserRegistry({ maxPdfPages: 1000 });
const cpu = (start: NodeJS.CpuUsage) => { const d = process.cpuUsage(start); return (d.user + d.system) / 1e6; };
let start = process.cpuUsage();
const parsed = await registry.get('pdf').parse(pdf, { fileName: 'scan.pdf' });
const pdfCpu = cpu(start);
start = process.cpuUsage();
await registry.get('image').parse(png, { fileName: 'shot.png' });
const pngCpu = cpu(start);
console.log(JSON.stringify({ pages, pdfCpuS: +pdfCpu.toFixed(2), perPageCpuS: +(pdfCpu / pages).toFixed(2), pngCpuS: +pngCpu.toFixed(2), rssMb: Math.round(process.memoryUsage().rss / 2 ** 20), firstPage: parsed.pages[0]?.text }));
