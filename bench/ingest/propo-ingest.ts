/**
 * Propo's ingestion stages, timed separately, on the benchmark corpus (run by bench/ingest/run.ts).
 * BENCH_STORE=sqlite (default, the app's default store) or lancedb. PDF_ENGINE=pdfjs | pdfium (ingest.pdfEngine, decision 0136;
 * default pdfium like the app's).
 */
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectType } from '../../src/core/ingest/detect-type.ts';
import { createParsePool } from '../../src/core/ingest/parse-pool.ts';
import { splitParagraphs } from '../../src/core/ingest/split-paragraphs.ts';
import { createRulePropositionizer } from '../../src/core/ingest/rule-propositionizer.ts';
import { embedMany } from '../../src/core/embed/index.ts';
import { createHashEmbedder } from '../../src/providers/embedders/hash/index.ts';
import { createLanceDbStore } from '../../src/providers/stores/lancedb/index.ts';
import { createSqliteVectorStore } from '../../src/providers/stores/sqlite-index/index.ts';
import { documentIdFor, sha256Hex } from '../../src/core/domain/index.ts';
import { corpusFiles, type IngestBenchReport } from './corpus.ts';

const files = corpusFiles(Number(process.env.BENCH_FILES ?? Infinity));
const embedder = createHashEmbedder({ dimensions: 1024 });
const scratch = mkdtempSync(join(tmpdir(), 'bench-propo-'));
const store = process.env.BENCH_STORE === 'lancedb' ? createLanceDbStore({ dir: join(scratch, 'lancedb') }) : createSqliteVectorStore({ file: join(scratch, 'propo.sqlite') });
await store.open({ embedder: embedder.name, dimensions: embedder.dimensions });
const propositionizer = createRulePropositionizer();
const pdfEngine = process.env.PDF_ENGINE === 'pdfjs' ? 'pdfjs' : 'pdfium';
const pool = createParsePool({ size: 2, timeoutMs: 120_000, memoryMb: 1024, maxPages: 5000, pdfEngine });
const report: IngestBenchReport = { system: `propo (${process.env.BENCH_STORE ?? 'sqlite'}${pdfEngine === 'pdfium' ? ', pdfium' : ''})`, files: files.length, failed: 0, pages: 0, units: 0, unitName: 'propositions', stages: { parse: { seconds: 0, units: 0 }, split: { seconds: 0, units: 0 }, embed: { seconds: 0, units: 0 }, index: { seconds: 0, units: 0 } }, totalSeconds: 0, peakRssMb: 0 };
const started = performance.now();
const cpuStarted = process.cpuUsage();
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  const name = file.split('/').pop() as string;
  let t = performance.now();
  let parsed;
  try {
    const kind = detectType(name, bytes, { maxBytes: 10 * 1024 * 1024 });
    parsed = await pool.parse(bytes, { fileName: name, kind });
  } catch {
    report.failed++;
    report.stages.parse.seconds += (performance.now() - t) / 1000;
    continue;
  }
  report.stages.parse.seconds += (performance.now() - t) / 1000;
  report.pages += parsed.pages.length;
  const id = documentIdFor('bench', sha256Hex(bytes));
  t = performance.now();
  const paragraphs = parsed.pages.flatMap((p) => splitParagraphs(id, p));
  const texts = new Map(parsed.pages.map((p) => [p.number, p.text]));
  const propositions = await propositionizer.propositionize(paragraphs, (n) => texts.get(n) ?? '', { file: name });
  report.stages.split.seconds += (performance.now() - t) / 1000;
  t = performance.now();
  const vectors = await embedMany(embedder, propositions.map((p) => p.text));
  report.stages.embed.seconds += (performance.now() - t) / 1000;
  t = performance.now();
  await store.upsert(propositions.map((p, i) => ({ id: p.id, documentId: id, namespace: 'bench', text: p.text, vector: vectors[i] as Float32Array, unit: 'proposition', page: p.page, start: p.start, end: p.end, paragraphId: p.paragraphId, file: name, expert: null })));
  report.stages.index.seconds += (performance.now() - t) / 1000;
  report.units += propositions.length;
}
report.totalSeconds = (performance.now() - started) / 1000;
for (const stage of Object.values(report.stages)) stage.units = report.units;
report.peakRssMb = process.resourceUsage().maxRSS / 1024;
const cpu = process.cpuUsage(cpuStarted);
report.cpuSeconds = (cpu.user + cpu.system) / 1e6;
await store.close();
await pool.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
