import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ScoredHit, VectorRecord } from '../../../core/domain/index.ts';
import { tempDirsRemovedAfter } from '../../../testing/temp-dirs.ts';
import { openDatabase, type Db } from '../sqlite/index.ts';
import { LexicalIndex } from './lexical-index.ts';
import { UnitTable, type LexicalFileOptions } from './unit-table.ts';

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

function openTable(file: string, lexicalFile: LexicalFileOptions = {}): { db: Db; table: UnitTable } {
  const db = openDatabase(file);
  const table = new UnitTable(db, 'vec_t', { dimensions: 4, annThreshold: Number.POSITIVE_INFINITY }, lexicalFile);
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

/** A table whose BM25 index is saved at `<dir>/ann/vec_t-bm25`, with the warnings it logs. */
function openSaved(file: string): { db: Db; table: UnitTable; base: string; warnings: string[] } {
  const warnings: string[] = [];
  const base = join(dirname(file), 'ann', 'vec_t-bm25');
  return { ...openTable(file, { base, warn: (_fields, message) => warnings.push(message) }), base, warnings };
}

/** Copies a closed database (its WAL checkpointed first) over `to`, as a restore does. */
function restore(from: string, to: string): void {
  const db = openDatabase(from);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  copyFileSync(from, to);
  for (const suffix of ['-wal', '-shm']) writeFileSync(to + suffix, '');
}

const dataFile = (base: string) => join(dirname(base), (JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { file: string }).file);

/** Fills a table (with replacements and deletions, so the save compacts), searches once and closes: the file is saved. */
async function savedLibrary(file: string, seed = 7): Promise<{ base: string; rankings: string[][] }> {
  const { db, table, base, warnings } = openSaved(file);
  try {
    db.transaction(() => table.write(corpus(1500, seed).map((text, i) => record(i, text))))();
    db.transaction(() => table.write([record(5, 'rare zyxel zyxel insulin'), record(6, '')]))();
    table.deleteWhere({ documentIds: ['d3'] });
    table.catchUp();
    const rankings = QUERIES.map((query) => ranking(table.searchText(query, 25, undefined)));
    assert.equal(table.lexicalOrigin, 'built');
    await table.close();
    assert.deepEqual(warnings, []);
    return { base, rankings };
  } finally {
    db.close();
  }
}

void test('a saved BM25 index loads in a new process\'s table and ranks exactly as a fresh build and as FTS5', async () => {
  const dir = await makeDir();
  const file = join(dir, 'propo.sqlite');
  const { rankings } = await savedLibrary(file);
  const { db, table, warnings } = openSaved(file);
  try {
    assert.deepEqual(QUERIES.map((query) => ranking(table.searchText(query, 25, undefined))), rankings, 'same top-25 as before the save');
    assert.equal(table.lexicalOrigin, 'loaded', 'loaded from the file, not rebuilt');
    assertSameAsFts(table, 'loaded from the file');
    db.transaction(() => table.write(corpus(300, 19).map((text, i) => record(3000 + i, text))))();
    table.deleteWhere({ documentIds: ['d1'] });
    assertSameAsFts(table, 'loaded, then written to');
    assert.deepEqual(warnings, []);
  } finally {
    db.close();
  }
});

void test('LexicalIndex serialize / deserialize round-trips a hand-made index, deleted rows compacted away', () => {
  const index = new LexicalIndex();
  index.add(1, new Map([['a', 1]]));
  index.add(2, new Map([['a', 1], ['b', 1]]));
  index.add(3, new Map([['a', 1]]));
  index.add(5, new Map([['b', 2], ['é', 1]]));
  index.add(6, new Map([['gone', 1]]));
  index.remove(2);
  index.remove(6);
  index.watermark = 5;
  index.goneMark = 1;
  const chunks = index.serialize() as Uint8Array[];
  const copy = LexicalIndex.deserialize(Buffer.concat(chunks));
  assert.deepEqual([copy.rows, copy.tokens, copy.watermark, copy.goneMark], [3, 5, 5, 1]);
  for (const query of [['a'], ['a', 'b'], ['é', 'b', 'b']]) assert.deepEqual(copy.search(query, 10, () => true), index.search(query, 10, () => true));
  assert.ok(copy.bytes < index.bytes, 'the copy holds only what it needs');
  copy.add(9, new Map([['c', 1], ['a', 2]]));
  copy.add(10, new Map([['gone', 2]])); // a term whose saved postings were all compacted away
  copy.add(11, new Map([['gone', 1], ['é', 1]]));
  copy.remove(1);
  assert.deepEqual(copy.search(['a', 'c'], 10, () => true).map((hit) => hit.n), [9, 3]);
  assert.deepEqual(copy.search(['gone'], 10, () => true).map((hit) => hit.n), [10, 11]);
  assert.equal((Buffer.concat(copy.serialize() as Uint8Array[])).byteLength > 0, true);
  const bytes = Buffer.concat(chunks);
  bytes[200] = (bytes[200] as number) ^ 1;
  assert.throws(() => LexicalIndex.deserialize(bytes), /checksum/u);
  assert.throws(() => LexicalIndex.deserialize(bytes.subarray(0, 100)), /truncated/u);
});

void test('a saved BM25 index older than the table is caught up; one ahead of it (a restore) is ignored with a log line and rebuilt', async () => {
  const dir = await makeDir();
  const file = join(dir, 'propo.sqlite');
  const { base } = await savedLibrary(file);
  // An older copy of the database, taken while the file matches it.
  restore(file, join(dir, 'old.sqlite'));

  // Another connection (no BM25 index of its own) writes and deletes: the file is now older than the table.
  const writer = openTable(file);
  writer.db.transaction(() => writer.table.write(corpus(200, 23).map((text, i) => record(5000 + i, text))))();
  writer.table.deleteWhere({ documentIds: ['d7'] });
  writer.db.close();
  const newer = openSaved(file);
  try {
    assertSameAsFts(newer.table, 'stale file caught up');
    assert.equal(newer.table.lexicalOrigin, 'loaded');
    await newer.table.close(); // 200 new rows + deletions pass the save threshold: saved again
    assert.deepEqual(newer.warnings, []);
  } finally {
    newer.db.close();
  }

  // Restore the older database: the saved file now covers rows the table does not have.
  restore(join(dir, 'old.sqlite'), file);
  const restored = openSaved(file);
  try {
    assertSameAsFts(restored.table, 'after a restore');
    assert.equal(restored.table.lexicalOrigin, 'built');
    assert.equal(restored.warnings.length, 1);
    assert.match(restored.warnings[0] as string, /saved BM25 index ignored \(it is ahead of the table/u);
  } finally {
    restored.db.close();
  }
  assert.ok(readFileSync(dataFile(base)).byteLength > 0);
});

void test('a damaged BM25 index file (flipped byte, truncated, bad manifest, other database) is ignored with a log line and rebuilt', async () => {
  const dir = await makeDir();
  const file = join(dir, 'propo.sqlite');
  // Another library built the same way from other texts: the same marks (row numbers, deletion log), other totals.
  const other = join(await makeDir(), 'propo.sqlite');
  await savedLibrary(other, 99);
  const { base } = await savedLibrary(file);
  const path = dataFile(base);
  const good = readFileSync(path);
  const manifest = readFileSync(`${base}.json`, 'utf8');
  const damages: Array<[string, () => void, RegExp]> = [
    ['flipped byte', () => { const bytes = Buffer.from(good); bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] as number) ^ 0x10; writeFileSync(path, bytes); }, /checksum/u],
    ['truncated', () => writeFileSync(path, good.subarray(0, good.length - 1000)), /size differs/u],
    ['bad manifest', () => writeFileSync(`${base}.json`, '{"file": 3'), /unreadable manifest/u],
    ['other database', () => restore(other, file), /differ from FTS5/u],
  ];
  for (const [label, damage, reason] of damages) {
    writeFileSync(path, good);
    writeFileSync(`${base}.json`, manifest);
    damage();
    const { db, table, warnings } = openSaved(file);
    try {
      assertSameAsFts(table, label);
      assert.equal(table.lexicalOrigin, 'built', label);
      assert.equal(warnings.length, 1, label);
      assert.match(warnings[0] as string, reason, label);
      await table.close();
      assert.notEqual(dataFile(base), path, `${label}: the rebuilt index is saved under a new name`);
    } finally {
      db.close();
    }
  }
});

void test('a saved BM25 index with more new rows than half its own is rebuilt instead of caught up (no warning), then saved again', async () => {
  const dir = await makeDir();
  const file = join(dir, 'propo.sqlite');
  const { base } = await savedLibrary(file);
  const before = dataFile(base);
  const writer = openTable(file);
  writer.db.transaction(() => writer.table.write(corpus(1000, 29).map((text, i) => record(7000 + i, text))))();
  writer.db.close();
  const grown = openSaved(file);
  try {
    assertSameAsFts(grown.table, 'rebuilt after a large ingest');
    assert.equal(grown.table.lexicalOrigin, 'built');
    await grown.table.close();
    assert.deepEqual(grown.warnings, []);
    assert.notEqual(dataFile(base), before, 'saved again');
  } finally {
    grown.db.close();
  }
  const next = openSaved(file);
  try {
    assertSameAsFts(next.table, 'loaded after the rebuild');
    assert.equal(next.table.lexicalOrigin, 'loaded');
  } finally {
    next.db.close();
  }
});
