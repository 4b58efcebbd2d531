// @ts-check
/**
 * Error messages written for the web. The server's messages are written for the terminal (they mention
 * `--password`, `bin/propo …`); the page maps the error code to what to do here instead, and keeps the
 * code beside it for support. Unknown codes fall back to the server's text without CLI flags.
 */

/** @type {Record<string, string>} */
const BY_CODE = {
  PROPO_ERR_PDF_ENCRYPTED: 'This PDF is password-protected. Type its password below and press Retry.',
  PROPO_ERR_PDF_NO_TEXT: 'This PDF has no text layer (it looks scanned). Run OCR on it (for example with ocrmypdf) and upload the result.',
  PROPO_ERR_PDF_CORRUPT: 'This PDF is damaged and cannot be read. Open it in a PDF viewer and save or export a fresh copy, then upload that.',
  PROPO_ERR_PDF_LIMITS: 'This PDF is over a safety limit (too many pages or too deeply nested). Split it and upload the parts.',
  PROPO_ERR_UNSUPPORTED_TYPE: 'Propo reads PDF, TXT, Markdown, Word (DOCX), HTML and EPUB files. This file is none of these.',
  PROPO_ERR_EMPTY_FILE: 'This file has no text that can be searched. Check that it is not empty or only images.',
  PROPO_ERR_FILE_TOO_LARGE: 'This file is larger than the upload limit. Split it, or raise “Max file size” in Configuration → Settings.',
  PROPO_ERR_DOCX_CORRUPT: 'This Word file is damaged, password-protected or an old .doc. Save it as .docx from Word and upload again.',
  PROPO_ERR_EPUB_CORRUPT: 'This EPUB is damaged. Export a fresh copy and upload again.',
  PROPO_ERR_EPUB_ENCRYPTED: 'This EPUB is DRM-protected. Upload a DRM-free copy.',
  PROPO_ERR_PARSE_TIMEOUT: 'Reading this file took too long. Press Retry; if it fails again, split the file.',
  PROPO_ERR_PARSE_MEMORY: 'Reading this file needed too much memory. Split it and upload the parts.',
  PROPO_ERR_EMBEDDER_UNAVAILABLE: 'The embedding model is not available right now. Press Retry in a moment.',
  PROPO_ERR_DISK_FULL: 'The server is out of disk space. Free some space, then press Retry.',
  PROPO_ERR_STORE_UNAVAILABLE: 'A store is unavailable right now. Press Retry in a moment.',
  PROPO_ERR_RATE_LIMITED: 'Too many uploads at once. Wait a moment and press Retry.',
  PROPO_ERR_FORBIDDEN: 'Only an admin may upload documents. Ask an admin to add this file.',
  PROPO_ERR_UNAUTHENTICATED: 'Your session ended. Log in again and retry.',
};

/** A wrong password is the same code as a missing one; the server's text tells them apart. */
const WRONG_PASSWORD = /password given .* is wrong/i;

/**
 * What to tell a web user about a failed ingestion.
 * @param {{ code: string, message: string }} error
 * @returns {string}
 */
export function webMessage(error) {
  if (error.code === 'PROPO_ERR_PDF_ENCRYPTED' && WRONG_PASSWORD.test(error.message)) return 'That password is wrong for this PDF. Type the right one below and press Retry.';
  return BY_CODE[error.code] ?? withoutCliHints(error.message);
}

/**
 * The server's text without terminal-only hints ("(--password)", "Run `bin/propo …`.").
 * @param {string} message
 */
export function withoutCliHints(message) {
  return message.replace(/\s*\(--[a-z-]+\)/g, '').replace(/\s*(?:Run|Use|e\.g\.)\s+`[^`]*`[^.]*\./g, '').trim();
}

/** Whether the web offers a password field for this error. @param {{ code: string }} error */
export const needsPassword = (error) => error.code === 'PROPO_ERR_PDF_ENCRYPTED';
