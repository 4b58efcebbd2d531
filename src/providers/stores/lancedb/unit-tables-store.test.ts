import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tempDirsRemovedAfter } from '../../../testing/temp-dirs.ts';
import type { VectorRecord } from '../../../core/domain/index.ts';
import type { VectorStore } from '../../../core/ports/index.ts';
import { createLanceDbStore, createLanceDbUnitTablesStore, listTables } from './index.ts';

const identity = { embedder: 'test-embedder', dimensions: 8 };
const tempDir = tempDirsRemovedAfter('propo-lancedb-units-');

function record(id: string, unit: VectorRecord['unit'], text: string, documentId = 'doc_1'): VectorRecord {
  return {
    id, documentId, namespace: 'default', text, unit, page: 1, start: 0, end: text.length, paragraphId: unit === 'paragraph' ? id : `par_${id}`,
    file: `${documentId}.txt`, expert: null, vector: Float32Array.from({ length: identity.dimensions }, (_, i) => Math.sin(id.length * 7 + i + text.length)),
  };
}

const paragraphs = [
  record('par_long', 'paragraph', `Mitochondria produce energy. ${'Cells divide and grow in many tissues of the body. '.repeat(12)}Mitochondria again.`),
  record('par_short', 'paragraph', 'Mitochondria are organelles.', 'doc_2'),
  record('par_other', 'paragraph', 'Ribosomes build proteins from amino acids.', 'doc_3'),
];
const propositions = Array.from({ length: 60 }, (_, i) => record(`prop_${i}`, 'proposition', i % 3 === 0 ? `Mitochondria fact ${i}.` : `Short fact ${i}.`));

/** Paragraph BM25 hits (id, score) for a fixed query before and after the propositions are added to `store`. */
async function paragraphScoresAroundPropositions(store: VectorStore & { optimize(): Promise<void> }): Promise<{ alone: Array<[string, number]>; beside: Array<[string, number]> }> {
  const search = async () => (await store.searchText('mitochondria energy', 10, { unit: 'paragraph' })).map((h): [string, number] => [h.id, h.score]);
  await store.upsert(paragraphs);
  await store.optimize();
  const alone = await search();
  await store.upsert(propositions);
  await store.optimize();
  return { alone, beside: await search() };
}

void describe('LanceDbUnitTablesStore', () => {
  void it('keeps paragraph BM25 scores independent of the propositions stored beside them', async () => {
    const dir = await tempDir();
    const store = createLanceDbUnitTablesStore({ dir });
    await store.open(identity);
    try {
      const { alone, beside } = await paragraphScoresAroundPropositions(store);
      assert.deepEqual(beside, alone);
      assert.deepEqual(alone.map(([id]) => id).sort(), ['par_long', 'par_short']);
      // Unfiltered reads cover both tables.
      assert.equal(await store.count(), paragraphs.length + propositions.length);
      assert.equal(await store.count({ unit: 'paragraph' }), paragraphs.length);
      assert.equal((await store.searchText('mitochondria', 100)).length, 2 + propositions.filter((p) => p.text.startsWith('Mitochondria')).length);
      assert.deepEqual(await listTables(dir), ['propositions', 'propositions_paragraphs']);
    } finally {
      await store.close();
    }
  });

  void it('shows that one shared table mixes the statistics (the reason for the split)', async () => {
    const shared = createLanceDbStore({ dir: await tempDir() });
    await shared.open(identity);
    try {
      const { alone, beside } = await paragraphScoresAroundPropositions(shared);
      assert.notDeepEqual(beside.map(([, score]) => score), alone.map(([, score]) => score));
    } finally {
      await shared.close();
    }
  });

  void it('moves the paragraph rows of a pre-split table into the paragraph table on open, keeping every field', async () => {
    const dir = await tempDir();
    const legacy = createLanceDbStore({ dir });
    await legacy.open(identity);
    await legacy.upsert([...paragraphs, ...propositions]);
    await legacy.close();

    const store = createLanceDbUnitTablesStore({ dir });
    await store.open(identity);
    try {
      assert.equal(await store.count({ unit: 'paragraph' }), paragraphs.length);
      assert.equal(await store.count({ unit: 'proposition' }), propositions.length);
      const moved = await store.fetch(paragraphs.map((p) => p.id));
      assert.deepEqual(moved.map((r) => ({ ...r, vector: [...r.vector] })), paragraphs.map((r) => ({ ...r, vector: [...Float32Array.from(r.vector)] })));
      const hits = await store.searchText('ribosomes', 5, { unit: 'paragraph' });
      assert.deepEqual(hits.map((h) => h.id), ['par_other']);
    } finally {
      await store.close();
    }
    const raw = createLanceDbStore({ dir });
    await raw.open(identity);
    try {
      assert.equal(await raw.count({ unit: 'paragraph' }), 0, 'the proposition table keeps no paragraph rows');
      assert.equal(await raw.count(), propositions.length);
    } finally {
      await raw.close();
    }
    assert.deepEqual(await listTables(dir), ['propositions', 'propositions_paragraphs']);
  });

  void it('deletes a document from both tables', async () => {
    const store = createLanceDbUnitTablesStore({ dir: await tempDir() });
    await store.open(identity);
    try {
      await store.upsert([...paragraphs, ...propositions]);
      assert.equal(await store.deleteByDocument('doc_1'), 1 + propositions.length);
      assert.deepEqual(await store.listDocumentIds(), ['doc_2', 'doc_3']);
    } finally {
      await store.close();
    }
  });
});
