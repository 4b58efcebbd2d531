import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../../src/app/compose.ts';
import { reindex } from '../../src/app/reindex.ts';
import { isPropoError } from '../../src/core/errors/index.ts';
import { testConfig } from '../../src/testing/temp-app.ts';
import { storeViolations } from '../../src/testing/store-invariants.ts';

test('a different embedder is refused with a pointer to reindex; reindex switches only when complete', async () => {
  const config = testConfig({ EMBEDDER: 'hash' });
  const app = await createApp(config);
  await app.ingest({ fileName: 'a.txt', bytes: new TextEncoder().encode('Glaciers store most of the fresh water on Earth.\n\nPenguins live in the southern hemisphere.') });
  await app.close();

  const other = testConfig({ EMBEDDER: 'hash' }, { dataDir: config.dataDir, logDir: config.logDir, 'embedder.dimensions': 256 });
  await assert.rejects(createApp(other), (error: unknown) => isPropoError(error) && error.code === 'PROPO_ERR_EMBEDDER_MISMATCH' && error.message.includes('bin/propo reindex'));

  const report = await reindex(other);
  assert.equal(report.records, 4, "2 propositions + 2 paragraphs");
  const reopened = await createApp(other);
  try {
    assert.equal(reopened.embedder.dimensions, 256);
    const result = await reopened.retrieve('where do penguins live');
    assert.match(result.hits[0]?.record.text ?? '', /Penguins/);
    assert.deepEqual(await storeViolations(reopened), []);
  } finally {
    await reopened.close();
  }
});
