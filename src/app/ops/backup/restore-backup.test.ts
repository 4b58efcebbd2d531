// In-place restore (a data dir that is a Docker volume's mount point cannot be renamed): the entries are
// swapped inside the dir, the dir itself (and its inode) stays, nothing of the replaced data is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../../core/config/index.ts';
import { createApp } from '../../compose.ts';
import { tempDirsRemovedAfter } from '../../../testing/temp-dirs.ts';
import { createBackup } from './create-backup.ts';
import { restoreBackup } from './restore-backup.ts';

const tempDir = tempDirsRemovedAfter('propo-restore-');

void test('restore --force in place keeps the data dir itself and replaces its entries with the archive', async () => {
  const root = await tempDir();
  const config = loadConfig({ env: {}, dotenvPath: false, overrides: { dataDir: join(root, 'data'), logDir: join(root, 'logs'), 'backup.dir': join(root, 'backups') } }).config;
  let app = await createApp(config);
  const text = 'The lighthouse lamp was converted to solar power in 2019.\n';
  assert.equal((await app.ingest({ fileName: 'lamp.md', bytes: new TextEncoder().encode(text) })).status, 'ingested');
  const before = app.documents.list().map((d) => d.file);
  await app.close();
  const backup = await createBackup({ config });
  // SQLite may leave its -wal/-shm side files after close; the archive holds one snapshot file.
  const entriesOf = (dir: string) => readdirSync(dir).filter((e) => !/-(wal|shm)$/.test(e)).sort();
  // The model cache is not data: backups leave `models/` out (here it holds only the failed-download marker of
  // EMBEDDER=auto, decision 0131).
  const entries = entriesOf(config.dataDir).filter((e) => e !== 'models');

  // Damage after the backup: an extra document and a stray file.
  app = await createApp(config);
  await app.ingest({ fileName: 'later.md', bytes: new TextEncoder().encode('Written after the backup.\n') });
  await app.close();
  await writeFile(join(config.dataDir, 'stray.txt'), 'not in the archive');
  const inode = statSync(config.dataDir).ino;

  const restored = await restoreBackup({ archive: backup.archive, dataDir: config.dataDir, force: true, inPlace: true });
  assert.equal(restored.previous, null);
  assert.equal(statSync(config.dataDir).ino, inode, 'the data dir itself was not replaced');
  assert.deepEqual(entriesOf(config.dataDir), entries, 'exactly the archived entries, no work or previous dir left');
  app = await createApp(config);
  try {
    assert.deepEqual(app.documents.list().map((d) => d.file), before);
  } finally {
    await app.close();
  }
});
