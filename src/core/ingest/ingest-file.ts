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
import { documentIdFor, sha256Hex, type DocumentKind, type ParsedDocument, type VectorRecord, type RetrievalUnit, type ParagraphRecord } from '../domain/index.ts';
import { isPropoError, PropoError, toPropoError } from '../errors/index.ts';
import type { Embedder, VectorStore } from '../ports/index.ts';
import type { DocumentRepository } from '../../providers/stores/sqlite/index.ts';
import type { Propositionizer } from './propositionizer.ts';
import { safeFileName } from './safe-file-name.ts';
import { splitParagraphs } from './split-paragraphs.ts';

export type IngestStage = 'read' | 'parse' | 'propositionize' | 'embed' | 'index' | 'done';

export interface IngestProgress { file: string; stage: IngestStage; pages?: number; propositions?: number; embedded?: number }

export interface IngestDeps {
  repository: DocumentRepository;
  vectors: VectorStore;
  embedder: Embedder;
  propositionizer: Propositionizer;
  detect: (fileName: string, bytes: Uint8Array) => DocumentKind;
  parse: (bytes: Uint8Array, options: { fileName: string; kind: DocumentKind; password?: string; signal?: AbortSignal }) => Promise<ParsedDocument>;
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

export async function ingestFile(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
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
    const parsed = await deps.parse(input.bytes, { fileName: file, kind, ...(input.password ? { password: input.password } : {}), ...(input.signal ? { signal: input.signal } : {}) });
    report('parse', { pages: parsed.pages.length });
    throwIfAborted(input.signal);

    const paragraphs: ParagraphRecord[] = parsed.pages.flatMap((page) => splitParagraphs(id, page));
    const pageTexts = new Map(parsed.pages.map((p) => [p.number, p.text]));
    const propositions = await deps.propositionizer.propositionize(paragraphs, (n) => pageTexts.get(n) ?? '', { file, ...(input.signal ? { signal: input.signal } : {}) });
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
    const lock = deps.withWriteLock ?? (<T>(work: () => Promise<T>) => work());
    const replaced = await lock(async () => {
      const previous = deps.repository.findVisibleByFile(deps.namespace, file);
      const replaces = previous && previous.id !== id ? previous.id : null;
      const jobId = `job_${randomUUID()}`;
      deps.repository.insertPending({
        record: { id, file, kind: parsed.kind, sha256: sha, bytes: input.bytes.length, namespace: deps.namespace, pages: parsed.pages.length, propositions: propositions.length },
        sourcePath: input.sourcePath ?? null, warnings: parsed.warnings, pages: parsed.pages, sourceOffsets: parsed.sourceOffsets,
        paragraphs, propositions, jobId, replaces,
      });
      deps.checkpoint?.('pending-written');
      // A forced re-ingest of the same bytes may produce a different unit set: the document is
      // pending (invisible) now, so its old vectors can go before the new ones are written.
      if (existing) await deps.vectors.deleteByDocument(id);
      await deps.vectors.upsert(records.map((r, i) => ({ ...r, vector: vectors[i] as Float32Array })));
      deps.checkpoint?.('vectors-written');
      deps.repository.commit(id, jobId, replaces);
      deps.checkpoint?.('committed');
      if (replaces) await deps.vectors.deleteByDocument(replaces);
      return replaces;
    });
    report('done', { pages: parsed.pages.length, propositions: propositions.length });
    return { id, file, status: 'ingested', pages: parsed.pages.length, propositions: propositions.length, warnings: parsed.warnings, ...(replaced ? { replaced } : {}), ...renamed };
  } catch (error) {
    const typed = isPropoError(error) ? error : toPropoError(error);
    if (typed.code === 'PROPO_ERR_ABORTED' || typed.code === 'PROPO_ERR_INTERNAL' || typed.code === 'PROPO_ERR_STORE_UNAVAILABLE' || typed.code === 'PROPO_ERR_SPAN_INVARIANT' || typed.code === 'PROPO_ERR_DISK_FULL') {
      // Leave nothing half-written behind for this document.
      await discardPending(deps, id).catch(() => undefined);
    }
    return { id, file, status: 'failed', pages: 0, propositions: 0, error: { code: typed.code, message: typed.message }, ...renamed };
  }
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
  await mkdir(dir, { recursive: true });
  const target = join(dir, sha);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, bytes);
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
