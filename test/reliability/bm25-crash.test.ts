/**
 * Issue 13/17, crash safety of the saved BM25 index (decision 0128): a real child process writing a unit table and
 * saving its BM25 index file after every batch is SIGKILLed at random moments, many of them inside a save (between
 * "saving" and "saved"). After every kill the manifest, when there is one, names a complete file (the old or the new
 * one, never a damaged one), a new table reads it without a warning, its rankings equal FTS5's, and files of killed saves are
 * removed by the next save. Bounded by kill count, not by time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, tempDir } from '../../src/testing/temp-app.ts';
import { loadLexical } from '../../src/providers/stores/sqlite-index/lexical-file.ts';
import { openBm25Table, QUERIES } from './bm25-rows.ts';

const KILLS = process.env.PROPO_TEST_SIZE === 'large' ? 40 : 12;

/** Runs the writer and SIGKILLs it `delayMs` after its first save starts; resolves with whether the kill landed inside a save. */
function runWriter(file: string, base: string, round: number, delayMs: number): Promise<{ killed: boolean; inSave: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', './bin/register.mjs', 'test/reliability/bm25-writer.ts', file, base, String(round)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let armed = false;
    let killed = false;
    let inSave = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (armed || !out.includes('saving 1\n')) return;
      armed = true;
      setTimeout(() => {
        const lines = out.split('\n').filter(Boolean);
        inSave = (lines[lines.length - 1] ?? '').startsWith('saving');
        killed = child.exitCode === null;
        child.kill('SIGKILL');
      }, delayMs);
    });
    child.on('exit', () => resolve({ killed, inSave }));
  });
}

test(`SIGKILL during BM25 index saves ${KILLS} times always leaves a loadable file that ranks as FTS5`, { timeout: 30 * 60_000 }, async () => {
  const root = tempDir('propo-bm25-crash-');
  const file = join(root, 'propo.sqlite');
  const base = join(root, 'ann', 'vec_t-bm25');
  let rng = 1717;
  const random = () => { rng = (rng * 1103515245 + 12345) % 2 ** 31; return rng / 2 ** 31; };
  let kills = 0;
  let inSaves = 0;
  for (let round = 0; kills < KILLS && round < KILLS * 3; round++) {
    // Half the kills at once (inside the save that just started), half 0–120 ms later (anywhere in the next batches).
    const { killed, inSave } = await runWriter(file, base, round, random() < 0.5 ? 0 : Math.floor(random() * 120));
    if (killed) kills += 1;
    if (killed && inSave) inSaves += 1;

    const warnings: string[] = [];
    const { db, table } = openBm25Table(file, { base, warn: (_fields, message) => warnings.push(message) });
    try {
      table.catchUp();
      for (const query of QUERIES) {
        assert.deepEqual(table.searchText(query, 10, undefined).map((hit) => [hit.id, hit.score]), table.searchTextFts(query, 10, undefined).map((hit) => [hit.id, hit.score]), `round ${round}: "${query}"`);
      }
      assert.deepEqual(warnings, [], `round ${round}: the saved file is never damaged`);
      if (existsSync(`${base}.json`)) assert.equal(loadLexical(base, Math.log).status, 'loaded', `round ${round}: the manifest names a complete file`);
      await table.close();
    } finally {
      db.close();
    }
    const files = readdirSync(join(root, 'ann')).filter((name) => name.endsWith('.bm25') || name.endsWith('.tmp'));
    assert.ok(files.length <= 3, `round ${round}: files of killed saves do not pile up (${files.join(', ')})`);
  }
  assert.ok(kills >= KILLS, `${kills} kills landed in ${KILLS * 3} rounds`);
  assert.ok(inSaves >= KILLS / 4, `kills inside a save: ${inSaves} of ${kills}`);
  console.log(`# bm25 crash: ${kills} kills, ${inSaves} inside a save`);
});
