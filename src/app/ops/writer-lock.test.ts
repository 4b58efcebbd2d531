/** Writer lock across real processes: one writer at a time, a waiter gets it after release, a killed holder's lock is taken over. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { acquireWriterLock, readWriterLock, WRITER_LOCK_FILE } from './writer-lock.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const lockModule = resolve(import.meta.dirname, 'writer-lock.ts');

interface Child { process: ChildProcess; output: () => string; exit: Promise<number | null>; waitFor(text: string): Promise<void> }

/** A real process that takes the lock (waiting up to `wait` ms), prints LOCKED, holds until stdin ends, then releases. */
function startWriter(dataDir: string, wait: number, purpose: string): Child {
  const code = `
    const { acquireWriterLock } = await import(${JSON.stringify(lockModule)});
    try {
      const lock = await acquireWriterLock(${JSON.stringify(dataDir)}, { wait: ${wait}, purpose: ${JSON.stringify(purpose)} });
      process.stdout.write('LOCKED ' + process.pid + '\\n');
      process.stdin.resume();
      process.stdin.on('end', () => { lock.release(); process.stdout.write('RELEASED\\n'); process.exit(0); });
    } catch (error) {
      process.stdout.write('ERROR ' + error.code + ' ' + error.message + '\\n');
      process.exit(4);
    }`;
  const child = spawn(process.execPath, ['--import', join(repoRoot, 'bin/register.mjs'), '--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const listeners: Array<() => void> = [];
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const listener of listeners.splice(0)) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const waitFor = async (text: string): Promise<void> => {
    while (!output.includes(text)) {
      const more = new Promise<void>((done) => listeners.push(done));
      const ended = await Promise.race([more.then(() => false), exit.then(() => true)]);
      if (ended && !output.includes(text)) throw new Error(`writer exited without "${text}": ${output}`);
    }
  };
  return { process: child, output: () => output, exit, waitFor };
}

void test('two processes: the second fails with PROPO_ERR_CONFLICT naming the holder, or waits and then gets the lock', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'propo-lock-'));
  const first = startWriter(dataDir, 0, 'ingest');
  try {
    await first.waitFor('LOCKED');
    const impatient = startWriter(dataDir, 0, 'restore');
    assert.equal(await impatient.exit, 4);
    assert.match(impatient.output(), /ERROR PROPO_ERR_CONFLICT .*pid \d+ .*\(ingest/);

    const patient = startWriter(dataDir, 60_000, 'reindex');
    // The waiter cannot hold the lock while the first one does: release the first, then the waiter gets it.
    await new Promise((done) => setTimeout(done, 300));
    assert.ok(!patient.output().includes('LOCKED'), 'a second writer never holds the lock at the same time');
    first.process.stdin?.end();
    await first.waitFor('RELEASED');
    await patient.waitFor('LOCKED');
    assert.equal(readWriterLock(dataDir)?.purpose, 'reindex');
    patient.process.stdin?.end();
    assert.equal(await patient.exit, 0);
    assert.equal(readWriterLock(dataDir), null, 'released lock file is gone');
  } finally {
    first.process.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
});

void test('a lock left by a killed process is taken over', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'propo-lock-'));
  try {
    const victim = startWriter(dataDir, 0, 'ingest');
    await victim.waitFor('LOCKED');
    victim.process.kill('SIGKILL');
    await victim.exit;
    assert.equal(readWriterLock(dataDir)?.pid, victim.process.pid, 'the dead process left its lock behind');
    const lock = await acquireWriterLock(dataDir, { purpose: 'restore' });
    assert.equal(readWriterLock(dataDir)?.pid, process.pid);
    lock.release();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

void test('in one process the lock is not re-entrant, and a garbage lock file that is fresh is respected', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'propo-lock-'));
  try {
    const lock = await acquireWriterLock(dataDir);
    await assert.rejects(acquireWriterLock(dataDir), (error: { code?: string }) => error.code === 'PROPO_ERR_CONFLICT');
    lock.release();
    lock.release();
    await writeFile(join(dataDir, WRITER_LOCK_FILE), '');
    await assert.rejects(acquireWriterLock(dataDir), (error: { code?: string }) => error.code === 'PROPO_ERR_CONFLICT');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
