/**
 * Paragraph-ranked, proposition-cited retrieval through the real app (SQLite + LanceDB, offline
 * embedder): the best paragraph wins even when a lone sentence elsewhere matches one query word,
 * each ranked paragraph is cited through its own propositions, and `citesPerParagraph` adds a
 * paragraph's next-best propositions directly after it without changing the order of paragraphs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTempApp, type TempApp } from '../../src/testing/temp-app.ts';

const TEXT = [
  'Lighthouses guide ships.',
  'The Fresnel lens concentrates the lamp of a lighthouse into a beam. The lens was invented by Augustin Fresnel in 1822. Its rings of prisms bend the light toward the horizon. Keepers polished the lens every morning.',
  'A storm damaged the harbour wall in 1901. Repairs took two years.',
  'Fresnel also studied the diffraction of light. He died in 1827.',
].join('\n\n');

let t: TempApp;
before(async () => {
  // This file tests the paragraph order itself: citations one paragraph after another (citeAcross off; its own tests are in cite-across-paragraphs.test.ts).
  t = await createTempApp({}, { 'retrieval.citeAcross.window': 0 });
  const result = await t.app.ingest({ fileName: 'lighthouse.txt', bytes: new TextEncoder().encode(TEXT) });
  assert.equal(result.status, 'ingested');
});
after(async () => t.cleanup());

const QUERY = 'Fresnel lens lighthouse beam prisms';

test('paragraphs are ranked and each is cited through one of its own propositions', async () => {
  const { hits } = await t.app.retrieve(QUERY, { k: 3, citesPerParagraph: 1 });
  assert.ok(hits.length >= 2);
  const paragraphs = hits.map((h) => h.record.paragraphId);
  assert.equal(new Set(paragraphs).size, paragraphs.length, 'one citation per paragraph');
  for (const hit of hits) {
    assert.equal(hit.record.unit, 'proposition');
    assert.ok(hit.paragraph?.text.includes(hit.record.text), 'the cited sentence lies in its parent paragraph');
  }
  assert.match(hits[0]?.paragraph?.text ?? '', /Fresnel lens concentrates/u, 'the paragraph about the lens ranks first');
});

test('citesPerParagraph cites a paragraph\'s next-best propositions right after it, keeping the paragraph order', async () => {
  const one = await t.app.retrieve(QUERY, { k: 10, citesPerParagraph: 1 });
  const three = await t.app.retrieve(QUERY, { k: 10, citesPerParagraph: 3 });
  const order = (hits: typeof one.hits) => hits.map((h) => h.record.paragraphId).filter((id, i, all) => all.indexOf(id) === i);
  assert.deepEqual(order(three.hits), order(one.hits).slice(0, order(three.hits).length));
  const first = three.hits.filter((h) => h.record.paragraphId === three.hits[0]?.record.paragraphId);
  assert.ok(first.length >= 2 && first.length <= 3, `the top paragraph is cited ${first.length} times`);
  assert.equal(first[0]?.record.id, one.hits[0]?.record.id, 'its best proposition still comes first');
  assert.equal(new Set(first.map((h) => h.record.id)).size, first.length);
  const byDefault = await t.app.retrieve(QUERY, { k: 10 });
  assert.equal(byDefault.hits.filter((h) => h.record.paragraphId === byDefault.hits[0]?.record.paragraphId).length, t.config.retrieval.citesPerParagraph, 'the configured default applies');
  // Consecutive: the paragraph's citations are not interleaved with others.
  const firstIndexes = three.hits.flatMap((h, i) => (h.record.paragraphId === three.hits[0]?.record.paragraphId ? [i] : []));
  assert.deepEqual(firstIndexes, firstIndexes.map((_, i) => i));
});

test('sentence citation order permutes the first cited paragraphs only, and weight 0 is the paragraph order', async () => {
  const paragraphsOf = (hits: Array<{ record: { paragraphId: string } }>) => hits.map((h) => h.record.paragraphId).filter((id, i, all) => all.indexOf(id) === i);
  const plain = await t.app.retrieve(QUERY, { k: 10, citesPerParagraph: 1 });
  const off = await t.app.retrieve(QUERY, { k: 10, citesPerParagraph: 1, sentenceOrder: { weight: 0, window: 6 } });
  assert.deepEqual(paragraphsOf(off.hits), paragraphsOf(plain.hits));
  const on = await t.app.retrieve('When did Fresnel die?', { k: 10, citesPerParagraph: 1, sentenceOrder: { weight: 10, window: 2 } });
  const base = await t.app.retrieve('When did Fresnel die?', { k: 10, citesPerParagraph: 1 });
  assert.deepEqual([...paragraphsOf(on.hits).slice(0, 2)].sort(), [...paragraphsOf(base.hits).slice(0, 2)].sort(), 'the window holds the same paragraphs');
  assert.deepEqual(paragraphsOf(on.hits).slice(2), paragraphsOf(base.hits).slice(2), 'below the window nothing moves');
  assert.equal(new Set(on.hits.map((h) => h.record.id)).size, on.hits.length, 'no citation twice');
});
