/**
 * OCR (issue 16) through the production path: a scanned (image-only) PDF and a PNG, both built here
 * from typeset text rasterised by pdftoppm, are ingested with `app.ingest` (parser worker pool →
 * tesseract.js with the bundled English model), questions are answered with citations whose spans
 * resolve to the OCR page text, `ocr: off` refuses with a message that says what to do and keeps
 * what is stored, and `bin/propo ingest --ocr` shows per-page OCR progress.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempApp, REPO_ROOT } from '../../src/testing/temp-app.ts';
import { storeViolations } from '../../src/testing/store-invariants.ts';
import { runCommand } from '../../src/testing/run-command.ts';
import { UNREACHABLE_HUB_URL } from '../../src/testing/unreachable-hub.ts';
import type { PropoApp } from '../../src/app/compose.ts';
import type { IngestProgress } from '../../src/core/ingest/ingest-file.ts';
import { createTesseractOcr } from '../../src/providers/ocr/tesseract-ocr.ts';
import { imageSize } from '../../src/providers/ocr/image-size.ts';
import { renderScale } from '../../src/providers/parsers/pdf/ocr-pdf-pages.ts';
import { buildTestPdf } from '../parsers/build-test-pdf.ts';
import { imagePdf, renderText, textPage } from './make-scans.ts';

/** The cited texts of every `[file:page:start-end]` citation of `file` in `answer`, read from the store. */
function citedTexts(app: PropoApp, answer: string, file: string): Array<{ page: number; text: string }> {
  const matches = [...answer.matchAll(new RegExp(`\\[${file.replace('.', '\\.')}:(\\d+):(\\d+)-(\\d+)\\]`, 'g'))];
  assert.ok(matches.length > 0, `no citation of ${file} in: ${answer}`);
  const doc = app.documents.list({}).find((d) => d.file === file);
  return matches.map((match) => {
    const [page, start, end] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const pageText = app.documents.pages(doc?.id ?? '').find((p) => p.number === page)?.text ?? '';
    assert.ok(end <= pageText.length && start < end, `span ${start}-${end} lies inside page ${page} (${pageText.length} chars)`);
    return { page, text: pageText.slice(start, end) };
  });
}

test('a scanned PDF and a PNG are OCR\'d and answered with resolving citations; ocr off refuses and keeps the store', { timeout: 10 * 60_000 }, async () => {
  const { app, cleanup } = await createTempApp();
  try {
    const page1 = await renderText(['The lighthouse keeper logged the storm at dawn.', 'Waves broke over the northern jetty all morning.'], 'jpeg');
    const page2 = await renderText(['Copper wire conducts heat faster than glass.', 'The furnace was relined with firebrick in April.'], 'jpeg');
    const scan = imagePdf([page1, page2]);
    const progress: IngestProgress[] = [];
    const scanned = await app.ingest({ fileName: 'scan.pdf', bytes: scan, onProgress: (p) => progress.push(p) });
    assert.equal(scanned.status, 'ingested', `${scanned.error?.code ?? ''} ${scanned.error?.message ?? ''}`);
    assert.equal(scanned.pages, 2);
    assert.ok(scanned.warnings?.some((w) => w.includes('pages 1–2: text read by OCR')), String(scanned.warnings));
    assert.deepEqual(progress.filter((p) => p.stage === 'ocr').map((p) => `${p.ocrDone}/${p.ocrPages}`), ['0/2', '1/2', '2/2']);

    const furnace = await app.ask('When was the furnace relined with firebrick?');
    const cited = citedTexts(app, furnace.answer, 'scan.pdf').find((c) => /furnace was relined with firebrick/.test(c.text));
    assert.equal(cited?.page, 2, furnace.answer);

    const png = await renderText(['Honeybees forage up to five kilometres from the hive.'], 'png');
    const image = await app.ingest({ fileName: 'bees.png', bytes: png });
    assert.equal(image.status, 'ingested', `${image.error?.code ?? ''} ${image.error?.message ?? ''}`);
    const bees = await app.ask('How far do honeybees forage from the hive?');
    assert.ok(citedTexts(app, bees.answer, 'bees.png').some((c) => /Honeybees forage up to five kilometres/.test(c.text)), bees.answer);

    // OCR off: the same kinds of input are refused with what to do; nothing stored is lost.
    const otherScan = imagePdf([await renderText(['Salt marshes store carbon in their peat.'], 'jpeg')]);
    const off = await app.ingest({ fileName: 'marsh.pdf', bytes: otherScan, ocr: 'off' });
    assert.equal(off.status, 'failed');
    assert.equal(off.error?.code, 'PROPO_ERR_PDF_NO_TEXT');
    assert.match(off.error?.message ?? '', /OCR is off for this ingest.*--ocr auto/);
    const offImage = await app.ingest({ fileName: 'bees2.png', bytes: await renderText(['Wasps build paper nests.'], 'png'), ocr: 'off' });
    assert.equal(offImage.error?.code, 'PROPO_ERR_OCR_OFF');
    assert.match(offImage.error?.message ?? '', /--ocr auto/);

    // force: a PDF with a text layer is read by OCR instead.
    const typed = buildTestPdf([textPage(['Typed pages can be read by OCR when forced.'])]);
    const forced = await app.ingest({ fileName: 'typed.pdf', bytes: typed, ocr: 'force' });
    assert.equal(forced.status, 'ingested');
    assert.ok(forced.warnings?.some((w) => w.includes('page 1: text read by OCR')), String(forced.warnings));

    // The memory bound: an image whose header says 20000×20000 is refused before it is decoded.
    const huge = png.slice();
    new DataView(huge.buffer).setUint32(16, 20_000);
    new DataView(huge.buffer).setUint32(20, 20_000);
    const tooLarge = await app.ingest({ fileName: 'huge.png', bytes: huge });
    assert.equal(tooLarge.error?.code, 'PROPO_ERR_OCR_LIMITS');
    // A .png that is not a PNG is refused by type.
    const fake = await app.ingest({ fileName: 'fake.png', bytes: new TextEncoder().encode('not an image') });
    assert.equal(fake.error?.code, 'PROPO_ERR_UNSUPPORTED_TYPE');

    assert.deepEqual(app.documents.list({}).map((d) => d.file).sort(), ['bees.png', 'scan.pdf', 'typed.pdf']);
    assert.deepEqual(await storeViolations(app), []);
  } finally {
    await cleanup();
  }
});

test('bin/propo ingest --ocr: off refuses (exit 2), auto OCRs with one progress line per page', { timeout: 10 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'propo-ocr-cli-'));
  try {
    const scan = join(dir, 'scan.pdf');
    writeFileSync(scan, imagePdf([await renderText(['Granite quarries supplied the harbour wall.'], 'jpeg'), await renderText(['The harbour wall was finished in 1851.'], 'jpeg')]));
    const env = { ...process.env, EMBED_HUB_URL: UNREACHABLE_HUB_URL, NODE_ENV: 'test' };
    const base = ['--data-dir', join(dir, 'data'), 'ingest'];
    const off = await runCommand(join(REPO_ROOT, 'bin/propo'), [...base, '--ocr', 'off', scan], { env, allowFailure: true });
    assert.equal(off.code, 2, off.stderr);
    assert.match(off.stdout, /PROPO_ERR_PDF_NO_TEXT .*OCR is off/);
    const bad = await runCommand(join(REPO_ROOT, 'bin/propo'), [...base, '--ocr', 'sometimes', scan], { env, allowFailure: true });
    assert.equal(bad.code, 1, 'a wrong --ocr value is a usage error');
    assert.match(bad.stderr, /off, auto, force/);
    const auto = await runCommand(join(REPO_ROOT, 'bin/propo'), [...base, '--ocr', 'auto', scan], { env, allowFailure: true });
    assert.equal(auto.code, 0, auto.stderr + auto.stdout);
    assert.match(auto.stderr, /ocr +scan\.pdf page 1\/2/);
    assert.match(auto.stderr, /ocr +scan\.pdf page 2\/2/);
    assert.match(auto.stdout, /1 ingested, 0 unchanged, 0 failed; 2 pages/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('OCR bounds: a page over its time bound is reported as timed out; large pages render smaller', { timeout: 5 * 60_000 }, async () => {
  const png = await renderText(['A page that cannot be read in one millisecond.'], 'png');
  assert.deepEqual(imageSize(png), { format: 'png', width: 1275, height: 1650 });
  const engine = createTesseractOcr({ pageTimeoutMs: 1 });
  try {
    assert.deepEqual(await engine.recognize(png), { ok: false, reason: 'timeout' });
  } finally {
    await engine.close();
  }
  // US Letter at 300 dpi is 8.4 MP: kept; a 100×100 inch poster is scaled to fit 40 MP.
  assert.equal(renderScale(612, 792, { dpi: 300, maxMegapixels: 40, pageTimeoutMs: 1 }), 300 / 72);
  const poster = renderScale(7200, 7200, { dpi: 300, maxMegapixels: 40, pageTimeoutMs: 1 });
  assert.ok(7200 * poster * 7200 * poster <= 40e6 + 1 && poster < 300 / 72);
});

test('upload: the "ocr" field is honoured (off refuses a scan, auto reads a PNG with NDJSON OCR progress), a wrong value is 400', { timeout: 10 * 60_000 }, async () => {
  const { buildServer } = await import('../../src/app/http/index.ts');
  const { createTestApp, multipartBody } = await import('../web/test-app.ts');
  const t = await createTestApp({ LLM_PROVIDER: 'none' });
  const server = await buildServer(t.app);
  try {
    const scan = imagePdf([await renderText(['Otters hold hands while they sleep.'], 'jpeg')]);
    const off = multipartBody([{ name: 'otters.pdf', bytes: scan }], { ocr: 'off' });
    const refused = await server.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': off.contentType }, body: off.body });
    assert.equal(refused.statusCode, 200);
    assert.equal(refused.json<{ documents: Array<{ error?: { code: string } }> }>().documents[0]?.error?.code, 'PROPO_ERR_PDF_NO_TEXT');
    const wrong = multipartBody([{ name: 'otters.pdf', bytes: scan }], { ocr: 'maybe' });
    const bad = await server.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': wrong.contentType }, body: wrong.body });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /off, auto or force/);
    const auto = multipartBody([{ name: 'otters.png', bytes: await renderText(['Otters hold hands while they sleep.'], 'png'), type: 'image/png' }], { ocr: 'auto' });
    const streamed = await server.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': auto.contentType, accept: 'application/x-ndjson' }, body: auto.body });
    const events = streamed.body.trim().split('\n').map((line) => JSON.parse(line) as { type: string; stage?: string; ocrDone?: number; ocrPages?: number; documents?: Array<{ status: string }> });
    assert.deepEqual(events.filter((e) => e.stage === 'ocr').map((e) => `${e.ocrDone}/${e.ocrPages}`), ['0/1', '1/1']);
    assert.equal(events.at(-1)?.documents?.[0]?.status, 'ingested');
  } finally {
    await server.close();
    await t.cleanup();
  }
});
