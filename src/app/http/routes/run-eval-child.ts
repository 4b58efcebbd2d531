/**
 * Runs `bin/propo eval --dataset <dir> --json` as a child process for the Evaluation tab: the
 * same harness as the CLI (scratch index cached under dataDir/eval-cache, run saved under
 * dataDir/eval-runs), isolated from the server's event loop and memory.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PropoError } from '../../../core/errors/index.ts';

const BIN = fileURLToPath(new URL('../../../../bin/propo', import.meta.url));

export function assertDatasetDir(dir: string): string {
  const full = resolve(dir);
  const missing = ['corpus.jsonl', 'queries.jsonl', 'qrels.jsonl'].filter((f) => !existsSync(join(full, f)));
  if (!existsSync(full) || !statSync(full).isDirectory() || missing.length > 0) {
    throw new PropoError('PROPO_ERR_VALIDATION', `"${dir}" is not a dataset folder${missing.length ? ` (missing ${missing.join(', ')})` : ''}. It needs corpus.jsonl, queries.jsonl and qrels.jsonl (answers.jsonl optional).`);
  }
  return full;
}

/** Where a running evaluation is, parsed from the harness's progress lines on stderr ("ingest 3/10 files …"). */
export interface EvalChildProgress { phase: 'ingest' | 'query'; done: number; total: number }

export function runEvalChild(options: { dataset: string; dataDir: string; logDir: string; signal?: AbortSignal; onProgress?: (progress: EvalChildProgress) => void }): Promise<Record<string, unknown>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(BIN, ['--data-dir', options.dataDir, '--log-dir', options.logDir, 'eval', '--dataset', options.dataset, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], ...(options.signal ? { signal: options.signal } : {}) });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      err = (err + text).slice(-4000);
      for (const match of text.matchAll(/(ingest|query) (\d+)\/(\d+)/g)) {
        options.onProgress?.({ phase: match[1] as 'ingest' | 'query', done: Number(match[2]), total: Number(match[3]) });
      }
    });
    child.on('error', (error) => reject(new PropoError('PROPO_ERR_INTERNAL', `The evaluation could not start: ${error.message}`, { cause: error })));
    child.on('close', (code) => {
      if (code !== 0) {
        const reason = /error (PROPO_ERR_\w+): (.*)/.exec(err);
        reject(new PropoError('PROPO_ERR_VALIDATION', `The evaluation failed${reason ? `: ${reason[2]}` : ` (exit ${code})`}.`));
        return;
      }
      try {
        resolvePromise(JSON.parse(out) as Record<string, unknown>);
      } catch (error) {
        reject(new PropoError('PROPO_ERR_INTERNAL', 'The evaluation printed no result.', { cause: error }));
      }
    });
  });
}
