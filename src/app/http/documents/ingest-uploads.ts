/**
 * Ingests uploaded files one after another and reports each file's stages, so the UI can show
 * per-file progress ("parse", "embed" …) and the final per-file result.
 */
import type { OcrMode } from '../../../core/domain/types.ts';
import type { IngestStage } from '../../../core/ingest/ingest-file.ts';
import type { PropoApp } from '../../compose.ts';
import { asDocumentResult, type DocumentResult } from './document-result.ts';
import type { FailedIngestions } from './failed-ingestions.ts';
import type { Upload } from './read-uploads.ts';

export type UploadEvent =
  | { type: 'file-start'; index: number; file: string }
  | { type: 'file-progress'; index: number; file: string; stage: IngestStage; pages?: number; propositions?: number; embedded?: number; ocrDone?: number; ocrPages?: number }
  | { type: 'file-end'; index: number; result: DocumentResult };

export async function ingestUploads(
  app: PropoApp,
  uploads: Array<Upload | DocumentResult>,
  options: { password?: string | undefined; ocr?: OcrMode | undefined; signal?: AbortSignal; onEvent?: (event: UploadEvent) => void; failures?: FailedIngestions } = {},
): Promise<DocumentResult[]> {
  const results: DocumentResult[] = [];
  for (const [index, upload] of uploads.entries()) {
    if (!('bytes' in upload)) {
      if (upload.error) await options.failures?.record(upload.file, upload.error);
      options.onEvent?.({ type: 'file-end', index, result: upload });
      results.push(upload);
      continue;
    }
    options.onEvent?.({ type: 'file-start', index, file: upload.fileName });
    const result = asDocumentResult(await app.ingest({
      fileName: upload.fileName,
      bytes: upload.bytes,
      ...(options.password ? { password: options.password } : {}),
      ...(options.ocr ? { ocr: options.ocr } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (progress) => options.onEvent?.({ type: 'file-progress', index, ...progress }),
    }));
    // Issue 15: the Documents tab lists failures (with the bytes when a retry can help); a success clears them.
    if (result.status === 'failed' && result.error) await options.failures?.record(result.file, result.error, upload.bytes);
    else await options.failures?.clear(result.file);
    options.onEvent?.({ type: 'file-end', index, result });
    results.push(result);
  }
  return results;
}
