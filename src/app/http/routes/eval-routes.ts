/**
 * Evaluation runs for the Evaluation tab, read from `dataDir/eval-runs/*.json` (written by
 * `bin/propo eval` through saveEvalRun). `POST /api/eval/run` runs the same CLI harness in a
 * child process (admin only, one run at a time) and answers with its summary.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { PropoApp } from '../../compose.ts';
import { PropoError } from '../../../core/errors/index.ts';
import { assertDatasetDir, runEvalChild } from './run-eval-child.ts';

export interface EvalRunSummary { id: string; [key: string]: unknown }

/** Most runs listed (newest first). */
const MAX_RUNS = 200;

export async function listEvalRuns(dataDir: string): Promise<EvalRunSummary[]> {
  const dir = join(dataDir, 'eval-runs');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort().reverse().slice(0, MAX_RUNS);
  const runs: EvalRunSummary[] = [];
  for (const name of names) {
    try {
      const parsed = JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        // Per-query outcomes can be megabytes; the tab needs the summary only.
        const { perQuery: _perQuery, ...summary } = parsed as Record<string, unknown>;
        runs.push({ ...summary, id: name.slice(0, -'.json'.length) });
      }
    } catch {
      // A half-written or foreign file is skipped, not fatal for the list.
    }
  }
  return runs;
}

export async function evalRoutes(server: FastifyInstance, options: { app: PropoApp }): Promise<void> {
  const { app } = options;
  server.get('/api/eval/runs', {
    schema: { tags: ['evaluation'], summary: 'Evaluation runs (from dataDir/eval-runs/*.json), newest first.' },
  }, async () => ({ runs: await listEvalRuns(app.config.dataDir), canRun: true }));

  let running = false;
  server.post<{ Body: { dataset: string } }>('/api/eval/run', {
    config: { role: 'admin' },
    schema: {
      tags: ['evaluation'], summary: 'Run an evaluation on a dataset folder (corpus/queries/qrels[/answers].jsonl) on the server.',
      body: { type: 'object', required: ['dataset'], additionalProperties: false, properties: { dataset: { type: 'string', minLength: 1, maxLength: 1000 } } },
    },
  }, async (request, reply) => {
    const dataset = assertDatasetDir(request.body.dataset);
    if (running) throw new PropoError('PROPO_ERR_CONFLICT', 'An evaluation is already running. Wait for it to finish.');
    running = true;
    const controller = new AbortController();
    // The client went away before the answer: stop the run.
    reply.raw.on('close', () => { if (!reply.raw.writableEnded) controller.abort(); });
    try {
      return await runEvalChild({ dataset, dataDir: app.config.dataDir, logDir: app.config.logDir, signal: controller.signal });
    } finally {
      running = false;
    }
  });
}
