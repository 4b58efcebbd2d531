/**
 * `bin/propo import <file>`: reads a `propo-export/1` JSONL file into an empty store. Each
 * document goes through the normal visibility protocol (pending → vectors → commit), keeping its
 * ids, spans, vectors and timestamps. Refuses a store that has documents or vectors
 * (PROPO_ERR_CONFLICT) and an export made with another embedder (PROPO_ERR_EMBEDDER_MISMATCH).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PropoError } from '../../../core/errors/index.ts';
import type { PageText, ParagraphRecord, PropositionRecord, VectorRecord } from '../../../core/domain/index.ts';
import type { PropoApp } from '../../compose.ts';
import { EXPORT_FORMAT, type ExportLine } from './export-records.ts';

type ImportApp = Pick<PropoApp, 'documents' | 'vectors' | 'embedder' | 'db'>;

interface PendingImport {
  doc: Extract<ExportLine, { type: 'document' }>;
  pages: Array<PageText & { sourceOffsets: number[] | null }>;
  paragraphs: ParagraphRecord[];
  propositions: PropositionRecord[];
  vectors: VectorRecord[];
}

export interface ImportResult { documents: number; vectors: number }

async function commitDocument(app: ImportApp, item: PendingImport): Promise<void> {
  const { doc } = item;
  const jobId = `import_${doc.id}`;
  app.documents.insertPending({
    record: { id: doc.id, file: doc.file, kind: doc.kind, sha256: doc.sha256, bytes: doc.bytes, namespace: doc.namespace, pages: item.pages.length, propositions: item.propositions.length },
    sourcePath: doc.sourcePath, warnings: doc.warnings,
    pages: item.pages.map(({ number, text }) => ({ number, text })),
    sourceOffsets: item.pages.some((p) => p.sourceOffsets) ? item.pages.map((p) => p.sourceOffsets ?? []) : undefined,
    paragraphs: item.paragraphs, propositions: item.propositions, jobId, replaces: null,
  });
  await app.vectors.upsert(item.vectors);
  app.documents.commit(doc.id, jobId, null);
  app.db.prepare('UPDATE documents SET created_at = ?, updated_at = ? WHERE id = ?').run(doc.createdAt, doc.updatedAt, doc.id);
}

export async function importJsonl(app: ImportApp, lines: AsyncIterable<string>): Promise<ImportResult> {
  // Take the iterator before the first await: a readline interface emits lines as soon as it is
  // created and drops the ones nobody is iterating yet.
  const iterator = lines[Symbol.asyncIterator]();
  if (app.documents.counts().documents > 0 || (await app.vectors.count()) > 0) {
    throw new PropoError('PROPO_ERR_CONFLICT', 'Import needs an empty store, and this one has documents. Use a new --data-dir, or remove the documents first.');
  }
  let current: PendingImport | null = null;
  let documents = 0;
  let vectors = 0;
  let header = false;
  let lineNumber = 0;
  const flush = async (): Promise<void> => {
    if (current === null) return;
    await commitDocument(app, current);
    documents += 1;
    vectors += current.vectors.length;
    current = null;
  };
  for await (const raw of { [Symbol.asyncIterator]: () => iterator }) {
    lineNumber += 1;
    if (raw.trim() === '') continue;
    let line: ExportLine;
    try {
      line = JSON.parse(raw) as ExportLine;
    } catch {
      throw new PropoError('PROPO_ERR_VALIDATION', `Line ${lineNumber} is not JSON. Is this a file written by \`bin/propo export\`?`);
    }
    if (!header) {
      if (line.type !== 'header' || line.format !== EXPORT_FORMAT) throw new PropoError('PROPO_ERR_VALIDATION', `Line 1 is not a ${EXPORT_FORMAT} header.`);
      if (line.embedder.name !== app.embedder.name || line.embedder.dimensions !== app.embedder.dimensions) {
        throw new PropoError('PROPO_ERR_EMBEDDER_MISMATCH', `The export was made with embedder ${line.embedder.name} (${line.embedder.dimensions} dims) but this Propo uses ${app.embedder.name} (${app.embedder.dimensions}). Configure the same embedder, then import.`);
      }
      header = true;
      continue;
    }
    if (line.type === 'document') {
      await flush();
      current = { doc: line, pages: [], paragraphs: [], propositions: [], vectors: [] };
      continue;
    }
    if (line.type === 'end') {
      await flush();
      if (line.documents !== documents || line.vectors !== vectors) throw new PropoError('PROPO_ERR_VALIDATION', `The export says ${line.documents} documents/${line.vectors} vectors but ${documents}/${vectors} were read.`);
      continue;
    }
    const target: PendingImport | null = current;
    if (target === null || line.type === 'header' || line.documentId !== target.doc.id) {
      throw new PropoError('PROPO_ERR_VALIDATION', `Line ${lineNumber} (${line.type}) does not belong to the document before it.`);
    }
    const { type: _type, ...rest } = line;
    if (line.type === 'page') target.pages.push(rest as PageText & { sourceOffsets: number[] | null });
    else if (line.type === 'paragraph') target.paragraphs.push(rest as ParagraphRecord);
    else if (line.type === 'proposition') target.propositions.push(rest as PropositionRecord);
    else target.vectors.push({ ...(rest as Omit<VectorRecord, 'vector'>), vector: new Float32Array(line.vector) });
  }
  await flush();
  return { documents, vectors };
}

export async function importJsonlFile(app: ImportApp, file: string): Promise<ImportResult> {
  const input = createReadStream(file);
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    return await importJsonl(app, rl);
  } finally {
    rl.close();
    input.destroy();
  }
}
