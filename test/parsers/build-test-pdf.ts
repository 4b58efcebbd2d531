/**
 * Builds small, valid PDFs byte by byte for parser tests: one standard font (Helvetica, F1), one
 * content stream per page and a correct cross-reference table.
 */

export interface TestPdfOptions {
  /** [x1, y1, x2, y2]; default US Letter. */
  mediaBox?: [number, number, number, number];
}

/** Escapes `text` for a PDF literal string. */
function escapePdfString(text: string): string {
  return text.replace(/[\\()]/g, (char) => `\\${char}`);
}

/** A content-stream fragment showing `text` at (x, y) in Helvetica `size`; `state` adds operators (e.g. `3 Tr`). */
export function textAt(x: number, y: number, size: number, text: string, state = ''): string {
  return `BT /F1 ${size} Tf ${state} ${x} ${y} Td (${escapePdfString(text)}) Tj ET`;
}

/** A PDF whose page i draws `contents[i]` (content-stream operators). */
export function buildTestPdf(contents: readonly string[], options: TestPdfOptions = {}): Uint8Array {
  const mediaBox = options.mediaBox ?? [0, 0, 612, 792];
  const pageIds = contents.map((_, index) => 4 + index * 2);
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${contents.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  contents.forEach((content, index) => {
    const contentId = pageIds[index] ?? 0;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [${mediaBox.join(' ')}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId + 1} 0 R >>`,
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    );
  });
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}
