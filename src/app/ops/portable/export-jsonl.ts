/**
 * `bin/propo export`: every visible document with its pages, paragraphs, propositions and
 * vectors as JSONL, grouped per document, so another Propo (or another tool) can rebuild the
 * store exactly: same ids, same spans, same vectors (float32 values survive JSON exactly).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { PropoApp } from '../../compose.ts';
import { EXPORT_FORMAT, type ExportLine } from './export-records.ts';

export interface ExportResult { documents: number; vectors: number; lines: number }

export async function exportJsonl(app: Pick<PropoApp, 'documents' | 'vectors' | 'embedder' | 'config'>, write: (line: string) => Promise<void>): Promise<ExportResult> {
  let lines = 0;
  const emit = async (line: ExportLine): Promise<void> => {
    lines += 1;
    await write(`${JSON.stringify(line)}\n`);
  };
  await emit({ type: 'header', format: EXPORT_FORMAT, createdAt: new Date().toISOString(), namespace: app.config.namespace, embedder: { name: app.embedder.name, dimensions: app.embedder.dimensions } });
  let vectors = 0;
  const documents = app.documents.list().sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const doc of documents) {
    await emit({ type: 'document', id: doc.id, file: doc.file, kind: doc.kind, sha256: doc.sha256, bytes: doc.bytes, namespace: doc.namespace, sourcePath: doc.sourcePath, warnings: doc.warnings, createdAt: doc.createdAt, updatedAt: doc.updatedAt });
    for (const { number } of app.documents.pages(doc.id)) {
      const page = app.documents.page(doc.id, number);
      if (page) await emit({ type: 'page', documentId: doc.id, number, text: page.text, sourceOffsets: page.sourceOffsets });
    }
    for (const p of app.documents.paragraphs(doc.id)) await emit({ type: 'paragraph', ...p });
    for (const p of app.documents.propositions(doc.id)) await emit({ type: 'proposition', ...p, expert: p.expert ?? null });
    const ids = (await app.vectors.listIds({ documentIds: [doc.id] })).sort();
    for (const record of await app.vectors.fetch(ids)) {
      vectors += 1;
      await emit({ type: 'vector', ...record, expert: record.expert ?? null, vector: Array.from(record.vector) });
    }
  }
  await emit({ type: 'end', documents: documents.length, vectors });
  return { documents: documents.length, vectors, lines };
}

/** Exports to a file (or stdout when `file` is '-'). */
export async function exportJsonlFile(app: Pick<PropoApp, 'documents' | 'vectors' | 'embedder' | 'config'>, file: string): Promise<ExportResult> {
  const stream = file === '-' ? process.stdout : createWriteStream(file, { mode: 0o600 });
  const result = await exportJsonl(app, async (line) => {
    if (!stream.write(line)) await once(stream, 'drain');
  });
  if (stream !== process.stdout) {
    stream.end();
    await once(stream, 'finish');
  }
  return result;
}
