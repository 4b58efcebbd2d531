/**
 * Test inputs for OCR, built at test time: text is typeset into a real PDF (Helvetica), rasterised
 * by poppler's pdftoppm into PNG/JPEG, and JPEG pages are wrapped into an image-only PDF (one
 * DCTDecode image per page, no text layer) — what a scanner produces.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { imageSize } from '../../src/providers/ocr/image-size.ts';
import { buildTestPdf, textAt } from '../parsers/build-test-pdf.ts';

const run = promisify(execFile);

/** A text PDF page showing `lines` in 16 pt Helvetica. */
export function textPage(lines: readonly string[]): string {
  return lines.map((line, index) => textAt(72, 700 - index * 30, 16, line)).join('\n');
}

/** Rasterises a one-page text PDF of `lines` with pdftoppm (`format` png or jpeg, `dpi`). */
export async function renderText(lines: readonly string[], format: 'png' | 'jpeg', dpi = 150): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'propo-scan-'));
  try {
    await writeFile(join(dir, 'page.pdf'), buildTestPdf([textPage(lines)]));
    await run('pdftoppm', ['-r', String(dpi), `-${format}`, '-singlefile', join(dir, 'page.pdf'), join(dir, 'out')]);
    return new Uint8Array(await readFile(join(dir, format === 'png' ? 'out.png' : 'out.jpg')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An image-only PDF: page i is the JPEG `jpegs[i]` drawn over the whole US Letter page. */
export function imagePdf(jpegs: readonly Uint8Array[]): Uint8Array {
  const objects: Array<string | Uint8Array[]> = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: number[] = [];
  for (const jpeg of jpegs) {
    const size = imageSize(jpeg);
    if (size?.format !== 'jpeg') throw new Error('imagePdf needs JPEG pages');
    const pageId = objects.length + 1;
    kids.push(pageId);
    const content = 'q 612 0 0 792 0 0 cm /Im1 Do Q';
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 ${pageId + 2} 0 R >> >> /Contents ${pageId + 1} 0 R >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      [new TextEncoder().encode(`<< /Type /XObject /Subtype /Image /Width ${size.width} /Height ${size.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`), jpeg, new TextEncoder().encode('\nendstream')],
    );
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((id) => `${id} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const chunks: Uint8Array[] = [];
  let length = 0;
  const push = (chunk: Uint8Array | string): void => {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    length += bytes.length;
  };
  push('%PDF-1.4\n');
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(length);
    push(`${index + 1} 0 obj\n`);
    if (typeof object === 'string') push(object); else for (const part of object) push(part);
    push('\nendobj\n');
  });
  const xref = length;
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(chunks));
}
