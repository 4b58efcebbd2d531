/**
 * Watched folders (issue 16): a real `bin/propo watch` child process on a temp Obsidian-like vault.
 * Real files are created, modified, renamed and deleted; the SQLite store is read (read-only) until
 * the expected state appears, bounded by a count of polls (no timed assertions). The watcher is
 * stopped, a file deleted and another added while it is down, and the restart catches both up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { propoBin, run, startServe } from '../ops/serve-process.ts';
import { isIgnoredPath } from '../../src/app/watch/folder-watcher.ts';

interface Row { id: string; file: string; source_path: string | null }

function documents(dbPath: string): Row[] {
  if (!existsSync(dbPath)) return [];
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT id, file, source_path FROM documents WHERE status = 'ingested' ORDER BY file").all() as Row[];
  } catch {
    return []; // schema not created yet
  } finally {
    db.close();
  }
}

async function until(dbPath: string, what: string, ok: (rows: Row[]) => boolean, tries = 1200): Promise<Row[]> {
  let rows: Row[] = [];
  for (let i = 0; i < tries; i += 1) {
    rows = documents(dbPath);
    if (ok(rows)) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: store never reached it; last rows ${JSON.stringify(rows)}`);
}

function startWatch(vault: string, env: Record<string, string>, cwd: string): { child: ChildProcess; output: () => string } {
  const child = spawn(propoBin, ['watch', vault, '--debounce', '200', '--collection', 'vault'], {
    cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  return { child, output: () => out };
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.kill('SIGTERM');
  return exited;
}

void test('temp, swap and dot-folder paths are ignored; notes are not', () => {
  for (const p of ['.obsidian/workspace.md', 'notes/.trash/old.md', '.a.md.swp', 'a.md.swp', '~$report.docx', '#draft.md#', 'draft.md~', 'x.tmp', 'dl.pdf.crdownload']) assert.ok(isIgnoredPath(p), p);
  for (const p of ['a.md', 'notes/sub/b.txt', 'Paper v2.pdf', 'book.epub']) assert.ok(!isIgnoredPath(p), p);
});

void test('bin/propo watch ingests, re-ingests, keeps renames, removes deletions and catches up after a restart', { timeout: 10 * 60_000 }, async () => {
  const root = await mkdtemp(join(tmpdir(), 'propo-watch-'));
  const env = { PROPO_DATA_DIR: join(root, 'data'), PROPO_LOG_DIR: join(root, 'logs') };
  const dbPath = join(root, 'data', 'propo.sqlite');
  const vault = join(root, 'vault');
  await mkdir(join(vault, '.obsidian'), { recursive: true });
  await mkdir(join(vault, 'notes'), { recursive: true });
  await writeFile(join(vault, 'heron.md'), '# Herons\n\nThe grey heron nests in tall reeds near the lake.\n');
  await writeFile(join(vault, 'notes', 'moles.txt'), 'Moles dig long tunnels under the garden lawn.\n');
  await writeFile(join(vault, '.obsidian', 'workspace.md'), 'Obsidian settings that must never be ingested.\n');
  await writeFile(join(vault, '.heron.md.swp'), 'vim swap file\n');
  let watcher = startWatch(vault, env, root);
  try {
    let rows = await until(dbPath, 'start-up pass', (r) => r.length === 2);
    assert.deepEqual(rows.map((r) => r.file), ['heron.md', 'moles.txt']);
    const heronId = rows.find((r) => r.file === 'heron.md')?.id;
    const molesId = rows.find((r) => r.file === 'moles.txt')?.id;

    // New file.
    await writeFile(join(vault, 'notes', 'owls.md'), 'Barn owls hunt voles over the winter fields at dusk.\n');
    rows = await until(dbPath, 'new file ingested', (r) => r.some((x) => x.file === 'owls.md'));
    const owlsId = rows.find((r) => r.file === 'owls.md')?.id;

    // Changed file: a new version replaces the old one.
    await writeFile(join(vault, 'notes', 'moles.txt'), 'Moles dig long tunnels under the garden lawn. They eat earthworms.\n');
    rows = await until(dbPath, 'changed file re-ingested', (r) => r.some((x) => x.file === 'moles.txt' && x.id !== molesId));
    assert.ok(!rows.some((r) => r.id === molesId), 'the old version is gone');
    assert.equal(rows.length, 3);

    // Rename (and move): same bytes, same document; its source path follows the file.
    await rename(join(vault, 'heron.md'), join(vault, 'notes', 'birds-heron.md'));
    rows = await until(dbPath, 'rename recorded', (r) => r.some((x) => x.id === heronId && x.source_path === join(vault, 'notes', 'birds-heron.md')));
    assert.equal(rows.length, 3, 'a rename neither adds nor removes a document');

    // Deleted file.
    await unlink(join(vault, 'notes', 'owls.md'));
    rows = await until(dbPath, 'deleted file removed', (r) => !r.some((x) => x.id === owlsId));
    assert.equal(rows.length, 2);
    assert.ok(!rows.some((r) => r.source_path?.includes('.obsidian') || r.source_path?.endsWith('.swp')), 'ignored paths were never ingested');

    assert.equal(await stop(watcher.child), 0, watcher.output());
    // While the watcher is down: one file deleted, one added.
    const newMolesId = rows.find((r) => r.file === 'moles.txt')?.id;
    await unlink(join(vault, 'notes', 'moles.txt'));
    await writeFile(join(vault, 'notes', 'otters.md'), 'Otters hold hands while they sleep on the river.\n');
    watcher = startWatch(vault, env, root);
    rows = await until(dbPath, 'restart catches up', (r) => !r.some((x) => x.id === newMolesId) && r.some((x) => x.file === 'otters.md'));
    assert.deepEqual(rows.map((r) => r.file).sort(), ['heron.md', 'otters.md']);
    assert.equal(rows.find((r) => r.file === 'heron.md')?.id, heronId, 'the renamed note kept its document across the restart');
    assert.equal(await stop(watcher.child), 0, watcher.output());

    // The production CLI sees the same: the documents, and the collection the watcher filled.
    const list = await run(propoBin, ['docs', 'list', '--json', '--collection', 'vault'], env, root);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual((JSON.parse(list.stdout) as { documents: Array<{ file: string }> }).documents.map((d) => d.file).sort(), ['heron.md', 'otters.md']);
    // A missing folder is a typed usage error and removes nothing.
    const missing = await run(propoBin, ['watch', join(root, 'no-such-vault'), '--once'], env, root);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /PROPO_ERR_VALIDATION/);
    assert.equal(documents(dbPath).length, 2);
  } finally {
    await stop(watcher.child);
    await rm(root, { recursive: true, force: true });
  }
});

void test('bin/propo serve keeps the folders of watch.folders ingested', { timeout: 10 * 60_000 }, async () => {
  const root = await mkdtemp(join(tmpdir(), 'propo-watch-serve-'));
  const env = { PROPO_DATA_DIR: join(root, 'data'), PROPO_LOG_DIR: join(root, 'logs') };
  const dbPath = join(root, 'data', 'propo.sqlite');
  const vault = join(root, 'vault');
  await mkdir(vault, { recursive: true });
  await writeFile(join(vault, 'first.md'), 'Kingfishers dive for small fish in clear streams.\n');
  const configPath = join(root, 'config.yaml');
  await writeFile(configPath, `watch:\n  folders: [${JSON.stringify(vault)}]\n  debounceMs: 200\n`);
  const server = await startServe(env, ['--config', configPath]);
  try {
    await until(dbPath, 'start-up pass under serve', (r) => r.some((x) => x.file === 'first.md'));
    await writeFile(join(vault, 'second.md'), 'Swifts sleep on the wing during long migrations.\n');
    await until(dbPath, 'new file under serve', (r) => r.some((x) => x.file === 'second.md'));
    await unlink(join(vault, 'first.md'));
    const rows = await until(dbPath, 'deletion under serve', (r) => !r.some((x) => x.file === 'first.md'));
    assert.deepEqual(rows.map((r) => r.file), ['second.md']);
  } finally {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  }
});
