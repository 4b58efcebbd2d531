import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { ScoredHit, VectorRecord } from '../../../core/domain/index.ts';
import { tempDirsRemovedAfter } from '../../../testing/temp-dirs.ts';
import { openDatabase, type Db } from '../sqlite/index.ts';
import { LexicalIndex } from './lexical-index.ts';
import { UnitTable } from './unit-table.ts';

const makeDir = tempDirsRemovedAfter('propo-lexical-');
const root = resolve(new URL('../../../..', import.meta.url).pathname);

/** A seeded generator (mulberry32): the corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Few words, Zipf-like: many exact ties (same words, same length) and terms matching most rows; stems and
// diacritics that only FTS5's tokenizer folds (running/runs/run, café/cafe), stop words and words outside the query.
const VOCABULARY = ['cell', 'cells', 'protein', 'running', 'runs', 'run', 'café', 'cafe', 'naïve', 'gene', 'expression', 'the', 'of', 'tumour',
  'x²', 'model', 'models', 'data', 'growth', 'rare', 'zyxel', 'insulin', 'mouse', 'mice', 'a', 'in', 'binding', 'site', 'sites'];
function corpus(count: number, seed: number): string[] {
  const next = random(seed);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 97 === 13) { texts.push(''); continue; }
    if (i % 5 === 4) { texts.push(texts[i - 3] ?? 'cell'); continue; }
    const length = 1 + Math.floor(next() * 14);
    const words: string[] = [];
    for (let j = 0; j < length; j++) words.push(VOCABULARY[Math.floor(VOCABULARY.length * next() ** 2.2)] as string);
    texts.push(words.join(next() < 0.2 ? ', ' : ' '));
  }
  return texts;
}
const QUERIES = ['cell', 'cells protein', 'running cafe', 'Runs run running', 'the of a', 'naive café gene expression', 'rare zyxel', 'mouse mice models',
  'x² growth', 'binding sites of insulin in mice', 'unknownword cell', 'tumour data model cells protein gene run café', 'site', 'expression of the gene'];

const record = (i: number, text: string, documentId = `d${i % 9}`): VectorRecord => ({
  id: `r${i}`, documentId, namespace: i % 4 === 0 ? 'other' : 'default', text, unit: 'proposition', page: 1, start: 0, end: text.length,
  paragraphId: `p${i}`, file: 'f.txt', expert: null, vector: Float32Array.from([1, 0, 0, 0]),
});

function openTable(file: string): { db: Db; table: UnitTable } {
  const db = openDatabase(file);
  const table = new UnitTable(db, 'vec_t', { dimensions: 4, annThreshold: Number.POSITIVE_INFINITY });
  table.open();
  return { db, table };
}

const ranking = (hits: ScoredHit[]) => hits.map((hit) => hit.id);

function assertSameAsFts(table: UnitTable, label: string): void {
  for (const query of QUERIES) {
    for (const k of [1, 7, 25, 400]) {
      for (const filter of [undefined, { namespace: 'default' }, { documentIds: ['d2', 'd5'] }]) {
        table.catchUp();
        const ours = table.searchText(query, k, filter);
        const fts = table.searchTextFts(query, k, filter);
        assert.deepEqual(ranking(ours), ranking(fts), `${label}: "${query}" k=${k} ${JSON.stringify(filter)}`);
        assert.deepEqual(ours.map((hit) => hit.score), fts.map((hit) => hit.score), `${label}: "${query}" scores are FTS5's to the last bit`);
      }
    }
  }
}

void test('the in-memory BM25 index ranks exactly as FTS5 bm25() (ties by row number), after writes, replacements and deletions', async () => {
  const dir = await makeDir();
  const { db, table } = openTable(join(dir, 'propo.sqlite'));
  try {
    const texts = corpus(1500, 7);
    db.transaction(() => table.write(texts.map((text, i) => record(i, text))))();
    table.catchUp();
    assertSameAsFts(table, 'built from FTS5');
    const probe = table.searchText('cells protein', 400, undefined);
    assert.ok(probe.some((hit, i) => i > 0 && hit.score === probe[i - 1]?.score), 'the corpus has exact ties');
    assert.ok(table.searchText('cell', 5000, undefined).length > 500, 'a common term matches a large share of rows');

    // This connection's writes after the build: new rows, replaced rows (new row numbers), deleted documents.
    const more = corpus(400, 11);
    db.transaction(() => table.write(more.map((text, i) => record(2000 + i, text))))();
    db.transaction(() => table.write([record(5, 'rare zyxel zyxel insulin'), record(6, '')]))();
    table.deleteWhere({ documentIds: ['d3'] });
    assertSameAsFts(table, 'after writes');
  } finally {
    db.close();
  }
});

void test('a second process\'s writes and deletions reach a built index on the next search', async () => {
  const dir = await makeDir();
  const file = join(dir, 'propo.sqlite');
  const { db, table } = openTable(file);
  try {
    const texts = corpus(600, 3);
    db.transaction(() => table.write(texts.map((text, i) => record(i, text))))();
    table.catchUp();
    assert.deepEqual(ranking(table.searchText('quorbix', 5, undefined)), []);
    assertSameAsFts(table, 'before');
    const script = `
      import { openDatabase } from ${JSON.stringify(join(root, 'src/providers/stores/sqlite/index.ts'))};
      import { UnitTable } from ${JSON.stringify(join(root, 'src/providers/stores/sqlite-index/unit-table.ts'))};
      const db = openDatabase(${JSON.stringify(file)});
      const table = new UnitTable(db, 'vec_t', { dimensions: 4, annThreshold: Infinity });
      table.open();
      const rec = (i, text) => ({ id: 'x' + i, documentId: 'dx', namespace: 'default', text, unit: 'proposition', page: 1, start: 0, end: 1, paragraphId: 'px' + i, file: 'x.txt', expert: null, vector: Float32Array.from([1, 0, 0, 0]) });
      db.transaction(() => table.write([rec(1, 'the quorbix protocol needs cells'), rec(2, 'quorbix quorbix rinses')]))();
      table.deleteWhere({ documentIds: ['d4'] });
      db.close();`;
    const child = spawnSync(process.execPath, ['--import', join(root, 'bin/register.mjs'), '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    table.catchUp();
    assert.deepEqual(ranking(table.searchText('quorbix', 5, undefined)), ['x2', 'x1'], 'rows written by the other process are found');
    assert.ok(table.searchText('cell', 1000, undefined).every((hit) => hit.record.documentId !== 'd4'), 'rows deleted by the other process are gone');
    assertSameAsFts(table, 'after the other process');
  } finally {
    db.close();
  }
});

void test('MaxScore returns the k best by score, then row number, on a hand-made index', () => {
  const index = new LexicalIndex();
  index.add(1, new Map([['a', 1]]));
  index.add(2, new Map([['a', 1], ['b', 1]]));
  index.add(3, new Map([['a', 1]]));
  index.add(4, new Map([['c', 1], ['z', 3]]));
  index.add(5, new Map([['b', 2]]));
  const all = index.search(['a', 'b'], 10, () => true);
  assert.deepEqual(all.map((hit) => hit.n), [5, 2, 1, 3], "b (idf 0.34) twice beats b once + a (idf floored at 1e-6)");
  assert.equal(all[2]?.score, all[3]?.score, 'rows 1 and 3 tie and keep row order');
  assert.deepEqual(index.search(["a", "b"], 2, () => true).map((hit) => hit.n), [5, 2]);
  index.remove(2);
  assert.equal(index.rows, 4);
  assert.deepEqual(index.search(['a', 'b'], 10, (n) => n !== 3).map((hit) => hit.n), [5, 1]);
});
