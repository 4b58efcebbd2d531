/**
 * Cross-process visibility on the default store: a running `bin/propo serve` answers from a note
 * that another process (`bin/propo ingest`) committed, on the first question asked after that
 * process exits, and stops citing it on the first question after `bin/propo docs rm` exits.
 * No waiting, no timing: the server reads committed rows (WAL) and catches its dense index up on each query.
 */
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/providers/stores/sqlite/index.ts';
import { createTempApp, DATASETS } from '../../src/testing/temp-app.ts';
import { propoBin, run, startServe } from '../ops/serve-process.ts';

async function answerText(url: string, question: string): Promise<string> {
  const response = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  assert.equal(response.status, 200, await response.clone().text());
  return response.text();
}

void test('a note ingested or removed by another process is searchable or gone on the next query', { timeout: 10 * 60_000 }, async () => {
  const root = await mkdtemp(join(tmpdir(), 'propo-cross-process-'));
  const env = { PROPO_DATA_DIR: join(root, 'data'), PROPO_LOG_DIR: join(root, 'logs') };
  try {
    const first = await run(propoBin, ['ingest', join(DATASETS, 'documents/md/rustbook-ch04-01-what-is-ownership.md')], env, root);
    assert.equal(first.code, 0, first.stderr);
    const server = await startServe(env);
    try {
      const question = 'What does the quorbix fennelwort protocol require?';
      assert.doesNotMatch(await answerText(server.url, question), /quorbix-note\.md:/);

      const note = join(root, 'quorbix-note.md');
      await writeFile(note, '# Lab notes\n\nThe quorbix fennelwort protocol requires three cold rinses before sequencing.\n');
      const ingest = await run(propoBin, ['ingest', '--json', note], env, root);
      assert.equal(ingest.code, 0, ingest.stderr);
      const id = (JSON.parse(ingest.stdout) as { documents: Array<{ id: string }> }).documents[0]?.id ?? '';
      assert.match(await answerText(server.url, question), /quorbix-note\.md:1:\d+-\d+/, 'the server cites the note ingested by the other process');

      const removed = await run(propoBin, ['docs', 'rm', id], env, root);
      assert.equal(removed.code, 0, removed.stderr);
      assert.doesNotMatch(await answerText(server.url, question), /quorbix-note\.md:/, 'the server no longer cites the removed note');
    } finally {
      await server.stop();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

void test('another process opening the data dir mid-ingestion leaves the ingestion in progress alone (recovery waits for the writer lock)', { timeout: 10 * 60_000 }, async () => {
  // The reader (`bin/propo collections list`, a command that opens the app and so runs recovery; `docs list` opens the
  // catalogue only since decision 0131) runs synchronously while this process holds the writer lock with its
  // pending rows written: before the fix its start-up recovery deleted them as if this process had crashed.
  let reader: ReturnType<typeof spawnSync> | undefined;
  const { app, config, cleanup } = await createTempApp({}, {}, {
    checkpoint: (name) => {
      if (name !== 'pending-written' || reader) return;
      reader = spawnSync(propoBin, ['collections', 'list', '--json'], {
        env: { ...process.env, PROPO_DATA_DIR: config.dataDir, PROPO_LOG_DIR: config.logDir }, encoding: 'utf8', timeout: 120_000,
      });
    },
  });
  try {
    const result = await app.ingest({ fileName: 'quorbix-note.md', bytes: new TextEncoder().encode('# Lab notes\n\nThe quorbix fennelwort protocol requires three cold rinses before sequencing.\n') });
    assert.ok(reader, 'the reader ran while the ingestion held its pending rows');
    assert.equal(reader.status, 0, String(reader.stderr));
    assert.equal(result.status, 'ingested', JSON.stringify(result.error));
    assert.equal(app.documents.findById(result.id)?.status, 'ingested');
    const answer = await app.ask('What does the quorbix fennelwort protocol require?');
    assert.match(answer.answer, /quorbix-note\.md:1:\d+-\d+/);
  } finally {
    await cleanup();
  }
});

void test('bin/propo ingest leaves the saved BM25 index current, so the next process loads it instead of building it', { timeout: 10 * 60_000 }, async () => {
  const root = await mkdtemp(join(tmpdir(), 'propo-bm25-after-ingest-'));
  const env = { PROPO_DATA_DIR: join(root, 'data'), PROPO_LOG_DIR: join(root, 'logs') };
  // Each unit's saved index covers every row committed so far (watermark = the table's last row number).
  const assertCurrent = async (label: string) => {
    const db = openDatabase(join(root, 'data', 'propo.sqlite'));
    try {
      for (const table of ['vec_propositions', 'vec_propositions_paragraphs']) {
        const manifest = JSON.parse(await readFile(join(root, 'data', 'ann', `${table}-bm25.json`), 'utf8')) as { watermark: number };
        const last = db.prepare(`SELECT max(n) FROM "${table}"`).pluck().get() as number;
        assert.ok(last > 0, `${label}: ${table} has rows`);
        assert.equal(manifest.watermark, last, `${label}: the saved ${table} index covers every row`);
      }
    } finally {
      db.close();
    }
  };
  try {
    const first = await run(propoBin, ['ingest', join(DATASETS, 'documents/md/rustbook-ch04-01-what-is-ownership.md'), join(DATASETS, 'documents/md/vite-guide-cli.md')], env, root);
    assert.equal(first.code, 0, first.stderr);
    await assertCurrent('after the first ingest (built)');
    // One short note: far fewer new rows than the background save threshold, saved anyway at the end of the run.
    const note = join(root, 'note.md');
    await writeFile(note, '# Lab notes\n\nThe quorbix fennelwort protocol requires three cold rinses before sequencing.\n');
    const second = await run(propoBin, ['ingest', note], env, root);
    assert.equal(second.code, 0, second.stderr);
    await assertCurrent('after a one-note ingest (loaded, caught up)');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
