import { createRequire } from 'node:module';
// PDFium (@embedpdf/pdfium) text + per-char boxes/render mode/colour/size on the 12 arXiv PDFs.
// node pdfium-bench.mjs [mode] ; mode = text | boxes | full
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { init } from '@embedpdf/pdfium';
const DIR = process.env.PDF_DIR ?? '/work/wt/shared/datasets/documents/pdf';
const files = readdirSync(DIR).filter((f) => f.startsWith('arxiv-')).sort();
const mode = process.argv[2] ?? 'full';
const out = process.argv[3];
let c0 = process.cpuUsage();
const wasmBinary = readFileSync(createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm'));
const m = await init({ wasmBinary });
m.PDFiumExt_Init();
const initCpu = process.cpuUsage(c0);
const P = m.pdfium;
const malloc = (n) => P.wasmExports.malloc(n);
const free = (p) => P.wasmExports.free(p);
c0 = process.cpuUsage();
let pages = 0, chars = 0, hiddenInvisible = 0, white = 0, tiny = 0;
const result = {};
const dbl = malloc(8 * 4);
const rgba = malloc(4 * 4);
for (const f of files) {
  const bytes = readFileSync(`${DIR}/${f}`);
  const ptr = malloc(bytes.length);
  P.HEAPU8.set(bytes, ptr);
  const doc = m.FPDF_LoadMemDocument(ptr, bytes.length, '');
  if (!doc) { console.error('fail', f, m.FPDF_GetLastError()); continue; }
  const n = m.FPDF_GetPageCount(doc);
  const texts = [];
  for (let i = 0; i < n; i++) {
    const page = m.FPDF_LoadPage(doc, i);
    const tp = m.FPDFText_LoadPage(page);
    const count = m.FPDFText_CountChars(tp);
    const buf = malloc((count + 1) * 2);
    m.FPDFText_GetText(tp, 0, count, buf);
    const text = P.UTF16ToString(buf, (count + 1) * 2);
    free(buf);
    texts.push(text);
    if (mode !== 'text') {
      for (let c = 0; c < count; c++) {
        m.FPDFText_GetCharBox(tp, c, dbl, dbl + 8, dbl + 16, dbl + 24);
        if (mode === 'full') {
          const size = m.FPDFText_GetFontSize(tp, c);
          if (size < 1) tiny++;
          const obj = m.FPDFText_GetTextObject(tp, c);
          if (obj && m.FPDFTextObj_GetTextRenderMode(obj) === 3) hiddenInvisible++;
          if (m.FPDFText_GetFillColor(tp, c, rgba, rgba + 4, rgba + 8, rgba + 12)) {
            const r = P.HEAPU32[rgba >> 2], g = P.HEAPU32[(rgba >> 2) + 1], b = P.HEAPU32[(rgba >> 2) + 2];
            if (r > 240 && g > 240 && b > 240) white++;
          }
        }
      }
    }
    chars += count;
    m.FPDFText_ClosePage(tp);
    m.FPDF_ClosePage(page);
    pages++;
  }
  m.FPDF_CloseDocument(doc);
  free(ptr);
  result[f] = texts;
}
const cpu = process.cpuUsage(c0);
if (out) writeFileSync(out, JSON.stringify(result));
console.log(JSON.stringify({ engine: 'pdfium', mode, pages, chars, hiddenInvisible, white, tiny, initCpuMs: Math.round((initCpu.user + initCpu.system) / 1000), cpuMs: Math.round((cpu.user + cpu.system) / 1000), rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
