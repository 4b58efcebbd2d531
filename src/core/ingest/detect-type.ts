/**
 * Decides what kind of document a file is from its extension AND its first bytes, so that a
 * renamed binary never reaches a text parser and a text file named `.pdf` never reaches pdf.js.
 */
import type { DocumentKind } from '../domain/types.ts';
import { PropoError } from '../errors/index.ts';

export interface DetectTypeOptions {
  /** Largest accepted file in bytes (MAX_FILE_SIZE_MB × 2^20). */
  maxBytes: number;
}

const EXTENSIONS: Readonly<Record<string, DocumentKind>> = {
  '.pdf': 'pdf',
  '.txt': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.docx': 'docx',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.epub': 'epub',
  '.png': 'image',
  '.jpg': 'image',
  '.jpeg': 'image',
};

/** The accepted extensions, for messages, the CLI's folder expansion and the upload form. */
export const ACCEPTED_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS);

/** The image extensions (read by OCR only). */
export const IMAGE_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS).filter((extension) => EXTENSIONS[extension] === 'image');

/** `PK\x03\x04`: DOCX and EPUB are ZIP containers. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
/** OLE compound file: legacy .doc and password-protected (encrypted) .docx. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** Real readers accept `%PDF-` after up to 1 KiB of leading junk. */
const PDF_HEADER_WINDOW = 1024;
/** How much of a text file is inspected for binary content. */
const TEXT_SNIFF_BYTES = 8192;

/** PNG signature and JPEG start-of-image marker (images are OCR'd). */
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const JPEG_MAGIC = [0xff, 0xd8, 0xff] as const;

/** `%PDF-` */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] as const;

const MAGICS: ReadonlyArray<{ name: string; bytes: readonly number[] }> = [
  { name: 'a PDF document', bytes: PDF_MAGIC },
  { name: 'a ZIP archive (or DOCX/XLSX/EPUB)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'an ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((byte, index) => bytes[at + index] === byte);
}

function findPdfHeader(bytes: Uint8Array): number {
  const last = Math.min(PDF_HEADER_WINDOW, bytes.length - PDF_MAGIC.length);
  for (let at = 0; at <= last; at += 1) if (startsWith(bytes, PDF_MAGIC, at)) return at;
  return -1;
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

/** Names the binary content of `bytes`, or null when it looks like text. */
function describeBinary(bytes: Uint8Array): string | null {
  for (const magic of MAGICS) if (startsWith(bytes, magic.bytes)) return magic.name;
  if (hasUtf16Bom(bytes)) return null;
  const end = Math.min(bytes.length, TEXT_SNIFF_BYTES);
  for (let index = 0; index < end; index += 1) if (bytes[index] === 0) return 'binary data (NUL bytes)';
  return null;
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 3 : 1);
}

function assertZip(fileName: string, extension: string, bytes: Uint8Array, kind: DocumentKind): DocumentKind {
  if (startsWith(bytes, ZIP_MAGIC)) return kind;
  if (kind === 'docx' && startsWith(bytes, OLE_MAGIC)) {
    throw new PropoError(
      'PROPO_ERR_DOCX_CORRUPT',
      `${fileName} is a legacy .doc or a password-protected Word file, not a plain .docx. ` +
        'Remove the password or save it as .docx (Word or LibreOffice: File → Save As).',
    );
  }
  const content = describeBinary(bytes) ?? 'text';
  throw new PropoError(
    'PROPO_ERR_UNSUPPORTED_TYPE',
    `${fileName} is named ${extension} but its content is ${content}, not a ZIP container. ` +
      'Upload the real file or rename it to match its content.',
  );
}

/**
 * Returns the document kind of `fileName` with content `bytes`.
 * @throws PropoError PROPO_ERR_FILE_TOO_LARGE, PROPO_ERR_UNSUPPORTED_TYPE or PROPO_ERR_EMPTY_FILE.
 */
export function detectType(fileName: string, bytes: Uint8Array, options: DetectTypeOptions): DocumentKind {
  if (bytes.length > options.maxBytes) {
    throw new PropoError(
      'PROPO_ERR_FILE_TOO_LARGE',
      `${fileName} is ${megabytes(bytes.length)} MB; the limit is ${megabytes(options.maxBytes)} MB. ` +
        'Split the file or raise MAX_FILE_SIZE_MB.',
      { details: { bytes: bytes.length, maxBytes: options.maxBytes } },
    );
  }
  const extension = extensionOf(fileName);
  const kind = EXTENSIONS[extension];
  if (kind === undefined) {
    throw new PropoError(
      'PROPO_ERR_UNSUPPORTED_TYPE',
      `${fileName} has ${extension === '' ? 'no extension' : `the extension ${extension}`}. ` +
        `Upload a PDF, text, Markdown, Word, HTML, EPUB, PNG or JPEG file (accepted: ${ACCEPTED_EXTENSIONS.join(' ')}).`,
    );
  }
  if (bytes.length === 0) {
    throw new PropoError('PROPO_ERR_EMPTY_FILE', `${fileName} is empty (0 bytes). Upload a file with content.`);
  }
  if (kind === 'pdf') {
    if (findPdfHeader(bytes) >= 0) return kind;
    const content = describeBinary(bytes) ?? 'text';
    throw new PropoError(
      'PROPO_ERR_UNSUPPORTED_TYPE',
      `${fileName} is named .pdf but its content is ${content}, not a PDF (no %PDF- header). ` +
        'Upload the real PDF or rename the file to match its content.',
    );
  }
  if (kind === 'docx' || kind === 'epub') return assertZip(fileName, extension, bytes, kind);
  if (kind === 'image') {
    if (startsWith(bytes, PNG_MAGIC) || startsWith(bytes, JPEG_MAGIC)) return kind;
    const content = describeBinary(bytes) ?? 'text';
    throw new PropoError(
      'PROPO_ERR_UNSUPPORTED_TYPE',
      `${fileName} is named ${extension} but its content is ${content}, not a PNG or JPEG image. ` +
        'Upload the real image or rename the file to match its content.',
    );
  }
  const binary = describeBinary(bytes);
  if (binary !== null) {
    throw new PropoError(
      'PROPO_ERR_UNSUPPORTED_TYPE',
      `${fileName} is named ${extension} but its content is ${binary}, not text. ` +
        'Upload plain text, Markdown or HTML, or give the file its real extension.',
    );
  }
  return kind;
}
