/**
 * Issue 14 item 3 with a real full filesystem: a small tmpfs holds the data dir and is filled to
 * the last byte. Reads keep serving (documents, ask, HTTP), writes fail with PROPO_ERR_DISK_FULL,
 * crash recovery is deferred instead of crashing the start, /health says degraded, and once space
 * is freed recovery completes by itself. Needs root (mount); skipped otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app/compose.ts';
import { buildServer } from '../../src/app/http/index.ts';
import { loadConfig } from '../../src/core/config/index.ts';
import { multipartBody } from '../web/test-app.ts';

const isRoot = process.getuid?.() === 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (s: string) => new TextEncoder().encode(s);

void test('a full data disk: reads keep serving, writes are PROPO_ERR_DISK_FULL, recovery waits for space and then completes', { skip: isRoot ? false : 'needs root to mount a tmpfs' }, async () => {
  const mount = mkdtempSync(join(tmpdir(), 'propo-diskfull-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', mount]);
  const filler = join(mount, 'filler');
  try {
    const { config } = loadConfig({ env: {}, dotenvPath: false, cwd: mount, overrides: { dataDir: join(mount, 'data'), logDir: join(mount, 'logs'), 'ingest.recoveryRetrySeconds': 0.2 } });
    const first = await createApp(config);
    await (await buildServer(first)).close(); // a server has run here before: its tables exist
    for (const [i, topic] of ['the ocean is deep and salty', 'glaciers carve valleys slowly'].entries()) {
      assert.equal((await first.ingest({ fileName: `notes-${i}.txt`, bytes: text(`These notes say ${topic}. They were written for the disk-full test.`) })).status, 'ingested');
    }
    // What a crash mid-ingestion leaves: a pending document with an unfinished job (its original is gone).
    first.documents.insertPending({
      record: { id: 'doc-pending', file: 'half.txt', kind: 'txt', sha256: 'f'.repeat(64), bytes: 10, namespace: config.namespace, pages: 0, propositions: 0 },
      sourcePath: null, warnings: [], pages: [], paragraphs: [], propositions: [], jobId: 'job-pending', replaces: null,
    });
    await first.close();

    try { execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M'], { stdio: 'ignore' }); } catch { /* stops at ENOSPC */ }
    const app = await createApp(config);
    const server = await buildServer(app);
    try {
      const report = await app.recover();
      assert.equal(report.deferred, true, 'recovery is deferred, the start goes on');
      assert.ok(app.recoveryDeferredSince());
      assert.deepEqual(app.documents.list().map((d) => d.file).sort(), ['notes-0.txt', 'notes-1.txt']);
      const answer = await app.ask('Which notes say the ocean is deep?');
      assert.ok(answer.citations.some((c) => c.file === 'notes-0.txt'), answer.answer);

      const failed = await app.ingest({ fileName: 'new.txt', bytes: text('A new document about mountains and rivers. '.repeat(500)) });
      assert.equal(failed.status, 'failed');
      assert.equal(failed.error?.code, 'PROPO_ERR_DISK_FULL');
      assert.equal((await server.inject({ method: 'GET', url: '/api/documents' })).statusCode, 200);
      const { body, contentType } = multipartBody([{ name: 'upload.txt', bytes: text('Uploaded while the disk is full. '.repeat(300)) }]);
      const upload = await server.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': contentType }, payload: body });
      const uploadCode = upload.statusCode === 200 ? upload.json<{ documents: Array<{ error?: { code: string } }> }>().documents[0]?.error?.code : upload.json<{ error: { code: string } }>().error.code;
      assert.equal(uploadCode, 'PROPO_ERR_DISK_FULL', upload.body.slice(0, 300));
      const health = await server.inject({ method: 'GET', url: '/health?detailed=true' });
      const report2 = health.json<{ status: string; checks: Record<string, { status: string; detail: string }> }>();
      assert.equal(report2.status, 'degraded');
      assert.match(report2.checks.disk?.detail ?? '', /recovery deferred/);

      rmSync(filler);
      for (let i = 0; i < 100 && app.recoveryDeferredSince() !== null; i += 1) await sleep(100);
      assert.equal(app.recoveryDeferredSince(), null, 'recovery completed by itself once space returned');
      assert.equal(app.documents.findById('doc-pending'), null, 'the interrupted document was cleaned up');
      assert.equal((await app.ingest({ fileName: 'new.txt', bytes: text('A new document about mountains and rivers.') })).status, 'ingested');
    } finally {
      await server.close();
      await app.close();
    }
  } finally {
    if (existsSync(filler)) rmSync(filler);
    execFileSync('umount', ['-l', mount]);
    rmSync(mount, { recursive: true, force: true });
  }
});
