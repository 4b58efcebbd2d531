import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lanceCpuThreads, MIN_LANCE_CPU_THREADS } from './lance-runtime.ts';
import { REPO_ROOT } from '../../../testing/temp-app.ts';

test('LanceDB gets at least 4 CPU threads on small machines unless the user chose a value', () => {
  assert.equal(lanceCpuThreads({}, 2), String(MIN_LANCE_CPU_THREADS));
  assert.equal(lanceCpuThreads({ LANCE_CPU_THREADS: '' }, 1), String(MIN_LANCE_CPU_THREADS));
  assert.equal(lanceCpuThreads({}, 8), undefined, 'enough cores: LanceDB sizes the pool itself');
  assert.equal(lanceCpuThreads({ LANCE_CPU_THREADS: '2' }, 2), undefined, 'a user value wins');
});

test('loading the LanceDB store applies it before any LanceDB call', () => {
  const env: Record<string, string> = { ...process.env } as Record<string, string>;
  delete env.LANCE_CPU_THREADS;
  const script = "await import('./src/providers/stores/lancedb/index.ts'); process.stdout.write(String(process.env.LANCE_CPU_THREADS) + ' ' + (await import('node:os')).availableParallelism());";
  const [value, cores] = execFileSync(process.execPath, ['--import', './bin/register.mjs', '--input-type=module', '-e', script], { env, encoding: 'utf8', cwd: REPO_ROOT }).trim().split(' ');
  assert.equal(value, Number(cores) < MIN_LANCE_CPU_THREADS ? String(MIN_LANCE_CPU_THREADS) : 'undefined');
});
