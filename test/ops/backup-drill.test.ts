/**
 * Restore drill: a real app (SQLite + LanceDB in a temp dir) ingests real documents and answers a
 * fixed set of questions; a backup is taken while another ingestion is in flight (the SQLite
 * snapshot is started right after that ingestion wrote its pending rows, the LanceDB copy is pinned
 * while its vectors are being written); the data dir is wiped and restored; recovery finishes the
 * in-flight document from the kept original; the answers, citations and document list are
 * identical to the live app's. verify rejects a tampered and a truncated archive.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, mkdtemp, rm, writeFile, truncate, stat, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { c as createTar, x as extractTar } from 'tar';
import { loadConfig, type PropoConfig } from '../../src/core/config/index.ts';
import { createApp, type PropoApp } from '../../src/app/compose.ts';
import { createBackup } from '../../src/app/ops/backup/create-backup.ts';
import { verifyBackup } from '../../src/app/ops/backup/verify-backup.ts';
import { restoreBackup } from '../../src/app/ops/backup/restore-backup.ts';
import { pruneBackups } from '../../src/app/ops/backup/prune-backups.ts';
import { archiveName } from '../../src/app/ops/backup/backup-manifest.ts';
import { exportJsonlFile } from '../../src/app/ops/portable/export-jsonl.ts';
import { importJsonlFile } from '../../src/app/ops/portable/import-jsonl.ts';
import { UNREACHABLE_HUB_URL } from '../../src/testing/unreachable-hub.ts';

const datasets = resolve(import.meta.dirname, '../../../shared/datasets/documents');
const INITIAL = ['md/rustbook-ch04-01-what-is-ownership.md', 'md/ts-handbook-Interfaces.md', 'md/vite-guide-cli.md', 'pdf/tracemonkey_a11y.pdf'];
const IN_FLIGHT = 'txt/gutenberg-11-alice-in-wonderland.txt';
const QUESTIONS = [
  'What are the ownership rules in Rust?',
  'What happens when a variable goes out of scope?',
  'How do optional properties work in interfaces?',
  'What does vite build do?',
  'What is a trace tree?',
  'How does the tracing JIT handle type-unstable loops?',
];

function configFor(root: string): PropoConfig {
  return loadConfig({ env: { EMBED_HUB_URL: UNREACHABLE_HUB_URL }, dotenvPath: false, overrides: { dataDir: join(root, 'data'), logDir: join(root, 'logs'), 'backup.dir': join(root, 'backups') } }).config;
}

async function ingest(app: PropoApp, relative: string): Promise<void> {
  const path = join(datasets, relative);
  const result = await app.ingest({ fileName: relative.split('/').pop() ?? relative, bytes: new Uint8Array(await readFile(path)), sourcePath: path });
  assert.equal(result.status, 'ingested', `${relative}: ${result.error?.message ?? ''}`);
}

async function answers(app: PropoApp): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const question of QUESTIONS) {
    const result = await app.ask(question);
    out.push({ question, mode: result.mode, answer: result.answer, citations: result.citations.map((c) => `${c.file}:${c.page}:${c.start}-${c.end}`) });
  }
  return out;
}

const documentList = (app: PropoApp) => app.documents.list().map((d) => `${d.id} ${d.file} ${d.pages} ${d.propositions} ${d.sha256}`).sort();

void test('restore drill: backup during ingestion, wipe, restore → same answers, citations and documents', async () => {
  const root = await mkdtemp(join(tmpdir(), 'propo-drill-'));
  const config = configFor(root);
  let app = await createApp(config);
  try {
    for (const file of INITIAL) await ingest(app, file);
    const before = await answers(app);
    assert.ok(before.some((a) => (a as { citations: string[] }).citations.length > 0), 'the questions are answered with citations');

    // Another ingestion runs while the backup is taken: the snapshot starts once it wrote its pending rows.
    let pendingWritten!: () => void;
    const pending = new Promise<void>((done) => { pendingWritten = done; });
    const checkpoints: string[] = [];
    await app.close();
    app = await createApp(config, { checkpoint: (name) => { checkpoints.push(name); if (name === 'pending-written') pendingWritten(); } });
    const inFlight = ingest(app, IN_FLIGHT);
    const backup = await createBackup({
      config,
      onStage: async (stage) => {
        if (stage === 'sqlite') await pending;
        if (stage === 'lancedb') checkpoints.push('backup-pins-lancedb');
      },
    });
    await inFlight;
    assert.ok(checkpoints.indexOf('pending-written') < checkpoints.indexOf('backup-pins-lancedb'), `interleaving: ${checkpoints.join(' → ')}`);
    const live = await answers(app);
    const liveDocuments = documentList(app);
    assert.equal(liveDocuments.length, INITIAL.length + 1);
    process.stdout.write(`# backup: ${backup.manifest.counts.documents} documents visible in the snapshot, ${backup.manifest.counts.vectors} vectors, ${backup.bytes} bytes, ${backup.durationMs} ms; interleaving ${checkpoints.join(' → ')}\n`);

    const verified = await verifyBackup(backup.archive);
    assert.deepEqual(verified.problems, []);
    assert.equal(verified.ok, true);

    // Restore refuses a non-empty data dir without --force.
    await app.close();
    await assert.rejects(restoreBackup({ archive: backup.archive, dataDir: config.dataDir }), (error: { code?: string }) => error.code === 'PROPO_ERR_CONFLICT');

    await rm(config.dataDir, { recursive: true, force: true });
    const restored = await restoreBackup({ archive: backup.archive, dataDir: config.dataDir });
    process.stdout.write(`# restore: ${restored.durationMs} ms\n`);
    app = await createApp(config);
    const recovery = await app.recover();
    process.stdout.write(`# recovery after restore: resumed ${recovery.resumed.map((r) => r.file).join(',') || 'nothing'}, orphans cleaned ${recovery.orphanDocumentsCleaned}\n`);
    assert.deepEqual(documentList(app), liveDocuments, 'identical document list');
    assert.deepEqual(await answers(app), live, 'identical answers and citations');

    // Export → import into an empty store: same ids, same vectors.
    const exported = join(root, 'export.jsonl');
    const exportResult = await exportJsonlFile(app, exported);
    const other = await createApp(configFor(join(root, 'imported')));
    try {
      const imported = await importJsonlFile(other, exported);
      assert.deepEqual(imported, { documents: exportResult.documents, vectors: exportResult.vectors });
      assert.deepEqual(documentList(other), documentList(app));
      const ids = (await app.vectors.listIds()).sort();
      assert.deepEqual((await other.vectors.listIds()).sort(), ids);
      const [a] = await app.vectors.fetch(ids.slice(0, 1));
      const [b] = await other.vectors.fetch(ids.slice(0, 1));
      assert.deepEqual(Array.from(b?.vector ?? []), Array.from(a?.vector ?? []));
      await assert.rejects(importJsonlFile(other, exported), (error: { code?: string }) => error.code === 'PROPO_ERR_CONFLICT');
      assert.deepEqual(await answers(other), live, 'the imported store answers the same');
    } finally {
      await other.close();
    }
  } finally {
    await app.close();
    await rm(root, { recursive: true, force: true });
  }
});

void test('verify detects a tampered file and a truncated archive; retention keeps the newest', async () => {
  const root = await mkdtemp(join(tmpdir(), 'propo-tamper-'));
  const config = configFor(root);
  const app = await createApp(config);
  try {
    await ingest(app, INITIAL[0] as string);
    const backup = await createBackup({ config });
    assert.equal((await verifyBackup(backup.archive)).ok, true);

    // Change one byte of the SQLite copy and repack with the original manifest.
    const unpacked = join(root, 'unpacked');
    await mkdir(unpacked, { recursive: true });
    await extractTar({ file: backup.archive, cwd: unpacked });
    const sqlite = join(unpacked, 'data', 'propo.sqlite');
    const bytes = await readFile(sqlite);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    await writeFile(sqlite, bytes);
    const tampered = join(root, 'tampered.tar.gz');
    await createTar({ gzip: true, file: tampered, cwd: unpacked }, await readdir(unpacked));
    const result = await verifyBackup(tampered);
    assert.equal(result.ok, false);
    assert.ok(result.problems.some((p) => p.includes('checksum mismatch for data/propo.sqlite')), result.problems.join('; '));

    const truncated = join(root, 'truncated.tar.gz');
    await writeFile(truncated, await readFile(backup.archive));
    await truncate(truncated, Math.floor((await stat(truncated)).size / 2));
    assert.equal((await verifyBackup(truncated)).ok, false);

    // Retention: archives older than retentionDays go, the newest always stays.
    const old = join(config.backup.dir, archiveName(new Date(Date.now() - 10 * 24 * 3600 * 1000)));
    await writeFile(old, 'old');
    const removed = await pruneBackups(config.backup.dir, 7);
    assert.deepEqual(removed, [old]);
    assert.deepEqual(await pruneBackups(config.backup.dir, 7, new Date(Date.now() + 30 * 24 * 3600 * 1000)), []);
  } finally {
    await app.close();
    await rm(root, { recursive: true, force: true });
  }
});
