/**
 * The same job done the LangChain.js way: PDFLoader (pdf-parse) / plain text loading,
 * RecursiveCharacterTextSplitter (1000/200), the same offline embedder, MemoryVectorStore.
 */
import { readFileSync } from 'node:fs';
import { PDFLoader } from '@langchain/community/document_loaders/fs/pdf';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import { createHashEmbedder } from '../../src/providers/embedders/hash/index.ts';
import { corpusFiles, type IngestBenchReport } from './corpus.ts';

class SameEmbedder extends Embeddings {
  private readonly inner = createHashEmbedder({ dimensions: 1024 });
  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.inner.maxInputsPerCall) {
      for (const v of await this.inner.embed(texts.slice(i, i + this.inner.maxInputsPerCall))) out.push(Array.from(v));
    }
    return out;
  }
  async embedQuery(text: string): Promise<number[]> {
    return Array.from(await this.inner.embedQuery(text));
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); })]).finally(() => clearTimeout(timer));
}

const files = corpusFiles(Number(process.env.BENCH_FILES ?? Infinity));
const embeddings = new SameEmbedder({});
const store = new MemoryVectorStore(embeddings);
const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
const report: IngestBenchReport = { system: 'langchain.js', files: files.length, failed: 0, pages: 0, units: 0, unitName: 'chunks', stages: { parse: { seconds: 0, units: 0 }, split: { seconds: 0, units: 0 }, embed: { seconds: 0, units: 0 }, index: { seconds: 0, units: 0 } }, totalSeconds: 0, peakRssMb: 0 };
const started = performance.now();
const cpuStarted = process.cpuUsage();
for (const file of files) {
  let t = performance.now();
  let docs: Document[];
  try {
    // pdf-parse has no time bound of its own (it spun for minutes on a fuzzed file); give it Propo's default.
    if (file.endsWith('.pdf')) docs = await withTimeout(new PDFLoader(file, { splitPages: true }).load(), 120_000);
    else docs = [new Document({ pageContent: readFileSync(file, 'utf8'), metadata: { source: file } })];
    if (docs.every((d) => !d.pageContent.trim())) throw new Error('no text');
  } catch (error) {
    if ((error as Error).message === 'timeout') report.timedOut = (report.timedOut ?? 0) + 1;
    report.failed++;
    report.stages.parse.seconds += (performance.now() - t) / 1000;
    continue;
  }
  report.stages.parse.seconds += (performance.now() - t) / 1000;
  report.pages += docs.length;
  t = performance.now();
  const chunks = await splitter.splitDocuments(docs);
  report.stages.split.seconds += (performance.now() - t) / 1000;
  t = performance.now();
  const vectors = await embeddings.embedDocuments(chunks.map((c) => c.pageContent));
  report.stages.embed.seconds += (performance.now() - t) / 1000;
  t = performance.now();
  await store.addVectors(vectors, chunks);
  report.stages.index.seconds += (performance.now() - t) / 1000;
  report.units += chunks.length;
}
report.totalSeconds = (performance.now() - started) / 1000;
for (const stage of Object.values(report.stages)) stage.units = report.units;
report.peakRssMb = process.resourceUsage().maxRSS / 1024;
const cpu = process.cpuUsage(cpuStarted);
report.cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(`${JSON.stringify(report)}\n`);
