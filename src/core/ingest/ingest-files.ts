/**
 * Ingests many files: up to `concurrency` files are prepared at once (parse workers, propositions,
 * embeddings) while prepared documents are written in batches (`writeDocuments`: one writer-lock
 * hold, one pending transaction, one vector upsert, one commit transaction per batch), so the cost
 * per file stays flat. A batch is written when it holds `batchFiles` documents or `batchRecords`
 * vectors, or when nothing else is being prepared; a file name or content seen twice in one batch
 * starts a new batch (each file's replacement stays ordered). Results come back in input order.
 */
import { prepareDocument, writeDocuments, type IngestDeps, type IngestInput, type IngestResult, type PreparedDocument } from './ingest-file.ts';

export interface IngestFilesOptions {
  /** Files prepared at the same time; default 3 (two parse workers busy, one being embedded). */
  concurrency?: number;
  /** Documents per write batch; default 64. */
  batchFiles?: number;
  /** Vectors per write batch; default 20000. */
  batchRecords?: number;
  /** Called with each result as soon as it is final (committed, unchanged or failed). */
  onResult?: (result: IngestResult, index: number) => void;
}

/** `inputs` may be lazy (each is read only when a preparation slot frees up). */
export async function ingestFiles(deps: IngestDeps, inputs: Iterable<() => Promise<IngestInput | IngestResult>>, options: IngestFilesOptions = {}): Promise<IngestResult[]> {
  const concurrency = options.concurrency ?? 3;
  const batchFiles = options.batchFiles ?? 64;
  const batchRecords = options.batchRecords ?? 20_000;
  const results: IngestResult[] = [];
  const finish = (index: number, result: IngestResult) => { results[index] = result; options.onResult?.(result, index); };
  let batch: Array<{ index: number; doc: PreparedDocument }> = [];
  let writing: Promise<void> = Promise.resolve();
  let inFlight = 0;

  const flush = (): Promise<void> => {
    const taken = batch;
    batch = [];
    if (taken.length === 0) return writing;
    writing = writing.then(async () => {
      const written = await writeDocuments(deps, taken.map((entry) => entry.doc));
      taken.forEach((entry, i) => finish(entry.index, written[i] as IngestResult));
    });
    return writing;
  };
  const add = async (index: number, doc: PreparedDocument): Promise<void> => {
    if (batch.some((entry) => entry.doc.file === doc.file || entry.doc.id === doc.id)) await flush();
    batch.push({ index, doc });
    const records = batch.reduce((sum, entry) => sum + entry.doc.records.length, 0);
    if (batch.length >= batchFiles || records >= batchRecords || inFlight === 0) await flush();
  };

  const iterator = inputs[Symbol.iterator]();
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let step = iterator.next(); !step.done; step = iterator.next()) {
      const index = next++;
      inFlight += 1;
      let prepared: PreparedDocument | IngestResult;
      try {
        const input = await step.value();
        prepared = 'bytes' in input ? await prepareDocument(deps, input) : input;
      } finally {
        inFlight -= 1;
      }
      if ('status' in prepared) finish(index, prepared);
      else await add(index, prepared);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await flush();
  return results;
}
