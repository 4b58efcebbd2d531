/** Saves a run as `<dir>/<timestamp>-<name>.json` (the web UI lists this folder); returns the path. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvalRun } from './eval-types.ts';

export async function saveEvalRun(dir: string, run: EvalRun): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = run.startedAt.replace(/[:.]/g, '-');
  const safeName = run.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'run';
  const file = join(dir, `${stamp}-${safeName}.json`);
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}
