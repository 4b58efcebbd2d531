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
import { compareEvaluations } from '../../../core/eval/compare-evaluations.ts';
import type { EvalRun } from '../../../core/eval/eval-types.ts';
import { assertDatasetDir, runEvalChild, type EvalChildProgress } from './run-eval-child.ts';

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

  /** The run in progress, for GET /api/eval/status (issue 15: progress while a run is going). */
  let current: { dataset: string; startedAt: string; progress: EvalChildProgress | null } | null = null;
  let running = false;

  server.get('/api/eval/status', {
    schema: { tags: ['evaluation'], summary: 'Whether an evaluation started from the web is running, and how far it is (phase, done/total).' },
  }, async () => (current ? { running: true, ...current } : { running: false }));

  const runIds = /^[A-Za-z0-9._-]{1,200}$/;
  const loadRun = async (id: string): Promise<EvalRun> => {
    if (!runIds.test(id)) throw new PropoError('PROPO_ERR_VALIDATION', `Invalid run id "${id.slice(0, 40)}". Pick runs from the list.`);
    const text = await readFile(join(app.config.dataDir, 'eval-runs', `${id}.json`), 'utf8').catch(() => null);
    if (text === null) throw new PropoError('PROPO_ERR_NOT_FOUND', `No evaluation run ${id}. Refresh the Evaluation tab.`);
    const run = JSON.parse(text) as Partial<EvalRun>;
    if (!Array.isArray(run.perQuery) || run.perQuery.length === 0) {
      throw new PropoError('PROPO_ERR_VALIDATION', `Run ${id} has no per-query results, so no paired test is possible. Runs saved by \`bin/propo eval\` have them.`);
    }
    return run as EvalRun;
  };

  server.get<{ Querystring: { a: string; b: string } }>('/api/eval/compare', {
    schema: {
      tags: ['evaluation'], summary: 'Paired comparison of two runs over the same queries: mean difference (B − A), bootstrap 95% CI, bootstrap and permutation p-values.',
      querystring: { type: 'object', required: ['a', 'b'], properties: { a: { type: 'string', maxLength: 200 }, b: { type: 'string', maxLength: 200 } } },
    },
  }, async (request) => {
    const [a, b] = await Promise.all([loadRun(request.query.a), loadRun(request.query.b)]);
    // 2,000 resamples keep the answer quick on a shared machine; `bin/propo eval --compare` uses 10,000.
    return compareEvaluations(a, b, { resamples: 2000, seed: 42 });
  });

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
    current = { dataset: request.body.dataset, startedAt: new Date().toISOString(), progress: null };
    const controller = new AbortController();
    // The client went away before the answer: stop the run.
    reply.raw.on('close', () => { if (!reply.raw.writableEnded) controller.abort(); });
    try {
      return await runEvalChild({ dataset, dataDir: app.config.dataDir, logDir: app.config.logDir, signal: controller.signal, onProgress: (progress) => { if (current) current.progress = progress; } });
    } finally {
      running = false;
      current = null;
    }
  });
}
