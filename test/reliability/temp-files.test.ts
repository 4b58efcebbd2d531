/**
 * Issue 14 item 14: a kill during the copy of an original leaves `data/files/<sha>.<pid>.tmp`;
 * recovery removes it (a running writer's file stays) and backups never include one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackup } from '../../src/app/ops/backup/create-backup.ts';
import { makeTestApp } from '../security/security-harness.ts';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

void test('recovery removes temp copies of killed writers; backups skip temp files', async () => {
  const t = await makeTestApp();
  try {
    const ingested = await t.app.ingest({ fileName: 'notes.txt', bytes: new TextEncoder().encode('Propo keeps every original file. Temporary copies must not pile up.') });
    assert.equal(ingested.status, 'ingested');
    const filesDir = join(t.config.dataDir, 'files');
    mkdirSync(filesDir, { recursive: true });
    const sha = 'a'.repeat(64);
    const stale = `${sha}.${deadPid()}.tmp`;
    const live = `${sha}.${process.pid}.tmp`;
    writeFileSync(join(filesDir, stale), 'half a copy');
    writeFileSync(join(filesDir, live), 'being written');

    const report = await t.app.recover();
    assert.deepEqual(report.tempFilesRemoved, [stale]);
    assert.equal(existsSync(join(filesDir, stale)), false);
    assert.equal(existsSync(join(filesDir, live)), true, 'a running writer keeps its temp file');

    writeFileSync(join(filesDir, `${sha}.${deadPid()}.tmp`), 'another half copy');
    const backup = await createBackup({ config: t.config });
    const paths = backup.manifest.files.map((f) => f.path);
    assert.ok(paths.some((p) => p.startsWith('data/files/')), 'the kept originals are backed up');
    assert.deepEqual(paths.filter((p) => p.endsWith('.tmp')), [], 'no temp file in the backup');
  } finally {
    await t.close();
  }
});
