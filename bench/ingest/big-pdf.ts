/**
 * Issue 13 target "a 100-page text PDF searchable ≤ 10 s after upload", measured through the production path:
 * a realistic 100-page text PDF (≈ 450 words a page of SciFact abstracts, a heading per abstract, page numbers),
 * the real server (`bin/propo serve` on free ports, a fresh temp --data-dir, the default configuration), the web
 * UI's upload API (`POST /api/documents`, multipart, `Accept: application/x-ndjson` so each stage is timestamped as
 * it streams) and the web UI's ask API (`POST /api/chat`, SSE), polled until an answer cites the distinctive
 * sentence of the LAST page.
 *
 *   node --import ./bin/register.mjs bench/ingest/big-pdf.ts                    # BENCH_RUNS=5 BENCH_PAGES=100
 *   BENCH_EMBEDDERS=auto,hash BENCH_PROPO_ROOT=/tmp/base node --import ./bin/register.mjs bench/ingest/big-pdf.ts
 *
 * BENCH_EMBEDDERS lists the EMBEDDER values (default `auto,hash`; offline `auto` = BM25-only at once, because
 * EMBED_HUB_URL points at a closed port); BENCH_PROPO_ROOT adds another checkout's bin/propo as system `base`
 * (before/after in one run, runs interleaved). BENCH_CPU_PROF=<dir> runs the server with --cpu-prof into <dir>.
 * BENCH_PDF=<file> writes the generated PDF there as well. Each run: a fresh data dir and a fresh server.
 * BENCH_STARTS (default `cold,warm`): `cold` times the fresh server's first request (the parse worker and the query
 * side load on first use, decision 0130); `warm` first uploads a 2-page PDF and asks one question, as a server in use.
 *
 * Reports per system and embedder, p50 (and min/max) of: upload start → searchable, upload start → upload
 * answered (ingest done), when the stream's `parse` event arrived (the parse worker's result; the main thread then
 * splits, propositionizes, embeds and writes synchronously, so the later stage events arrive together and are not
 * split further), done → the first answer that cites the last page, the server's CPU time from upload start to
 * searchable (all its threads, /proc; split into the main thread and the rest), and pages/s (pages over upload start → searchable).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildTestPdf, textAt } from '../../test/parsers/build-test-pdf.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCIFACT = resolve(ROOT, '../shared/datasets/scifact/corpus.jsonl');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PAGES = Number(process.env.BENCH_PAGES ?? 100);
const EMBEDDERS = (process.env.BENCH_EMBEDDERS ?? 'auto,hash').split(',').map((s) => s.trim()).filter(Boolean);
const BASE = process.env.BENCH_PROPO_ROOT ? resolve(process.env.BENCH_PROPO_ROOT) : null;
const PROFILE_DIR = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : null;
const systems: Record<string, string> = { current: ROOT, ...(BASE ? { base: BASE } : {}) };
/** cold: the upload is the fresh server's first request; warm: a 2-page PDF was uploaded and one question asked first. */
const STARTS = (process.env.BENCH_STARTS ?? 'cold,warm').split(',').map((s) => s.trim()).filter((s) => s === 'cold' || s === 'warm');

/** The sentence only the last page holds, and the question that finds it. */
const NEEDLE = 'The vermilion harbour lantern at Quillon Sound was recalibrated by Ottoline Fenwick in the spring of 1887.';
const QUESTION = 'Who recalibrated the vermilion harbour lantern at Quillon Sound?';
const NEEDLE_KEY = 'Ottoline Fenwick';

// ---------------------------------------------------------------------------------------------- the PDF

/** Words of wrapped text at `chars` a line. */
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** WinAnsi-safe text (the test PDF writer uses Helvetica with WinAnsiEncoding). */
const ascii = (text: string) => text.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/\s+/g, ' ').trim();

/**
 * `pages` US Letter pages: a title on page 1, then SciFact abstracts in order, each under its title set as a 13 pt
 * heading, body in 10 pt Helvetica at 92 characters a line (≈ 450 words a page), a centred page number; the needle
 * sentence is a paragraph of its own in the middle of the last page.
 */
export function buildBigPdf(pages: number): { bytes: Uint8Array; words: number } {
  const docs = readFileSync(SCIFACT, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { title: string; text: string });
  const contents: string[] = [];
  let next = 0;
  let words = 0;
  const lineHeight = 12.5;
  for (let p = 1; p <= pages; p++) {
    const ops: string[] = [];
    let y = 740;
    if (p === 1) { ops.push(textAt(72, y, 18, 'Collected Abstracts in Biomedical Research')); y -= 30; }
    let pageWords = 0;
    while (y > 110 && pageWords < 420) {
      const doc = docs[next++ % docs.length]!;
      const title = ascii(doc.title);
      const body = ascii(doc.text);
      if (!title || body.length < 200) continue;
      if (y < 160) break;
      for (const line of wrap(title, 70)) { ops.push(textAt(72, y, 13, line)); y -= 17; }
      y -= 3;
      const paragraphs = [body];
      if (p === pages && !ops.some((op) => op.includes('Fenwick'))) paragraphs.unshift(NEEDLE);
      for (const paragraph of paragraphs) {
        for (const line of wrap(paragraph, 92)) {
          if (y < 90) break;
          ops.push(textAt(72, y, 10, line));
          pageWords += line.split(' ').length;
          y -= lineHeight;
        }
        y -= 6;
      }
      y -= 8;
    }
    ops.push(textAt(300, 40, 9, String(p)));
    words += pageWords;
    contents.push(ops.join('\n'));
  }
  return { bytes: buildTestPdf(contents), words };
}

// ---------------------------------------------------------------------------------------------- the server

function freePort(): Promise<number> {
  return new Promise((ok) => { const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => ok(port)); }); });
}

/** CPU time (user + system, every thread) a process has used so far, from /proc (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time of the process's main thread (the HTTP server, propositions, writes, answers); the rest is the parse worker and helpers. */
function mainThreadCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startServer(root: string, embedder: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', EMBEDDER: embedder, EMBED_HUB_URL: 'http://127.0.0.1:9',
  };
  // --cpu-prof is not allowed in NODE_OPTIONS: with a profile, run the compiled CLI (what bin/propo execs) directly.
  const command = PROFILE_DIR ? process.execPath : join(root, 'bin/propo');
  const prefix = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, '--enable-source-maps', join(root, 'dist/current/src/app/cli/main.js')] : [];
  const child = spawn(command, [...prefix, '--data-dir', dataDir, '--log-dir', join(dataDir, 'logs'), 'serve', '--port', String(port), '--metrics-port', String(metricsPort), '--host', '127.0.0.1'], {
    cwd: dataDir, env, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${stderr}`);
    const r = await fetch(`${url}/api/config`).catch(() => null);
    if (r?.ok) break;
    if (performance.now() - started > 120_000) throw new Error(`server did not start: ${stderr}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return { child, url };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------- one run

interface RunSample { searchableMs: number; uploadMs: number; stages: Record<string, number>; cpuMs: number; mainCpuMs: number; polls: number; pages: number; propositions: number }

/** The upload the web UI sends, its NDJSON stream read line by line, each event stamped (ms after upload start). */
async function upload(url: string, bytes: Uint8Array, fileName: string, t0: number): Promise<{ stages: Record<string, number>; result: { status: string; pages: number; propositions: number; error?: unknown } }> {
  const form = new FormData();
  form.append('files', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), fileName);
  const response = await fetch(`${url}/api/documents`, { method: 'POST', body: form, headers: { accept: 'application/x-ndjson' } });
  if (!response.ok || !response.body) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  const stages: Record<string, number> = {};
  let buffer = '';
  let result: { status: string; pages: number; propositions: number } | null = null;
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const event = JSON.parse(buffer.slice(0, nl)) as { type: string; stage?: string; documents?: Array<{ status: string; pages: number; propositions: number }> };
      buffer = buffer.slice(nl + 1);
      const at = performance.now() - t0;
      if (event.type === 'file-progress' && event.stage && !(event.stage in stages)) stages[event.stage] = at;
      else if (event.type !== 'file-progress' && !(event.type in stages)) stages[event.type] = at;
      if (event.type === 'done') result = event.documents?.[0] ?? null;
    }
  }
  if (!result) throw new Error('the upload stream ended without a result');
  return { stages, result };
}

/** Asks the web UI's chat API; true when the answer cites the needle on the last page. */
async function findsNeedle(url: string, fileName: string): Promise<boolean> {
  const response = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ question: QUESTION }) });
  if (!response.ok) throw new Error(`chat answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  const end = /event: answer-end\ndata: (.*)\n/.exec(text);
  if (!end) return false;
  const payload = JSON.parse(end[1]!) as { citations: Array<{ file: string; page: number; text: string }> };
  return payload.citations.some((c) => c.file === fileName && c.page === PAGES && c.text.includes(NEEDLE_KEY));
}

async function runOnce(root: string, embedder: string, bytes: Uint8Array, start: string): Promise<RunSample> {
  const dataDir = mkdtempSync(join(tmpdir(), 'propo-bigpdf-'));
  const { child, url } = await startServer(root, embedder, dataDir).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    const fileName = 'collected-abstracts.pdf';
    if (start === 'warm') {
      // A server in use: its parse worker and query side are loaded (the warm-up text is not the needle's).
      const warm = buildTestPdf([textAt(72, 700, 11, 'Tide tables for the northern estuary were printed in 1902.'), textAt(72, 700, 11, 'The ferry timetable changed twice that winter.')]);
      const { result } = await upload(url, warm, 'warm-up.pdf', performance.now());
      if (result.status !== 'ingested') throw new Error(`warm-up upload did not ingest: ${JSON.stringify(result)}`);
      await findsNeedle(url, fileName);
    }
    const cpu0 = cpuMsOf(child.pid!);
    const main0 = mainThreadCpuMs(child.pid!);
    const t0 = performance.now();
    const { stages, result } = await upload(url, bytes, fileName, t0);
    if (result.status !== 'ingested') throw new Error(`upload did not ingest: ${JSON.stringify(result)}`);
    const uploadMs = performance.now() - t0;
    let polls = 0;
    for (;;) {
      polls++;
      if (await findsNeedle(url, fileName)) break;
      if (performance.now() - t0 > 300_000) throw new Error('the last page was not searchable within 300 s');
      await new Promise((ok) => setTimeout(ok, 100));
    }
    const searchableMs = performance.now() - t0;
    return { searchableMs, uploadMs, stages, cpuMs: cpuMsOf(child.pid!) - cpu0, mainCpuMs: mainThreadCpuMs(child.pid!) - main0, polls, pages: result.pages, propositions: result.propositions };
  } finally {
    await stopServer(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------- report

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

async function main(): Promise<void> {
  for (const root of Object.values(systems)) spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
  const { bytes, words } = buildBigPdf(PAGES);
  if (process.env.BENCH_PDF) writeFileSync(process.env.BENCH_PDF, bytes);
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').trim();
  process.stderr.write(`PDF: ${PAGES} pages, ${words} words (${Math.round(words / PAGES)}/page), ${(bytes.length / 1024).toFixed(0)} KB; load ${loadAtStart}\n`);
  const cells = STARTS.flatMap((start) => EMBEDDERS.flatMap((embedder) => Object.keys(systems).map((system) => ({ system, embedder, start }))));
  const key = (c: { system: string; embedder: string; start: string }) => `${c.system}/${c.embedder}/${c.start}`;
  const samples = new Map(cells.map((c) => [key(c), [] as RunSample[]]));
  for (let i = 0; i < RUNS; i++) {
    for (const cell of cells) {
      const { system, embedder, start } = cell;
      const s = await runOnce(systems[system]!, embedder, bytes, start);
      samples.get(key(cell))!.push(s);
      process.stderr.write(`${system} EMBEDDER=${embedder} ${start} run ${i + 1}: searchable ${Math.round(s.searchableMs)} ms (upload ${Math.round(s.uploadMs)} ms, ${s.polls} polls), CPU ${s.cpuMs} ms (main thread ${s.mainCpuMs}), ${JSON.stringify(Object.fromEntries(Object.entries(s.stages).map(([k, v]) => [k, Math.round(v)])))}\n`);
    }
  }
  const load = readFileSync('/proc/loadavg', 'utf8').trim();
  const stageNames = ['read', 'parse', 'done'];
  const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v).toLocaleString('en')} ms` : '—');
  const rows = cells.map((cell) => {
    const { system, embedder, start } = cell;
    const s = samples.get(key(cell))!;
    const p50 = (f: (x: RunSample) => number) => quantile(s.map(f), 0.5);
    const searchable = p50((x) => x.searchableMs);
    return {
      system, embedder, start, searchableP50Ms: searchable, searchableMinMs: Math.min(...s.map((x) => x.searchableMs)), searchableMaxMs: Math.max(...s.map((x) => x.searchableMs)),
      uploadP50Ms: p50((x) => x.uploadMs), cpuP50Ms: p50((x) => x.cpuMs), mainCpuP50Ms: p50((x) => x.mainCpuMs), otherCpuP50Ms: p50((x) => x.cpuMs - x.mainCpuMs),
      afterParseP50Ms: p50((x) => x.uploadMs - (x.stages.parse ?? NaN)), answerP50Ms: p50((x) => x.searchableMs - x.uploadMs),
      stagesP50Ms: Object.fromEntries(stageNames.map((name) => [name, p50((x) => x.stages[name] ?? NaN)])),
      pages: s[0]!.pages, propositions: s[0]!.propositions, pagesPerSecond: s[0]!.pages / (searchable / 1000),
    };
  });
  const report = { date: new Date().toISOString(), runs: RUNS, pages: PAGES, words, pdfBytes: bytes.length, loadAtStart, load, rows, samples: Object.fromEntries(samples) };
  writeFileSync(join(import.meta.dirname, 'big-pdf-results.json'), `${JSON.stringify(report, null, 2)}\n`);
  const md = [
    `bench/ingest/big-pdf.ts — ${report.date}, ${PAGES} pages (${words.toLocaleString('en')} words, ${(bytes.length / 1024).toFixed(0)} KB), ${RUNS} runs per cell (fresh data dir and server each), load average at the start ${loadAtStart}, at the end ${load}`,
    '',
    '| system | EMBEDDER | server | upload → searchable p50 (min–max) | upload answered (ingest done) p50 | parse event p50 | parse event → done p50 | done → first answer citing p. ' + PAGES + ' p50 | server CPU upload → searchable p50 (main thread + parse worker and helpers) | pages/s | propositions |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.system} | ${r.embedder} | ${r.start} | **${ms(r.searchableP50Ms)}** (${ms(r.searchableMinMs)}–${ms(r.searchableMaxMs)}) | ${ms(r.uploadP50Ms)} | ${ms(r.stagesP50Ms.parse!)} | ${ms(r.afterParseP50Ms)} | ${ms(r.answerP50Ms)} | ${ms(r.cpuP50Ms)} (${ms(r.mainCpuP50Ms)} + ${ms(r.otherCpuP50Ms)}) | ${r.pagesPerSecond.toFixed(1)} | ${r.propositions.toLocaleString('en')} |`),
  ].join('\n');
  writeFileSync(join(import.meta.dirname, 'big-pdf-results.md'), `${md}\n`);
  process.stdout.write(`${md}\n`);
}

await main();
