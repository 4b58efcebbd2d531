/**
 * Issue 13, crash safety of the HNSW index: a real child process writing a SQLite vector store is SIGKILLed while its
 * background HNSW build runs (the store holds more rows than the ANN threshold but still searches exactly), while the
 * build's file is saved at close, and between batched writes. After every kill the store reopens and its dense index
 * agrees with SQLite: each probed live row finds itself first, no hit belongs to a deleted document, the index is HNSW
 * again once settled, and killed saves leave no index files behind. Bounded by kill count, not by time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteVectorStore } from '../../src/providers/stores/sqlite-index/index.ts';
import { REPO_ROOT, tempDir } from '../../src/testing/temp-app.ts';
import { ANN_THRESHOLD, BATCH, IDENTITY, vectorOf } from './hnsw-rows.ts';

const KILLS = process.env.PROPO_TEST_SIZE === 'large' ? 60 : 15;
type Moment = 'building' | 'saving' | 'batch';

/** Runs the writer and SIGKILLs it at `moment` (after `delayMs`); resolves with whether the kill landed and when. */
function runWriter(file: string, round: number, moment: Moment, delayMs: number): Promise<{ killed: boolean; at: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', './bin/register.mjs', 'test/reliability/hnsw-writer.ts', file, String(round)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let at: string | null = null;
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (at !== null) return;
      const lines = out.split('\n').filter(Boolean);
      const hit = lines.find((line) => (moment === 'building' ? line.endsWith(' building') : moment === 'saving' ? line === 'saving' : line.startsWith('batch 2 ')));
      if (hit === undefined) return;
      at = hit;
      setTimeout(() => { killed = child.exitCode === null; child.kill('SIGKILL'); }, delayMs);
    });
    child.on('exit', () => resolve({ killed, at }));
  });
}

test(`SIGKILL during HNSW builds, index saves and batched writes ${KILLS} times leaves a dense index that agrees with SQLite`, { timeout: 40 * 60_000 }, async () => {
  const root = tempDir('propo-hnsw-crash-');
  const file = join(root, 'propo.sqlite');
  let rng = 4242;
  const random = () => { rng = (rng * 1103515245 + 12345) % 2 ** 31; return rng / 2 ** 31; };
  const landed: Record<Moment, number> = { building: 0, saving: 0, batch: 0 };
  let kills = 0;
  for (let round = 0; kills < KILLS && round < KILLS * 3; round++) {
    const pick = random();
    const moment: Moment = pick < 0.6 ? 'building' : pick < 0.8 ? 'saving' : 'batch';
    const { killed } = await runWriter(file, round, moment, Math.floor(random() * 40));
    if (killed) { kills += 1; landed[moment] += 1; }

    const store = createSqliteVectorStore({ file, annThreshold: ANN_THRESHOLD });
    await store.open(IDENTITY);
    try {
      await store.settled();
      const documents = await store.listDocumentIds();
      const live = new Set(documents);
      const rows = await store.count();
      assert.equal(rows, documents.length * BATCH, `round ${round}: whole batches only (one transaction each)`);
      if (rows >= ANN_THRESHOLD) assert.match((await store.health()).detail ?? '', /propositions \(hnsw\)/u, `round ${round}: HNSW again once settled`);
      for (let probe = 0; probe < 5 && documents.length > 0; probe++) {
        const documentId = documents[Math.floor(random() * documents.length)] as string;
        const id = `${documentId}-${Math.floor(random() * BATCH)}`;
        const hits = await store.searchDense(vectorOf(id), 10);
        assert.equal(hits[0]?.id, id, `round ${round}: a live row finds itself first`);
        assert.ok(hits.every((hit) => live.has(hit.record.documentId)), `round ${round}: no hit from a deleted document`);
      }
    } finally {
      await store.close();
    }
    const files = (existsSync(join(root, 'ann')) ? readdirSync(join(root, 'ann')) : []).filter((name) => name.endsWith('.usearch'));
    assert.ok(files.length <= 2, `round ${round}: index files left by killed saves are removed (${files.join(', ')})`);
  }
  assert.ok(kills >= KILLS, `${kills} kills landed in ${KILLS * 3} rounds`);
  assert.ok(landed.building >= KILLS / 3, `kills during HNSW builds: ${JSON.stringify(landed)}`);
  console.log(`# hnsw crash: ${JSON.stringify(landed)}`);
});
