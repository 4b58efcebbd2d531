/**
 * Backups of the vectors held in Pinecone (which a data-dir archive cannot contain): JSONL with a
 * header line, one `vector` line per record (values and metadata, the `propo-export/1` vector shape)
 * and an `end` line with the count, so a truncated file is detected on restore.
 * Works on any `VectorStore`; `bin/propo backup` calls it when the active store is Pinecone.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { PropoError } from '../../../core/errors/index.ts';
import type { VectorStore } from '../../../core/ports/index.ts';
import type { RetrievalUnit, VectorRecord } from '../../../core/domain/index.ts';

export const VECTOR_BACKUP_FORMAT = 'propo-vectors/1';
const BATCH = 100;

export interface VectorBackupReport { vectors: number }

interface VectorLine {
  type: 'vector'; id: string; documentId: string; namespace: string; text: string; unit: RetrievalUnit; page: number;
  start: number; end: number; paragraphId: string; file: string; expert: string | null; vector: number[];
}

async function writeLine(writer: Writable, value: unknown): Promise<void> {
  if (!writer.write(`${JSON.stringify(value)}\n`)) await once(writer, 'drain');
}

/** Streams every record of `store` (read with listIds + fetch in batches) to `writer` as JSONL. Does not end the writer. */
export async function exportPineconeVectors(store: VectorStore, writer: Writable): Promise<VectorBackupReport> {
  const ids = await store.listIds();
  await writeLine(writer, { type: 'header', format: VECTOR_BACKUP_FORMAT, store: store.name, createdAt: new Date().toISOString() });
  let vectors = 0;
  for (let offset = 0; offset < ids.length; offset += BATCH) {
    for (const record of await store.fetch(ids.slice(offset, offset + BATCH))) {
      const line: VectorLine = { type: 'vector', ...record, expert: record.expert ?? null, vector: Array.from(record.vector) };
      await writeLine(writer, line);
      vectors += 1;
    }
  }
  await writeLine(writer, { type: 'end', vectors });
  return { vectors };
}

/** Upserts the records of a backup made by `exportPineconeVectors` into `store` (open), in batches. */
export async function restorePineconeVectors(store: VectorStore, reader: Readable): Promise<VectorBackupReport> {
  let header = false;
  let expected: number | null = null;
  let batch: VectorRecord[] = [];
  let vectors = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await store.upsert(batch);
    vectors += batch.length;
    batch = [];
  };
  for await (const text of createInterface({ input: reader, crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    const line = JSON.parse(text) as { type?: string; format?: string; vectors?: number };
    if (!header) {
      if (line.type !== 'header' || line.format !== VECTOR_BACKUP_FORMAT) {
        throw new PropoError('PROPO_ERR_BACKUP', `This is not a ${VECTOR_BACKUP_FORMAT} vector backup. Use a file written by bin/propo backup.`);
      }
      header = true;
    } else if (line.type === 'vector') {
      const { type: _type, ...record } = line as unknown as VectorLine;
      batch.push(record);
      if (batch.length >= BATCH) await flush();
    } else if (line.type === 'end') {
      expected = line.vectors ?? null;
    }
  }
  await flush();
  if (expected === null || expected !== vectors) {
    throw new PropoError('PROPO_ERR_BACKUP', `The vector backup is incomplete: ${vectors} vectors read, ${expected === null ? 'no end line' : `${expected} expected`}. Use another backup.`);
  }
  return { vectors };
}
