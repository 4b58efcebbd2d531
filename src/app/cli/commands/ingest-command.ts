import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { OcrMode } from '../../../core/domain/types.ts';
import { ACCEPTED_EXTENSIONS } from '../../../core/ingest/detect-type.ts';
import { PropoError, toPropoError } from '../../../core/errors/index.ts';
import type { IngestInput, IngestResult } from '../../../core/ingest/ingest-file.ts';
import { action, printJson, type CliContext } from '../cli-context.ts';
import { ProgressBar } from '../progress-bar.ts';

const ACCEPTED = new Set(ACCEPTED_EXTENSIONS);

/** `http://` and `https://` arguments are web pages, fetched (within web.*) instead of read from disk. */
export function isUrl(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

/** Expands folders (recursively) into the accepted files inside them; explicit files are kept as given. */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    if (isUrl(path)) { out.push(path); continue; }
    const full = resolve(path);
    const info = await stat(full).catch(() => null);
    if (!info) { out.push(full); continue; }
    if (info.isDirectory()) {
      const entries = (await readdir(full, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile() && ACCEPTED.has(extname(e.name).toLowerCase()))
        .map((e) => join(e.parentPath, e.name)).sort();
      out.push(...entries);
    } else out.push(full);
  }
  return out;
}

export function registerIngest(program: Command, ctx: CliContext): void {
  program.command('ingest')
    .description('Ingest PDF, TXT, Markdown, DOCX, HTML, EPUB, PNG and JPEG files or folders. Exit 0: all succeeded; 2: some failed (the good ones are kept); 1: usage error.')
    .argument('<paths...>', 'files, folders or web pages (http:// or https:// URLs, fetched within the web.* limits)')
    .option('--json', 'print one JSON object with a result per document')
    .option('--password <password>', 'password for encrypted PDFs')
    .option('--force', 're-ingest even if the same bytes are already stored')
    .option('--collection <name>', 'add the ingested (and unchanged) documents to this collection, creating it if needed')
    .addOption(new Option('--ocr <mode>', 'OCR for scanned PDF pages and images: off, auto (pages without a text layer) or force (every page); default ingest.ocr').choices(['off', 'auto', 'force']))
    .action(action(ctx, async (paths: string[], options: { json?: boolean; password?: string; force?: boolean; collection?: string; ocr?: OcrMode }) => {
      const files = await expandPaths(paths);
      const app = await ctx.open();
      const bar = new ProgressBar(files.length, Boolean(process.stderr.isTTY) && !options.json);
      let pages = 0;
      let propositions = 0;
      let done = 0;
      const inputs = files.map((file) => async (): Promise<IngestInput | IngestResult> => {
        let name = file.split('/').pop() ?? file;
        let bytes: Uint8Array | Error;
        let sourcePath = file;
        if (isUrl(file)) {
          const page = await app.fetchWebPage(file).catch((error: unknown) => toPropoError(error));
          if (page instanceof PropoError) return { id: '', file, status: 'failed', pages: 0, propositions: 0, error: { code: page.code, message: page.message } };
          ({ fileName: name, bytes, url: sourcePath } = page);
        } else {
          bytes = await readFile(file).then((b) => new Uint8Array(b)).catch((error: NodeJS.ErrnoException) => error);
        }
        if (bytes instanceof Error) {
          const error = bytes as NodeJS.ErrnoException;
          return { id: '', file: name, status: 'failed', pages: 0, propositions: 0, error: { code: 'PROPO_ERR_NOT_FOUND', message: `Cannot read ${file}: ${error.code ?? error.message}. Check the path and permissions.` } };
        }
        return {
          fileName: name, bytes, sourcePath, ...(options.password ? { password: options.password } : {}), ...(options.force ? { force: true } : {}),
          ...(options.ocr ? { ocr: options.ocr } : {}),
          onProgress: (p) => {
            const ocr = p.stage === 'ocr' && p.ocrPages !== undefined ? `ocr page ${p.ocrDone ?? 0}/${p.ocrPages}` : null;
            bar.update({ filesDone: done, pages, propositions, current: name, stage: ocr ?? p.stage });
            // OCR takes seconds per page: without a terminal, each page is one line.
            if (ocr !== null && !options.json && !process.stderr.isTTY) process.stderr.write(`${'ocr'.padEnd(9)} ${name} page ${p.ocrDone ?? 0}/${p.ocrPages ?? 0}\n`);
          },
        };
      });
      // Files are prepared concurrently and committed in batches; each line is printed once its file is final.
      const results = await app.ingestMany(inputs, {
        onResult: (result) => {
          done += 1;
          pages += result.pages;
          propositions += result.propositions;
          bar.update({ filesDone: done, pages, propositions, current: result.file, stage: result.status });
          if (!options.json && !process.stderr.isTTY) {
            process.stderr.write(`${result.status.padEnd(9)} ${result.file}${result.error ? ` — ${result.error.code}: ${result.error.message}` : ` (${result.pages} pages, ${result.propositions} propositions)`}\n`);
          }
        },
      });
      bar.done();
      // Leave the BM25 index saved and current, so the next `ask` or `serve` loads it instead of building it
      // (≈ 11 s CPU at 135k propositions). It is derived data: a failure only means the next search builds it.
      if (results.some((r) => r.status === 'ingested')) {
        await app.vectors.prepareText?.().catch((error: unknown) => {
          app.logger.warn({ event: 'bm25-index-prepare', error: error instanceof Error ? error.message : String(error) }, 'the BM25 index was not saved; the next search builds it');
        });
      }
      const kept = results.filter((r) => r.status !== 'failed' && r.id).map((r) => r.id);
      if (options.collection) {
        const name = options.collection;
        const collection = app.collections.find(name) ?? app.collections.create({ name });
        app.collections.addDocuments(collection.id, kept);
        if (!options.json) process.stdout.write(`collection "${collection.name}": ${kept.length} document(s) added\n`);
      }
      const documents = results.map((r) => ({ id: r.id, file: r.file, status: r.status, pages: r.pages, propositions: r.propositions, ...(r.error ? { error: r.error } : {}) }));
      if (options.json) printJson({ documents });
      else {
        for (const r of results.filter((x) => x.error)) process.stdout.write(`failed  ${r.file}: ${r.error?.code} ${r.error?.message}\n`);
        const count = (s: string) => results.filter((r) => r.status === s).length;
        process.stdout.write(`${count('ingested')} ingested, ${count('unchanged')} unchanged, ${count('failed')} failed; ${pages} pages, ${propositions} propositions\n`);
      }
      return results.some((r) => r.status === 'failed') ? 2 : 0;
    }));
}
