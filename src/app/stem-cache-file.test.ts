import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApp } from './compose.ts';
import { testConfig, tempDir } from '../testing/temp-app.ts';
import { lexicalTerms, primeStemCache, stemCacheSize } from '../core/retrieval/lexical/lexical-terms.ts';
import { loadStemCache, saveStemCache, stemCacheFile } from './stem-cache-file.ts';

test('primeStemCache takes checked stems and refuses a file whose sample disagrees with the stemmer', () => {
  const before = stemCacheSize();
  const words = Array.from({ length: 40 }, (_, i) => `zorbulating${String.fromCharCode(97 + (i % 26))}${i}`);
  assert.equal(primeStemCache(words.map((w) => [w, `${w}-wrong`] as const)), -1, 'wrong stems are refused as a whole');
  assert.equal(stemCacheSize(), before);
  const right = lexicalTerms('The lighthouses were glowing brightly');
  assert.deepEqual(right, ['lighthous', 'were', 'glow', 'bright']);
  assert.equal(primeStemCache([['lighthouses', 'lighthous'], ['glowing', 'glow']]), 0, 'known words are not counted again');
});

test('the stems are saved when an app that searched closes, and a damaged file is ignored with a warning', async () => {
  const config = testConfig();
  try {
    const app = await createApp(config);
    const text = 'The harbour lighthouse was automated in 1987 after the keepers retired.\n';
    assert.equal((await app.ingest({ fileName: 'harbour.md', bytes: new TextEncoder().encode(text) })).status, 'ingested');
    await app.ask('When was the harbour lighthouse automated?');
    await app.close();
    const file = stemCacheFile(config.dataDir);
    assert.ok(existsSync(file), 'saved at close');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { format: number; stems: Array<[string, string]> };
    assert.equal(saved.format, 1);
    assert.ok(saved.stems.some(([word, term]) => word === 'automated' && term === 'autom'), 'holds the words of the library and the question');

    // Nothing new: no rewrite. A damaged file: warned about, and the stems are computed again.
    const mtime = readFileSync(file, 'utf8');
    saveStemCache(file, stemCacheSize());
    assert.equal(readFileSync(file, 'utf8'), mtime);
    writeFileSync(file, '{"format":1,"stems":[["a"');
    const warnings: string[] = [];
    loadStemCache(file, (message) => warnings.push(message));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /could not be read/u);
    writeFileSync(file, JSON.stringify({ format: 1, stems: Array.from({ length: 20 }, (_, i) => [`glowing${i}`, 'not-a-stem']) }));
    loadStemCache(file, (message) => warnings.push(message));
    assert.match(warnings[1] ?? '', /not a stem cache of this version/u);
    const again = await createApp(config);
    try {
      const result = await again.ask('When was the harbour lighthouse automated?');
      assert.match(result.answer, /1987/u);
    } finally {
      await again.close();
    }
  } finally {
    rmSync(resolve(config.dataDir, '..'), { recursive: true, force: true });
  }
});

test('a missing file is no warning; a read-only place only warns on save', () => {
  const dir = tempDir('propo-stems-');
  try {
    const warnings: string[] = [];
    loadStemCache(join(dir, 'cache', 'stems.json'), (message) => warnings.push(message));
    assert.equal(warnings.length, 0);
    writeFileSync(join(dir, 'cache'), 'a file where the folder should be');
    saveStemCache(join(dir, 'cache', 'stems.json'), -1, (message) => warnings.push(message));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /Could not save/u);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
