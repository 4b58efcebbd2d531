/**
 * Crash test: `bin/propo ingest` is killed with SIGKILL at random moments (≥ 50 times), then
 * the store is reopened (which runs recovery) and its invariants are checked: no half
 * document, no orphan vector, every acknowledged document present. Size: PROPO_TEST_SIZE.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../src/app/compose.ts';
import { sha256Hex } from '../../src/core/domain/index.ts';
import { storeViolations } from '../../src/testing/store-invariants.ts';
import { DATASETS, REPO_ROOT, tempDir, testConfig } from '../../src/testing/temp-app.ts';

/** Kills that must land while `bin/propo ingest` is still running. */
const KILLS = process.env.PROPO_TEST_SIZE === 'large' ? 200 : 50;

/**
 * Runs `bin/propo ingest`; with `killAt`, SIGKILLs it `killAt.delayMs` after its `killAt.acks`-th acknowledged
 * file (0: after its first output). Bound by progress, not by how fast the machine is.
 */
function runIngest(args: string[], killAt?: { acks: number; delayMs: number }): Promise<{ acknowledged: string[]; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(join(REPO_ROOT, 'bin/propo'), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const acks = () => [...stderr.matchAll(/^(?:ingested|unchanged)\s+(\S+)/gm)].map((m) => m[1] as string);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (killAt && timer === undefined && acks().length >= killAt.acks) {
        timer = setTimeout(() => { killed = child.exitCode === null; child.kill('SIGKILL'); }, killAt.delayMs);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve({ acknowledged: acks(), killed });
    });
  });
}

test(`ingestion killed at random points ${KILLS} times leaves a consistent store`, { timeout: 30 * 60_000 }, async () => {
  const root = tempDir('propo-crash-');
  const docs = join(root, 'docs');
  mkdirSync(docs);
  const sources = readdirSync(join(DATASETS, 'documents/md')).slice(0, 6).map((f) => join(DATASETS, 'documents/md', f));
  sources.push(join(DATASETS, 'documents/pdf/two_paragraphs.pdf'));
  for (const source of sources) copyFileSync(source, join(docs, source.split('/').pop() as string));
  const config = testConfig({}, { dataDir: join(root, 'data'), logDir: join(root, 'logs') });
  // --force: every round re-ingests every file, so there is real work to interrupt in each round.
  const args = ['--data-dir', config.dataDir, '--log-dir', config.logDir, 'ingest', '--force', docs];
  // One uninterrupted run creates the store (and the compiled build) first.
  await runIngest(args);

  let rng = 12345;
  const random = () => { rng = (rng * 1103515245 + 12345) % 2 ** 31; return rng / 2 ** 31; };
  let kills = 0;
  // Rounds go on until KILLS kills have landed mid-run (a run that finishes first still gets checked).
  for (let round = 0; kills < KILLS && round < KILLS * 3; round++) {
    // Change one file each round so replacements happen too.
    const changed = join(docs, sources[round % 6]?.split('/').pop() as string);
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}\n\nRound ${round} added this sentence about crash number ${round}.\n`);
    const contents = new Map(readdirSync(docs).map((f) => [f, sha256Hex(readFileSync(join(docs, f)))]));
    const { acknowledged, killed } = await runIngest(args, { acks: Math.floor(random() * sources.length), delayMs: Math.floor(random() * 40) });
    if (killed) kills++;

    const app = await createApp(config);
    try {
      await app.recover();
      assert.deepEqual(await storeViolations(app), [], `round ${round}`);
      for (const file of acknowledged) {
        const doc = app.documents.findVisibleByFile(config.namespace, file);
        assert.ok(doc, `round ${round}: acknowledged ${file} is missing`);
        assert.equal(doc.sha256, contents.get(file), `round ${round}: ${file} has the wrong version`);
      }
    } finally {
      await app.close();
    }
  }
  assert.ok(kills >= KILLS, `only ${kills} runs were killed mid-way`);
});
