/** Maps what pdf.js throws while opening a document to Propo's typed errors. */
import { PropoError } from '../../../core/errors/index.ts';
import type { ParseOptions } from '../../../core/ports/parser.ts';

/** pdf.js PasswordResponses.INCORRECT_PASSWORD */
export const INCORRECT_PASSWORD = 2;

/** A PropoError for `error`, thrown by pdf.js getDocument for the file in `options`. */
export function mapPdfError(error: unknown, options: Pick<ParseOptions, 'fileName' | 'password'>): PropoError {
  if (error instanceof PropoError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    const wrong = code === INCORRECT_PASSWORD && options.password !== undefined;
    return new PropoError(
      'PROPO_ERR_PDF_ENCRYPTED',
      wrong
        ? `The password given for ${options.fileName} is wrong. Re-upload with the correct password (--password).`
        : `The PDF is password-protected. Re-upload with its password (--password).`,
      { cause: error, details: { file: options.fileName, wrongPassword: wrong } },
    );
  }
  return new PropoError(
    'PROPO_ERR_PDF_CORRUPT',
    `${options.fileName} cannot be read as a PDF (${name === '' ? message : `${name}: ${message}`}). ` +
      'Repair or re-export the PDF, then ingest again.',
    { cause: error },
  );
}
