/**
 * Ingests one file: detect → parse → paragraphs → propositions → embed → store.
 * Visibility is all-or-nothing: rows are written 'pending', vectors are upserted, then one
 * SQLite transaction flips the document to 'ingested' (and drops the version it replaces).
 * A crash at any point leaves either the old state or the new one; `recoverIngestion`
 * cleans up or resumes what a crash left pending.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { documentIdFor, sha256Hex, type DocumentKind, type OcrMode, type ParsedDocument, type VectorRecord, type RetrievalUnit, type ParagraphRecord, type PropositionRecord } from '../domain/index.ts';
import { isPropoError, PropoError, toPropoError } from '../errors/index.ts';
import type { DocumentStore, Embedder, VectorStore } from '../ports/index.ts';
import type { ParseProgress } from '../ports/parser.ts';
import type { SplitRequest, SplitResult } from './parse-worker.ts';
import type { Propositionizer } from './propositionizer.ts';
import { safeFileName } from './safe-file-name.ts';
import { splitParagraphs } from './split-paragraphs.ts';

export type IngestStage = 'read' | 'ocr' | 'parse' | 'propositionize' | 'embed' | 'index' | 'done';

export interface IngestProgress { file: string; stage: IngestStage; pages?: number; propositions?: number; embedded?: number; ocrDone?: number; ocrPages?: number }

export interface IngestDeps {
  repository: DocumentStore;
  vectors: VectorStore;
  embedder: Embedder;
  propositionizer: Propositionizer;
  detect: (fileName: string, bytes: Uint8Array) => DocumentKind;
  /**
   * A parser that honours `split` (the parse pool) also returns the paragraphs and, for the rule propositionizer,
   * the propositions it computed from the pages in the worker (decision 0139); others ignore it.
   */
  parse: (bytes: Uint8Array, options: { fileName: string; kind: DocumentKind; password?: string; signal?: AbortSignal; ocr?: OcrMode; onProgress?: (progress: ParseProgress) => void; split?: SplitRequest }) => Promise<ParsedDocument & { split?: SplitResult }>;
  /** Where original files are kept (for re-ingest and crash resume). */
  filesDir: string;
  namespace: string;
  units?: RetrievalUnit[];
  embed?: (texts: string[], options: { signal?: AbortSignal; onProgress?: (done: number) => void }) => Promise<Float32Array[]>;
  /** Called at named points; the crash test uses it to die at precise moments. */
  checkpoint?: (name: string) => void;
  /** Serialises the write section across concurrent ingests and processes (single writer). */
  withWriteLock?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface IngestInput {
  fileName: string;
  bytes: Uint8Array;
  sourcePath?: string | null;
  password?: string;
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
  /** Re-ingest even when the same bytes are already stored. */
  force?: boolean;
  /** OCR for this ingest (default: the parser's, i.e. ingest.ocr). */
  ocr?: OcrMode;
}

export interface IngestResult {
  id: string;
  file: string;
  status: 'ingested' | 'unchanged' | 'failed';
  pages: number;
  propositions: number;
  replaced?: string;
  warnings?: string[];
  error?: { code: string; message: string };
  /** The name as given, when it differs from the stored `file` (shown to users). */
  originalName?: string;
}

/** A parsed, propositionized and embedded document, ready to be written (with others) by `writeDocuments`. */
export interface PreparedDocument {
  id: string; file: string; sha: string; input: IngestInput; parsed: ParsedDocument; existing: boolean;
  /** `{ originalName }` when the stored name differs from the given one. */
  renamed: { originalName?: string };
  paragraphs: ParagraphRecord[]; propositions: PropositionRecord[]; records: VectorRecord[];
  report: (stage: IngestStage, extra?: Partial<IngestProgress>) => void;
}

export async function ingestFile(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const prepared = await prepareDocument(deps, input);
  return 'status' in prepared ? prepared : (await writeDocuments(deps, [prepared]))[0] as IngestResult;
}

/** Everything before the write: detect, parse, paragraphs, propositions, embeddings, original kept. */
export async function prepareDocument(deps: IngestDeps, input: IngestInput): Promise<PreparedDocument | IngestResult> {
  const file = safeFileName(input.fileName);
  const originalName = (input.fileName.split(/[\\/]/).pop() ?? '').normalize('NFC');
  const renamed = originalName !== file ? { originalName } : {};
  const sha = sha256Hex(input.bytes);
  const id = documentIdFor(deps.namespace, sha);
  const report = (stage: IngestStage, extra: Partial<IngestProgress> = {}) => input.onProgress?.({ file, stage, ...extra });
  try {
    const existing = deps.repository.findById(id);
    if (existing?.status === 'ingested' && !input.force) {
      return { id, file: existing.file, status: 'unchanged', pages: existing.pages, propositions: existing.propositions };
    }
    report('read');
    const kind = deps.detect(file, input.bytes);
    const rule = deps.propositionizer.ruleOptions;
    const { split, ...parsed } = await deps.parse(input.bytes, {
      fileName: file, kind, ...(input.password ? { password: input.password } : {}), ...(input.signal ? { signal: input.signal } : {}), ...(input.ocr ? { ocr: input.ocr } : {}),
      onProgress: (progress) => report('ocr', { ocrDone: progress.ocrDone, ocrPages: progress.ocrPages }),
      split: { documentId: id, file, propositions: rule === undefined ? null : { ...rule } },
    });
    report('parse', { pages: parsed.pages.length });
    throwIfAborted(input.signal);

    const paragraphs: ParagraphRecord[] = split?.paragraphs ?? parsed.pages.flatMap((page) => splitParagraphs(id, page));
    const pageTexts = new Map(parsed.pages.map((p) => [p.number, p.text]));
    const propositions = split?.propositions ?? await deps.propositionizer.propositionize(paragraphs, (n) => pageTexts.get(n) ?? '', { file, ...(input.signal ? { signal: input.signal } : {}) });
    if (propositions.length === 0) {
      throw new PropoError('PROPO_ERR_EMPTY_FILE', `${file} has no text that can be searched. Check that it is not empty or image-only.`);
    }
    report('propositionize', { pages: parsed.pages.length, propositions: propositions.length });

    const units = deps.units ?? ['proposition'];
    const records: Array<Omit<VectorRecord, 'vector'>> = [];
    if (units.includes('proposition')) {
      for (const p of propositions) records.push({ id: p.id, documentId: id, namespace: deps.namespace, text: p.text, unit: 'proposition', page: p.page, start: p.start, end: p.end, paragraphId: p.paragraphId, file, expert: p.expert ?? null });
    }
    if (units.includes('paragraph')) {
      for (const p of paragraphs) records.push({ id: p.id, documentId: id, namespace: deps.namespace, text: p.text, unit: 'paragraph', page: p.page, start: p.start, end: p.end, paragraphId: p.id, file, expert: null });
    }
    const embed = deps.embed ?? ((texts: string[], options: { signal?: AbortSignal }) => embedInBatches(deps.embedder, texts, options));
    const vectors = await embed(records.map((r) => r.text), { ...(input.signal ? { signal: input.signal } : {}), onProgress: (done) => report('embed', { embedded: done }) });
    throwIfAborted(input.signal);
    await keepOriginal(deps.filesDir, sha, input.bytes);
    return { id, file, sha, input, parsed, existing: existing !== null, renamed, paragraphs, propositions, records: records.map((r, i) => ({ ...r, vector: vectors[i] as Float32Array })), report };
  } catch (error) {
    return { ...failed(id, file, error), ...renamed };
  }
}

/**
 * Writes prepared documents as one batch under the writer lock: one transaction writes them all
 * 'pending', one upsert stores all their vectors, one transaction makes them all visible. A crash
 * at any point leaves each document either absent or complete (`recoverIngestion` cleans up).
 * A document that fails its own checks (span invariant) fails alone; a store failure fails the batch.
 */
export async function writeDocuments(deps: IngestDeps, docs: PreparedDocument[]): Promise<IngestResult[]> {
  const results = new Map<string, IngestResult>();
  const lock = deps.withWriteLock ?? (<T>(work: () => Promise<T>) => work());
  try {
    await lock(async () => {
      const written: Array<{ doc: PreparedDocument; jobId: string; replaces: string | null }> = [];
      deps.repository.transaction(() => {
        for (const doc of docs) {
          const previous = deps.repository.findVisibleByFile(deps.namespace, doc.file);
          const replaces = previous && previous.id !== doc.id ? previous.id : null;
          const jobId = `job_${randomUUID()}`;
          try {
            deps.repository.transaction(() => deps.repository.insertPending({
              record: { id: doc.id, file: doc.file, kind: doc.parsed.kind, sha256: doc.sha, bytes: doc.input.bytes.length, namespace: deps.namespace, pages: doc.parsed.pages.length, propositions: doc.propositions.length },
              sourcePath: doc.input.sourcePath ?? null, warnings: doc.parsed.warnings, pages: doc.parsed.pages, sourceOffsets: doc.parsed.sourceOffsets,
              paragraphs: doc.paragraphs, propositions: doc.propositions, jobId, replaces,
            }));
            written.push({ doc, jobId, replaces });
          } catch (error) {
            results.set(doc.id, { ...failed(doc.id, doc.file, error), ...doc.renamed });
          }
        }
      });
      deps.checkpoint?.('pending-written');
      // A forced re-ingest of the same bytes may produce a different unit set: the document is
      // pending (invisible) now, so its old vectors can go before the new ones are written.
      for (const { doc } of written) if (doc.existing) await deps.vectors.deleteByDocument(doc.id);
      await deps.vectors.upsert(written.flatMap(({ doc }) => doc.records));
      deps.checkpoint?.('vectors-written');
      deps.repository.transaction(() => { for (const { doc, jobId, replaces } of written) deps.repository.commit(doc.id, jobId, replaces); });
      deps.checkpoint?.('committed');
      for (const { doc, replaces } of written) {
        if (replaces) await deps.vectors.deleteByDocument(replaces);
        doc.report('done', { pages: doc.parsed.pages.length, propositions: doc.propositions.length });
        results.set(doc.id, { id: doc.id, file: doc.file, status: 'ingested', pages: doc.parsed.pages.length, propositions: doc.propositions.length, warnings: doc.parsed.warnings, ...(replaces ? { replaced: replaces } : {}), ...doc.renamed });
      }
    });
  } catch (error) {
    for (const doc of docs) {
      if (results.has(doc.id)) continue;
      // Leave nothing half-written behind for these documents.
      await discardPending(deps, doc.id).catch(() => undefined);
      results.set(doc.id, { ...failed(doc.id, doc.file, error), ...doc.renamed });
    }
  }
  return docs.map((doc) => results.get(doc.id) as IngestResult);
}

function failed(id: string, file: string, error: unknown): IngestResult {
  const typed = isPropoError(error) ? error : toPropoError(error);
  return { id, file, status: 'failed', pages: 0, propositions: 0, error: { code: typed.code, message: typed.message } };
}

async function discardPending(deps: IngestDeps, id: string): Promise<void> {
  const doc = deps.repository.findById(id);
  if (doc && doc.status !== 'ingested') {
    await deps.vectors.deleteByDocument(id);
    deps.repository.delete(id);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PropoError('PROPO_ERR_ABORTED', 'Ingestion was cancelled.');
}

async function keepOriginal(dir: string, sha: string, bytes: Uint8Array): Promise<void> {
  const target = join(dir, sha);
  const temp = `${target}.${process.pid}.tmp`;
  // mkdir only when the folder is missing (one syscall less per file in a large batch).
  await writeFile(temp, bytes).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await mkdir(dir, { recursive: true });
    await writeFile(temp, bytes);
  });
  await rename(temp, target);
}

/** Simple batching used when no shared `embed` (with retries and cache) is injected. */
export async function embedInBatches(embedder: Embedder, texts: string[], options: { signal?: AbortSignal; onProgress?: (done: number) => void } = {}): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += embedder.maxInputsPerCall) {
    throwIfAborted(options.signal);
    out.push(...await embedder.embed(texts.slice(i, i + embedder.maxInputsPerCall), options.signal ? { signal: options.signal } : {}));
    options.onProgress?.(out.length);
  }
  return out;
}
