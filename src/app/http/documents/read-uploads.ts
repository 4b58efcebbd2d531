/**
 * Reads every file of a multipart upload into memory, each bounded by MAX_FILE_SIZE_MB. A file
 * over the limit becomes a failed item (PROPO_ERR_FILE_TOO_LARGE) instead of failing the batch.
 */
import type { FastifyRequest } from 'fastify';
import { PropoError } from '../../../core/errors/index.ts';
import type { OcrMode } from '../../../core/domain/types.ts';
import type { DocumentResult } from './document-result.ts';

export interface Upload { fileName: string; bytes: Uint8Array }

export interface ReadUploadsResult { uploads: Array<Upload | DocumentResult>; password: string | undefined; ocr?: OcrMode }

const OCR_MODES: readonly string[] = ['off', 'auto', 'force'];

/** Most files one request may carry. */
export const MAX_FILES_PER_UPLOAD = 100;

/**
 * A body the multipart parser cannot read (no boundary, truncated, random bytes) is the client's
 * fault: 400 PROPO_ERR_VALIDATION instead of a 500 (issue 14 item 10). Our own errors pass through.
 */
function asMultipartError(error: unknown): unknown {
  if (error instanceof PropoError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 400) return error;
  const reason = error instanceof Error ? error.message.slice(0, 120) : 'unreadable body';
  return new PropoError('PROPO_ERR_VALIDATION', `The multipart body could not be read (${reason}). Send the files as multipart/form-data with a boundary and complete parts (field name "files").`, { cause: error });
}

export async function readUploads(request: FastifyRequest, maxFileBytes: number): Promise<ReadUploadsResult> {
  if (!request.isMultipart()) {
    throw new PropoError('PROPO_ERR_VALIDATION', 'Send the files as multipart/form-data (field name "files").');
  }
  const uploads: Array<Upload | DocumentResult> = [];
  let password: string | undefined;
  let ocr: OcrMode | undefined;
  try {
    const parts = request.parts({ limits: { fileSize: maxFileBytes, files: MAX_FILES_PER_UPLOAD, fields: 10, fieldSize: 4096 } });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === 'password' && typeof part.value === 'string' && part.value !== '') password = part.value;
        if (part.fieldname === 'ocr' && typeof part.value === 'string' && part.value !== '') {
          if (!OCR_MODES.includes(part.value)) throw new PropoError('PROPO_ERR_VALIDATION', `The "ocr" field is "${part.value.slice(0, 20)}"; send off, auto or force (or leave it out for the server's ingest.ocr).`);
          ocr = part.value as OcrMode;
        }
        continue;
      }
      const fileName = part.filename || 'unnamed';
      const bytes = await part.toBuffer();
      if (part.file.truncated) {
        uploads.push({
          id: '', file: fileName, status: 'failed', pages: 0, propositions: 0,
          error: { code: 'PROPO_ERR_FILE_TOO_LARGE', message: `${fileName} is larger than ${Math.round(maxFileBytes / 1024 / 1024 * 100) / 100} MB (MAX_FILE_SIZE_MB). Split it or raise the limit.` },
        });
      } else {
        uploads.push({ fileName, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
      }
    }
  } catch (error) {
    throw asMultipartError(error);
  }
  if (uploads.length === 0) throw new PropoError('PROPO_ERR_VALIDATION', 'The upload has no files. Attach PDF, TXT or Markdown files in the "files" field.');
  return { uploads, password, ...(ocr === undefined ? {} : { ocr }) };
}
