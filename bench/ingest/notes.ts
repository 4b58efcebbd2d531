/**
 * bench/ingest/notes: N Markdown notes (SciFact title + abstract, written at run time into a temp
 * dir; past the 5,183 abstracts, notes repeat with a numbered heading so each file is new) ingested
 * by the real CLI, `bin/propo ingest <dir> --json`, in a child process per size with a fresh data
 * dir. Reports wall time, files/s and the child's peak RSS (VmHWM).
 * Usage: node --import ./bin/register.mjs bench/ingest/notes.ts [sizes]   (default 1000,5000; e.g. 1000,5000,20000)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
const corpus = resolve(root, '../shared/datasets/scifact/corpus.jsonl');
const sizes = (process.argv[2] ?? process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);
const abstracts = readFileSync(corpus, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; title: string; text: string });

function writeNotes(dir: string, count: number): void {
  for (let i = 0; i < count; i += 1) {
    const a = abstracts[i % abstracts.length] as { id: string; title: string; text: string };
    const round = Math.floor(i / abstracts.length);
    writeFileSync(join(dir, `note-${String(i).padStart(5, '0')}.md`), `# ${a.title}${round > 0 ? ` (note ${round + 1})` : ''}\n\n${a.text}\n`);
  }
}

function ingest(dataDir: string, notes: string): Promise<{ seconds: number; peakRssMb: number; ingested: number; failed: number }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(join(root, 'bin/propo'), ['--data-dir', dataDir, '--log-dir', join(dataDir, 'logs'), 'ingest', '--json', notes], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let peakRssMb = 0;
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    const watch = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakRssMb = Math.max(peakRssMb, Number(match[1]) / 1024);
      } catch { /* exited */ }
    }, 200);
    child.on('exit', (code) => {
      clearInterval(watch);
      const seconds = (performance.now() - started) / 1000;
      try {
        const documents = (JSON.parse(out) as { documents: Array<{ status: string }> }).documents;
        done({ seconds, peakRssMb, ingested: documents.filter((d) => d.status === 'ingested').length, failed: documents.filter((d) => d.status === 'failed').length });
      } catch (error) {
        fail(new Error(`bin/propo ingest exited with ${code}: ${String(error)}`));
      }
    });
  });
}

const lines = ['| notes | ingested / failed | wall s | files/s | ms per file | peak RSS MB | load avg (1 min) |', '|---|---|---|---|---|---|---|'];
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'propo-bench-notes-'));
  try {
    const notes = join(dir, 'notes');
    mkdirSync(notes);
    writeNotes(notes, size);
    const r = await ingest(join(dir, 'data'), notes);
    const line = `| ${size.toLocaleString('en-US')} | ${r.ingested} / ${r.failed} | ${r.seconds.toFixed(1)} | ${(size / r.seconds).toFixed(0)} | ${(1000 * r.seconds / size).toFixed(1)} | ${r.peakRssMb.toFixed(0)} | ${loadavg()[0]?.toFixed(1)} |`;
    lines.push(line);
    process.stderr.write(`${line}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
