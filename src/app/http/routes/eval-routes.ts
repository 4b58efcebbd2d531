/**
 * Evaluation runs for the Evaluation tab, read from `dataDir/eval-runs/*.json` (written by
 * `bin/propo eval` through saveEvalRun). Starting a run from the UI waits for a reusable
 * "run one variant" helper next to the eval command (its index wiring lives in the CLI today).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { PropoApp } from '../../compose.ts';

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
  }, async () => ({ runs: await listEvalRuns(app.config.dataDir), canRun: false }));
}
