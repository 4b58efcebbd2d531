import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempApp, DATASETS } from '../../src/testing/temp-app.ts';
import { storeViolations } from '../../src/testing/store-invariants.ts';

const enc = (s: string) => new TextEncoder().encode(s);

test('re-ingesting the same bytes is a no-op; a changed file replaces its old version atomically', async () => {
  const { app, cleanup } = await createTempApp();
  try {
    const v1 = enc('Aspirin reduces fever in adults.\n\nThe trial enrolled 300 patients over two years.');
    const first = await app.ingest({ fileName: 'notes.txt', bytes: v1 });
    assert.equal(first.status, 'ingested');
    assert.ok(first.propositions >= 2);
    const again = await app.ingest({ fileName: 'notes.txt', bytes: v1 });
    assert.equal(again.status, 'unchanged');
    assert.equal(again.id, first.id);

    const v2 = enc('Ibuprofen reduces inflammation.\n\nThe second trial enrolled 500 patients.');
    const second = await app.ingest({ fileName: 'notes.txt', bytes: v2 });
    assert.equal(second.status, 'ingested');
    assert.equal(second.replaced, first.id);
    const docs = app.documents.list();
    assert.deepEqual(docs.map((d) => d.id), [second.id]);
    assert.equal(await app.vectors.count({ documentIds: [first.id] }), 0);
    const hits = await app.retrieve('aspirin fever');
    assert.ok(hits.hits.every((h) => h.record.documentId === second.id));
    assert.deepEqual(await storeViolations(app), []);
  } finally {
    await cleanup();
  }
});

test('bad files are refused with typed errors and leave nothing behind; good ones are kept', async () => {
  const { app, cleanup } = await createTempApp({ MAX_FILE_SIZE_MB: '0.01' });
  try {
    const results = await Promise.all([
      app.ingest({ fileName: 'empty.txt', bytes: new Uint8Array() }),
      app.ingest({ fileName: 'tool.exe', bytes: enc('MZ binary') }),
      app.ingest({ fileName: 'big.txt', bytes: enc('word '.repeat(5000)) }),
      app.ingest({ fileName: 'fake.pdf', bytes: enc('this is not a pdf at all') }),
    ]);
    assert.deepEqual(results.map((r) => r.error?.code), ['PROPO_ERR_EMPTY_FILE', 'PROPO_ERR_UNSUPPORTED_TYPE', 'PROPO_ERR_FILE_TOO_LARGE', 'PROPO_ERR_UNSUPPORTED_TYPE']);
    for (const r of results) assert.ok(r.error && r.error.message.length > 20, 'message says what to do');
    const good = await app.ingest({ fileName: 'ok.md', bytes: enc('# Title\n\nMarkdown **bold** text that is kept.') });
    assert.equal(good.status, 'ingested');
    assert.equal(app.documents.list({ includePending: true }).length, 1);
    assert.deepEqual(await storeViolations(app), []);
  } finally {
    await cleanup();
  }
});

test('a real PDF, Markdown and TXT file ingest with exact spans and searchable propositions', async () => {
  const { app, cleanup } = await createTempApp();
  try {
    for (const file of ['pdf/two_paragraphs.pdf', 'md/vite-guide-cli.md', 'pdf/tracemonkey.pdf']) {
      const result = await app.ingest({ fileName: file.split('/')[1] as string, bytes: readFileSync(join(DATASETS, 'documents', file)) });
      assert.equal(result.status, 'ingested', `${file}: ${JSON.stringify(result.error)}`);
    }
    assert.deepEqual(await storeViolations(app), []);
    const result = await app.retrieve('trace-based just-in-time compilation of dynamic languages');
    assert.equal(result.hits[0]?.record.file, 'tracemonkey.pdf');
    const top = result.hits[0];
    assert.ok(top?.paragraph && top.paragraph.start <= top.record.start && top.paragraph.end >= top.record.end, 'hit carries its parent paragraph');
  } finally {
    await cleanup();
  }
});
