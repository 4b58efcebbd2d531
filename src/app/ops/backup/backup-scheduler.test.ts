import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createTempApp } from '../../../testing/temp-app.ts';
import { startBackupScheduler } from './backup-scheduler.ts';

test('a scheduled backup loads the backup code when it runs and writes a verified archive', async () => {
  const { app, cleanup } = await createTempApp();
  try {
    const scheduler = startBackupScheduler(app, { intervalMs: 0 });
    const [first, second] = await Promise.all([scheduler.runOnce(), scheduler.runOnce()]);
    assert.ok(first, 'the backup ran');
    assert.equal(second, first, 'a second call while one runs shares it');
    assert.equal(first.verified, true, first.problems.join('; '));
    assert.ok(existsSync(first.archive));
    await scheduler.stop();
  } finally {
    await cleanup();
  }
});
