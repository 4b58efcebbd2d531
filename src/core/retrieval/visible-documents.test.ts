import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../../app/compose.ts';
import { createTempApp } from '../../testing/temp-app.ts';
import { idSetVersion } from './lexical/corpus-statistics.ts';
import { cachedVisibleDocuments } from './visible-documents.ts';

const enc = (s: string) => new TextEncoder().encode(s);

void test('visible ids are read again only when the change token moves; the version only when the set changes', () => {
  let ids = new Set(['a', 'b']);
  let token = 1;
  let reads = 0;
  const visible = cachedVisibleDocuments(() => { reads++; return new Set(ids); }, () => String(token));
  const first = visible.ids();
  assert.deepEqual([...first].sort(), ['a', 'b']);
  assert.equal(visible.version(), idSetVersion(['a', 'b']));
  visible.ids();
  visible.version();
  assert.equal(reads, 1, 'no write, no read');
  token++; // a write that does not change visibility (a chat message)
  assert.equal(visible.ids(), first, 'same set object when the ids are unchanged');
  assert.equal(visible.version(), idSetVersion(['a', 'b']));
  assert.equal(reads, 2);
  ids = new Set(['a', 'c']);
  token++;
  assert.deepEqual([...visible.ids()].sort(), ['a', 'c']);
  assert.equal(visible.version(), idSetVersion(['c', 'a']));
});

// Issue 13: a document ingested or deleted through another connection (the CLI beside a server)
// is searchable, or gone, in the running app; the cached visible set must notice the commit.
void test('another connection’s ingest and delete reach a running app’s retrieval (data_version), rankings unchanged without writes', async () => {
  const { app, config, cleanup } = await createTempApp();
  const other = await createApp(config);
  try {
    await app.ingest({ fileName: 'a.txt', bytes: enc('Glaciers carve deep valleys over thousands of years.\n\nMoraines mark where a glacier stopped.') });
    const before = app.documents.changeVersion();
    assert.equal(app.documents.changeVersion(), before, 'reading changes nothing');
    const first = (await app.retrieve('glacier valleys')).hits.map((h) => h.id);
    const again = (await app.retrieve('glacier valleys')).hits.map((h) => h.id);
    assert.ok(first.length > 0);
    assert.deepEqual(again, first, 'same ranking from the cached ids and statistics');

    const added = await other.ingest({ fileName: 'b.txt', bytes: enc('Volcanic glaciers melt quickly when an eruption heats the valleys below.') });
    assert.equal(added.status, 'ingested');
    assert.notEqual(app.documents.changeVersion(), before, 'a commit by another connection moves the token');
    const withNew = await app.retrieve('volcanic eruption glaciers');
    assert.ok(withNew.hits.some((h) => h.record.documentId === added.id), 'the other connection’s document is searchable');

    assert.equal(await other.removeDocument(added.id), true);
    const afterDelete = await app.retrieve('volcanic eruption glaciers');
    assert.ok(afterDelete.hits.every((h) => h.record.documentId !== added.id), 'the deleted document is gone');
  } finally {
    await other.close();
    await cleanup();
  }
});
