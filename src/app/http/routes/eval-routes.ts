/**
 * Evaluation runs for the Evaluation tab, read from `dataDir/eval-runs/*.json` (written by the
 * evaluation harness). Running an evaluation from the UI is wired once `src/core/eval` exports
 * `runEvaluation` (see the report of the web-app issue).
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
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) runs.push({ ...(parsed as Record<string, unknown>), id: name.slice(0, -'.json'.length) });
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
